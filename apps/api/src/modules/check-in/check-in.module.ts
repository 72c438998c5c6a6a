import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DrawModule } from '../draw/draw.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { CheckInController } from './check-in.controller';
import { CheckInService } from './check-in.service';
import { PersonPhotoService } from './person-photo.service';

@Module({
  imports: [AuthModule, OrganisationsModule, DrawModule],
  controllers: [CheckInController],
  providers: [CheckInService, PersonPhotoService],
})
export class CheckInModule {}
