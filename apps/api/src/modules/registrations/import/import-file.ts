import { IMPORT_COLUMNS, type ImportColumnKey, normaliseText } from '@jingsai/contracts';
import { inflateRawSync } from 'node:zlib';
import { DomainError, type FieldIssue } from '../../../common/errors/domain-error';

/**
 * Reading an uploaded registration file (XLSX read straight from its zip, or CSV in
 * UTF-8 or GBK/GB18030) into raw rows keyed by column. Values stay as the cell gave them
 * (string, number or Date) for the row rules to normalise; nothing is validated here except the
 * file itself: its type, that it has rows, and that the required columns are there.
 */

export type CellValue = string | number | Date | null;

export interface RawImportRow {
  /** As the user sees it in the spreadsheet (the header is row 1). */
  row: number;
  cells: Record<ImportColumnKey, CellValue>;
}

export interface ImportFile {
  rows: RawImportRow[];
}

export const MAX_IMPORT_BYTES = 30 * 1024 * 1024;

/** Rows the template itself carries, skipped when read back: the example and the notes. */
export const EXAMPLE_MARK = '【示例】';
export const NOTES_MARK = '【说明】';

const fileIssue = (zh: string, en: string): FieldIssue => ({
  path: 'file',
  message: { 'zh-CN': zh, en },
});

/** 400 before any import record is made: the file itself is unusable (type, empty, headers). */
export class ImportFileError extends DomainError {
  readonly status = 400;
  readonly code = 'import.file_invalid';
  override readonly issues: FieldIssue[];

  constructor(zh: string, en: string) {
    super();
    this.issues = [fileIssue(zh, en)];
  }
}

/** Header text → column: the Chinese header, the English name or the key; spaces and width ignored. */
const HEADER_KEYS: ReadonlyMap<string, ImportColumnKey> = new Map(
  IMPORT_COLUMNS.flatMap((column) =>
    [column.header, column.en, column.key].map((text) => [headerKey(text), column.key] as const),
  ),
);

function headerKey(text: string): string {
  return normaliseText(text)
    .replace(/[\s*＊]/g, '')
    .toLowerCase();
}

/** Which column index holds which key; throws ImportFileError when required columns are missing. */
export function matchHeaders(headers: readonly CellValue[]): Map<number, ImportColumnKey> {
  const columns = new Map<number, ImportColumnKey>();
  const seen = new Set<ImportColumnKey>();
  headers.forEach((header, index) => {
    if (header === null || header === undefined) return;
    const key = HEADER_KEYS.get(headerKey(String(header)));
    if (key && !seen.has(key)) {
      columns.set(index, key);
      seen.add(key);
    }
  });
  const missing = IMPORT_COLUMNS.filter((column) => column.required && !seen.has(column.key));
  if (missing.length > 0) {
    throw new ImportFileError(
      `缺少必填列：${missing.map((column) => column.header).join('、')}。请使用从系统下载的报名模板，第 1 行为表头`,
      `Missing required columns: ${missing.map((column) => `${column.header} (${column.en})`).join(', ')}. Use the template downloaded from the app, with the headers in row 1`,
    );
  }
  return columns;
}

function emptyCells(): Record<ImportColumnKey, CellValue> {
  return Object.fromEntries(IMPORT_COLUMNS.map((column) => [column.key, null])) as Record<
    ImportColumnKey,
    CellValue
  >;
}

function isBlank(value: CellValue): boolean {
  return value === null || (typeof value === 'string' && normaliseText(value) === '');
}

function toRow(
  row: number,
  values: readonly CellValue[],
  columns: Map<number, ImportColumnKey>,
): RawImportRow | null {
  const first = values.find((value) => !isBlank(value));
  if (first === undefined) return null; // an empty line
  if (typeof first === 'string') {
    const text = normaliseText(first);
    if (text.startsWith(EXAMPLE_MARK) || text.startsWith(NOTES_MARK)) return null;
  }
  const cells = emptyCells();
  for (const [index, key] of columns) cells[key] = values[index] ?? null;
  return { row, cells };
}

/** Reads an upload by its content (XLSX is a zip: "PK"), falling back on the name for CSV. */
export async function readImportFile(buffer: Buffer, fileName: string): Promise<ImportFile> {
  if (buffer.length === 0) {
    throw new ImportFileError('上传的文件是空的', 'The uploaded file is empty');
  }
  const lowerName = fileName.toLowerCase();
  const rows =
    buffer[0] === 0x50 && buffer[1] === 0x4b
      ? await readXlsx(buffer)
      : lowerName.endsWith('.csv') || lowerName.endsWith('.txt')
        ? readCsv(buffer)
        : unsupported(lowerName);
  if (rows.length === 0) {
    throw new ImportFileError(
      '文件中没有报名数据（表头下方没有任何行）',
      'The file has no registration rows below the header',
    );
  }
  return { rows };
}

