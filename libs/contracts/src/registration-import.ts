import { z } from 'zod';

/**
 * Bulk registration from the XLSX/CSV template (Chinese headers). An upload is validated in the
 * background into an import with a per-row report; the organiser then commits all valid rows, or
 * only if every row is valid, or discards it. Committing the same rows twice adds no duplicates.
 */
export const IMPORT_COLUMNS = [
  { key: 'name', header: '姓名', en: 'Name', required: true },
  { key: 'documentType', header: '证件类型', en: 'Document type', required: true },
  { key: 'documentNumber', header: '证件号码', en: 'Document number', required: true },
  { key: 'mobile', header: '手机号码', en: 'Mobile', required: true },
  { key: 'enterprise', header: '所在企业', en: 'Enterprise (name or credit code)', required: true },
  { key: 'event', header: '报名项目', en: 'Event', required: true },
  { key: 'skillLevel', header: '技能等级', en: 'Skill level', required: false },
  { key: 'gender', header: '性别', en: 'Gender', required: false },
  { key: 'birthDate', header: '出生日期', en: 'Birth date', required: false },
  /** Optional: when given, the enterprise is found by it first (the name is then only checked). */
  {
    key: 'creditCode',
    header: '统一社会信用代码',
    en: 'Unified social credit code',
    required: false,
  },
] as const;
export type ImportColumnKey = (typeof IMPORT_COLUMNS)[number]['key'];

export const IMPORT_STATUSES = [
  'validating',
  'validated',
  'committing',
  'committed',
  'discarded',
  'failed',
] as const;
export const ImportStatus = z.enum(IMPORT_STATUSES);
export type ImportStatus = z.infer<typeof ImportStatus>;

export const ImportRowIssue = z.object({
  /** Spreadsheet row number as the user sees it (the header is row 1). */
  row: z.number().int(),
  /** Column header (姓名…), or null for a problem with the whole row. */
  column: z.string().nullable(),
  message: z.object({ 'zh-CN': z.string(), en: z.string() }),
  /** error: the row cannot be imported; note: it can, but read this (e.g. it will be waitlisted). Absent means error. */
  severity: z.enum(['error', 'note']).optional(),
});
export type ImportRowIssue = z.infer<typeof ImportRowIssue>;

export const ImportView = z.object({
  id: z.uuid(),
  competitionId: z.uuid(),
  fileName: z.string(),
  status: ImportStatus,
  /** Rows read so far (validating) or written so far (committing), for a progress bar. */
  processedRows: z.number().int(),
  totalRows: z.number().int(),
  validRows: z.number().int(),
  invalidRows: z.number().int(),
  /** Valid rows that were already registered (a second import of the same file): skipped, not duplicated. */
  alreadyRegisteredRows: z.number().int(),
  createdRows: z.number().int(),
  /** Valid rows past the event's capacity: imported as waitlisted (a note on each such row). */
  waitlistedRows: z.number().int().optional(),
  /** The first problems (all of them in the downloadable report). */
  issues: z.array(ImportRowIssue),
  issueCount: z.number().int(),
  failure: z.string().nullable(),
  createdAt: z.string(),
  committedAt: z.string().nullable(),
});
export type ImportView = z.infer<typeof ImportView>;

export const CommitImportRequest = z.strictObject({
  /** valid_only: import every valid row; all_or_nothing: import only if no row has a problem. */
  mode: z.enum(['valid_only', 'all_or_nothing']),
});
export type CommitImportRequest = z.infer<typeof CommitImportRequest>;
