import { compact } from './normalise';
import { SCIENTIFIC_NOTATION } from './resident-id';
import { failure, type RuleResult } from './rule-error';

/** Separators people put in phone numbers: "138-1234-5678", "(+86) 138 1234 5678". */
const SEPARATORS = /[-()]/g;

/**
 * A mainland China mobile number: 11 digits starting 13–19. Tolerates +86, 0086 or 86 in
 * front, spaces, hyphens, brackets and full-width digits; returns the bare 11 digits.
 */
export function parseMobile(input: string): RuleResult<string> {
  let number = compact(input, false);
  if (number.length === 0) return failure('mobile.empty');
  if (SCIENTIFIC_NOTATION.test(number)) {
    return failure('mobile.scientific_notation', { value: number });
  }
  if (number.includes('-') || number.includes('(') || number.includes(')')) {
    number = number.replace(SEPARATORS, '');
  }
  if (number.startsWith('+86')) number = number.slice(3);
  else if (number.startsWith('0086')) number = number.slice(4);
  else if (number.startsWith('+')) return failure('mobile.not_mainland');
  else if (number.length === 13 && number.startsWith('861')) number = number.slice(2);

  for (let i = 0; i < number.length; i++) {
    const c = number.charCodeAt(i);
    if (c < 48 || c > 57) {
      return failure('mobile.character', {
        character: String.fromCodePoint(number.codePointAt(i) ?? 0),
      });
    }
  }
  if (number.length !== 11) return failure('mobile.length', { length: number.length });
  const second = number.charCodeAt(1);
  if (number[0] !== '1' || second < 51 /* 3 */) {
    return failure('mobile.prefix', { prefix: number.slice(0, 2) });
  }
  return { ok: true, value: number };
}

/** `138****5678`: the first 3 and last 4 digits of a stored mobile number. */
export function maskMobile(number: string): string {
  if (number.length <= 7) return '*'.repeat(number.length);
  return `${number.slice(0, 3)}${'*'.repeat(number.length - 7)}${number.slice(-4)}`;
}
