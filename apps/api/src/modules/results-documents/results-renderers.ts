import type { EventStandings, MarkSheet, StandingRow } from '@jingsai/contracts';
import ExcelJS from 'exceljs';
import { A4, PdfWriter, type TableColumn } from './pdf-writer';

/** What every results document prints besides the rows. */
export interface DocumentHeading {
  competitionName: string;
  organiserName: string;
  eventName: string;
  resultVersion: number | null;
  /** YYYY-MM-DD, in the competition's timezone. */
  date: string;
}

/** The stages (rounds) present in the standings, in the order they first appear. */
export function stageColumns(standings: EventStandings): Array<{ roundId: string; label: string }> {
  const seen = new Map<string, string>();
  for (const row of standings.rows) {
    for (const stage of row.stages)
      if (!seen.has(stage.roundId)) seen.set(stage.roundId, stage.label);
  }
  return [...seen.entries()].map(([roundId, label]) => ({ roundId, label }));
}

/** Rows in rank order; unranked (absent, incomplete) last by code. */
export function rankedRows(standings: EventStandings): StandingRow[] {
  return [...standings.rows].sort(
    (a, b) =>
      (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) ||
      a.code.localeCompare(b.code),
  );
}

const STATUS_TEXT: Record<StandingRow['status'], string> = {
  complete: '',
  incomplete: '未完成',
  needs_review: '待复核',
  absent: '缺考',
};

function resultLine(row: StandingRow, stages: ReturnType<typeof stageColumns>): string[] {
  return [
    row.rank === null ? STATUS_TEXT[row.status] || '—' : String(row.rank),
    row.code,
    row.name ?? '',
    row.enterprise ?? '',
    row.region ?? '',
    ...stages.map((stage) => row.stages.find((s) => s.roundId === stage.roundId)?.value ?? ''),
    row.total ?? '',
    row.award ?? '',
  ];
}

export const RESULT_HEADERS = ['名次', '参赛号', '姓名', '单位', '地区'] as const;
export const RESULT_TAIL_HEADERS = ['总成绩', '奖项'] as const;

/** Top N: every ranked row whose rank is at most N (a shared place at the boundary is kept). */
export function topRows(standings: EventStandings, top: number): StandingRow[] {
  return rankedRows(standings).filter((row) => row.rank !== null && row.rank <= top);
}

export function awardedRows(standings: EventStandings): StandingRow[] {
  return rankedRows(standings).filter((row) => row.award !== null && row.award !== '');
}

function titleOf(heading: DocumentHeading, what: string): string {
  return `${heading.competitionName} ${heading.eventName} ${what}`;
}

function headerLines(
  workbookSheet: ExcelJS.Worksheet,
  title: string,
  heading: DocumentHeading,
  span: number,
) {
  workbookSheet.addRow([title]);
  workbookSheet.mergeCells(1, 1, 1, span);
  workbookSheet.getRow(1).font = { bold: true, size: 14 };
  workbookSheet.addRow([
    `主办单位：${heading.organiserName}\u3000公示日期：${heading.date}${
      heading.resultVersion === null ? '' : `\u3000成绩版本：第 ${heading.resultVersion} 版`
    }`,
  ]);
  workbookSheet.mergeCells(2, 1, 2, span);
}

/**
 * 成绩公示表 as XLSX. Row 1 title, row 2 organiser/date/version, row 3 headers, data from row 4.
 * Scores are written as text exactly as published (never re-rounded through a float).
 */