function unsupported(fileName: string): never {
  if (fileName.endsWith('.xls') || fileName.endsWith('.et')) {
    throw new ImportFileError(
      '不支持旧版 Excel（.xls）文件，请在 Excel 或 WPS 中另存为 .xlsx 或 CSV 后上传',
      'Old Excel (.xls) files are not supported; save it as .xlsx or CSV in Excel or WPS and upload that',
    );
  }
  throw new ImportFileError(
    '不支持的文件类型，请上传 .xlsx 或 .csv 文件（使用系统下载的报名模板）',
    'Unsupported file type: upload an .xlsx or .csv file (use the template from the app)',
  );
}

// ── XLSX ─────────────────────────────────────────────────────────────────────
//
// Read directly from the zip: the first worksheet's XML and the shared strings, decoded whole
// as UTF-8 and scanned row by row. exceljs's streaming WorkbookReader decodes each inflated
// chunk on its own, which splits Chinese characters that straddle a chunk boundary (names and
// enterprises came back with U+FFFD in large files), and it is several times slower.

interface ZipEntry {
  method: number;
  compressedSize: number;
  offset: number;
}

function zipEntries(buffer: Buffer): Map<string, ZipEntry> {
  let end = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 65_557); i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('not a zip file');
  const count = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  const entries = new Map<string, ZipEntry>();
  for (let i = 0; i < count; i++) {
    if (buffer.readUInt32LE(at) !== 0x02014b50) throw new Error('bad zip directory');
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
    entries.set(name.replace(/^\//, ''), {
      method: buffer.readUInt16LE(at + 10),
      compressedSize: buffer.readUInt32LE(at + 20),
      offset: buffer.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function zipText(buffer: Buffer, entries: Map<string, ZipEntry>, name: string): string | null {
  const entry = entries.get(name);
  if (!entry) return null;
  const header = entry.offset;
  if (buffer.readUInt32LE(header) !== 0x04034b50) throw new Error('bad zip entry');
  const start = header + 30 + buffer.readUInt16LE(header + 26) + buffer.readUInt16LE(header + 28);
  const data = buffer.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return data.toString('utf8');
  if (entry.method === 8) return inflateRawSync(data).toString('utf8');
  throw new Error(`unsupported zip compression ${entry.method}`);
}

const ENTITY = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

function unescapeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (_, dec?: string, hex?: string, named?: string) =>
    dec
      ? String.fromCodePoint(Number(dec))
      : hex
        ? String.fromCodePoint(parseInt(hex, 16))
        : NAMED[named!]!,
  );
}

/** The text of every <t> inside an <si> or <is> (rich text has several runs; phonetic runs are skipped). */
function runsText(xml: string): string {
  const withoutPhonetic = xml.includes('<rPh') ? xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '') : xml;
  let text = '';
  const run = /<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g;
  for (let match = run.exec(withoutPhonetic); match; match = run.exec(withoutPhonetic)) {
    text += match[1];
  }
  return unescapeXml(text);
}

function sharedStrings(xml: string | null): string[] {
  if (!xml) return [];
  const strings: string[] = [];
  const item = /<si>([\s\S]*?)<\/si>|<si\/>/g;
  for (let match = item.exec(xml); match; match = item.exec(xml))
    strings.push(runsText(match[1] ?? ''));
  return strings;
}

function firstSheetPath(workbook: string | null, rels: string | null): string {
  const sheet = workbook && /<sheet\b[^>]*\br:id="([^"]+)"/.exec(workbook);
  if (sheet && rels) {
    const rel = new RegExp(`<Relationship\\b[^>]*\\bId="${sheet[1]}"[^>]*>`).exec(rels);
    const target = rel && /\bTarget="([^"]+)"/.exec(rel[0]);
    if (target) {
      const path = target[1]!;
      return path.startsWith('/') ? path.slice(1) : `xl/${path}`;
    }
  }
  return 'xl/worksheets/sheet1.xml';
}

/** Column letters of a cell reference → 0-based index ("C7" → 2). */
function columnIndex(reference: string): number {
  let index = 0;
  for (let i = 0; i < reference.length; i++) {
    const c = reference.charCodeAt(i);
    if (c < 65 || c > 90) break;
    index = index * 26 + (c - 64);
  }
  return index - 1;
}

