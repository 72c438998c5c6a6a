import type { ImportView } from '@jingsai/contracts';
import { CommitImportRequest } from '@jingsai/contracts';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { AuthUser } from '../../../common/auth/auth-user';
import { sendDownload, XLSX_TYPE } from '../../../common/http/download';
import { CompetitionParams } from '../registrations.dto';
import { MAX_IMPORT_BYTES } from './import-file';
import {
  RegistrationImportService,
  type UploadedFile as ImportUpload,
} from './registration-import.service';

class ImportParams extends createZodDto(
  z.object({ competitionId: z.uuid(), importId: z.uuid() }),
) {}
class CommitImportDto extends createZodDto(CommitImportRequest) {}

/** Bulk registration from the XLSX/CSV template: upload, per-row report, commit or discard. */
@ApiTags('registration imports')
@Controller('competitions/:competitionId/registrations')
@Roles(['organiser', 'coordinator'])
export class RegistrationImportController {
  constructor(private readonly service: RegistrationImportService) {}

  @Get('import-template')
  async downloadTemplate(
    @CurrentUser() user: AuthUser,
    @Param() params: CompetitionParams,
    @Res() response: Response,
  ): Promise<void> {
    sendDownload(response, {
      fileName: '报名导入模板.xlsx',
      contentType: XLSX_TYPE,
      body: await this.service.downloadTemplate(user, params.competitionId),
    });
  }

  @Post('imports')
  @HttpCode(202)
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(
    // No storage option: multer keeps the file in memory (file.buffer), never on disk.
    FileInterceptor('file', {
      limits: { fileSize: MAX_IMPORT_BYTES, files: 1 },
    }),
  )
  uploadImport(
    @CurrentUser() user: AuthUser,
    @Param() params: CompetitionParams,
    @UploadedFile() file: ImportUpload | undefined,
  ): Promise<ImportView> {
    return this.service.uploadImport(user, params.competitionId, file);
  }

  @Get('imports/:importId')
  getImport(@CurrentUser() user: AuthUser, @Param() params: ImportParams): Promise<ImportView> {
    return this.service.getImport(user, params.competitionId, params.importId);
  }

  @Get('imports/:importId/report')
  async downloadReport(
    @CurrentUser() user: AuthUser,
    @Param() params: ImportParams,
    @Res() response: Response,
  ): Promise<void> {
    sendDownload(response, {
      fileName: '导入问题清单.xlsx',
      contentType: XLSX_TYPE,
      body: await this.service.downloadReport(user, params.competitionId, params.importId),
    });
  }

  @Post('imports/:importId/commit')
  @HttpCode(202)
  commitImport(
    @CurrentUser() user: AuthUser,
    @Param() params: ImportParams,
    @Body() dto: CommitImportDto,
  ): Promise<ImportView> {
    return this.service.commitImport(user, params.competitionId, params.importId, dto);
  }

  @Post('imports/:importId/discard')
  @HttpCode(200)
  discardImport(@CurrentUser() user: AuthUser, @Param() params: ImportParams): Promise<ImportView> {
    return this.service.discardImport(user, params.competitionId, params.importId);
  }
}
