import fc from 'fast-check';
import { creditCodeCheckCharacter, parseCreditCode } from './credit-code';

/**
 * An independent GB 32100 check: the alphabet derived by striking I, O, S, V, Z from 0–9A–Z,
 * weights generated as powers of 3 mod 31 (the table in the standard is exactly that), check
 * = (31 − Σ mod 31) mod 31. The code under test uses a literal alphabet and weight table.
 */
const ORACLE_ALPHABET = [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ']
  .filter((c) => !'IOSVZ'.includes(c))
  .join('');
function oracleCheckCharacter(body: string): string {
  let sum = 0;
  let weight = 1;
  for (const character of body) {
    sum += ORACLE_ALPHABET.indexOf(character) * weight;
    weight = (weight * 3) % 31;
  }
  return ORACLE_ALPHABET[(31 - (sum % 31)) % 31]!;
}
const withCheck = (body: string) => body + oracleCheckCharacter(body);

function expectError(input: string, code: string) {
  const result = parseCreditCode(input);
  if (result.ok) throw new Error(`expected ${code} for ${input}`);
  expect(result.error.code).toBe(code);
  return result.error;
}

describe('parseCreditCode: codes that are accepted', () => {
  it('splits an enterprise code registered in 长春市 into its parts', () => {
    const code = withCheck('91220101MA0Y4K7B2');
    expect(code).toBe('91220101MA0Y4K7B2Y');
    expect(parseCreditCode(code)).toEqual({
      ok: true,
      value: {
        code,
        registrationAuthority: '9',
        organisationCategory: '1',
        regionCode: '220101',
        organisationCode: 'MA0Y4K7B2',
      },
    });
  });

  it('accepts the example code published with GB 32100 (福州, 91350100M000100Y43)', () => {
    expect(parseCreditCode('91350100M000100Y43').ok).toBe(true);
  });

  it('accepts social organisations, public institutions, sole traders and cooperatives', () => {
    for (const body of [
      '52220102MJ0012345',
      '12220000412757930',
      '92220102MA14LXYP4',
      '93220281MA17Q9H02',
    ]) {
      expect(parseCreditCode(withCheck(body)).ok).toBe(true);
    }
  });

  it('normalises lower case, full-width characters and spaces', () => {
    const result = parseCreditCode(' ９１２２０１０１ｍａ０ｙ４ｋ７ｂ２ｙ\u3000');
    expect(result.ok && result.value.code).toBe('91220101MA0Y4K7B2Y');
    expect(parseCreditCode('9122 0101 ma0y 4k7b 2y').ok).toBe(true);
  });

  it("writes a check value of 31 as '0'", () => {
    // Find an organisation code whose check value is 31 (character '0').
    const bodies = [...ORACLE_ALPHABET].map((last) => `91220101MA0Y4K7B${last}`);
    const body = bodies.find((candidate) => oracleCheckCharacter(candidate) === '0')!;
    expect(creditCodeCheckCharacter(body)).toBe('0');
    expect(parseCreditCode(`${body}0`).ok).toBe(true);
  });
});

describe('parseCreditCode: what each rejection says', () => {
  it('gives the expected check character in both languages', () => {
    const error = expectError('91220101MA0Y4K7B2X', 'credit_code.check_character');
    expect(error.params).toEqual({ expected: 'Y', actual: 'X' });
    expect(error.message['zh-CN']).toBe('统一社会信用代码第 18 位校验码应为 Y，请核对整个代码');
    expect(error.message.en).toBe(
      'Unified social credit code check character (position 18) should be Y; check the whole code',
    );
  });

  it('suggests the digit meant when a letter that codes never use was typed', () => {
    const error = expectError('91220101MAOY4K7B2Y', 'credit_code.letter_not_used');
    expect(error.params).toEqual({ position: 11, character: 'O', digit: '0' });
    expect(error.message['zh-CN']).toBe(
      '统一社会信用代码第 11 位是字母 O，代码中不使用该字母，是否应为数字 0？',
    );
    expect(expectError('9122010IMA0Y4K7B2Y', 'credit_code.letter_not_used').params).toEqual({
      position: 8,
      character: 'I',
      digit: '1',
    });
  });

  it('names the position of V or a symbol, which have no look-alike digit', () => {
    expect(expectError('91220101MA0Y4K7V2Y', 'credit_code.character').params).toEqual({
      position: 16,
      character: 'V',
    });
    expect(expectError('91220101MA0Y4K-B2Y', 'credit_code.character').params).toEqual({
      position: 15,
      character: '-',
    });
  });

  it('requires digits in the region code (positions 3–8)', () => {
    const error = expectError(withCheck('9122A101MA0Y4K7B2'), 'credit_code.region_digit');
    expect(error.params).toEqual({ position: 5, character: 'A' });
  });

  it('says how long the code is when it is not 18 characters', () => {
    expect(expectError('91220101MA0Y4K7B2', 'credit_code.length').params).toEqual({ length: 17 });
    expect(expectError('220101123456789', 'credit_code.length').message['zh-CN']).toBe(
      '统一社会信用代码应为 18 位，现为 15 位',
    );
    expectError('  ', 'credit_code.empty');
  });
});

describe('creditCodeCheckCharacter', () => {
  it('builds valid codes for data generators and refuses bad bodies', () => {
    expect(creditCodeCheckCharacter('91220101MA0Y4K7B2')).toBe('Y');
    expect(() => creditCodeCheckCharacter('91220101MA0Y4K7B')).toThrow(RangeError);
    expect(() => creditCodeCheckCharacter('91220101MA0Y4K7BO')).toThrow(RangeError);
  });
});

describe('parseCreditCode: properties', () => {
  const character = fc.constantFrom(...ORACLE_ALPHABET);
  const digit = fc.constantFrom(...'0123456789');
  const validCode = fc
    .tuple(
      fc.array(character, { minLength: 2, maxLength: 2 }),
      fc.array(digit, { minLength: 6, maxLength: 6 }),
      fc.array(character, { minLength: 9, maxLength: 9 }),
    )
    .map(([head, region, organisation]) =>
      withCheck([...head, ...region, ...organisation].join('')),
    );

  it('accepts any 17 allowed characters followed by the right check character', () => {
    fc.assert(
      fc.property(validCode, (code) => {
        const result = parseCreditCode(code);
        expect(result.ok && result.value.code).toBe(code);
      }),
    );
  });

  it('rejects every code with one character changed to another allowed one', () => {
    // Weights are powers of 3 mod 31 (never 0) and 31 is prime: any substitution is detected.
    fc.assert(
      fc.property(
        validCode,
        fc.integer({ min: 0, max: 17 }),
        character,
        (code, position, replacement) => {
          fc.pre(code[position] !== replacement);
          const changed = code.slice(0, position) + replacement + code.slice(position + 1);
          expect(parseCreditCode(changed).ok).toBe(false);
        },
      ),
    );
  });

  it('agrees with the independent check on any 17 allowed characters', () => {
    fc.assert(
      fc.property(fc.array(character, { minLength: 17, maxLength: 17 }), (chars) => {
        const body = chars.join('');
        expect(creditCodeCheckCharacter(body)).toBe(oracleCheckCharacter(body));
      }),
    );
  });
});
