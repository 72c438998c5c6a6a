import type {
  CertificateBatchQuery,
  CertificateVerification,
  CertificateView,
  DocumentFormatQuery,
  EventDocumentsStatus,
  EventStandings,
  IssueCertificatesRequest,
  IssueCertificatesResult,
  MarkSheetQuery,
  PublicCompetitionResults,
  PublicEventResults,
  RecommendationQuery,
  RevokeCertificateRequest,
} from '@jingsai/contracts';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import JSZip from 'jszip';
import type { AuthUser } from '../../common/auth/auth-user';
import { APP_CONFIG, type AppConfig } from '../../common/config/app-config';
import { DomainError, EntityNotFoundError, ForbiddenError } from '../../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { AccessService } from '../auth/access.service';
import { CompetitionEvent } from '../competitions/entities/competition-event.entity';
import { Competition } from '../competitions/entities/competition.entity';
import { CertificateCodeSigner } from './certificate-code';
import { type CertificateContent, certificatesPdf } from './certificate-renderer';
import { type DownloadFile, PDF_TYPE, XLSX_TYPE, ZIP_TYPE } from '../../common/http/download';
import { Certificate } from './entities/certificate.entity';
import { PublishedResultsService } from './published-results.service';
import {
  awardedRows,
  type DocumentHeading,
  listPdf,
  listWorkbook,
  markSheetPdf,
  rankedRows,
  resultsPdf,
  resultsWorkbook,
  stageColumns,
  topRows,
} from './results-renderers';

export class ResultsNotPublishedError extends DomainError {
  readonly status = 409;
  readonly code = 'results.not_published';
}

export class NoAwardsError extends DomainError {
  readonly status = 409;
  readonly code = 'certificate.none_awarded';
}

export class CertificateAlreadyRevokedError extends DomainError {
  readonly status = 409;
  readonly code = 'certificate.already_revoked';
}

const LIST_HEADERS = ['名次', '参赛号', '姓名', '单位', '总成绩'] as const;

/** A name safe inside a ZIP or a download: no path separators or control characters. */
function safeFileName(name: string): string {
  return [...name]
    .map((char) => (char.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(char) ? '_' : char))
    .join('')
    .slice(0, 120);
}

/**
 * Documents made from published results: 成绩公示表 (XLSX, PDF), award and recommendation
 * lists, mark sheets for appeals, 获奖证书 with a verification code, and the public results
 * page. Organisers of the competition only, except verification and the public page; nothing
 * here ever reads unpublished scores.
 */
