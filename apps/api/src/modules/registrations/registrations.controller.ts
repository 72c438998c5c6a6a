import type {
  OpenCompetition,
  RegistrationHistoryEntry,
  RegistrationPage,
  RegistrationView,
} from '@jingsai/contracts';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, Roles } from '../../common/auth/auth.decorators';
import type { AuthUser } from '../../common/auth/auth-user';
import {
  BatchRegistrationDto,
  CompetitionParams,
  CreateRegistrationDto,
  RegistrationParams,
  RegistrationQueryDto,
  ReviewRegistrationDto,
  SelfRegistrationDto,
  SubstituteRegistrationDto,
  WithdrawRegistrationDto,
} from './registrations.dto';
import { RegistrationsService } from './registrations.service';

@ApiTags('registrations')
@Controller()
export class RegistrationsController {
  constructor(private readonly service: RegistrationsService) {}

  @Public()
  @Get('public/competitions')
  listOpenCompetitions(): Promise<OpenCompetition[]> {
    return this.service.listOpenCompetitions();
  }

  @Public()
  @Post('public/competitions/:competitionId/registrations')
  selfRegister(
    @Param() params: CompetitionParams,
    @Body() dto: SelfRegistrationDto,
  ): Promise<RegistrationView> {
    return this.service.selfRegister(params.competitionId, dto);
  }

  @Get('me/registrations')
  myRegistrations(@CurrentUser() user: AuthUser): Promise<RegistrationView[]> {
    return this.service.myRegistrations(user);
  }

  @Get('competitions/:competitionId/registrations')
  @Roles(['organiser', 'coordinator'])
  listRegistrations(
    @CurrentUser() user: AuthUser,
    @Param() params: CompetitionParams,
    @Query() query: RegistrationQueryDto,
  ): Promise<RegistrationPage> {
    return this.service.listRegistrations(user, params.competitionId, query);
  }

  @Post('competitions/:competitionId/registrations')
  @Roles(['organiser', 'coordinator'])
  createRegistration(
    @CurrentUser() user: AuthUser,
    @Param() params: CompetitionParams,
    @Body() dto: CreateRegistrationDto,
  ): Promise<RegistrationView> {
    return this.service.createRegistration(user, params.competitionId, dto);
  }

  @Post('competitions/:competitionId/registrations/batch')
  @Roles(['organiser', 'coordinator'])
  createBatch(
    @CurrentUser() user: AuthUser,
    @Param() params: CompetitionParams,
    @Body() dto: BatchRegistrationDto,
  ): Promise<RegistrationView[]> {
    return this.service.createBatch(user, params.competitionId, dto);
  }

  @Post('competitions/:competitionId/registrations/:registrationId/review')
  @HttpCode(200)
  @Roles(['organiser'], { competition: 'competitionId' })
  reviewRegistration(
    @CurrentUser() user: AuthUser,
    @Param() params: RegistrationParams,
    @Body() dto: ReviewRegistrationDto,
  ): Promise<RegistrationView> {
    return this.service.reviewRegistration(user, params.competitionId, params.registrationId, dto);
  }

  @Post('competitions/:competitionId/registrations/:registrationId/withdraw')
  @HttpCode(200)
  withdrawRegistration(
    @CurrentUser() user: AuthUser,
    @Param() params: RegistrationParams,
    @Body() dto: WithdrawRegistrationDto,
  ): Promise<RegistrationView> {
    return this.service.withdrawRegistration(
      user,
      params.competitionId,
      params.registrationId,
      dto,
    );
  }

  @Post('competitions/:competitionId/registrations/:registrationId/substitute')
  @HttpCode(200)
  @Roles(['organiser', 'coordinator'])
  substituteRegistration(
    @CurrentUser() user: AuthUser,
    @Param() params: RegistrationParams,
    @Body() dto: SubstituteRegistrationDto,
  ): Promise<RegistrationView> {
    return this.service.substituteRegistration(
      user,
      params.competitionId,
      params.registrationId,
      dto,
    );
  }

  @Get('competitions/:competitionId/registrations/:registrationId/history')
  @Roles(['organiser', 'coordinator'])
  registrationHistory(
    @CurrentUser() user: AuthUser,
    @Param() params: RegistrationParams,
  ): Promise<RegistrationHistoryEntry[]> {
    return this.service.registrationHistory(user, params.competitionId, params.registrationId);
  }
}
