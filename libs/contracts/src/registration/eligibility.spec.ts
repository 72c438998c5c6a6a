import fc from 'fast-check';
import { GENDER_CATEGORIES } from '../competition-admin';
import { ageOn, checkEligibility, type EligibilityPerson, GenderCategory } from './eligibility';

describe('ageOn (周岁)', () => {
  it('counts a year once the birthday is reached on the same month and day', () => {
    expect(ageOn('1990-06-15', '2025-06-14')).toBe(34);
    expect(ageOn('1990-06-15', '2025-06-15')).toBe(35);
    expect(ageOn('1990-06-15', '2025-12-31')).toBe(35);
  });

  it('gives 0 in the first year and on the day of birth', () => {
    expect(ageOn('2025-03-01', '2025-03-01')).toBe(0);
    expect(ageOn('2024-03-01', '2025-02-28')).toBe(0);
  });

  it('treats 1 March as the birthday of someone born on 29 February in a common year', () => {
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });

  it('uses 29 February itself in leap years', () => {
    expect(ageOn('2008-02-29', '2028-02-28')).toBe(19);
    expect(ageOn('2008-02-29', '2028-02-29')).toBe(20);
  });

  it('rejects dates that are not YYYY-MM-DD', () => {
    expect(() => ageOn('1990/06/15', '2025-06-15')).toThrow(RangeError);
    expect(() => ageOn('1990-06-15', '2025-02-30')).toThrow(RangeError);
  });

  it('agrees with counting anniversaries one by one', () => {
    const isoDate = fc
      .date({
        min: new Date('1900-01-01T00:00:00Z'),
        max: new Date('2100-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(isoDate, isoDate, (a, b) => {
        const [born, on] = a <= b ? [a, b] : [b, a];
        // Independent count: the n-th birthday is the same month-day n years later, or 1 March
        // when that year has no 29 February (Date.UTC rolls 29 Feb over to 1 Mar by itself).
        const [y, m, d] = born.split('-').map(Number) as [number, number, number];
        let age = 0;
        for (;;) {
          const next = new Date(Date.UTC(y + age + 1, m - 1, d)).toISOString().slice(0, 10);
          if (next > on) break;
          age++;
        }
        expect(ageOn(born, on)).toBe(age);
      }),
    );
  });
});

describe('checkEligibility', () => {
  const welder: EligibilityPerson = { birthDate: '1990-06-15', gender: 'female', skillLevel: 3 };
  const codes = (person: EligibilityPerson, rules: Parameters<typeof checkEligibility>[1]) =>
    checkEligibility(person, rules).map((error) => error.code);
  const open = { referenceDate: '2025-09-01', genderCategory: 'open' } as const;

  it('admits a person when there are no conditions', () => {
    expect(checkEligibility(welder, open)).toEqual([]);
  });

  it('applies age limits inclusively on the reference date', () => {
    expect(codes(welder, { ...open, minAge: 35, maxAge: 35 })).toEqual([]);
    expect(codes(welder, { ...open, minAge: 36 })).toEqual(['eligibility.too_young']);
    expect(codes(welder, { ...open, maxAge: 34 })).toEqual(['eligibility.too_old']);
  });

  it('says the age and the limit in the message', () => {
    const [error] = checkEligibility(welder, { ...open, maxAge: 30 });
    expect(error?.message['zh-CN']).toBe(
      '截至 2025-09-01 年龄为 35 周岁，本项目要求不超过 30 周岁',
    );
    expect(error?.message.en).toBe('Aged 35 on 2025-09-01; this event allows at most 30');
  });

  it('is not yet 18 the day before the 18th birthday', () => {
    const apprentice: EligibilityPerson = {
      birthDate: '2007-09-02',
      gender: 'male',
      skillLevel: 5,
    };
    const [error] = checkEligibility(apprentice, { ...open, minAge: 18 });
    expect(error?.params).toEqual({ age: 17, minAge: 18, referenceDate: '2025-09-01' });
  });

  it('keeps men out of a women’s event and women out of a men’s event', () => {
    expect(codes(welder, { ...open, genderCategory: 'female' })).toEqual([]);
    const [error] = checkEligibility(welder, { ...open, genderCategory: 'male' });
    expect(error?.message['zh-CN']).toBe('本项目仅限男性参赛');
    expect(codes({ ...welder, gender: 'male' }, { ...open, genderCategory: 'female' })).toEqual([
      'eligibility.gender',
    ]);
  });

  it('reads minSkillLevel as "this level or higher" (smaller numbers are higher)', () => {
    expect(codes(welder, { ...open, minSkillLevel: 3 })).toEqual([]);
    expect(codes({ ...welder, skillLevel: 1 }, { ...open, minSkillLevel: 3 })).toEqual([]);
    const [error] = checkEligibility({ ...welder, skillLevel: 4 }, { ...open, minSkillLevel: 3 });
    expect(error?.code).toBe('eligibility.skill_level_too_low');
    expect(error?.message['zh-CN']).toBe('技能等级为四级/中级工，本项目要求三级/高级工及以上');
  });

  it('reads maxSkillLevel as "this level or lower"', () => {
    expect(codes({ ...welder, skillLevel: 2 }, { ...open, maxSkillLevel: 2 })).toEqual([]);
    expect(codes({ ...welder, skillLevel: 1 }, { ...open, maxSkillLevel: 2 })).toEqual([
      'eligibility.skill_level_too_high',
    ]);
    expect(codes({ ...welder, skillLevel: null }, { ...open, maxSkillLevel: 2 })).toEqual([]);
  });

  it('rejects a person without a certificate from an event with a minimum level', () => {
    expect(codes({ ...welder, skillLevel: null }, { ...open, minSkillLevel: 5 })).toEqual([
      'eligibility.skill_level_missing',
    ]);
  });

  it('takes the null limits an event stores as "no limit"', () => {
    const stored = {
      ...open,
      minAge: null,
      maxAge: null,
      minSkillLevel: null,
      maxSkillLevel: null,
    };
    expect(checkEligibility({ ...welder, skillLevel: null }, stored)).toEqual([]);
  });

  it('lists every condition missed, not only the first', () => {
    expect(
      codes(
        { birthDate: '2010-01-01', gender: 'male', skillLevel: 5 },
        { ...open, genderCategory: 'female', minAge: 18, minSkillLevel: 3 },
      ),
    ).toEqual(['eligibility.too_young', 'eligibility.gender', 'eligibility.skill_level_too_low']);
  });
});

describe('GenderCategory', () => {
  it('is the same list as the event settings in competition-admin', () => {
    expect(GenderCategory.options).toEqual([...GENDER_CATEGORIES]);
  });
});