export async function resultsWorkbook(
  heading: DocumentHeading,
  standings: EventStandings,
): Promise<Buffer> {
  const stages = stageColumns(standings);
  const headers = [...RESULT_HEADERS, ...stages.map((s) => s.label), ...RESULT_TAIL_HEADERS];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Jingsai';
  const sheet = workbook.addWorksheet('成绩公示');
  headerLines(sheet, titleOf(heading, '成绩公示表'), heading, headers.length);
  sheet.addRow(headers).font = { bold: true };
  for (const row of rankedRows(standings)) {
    const line: Array<string | number> = resultLine(row, stages);
    if (row.rank !== null) line[0] = row.rank;
    sheet.addRow(line);
  }
  sheet.columns.forEach((column, index) => {
    column.width = [8, 14, 12, 28, 16][index] ?? 12;
  });
  sheet.views = [{ state: 'frozen', ySplit: 3 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** An award or recommendation list as XLSX (same layout rules as the results workbook). */
export async function listWorkbook(
  heading: DocumentHeading,
  what: string,
  headers: readonly string[],
  lines: readonly string[][],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Jingsai';
  const sheet = workbook.addWorksheet(what.slice(0, 31));
  headerLines(sheet, titleOf(heading, what), heading, headers.length);
  sheet.addRow([...headers]).font = { bold: true };
  for (const line of lines) sheet.addRow(line);
  sheet.columns.forEach((column) => {
    column.width = 16;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function drawTitle(pdf: PdfWriter, title: string, heading: DocumentHeading): number {
  const left = pdf.doc.page.margins.left;
  const width = pdf.pageWidth - left - pdf.doc.page.margins.right;
  pdf.line(title, left, pdf.doc.page.margins.top, {
    size: 16,
    weight: 'bold',
    width,
    align: 'center',
  });
  pdf.line(
    `主办单位：${heading.organiserName}\u3000\u3000公示日期：${heading.date}${
      heading.resultVersion === null ? '' : `\u3000\u3000成绩版本：第 ${heading.resultVersion} 版`
    }`,
    left,
    pdf.doc.page.margins.top + 28,
    { size: 9, width, align: 'center', color: '#333333' },
  );
  return pdf.doc.page.margins.top + 50;
}

function signatureBlock(pdf: PdfWriter, y: number): void {
  const left = pdf.doc.page.margins.left;
  const width = pdf.pageWidth - left - pdf.doc.page.margins.right;
  pdf.line('裁判长（签字）：________________', left, y + 20, { size: 11 });
  pdf.line('日期：____年____月____日', left + width / 2, y + 20, { size: 11 });
  pdf.line('监督人员（签字）：______________', left, y + 48, { size: 11 });
  pdf.line('公示期内如有异议，请按竞赛规程提出申诉。', left, y + 76, { size: 9, color: '#333333' });
}

const SIGNATURE_SPACE = 100;

/** 成绩公示表 as a print-ready A4 PDF with signature lines for the head judge. */
export async function resultsPdf(
  heading: DocumentHeading,
  standings: EventStandings,
): Promise<Buffer> {
  const stages = stageColumns(standings);
  const title = titleOf(heading, '成绩公示表');
  const pdf = new PdfWriter({ title, landscape: stages.length > 2, margin: 40 });
  const columns: TableColumn[] = [
    { header: '名次', width: 30, align: 'center' },
    { header: '参赛号', width: 50, align: 'center' },
    { header: '姓名', width: 50 },
    { header: '单位' },
    { header: '地区', width: 64 },
    ...stages.map((stage): TableColumn => ({ header: stage.label, width: 44, align: 'right' })),
    { header: '总成绩', width: 46, align: 'right' },
    { header: '奖项', width: 44, align: 'center' },
  ];
  const top = drawTitle(pdf, title, heading);
  const bottom = pdf.table(
    columns,
    rankedRows(standings).map((row) => resultLine(row, stages)),
    top,
    { onNewPage: () => drawTitle(pdf, title, heading) },
  );
  let y = bottom;
  if (y + SIGNATURE_SPACE > pdf.pageHeight - pdf.doc.page.margins.bottom) {
    pdf.doc.addPage();
    y = pdf.doc.page.margins.top;
  }
  signatureBlock(pdf, y);
  return pdf.toBuffer();
}

/** An award or recommendation list as an A4 PDF. */
export async function listPdf(
  heading: DocumentHeading,
  what: string,
  columns: readonly TableColumn[],
  lines: readonly string[][],
  note?: string,
): Promise<Buffer> {
  const title = titleOf(heading, what);
  const pdf = new PdfWriter({ title, margin: 40 });
  let y = drawTitle(pdf, title, heading);
  if (note) {
    y = pdf.paragraph(note, pdf.doc.page.margins.left, y, pdf.pageWidth - 80, { size: 9 }) + 4;
  }
  y = pdf.table(columns, lines, y, { onNewPage: () => drawTitle(pdf, title, heading) });
  if (y + SIGNATURE_SPACE > pdf.pageHeight - pdf.doc.page.margins.bottom) {
    pdf.doc.addPage();
    y = pdf.doc.page.margins.top;
  }
  signatureBlock(pdf, y);
  return pdf.toBuffer();
}

/** One competitor's full mark sheet (for appeals) as an A4 PDF. */
export async function markSheetPdf(heading: DocumentHeading, sheet: MarkSheet): Promise<Buffer> {
  const title = `${heading.competitionName} ${heading.eventName} 评分明细表`;
  const pdf = new PdfWriter({ title, margin: 40 });
  let y = drawTitle(pdf, title, heading);
  const left = pdf.doc.page.margins.left;
  pdf.line(
    `参赛号：${sheet.code}\u3000姓名：${sheet.name ?? '—'}\u3000单位：${sheet.enterprise ?? '—'}\u3000总成绩：${
      sheet.total ?? '—'
    }\u3000名次：${sheet.rank ?? '—'}`,
    left,
    y,
    { size: 10, width: A4.width - 80 },
  );
  y += 22;
  const judges = [...new Set(sheet.items.flatMap((item) => item.marks.map((mark) => mark.judge)))];
  const columns: TableColumn[] = [
    { header: '阶段', width: 48 },
    { header: '评分项' },
    { header: '满分', width: 36, align: 'right' },
    ...judges.map((judge): TableColumn => ({ header: judge, width: 46, align: 'right' })),
    { header: '得分', width: 44, align: 'right' },
  ];
  const lines = sheet.items.map((item) => [
    item.stage,
    item.path,
    item.max ?? '',
    ...judges.map((judge) => {
      const mark = item.marks.find((m) => m.judge === judge);
      if (!mark || mark.value === null) return '';
      return mark.dropped ? `(${mark.value})` : mark.value;
    }),
    item.score ?? '',
  ]);
  y = pdf.table(columns, lines, y, { size: 8 });
  y += 8;
  pdf.line('括号内的分数为按评分规则去掉的分数。', left, y, { size: 8, color: '#333333' });
  y += 18;
  pdf.line('计分说明', left, y, { size: 11, weight: 'bold' });
  y += 18;
  for (const line of sheet.explanation) {
    if (y > pdf.pageHeight - 80) {
      pdf.doc.addPage();
      y = pdf.doc.page.margins.top;
    }
    y = pdf.paragraph(line, left, y, pdf.pageWidth - 80, { size: 9 });
  }
  if (y + SIGNATURE_SPACE > pdf.pageHeight - pdf.doc.page.margins.bottom) {
    pdf.doc.addPage();
    y = pdf.doc.page.margins.top;
  }
  signatureBlock(pdf, y);
  return pdf.toBuffer();
}
