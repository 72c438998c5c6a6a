import { Module } from '@nestjs/common';
import { OrganisationsModule } from '../organisations/organisations.module';
import { RegistrationsModule } from '../registrations/registrations.module';
import { TeamsController } from './teams.controller';
import { TeamsService } from './teams.service';

@Module({
  imports: [RegistrationsModule, OrganisationsModule],
  controllers: [TeamsController],
  providers: [TeamsService],
})
export class TeamsModule {}
