import fc from 'fast-check';
import { checkIdAgainst, parseResidentId, residentIdCheckCharacter } from './resident-id';

/**
 * An independent GB 11643 check: the standard's own formulation, counting positions from the
 * right (the check character is position 1) with weights 2^(i−1) mod 11, and
 * check ≡ 1 − Σ (mod 11), 10 written X. The code under test uses the left-to-right weight
 * table and the "10X98765432" lookup instead.
 */
function oracleCheckCharacter(body: string): string {
  let sum = 0;
  for (let i = 2; i <= 18; i++) sum += Number(body[18 - i]) * (2 ** (i - 1) % 11);
  const check = (12 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}
const withCheck = (body: string) => body + oracleCheckCharacter(body);

const today = '2025-06-30';
const parse = (input: string) => parseResidentId(input, { today });

function expectError(input: string, code: string) {
  const result = parse(input);
  if (result.ok) throw new Error(`expected ${code} for ${input}, got ${JSON.stringify(result)}`);
  expect(result.error.code).toBe(code);
  return result.error;
}

describe('parseResidentId: numbers that are accepted', () => {
  it('reads the example from GB 11643 itself (北京朝阳, 1949-12-31, female, X check)', () => {
    expect(parse('11010519491231002X')).toEqual({
      ok: true,
      value: {
        number: '11010519491231002X',
        birthDate: '1949-12-31',
        gender: 'female',
        regionCode: '110105',
      },
    });
  });

  it('derives birth date and gender of a worker from 长春市南关区', () => {
    const number = withCheck('22010219880715123');
    expect(number).toBe('220102198807151236');
    const result = parse(number);
    expect(result).toEqual({
      ok: true,
      value: { number, birthDate: '1988-07-15', gender: 'male', regionCode: '220102' },
    });
  });

  it('counts an even 17th digit (including 0) as female', () => {
    const female = parse(withCheck('22010219880715124'));
    const zero = parse(withCheck('22010219880715120'));
    expect(female.ok && female.value.gender).toBe('female');
    expect(zero.ok && zero.value.gender).toBe('female');
  });

  it("accepts a lower-case 'x' and stores it as 'X'", () => {
    const number = withCheck('22010219900101005');
    expect(number.endsWith('X')).toBe(true);
    const result = parse(number.toLowerCase());
    expect(result.ok && result.value.number).toBe(number);
  });

  it('accepts full-width digits, ideographic and stray spaces, zero-width characters', () => {
    const messy = '\ufeff２２０１０２ １９８８０７１５\u3000１２３６ \u200b';
    const result = parse(messy);
    expect(result.ok && result.value.number).toBe('220102198807151236');
  });

  it('accepts a birth date on 29 February of a leap year, including 2000', () => {
    expect(parse(withCheck('22010219920229002')).ok).toBe(true);
    expect(parse(withCheck('22010120000229318')).ok).toBe(true);
  });

  it('accepts a birth date of today, and 1900-01-01', () => {
    expect(parse(withCheck('22010220250630001')).ok).toBe(true);
    expect(parse(withCheck('22010219000101001')).ok).toBe(true);
  });

  it('accepts residence permits for Hong Kong, Macau and Taiwan residents as resident IDs', () => {
    for (const body of ['81000019900101123', '82000019751224001', '83000019850315456']) {
      const result = parse(withCheck(body));
      expect(result.ok && result.value.regionCode).toBe(body.slice(0, 6));
    }
  });

  it('accepts old province codes kept on older cards as long as the province exists', () => {
    // 44 Guangdong for someone born in Hainan before 1988, 51 Sichuan for Chongqing before 1997
    expect(parse(withCheck('44900119700101001')).ok).toBe(true);
    expect(parse(withCheck('51022119650101001')).ok).toBe(true);
  });
});

describe('parseResidentId: what each rejection says', () => {
  it('names the check character that was expected', () => {
    const error = expectError('220102198807151237', 'resident_id.check_character');
    expect(error.params).toEqual({ expected: '6', actual: '7' });
    expect(error.message['zh-CN']).toBe('身份证号校验位错误：第 18 位应为 6，请核对整个号码');
    expect(error.message.en).toBe(
      'ID number check digit wrong: position 18 should be 6; check the whole number',
    );
  });

  it('rejects an X where the check value is a digit, and a digit where it is X', () => {
    expect(expectError('22010219880715123X', 'resident_id.check_character').params).toEqual({
      expected: '6',
      actual: 'X',
    });
    expect(expectError('220102199001010050', 'resident_id.check_character').params).toEqual({
      expected: 'X',
      actual: '0',
    });
  });

  it('asks for the 18-digit number when given an old 15-digit one', () => {
    const error = expectError('220102880715123', 'resident_id.old_15_digit');
    expect(error.message['zh-CN']).toContain('18 位');
    expect(error.message.en).toContain('18-digit');
  });

  it('says how many characters there are when the length is wrong', () => {
    expect(expectError('22010219880715123', 'resident_id.length').params).toEqual({ length: 17 });
    expect(expectError('2201021988071512361', 'resident_id.length').params).toEqual({
      length: 19,
    });
    expect(expectError('2201021988071512', 'resident_id.length').message['zh-CN']).toBe(
      '身份证号应为 18 位，现为 16 位',
    );
  });

  it('reports an empty cell as empty, not as a wrong length', () => {
    expectError('', 'resident_id.empty');
    expectError(' \u3000 ', 'resident_id.empty');
  });

  it('recognises a number Excel turned into scientific notation', () => {
    const error = expectError('2.20102E+17', 'resident_id.scientific_notation');
    expect(error.message['zh-CN']).toContain('文本');
  });

  it('points at the position of a letter among the first 17 digits', () => {
    expect(expectError('2201021988O7151236', 'resident_id.character').params).toEqual({
      position: 11,
      character: 'O',
    });
    expect(expectError('X20102198807151236', 'resident_id.character').params).toEqual({
      position: 1,
      character: 'X',
    });
    expect(expectError('22010219880715123—', 'resident_id.check_character_format').params).toEqual({
      character: '—',
    });
  });

  it('rejects a number that starts with no province code', () => {
    expect(expectError(withCheck('00010219880715123'), 'resident_id.region').params).toEqual({
      province: '00',
    });
    expectError(withCheck('99010219880715123'), 'resident_id.region');
    expectError(withCheck('19010219880715123'), 'resident_id.region');
  });

  it('requires residence permits to use exactly 810000, 820000 or 830000', () => {
    const error = expectError(
      withCheck('81010119900101123'),
      'resident_id.residence_permit_region',
    );
    expect(error.message['zh-CN']).toContain('810000');
  });

  it('rejects impossible birth dates before looking at the check digit', () => {
    for (const date of ['19880230', '19890229', '19001301', '19880700']) {
      const error = expectError(withCheck(`220102${date}123`), 'resident_id.birth_date_invalid');
      expect(error.params).toEqual({ digits: date });
    }
    // 1900 is not a leap year; 2100 is far in the future anyway
    expectError(withCheck('22010219000229001'), 'resident_id.birth_date_invalid');
  });

  it('rejects birth dates before 1900 (the 1880 example of GB 11643 included)', () => {
    expect(expectError('440524188001010014', 'resident_id.birth_date_before_1900').params).toEqual({
      birthDate: '1880-01-01',
    });
  });

  it('rejects birth dates after the given today, and uses today in China by default', () => {
    const tomorrow = withCheck('22010220250701001');
    expect(expectError(tomorrow, 'resident_id.birth_date_future').params).toEqual({
      birthDate: '2025-07-01',
      today,
    });
    expect(parseResidentId(tomorrow, { today: '2025-07-01' }).ok).toBe(true);
    expect(parseResidentId(withCheck('22010221000101001')).ok).toBe(false);
  });

  it('refuses a malformed `today` instead of guessing', () => {
    expect(() => parseResidentId('11010519491231002X', { today: '2025/06/30' })).toThrow(
      RangeError,
    );
  });
});

describe('residentIdCheckCharacter', () => {
  it('gives the check character for 17 digits and refuses anything else', () => {
    expect(residentIdCheckCharacter('11010519491231002')).toBe('X');
    expect(residentIdCheckCharacter('22010219880715123')).toBe('6');
    expect(() => residentIdCheckCharacter('2201021988071512')).toThrow(RangeError);
    expect(() => residentIdCheckCharacter('2201021988071512a')).toThrow(RangeError);
  });
});

describe('checkIdAgainst', () => {
  const id = { birthDate: '1988-07-15', gender: 'male' } as const;

  it('finds nothing to report when the declared data agree or are absent', () => {
    expect(checkIdAgainst(id, { birthDate: '1988-07-15', gender: 'male' })).toEqual([]);
    expect(checkIdAgainst(id, {})).toEqual([]);
  });

  it('reports a different birth date with both dates', () => {
    const [error, ...rest] = checkIdAgainst(id, { birthDate: '1988-07-16' });
    expect(rest).toEqual([]);
    expect(error?.code).toBe('resident_id.birth_date_mismatch');
    expect(error?.message['zh-CN']).toBe('出生日期 1988-07-16 与身份证号中的 1988-07-15 不一致');
  });

  it('reports a different gender in words, and both mismatches at once', () => {
    const errors = checkIdAgainst(id, { birthDate: '1988-05-17', gender: 'female' });
    expect(errors.map((e) => e.code)).toEqual([
      'resident_id.birth_date_mismatch',
      'resident_id.gender_mismatch',
    ]);
    expect(errors[1]?.message['zh-CN']).toBe('性别“女”与身份证号（男）不一致');
    expect(errors[1]?.message.en).toBe('Gender "female" does not match the ID number (male)');
  });
});

describe('parseResidentId: properties', () => {
  const provinces = ['11', '13', '22', '31', '44', '46', '50', '54', '65', '71'];
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  const birthDate = fc
    .date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date(`${today}T00:00:00Z`),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));
  const validId = fc
    .record({
      province: fc.constantFrom(...provinces),
      rest: fc.integer({ min: 0, max: 9999 }),
      birthDate,
      sequence: fc.integer({ min: 0, max: 999 }),
    })
    .map(({ province, rest, birthDate: date, sequence }) => ({
      number: withCheck(`${province}${pad(rest, 4)}${date.replaceAll('-', '')}${pad(sequence, 3)}`),
      birthDate: date,
      gender: sequence % 2 === 1 ? 'male' : 'female',
    }));

  it('accepts any region, valid birth date and sequence with the right check character', () => {
    fc.assert(
      fc.property(validId, ({ number, birthDate: date, gender }) => {
        expect(parse(number)).toEqual({
          ok: true,
          value: { number, birthDate: date, gender, regionCode: number.slice(0, 6) },
        });
      }),
    );
  });

  it('rejects every number with one character changed', () => {
    // MOD 11-2 weights are all non-zero mod 11 and 11 is prime, so any single substitution
    // changes the checksum: the changed number is always rejected, never re-read differently.
    fc.assert(
      fc.property(
        validId,
        fc.integer({ min: 0, max: 17 }),
        fc.constantFrom(...'0123456789X'),
        ({ number }, position, replacement) => {
          fc.pre(number[position] !== replacement);
          const changed = number.slice(0, position) + replacement + number.slice(position + 1);
          expect(parse(changed).ok).toBe(false);
        },
      ),
    );
  });

  it('rejects every number with two adjacent different digits swapped', () => {
    fc.assert(
      fc.property(validId, fc.integer({ min: 0, max: 16 }), ({ number }, position) => {
        fc.pre(number[position] !== number[position + 1]);
        const swapped =
          number.slice(0, position) +
          number[position + 1] +
          number[position] +
          number.slice(position + 2);
        expect(parse(swapped).ok).toBe(false);
      }),
    );
  });

  it('agrees with the independent check on any 17 digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}$/), (body) => {
        expect(residentIdCheckCharacter(body)).toBe(oracleCheckCharacter(body));
      }),
    );
  });
});
