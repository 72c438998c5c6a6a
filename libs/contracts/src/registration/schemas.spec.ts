import { formatIssuePath } from '../errors';
import { pickBilingual } from '../messages';
import {
  BirthDate,
  CreditCode,
  MobileNumber,
  PersonFields,
  PersonInput,
  PersonName,
  ResidentIdNumber,
} from './schemas';

// Valid numbers (check characters computed by hand; the rule specs check the algorithms).
const MALE_ID = '220102198807151236'; // 1988-07-15, male
const FEMALE_ID_X = '11010519491231002X'; // GB 11643's example: 1949-12-31, female
const ENTERPRISE = '0b5c7a0e-8f1d-4c1e-9a3b-2f6d8e4c1a77';

const issuesOf = (result: {
  success: boolean;
  error?: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string; params?: unknown }> };
}) =>
  (result.error?.issues ?? []).map((issue) => ({
    path: formatIssuePath(issue.path),
    rule: (issue.params as { rule?: string } | undefined)?.rule,
  }));

describe('field schemas', () => {
  it('ResidentIdNumber outputs the normalised number', () => {
    expect(ResidentIdNumber.parse(' 110105 19491231 002x ')).toBe(FEMALE_ID_X);
  });

  it('ResidentIdNumber reports the rule in "English / 中文" with its code in params', () => {
    const result = ResidentIdNumber.safeParse('110105194912310021');
    expect(result.success).toBe(false);
    const issue = result.error!.issues[0]!;
    expect(pickBilingual(issue.message, 'zh-CN')).toBe(
      '身份证号校验位错误：第 18 位应为 X，请核对整个号码',
    );
    expect(pickBilingual(issue.message, 'en')).toBe(
      'ID number check digit wrong: position 18 should be X; check the whole number',
    );
    expect(issue).toMatchObject({
      code: 'custom',
      params: { rule: 'resident_id.check_character', expected: 'X', actual: '1' },
    });
  });

  it('CreditCode and MobileNumber output the normalised values', () => {
    expect(CreditCode.parse('91220101ma0y4k7b2y')).toBe('91220101MA0Y4K7B2Y');
    expect(CreditCode.safeParse('91220101MA0Y4K7B2X').success).toBe(false);
    expect(MobileNumber.parse('+86 138-1234-5678')).toBe('13812345678');
    expect(MobileNumber.safeParse('1381234567').success).toBe(false);
  });

  it('PersonName and BirthDate normalise what people type', () => {
    expect(PersonName.parse('买买提 • 艾力')).toBe('买买提·艾力');
    expect(BirthDate.parse('1988年7月15日')).toBe('1988-07-15');
    expect(issuesOf(BirthDate.safeParse('1899-12-31'))).toEqual([
      { path: '', rule: 'birth_date.before_1900' },
    ]);
    expect(issuesOf(BirthDate.safeParse('2999-01-01'))).toEqual([
      { path: '', rule: 'birth_date.future' },
    ]);
  });

  it('refuse numbers: a cell read as a number is converted to text by the importer first', () => {
    expect(MobileNumber.safeParse(13812345678).success).toBe(false);
  });
});

describe('PersonInput', () => {
  const person = {
    name: ' 张 伟 ',
    documentType: 'resident_id',
    documentNumber: '2201 0219 8807 1512 36',
    mobile: '138 1234 5678',
    enterpriseId: ENTERPRISE,
    skillLevel: 3,
  };

  it('normalises a resident-ID registration and fills in birth date and gender from the ID', () => {
    expect(PersonInput.parse(person)).toEqual({
      name: '张伟',
      documentType: 'resident_id',
      documentNumber: MALE_ID,
      mobile: '13812345678',
      enterpriseId: ENTERPRISE,
      skillLevel: 3,
      birthDate: '1988-07-15',
      gender: 'male',
    });
  });

  it('accepts a declared birth date and gender that agree with the ID, in any date format', () => {
    const parsed = PersonInput.parse({ ...person, birthDate: '1988/7/15', gender: 'male' });
    expect(parsed.birthDate).toBe('1988-07-15');
  });

  it('flags a birth date and a gender that contradict the ID, each on its own field', () => {
    const result = PersonInput.safeParse({ ...person, birthDate: '1988-07-16', gender: 'female' });
    expect(issuesOf(result)).toEqual([
      { path: 'birthDate', rule: 'resident_id.birth_date_mismatch' },
      { path: 'gender', rule: 'resident_id.gender_mismatch' },
    ]);
  });

  it('checks the document number against its type', () => {
    const result = PersonInput.safeParse({ ...person, documentNumber: '220102198807151237' });
    expect(issuesOf(result)).toEqual([
      { path: 'documentNumber', rule: 'resident_id.check_character' },
    ]);
  });

  it('keeps a passport holder’s declared data as given, with no ID to compare with', () => {
    const parsed = PersonInput.parse({
      ...person,
      name: 'John Smith',
      documentType: 'passport',
      documentNumber: 'e 1234 5678',
      gender: 'male',
      birthDate: '1979-03-02',
      skillLevel: null,
    });
    expect(parsed).toMatchObject({
      documentNumber: 'E12345678',
      gender: 'male',
      birthDate: '1979-03-02',
      skillLevel: null,
    });
  });

  it('takes a Hong Kong/Macau permit number as its lifelong 9 characters', () => {
    const parsed = PersonInput.parse({
      ...person,
      documentType: 'hk_macau_permit',
      documentNumber: 'H1234567801',
    });
    expect(parsed.documentNumber).toBe('H12345678');
    expect(parsed.birthDate).toBeUndefined();
  });

  it('reports every problem of a bad import row at once', () => {
    const result = PersonInput.safeParse({
      name: '张三3',
      documentType: 'resident_id',
      documentNumber: '11010519491231002X',
      mobile: '1381234567',
      enterpriseId: 'not-a-uuid',
      skillLevel: 7,
      gender: 'male',
      birthDate: '1949-02-30',
    });
    expect(issuesOf(result)).toEqual([
      { path: 'name', rule: 'name.character' },
      { path: 'mobile', rule: 'mobile.length' },
      { path: 'enterpriseId', rule: undefined },
      { path: 'skillLevel', rule: undefined },
      { path: 'birthDate', rule: 'date.invalid' },
      // the gender is still compared with the ID; the unreadable birth date is not
      { path: 'gender', rule: 'resident_id.gender_mismatch' },
    ]);
    for (const issue of result.error!.issues) expect(issue.message).toContain(' / ');
  });

  it('does not check the number when the document type itself is wrong', () => {
    const result = PersonInput.safeParse({ ...person, documentType: '身份证' });
    expect(issuesOf(result).map((issue) => issue.path)).toEqual(['documentType']);
  });

  it('rejects unknown fields, like every request schema', () => {
    expect(PersonInput.safeParse({ ...person, idCard: MALE_ID }).success).toBe(false);
    expect(PersonFields.safeParse({ ...person, idCard: MALE_ID }).success).toBe(false);
  });

  it('accepts a person without a skill level certificate but requires the field', () => {
    expect(PersonInput.safeParse({ ...person, skillLevel: null }).success).toBe(true);
    const { skillLevel: _omitted, ...withoutLevel } = person;
    expect(issuesOf(PersonInput.safeParse(withoutLevel))).toEqual([
      { path: 'skillLevel', rule: undefined },
    ]);
  });
});
