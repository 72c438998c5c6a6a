import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { AppealsService } from './appeals.service';
import { ChainAuditService } from './chain-audit.service';
import { ChainVerifier } from './chain-verifier.service';
import { ChainWriter } from './chain-writer.service';
import { JudgingAccessService } from './judging-access.service';
import { JudgingController } from './judging.controller';
import { PanelsService } from './panels.service';
import { ResultsService } from './results.service';
import { RoundContextService } from './round-context.service';
import { RoundScoringService } from './round-scoring.service';
import { SheetsService } from './sheets.service';
import { StandingsService } from './standings.service';
import { TheoryImportService } from './theory-import.service';

@Module({
  imports: [AuthModule, OrganisationsModule],
  controllers: [JudgingController],
  providers: [
    ChainWriter,
    ChainVerifier,
    ChainAuditService,
    JudgingAccessService,
    RoundContextService,
    RoundScoringService,
    SheetsService,
    PanelsService,
    ResultsService,
    AppealsService,
    TheoryImportService,
    StandingsService,
  ],
  exports: [StandingsService, ChainVerifier, RoundScoringService, ChainWriter],
})
export class JudgingModule {}
