import type { TeamView } from '@jingsai/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import type { AuthUser } from '../../common/auth/auth-user';
import { CompetitionParams } from '../registrations/registrations.dto';
import {
  CreateTeamDto,
  ReviewTeamDto,
  TeamMemberDto,
  TeamMemberParams,
  TeamParams,
  TeamQueryDto,
  UpdateTeamDto,
  WithdrawTeamDto,
} from './teams.dto';
import { TeamsService } from './teams.service';

/** Teams in team events: formed by an enterprise's coordinator or an organiser, reviewed by organisers. */
@ApiTags('teams')
@Controller('competitions/:competitionId/teams')
@Roles(['organiser', 'coordinator'])
export class TeamsController {
  constructor(private readonly service: TeamsService) {}

  @Get()
  listTeams(
    @CurrentUser() user: AuthUser,
    @Param() params: CompetitionParams,
    @Query() query: TeamQueryDto,
  ): Promise<TeamView[]> {
    return this.service.listTeams(user, params.competitionId, query);
  }

  @Post()
  createTeam(
    @CurrentUser() user: AuthUser,
    @Param() params: CompetitionParams,
    @Body() dto: CreateTeamDto,
  ): Promise<TeamView> {
    return this.service.createTeam(user, params.competitionId, dto);
  }

  @Get(':teamId')
  getTeam(@CurrentUser() user: AuthUser, @Param() params: TeamParams): Promise<TeamView> {
    return this.service.getTeam(user, params.competitionId, params.teamId);
  }

  @Patch(':teamId')
  updateTeam(
    @CurrentUser() user: AuthUser,
    @Param() params: TeamParams,
    @Body() dto: UpdateTeamDto,
  ): Promise<TeamView> {
    return this.service.updateTeam(user, params.competitionId, params.teamId, dto);
  }

  @Post(':teamId/members')
  @HttpCode(200)
  addMember(
    @CurrentUser() user: AuthUser,
    @Param() params: TeamParams,
    @Body() dto: TeamMemberDto,
  ): Promise<TeamView> {
    return this.service.addMember(user, params.competitionId, params.teamId, dto.registrationId);
  }

  @Delete(':teamId/members/:registrationId')
  removeMember(
    @CurrentUser() user: AuthUser,
    @Param() params: TeamMemberParams,
  ): Promise<TeamView> {
    return this.service.removeMember(
      user,
      params.competitionId,
      params.teamId,
      params.registrationId,
    );
  }

  @Post(':teamId/submit')
  @HttpCode(200)
  submitTeam(@CurrentUser() user: AuthUser, @Param() params: TeamParams): Promise<TeamView> {
    return this.service.submitTeam(user, params.competitionId, params.teamId);
  }

  @Post(':teamId/review')
  @HttpCode(200)
  @Roles(['organiser'], { competition: 'competitionId' })
  reviewTeam(
    @CurrentUser() user: AuthUser,
    @Param() params: TeamParams,
    @Body() dto: ReviewTeamDto,
  ): Promise<TeamView> {
    return this.service.reviewTeam(user, params.competitionId, params.teamId, dto);
  }

  @Post(':teamId/withdraw')
  @HttpCode(200)
  withdrawTeam(
    @CurrentUser() user: AuthUser,
    @Param() params: TeamParams,
    @Body() dto: WithdrawTeamDto,
  ): Promise<TeamView> {
    return this.service.withdrawTeam(user, params.competitionId, params.teamId, dto);
  }
}
