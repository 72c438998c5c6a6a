import type { CompetitionSetup, EventView, RubricVersionView } from '@jingsai/contracts';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import type { AuthUser } from '../../common/auth/auth-user';
import { CompetitionSetupService } from './competition-setup.service';
import {
  ChangeCompetitionStatusDto,
  CloneCompetitionDto,
  CompetitionIdParams,
  CreateCompetitionDto,
  EventDto,
  EventParams,
  RoundDto,
  RoundParams,
  RubricQuery,
  SectorDto,
  SessionDto,
  UpdateCompetitionDto,
} from './competitions.dto';

const ORGANISER = { competition: 'competitionId' } as const;

/** Organisers build a competition: settings, status, sectors, events, rounds, rubrics, sessions. */
@ApiTags('competition setup')
@Controller('competitions')
export class CompetitionSetupController {
  constructor(private readonly service: CompetitionSetupService) {}

  @Post()
  @Roles(['organiser'])
  createCompetition(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateCompetitionDto,
  ): Promise<CompetitionSetup> {
    return this.service.createCompetition(user, dto);
  }

  @Get(':competitionId/setup')
  @Roles(['organiser'], ORGANISER)
  getSetup(@Param() params: CompetitionIdParams): Promise<CompetitionSetup> {
    return this.service.getSetup(params.competitionId);
  }

  @Patch(':competitionId')
  @Roles(['organiser'], ORGANISER)
  updateCompetition(
    @CurrentUser() user: AuthUser,
    @Param() params: CompetitionIdParams,
    @Body() dto: UpdateCompetitionDto,
  ): Promise<CompetitionSetup> {
    return this.service.updateCompetition(user, params.competitionId, dto);
  }

  @Post(':competitionId/status')
  @HttpCode(200)
  @Roles(['organiser'], ORGANISER)
  changeStatus(
    @CurrentUser() user: AuthUser,
    @Param() params: CompetitionIdParams,
    @Body() dto: ChangeCompetitionStatusDto,
  ): Promise<CompetitionSetup> {
    return this.service.changeStatus(user, params.competitionId, dto);
  }

  @Post(':competitionId/clone')
  @Roles(['organiser'], ORGANISER)
  cloneCompetition(
    @CurrentUser() user: AuthUser,
    @Param() params: CompetitionIdParams,
    @Body() dto: CloneCompetitionDto,
  ): Promise<CompetitionSetup> {
    return this.service.cloneCompetition(user, params.competitionId, dto);
  }

  @Post(':competitionId/sectors')
  @Roles(['organiser'], ORGANISER)
  addSector(
    @CurrentUser() user: AuthUser,
    @Param() params: CompetitionIdParams,
    @Body() dto: SectorDto,
  ): Promise<CompetitionSetup> {
    return this.service.addSector(user, params.competitionId, dto);
  }

  @Post(':competitionId/events')
  @Roles(['organiser'], ORGANISER)
  addEvent(
    @CurrentUser() user: AuthUser,
    @Param() params: CompetitionIdParams,
    @Body() dto: EventDto,
  ): Promise<EventView> {
    return this.service.addEvent(user, params.competitionId, dto);
  }

  @Put(':competitionId/events/:eventId')
  @Roles(['organiser'], ORGANISER)
  updateEvent(
    @CurrentUser() user: AuthUser,
    @Param() params: EventParams,
    @Body() dto: EventDto,
  ): Promise<EventView> {
    return this.service.updateEvent(user, params.competitionId, params.eventId, dto);
  }

  @Post(':competitionId/events/:eventId/rounds')
  @Roles(['organiser'], ORGANISER)
  addRound(
    @CurrentUser() user: AuthUser,
    @Param() params: EventParams,
    @Body() dto: RoundDto,
  ): Promise<EventView> {
    return this.service.addRound(user, params.competitionId, params.eventId, dto);
  }

  @Put(':competitionId/rounds/:roundId')
  @Roles(['organiser'], ORGANISER)
  updateRound(
    @CurrentUser() user: AuthUser,
    @Param() params: RoundParams,
    @Body() dto: RoundDto,
  ): Promise<EventView> {
    return this.service.updateRound(user, params.competitionId, params.roundId, dto);
  }

  @Get(':competitionId/rounds/:roundId/rubric')
  @Roles(['organiser', 'head_judge', 'judge'], ORGANISER)
  getRubric(@Param() params: RoundParams, @Query() query: RubricQuery): Promise<RubricVersionView> {
    return this.service.getRubric(params.competitionId, params.roundId, query.version);
  }

  @Post(':competitionId/rounds/:roundId/sessions')
  @Roles(['organiser'], ORGANISER)
  addSession(
    @CurrentUser() user: AuthUser,
    @Param() params: RoundParams,
    @Body() dto: SessionDto,
  ): Promise<EventView> {
    return this.service.addSession(user, params.competitionId, params.roundId, dto);
  }
}
