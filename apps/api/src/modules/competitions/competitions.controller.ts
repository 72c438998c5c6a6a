import type { CompetitionDetail, CompetitionSummary } from '@jingsai/contracts';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../../common/auth/auth.decorators';
import type { AuthUser } from '../../common/auth/auth-user';
import { CompetitionIdParams } from './competitions.dto';
import { CompetitionsService } from './competitions.service';

@ApiTags('competitions')
@Controller('competitions')
export class CompetitionsController {
  constructor(private readonly service: CompetitionsService) {}

  @Get()
  listCompetitions(@CurrentUser() user: AuthUser): Promise<CompetitionSummary[]> {
    return this.service.listCompetitions(user);
  }

  @Get(':competitionId')
  getCompetition(
    @CurrentUser() user: AuthUser,
    @Param() params: CompetitionIdParams,
  ): Promise<CompetitionDetail> {
    return this.service.getCompetition(user, params.competitionId);
  }
}
