import { failure, type RuleResult } from './rule-error';

/*
 * Cleaning what Excel, WPS and copy-paste leave in cells: full-width ASCII (ＡＢＣ１２３),
 * ideographic and non-breaking spaces, zero-width characters and byte-order marks.
 * Written as character loops with a fast path that returns the input untouched when it is
 * already clean, because a 50,000-row import calls these for every cell.
 */

const FULL_WIDTH_FIRST = 0xff01; // ！
const FULL_WIDTH_LAST = 0xff5e; // ～
const FULL_WIDTH_OFFSET = 0xfee0; // ＡＢＣ − ABC

function isWhitespace(c: number): boolean {
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 // ideographic space
  );
}

/** Zero-width spaces and joiners, direction marks, soft hyphen, word joiner, BOM. */
function isInvisible(c: number): boolean {
  return c === 0xad || c === 0x180e || (c >= 0x200b && c <= 0x200f) || c === 0x2060 || c === 0xfeff;
}

/**
 * Full-width ASCII → half-width, every kind of space → one space, zero-width characters and
 * BOM removed, runs of whitespace collapsed, ends trimmed. Idempotent.
 */
export function normaliseText(input: string): string {
  if (isCleanText(input)) return input;
  let out = '';
  let pendingSpace = false;
  for (let i = 0; i < input.length; i++) {
    let c = input.charCodeAt(i);
    if (c >= FULL_WIDTH_FIRST && c <= FULL_WIDTH_LAST) c -= FULL_WIDTH_OFFSET;
    if (isInvisible(c)) continue;
    if (isWhitespace(c)) {
      pendingSpace = out.length > 0;
      continue;
    }
    if (pendingSpace) {
      out += ' ';
      pendingSpace = false;
    }
    out += String.fromCharCode(c);
  }
  return out;
}

function isCleanText(input: string): boolean {
  const last = input.length - 1;
  for (let i = 0; i <= last; i++) {
    const c = input.charCodeAt(i);
    if (c === 0x20) {
      if (i === 0 || i === last || input.charCodeAt(i + 1) === 0x20) return false;
    } else if (
      (c >= FULL_WIDTH_FIRST && c <= FULL_WIDTH_LAST) ||
      isInvisible(c) ||
      isWhitespace(c)
    ) {
      return false;
    }
  }
  return true;
}

/**
 * For document numbers and codes: like normaliseText, but every space is removed (people type
 * "2201 0219 ...") and ASCII letters are upper-cased ('x' → 'X').
 */
export function normaliseCode(input: string): string {
  return isCleanCode(input) ? input : compact(input, true);
}

/** Full-width → half-width, every space and invisible character removed. */
export function compact(input: string, upperCase: boolean): string {
  let out = '';
  for (let i = 0; i < input.length; i++) {
    let c = input.charCodeAt(i);
    if (c >= FULL_WIDTH_FIRST && c <= FULL_WIDTH_LAST) c -= FULL_WIDTH_OFFSET;
    if (isInvisible(c) || isWhitespace(c)) continue;
    if (upperCase && c >= 0x61 && c <= 0x7a) c -= 0x20;
    out += String.fromCharCode(c);
  }
  return out;
}

function isCleanCode(input: string): boolean {
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a))) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Names

/** Dots people use between the parts of a transliterated name (维吾尔族、藏族… names). */
const NAME_DOTS = new Set([
  '\u00b7', // · middle dot: the one kept
  '\u2022', // • bullet
  '\u30fb', // ・ katakana middle dot (Japanese IMEs)
  '\uff65', // ･ half-width katakana middle dot
  '\u2027', // ‧ hyphenation point
  '\u2219', // ∙ bullet operator
  '\u22c5', // ⋅ dot operator
  '\u2e31', // ⸱ word separator middle dot
  '\u0387', // · Greek ano teleia
]);
const MIDDLE_DOT = '\u00b7';

function isCjkCodePoint(c: number): boolean {
  return (
    (c >= 0x4e00 && c <= 0x9fff) || // unified ideographs
    (c >= 0x3400 && c <= 0x4dbf) || // extension A
    (c >= 0x20000 && c <= 0x323af) || // extensions B–H (rare characters do occur in names)
    (c >= 0xf900 && c <= 0xfaff) || // compatibility ideographs
    c === 0x3007 // 〇
  );
}

