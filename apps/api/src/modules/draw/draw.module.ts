import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { RegistrationAccessService } from '../registrations/registration-access.service';
import { DrawController } from './draw.controller';
import { DrawService } from './draw.service';
import { RoundAccessService } from './round-access.service';

@Module({
  imports: [AuthModule, OrganisationsModule],
  controllers: [DrawController],
  providers: [DrawService, RoundAccessService, RegistrationAccessService],
  exports: [RoundAccessService],
})
export class DrawModule {}
