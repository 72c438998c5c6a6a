import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { JudgingModule } from '../judging/judging.module';
import { PublishedResultsService } from './published-results.service';
import {
  PublicResultsController,
  ResultsDocumentsController,
} from './results-documents.controller';
import { ResultsDocumentsService } from './results-documents.service';

@Module({
  imports: [AuthModule, JudgingModule],
  controllers: [ResultsDocumentsController, PublicResultsController],
  providers: [PublishedResultsService, ResultsDocumentsService],
  exports: [PublishedResultsService],
})
export class ResultsDocumentsModule {}
