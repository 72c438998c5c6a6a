import { ExportKind, ExportQuery, type ExportSheet } from '@jingsai/contracts';
import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import type { AuthUser } from '../../common/auth/auth-user';
import { sendDownload, XLSX_TYPE } from '../../common/http/download';
import { ExportsService } from './exports.service';

class ExportParams extends createZodDto(
  z.object({ competitionId: z.uuid(), roundId: z.uuid(), kind: ExportKind }),
) {}
class ExportQueryDto extends createZodDto(ExportQuery) {}

/** Rosters, sign-in sheets and station plans of a drawn round: JSON for the print page, or XLSX. */
@ApiTags('exports')
@Controller('competitions/:competitionId/rounds/:roundId/exports')
@Roles(['organiser'], { competition: 'competitionId' })
export class ExportsController {
  constructor(private readonly service: ExportsService) {}

  @Get(':kind')
  buildSheet(
    @CurrentUser() user: AuthUser,
    @Param() params: ExportParams,
    @Query() query: ExportQueryDto,
  ): Promise<ExportSheet> {
    return this.service.buildSheet(user, params.competitionId, params.roundId, params.kind, query);
  }

  @Get(':kind/xlsx')
  async downloadWorkbook(
    @CurrentUser() user: AuthUser,
    @Param() params: ExportParams,
    @Query() query: ExportQueryDto,
    @Res() response: Response,
  ): Promise<void> {
    const { fileName, body } = await this.service.buildWorkbook(
      user,
      params.competitionId,
      params.roundId,
      params.kind,
      query,
    );
    sendDownload(response, { fileName, contentType: XLSX_TYPE, body });
  }
}
