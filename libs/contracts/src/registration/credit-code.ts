import type { Bilingual } from '../messages';
import { normaliseCode } from './normalise';
import { failure, type RuleResult } from './rule-error';

/*
 * 统一社会信用代码 (GB 32100-2015), 18 characters:
 *   position 1      registration authority (登记管理部门代码), e.g. 9 market regulation
 *   position 2      organisation category within it (机构类别代码), e.g. 91 enterprise
 *   positions 3–8   region code of the registering authority (digits)
 *   positions 9–17  the organisation code (GB 11714 body + its own check)
 *   position 18     check character: Σ value × 3^(i−1) mod 31 over positions 1–17,
 *                   check = 31 − (Σ mod 31), 31 becoming 0
 * Characters come from a 31-symbol alphabet without I, O, S, V and Z.
 */

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** Value of each ASCII character in the alphabet, −1 if it is not in it. */
const VALUE_OF = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE_OF[ALPHABET.charCodeAt(i)] = i;

/** Letters left out of the alphabet because they look like digits. */
const LOOKALIKE_DIGITS: Readonly<Record<string, string>> = { O: '0', I: '1', Z: '2', S: '5' };

/*
 * Registration authorities named in GB 32100-2015 itself, for display only. Codes are never
 * rejected for an authority missing here: other authorities (justice, religious affairs, trade
 * unions…) received characters later, and published tables of those disagree, so they are left
 * out rather than guessed.
 */
export const CREDIT_CODE_AUTHORITIES: Readonly<Record<string, Bilingual>> = {
  '1': { 'zh-CN': '机构编制', en: 'Institutional establishment' },
  '5': { 'zh-CN': '民政', en: 'Civil affairs' },
  '9': { 'zh-CN': '工商（市场监管）', en: 'Market regulation' },
  Y: { 'zh-CN': '其他', en: 'Other' },
};

export interface CreditCodeParts {
  /** The 18-character code, upper-case. */
  readonly code: string;
  /** Position 1: registration authority (see CREDIT_CODE_AUTHORITIES). */
  readonly registrationAuthority: string;
  /** Position 2: organisation category within that authority. */
  readonly organisationCategory: string;
  /** Positions 3–8. */
  readonly regionCode: string;
  /** Positions 9–17. */
  readonly organisationCode: string;
}

/** Value → check character; caller guarantees 17 alphabet characters. */
function checkCharacterOf(body: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += VALUE_OF[body.charCodeAt(i)]! * WEIGHTS[i]!;
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** The check character (position 18) for the first 17 characters: for tests and generators. */
export function creditCodeCheckCharacter(first17: string): string {
  const body = normaliseCode(first17);
  if (body.length !== 17) throw new RangeError(`expected 17 characters, got "${first17}"`);
  for (let i = 0; i < 17; i++) {
    const c = body.charCodeAt(i);
    if (c >= 128 || VALUE_OF[c] === -1) {
      throw new RangeError(`"${body[i]}" at position ${i + 1} is not in the credit-code alphabet`);
    }
  }
  return checkCharacterOf(body);
}

/**
 * Parses a unified social credit code: normalises case, full-width characters and spaces, then
 * reports the first wrong position — a character outside the alphabet (with the digit meant
 * when it is O, I, Z or S), a letter in the region code, or the check character expected.
 */
export function parseCreditCode(input: string): RuleResult<CreditCodeParts> {
  const code = normaliseCode(input);
  if (code.length === 0) return failure('credit_code.empty');
  if (code.length !== 18) return failure('credit_code.length', { length: code.length });
  for (let i = 0; i < 18; i++) {
    const c = code.charCodeAt(i);
    const position = i + 1;
    if (c >= 128 || VALUE_OF[c] === -1) {
      const character = String.fromCodePoint(code.codePointAt(i) ?? 0);
      const digit = LOOKALIKE_DIGITS[character];
      return digit === undefined
        ? failure('credit_code.character', { position, character })
        : failure('credit_code.letter_not_used', { position, character, digit });
    }
    if (position >= 3 && position <= 8 && c > 57) {
      return failure('credit_code.region_digit', { position, character: code[i]! });
    }
  }
  const expected = checkCharacterOf(code);
  const actual = code[17]!;
  if (actual !== expected) return failure('credit_code.check_character', { expected, actual });
  return {
    ok: true,
    value: {
      code,
      registrationAuthority: code[0]!,
      organisationCategory: code[1]!,
      regionCode: code.slice(2, 8),
      organisationCode: code.slice(8, 17),
    },
  };
}