@Injectable()
export class ResultsDocumentsService {
  private readonly signer: CertificateCodeSigner;

  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly results: PublishedResultsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.signer = new CertificateCodeSigner(config.dataEncryptionKey);
  }

  // ------------------------------------------------------------------ organisers

  async documentsStatus(user: AuthUser, competitionId: string): Promise<EventDocumentsStatus[]> {
    const competition = await this.organiserCompetition(user, competitionId);
    const events = await this.em.find(
      CompetitionEvent,
      { competition },
      { orderBy: { sortOrder: 'asc', name: 'asc' } },
    );
    const counts = await this.em
      .getConnection()
      .execute<Array<{ event_id: string; valid: string; revoked: string }>>(
        `select event_id, count(*) filter (where revoked_at is null) as valid,
                count(*) filter (where revoked_at is not null) as revoked
           from certificate where competition_id = ? group by event_id`,
        [competitionId],
      );
    return Promise.all(
      events.map(async (event) => {
        const standings = await this.results.publishedStandings(event.id);
        const count = counts.find((row) => row.event_id === event.id);
        return {
          eventId: event.id,
          eventName: event.name,
          published: standings !== null,
          resultVersion: standings?.resultVersion ?? null,
          rows: standings?.rows.length ?? 0,
          awarded: standings ? awardedRows(standings).length : 0,
          certificates: Number(count?.valid ?? 0),
          revokedCertificates: Number(count?.revoked ?? 0),
        };
      }),
    );
  }

  async resultsDocument(
    user: AuthUser,
    competitionId: string,
    eventId: string,
    query: DocumentFormatQuery,
  ): Promise<DownloadFile> {
    const { heading, standings } = await this.published(user, competitionId, eventId);
    const fileName = `${heading.eventName}-成绩公示表`;
    return query.format === 'pdf'
      ? {
          fileName: `${fileName}.pdf`,
          contentType: PDF_TYPE,
          body: await resultsPdf(heading, standings),
        }
      : {
          fileName: `${fileName}.xlsx`,
          contentType: XLSX_TYPE,
          body: await resultsWorkbook(heading, standings),
        };
  }

  async awardList(
    user: AuthUser,
    competitionId: string,
    eventId: string,
    query: DocumentFormatQuery,
  ): Promise<DownloadFile> {
    const { heading, standings } = await this.published(user, competitionId, eventId);
    const rows = awardedRows(standings);
    const lines = rows.map((row) => [
      row.award ?? '',
      row.rank === null ? '' : String(row.rank),
      row.code,
      row.name ?? '',
      row.enterprise ?? '',
      row.total ?? '',
    ]);
    const headers = ['奖项', ...LIST_HEADERS];
    const fileName = `${heading.eventName}-获奖名单`;
    if (query.format === 'xlsx') {
      return {
        fileName: `${fileName}.xlsx`,
        contentType: XLSX_TYPE,
        body: await listWorkbook(heading, '获奖名单', headers, lines),
      };
    }
    return {
      fileName: `${fileName}.pdf`,
      contentType: PDF_TYPE,
      body: await listPdf(
        heading,
        '获奖名单',
        [
          { header: '奖项', width: 60, align: 'center' },
          { header: '名次', width: 40, align: 'center' },
          { header: '参赛号', width: 70, align: 'center' },
          { header: '姓名', width: 70 },
          { header: '单位' },
          { header: '总成绩', width: 60, align: 'right' },
        ],
        lines,
      ),
    };
  }

  async recommendationList(
    user: AuthUser,
    competitionId: string,
    eventId: string,
    query: RecommendationQuery,
  ): Promise<DownloadFile> {
    const { heading, standings } = await this.published(user, competitionId, eventId);
    const rows = topRows(standings, query.top);
    const lines = rows.map((row) => [
      query.title,
      String(row.rank),
      row.code,
      row.name ?? '',
      row.enterprise ?? '',
      row.total ?? '',
    ]);
    const what = `“${query.title}”推荐名单`;
    const fileName = `${heading.eventName}-${query.title}推荐名单`;
    if (query.format === 'xlsx') {
      return {
        fileName: `${fileName}.xlsx`,
        contentType: XLSX_TYPE,
        body: await listWorkbook(heading, what, ['推荐称号', ...LIST_HEADERS], lines),
      };
    }
    return {
      fileName: `${fileName}.pdf`,
      contentType: PDF_TYPE,
      body: await listPdf(
        heading,
        what,
        [
          { header: '推荐称号', width: 70, align: 'center' },
          { header: '名次', width: 40, align: 'center' },
          { header: '参赛号', width: 70, align: 'center' },
          { header: '姓名', width: 70 },
          { header: '单位' },
          { header: '总成绩', width: 60, align: 'right' },
        ],
        lines,
        `按已公布成绩取前 ${query.top} 名（名次并列者一并列入），共 ${rows.length} 人。`,
      ),
    };
  }

  /** The mark sheet of the competitor with this candidate number (as printed on the results). */
  async markSheet(
    user: AuthUser,
    competitionId: string,
    eventId: string,
    query: MarkSheetQuery,
  ): Promise<DownloadFile> {
    const { heading, standings } = await this.published(user, competitionId, eventId);
    const row = standings.rows.find((candidate) => candidate.code === query.code);
    const sheet = row ? await this.results.markSheet(eventId, row.entryId) : null;
    if (!sheet) throw new EntityNotFoundError('mark sheet', query.code);
    return {
      fileName: safeFileName(`${heading.eventName}-${sheet.code}-评分明细.pdf`),
      contentType: PDF_TYPE,
      body: await markSheetPdf(heading, sheet),
    };
  }

  // ------------------------------------------------------------------ certificates

  /**
   * Issues a certificate to every awarded row of the latest published version. Idempotent: a
   * row that already has a valid certificate with the same content keeps it; one whose award
   * or name changed (an appeal, a correction) gets the old one revoked and a new one.
   */
  async issueCertificates(
    user: AuthUser,
    competitionId: string,
    eventId: string,
    dto: IssueCertificatesRequest,
  ): Promise<IssueCertificatesResult> {
    const { competition, event, heading, standings } = await this.published(
      user,
      competitionId,
      eventId,
    );
    const awarded = awardedRows(standings);
    if (awarded.length === 0) throw new NoAwardsError({ event: event.name });
    const issuedOn = dto.issuedOn ?? this.today(competition.timezone);
    return this.em.transactional(async (tx) => {
      const existing = await tx.find(Certificate, { event: event.id, revokedAt: null });
      const byEntry = new Map(existing.map((certificate) => [certificate.entryId, certificate]));
      let issued = 0;
      let alreadyIssued = 0;
      let revoked = 0;
      let skipped = 0;
      const now = new Date();
      const revoke = (certificate: Certificate, reason: string) => {
        const before = { revokedAt: null };
        certificate.revokedAt = now;
        certificate.revokedBy = user.id;
        certificate.revokeReason = reason;
        revoked += 1;
        this.audit.record(
          {
            actorId: user.id,
            action: 'certificate.revoke',
            subjectType: 'certificate',
            subjectId: certificate.id,
            before,
            after: { revokedAt: now.toISOString(), reason },
          },
          tx,
        );
      };
      const awardedIds = new Set<string>();
      for (const row of awarded) {
        awardedIds.add(row.entryId);
        if (!row.name) {
          skipped += 1;
          continue;
        }
        const current = byEntry.get(row.entryId);
        if (
          current &&
          current.award === row.award &&
          current.recipientName === row.name &&
          current.eventName === event.name &&
          current.candidateNumber === row.code
        ) {
          alreadyIssued += 1;
          continue;
        }
        if (current) {
          revoke(current, `成绩更正：按第 ${standings.resultVersion ?? '—'} 版成绩重新颁发`);
        }
        const certificate = tx.create(Certificate, {
          serial: this.signer.newSerial(),
          competition,
          event,
          entryId: row.entryId,
          recipientName: row.name,
          enterprise: row.enterprise,
          candidateNumber: row.code,
          competitionName: competition.name,
          eventName: event.name,
          award: row.award!,
          rank: row.rank,
          organiserName: heading.organiserName,
          issuedOn,
          resultVersion: standings.resultVersion,
          issuedBy: user.id,
        });
        this.audit.record(
          {
            actorId: user.id,
            action: 'certificate.issue',
            subjectType: 'certificate',
            subjectId: certificate.id,
            after: this.auditView(certificate),
          },
          tx,
        );
        issued += 1;
      }
      for (const certificate of existing) {
        if (!awardedIds.has(certificate.entryId)) {
          revoke(certificate, `第 ${standings.resultVersion ?? '—'} 版成绩中已无此奖项`);
        }
      }
      await tx.flush();
      const all = await tx.find(
        Certificate,
        { event: event.id },
        { orderBy: { rank: 'asc', candidateNumber: 'asc', issuedAt: 'asc' } },
      );
      return {
        issued,
        alreadyIssued,
        revoked,
        skipped,
        certificates: all.map((certificate) => this.view(certificate)),
      };
    });
  }

  async listCertificates(
    user: AuthUser,
    competitionId: string,
    eventId: string,
  ): Promise<CertificateView[]> {
    const { event } = await this.organiserEvent(user, competitionId, eventId);
    const all = await this.em.find(
      Certificate,
      { event },
      { orderBy: { rank: 'asc', candidateNumber: 'asc', issuedAt: 'asc' } },
    );
    return all.map((certificate) => this.view(certificate));
  }

  async revokeCertificate(
    user: AuthUser,
    competitionId: string,
    certificateId: string,
    dto: RevokeCertificateRequest,
  ): Promise<CertificateView> {
    await this.organiserCompetition(user, competitionId);
    const certificate = await this.em.findOne(Certificate, {
      id: certificateId,
      competition: competitionId,
    });
    if (!certificate) throw new EntityNotFoundError('certificate', certificateId);
    if (certificate.revokedAt) {
      throw new CertificateAlreadyRevokedError({ revokedAt: certificate.revokedAt.toISOString() });
    }
    certificate.revokedAt = new Date();
    certificate.revokedBy = user.id;
    certificate.revokeReason = dto.reason;
    this.audit.record({
      actorId: user.id,
      action: 'certificate.revoke',
      subjectType: 'certificate',
      subjectId: certificate.id,
      before: { revokedAt: null },
      after: { revokedAt: certificate.revokedAt.toISOString(), reason: dto.reason },
    });
    await this.em.flush();
    return this.view(certificate);
  }

  async certificatePdf(
    user: AuthUser,
    competitionId: string,
    certificateId: string,
  ): Promise<DownloadFile> {
    await this.organiserCompetition(user, competitionId);
    const certificate = await this.em.findOne(Certificate, {
      id: certificateId,
      competition: competitionId,
    });
    if (!certificate) throw new EntityNotFoundError('certificate', certificateId);
    if (certificate.revokedAt) {
      throw new CertificateAlreadyRevokedError({ revokedAt: certificate.revokedAt.toISOString() });
    }
    return {
      fileName: safeFileName(`获奖证书-${certificate.eventName}-${certificate.recipientName}.pdf`),
      contentType: PDF_TYPE,
      body: await certificatesPdf([this.content(certificate)]),
    };
  }

  /** Every valid certificate of an event, as one PDF (a page each) or a ZIP of one PDF each. */
  async certificateBatch(
    user: AuthUser,
    competitionId: string,
    eventId: string,
    query: CertificateBatchQuery,
  ): Promise<DownloadFile> {
    const { event } = await this.organiserEvent(user, competitionId, eventId);
    const certificates = await this.em.find(
      Certificate,
      { event, revokedAt: null },
      { orderBy: { rank: 'asc', candidateNumber: 'asc' } },
    );
    if (certificates.length === 0) throw new NoAwardsError({ event: event.name });
    if (query.format === 'pdf') {
      return {
        fileName: safeFileName(`获奖证书-${event.name}.pdf`),
        contentType: PDF_TYPE,
        body: await certificatesPdf(certificates.map((certificate) => this.content(certificate))),
      };
    }
    const zip = new JSZip();
    const used = new Set<string>();
    for (const certificate of certificates) {
      let name = safeFileName(
        `${certificate.candidateNumber}-${certificate.recipientName}-${certificate.award}`,
      );
      while (used.has(name)) name += '_';
      used.add(name);
      zip.file(`${name}.pdf`, await certificatesPdf([this.content(certificate)]));
    }
    return {
      fileName: safeFileName(`获奖证书-${event.name}.zip`),
      contentType: ZIP_TYPE,
      body: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }),
    };
  }

  // ------------------------------------------------------------------ public

  /** Public: is this code a certificate the platform issued, and is it still valid? */
  async verifyCertificate(code: string): Promise<CertificateVerification> {
    const serial = this.signer.verify(code);
    if (!serial) return { result: 'not_genuine' };
    const certificate = await this.em.findOne(Certificate, { serial });
    if (!certificate) return { result: 'not_genuine' };
    return {
      result: 'genuine',
      status: certificate.revokedAt ? 'revoked' : 'valid',
      recipientName: certificate.recipientName,
      competitionName: certificate.competitionName,
      eventName: certificate.eventName,
      award: certificate.award,
      organiserName: certificate.organiserName,
      issuedOn: certificate.issuedOn,
      revokedAt: certificate.revokedAt?.toISOString() ?? null,
      revokeReason: certificate.revokeReason,
    };
  }

  /**
   * Public: the published results of every event of a competition, optionally only the rows
   * whose name contains `q` or whose candidate number starts with it. Events without a
   * published result are left out entirely.
   */
  async publicResults(competitionId: string, q?: string): Promise<PublicCompetitionResults> {
    const competition = await this.em.findOne(
      Competition,
      { id: competitionId },
      { populate: ['organiser'] },
    );
    if (!competition || competition.status === 'draft') {
      throw new EntityNotFoundError('competition', competitionId);
    }
    const events = await this.em.find(
      CompetitionEvent,
      { competition },
      { orderBy: { sortOrder: 'asc', name: 'asc' } },
    );
    const needle = q?.trim().toLowerCase() ?? '';
    const results: PublicEventResults[] = [];
    for (const event of events) {
      const standings = await this.results.publishedStandings(event.id);
      if (!standings || standings.phase !== 'published') continue;
      const stages = stageColumns(standings);
      const rows = rankedRows(standings).filter(
        (row) =>
          !needle ||
          (row.name ?? '').toLowerCase().includes(needle) ||
          row.code.toLowerCase().startsWith(needle),
      );
      results.push({
        eventId: event.id,
        eventName: event.name,
        resultVersion: standings.resultVersion,
        stageLabels: stages.map((stage) => stage.label),
        rows: rows.map((row) => ({
          rank: row.rank,
          candidateNumber: row.code,
          name: row.name,
          enterprise: row.enterprise,
          total: row.total,
          award: row.award,
          stages: stages.map(
            (stage) => row.stages.find((s) => s.roundId === stage.roundId)?.value ?? null,
          ),
        })),
      });
    }
    return {
      competitionId: competition.id,
      competitionName: competition.name,
      organiserName: competition.organiser.name,
      events: results,
    };
  }

  // ------------------------------------------------------------------ helpers

  private async organiserCompetition(user: AuthUser, competitionId: string): Promise<Competition> {
    if (
      !(await this.access.isAllowed(user, ['organiser'], {
        type: 'competition',
        id: competitionId,
      }))
    ) {
      throw new ForbiddenError();
    }
    const competition = await this.em.findOne(
      Competition,
      { id: competitionId },
      { populate: ['organiser'] },
    );
    if (!competition) throw new EntityNotFoundError('competition', competitionId);
    return competition;
  }

  private async organiserEvent(user: AuthUser, competitionId: string, eventId: string) {
    const competition = await this.organiserCompetition(user, competitionId);
    const event = await this.em.findOne(CompetitionEvent, { id: eventId, competition });
    if (!event) throw new EntityNotFoundError('event', eventId);
    return { competition, event };
  }

  private async published(
    user: AuthUser,
    competitionId: string,
    eventId: string,
  ): Promise<{
    competition: Competition;
    event: CompetitionEvent;
    heading: DocumentHeading;
    standings: EventStandings;
  }> {
    const { competition, event } = await this.organiserEvent(user, competitionId, eventId);
    const standings = await this.results.publishedStandings(event.id);
    if (!standings || standings.phase !== 'published') {
      throw new ResultsNotPublishedError({ event: event.name });
    }
    return {
      competition,
      event,
      standings,
      heading: {
        competitionName: competition.name,
        organiserName: competition.organiser.name,
        eventName: event.name,
        resultVersion: standings.resultVersion,
        date: this.today(competition.timezone),
      },
    };
  }

  private today(timezone: string): string {
    return new Intl.DateTimeFormat('en-CA', { timeZone: timezone }).format(new Date());
  }

  private verifyUrl(code: string): string {
    return `${this.config.publicUrl}/verify/${code}`;
  }

  private content(certificate: Certificate): CertificateContent {
    const code = this.signer.sign(certificate.serial);
    return {
      recipientName: certificate.recipientName,
      enterprise: certificate.enterprise,
      competitionName: certificate.competitionName,
      eventName: certificate.eventName,
      award: certificate.award,
      organiserName: certificate.organiserName,
      issuedOn: certificate.issuedOn,
      code,
      verifyUrl: this.verifyUrl(code),
    };
  }

  private auditView(certificate: Certificate) {
    return {
      entryId: certificate.entryId,
      recipientName: certificate.recipientName,
      award: certificate.award,
      eventName: certificate.eventName,
      issuedOn: certificate.issuedOn,
      resultVersion: certificate.resultVersion,
    };
  }

  private view(certificate: Certificate): CertificateView {
    const code = this.signer.sign(certificate.serial);
    return {
      id: certificate.id,
      code,
      competitionId: certificate.competition.id,
      competitionName: certificate.competitionName,
      eventId: certificate.event.id,
      eventName: certificate.eventName,
      entryId: certificate.entryId,
      recipientName: certificate.recipientName,
      enterprise: certificate.enterprise,
      candidateNumber: certificate.candidateNumber,
      award: certificate.award,
      rank: certificate.rank,
      organiserName: certificate.organiserName,
      issuedOn: certificate.issuedOn,
      resultVersion: certificate.resultVersion,
      status: certificate.revokedAt ? 'revoked' : 'valid',
      revokedAt: certificate.revokedAt?.toISOString() ?? null,
      revokeReason: certificate.revokeReason,
      verifyUrl: this.verifyUrl(code),
    };
  }
}
