/**
 * Valid 统一社会信用代码 for tests, with the check character computed here independently of the
 * code under test (GB 32100-2015: alphabet 0-9 A-Y without I O S V Z, weight of position i is
 * 3^(i-1) mod 31, check = 31 − (Σ mod 31), 31 becoming 0).
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export function withCheck(first17: string): string {
  let sum = 0;
  let weight = 1;
  for (const character of first17) {
    sum += ALPHABET.indexOf(character) * weight;
    weight = (weight * 3) % 31;
  }
  return first17 + ALPHABET[(31 - (sum % 31)) % 31];
}

let serial = 1000;

/** A fresh enterprise code registered in Changchun (220101). */
export function enterpriseCreditCode(): string {
  serial += 1;
  return withCheck(`91220101MA${String(serial).padStart(7, '0')}`);
}

/** The same code with a wrong check character. */
export function withWrongCheck(code: string): string {
  const wrong = ALPHABET[(ALPHABET.indexOf(code[17]!) + 1) % 31]!;
  return code.slice(0, 17) + wrong;
}
