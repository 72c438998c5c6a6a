import type { CompetitionStatistics } from '@jingsai/contracts';
import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import type { AuthUser } from '../../common/auth/auth-user';
import { CompetitionIdParams } from '../competitions/competitions.dto';
import { sendDownload } from '../../common/http/download';
import { StatisticsService } from './statistics.service';

@ApiTags('statistics')
@Controller('competitions/:competitionId/statistics')
@Roles(['organiser'], { competition: 'competitionId' })
export class StatisticsController {
  constructor(private readonly service: StatisticsService) {}

  @Get()
  competitionStatistics(
    @CurrentUser() user: AuthUser,
    @Param() params: CompetitionIdParams,
  ): Promise<CompetitionStatistics> {
    return this.service.competitionStatistics(user, params.competitionId);
  }

  @Get('xlsx')
  async downloadStatistics(
    @CurrentUser() user: AuthUser,
    @Param() params: CompetitionIdParams,
    @Res() response: Response,
  ): Promise<void> {
    sendDownload(response, await this.service.statisticsWorkbook(user, params.competitionId));
  }
}
