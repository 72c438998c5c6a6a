import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { TheoryImportReport, TheoryImportRow } from '@jingsai/contracts';
import ExcelJS from 'exceljs';
import type { AuthUser } from '../../common/auth/auth-user';
import { type FieldIssue, RequestValidationError } from '../../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { ChainWriter } from './chain-writer.service';
import { JudgingAccessService } from './judging-access.service';
import { JudgingError, roundClosed } from './judging.errors';
import { sql } from './judging-sql';
import { RoundContextService } from './round-context.service';
import { checkValue } from './rubric-aspects';
import { randomUUID } from 'node:crypto';

export interface TheoryUpload {
  buffer: Buffer;
  originalname?: string;
}

export const MAX_THEORY_BYTES = 5 * 1024 * 1024;

const CANDIDATE_HEADERS = ['准考证号', '考号', '参赛号', 'candidatenumber', 'candidate'];
const SCORE_HEADERS = ['成绩', '分数', '理论成绩', 'score'];

const fileError = (zh: string, en: string) =>
  new RequestValidationError([{ path: 'file', message: { 'zh-CN': zh, en } }]);

/** Rows with problems: nothing was imported (all or nothing); the report is in `issues`. */
export class TheoryImportInvalidError extends JudgingError {
  override readonly issues: FieldIssue[];

  constructor(readonly report: TheoryImportReport) {
    super('judging.theory_import_invalid', 422, { count: report.errors });
    this.issues = report.rows
      .filter((row) => row.status === 'error')
      .map((row) => ({
        path: `rows[${row.row}]`,
        message: { 'zh-CN': row.message!.zh, en: row.message!.en },
      }));
  }
}

/**
 * Theory results (理论成绩): an XLSX of candidate number and score into the round's imported
 * aspect. Every row is checked (known candidate in this round, not absent, a score within the
 * rubric, no candidate twice); any problem and nothing is stored. Stored scores are marks like
 * any other (source 'import', no judge), appended to the event's hash chain.
 */
@Injectable()
export class TheoryImportService {
  constructor(
    private readonly em: EntityManager,
    private readonly rounds: RoundContextService,
    private readonly judgingAccess: JudgingAccessService,
    private readonly chain: ChainWriter,
    private readonly audit: AuditService,
  ) {}

