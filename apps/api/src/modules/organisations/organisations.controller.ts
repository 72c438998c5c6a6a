import type { OrganisationDetail, OrganisationImportReport } from '@jingsai/contracts';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import type { AuthUser } from '../../common/auth/auth-user';
import { sendDownload, XLSX_TYPE } from '../../common/http/download';
import {
  MAX_ORGANISATION_IMPORT_BYTES,
  OrganisationImportService,
  type OrganisationUpload,
} from './organisation-import.service';
import {
  CreateOrganisationDto,
  OrganisationImportQuery,
  OrganisationParams,
  UpdateOrganisationDto,
} from './organisations.dto';
import { OrganisationsService } from './organisations.service';

@ApiTags('organisations')
@Controller('organisations')
export class OrganisationsController {
  constructor(
    private readonly service: OrganisationsService,
    private readonly imports: OrganisationImportService,
  ) {}

  @Get()
  @Roles(['platform_admin', 'organiser', 'coordinator'])
  listOrganisations(@CurrentUser() user: AuthUser): Promise<OrganisationDetail[]> {
    return this.service.listOrganisations(user);
  }

  @Post()
  @Roles(['platform_admin', 'organiser'])
  createOrganisation(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateOrganisationDto,
  ): Promise<OrganisationDetail> {
    return this.service.createOrganisation(user, dto);
  }

  @Get('import-template')
  @Roles(['platform_admin', 'organiser'])
  async downloadImportTemplate(
    @CurrentUser() user: AuthUser,
    @Res() response: Response,
  ): Promise<void> {
    sendDownload(response, {
      fileName: '组织导入模板.xlsx',
      contentType: XLSX_TYPE,
      body: await this.imports.downloadTemplate(user),
    });
  }

  /** mode=preview validates and reports; mode=commit writes everything, or nothing if any row is wrong. */
  @Post('import')
  @HttpCode(200)
  @Roles(['platform_admin', 'organiser'])
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(
    FileInterceptor('file', { limits: { fileSize: MAX_ORGANISATION_IMPORT_BYTES, files: 1 } }),
  )
  importOrganisations(
    @CurrentUser() user: AuthUser,
    @Query() query: OrganisationImportQuery,
    @UploadedFile() file: OrganisationUpload | undefined,
  ): Promise<OrganisationImportReport> {
    return this.imports.importOrganisations(user, file, query.mode);
  }

  @Patch(':organisationId')
  @Roles(['platform_admin', 'organiser'])
  updateOrganisation(
    @CurrentUser() user: AuthUser,
    @Param() params: OrganisationParams,
    @Body() dto: UpdateOrganisationDto,
  ): Promise<OrganisationDetail> {
    return this.service.updateOrganisation(user, params.organisationId, dto);
  }

  @Delete(':organisationId')
  @HttpCode(204)
  @Roles(['platform_admin', 'organiser'])
  deleteOrganisation(
    @CurrentUser() user: AuthUser,
    @Param() params: OrganisationParams,
  ): Promise<void> {
    return this.service.deleteOrganisation(user, params.organisationId);
  }
}
