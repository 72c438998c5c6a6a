import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { JudgingModule } from '../judging/judging.module';
import { StandingsService } from '../judging/standings.service';
import { AudienceVoteService } from './audience-vote.service';
import { CompetitionStandingsService } from './competition-standings.service';
import { ScoreboardBroadcaster } from './scoreboard-broadcaster';
import { ScoreboardControlService } from './scoreboard-control.service';
import { ScoreboardController } from './scoreboard.controller';
import { ScoreboardFeedService } from './scoreboard-feed.service';
import { ScoreboardGateway } from './scoreboard.gateway';
import { ScoreboardOutboxPump } from './scoreboard-outbox.pump';
import { ScoreboardService } from './scoreboard.service';
import { ScoreboardTicker } from './scoreboard-ticker';
import { STANDINGS_SOURCE } from './standings-source';

/**
 * Live scoreboards: boards per event and view fed from the outbox, the socket.io gateway, the
 * freeze/reveal controls and the audience vote. The standings come from STANDINGS_SOURCE, bound
 * to the judging module's StandingsService.
 */
@Module({
  imports: [AuthModule, JudgingModule],
  controllers: [ScoreboardController],
  providers: [
    // The judging module computes standings; tests and the benchmark may stand in for it.
    { provide: STANDINGS_SOURCE, useExisting: StandingsService },
    ScoreboardBroadcaster,
    ScoreboardFeedService,
    ScoreboardOutboxPump,
    ScoreboardTicker,
    ScoreboardService,
    ScoreboardControlService,
    AudienceVoteService,
    CompetitionStandingsService,
    ScoreboardGateway,
  ],
  exports: [ScoreboardOutboxPump, ScoreboardFeedService],
})
export class ScoreboardModule {}
