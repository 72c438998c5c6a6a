import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { CompetitionSetupController } from './competition-setup.controller';
import { CompetitionSetupService } from './competition-setup.service';
import { CompetitionsController } from './competitions.controller';
import { CompetitionsService } from './competitions.service';

@Module({
  imports: [OrganisationsModule, AuthModule],
  controllers: [CompetitionsController, CompetitionSetupController],
  providers: [CompetitionsService, CompetitionSetupService],
})
export class CompetitionsModule {}
