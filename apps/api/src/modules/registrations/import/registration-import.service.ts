import {
  chinaToday,
  type CommitImportRequest,
  DOCUMENT_TYPE_NAMES,
  IMPORT_COLUMNS,
  type ImportRowIssue,
  type ImportView,
  maskDocument,
  SKILL_LEVELS,
} from '@jingsai/contracts';
import { EntityManager, type Knex } from '@mikro-orm/postgresql';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import ExcelJS from 'exceljs';
import type { AuthUser } from '../../../common/auth/auth-user';
import { PersonalDataCipher } from '../../../common/crypto/personal-data-cipher';
import {
  DomainError,
  EntityNotFoundError,
  type FieldIssue,
} from '../../../common/errors/domain-error';
import { AuditService } from '../../audit/audit.service';
import { CompetitionEvent } from '../../competitions/entities/competition-event.entity';
import { Competition } from '../../competitions/entities/competition.entity';
import { RegistrationImportRow } from './entities/registration-import-row.entity';
import { RegistrationImport } from './entities/registration-import.entity';
import { EXAMPLE_MARK, NOTES_MARK, type RawImportRow, readImportFile } from './import-file';
import {
  type CandidateRow,
  checkRows,
  type EnterpriseFacts,
  type EventFacts,
  type ImportFacts,
  nameKey,
  type ParsedImportRow,
  parseImportRow,
  resolveRow,
  type RowOutcome,
} from './import-rows';
import { type RegistrationActor, RegistrationAccessService } from '../registration-access.service';

export class ImportRefusedError extends DomainError {
  readonly status = 409;
  readonly code = 'import.registration_closed';
  override readonly issues: FieldIssue[] = [
    { path: '', message: { 'zh-CN': '报名未开放或已截止', en: 'registration is not open' } },
  ];
}

export class ImportNotReadyError extends DomainError {
  readonly status = 409;
  readonly code = 'import.not_ready';
}

export class ImportHasErrorsError extends DomainError {
  readonly status = 409;
  readonly code = 'import.has_errors';
}

export interface UploadedFile {
  originalname: string;
  buffer: Buffer;
  size: number;
}

const VIEW_ISSUES = 200;
const CHUNK = 5000;
/** Work older than this with no heartbeat and not running here was cut off by a crash. */
const STALE_MS = 2 * 60 * 1000;
const INTERRUPTED =
  '导入被中断（服务重启），请重新上传 / The import was interrupted (the server restarted); upload again';

/**
 * Raw SQL with real bind parameters ($1…) through the EntityManager's connection or its open
 * transaction. (EntityManager.execute inlines parameters into the SQL text, which for the
 * multi-megabyte JSON batches here costs more than the query.)
 */
async function sql<T = Record<string, unknown>>(
  em: EntityManager,
  query: string,
  params: readonly unknown[] = [],
): Promise<T[]> {
  const knex = em.getTransactionContext<Knex.Transaction>() ?? em.getKnex();
  const result = (await knex.raw(query, params as Knex.RawBinding[])) as { rows: T[] };
  return result.rows;
}

/** Yields to the event loop so requests are served during long imports. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Bulk registration from the XLSX/CSV template. An upload is read, then validated in the
 * background (own forked EntityManager) into staged rows with a per-row report; a commit writes
 * every valid row in one transaction with set-based SQL; a discard drops the staged rows.
 * The per-entry rules are RegistrationsService.enter()'s, applied set-based (import-rows.ts).
 */
/**
 * Multer hands over multipart file names decoded as latin1; browsers send UTF-8, so
 * "一汽报名表.xlsx" would arrive garbled. Re-decode, keeping the name as is when it was not UTF-8.
 */
export function uploadedFileName(raw: string | undefined): string {
  if (!raw) return 'upload';
  const bytes = Buffer.from(raw, 'latin1');
  const decoded = bytes.toString('utf8');
  return decoded.includes('\uFFFD') ? raw : decoded;
}

