import * as fontkit from 'fontkit';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';

/**
 * Noto Sans SC from the `@fontsource/noto-sans-sc` package, embedded (subset) into every PDF:
 * nothing is fetched at run time. Its "chinese-simplified" file covers Latin and the ~8,000
 * characters of everyday simplified Chinese; a rarer character in a name (e.g. 骉) is found in one
 * of the package's numbered unicode-range files, chosen from the package's own unicode.json.
 *
 * The package ships WOFF; each file is unpacked once per process into a plain TrueType font
 * (fontkit would otherwise inflate the whole glyph table for every glyph it reads, which takes
 * seconds per document) and the parsed font is shared by all documents.
 */
export type FontWeight = 'regular' | 'bold';

const WEIGHTS: Record<FontWeight, number> = { regular: 400, bold: 700 };

interface Subset {
  name: string;
  ranges: Array<[number, number]>;
}

function packageDir(): string {
  return dirname(require.resolve('@fontsource/noto-sans-sc/package.json'));
}

function parseRanges(spec: string): Array<[number, number]> {
  return spec.split(',').map((part) => {
    const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
    const start = parseInt(from!, 16);
    return [start, to ? parseInt(to, 16) : start];
  });
}

/** WOFF 1.0 → the SFNT (TrueType/OpenType) font it wraps: inflate each table, rebuild the directory. */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('Not a WOFF font');
  const flavor = woff.readUInt32BE(4);
  const numTables = woff.readUInt16BE(12);
  const tables = Array.from({ length: numTables }, (_, index) => {
    const at = 44 + index * 20;
    const offset = woff.readUInt32BE(at + 4);
    const compressedLength = woff.readUInt32BE(at + 8);
    const length = woff.readUInt32BE(at + 12);
    const raw = woff.subarray(offset, offset + compressedLength);
    return {
      tag: woff.toString('latin1', at, at + 4),
      checksum: woff.readUInt32BE(at + 16),
      data: compressedLength < length ? inflateSync(raw) : Buffer.from(raw),
    };
  }).sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** entrySelector * 16;
  const header = Buffer.alloc(12 + numTables * 16);
  header.writeUInt32BE(flavor, 0);
  header.writeUInt16BE(numTables, 4);
  header.writeUInt16BE(searchRange, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(numTables * 16 - searchRange, 10);
  const parts: Buffer[] = [header];
  let offset = header.length;
  tables.forEach((table, index) => {
    const at = 12 + index * 16;
    header.write(table.tag, at, 4, 'latin1');
    header.writeUInt32BE(table.checksum, at + 4);
    header.writeUInt32BE(offset, at + 8);
    header.writeUInt32BE(table.data.length, at + 12);
    const padded = Buffer.alloc((table.data.length + 3) & ~3);
    table.data.copy(padded);
    parts.push(padded);
    offset += padded.length;
  });
  return Buffer.concat(parts);
}

export class CjkFontSet {
  private static shared: CjkFontSet | undefined;
  private readonly dir = join(packageDir(), 'files');
  private readonly fonts = new Map<string, fontkit.Font>();
  private readonly subsets: Subset[];

  private constructor() {
    const unicode = JSON.parse(readFileSync(join(packageDir(), 'unicode.json'), 'utf8')) as Record<
      string,
      string
    >;
    this.subsets = Object.entries(unicode).map(([name, spec]) => ({
      name: name.replace(/^\[(\d+)\]$/, '$1'),
      ranges: parseRanges(spec),
    }));
  }

  /** One instance per process: each font file is read and parsed once and kept. */
  static get(): CjkFontSet {
    CjkFontSet.shared ??= new CjkFontSet();
    return CjkFontSet.shared;
  }

  /** The parsed font for `subset` ("chinese-simplified", "17", …) in one weight. */
  font(subset: string, weight: FontWeight): fontkit.Font {
    const name = `noto-sans-sc-${subset}-${WEIGHTS[weight]}-normal.woff`;
    let font = this.fonts.get(name);
    if (!font) {
      font = fontkit.create(woffToSfnt(readFileSync(join(this.dir, name)))) as fontkit.Font;
      this.fonts.set(name, font);
    }
    return font;
  }

  /** The numbered subset holding a character the main file lacks, or null if none has it. */
  fallbackSubset(codePoint: number): string | null {
    const found = this.subsets.find(
      (subset) =>
        /^\d+$/.test(subset.name) &&
        subset.ranges.some(([from, to]) => codePoint >= from && codePoint <= to),
    );
    return found?.name ?? null;
  }
}
