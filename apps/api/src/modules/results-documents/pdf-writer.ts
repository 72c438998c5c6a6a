import PDFDocument from 'pdfkit';
import { CjkFontSet, type FontWeight } from './cjk-font';

/** A4 in PDF points. */
export const A4 = { width: 595.28, height: 841.89 } as const;

type Align = 'left' | 'center' | 'right';

export interface TableColumn {
  header: string;
  /** Points; columns without a width share what is left. */
  width?: number;
  align?: Align;
}

interface Run {
  font: string;
  text: string;
}

/**
 * pdfkit with the embedded Noto Sans SC: draws single lines and wrapped paragraphs whose
 * characters are each taken from the font file that has them (see CjkFontSet), so any name
 * prints, rare characters included.
 */
export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  private readonly fonts = CjkFontSet.get();
  private readonly registered = new Set<string>();
  private readonly coverage = new Map<string, (codePoint: number) => boolean>();
  private readonly charWidths = new Map<string, number>();

  constructor(options: { title: string; landscape?: boolean; margin?: number }) {
    this.doc = new PDFDocument({
      size: 'A4',
      layout: options.landscape ? 'landscape' : 'portrait',
      margin: options.margin ?? 50,
      autoFirstPage: true,
      bufferPages: false,
      info: { Title: options.title, Creator: 'Jingsai 竞赛', Producer: 'Jingsai 竞赛' },
      compress: true,
    });
  }

  get pageWidth(): number {
    return this.doc.page.width;
  }

  get pageHeight(): number {
    return this.doc.page.height;
  }

  private fontName(subset: string, weight: FontWeight): string {
    const name = `noto-${subset}-${weight}`;
    if (!this.registered.has(name)) {
      const font = this.fonts.font(subset, weight);
      // pdfkit accepts a parsed fontkit font and embeds only the glyphs used.
      this.doc.registerFont(name, font as unknown as Buffer);
      this.registered.add(name);
      this.coverage.set(name, (codePoint) => font.hasGlyphForCodePoint(codePoint));
    }
    return name;
  }

  private runs(text: string, weight: FontWeight): Run[] {
    const main = this.fontName('chinese-simplified', weight);
    const runs: Run[] = [];
    for (const char of text) {
      const codePoint = char.codePointAt(0)!;
      let font = main;
      if (!this.coverage.get(main)!(codePoint)) {
        const subset = this.fonts.fallbackSubset(codePoint);
        if (subset) font = this.fontName(subset, weight);
      }
      const last = runs[runs.length - 1];
      if (last && last.font === font) last.text += char;
      else runs.push({ font, text: char });
    }
    return runs;
  }

  /**
   * Width of a line of text, summed per character from a cache: measuring through pdfkit runs the
   * font's full shaping each time, far too slow for wrapping Chinese character by character.
   */
  widthOf(text: string, size: number, weight: FontWeight = 'regular'): number {
    let units = 0;
    for (const run of this.runs(text, weight)) {
      for (const char of run.text) {
        const key = `${run.font}\u0000${char}`;
        let width = this.charWidths.get(key);
        if (width === undefined) {
          width = this.doc.font(run.font).fontSize(1000).widthOfString(char);
          this.charWidths.set(key, width);
        }
        units += width;
      }
    }
    return (units * size) / 1000;
  }

  /** One line of text, never wrapped; shrunk to fit `width` when given and too long. */
  line(
    text: string,
    x: number,
    y: number,
    options: {
      size?: number;
      weight?: FontWeight;
      width?: number;
      align?: Align;
      color?: string;
      /** Extra space after each character, in points (titles such as 获奖证书). */
      spacing?: number;
    } = {},
  ): void {
    const weight = options.weight ?? 'regular';
    const spacing = options.spacing ?? 0;
    const count = [...text].length;
    let size = options.size ?? 10;
    let width = this.widthOf(text, size, weight) + spacing * Math.max(0, count - 1);
    if (options.width !== undefined && width > options.width && width > 0) {
      size = Math.max(5, (size * options.width) / width);
      width = this.widthOf(text, size, weight) + spacing * Math.max(0, count - 1);
    }
    let left = x;
    if (options.width !== undefined && options.align === 'center')
      left = x + (options.width - width) / 2;
    if (options.width !== undefined && options.align === 'right') left = x + options.width - width;
    this.doc.fillColor(options.color ?? '#000000');
    for (const run of this.runs(text, weight)) {
      this.doc
        .font(run.font)
        .fontSize(size)
        .text(run.text, left, y, { lineBreak: false, characterSpacing: spacing });
      left += this.widthOf(run.text, size, weight) + spacing * [...run.text].length;
    }
  }

  /** Splits text into lines no wider than `width` (breaking anywhere: Chinese has no spaces). */
  wrap(text: string, width: number, size: number, weight: FontWeight = 'regular'): string[] {
    const lines: string[] = [];
    for (const paragraph of text.split('\n')) {
      let current = '';
      for (const char of paragraph) {
        if (current && this.widthOf(current + char, size, weight) > width) {
          lines.push(current);
          current = char;
        } else current += char;
      }
      lines.push(current);
    }
    return lines;
  }

  /** A wrapped paragraph; returns the y below it. */
  paragraph(
    text: string,
    x: number,
    y: number,
    width: number,
    options: { size?: number; weight?: FontWeight; lineGap?: number } = {},
  ): number {
    const size = options.size ?? 10;
    const step = size * 1.4 + (options.lineGap ?? 0);
    let top = y;
    for (const line of this.wrap(text, width, size, options.weight)) {
      this.line(line, x, top, { size, weight: options.weight });
      top += step;
    }
    return top;
  }

  /**
   * A ruled table from the current y (`top`), repeating the header row on every new page.
   * Returns the y below the table.
   */
  table(
    columns: readonly TableColumn[],
    rows: readonly string[][],
    top: number,
    options: {
      size?: number;
      rowHeight?: number;
      bottomReserve?: number;
      onNewPage?: () => number;
    } = {},
  ): number {
    const size = options.size ?? 9;
    const rowHeight = options.rowHeight ?? size * 2.2;
    const left = this.doc.page.margins.left;
    const totalWidth = this.pageWidth - left - this.doc.page.margins.right;
    const fixed = columns.reduce((sum, column) => sum + (column.width ?? 0), 0);
    const flexible = columns.filter((column) => column.width === undefined).length;
    const widths = columns.map(
      (column) => column.width ?? (flexible ? (totalWidth - fixed) / flexible : 0),
    );
    const bottom = () =>
      this.pageHeight - this.doc.page.margins.bottom - (options.bottomReserve ?? 0);
    const drawRow = (cells: readonly string[], y: number, header: boolean) => {
      let x = left;
      this.doc.lineWidth(0.5).strokeColor('#444444');
      cells.forEach((cell, index) => {
        const width = widths[index]!;
        if (header) this.doc.rect(x, y, width, rowHeight).fillAndStroke('#eeeeee', '#444444');
        else this.doc.rect(x, y, width, rowHeight).stroke();
        this.line(cell, x + 3, y + (rowHeight - size) / 2 - 1, {
          size,
          weight: header ? 'bold' : 'regular',
          width: width - 6,
          align: columns[index]!.align ?? 'left',
        });
        x += width;
      });
    };
    let y = top;
    drawRow(
      columns.map((column) => column.header),
      y,
      true,
    );
    y += rowHeight;
    for (const row of rows) {
      if (y + rowHeight > bottom()) {
        this.doc.addPage();
        y = options.onNewPage ? options.onNewPage() : this.doc.page.margins.top;
        drawRow(
          columns.map((column) => column.header),
          y,
          true,
        );
        y += rowHeight;
      }
      drawRow(row, y, false);
      y += rowHeight;
    }
    return y;
  }

  async toBuffer(): Promise<Buffer> {
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve, reject) => {
      this.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
    });
    this.doc.end();
    return done;
  }
}
