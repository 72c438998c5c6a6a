import type {
  CertificateVerification,
  CertificateView,
  EventDocumentsStatus,
  IssueCertificatesResult,
  PublicCompetitionResults,
} from '@jingsai/contracts';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Public, Roles } from '../../common/auth/auth.decorators';
import type { AuthUser } from '../../common/auth/auth-user';
import { CompetitionIdParams } from '../competitions/competitions.dto';
import { sendDownload } from '../../common/http/download';
import {
  CertificateBatchDto,
  CertificateParams,
  DocumentFormatDto,
  EventDocumentParams,
  IssueCertificatesDto,
  MarkSheetDto,
  PublicResultsDto,
  RecommendationDto,
  RevokeCertificateDto,
  VerifyParams,
} from './results-documents.dto';
import { ResultsDocumentsService } from './results-documents.service';

/** Results documents and certificates for the competition's organisers. */
@ApiTags('results documents')
@Controller('competitions/:competitionId')
@Roles(['organiser'], { competition: 'competitionId' })
export class ResultsDocumentsController {
  constructor(private readonly service: ResultsDocumentsService) {}

  @Get('documents')
  documentsStatus(
    @CurrentUser() user: AuthUser,
    @Param() params: CompetitionIdParams,
  ): Promise<EventDocumentsStatus[]> {
    return this.service.documentsStatus(user, params.competitionId);
  }

  @Get('events/:eventId/documents/results')
  async downloadResults(
    @CurrentUser() user: AuthUser,
    @Param() params: EventDocumentParams,
    @Query() query: DocumentFormatDto,
    @Res() response: Response,
  ): Promise<void> {
    sendDownload(
      response,
      await this.service.resultsDocument(user, params.competitionId, params.eventId, query),
    );
  }

  @Get('events/:eventId/documents/awards')
  async downloadAwardList(
    @CurrentUser() user: AuthUser,
    @Param() params: EventDocumentParams,
    @Query() query: DocumentFormatDto,
    @Res() response: Response,
  ): Promise<void> {
    sendDownload(
      response,
      await this.service.awardList(user, params.competitionId, params.eventId, query),
    );
  }

  @Get('events/:eventId/documents/recommendations')
  async downloadRecommendationList(
    @CurrentUser() user: AuthUser,
    @Param() params: EventDocumentParams,
    @Query() query: RecommendationDto,
    @Res() response: Response,
  ): Promise<void> {
    sendDownload(
      response,
      await this.service.recommendationList(user, params.competitionId, params.eventId, query),
    );
  }

  @Get('events/:eventId/documents/mark-sheet')
  async downloadMarkSheet(
    @CurrentUser() user: AuthUser,
    @Param() params: EventDocumentParams,
    @Query() query: MarkSheetDto,
    @Res() response: Response,
  ): Promise<void> {
    sendDownload(
      response,
      await this.service.markSheet(user, params.competitionId, params.eventId, query),
    );
  }

  @Post('events/:eventId/certificates')
  @HttpCode(200)
  issueCertificates(
    @CurrentUser() user: AuthUser,
    @Param() params: EventDocumentParams,
    @Body() dto: IssueCertificatesDto,
  ): Promise<IssueCertificatesResult> {
    return this.service.issueCertificates(user, params.competitionId, params.eventId, dto);
  }

  @Get('events/:eventId/certificates')
  listCertificates(
    @CurrentUser() user: AuthUser,
    @Param() params: EventDocumentParams,
  ): Promise<CertificateView[]> {
    return this.service.listCertificates(user, params.competitionId, params.eventId);
  }

  @Get('events/:eventId/certificates/batch')
  async downloadCertificateBatch(
    @CurrentUser() user: AuthUser,
    @Param() params: EventDocumentParams,
    @Query() query: CertificateBatchDto,
    @Res() response: Response,
  ): Promise<void> {
    sendDownload(
      response,
      await this.service.certificateBatch(user, params.competitionId, params.eventId, query),
    );
  }

  @Get('certificates/:certificateId/pdf')
  async downloadCertificate(
    @CurrentUser() user: AuthUser,
    @Param() params: CertificateParams,
    @Res() response: Response,
  ): Promise<void> {
    sendDownload(
      response,
      await this.service.certificatePdf(user, params.competitionId, params.certificateId),
    );
  }

  @Post('certificates/:certificateId/revoke')
  @HttpCode(200)
  revokeCertificate(
    @CurrentUser() user: AuthUser,
    @Param() params: CertificateParams,
    @Body() dto: RevokeCertificateDto,
  ): Promise<CertificateView> {
    return this.service.revokeCertificate(user, params.competitionId, params.certificateId, dto);
  }
}

/** What anyone may see: certificate verification and published results. */
@ApiTags('public results')
@Controller('public')
export class PublicResultsController {
  constructor(private readonly service: ResultsDocumentsService) {}

  @Public()
  @Get('certificates/:code')
  verifyCertificate(@Param() params: VerifyParams): Promise<CertificateVerification> {
    return this.service.verifyCertificate(params.code);
  }

  @Public()
  @Get('competitions/:competitionId/results')
  publicResults(
    @Param() params: CompetitionIdParams,
    @Query() query: PublicResultsDto,
  ): Promise<PublicCompetitionResults> {
    return this.service.publicResults(params.competitionId, query.q);
  }
}
