import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** /work/shared/data/judged, found from the repository root (libs/scoring/test/support → ../../../..). */
export const JUDGED_DATA_DIR = path.resolve(__dirname, '../../../..', '../shared/data/judged');

/** Reads a CSV file of the judged data set into objects keyed by the header row. */
export function readJudgedCsv(file: string): Record<string, string>[] {
  const location = path.join(JUDGED_DATA_DIR, file);
  if (!existsSync(location)) {
    throw new Error(
      `Real judged results not found at ${location}. The scoring engine is checked against them; ` +
        'restore ../shared/data/judged/ beside the repository (see its README.md).',
    );
  }
  const [header, ...rows] = parseCsv(readFileSync(location, 'utf8'));
  if (!header) throw new Error(`${location} is empty`);
  return rows
    .filter((row) => row.length > 1 || row[0] !== '')
    .map((row) => Object.fromEntries(header.map((name, i) => [name, row[i] ?? ''])));
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += char;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
