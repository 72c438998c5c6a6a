import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ResultsDocumentsModule } from '../results-documents/results-documents.module';
import { StatisticsController } from './statistics.controller';
import { StatisticsService } from './statistics.service';

@Module({
  imports: [AuthModule, ResultsDocumentsModule],
  controllers: [StatisticsController],
  providers: [StatisticsService],
})
export class StatisticsModule {}