const ROW = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g;
const CELL = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
const VALUE = /<v(?:\s[^>]*)?>([\s\S]*?)<\/v>/;

function cellValue(attributes: string, body: string | undefined, strings: string[]): CellValue {
  if (!body) return null;
  const type = /\bt="([^"]+)"/.exec(attributes)?.[1] ?? 'n';
  if (type === 'inlineStr') return runsText(body);
  const raw = VALUE.exec(body)?.[1];
  if (raw === undefined) return null;
  switch (type) {
    case 's':
      return strings[Number(raw)] ?? null;
    case 'n': {
      const number = Number(raw);
      return Number.isFinite(number) ? number : unescapeXml(raw);
    }
    case 'b':
      return raw === '1' ? 'TRUE' : 'FALSE';
    default: // str (formula result), e (error), d (ISO date)
      return unescapeXml(raw);
  }
}

async function readXlsx(buffer: Buffer): Promise<RawImportRow[]> {
  let sheet: string;
  let strings: string[];
  try {
    const entries = zipEntries(buffer);
    const path = firstSheetPath(
      zipText(buffer, entries, 'xl/workbook.xml'),
      zipText(buffer, entries, 'xl/_rels/workbook.xml.rels'),
    );
    strings = sharedStrings(zipText(buffer, entries, 'xl/sharedStrings.xml'));
    const text = zipText(buffer, entries, path);
    if (text === null) throw new Error('no worksheet');
    sheet = text;
  } catch {
    throw new ImportFileError(
      '无法读取该 Excel 文件，文件可能已损坏或不是 .xlsx 格式',
      'This Excel file cannot be read: it may be damaged or not an .xlsx file',
    );
  }
  const rows: RawImportRow[] = [];
  let columns: Map<number, ImportColumnKey> | null = null;
  let rowNumber = 0;
  // Own instances: the loop yields to the event loop, and another upload may be read meanwhile.
  const rowPattern = new RegExp(ROW.source, 'g');
  const cellPattern = new RegExp(CELL.source, 'g');
  for (let row = rowPattern.exec(sheet); row; row = rowPattern.exec(sheet)) {
    const given = /\br="(\d+)"/.exec(row[1]!);
    rowNumber = given ? Number(given[1]) : rowNumber + 1;
    const values: CellValue[] = [];
    let next = 0;
    const body = row[2] ?? '';
    cellPattern.lastIndex = 0;
    for (let cell = cellPattern.exec(body); cell; cell = cellPattern.exec(body)) {
      const reference = /\br="([A-Z]+)\d*"/.exec(cell[1]!);
      const index = reference ? columnIndex(reference[1]!) : next;
      values[index] = cellValue(cell[1]!, cell[2], strings);
      next = index + 1;
    }
    if (!columns) {
      if (values.every((value) => isBlank(value ?? null))) continue;
      columns = matchHeaders(values);
      continue;
    }
    const parsed = toRow(rowNumber, values, columns);
    if (parsed) {
      rows.push(parsed);
      if (rows.length % 5000 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  if (!columns) throw new ImportFileError('第一个工作表是空的', 'The first worksheet is empty');
  return rows;
}

// ── CSV ──────────────────────────────────────────────────────────────────────

/** UTF-8 (with or without BOM) when it decodes cleanly, else GB18030 (a superset of GBK). */
export function decodeCsv(buffer: Buffer): string {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) {
    return new TextDecoder('utf-8').decode(buffer.subarray(3));
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return new TextDecoder('gb18030').decode(buffer);
  }
}

/** RFC 4180 records: quoted fields with "" escapes and line breaks, comma or tab separated. */
export function parseCsv(text: string): string[][] {
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n'));
  const separator = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === separator) {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

function readCsv(buffer: Buffer): RawImportRow[] {
  const records = parseCsv(decodeCsv(buffer));
  const headerIndex = records.findIndex((record) => record.some((cell) => !isBlank(cell)));
  if (headerIndex === -1) {
    throw new ImportFileError('上传的文件是空的', 'The uploaded file is empty');
  }
  const columns = matchHeaders(records[headerIndex]!);
  const rows: RawImportRow[] = [];
  for (let i = headerIndex + 1; i < records.length; i++) {
    const parsed = toRow(i + 1, records[i]!, columns);
    if (parsed) rows.push(parsed);
  }
  return rows;
}
