import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { RegistrationImportController } from './import/registration-import.controller';
import { RegistrationImportService } from './import/registration-import.service';
import { RegistrationAccessService } from './registration-access.service';
import { RegistrationsController } from './registrations.controller';
import { RegistrationsService } from './registrations.service';

@Module({
  imports: [AuthModule, OrganisationsModule],
  controllers: [RegistrationsController, RegistrationImportController],
  providers: [RegistrationAccessService, RegistrationsService, RegistrationImportService],
  exports: [RegistrationAccessService],
})
export class RegistrationsModule {}
