import {
  creditCodeCheckCharacter,
  normaliseText,
  ORGANISATION_IMPORT_COLUMNS,
  ORGANISATION_KIND_NAMES,
  type OrganisationImportColumnKey,
  type OrganisationImportReport,
} from '@jingsai/contracts';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import type { AuthUser } from '../../common/auth/auth-user';
import { ConflictError, DomainError, type FieldIssue } from '../../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { decodeCsv, parseCsv } from '../registrations/import/import-file';
import { Organisation } from './entities/organisation.entity';
import {
  type ExistingOrganisation,
  type OrganisationImportInputRow,
  planOrganisationImport,
} from './organisation-import-rows';
import { OrganisationsService } from './organisations.service';

export const MAX_ORGANISATION_IMPORT_BYTES = 10 * 1024 * 1024;
const MAX_ROWS = 20_000;
const EXAMPLE_MARK = '【示例】';
const NOTES_MARK = '【说明】';

export interface OrganisationUpload {
  originalname: string;
  buffer: Buffer;
}

/** 400: the file itself cannot be used (type, empty, headers). Nothing is read or written. */
export class OrganisationImportFileError extends DomainError {
  readonly status = 400;
  readonly code = 'import.file_invalid';
  override readonly issues: FieldIssue[];

  constructor(zh: string, en: string) {
    super();
    this.issues = [{ path: 'file', message: { 'zh-CN': zh, en } }];
  }
}

const HEADER_KEYS: ReadonlyMap<string, OrganisationImportColumnKey> = new Map(
  ORGANISATION_IMPORT_COLUMNS.flatMap((column) =>
    [column.header, column.en, column.key].map((text) => [headerKey(text), column.key] as const),
  ),
);

function headerKey(text: string): string {
  return normaliseText(text)
    .replace(/[\s*＊]/g, '')
    .toLowerCase();
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('text' in value) return String(value.text);
  if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
  return '';
}

/** Reads the first sheet of an XLSX, or a CSV (UTF-8 or GBK), into rows by column. */
export async function readOrganisationFile(
  buffer: Buffer,
  fileName: string,
): Promise<OrganisationImportInputRow[]> {
  if (buffer.length === 0)
    throw new OrganisationImportFileError('上传的文件是空的', 'The uploaded file is empty');
  let records: Array<{ row: number; values: string[] }>;
  if (buffer[0] === 0x50 && buffer[1] === 0x4b) {
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    } catch {
      throw new OrganisationImportFileError(
        '无法读取该 Excel 文件，文件可能已损坏或不是 .xlsx 格式',
        'This Excel file cannot be read: it may be damaged or not an .xlsx file',
      );
    }
    const sheet = workbook.worksheets[0];
    if (!sheet)
      throw new OrganisationImportFileError('第一个工作表是空的', 'The first worksheet is empty');
    records = [];
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const values: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, column) => {
        values[column - 1] = cellText(cell.value);
      });
      records.push({ row: rowNumber, values: Array.from(values, (value) => value ?? '') });
    });
  } else if (/\.(csv|txt)$/i.test(fileName)) {
    records = parseCsv(decodeCsv(buffer)).map((values, index) => ({ row: index + 1, values }));
  } else {
    throw new OrganisationImportFileError(
      '不支持的文件类型，请上传 .xlsx 或 .csv 文件（使用系统下载的组织导入模板）',
      'Unsupported file type: upload an .xlsx or .csv file (use the template from the app)',
    );
  }
  const nonBlank = records.filter((record) => record.values.some((value) => normaliseText(value)));
  const header = nonBlank[0];
  if (!header)
    throw new OrganisationImportFileError('上传的文件是空的', 'The uploaded file is empty');
  const columns = new Map<number, OrganisationImportColumnKey>();
  header.values.forEach((text, index) => {
    const key = HEADER_KEYS.get(headerKey(text));
    if (key && ![...columns.values()].includes(key)) columns.set(index, key);
  });
  const missing = ORGANISATION_IMPORT_COLUMNS.filter(
    (column) => column.required && ![...columns.values()].includes(column.key),
  );
  if (missing.length > 0) {
    throw new OrganisationImportFileError(
      `缺少必填列：${missing.map((column) => column.header).join('、')}。请使用从系统下载的组织导入模板，第 1 行为表头`,
      `Missing required columns: ${missing.map((column) => `${column.header} (${column.en})`).join(', ')}. Use the template from the app, with the headers in row 1`,
    );
  }
  const rows: OrganisationImportInputRow[] = [];
  for (const record of nonBlank.slice(1)) {
    const first = normaliseText(record.values.find((value) => normaliseText(value)) ?? '');
    if (first.startsWith(EXAMPLE_MARK) || first.startsWith(NOTES_MARK)) continue;
    const cells = Object.fromEntries(
      ORGANISATION_IMPORT_COLUMNS.map((column) => [column.key, '']),
    ) as Record<OrganisationImportColumnKey, string>;
    for (const [index, key] of columns) cells[key] = record.values[index] ?? '';
    rows.push({ row: record.row, cells });
  }
  if (rows.length === 0) {
    throw new OrganisationImportFileError(
      '文件中没有组织数据（表头下方没有任何行）',
      'The file has no organisation rows below the header',
    );
  }
  if (rows.length > MAX_ROWS) {
    throw new OrganisationImportFileError(
      `一次最多导入 ${MAX_ROWS} 行，本文件有 ${rows.length} 行，请分批导入`,
      `At most ${MAX_ROWS} rows per import; this file has ${rows.length}: split it`,
    );
  }
  return rows;
}