  async importScores(
    user: AuthUser,
    roundId: string,
    file: TheoryUpload | undefined,
    requestedAspect: string | undefined,
    dryRun: boolean,
  ): Promise<TheoryImportReport> {
    const round = await this.rounds.round(roundId);
    await this.judgingAccess.requireStaff(user, round.eventId, round.competitionId);
    const rubric = await this.rounds.rubric(roundId);
    const imported = rubric.aspects.filter((aspect) => aspect.aspect.kind === 'imported');
    const aspect = requestedAspect
      ? imported.find((candidate) => candidate.aspect.id === requestedAspect)
      : imported.length === 1
        ? imported[0]
        : undefined;
    if (!aspect)
      throw new JudgingError('judging.no_imported_aspect', 422, { aspect: requestedAspect ?? '' });
    if (!file) throw fileError('请上传 XLSX 文件', 'Upload an XLSX file');
    const rows = await readSheet(file.buffer);

    const entries = await sql<{ id: string; candidate_number: string; attendance: string }>(
      this.em,
      `select e.id, coalesce(reg.candidate_number, t.candidate_number) candidate_number, e.attendance
         from round_entry e
         left join registration reg on reg.id = e.registration_id
         left join team t on t.id = e.team_id
        where e.round_id = ? and coalesce(reg.candidate_number, t.candidate_number) is not null`,
      [roundId],
    );
    const byNumber = new Map(entries.map((entry) => [entry.candidate_number, entry]));
    const seen = new Map<string, number>();
    const report: TheoryImportRow[] = [];
    const accepted: Array<{ entryId: string; value: string }> = [];
    for (const { row, candidate, score } of rows) {
      const problem = ((): { zh: string; en: string } | null => {
        if (!candidate) return { zh: '缺少准考证号', en: 'The candidate number is missing' };
        const entry = byNumber.get(candidate);
        if (!entry)
          return {
            zh: `本轮没有准考证号 ${candidate}`,
            en: `No candidate ${candidate} in this round`,
          };
        if (seen.has(candidate))
          return {
            zh: `准考证号与第 ${seen.get(candidate)} 行重复`,
            en: `Same candidate as row ${seen.get(candidate)}`,
          };
        if (entry.attendance === 'absent')
          return { zh: '该考生缺考', en: 'This candidate was absent' };
        if (score === null) return { zh: '缺少成绩', en: 'The score is missing' };
        const bad = checkValue(aspect, score);
        if (bad)
          return {
            zh: `成绩 ${score} 不在 ${bad.min} 至 ${bad.max} 之间或不是数字`,
            en: `The score ${score} is not a number from ${bad.min} to ${bad.max}`,
          };
        return null;
      })();
      if (candidate && !seen.has(candidate)) seen.set(candidate, row);
      report.push({
        row,
        candidateNumber: candidate,
        score,
        status: problem ? 'error' : 'ok',
        message: problem,
      });
      if (!problem) accepted.push({ entryId: byNumber.get(candidate!)!.id, value: score! });
    }
    const errors = report.filter((row) => row.status === 'error').length;
    const result: TheoryImportReport = {
      roundId,
      aspectId: aspect.aspect.id,
      dryRun,
      imported: false,
      total: report.length,
      errors,
      rows: report,
    };
    if (report.length === 0) throw fileError('文件中没有成绩行', 'The file has no score rows');
    if (dryRun) return result;
    if (errors > 0) throw new TheoryImportInvalidError(result);

    await this.chain.submit(round.eventId, {
      sheetIds: [],
      keys: [],
      run: async (batch) => {
        const [phase] = await sql<{ phase: string }>(
          batch.em,
          'select phase from judging_round where round_id = ?',
          [roundId],
        );
        if (phase && phase.phase !== 'draft') throw roundClosed(phase.phase);
        const previous = await sql<{ id: string; entry_id: string }>(
          batch.em,
          `select distinct on (entry_id) id, entry_id from judging_mark
            where round_id = ? and aspect_id = ? and sheet_id is null order by entry_id, seq desc`,
          [roundId, aspect.aspect.id],
        );
        const before = new Map(previous.map((mark) => [mark.entry_id, mark.id]));
        for (const { entryId, value } of accepted) {
          batch.append(
            'judging_mark',
            {
              round_id: roundId,
              entry_id: entryId,
              sheet_id: null,
              judge_id: null,
              aspect_id: aspect.aspect.id,
              attempt: null,
              value,
              source: 'import',
              idempotency_key: randomUUID(),
              supersedes: before.get(entryId) ?? null,
              reason: before.has(entryId)
                ? `re-imported from ${file.originalname ?? 'upload'}`
                : null,
              recorded_by: user.id,
              device_id: 'theory-import',
              client_time: null,
              server_time: batch.now,
            },
            'theory_import',
          );
        }
      },
    });
    this.audit.record({
      actorId: user.id,
      action: 'judging.theory.import',
      subjectType: 'round',
      subjectId: roundId,
      after: { aspectId: aspect.aspect.id, rows: accepted.length, file: file.originalname ?? null },
    });
    await this.em.flush();
    return { ...result, imported: true };
  }
}

interface ScoreRow {
  row: number;
  candidate: string | null;
  score: string | null;
}

async function readSheet(buffer: Buffer): Promise<ScoreRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw fileError(
      '无法读取该文件，请上传 .xlsx 格式的成绩表',
      'The file cannot be read; upload the scores as .xlsx',
    );
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw fileError('文件中没有工作表', 'The file has no worksheet');
  const header = sheet.getRow(1);
  let candidateColumn = 0;
  let scoreColumn = 0;
  header.eachCell((cell, column) => {
    const text =
      cellText(cell.value)
        ?.replace(/[\s_*＊]/g, '')
        .toLowerCase() ?? '';
    if (!candidateColumn && CANDIDATE_HEADERS.includes(text)) candidateColumn = column;
    if (!scoreColumn && SCORE_HEADERS.includes(text)) scoreColumn = column;
  });
  if (!candidateColumn || !scoreColumn)
    throw fileError(
      '第 1 行须有“准考证号”和“成绩”两列',
      'Row 1 must have the columns "candidate number" (准考证号) and "score" (成绩)',
    );
  const rows: ScoreRow[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const candidate = cellText(row.getCell(candidateColumn).value);
    const score = cellText(row.getCell(scoreColumn).value);
    if (candidate === null && score === null) return;
    rows.push({ row: number, candidate, score });
  });
  return rows;
}

function cellText(value: ExcelJS.CellValue): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'object' && 'result' in value && value.result !== undefined)
    return cellText(value.result as ExcelJS.CellValue);
  if (typeof value === 'object' && 'richText' in value)
    return (
      value.richText
        .map((part) => part.text)
        .join('')
        .trim() || null
    );
  return String(value as unknown as string).trim() || null;
}