@Injectable()
export class RegistrationImportService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RegistrationImportService.name);
  private readonly running = new Map<string, Promise<void>>();
  /** Rows written so far by a running commit: kept here, as its transaction is still open. */
  private readonly commitProgress = new Map<string, number>();

  constructor(
    private readonly em: EntityManager,
    private readonly registrationAccess: RegistrationAccessService,
    private readonly cipher: PersonalDataCipher,
    private readonly audit: AuditService,
  ) {}

  // ── lifecycle ─────────────────────────────────────────────────────────────

  async onApplicationBootstrap(): Promise<void> {
    try {
      const failed = await this.failInterruptedImports();
      if (failed > 0) this.logger.warn(`Marked ${failed} interrupted import(s) as failed`);
    } catch (error) {
      // Before the first migration (tests migrate after init) the table does not exist yet.
      this.logger.debug(`Interrupted imports not checked: ${String(error)}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.running.values()]);
  }

  /** Imports left validating/committing by a crashed process: failed, to be uploaded again. */
  async failInterruptedImports(olderThanMs = STALE_MS): Promise<number> {
    const em = this.em.fork();
    const stale = await em.find(RegistrationImport, {
      status: { $in: ['validating', 'committing'] },
      updatedAt: { $lt: new Date(Date.now() - olderThanMs) },
    });
    const interrupted = stale.filter((entry) => !this.running.has(entry.id));
    for (const entry of interrupted) {
      entry.status = 'failed';
      entry.failure = INTERRUPTED;
      entry.updatedAt = new Date();
    }
    await em.flush();
    return interrupted.length;
  }

  // ── template ──────────────────────────────────────────────────────────────

  async downloadTemplate(user: AuthUser, competitionId: string): Promise<Buffer> {
    const competition = await this.loadCompetition(competitionId);
    const actor = await this.registrationAccess.actorFor(user, competition);
    const events = await this.em.find(
      CompetitionEvent,
      { competition },
      { orderBy: { sortOrder: 'asc', name: 'asc' } },
    );
    const enterprises = (await this.enterprisesUnder(this.em, competition)).filter(
      (enterprise) => actor.organiser || actor.enterprises.has(enterprise.id),
    );

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('报名表');
    sheet.columns = IMPORT_COLUMNS.map((column) => ({
      header: column.header,
      key: column.key,
      width: column.key === 'enterprise' || column.key === 'documentNumber' ? 26 : 14,
      // Text format keeps 18-digit ID numbers and mobiles from turning into numbers.
      style: { numFmt: '@' },
    }));
    sheet.getRow(1).font = { bold: true };
    sheet.addRow({
      name: `${EXAMPLE_MARK}张三`,
      documentType: '居民身份证',
      documentNumber: '11010519491231002X',
      mobile: '13800138000',
      enterprise: enterprises[0]?.name ?? '（企业全称）',
      event: events[0]?.name ?? '（项目名称）',
      skillLevel: '三级/高级工',
      gender: '女',
      birthDate: '1949-12-31',
    });
    const notes = sheet.addRow([
      `${NOTES_MARK}第 1 行为表头，请从第 2 行起填写（以“${EXAMPLE_MARK}”或“${NOTES_MARK}”开头的行不导入）。` +
        `证件类型：${Object.values(DOCUMENT_TYPE_NAMES)
          .map((name) => name['zh-CN'])
          .join('、')}；证件号码请按文本填写（18 位，末位可为 X）；手机号 11 位；` +
        `所在企业、报名项目填写“项目与企业”工作表中的名称；技能等级：${SKILL_LEVELS.map((level) => `${level.grade}/${level.title}`).join('、')}，可留空；` +
        '性别（男/女）和出生日期（1990-01-31）身份证可不填，由号码推出。' +
        '统一社会信用代码可不填；填写时按代码确定所在企业（优先于企业名称）。',
    ]);
    notes.font = { italic: true, color: { argb: 'FF666666' } };

    const lists = workbook.addWorksheet('项目与企业');
    lists.columns = [
      { header: '报名项目', key: 'event', width: 24 },
      { header: '', key: 'gap', width: 4 },
      { header: '所在企业', key: 'enterprise', width: 36 },
      { header: '统一社会信用代码', key: 'creditCode', width: 24 },
      { header: '地区', key: 'region', width: 16 },
    ];
    lists.getRow(1).font = { bold: true };
    const height = Math.max(events.length, enterprises.length);
    for (let i = 0; i < height; i++) {
      lists.addRow({
        event: events[i]?.name ?? '',
        enterprise: enterprises[i]?.name ?? '',
        creditCode: enterprises[i]?.creditCode ?? '',
        region: enterprises[i]?.region ?? '',
      });
    }
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  // ── upload and validation ─────────────────────────────────────────────────

  async uploadImport(
    user: AuthUser,
    competitionId: string,
    file: UploadedFile | undefined,
  ): Promise<ImportView> {
    const competition = await this.loadCompetition(competitionId);
    const actor = await this.registrationAccess.actorFor(user, competition);
    this.assertAcceptsEntries(competition, actor);
    const fileName = uploadedFileName(file?.originalname);
    const parsed = await readImportFile(file?.buffer ?? Buffer.alloc(0), fileName);
    const em = this.em.fork();
    const entry = em.create(RegistrationImport, {
      competition: em.getReference(Competition, competition.id),
      fileName: fileName.slice(0, 255),
      uploadedBy: user.id,
      totalRows: parsed.rows.length,
    });
    await em.flush();
    this.track(entry.id, () => this.validate(entry.id, competition.id, actor, parsed.rows));
    return this.toView(entry, []);
  }

  private track(importId: string, work: () => Promise<void>): void {
    const job = work()
      .catch(async (error: unknown) => {
        this.logger.error(`Import ${importId} failed: ${String(error)}`);
        await this.em
          .fork()
          .nativeUpdate(
            RegistrationImport,
            { id: importId },
            {
              status: 'failed',
              failure: `导入失败，数据库未作任何更改 / The import failed and nothing was changed (${error instanceof Error ? error.message.slice(0, 300) : 'error'})`,
              updatedAt: new Date(),
            },
          )
          .catch(() => undefined);
      })
      .finally(() => {
        this.running.delete(importId);
        this.commitProgress.delete(importId);
      });
    this.running.set(importId, job);
  }

  private async validate(
    importId: string,
    competitionId: string,
    actor: RegistrationActor,
    rawRows: RawImportRow[],
  ): Promise<void> {
    const em = this.em.fork();
    const competition = await em.findOneOrFail(Competition, { id: competitionId });
    const today = chinaToday();

    // 1. Each row on its own, then names → ids and documents → lookup hashes.
    const lookups = await this.namedFacts(em, competition, actor);
    interface Staged {
      row: number;
      parsed: ParsedImportRow | null;
      candidate: CandidateRow | null;
      issues: ImportRowIssue[];
    }
    const staged: Staged[] = [];
    for (let i = 0; i < rawRows.length; i++) {
      const raw = rawRows[i]!;
      const result = parseImportRow(raw, today);
      let candidate: CandidateRow | null = null;
      const issues = result.issues;
      const resolved = resolveRow(result.names, lookups);
      issues.push(...resolved.issues);
      if (result.value && resolved.enterpriseId && resolved.eventId && issues.length === 0) {
        candidate = {
          row: raw.row,
          name: result.value.name,
          documentHash: this.cipher.lookupHash(
            result.value.documentType,
            result.value.documentNumber,
          ),
          enterpriseId: resolved.enterpriseId,
          eventId: resolved.eventId,
          skillLevel: result.value.skillLevel,
          gender: result.value.gender,
          birthDate: result.value.birthDate,
        };
      }
      staged.push({ row: raw.row, parsed: result.value, candidate, issues });
      if (i % CHUNK === CHUNK - 1) await breathe();
    }
    rawRows.length = 0; // the raw cells are no longer needed

    // 2. Every candidate against the database and the rows above it.
    const candidates = staged.flatMap((entry) => (entry.candidate ? [entry.candidate] : []));
    const facts = await this.loadFacts(em, competition, actor, lookups, candidates);
    const verdicts = checkRows(candidates, facts);
    const byRow = new Map<number, { outcome: RowOutcome; issues: ImportRowIssue[] }>();
    candidates.forEach((candidate, index) => byRow.set(candidate.row, verdicts[index]!));

    // 3. Staged rows, in chunks, with the progress written as it goes.
    let valid = 0;
    let invalid = 0;
    let already = 0;
    let waitlisted = 0;
    let issueCount = 0;
    verdicts.forEach((verdict) => {
      if (verdict.waitlisted) waitlisted++;
    });
    for (let start = 0; start < staged.length; start += CHUNK) {
      const records = staged.slice(start, start + CHUNK).map((entry) => {
        const verdict = byRow.get(entry.row);
        const outcome: RowOutcome = verdict?.outcome ?? 'invalid';
        const issues = [...entry.issues, ...(verdict?.issues ?? [])];
        if (outcome === 'valid') valid++;
        else if (outcome === 'already_registered') already++;
        else invalid++;
        issueCount += issues.length;
        const keep = outcome !== 'invalid' && entry.parsed && entry.candidate;
        return {
          row_number: entry.row,
          outcome,
          name: entry.parsed?.name ?? null,
          document_type: keep ? entry.parsed!.documentType : null,
          document_encrypted: keep ? this.cipher.encrypt(entry.parsed!.documentNumber) : null,
          document_hash: keep ? entry.candidate!.documentHash : null,
          document_masked: keep
            ? maskDocument(entry.parsed!.documentType, entry.parsed!.documentNumber)
            : null,
          mobile: keep ? entry.parsed!.mobile : null,
          enterprise_id: entry.candidate?.enterpriseId ?? null,
          event_id: entry.candidate?.eventId ?? null,
          skill_level: entry.parsed?.skillLevel ?? null,
          gender: keep ? entry.parsed!.gender : null,
          birth_date: keep ? entry.parsed!.birthDate : null,
          issues: issues.length > 0 ? issues : null,
        };
      });
      await sql(
        em,
        `insert into registration_import_row (import_id, row_number, outcome, name, document_type,
           document_encrypted, document_hash, document_masked, mobile, enterprise_id, event_id,
           skill_level, gender, birth_date, issues)
         select ?, x.row_number, x.outcome, x.name, x.document_type, x.document_encrypted,
           x.document_hash, x.document_masked, x.mobile, x.enterprise_id, x.event_id,
           x.skill_level, x.gender, x.birth_date, x.issues
         from json_to_recordset(?::json) as x(row_number int, outcome text, name text,
           document_type text, document_encrypted text, document_hash text, document_masked text,
           mobile text, enterprise_id uuid, event_id uuid, skill_level int, gender text,
           birth_date date, issues jsonb)`,
        [importId, JSON.stringify(records)],
      );
      await em.nativeUpdate(
        RegistrationImport,
        { id: importId },
        { processedRows: Math.min(start + CHUNK, staged.length), updatedAt: new Date() },
      );
    }

    await em.nativeUpdate(
      RegistrationImport,
      { id: importId, status: 'validating' },
      {
        status: 'validated',
        processedRows: staged.length,
        validRows: valid,
        invalidRows: invalid,
        alreadyRegisteredRows: already,
        waitlistedRows: waitlisted,
        issueCount,
        updatedAt: new Date(),
      },
    );
  }

  // ── commit and discard ────────────────────────────────────────────────────

  async commitImport(
    user: AuthUser,
    competitionId: string,
    importId: string,
    dto: CommitImportRequest,
  ): Promise<ImportView> {
    const { competition, actor, entry } = await this.loadImport(user, competitionId, importId);
    if (entry.status !== 'validated') {
      throw new ImportNotReadyError({ status: entry.status, action: 'committed / 导入' });
    }
    if (dto.mode === 'all_or_nothing' && entry.invalidRows > 0) {
      throw new ImportHasErrorsError({ count: entry.invalidRows });
    }
    this.assertAcceptsEntries(competition, actor);
    const em = this.em.fork();
    const claimed = await em.nativeUpdate(
      RegistrationImport,
      { id: importId, status: 'validated' },
      { status: 'committing', processedRows: 0, updatedAt: new Date() },
    );
    if (claimed === 0) {
      throw new ImportNotReadyError({ status: 'committing', action: 'committed / 导入' });
    }
    entry.status = 'committing';
    entry.processedRows = 0;
    this.commitProgress.set(importId, 0);
    this.track(importId, () => this.commit(importId, competition.id, actor, dto));
    return this.view(em, entry);
  }

  private async commit(
    importId: string,
    competitionId: string,
    actor: RegistrationActor,
    dto: CommitImportRequest,
  ): Promise<void> {
    const em = this.em.fork();
    await em.transactional(async (tx) => {
      const competition = await tx.findOneOrFail(Competition, { id: competitionId });
      // Serialises with single entries into these events, so quotas and capacity hold.
      await sql(
        tx,
        'select id from competition_event where competition_id = ? order by id for update',
        [competitionId],
      );
      const entry = await tx.findOneOrFail(RegistrationImport, { id: importId });
      if (dto.mode === 'all_or_nothing' && entry.invalidRows > 0) {
        throw new ImportHasErrorsError({ count: entry.invalidRows });
      }
      const staged: Array<{
        row_number: number;
        name: string;
        document_type: string;
        document_encrypted: string;
        document_hash: string;
        document_masked: string;
        mobile: string;
        enterprise_id: string;
        event_id: string;
        skill_level: number | null;
        gender: 'male' | 'female' | null;
        birth_date: string | null;
      }> = await sql(
        tx,
        `select row_number, name, document_type, document_encrypted, document_hash,
           document_masked, mobile, enterprise_id, event_id, skill_level, gender,
           to_char(birth_date, 'YYYY-MM-DD') as birth_date
         from registration_import_row
         where import_id = ? and outcome in ('valid', 'already_registered')
         order by row_number`,
        [importId],
      );

      // The situation may have changed since validation: check again, inside the transaction.
      const candidates: CandidateRow[] = staged.map((row) => ({
        row: row.row_number,
        name: row.name,
        documentHash: row.document_hash,
        enterpriseId: row.enterprise_id,
        eventId: row.event_id,
        skillLevel: row.skill_level,
        gender: row.gender,
        birthDate: row.birth_date,
      }));
      const lookups = await this.namedFacts(tx, competition, actor);
      const facts = await this.loadFacts(tx, competition, actor, lookups, candidates);
      const verdicts = checkRows(candidates, facts);
      const toWrite = staged.flatMap((row, index) =>
        verdicts[index]!.outcome === 'valid'
          ? [{ row, waitlisted: verdicts[index]!.waitlisted }]
          : [],
      );
      const nowInvalid = verdicts.filter((verdict) => verdict.outcome === 'invalid').length;
      if (dto.mode === 'all_or_nothing' && nowInvalid > 0) {
        throw new ImportHasErrorsError({ count: nowInvalid });
      }

      // People: one upsert per distinct document (the last row's details win).
      const people = new Map<string, (typeof staged)[number]>();
      for (const { row } of toWrite) people.set(row.document_hash, row);
      const personRows = [...people.values()];
      for (let start = 0; start < personRows.length; start += CHUNK) {
        await sql(
          tx,
          `insert into person (id, name, enterprise_id, document_type, document_encrypted,
             document_hash, document_masked, birth_date, gender, mobile, skill_level, created_at)
           select gen_random_uuid(), x.name, x.enterprise_id, x.document_type,
             x.document_encrypted, x.document_hash, x.document_masked, x.birth_date, x.gender,
             x.mobile, x.skill_level, now()
           from json_to_recordset(?::json) as x(name text, enterprise_id uuid,
             document_type text, document_encrypted text, document_hash text,
             document_masked text, birth_date date, gender text, mobile text, skill_level int)
           on conflict (document_hash) do update set
             enterprise_id = excluded.enterprise_id, mobile = excluded.mobile,
             skill_level = excluded.skill_level,
             birth_date = coalesce(excluded.birth_date, person.birth_date),
             gender = coalesce(excluded.gender, person.gender)`,
          [
            JSON.stringify(
              personRows.slice(start, start + CHUNK).map((row) => ({
                name: row.name,
                enterprise_id: row.enterprise_id,
                document_type: row.document_type,
                document_encrypted: row.document_encrypted,
                document_hash: row.document_hash,
                document_masked: row.document_masked,
                birth_date: row.birth_date,
                gender: row.gender,
                mobile: row.mobile,
                skill_level: row.skill_level,
              })),
            ),
          ],
        );
      }

      // Entries: new ones inserted, withdrawn or rejected ones entered again (as enter() does);
      // an active entry made meanwhile is left alone and counted as already registered.
      const status = actor.organiser ? 'approved' : 'submitted';
      let created = 0;
      for (let start = 0; start < toWrite.length; start += CHUNK) {
        const result: Array<{ n: number }> = await sql(
          tx,
          `with ins as (
             insert into registration (id, competition_id, event_id, person_id, status, reason,
               source, submitted_by, created_at, updated_at)
             select gen_random_uuid(), ?, x.event_id, p.id, x.status, x.reason, 'import', ?,
               now(), now()
             from json_to_recordset(?::json) as x(document_hash text, event_id uuid,
               status text, reason text)
             join person p on p.document_hash = x.document_hash
             on conflict (event_id, person_id) do update set
               status = excluded.status, reason = excluded.reason, source = excluded.source,
               submitted_by = excluded.submitted_by, updated_at = now()
             where registration.status not in ('submitted', 'approved', 'waitlisted')
             returning 1
           ) select count(*)::int as n from ins`,
          [
            competitionId,
            actor.userId,
            JSON.stringify(
              toWrite.slice(start, start + CHUNK).map(({ row, waitlisted }) => ({
                document_hash: row.document_hash,
                event_id: row.event_id,
                status: waitlisted ? 'waitlisted' : status,
                reason: waitlisted
                  ? '项目名额已满，列入候补 / The event is full: waitlisted'
                  : null,
              })),
            ),
          ],
        );
        created += result[0]?.n ?? 0;
        this.commitProgress.set(importId, Math.min(start + CHUNK, toWrite.length));
      }

      // The report keeps the issues; the staged documents are no longer needed.
      await sql(tx, `delete from registration_import_row where import_id = ? and issues is null`, [
        importId,
      ]);
      await sql(
        tx,
        `update registration_import_row set document_encrypted = null, document_hash = null,
           document_masked = null, mobile = null, birth_date = null
         where import_id = ?`,
        [importId],
      );
      const alreadyRegistered =
        verdicts.filter((verdict) => verdict.outcome === 'already_registered').length +
        (toWrite.length - created);
      const counts = {
        createdRows: created,
        alreadyRegisteredRows: alreadyRegistered,
        skippedRows: nowInvalid,
        waitlistedRows: toWrite.filter((row) => row.waitlisted).length,
      };
      entry.status = 'committed';
      entry.createdRows = created;
      entry.alreadyRegisteredRows = alreadyRegistered;
      entry.waitlistedRows = counts.waitlistedRows;
      entry.processedRows = toWrite.length;
      entry.committedAt = new Date();
      entry.updatedAt = new Date();
      if (nowInvalid > 0) {
        entry.failure = `${nowInvalid} 行在校验后情况有变（如已被他人报名或名额已满），未导入 / ${nowInvalid} row(s) changed since validation (e.g. entered meanwhile or a quota filled) and were not imported`;
      }
      // One audit entry for the whole import; the entries themselves carry source 'import'.
      this.audit.record(
        {
          actorId: actor.userId,
          action: 'registration.import',
          subjectType: 'registration_import',
          subjectId: importId,
          before: null,
          after: { mode: dto.mode, fileName: entry.fileName, ...counts },
        },
        tx,
      );
    });
  }

  async discardImport(
    user: AuthUser,
    competitionId: string,
    importId: string,
  ): Promise<ImportView> {
    const { entry } = await this.loadImport(user, competitionId, importId);
    if (entry.status !== 'validated' && entry.status !== 'failed') {
      throw new ImportNotReadyError({ status: entry.status, action: 'discarded / 放弃' });
    }
    const em = this.em.fork();
    await em.transactional(async (tx) => {
      await tx.nativeDelete(RegistrationImportRow, { import: importId });
      await tx.nativeUpdate(
        RegistrationImport,
        { id: importId },
        { status: 'discarded', updatedAt: new Date() },
      );
    });
    entry.status = 'discarded';
    return this.toView(entry, []);
  }

  // ── reading ───────────────────────────────────────────────────────────────

  async getImport(user: AuthUser, competitionId: string, importId: string): Promise<ImportView> {
    const { entry } = await this.loadImport(user, competitionId, importId);
    return this.view(this.em, entry);
  }

  async downloadReport(user: AuthUser, competitionId: string, importId: string): Promise<Buffer> {
    const { entry } = await this.loadImport(user, competitionId, importId);
    const issues = await this.issuesOf(this.em, entry.id, null);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('问题清单');
    sheet.columns = [
      { header: '行号', key: 'row', width: 8 },
      { header: '列', key: 'column', width: 14 },
      { header: '问题', key: 'zh', width: 60 },
      { header: 'Problem', key: 'en', width: 60 },
      { header: '类型 Kind', key: 'severity', width: 12 },
    ];
    sheet.getRow(1).font = { bold: true };
    for (const issue of issues) {
      sheet.addRow({
        row: issue.row,
        column: issue.column ?? '（整行）',
        zh: issue.message['zh-CN'],
        en: issue.message.en,
        severity: issue.severity === 'note' ? '提示 note' : '错误 error',
      });
    }
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  private async view(em: EntityManager, entry: RegistrationImport): Promise<ImportView> {
    return this.toView(entry, await this.issuesOf(em, entry.id, VIEW_ISSUES));
  }

  private async issuesOf(
    em: EntityManager,
    importId: string,
    limit: number | null,
  ): Promise<ImportRowIssue[]> {
    const rows: Array<{ issues: ImportRowIssue[] }> = await sql(
      em,
      `select issues from registration_import_row
       where import_id = ? and issues is not null order by row_number
       ${limit === null ? '' : `limit ${Number(limit)}`}`,
      [importId],
    );
    const issues = rows.flatMap((row) => row.issues);
    return limit === null ? issues : issues.slice(0, limit);
  }

  private toView(entry: RegistrationImport, issues: ImportRowIssue[]): ImportView {
    const progress = this.commitProgress.get(entry.id);
    return {
      id: entry.id,
      competitionId: entry.competition.id,
      fileName: entry.fileName,
      status: entry.status,
      processedRows:
        entry.status === 'committing' && progress !== undefined ? progress : entry.processedRows,
      totalRows: entry.totalRows,
      validRows: entry.validRows,
      invalidRows: entry.invalidRows,
      alreadyRegisteredRows: entry.alreadyRegisteredRows,
      waitlistedRows: entry.waitlistedRows,
      createdRows: entry.createdRows,
      issues,
      issueCount: entry.issueCount,
      failure: entry.failure,
      createdAt: entry.createdAt.toISOString(),
      committedAt: entry.committedAt?.toISOString() ?? null,
    };
  }

  // ── facts ─────────────────────────────────────────────────────────────────

  private async enterprisesUnder(
    em: EntityManager,
    competition: Competition,
  ): Promise<EnterpriseFacts[]> {
    return sql(
      em,
      `with recursive tree(id, depth) as (
         select id, 0 from organisation where id = ?
         union all
         select o.id, t.depth + 1 from organisation o join tree t on o.parent_id = t.id
         where t.depth < 20
       ) select o.id, o.name, o.region, o.credit_code as "creditCode" from organisation o
         where o.kind = 'enterprise' and o.id in (select id from tree)
         order by o.name`,
      [competition.organiser.id],
    );
  }

  private async namedFacts(
    em: EntityManager,
    competition: Competition,
    actor: RegistrationActor,
  ): Promise<
    Pick<
      ImportFacts,
      | 'organiser'
      | 'ownEnterprises'
      | 'enterprises'
      | 'enterprisesByName'
      | 'enterprisesByCode'
      | 'events'
      | 'eventsByName'
    >
  > {
    const enterpriseList = await this.enterprisesUnder(em, competition);
    const eventList = await em.find(CompetitionEvent, { competition: competition.id });
    const events = new Map<string, EventFacts>(
      eventList.map((event) => [
        event.id,
        {
          id: event.id,
          name: event.name,
          exclusive: event.exclusive,
          capacity: event.capacity,
          quotaPerEnterprise: event.quotaPerEnterprise,
          quotaPerRegion: event.quotaPerRegion,
          eligibility: event.eligibility,
        },
      ]),
    );
    return {
      organiser: actor.organiser,
      ownEnterprises: actor.enterprises,
      enterprises: new Map(enterpriseList.map((enterprise) => [enterprise.id, enterprise])),
      enterprisesByName: new Map(
        enterpriseList.map((enterprise) => [nameKey(enterprise.name), enterprise]),
      ),
      enterprisesByCode: new Map(
        enterpriseList.flatMap((enterprise) =>
          enterprise.creditCode ? [[enterprise.creditCode, enterprise] as const] : [],
        ),
      ),
      events,
      eventsByName: new Map([...events.values()].map((event) => [nameKey(event.name), event])),
    };
  }

  /** The database's side of the rules, for the documents in these rows: a handful of queries. */
  private async loadFacts(
    em: EntityManager,
    competition: Competition,
    actor: RegistrationActor,
    named: Awaited<ReturnType<RegistrationImportService['namedFacts']>>,
    candidates: readonly CandidateRow[],
  ): Promise<ImportFacts> {
    const hashes = JSON.stringify([...new Set(candidates.map((row) => row.documentHash))]);
    const people: Array<{
      id: string;
      name: string;
      enterprise_id: string | null;
      document_hash: string;
    }> = await sql(
      em,
      `select id, name, enterprise_id, document_hash from person
       where document_hash in (select json_array_elements_text(?::json))`,
      [hashes],
    );
    const persons = new Map(
      people.map((person) => [
        person.document_hash,
        { id: person.id, name: person.name, enterpriseId: person.enterprise_id },
      ]),
    );
    const entries: Array<{ person_id: string; event_id: string }> = await sql(
      em,
      `select r.person_id, r.event_id from registration r join person p on p.id = r.person_id
       where r.competition_id = ? and r.status in ('submitted', 'approved', 'waitlisted')
         and p.document_hash in (select json_array_elements_text(?::json))`,
      [competition.id, hashes],
    );
    const activeEntries = new Map<string, string[]>();
    for (const entry of entries) {
      const list = activeEntries.get(entry.person_id) ?? [];
      list.push(entry.event_id);
      activeEntries.set(entry.person_id, list);
    }
    const counts: Array<{
      event_id: string;
      enterprise_id: string | null;
      region: string | null;
      status: string;
      n: number;
    }> = await sql(
      em,
      `select r.event_id, p.enterprise_id, o.region, r.status, count(*)::int as n
       from registration r join person p on p.id = r.person_id
       left join organisation o on o.id = p.enterprise_id
       where r.competition_id = ? and r.status in ('submitted', 'approved', 'waitlisted')
       group by r.event_id, p.enterprise_id, o.region, r.status`,
      [competition.id],
    );
    const enterpriseCounts = new Map<string, number>();
    const regionCounts = new Map<string, number>();
    const takenCounts = new Map<string, number>();
    const add = (map: Map<string, number>, key: string, n: number) =>
      map.set(key, (map.get(key) ?? 0) + n);
    for (const count of counts) {
      if (count.enterprise_id)
        add(enterpriseCounts, `${count.event_id}|${count.enterprise_id}`, count.n);
      if (count.region) add(regionCounts, `${count.event_id}|${count.region}`, count.n);
      if (count.status !== 'waitlisted') add(takenCounts, count.event_id, count.n);
    }
    return {
      ...named,
      organiser: actor.organiser,
      ownEnterprises: actor.enterprises,
      defaultReferenceDate: competition.startsOn ?? chinaToday(),
      persons,
      activeEntries,
      enterpriseCounts,
      regionCounts,
      takenCounts,
    };
  }

  // ── access ────────────────────────────────────────────────────────────────

  private async loadCompetition(competitionId: string): Promise<Competition> {
    const competition = await this.em.findOne(
      Competition,
      { id: competitionId },
      { populate: ['organiser'] },
    );
    if (!competition) throw new EntityNotFoundError('competition', competitionId);
    return competition;
  }

  /** An import is seen by the competition's organisers and by whoever uploaded it. */
  private async loadImport(user: AuthUser, competitionId: string, importId: string) {
    const competition = await this.loadCompetition(competitionId);
    const actor = await this.registrationAccess.actorFor(user, competition);
    const entry = await this.em.findOne(RegistrationImport, {
      id: importId,
      competition: competitionId,
    });
    if (!entry || (!actor.organiser && entry.uploadedBy !== user.id)) {
      throw new EntityNotFoundError('import', importId);
    }
    if (
      (entry.status === 'validating' || entry.status === 'committing') &&
      !this.running.has(entry.id) &&
      entry.updatedAt.getTime() < Date.now() - STALE_MS
    ) {
      await this.failInterruptedImports();
      await this.em.refresh(entry);
    }
    return { competition, actor, entry };
  }

  private assertAcceptsEntries(competition: Competition, actor: RegistrationActor): void {
    const acceptsEntries =
      competition.status === 'registration_open' ||
      (actor.organiser &&
        (competition.status === 'draft' || competition.status === 'registration_closed'));
    const pastDeadline =
      !actor.organiser &&
      competition.registrationClosesAt !== null &&
      competition.registrationClosesAt < new Date();
    if (!acceptsEntries || pastDeadline) throw new ImportRefusedError();
  }
}
