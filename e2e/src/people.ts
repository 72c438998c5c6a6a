/** Data for browser tests that the app will accept: the demo organiser, valid resident IDs. */
export const DEMO_ORGANISER = { username: 'demo.organiser', password: 'Demo2026jingsai' };

/** GB 11643-1999: ISO 7064 MOD 11-2 over the first 17 digits, written here independently of the app. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';

export function residentIdCheckCharacter(body: string): string {
  if (!/^\d{17}$/.test(body)) throw new Error(`not 17 digits: ${body}`);
  const sum = [...body].reduce((total, digit, i) => total + Number(digit) * WEIGHTS[i]!, 0);
  return CHECK_CHARACTERS[sum % 11]!;
}

/** A valid 18-character resident ID from its first 17 digits. */
export function residentId(body: string): string {
  return body + residentIdCheckCharacter(body);
}

export const randomDigits = (digits: number): string =>
  String(Math.floor(Math.random() * 10 ** digits)).padStart(digits, '0');