function isCjk(ch: string | undefined): boolean {
  return ch !== undefined && isCjkCodePoint(ch.codePointAt(0) ?? 0);
}

/**
 * A person's name as it should be stored and compared: normaliseText, then
 * - Chinese names lose every space between two Chinese characters ("张 三" → "张三");
 * - the dot in a transliterated name becomes one "·" with no spaces around it, whichever of
 *   "•", "・", "．", "." (between Chinese characters) or a run of them was typed
 *   ("买买提 • 艾力" → "买买提·艾力"); a leading or trailing dot is dropped;
 * - Latin names keep single spaces and their full stops ("John F. Kennedy").
 * Idempotent.
 */
export function normaliseName(input: string): string {
  const chars = Array.from(normaliseText(input));
  const out: string[] = [];
  let pendingSpace = false;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === ' ') {
      pendingSpace = true;
      continue;
    }
    const last = out[out.length - 1];
    if (NAME_DOTS.has(ch) || (ch === '.' && isDotBetweenChinese(last, chars, i))) {
      pendingSpace = false;
      if (last !== undefined && last !== MIDDLE_DOT) out.push(MIDDLE_DOT);
      continue;
    }
    if (pendingSpace) {
      pendingSpace = false;
      if (last !== undefined && last !== MIDDLE_DOT && !(isCjk(last) && isCjk(ch))) out.push(' ');
    }
    out.push(ch);
  }
  while (out[out.length - 1] === MIDDLE_DOT) out.pop();
  return out.join('');
}

function isDotBetweenChinese(before: string | undefined, chars: string[], at: number): boolean {
  if (!(before === MIDDLE_DOT || isCjk(before))) return false;
  for (let j = at + 1; j < chars.length; j++) {
    const next = chars[j]!;
    if (next === ' ' || next === '.' || NAME_DOTS.has(next)) continue;
    return isCjk(next);
  }
  return false;
}

export const NAME_MAX_LENGTH = 64;
const NAME_FORBIDDEN = /[^\p{L}\p{M}\u00b7.' \u2019-]/u;

/** A competitor's name: normalised, 1–64 characters, letters (any script) and · . ' - only. */
export function parseName(input: string): RuleResult<string> {
  const name = normaliseName(input);
  if (name.length === 0) return failure('name.empty');
  const length = countCodePoints(name);
  if (length > NAME_MAX_LENGTH) return failure('name.too_long', { length, max: NAME_MAX_LENGTH });
  const forbidden = NAME_FORBIDDEN.exec(name);
  if (forbidden) return failure('name.character', { character: forbidden[0] });
  return { ok: true, value: name };
}

function countCodePoints(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) count++; // count high surrogates and BMP, skip low surrogates
  }
  return count;
}

// ---------------------------------------------------------------------------------------------
// Numbers stored as text

const PLAIN_INTEGER = /^[+-]?\d+(?:\.0*)?$/;
const GROUPED_INTEGER = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.0*)?$/;
const DECIMAL = /^[+-]?(?:\d+(?:,\d{3})*)?\.\d+$/;

/**
 * A whole number from a cell: "１２", " 12 ", "12.0", "1,200" and the number 12 all give 12;
 * "12.5" is an error, not 12 or 13.
 */
export function parseIntegerText(value: string | number): RuleResult<number> {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return failure('integer.format', { value: String(value) });
    if (!Number.isInteger(value)) return failure('integer.fraction', { value: String(value) });
    if (!Number.isSafeInteger(value)) return failure('integer.too_large', { value: String(value) });
    return { ok: true, value: value === 0 ? 0 : value }; // no -0
  }
  const text = normaliseText(value);
  if (text.length === 0) return failure('integer.empty');
  let digits: string;
  if (PLAIN_INTEGER.test(text)) digits = text;
  else if (GROUPED_INTEGER.test(text)) digits = text.replaceAll(',', '');
  else if (DECIMAL.test(text)) return failure('integer.fraction', { value: text });
  else return failure('integer.format', { value: text });
  const parsed = Number(digits);
  if (!Number.isSafeInteger(parsed)) return failure('integer.too_large', { value: text });
  return { ok: true, value: parsed === 0 ? 0 : parsed };
}