/**
 * Organisations from the XLSX/CSV template (名称, 类型, 上级单位, 统一社会信用代码, 地区, 行业):
 * every row validated, a per-row report, and all or nothing — with any problem nothing is
 * written. A preview validates without writing. Each created or changed organisation is audited.
 */
@Injectable()
export class OrganisationImportService {
  constructor(
    private readonly em: EntityManager,
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditService,
  ) {}

  async downloadTemplate(user: AuthUser): Promise<Buffer> {
    const reach = await this.organisations.reachOf(user);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('组织导入');
    sheet.columns = ORGANISATION_IMPORT_COLUMNS.map((column) => ({
      header: column.header,
      key: column.key,
      width: column.key === 'name' || column.key === 'parent' ? 30 : 22,
      style: { numFmt: '@' },
    }));
    sheet.getRow(1).font = { bold: true };
    sheet.addRow({
      name: `${EXAMPLE_MARK}长春市某某机械有限公司`,
      kind: '企业',
      parent: '长春市总工会',
      creditCode: `91220101MA0Y4NBG3${creditCodeCheckCharacter('91220101MA0Y4NBG3')}`,
      region: '吉林省长春市',
      industry: '装备制造',
    });
    const notes = sheet.addRow([
      `${NOTES_MARK}第 1 行为表头，从第 2 行起每行一个单位（以“${EXAMPLE_MARK}”或“${NOTES_MARK}”开头的行不导入）。` +
        '类型：省级工会、市级工会、县（区）级工会、企业；层级为 省 → 市 → 县（区）→ 企业。' +
        '上级单位填写其名称或统一社会信用代码，可以是本文件中的单位，也可以是系统中已有的单位（见“已有单位”工作表）。' +
        '企业必须填写 18 位统一社会信用代码。同一文件重复导入不会产生重复单位：按统一社会信用代码、其次按同一上级下的名称对应已有单位。',
    ]);
    notes.font = { italic: true, color: { argb: 'FF666666' } };

    const known = await this.em.find(
      Organisation,
      reach.admin ? {} : { id: { $in: [...reach.organiserSubtree] } },
      { populate: ['parent'], orderBy: { kind: 'asc', name: 'asc' }, limit: 5000 },
    );
    const list = workbook.addWorksheet('已有单位');
    list.columns = [
      { header: '名称', key: 'name', width: 30 },
      { header: '类型', key: 'kind', width: 16 },
      { header: '上级单位', key: 'parent', width: 30 },
      { header: '统一社会信用代码', key: 'creditCode', width: 22 },
      { header: '地区', key: 'region', width: 18 },
    ];
    list.getRow(1).font = { bold: true };
    for (const organisation of known) {
      list.addRow({
        name: organisation.name,
        kind: ORGANISATION_KIND_NAMES[organisation.kind]['zh-CN'],
        parent: organisation.parent?.name ?? '',
        creditCode: organisation.creditCode ?? '',
        region: organisation.region ?? '',
      });
    }
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  async importOrganisations(
    user: AuthUser,
    file: OrganisationUpload | undefined,
    mode: 'preview' | 'commit',
  ): Promise<OrganisationImportReport> {
    const fileName = uploadedName(file?.originalname);
    const rows = await readOrganisationFile(file?.buffer ?? Buffer.alloc(0), fileName);
    const reach = await this.organisations.reachOf(user);
    try {
      return await this.em.transactional(async (tx) => {
        // Lock the table against concurrent imports and edits for the few moments this takes.
        await tx.execute('lock table "organisation" in share row exclusive mode');
        const all = await tx.find(Organisation, {});
        const visible = reach.admin
          ? all
          : all.filter((organisation) => reach.organiserSubtree.has(organisation.id));
        const visibleIds = new Set(visible.map((organisation) => organisation.id));
        const hidden = new Set(
          all.flatMap((organisation) =>
            organisation.creditCode && !visibleIds.has(organisation.id)
              ? [organisation.creditCode]
              : [],
          ),
        );
        const existing: ExistingOrganisation[] = visible.map((organisation) => ({
          id: organisation.id,
          name: organisation.name,
          kind: organisation.kind,
          parentId: organisation.parent?.id ?? null,
          creditCode: organisation.creditCode,
          region: organisation.region,
          industry: organisation.industry,
        }));
        const plan = planOrganisationImport(rows, existing, reach, hidden);
        const count = (action: string) =>
          plan.results.filter((result) => result.action === action).length;
        const commit = mode === 'commit' && plan.issues.length === 0;
        const report: OrganisationImportReport = {
          fileName,
          committed: commit,
          totalRows: rows.length,
          created: count('create'),
          updated: count('update'),
          unchanged: count('unchanged'),
          rows: plan.results,
          issues: plan.issues,
        };
        if (!commit) return report;

        const byId = new Map(all.map((organisation) => [organisation.id, organisation]));
        /** Each planned row's organisation: the stored one it matched, or the one created. */
        const orgByRow = new Map<number, Organisation>();
        for (const planned of plan.planned) {
          const parent =
            planned.parent === null
              ? null
              : 'existingId' in planned.parent
                ? byId.get(planned.parent.existingId)!
                : orgByRow.get(planned.parent.row)!;
          if (planned.action === 'create') {
            const created = tx.create(Organisation, {
              name: planned.name,
              kind: planned.kind,
              parent,
              creditCode: planned.creditCode,
              region: planned.region,
              industry: planned.industry,
            });
            orgByRow.set(planned.row, created);
            this.audit.record(
              {
                actorId: user.id,
                action: 'organisation.import.create',
                subjectType: 'organisation',
                subjectId: created.id,
                before: null,
                after: { ...OrganisationsService.snapshot(created), fileName, row: planned.row },
              },
              tx,
            );
          } else {
            const entry = byId.get(planned.matchId!)!;
            orgByRow.set(planned.row, entry);
            if (planned.action === 'unchanged') continue;
            const before = OrganisationsService.snapshot(entry);
            entry.name = planned.name;
            entry.creditCode = planned.creditCode;
            entry.region = planned.region;
            entry.industry = planned.industry;
            this.audit.record(
              {
                actorId: user.id,
                action: 'organisation.import.update',
                subjectType: 'organisation',
                subjectId: entry.id,
                before,
                after: { ...OrganisationsService.snapshot(entry), fileName, row: planned.row },
              },
              tx,
            );
          }
        }
        await tx.flush();
        return report;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw new ConflictError();
      throw error;
    }
  }
}

/** multer gives UTF-8 file names as latin1; undo that when it decodes cleanly. */
function uploadedName(raw: string | undefined): string {
  if (!raw) return 'upload';
  const decoded = Buffer.from(raw, 'latin1').toString('utf8');
  return (decoded.includes('\uFFFD') ? raw : decoded).slice(0, 255);
}
