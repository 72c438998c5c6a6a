import type {
  CompetitionOverview,
  CompetitionStandings,
  EventScoreboardSettings,
  ScoreboardSnapshot,
  VoteTally,
} from '@jingsai/contracts';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentUser, Public, Roles } from '../../common/auth/auth.decorators';
import type { AuthUser } from '../../common/auth/auth-user';
import { AudienceVoteService } from './audience-vote.service';
import { CompetitionStandingsService } from './competition-standings.service';
import { ScoreboardControlService } from './scoreboard-control.service';
import {
  CastVoteDto,
  CompetitionEventParams,
  CompetitionParams,
  EventParams,
  FreezeDto,
  VoteSettingsDto,
} from './scoreboard.dto';
import { STAFF_ROLES, ScoreboardService } from './scoreboard.service';

@ApiTags('scoreboard')
@Controller()
export class ScoreboardController {
  constructor(
    private readonly service: ScoreboardService,
    private readonly control: ScoreboardControlService,
    private readonly votes: AudienceVoteService,
    private readonly competitionStandings: CompetitionStandingsService,
  ) {}

  /** The public board over HTTP: the socket's fallback and the first paint of a page. */
  @Public()
  @Get('public/events/:eventId/standings')
  publicStandings(@Param() params: EventParams): Promise<ScoreboardSnapshot> {
    return this.service.publicStandings(params.eventId);
  }

  @Public()
  @Get('public/competitions/:competitionId/scoreboard')
  overview(@Param() params: CompetitionParams): Promise<CompetitionOverview> {
    return this.service.overview(params.competitionId);
  }

  /** Enterprise standings and award tables of the whole competition, from the public boards. */
  @Public()
  @Get('public/competitions/:competitionId/standings')
  publicCompetitionStandings(@Param() params: CompetitionParams): Promise<CompetitionStandings> {
    return this.competitionStandings.publicStandings(params.competitionId);
  }

  @Get('competitions/:competitionId/standings')
  @Roles(STAFF_ROLES, { competition: 'competitionId' })
  staffCompetitionStandings(@Param() params: CompetitionParams): Promise<CompetitionStandings> {
    return this.competitionStandings.staffStandings(params.competitionId);
  }

  @Get('competitions/:competitionId/events/:eventId/standings')
  @Roles(STAFF_ROLES, { competition: 'competitionId' })
  staffStandings(@Param() params: CompetitionEventParams): Promise<ScoreboardSnapshot> {
    return this.service.staffStandings(params.competitionId, params.eventId);
  }

  @Get('competitions/:competitionId/scoreboard/settings')
  @Roles(['organiser'], { competition: 'competitionId' })
  settings(@Param() params: CompetitionParams): Promise<EventScoreboardSettings[]> {
    return this.control.settings(params.competitionId);
  }

  @Put('competitions/:competitionId/scoreboard/freeze')
  @Roles(['organiser'], { competition: 'competitionId' })
  freezeCompetition(
    @CurrentUser() user: AuthUser,
    @Param() params: CompetitionParams,
    @Body() dto: FreezeDto,
  ): Promise<EventScoreboardSettings[]> {
    return this.control.setFreezeAll(user, params.competitionId, dto);
  }

  @Put('competitions/:competitionId/events/:eventId/scoreboard/freeze')
  @Roles(['organiser'], { competition: 'competitionId' })
  freezeEvent(
    @CurrentUser() user: AuthUser,
    @Param() params: CompetitionEventParams,
    @Body() dto: FreezeDto,
  ): Promise<EventScoreboardSettings> {
    return this.control.setFreeze(user, params.competitionId, params.eventId, dto);
  }

  @Post('competitions/:competitionId/events/:eventId/scoreboard/reveal')
  @HttpCode(200)
  @Roles(['organiser'], { competition: 'competitionId' })
  revealNext(
    @CurrentUser() user: AuthUser,
    @Param() params: CompetitionEventParams,
  ): Promise<EventScoreboardSettings> {
    return this.control.revealNext(user, params.competitionId, params.eventId);
  }

  @Put('competitions/:competitionId/events/:eventId/scoreboard/vote')
  @Roles(['organiser'], { competition: 'competitionId' })
  configureVote(
    @CurrentUser() user: AuthUser,
    @Param() params: CompetitionEventParams,
    @Body() dto: VoteSettingsDto,
  ): Promise<VoteTally> {
    return this.votes.configure(user, params.competitionId, params.eventId, dto);
  }

  @Public()
  @Get('public/events/:eventId/votes')
  voteTally(@Param() params: EventParams): Promise<VoteTally> {
    return this.votes.tally(params.eventId);
  }

  /** Any signed-in account may vote once per event. */
  @Post('public/events/:eventId/votes')
  @HttpCode(200)
  castVote(
    @CurrentUser() user: AuthUser,
    @Param() params: EventParams,
    @Body() dto: CastVoteDto,
    @Req() request: Request,
  ): Promise<VoteTally> {
    return this.votes.cast(user, params.eventId, dto, request.ip ?? null);
  }
}
