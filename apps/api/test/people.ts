/**
 * Valid-looking people for tests. The check digit is computed here independently of the code
 * under test (GB 11643: weights 2^(17-i) mod 11, check = (12 - sum mod 11) mod 11, 10 → X).
 */
export function residentId(region: string, birthDate: string, sequence: number): string {
  const body = `${region}${birthDate.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * (2 ** (17 - i) % 11);
  const check = (12 - (sum % 11)) % 11;
  return body + (check === 10 ? 'X' : String(check));
}

let sequence = 100;

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华';

/** A distinct Chinese name per sequence number (names may not contain digits). */
function nameFor(n: number): string {
  return (
    SURNAMES[n % SURNAMES.length]! +
    GIVEN[Math.floor(n / SURNAMES.length) % GIVEN.length]! +
    GIVEN[n % GIVEN.length]!
  );
}

/** A worker's registration fields; odd sequence numbers are men, even ones women. */
export function worker(
  enterpriseId: string,
  overrides: Partial<{
    name: string;
    birthDate: string;
    male: boolean;
    skillLevel: number | null;
    mobile: string;
  }> = {},
) {
  const male = overrides.male ?? true;
  sequence += 1;
  if ((sequence % 2 === 1) !== male) sequence += 1;
  const birthDate = overrides.birthDate ?? '1990-03-07';
  return {
    name: overrides.name ?? nameFor(sequence),
    documentType: 'resident_id' as const,
    documentNumber: residentId('220102', birthDate, sequence),
    mobile: overrides.mobile ?? `1380431${String(sequence).padStart(4, '0')}`,
    enterpriseId,
    skillLevel: overrides.skillLevel === undefined ? 3 : overrides.skillLevel,
  };
}
