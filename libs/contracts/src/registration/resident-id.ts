import { chinaToday, dateKey, isCalendarDate, requireIsoDate } from './calendar';
import type { Gender } from './gender';
import { normaliseCode } from './normalise';
import {
  failure,
  ruleError,
  type RuleError,
  type RuleErrorCode,
  type RuleResult,
} from './rule-error';

/*
 * 公民身份号码 (GB 11643-1999), the number on the 居民身份证:
 *   positions 1–6   address code (GB/T 2260 region of household registration)
 *   positions 7–14  birth date YYYYMMDD
 *   positions 15–17 sequence; the 17th digit is odd for men, even for women
 *   position 18     check character, ISO 7064 MOD 11-2: sum of digit × weight, mod 11,
 *                   indexes "10X98765432"
 * The 港澳居民居住证 and 台湾居民居住证 (residence permits since 2018) use the same format with
 * address codes 810000 (Hong Kong), 820000 (Macau) and 830000 (Taiwan), so they are resident IDs.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';

/*
 * Province-level codes that can start a genuine number: the 31 provinces, autonomous regions
 * and municipalities (including 46 Hainan since 1988 and 50 Chongqing since 1997, whose older
 * residents keep 44/51 numbers), 71 Taiwan, and 81/82/83 for the residence permits.
 * Anything else (00, 19, 99…) is a typo or invented. Codes below province level change too
 * often (and stay valid on old cards) to be checked without the full historical GB/T 2260 table.
 */
const PROVINCE_CODES: readonly number[] = [
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
  53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
];
const IS_PROVINCE = new Uint8Array(100);
for (const code of PROVINCE_CODES) IS_PROVINCE[code] = 1;
const RESIDENCE_PERMIT_PROVINCES = new Set([81, 82, 83]);

/** Excel turns long digit strings into numbers and shows them as "2.20102E+17". */
export const SCIENTIFIC_NOTATION = /^\d(?:\.\d+)?E\+?\d+$/i;

export interface ResidentId {
  /** 18 characters, check character upper-case. */
  readonly number: string;
  readonly birthDate: string;
  readonly gender: Gender;
  /** The 6-digit address code; 810000/820000/830000 for residence permits. */
  readonly regionCode: string;
}

export interface ResidentIdOptions {
  /** 'YYYY-MM-DD'; birth dates after it are rejected. Defaults to today in China. */
  readonly today?: string;
}

function digitAt(text: string, index: number): number {
  return text.charCodeAt(index) - 48;
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The MOD 11-2 check character of a 17-digit body; caller guarantees 17 ASCII digits. */
function checkCharacterOf(body: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += digitAt(body, i) * WEIGHTS[i]!;
  return CHECK_CHARACTERS[sum % 11]!;
}

const SEVENTEEN_DIGITS = /^\d{17}$/;
const FIFTEEN_DIGITS = /^\d{15}$/;

/** The check character (0–9 or X) for the first 17 digits: for tests and data generators. */
export function residentIdCheckCharacter(first17: string): string {
  if (!SEVENTEEN_DIGITS.test(first17)) {
    throw new RangeError(`expected 17 digits, got "${first17}"`);
  }
  return checkCharacterOf(first17);
}

/**
 * Parses a 居民身份证 number (or a Hong Kong/Macau/Taiwan residence permit number, which has
 * the same format). Accepts 'x', full-width characters and spaces; checks, in this order,
 * length, characters, province code, birth date (a real date, not before 1900, not after
 * `today`) and finally the check character — so a mistyped birth date is reported as such
 * rather than as a wrong check digit.
 */
export function parseResidentId(
  input: string,
  options?: ResidentIdOptions,
): RuleResult<ResidentId> {
  const number = normaliseCode(input);
  if (number.length !== 18) return wrongLength(number);

  for (let i = 0; i < 17; i++) {
    if (!isDigitCode(number.charCodeAt(i))) {
      return failure('resident_id.character', {
        position: i + 1,
        character: String.fromCodePoint(number.codePointAt(i) ?? 0),
      });
    }
  }
  const actual = number[17]!;
  if (!(isDigitCode(actual.charCodeAt(0)) || actual === 'X')) {
    return failure('resident_id.check_character_format', {
      character: String.fromCodePoint(number.codePointAt(17) ?? 0),
    });
  }

  const province = digitAt(number, 0) * 10 + digitAt(number, 1);
  if (IS_PROVINCE[province] !== 1) {
    return failure('resident_id.region', { province: number.slice(0, 2) });
  }
  if (RESIDENCE_PERMIT_PROVINCES.has(province) && !number.startsWith('0000', 2)) {
    return failure('resident_id.residence_permit_region', { province: String(province) });
  }

  const year =
    digitAt(number, 6) * 1000 +
    digitAt(number, 7) * 100 +
    digitAt(number, 8) * 10 +
    digitAt(number, 9);
  const month = digitAt(number, 10) * 10 + digitAt(number, 11);
  const day = digitAt(number, 12) * 10 + digitAt(number, 13);
  if (!isCalendarDate(year, month, day)) {
    return failure('resident_id.birth_date_invalid', { digits: number.slice(6, 14) });
  }
  const birthDate = `${number.slice(6, 10)}-${number.slice(10, 12)}-${number.slice(12, 14)}`;
  if (year < 1900) return failure('resident_id.birth_date_before_1900', { birthDate });
  const today = options?.today ?? chinaToday();
  if (dateKey(year, month, day) > todayKey(today)) {
    return failure('resident_id.birth_date_future', { birthDate, today });
  }

  const expected = checkCharacterOf(number);
  if (actual !== expected) return failure('resident_id.check_character', { expected, actual });

  return {
    ok: true,
    value: {
      number,
      birthDate,
      gender: digitAt(number, 16) % 2 === 1 ? 'male' : 'female',
      regionCode: number.slice(0, 6),
    },
  };
}

function wrongLength(number: string): RuleResult<never> {
  if (number.length === 0) return failure('resident_id.empty');
  if (SCIENTIFIC_NOTATION.test(number)) {
    return failure('resident_id.scientific_notation', { value: number });
  }
  if (FIFTEEN_DIGITS.test(number)) return failure('resident_id.old_15_digit');
  return failure('resident_id.length', { length: number.length });
}

let lastToday = '';
let lastTodayKey = 0;

function todayKey(today: string): number {
  if (today !== lastToday) {
    const { year, month, day } = requireIsoDate(today, 'today');
    lastTodayKey = dateKey(year, month, day);
    lastToday = today;
  }
  return lastTodayKey;
}

/**
 * Compares what a person declared with what their ID number says. Returns one error per
 * mismatch (birth date, gender); an empty list when they agree or nothing was declared.
 */
export function checkIdAgainst(
  id: Pick<ResidentId, 'birthDate' | 'gender'>,
  declared: { readonly birthDate?: string; readonly gender?: Gender },
): RuleError<RuleErrorCode>[] {
  const errors: RuleError<RuleErrorCode>[] = [];
  if (declared.birthDate !== undefined && declared.birthDate !== id.birthDate) {
    errors.push(
      ruleError('resident_id.birth_date_mismatch', {
        declared: declared.birthDate,
        derived: id.birthDate,
      }),
    );
  }
  if (declared.gender !== undefined && declared.gender !== id.gender) {
    errors.push(
      ruleError('resident_id.gender_mismatch', { declared: declared.gender, derived: id.gender }),
    );
  }
  return errors;
}
