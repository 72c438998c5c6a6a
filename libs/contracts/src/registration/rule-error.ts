import type { Bilingual } from '../messages';

/**
 * Why a value was rejected, in words a coordinator can act on: what is wrong and where
 * (position in the number, the character found, the value expected). The import report adds
 * the row and column; the API picks one language; `params` lets a client re-render or filter.
 */
export interface RuleError<Code extends string = string> {
  readonly code: Code;
  readonly message: Bilingual;
  readonly params?: RuleParams;
}

export type RuleParams = Readonly<Record<string, string | number>>;

/** The outcome of parsing one value: the normalised value, or the first rule it breaks. */
export type RuleResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: RuleError<RuleErrorCode> };

const both = (zh: string, en: string): Bilingual => ({ 'zh-CN': zh, en });

/**
 * Every rejection the registration rules can produce. Chinese first, English second; no message
 * contains " / " because zod issues carry them as "English / 中文" (see `ruleErrorText`).
 */
export const RULE_MESSAGES = {
  // 居民身份证 (GB 11643-1999)
  'resident_id.empty': () => both('身份证号为空', 'ID number is empty'),
  'resident_id.scientific_notation': (p: { value: string }) =>
    both(
      `身份证号被 Excel 存成了科学计数法（${p.value}），末几位已丢失；请把该列设为文本后重新填写`,
      `Excel stored the ID number in scientific notation (${p.value}) and its last digits are lost; format the column as text and enter the number again`,
    ),
  'resident_id.old_15_digit': () =>
    both(
      '这是 15 位旧身份证号，请填写 18 位身份证号',
      'This is an old 15-digit ID number; enter the 18-digit ID number',
    ),
  'resident_id.length': (p: { length: number }) =>
    both(
      `身份证号应为 18 位，现为 ${p.length} 位`,
      `ID number must have 18 characters; this one has ${p.length}`,
    ),
  'resident_id.character': (p: { position: number; character: string }) =>
    both(
      `身份证号第 ${p.position} 位应为数字，实为“${p.character}”`,
      `ID number position ${p.position} must be a digit, not "${p.character}"`,
    ),
  'resident_id.check_character_format': (p: { character: string }) =>
    both(
      `身份证号第 18 位应为数字或 X，实为“${p.character}”`,
      `ID number position 18 must be a digit or X, not "${p.character}"`,
    ),
  'resident_id.region': (p: { province: string }) =>
    both(
      `身份证号前 2 位“${p.province}”不是省级行政区划代码`,
      `ID number starts with "${p.province}", which is not a province code`,
    ),
  'resident_id.residence_permit_region': (p: { province: string }) =>
    both(
      `港澳台居民居住证号码以 ${p.province} 开头时前 6 位应为 ${p.province}0000`,
      `A residence permit number for Hong Kong, Macau or Taiwan residents starting with ${p.province} must start with ${p.province}0000`,
    ),
  'resident_id.birth_date_invalid': (p: { digits: string }) =>
    both(
      `身份证号第 7–14 位“${p.digits}”不是有效的出生日期`,
      `ID number positions 7–14 ("${p.digits}") are not a valid birth date`,
    ),
  'resident_id.birth_date_before_1900': (p: { birthDate: string }) =>
    both(
      `身份证号中的出生日期 ${p.birthDate} 早于 1900 年`,
      `The birth date in the ID number (${p.birthDate}) is before 1900`,
    ),
  'resident_id.birth_date_future': (p: { birthDate: string; today: string }) =>
    both(
      `身份证号中的出生日期 ${p.birthDate} 晚于今天（${p.today}）`,
      `The birth date in the ID number (${p.birthDate}) is after today (${p.today})`,
    ),
  'resident_id.check_character': (p: { expected: string; actual: string }) =>
    both(
      `身份证号校验位错误：第 18 位应为 ${p.expected}，请核对整个号码`,
      `ID number check digit wrong: position 18 should be ${p.expected}; check the whole number`,
    ),
  'resident_id.birth_date_mismatch': (p: { declared: string; derived: string }) =>
    both(
      `出生日期 ${p.declared} 与身份证号中的 ${p.derived} 不一致`,
      `Birth date ${p.declared} does not match ${p.derived} in the ID number`,
    ),
  'resident_id.gender_mismatch': (p: { declared: 'male' | 'female'; derived: 'male' | 'female' }) =>
    both(
      `性别“${GENDER_ZH[p.declared]}”与身份证号（${GENDER_ZH[p.derived]}）不一致`,
      `Gender "${p.declared}" does not match the ID number (${p.derived})`,
    ),

  // Other documents
  'document.type_unknown': (p: { value: string }) =>
    both(
      `未知的证件类型“${p.value}”，可选：居民身份证、港澳居民来往内地通行证、台湾居民来往大陆通行证、外国人永久居留身份证、护照`,
      `Unknown document type "${p.value}"; use resident ID, Hong Kong/Macau permit, Taiwan permit, foreign permanent residence ID or passport`,
    ),
  'document.empty': () => both('证件号码为空', 'Document number is empty'),
  'document.looks_like_resident_id': () =>
    both(
      '这是居民身份证（或港澳台居民居住证）号码，请将证件类型选为“居民身份证”',
      'This is a resident ID number (or a residence permit for Hong Kong, Macau or Taiwan residents); choose the document type "resident ID"',
    ),
  'document.hk_macau_permit_format': (p: { value: string }) =>
    both(
      `港澳居民来往内地通行证号码应为 H 或 M 加 8 位数字（如 H12345678），实为“${p.value}”`,
      `A Mainland Travel Permit for Hong Kong and Macao Residents is H or M followed by 8 digits (e.g. H12345678), not "${p.value}"`,
    ),
  'document.taiwan_permit_format': (p: { value: string }) =>
    both(
      `台湾居民来往大陆通行证号码应为 8 位数字，实为“${p.value}”`,
      `A Mainland Travel Permit for Taiwan Residents number is 8 digits, not "${p.value}"`,
    ),
  'document.foreign_permanent_residence_format': (p: { value: string }) =>
    both(
      `外国人永久居留身份证号码应为 3 个字母加 12 位数字（2017 版），或以 9 开头的 18 位号码（2023 版），实为“${p.value}”`,
      `A Foreign Permanent Resident ID Card number is 3 letters and 12 digits (2017 card) or 18 characters starting with 9 (2023 card), not "${p.value}"`,
    ),
  'document.foreign_permanent_residence_check_character': (p: {
    expected: string;
    actual: string;
  }) =>
    both(
      `外国人永久居留身份证号码校验位错误：第 18 位应为 ${p.expected}，请核对整个号码`,
      `Foreign Permanent Resident ID check digit wrong: position 18 should be ${p.expected}; check the whole number`,
    ),
  'document.passport_format': (p: { value: string }) =>
    both(
      `护照号码应为 5–20 位字母或数字，实为“${p.value}”`,
      `A passport number is 5–20 letters or digits, not "${p.value}"`,
    ),

  // 统一社会信用代码 (GB 32100-2015)
  'credit_code.empty': () => both('统一社会信用代码为空', 'Unified social credit code is empty'),
  'credit_code.length': (p: { length: number }) =>
    both(
      `统一社会信用代码应为 18 位，现为 ${p.length} 位`,
      `Unified social credit code must have 18 characters; this one has ${p.length}`,
    ),
  'credit_code.character': (p: { position: number; character: string }) =>
    both(
      `统一社会信用代码第 ${p.position} 位“${p.character}”不是允许的字符（只用数字和除 I、O、Z、S、V 外的大写字母）`,
      `Unified social credit code position ${p.position}: "${p.character}" is not allowed (digits and capital letters except I, O, Z, S, V)`,
    ),
  'credit_code.letter_not_used': (p: { position: number; character: string; digit: string }) =>
    both(
      `统一社会信用代码第 ${p.position} 位是字母 ${p.character}，代码中不使用该字母，是否应为数字 ${p.digit}？`,
      `Unified social credit code position ${p.position} is the letter ${p.character}, which codes never use; did you mean the digit ${p.digit}?`,
    ),
  'credit_code.region_digit': (p: { position: number; character: string }) =>
    both(
      `统一社会信用代码第 ${p.position} 位应为数字（第 3–8 位是行政区划码），实为“${p.character}”`,
      `Unified social credit code position ${p.position} must be a digit (positions 3–8 are the region code), not "${p.character}"`,
    ),
  'credit_code.check_character': (p: { expected: string; actual: string }) =>
    both(
      `统一社会信用代码第 18 位校验码应为 ${p.expected}，请核对整个代码`,
      `Unified social credit code check character (position 18) should be ${p.expected}; check the whole code`,
    ),

  // 手机号
  'mobile.empty': () => both('手机号为空', 'Mobile number is empty'),
  'mobile.scientific_notation': (p: { value: string }) =>
    both(
      `手机号被 Excel 存成了科学计数法（${p.value}）；请把该列设为文本后重新填写`,
      `Excel stored the mobile number in scientific notation (${p.value}); format the column as text and enter it again`,
    ),
  'mobile.not_mainland': () =>
    both('只支持中国大陆手机号（+86）', 'Only mainland China mobile numbers (+86) are supported'),
  'mobile.character': (p: { character: string }) =>
    both(
      `手机号含有非数字字符“${p.character}”`,
      `Mobile number contains "${p.character}", which is not a digit`,
    ),
  'mobile.length': (p: { length: number }) =>
    both(
      `手机号应为 11 位数字，现为 ${p.length} 位`,
      `Mobile number must have 11 digits; this one has ${p.length}`,
    ),
  'mobile.prefix': (p: { prefix: string }) =>
    both(
      `手机号应以 13–19 开头，实为“${p.prefix}”`,
      `Mobile number must start with 13–19, not "${p.prefix}"`,
    ),

  // Names, dates, numbers
  'name.empty': () => both('姓名为空', 'Name is empty'),
  'name.too_long': (p: { length: number; max: number }) =>
    both(
      `姓名过长：${p.length} 个字符，最多 ${p.max} 个`,
      `Name is too long: ${p.length} characters, at most ${p.max}`,
    ),
  'name.character': (p: { character: string }) =>
    both(
      `姓名中不能有数字或符号“${p.character}”`,
      `Name must not contain digits or symbols such as "${p.character}"`,
    ),
  'date.empty': () => both('日期为空', 'Date is empty'),
  'date.format': (p: { value: string }) =>
    both(
      `无法识别日期“${p.value}”，请写成 1990-01-31、1990/1/31 或 1990年1月31日`,
      `Cannot read the date "${p.value}"; write it as 1990-01-31, 1990/1/31 or 1990年1月31日`,
    ),
  'date.invalid': (p: { value: string; year: number; month: number; day: number }) =>
    p.month >= 1 && p.month <= 12
      ? both(
          `日期“${p.value}”不存在：${p.year} 年 ${p.month} 月没有 ${p.day} 日`,
          `The date "${p.value}" does not exist: ${p.year}-${String(p.month).padStart(2, '0')} has no day ${p.day}`,
        )
      : both(
          `日期“${p.value}”不存在：月份应为 1–12`,
          `The date "${p.value}" does not exist: the month must be 1–12`,
        ),
  'date.excel_serial_range': (p: { serial: number }) =>
    both(
      `Excel 日期序号 ${p.serial} 超出范围（1–2958465）`,
      `Excel date serial ${p.serial} is out of range (1–2958465)`,
    ),
  'date.excel_1900_02_29': () =>
    both(
      'Excel 日期序号 60 表示不存在的 1900-02-29',
      'Excel date serial 60 stands for 1900-02-29, which does not exist',
    ),
  'birth_date.before_1900': (p: { birthDate: string }) =>
    both(`出生日期 ${p.birthDate} 早于 1900 年`, `Birth date ${p.birthDate} is before 1900`),
  'birth_date.future': (p: { birthDate: string; today: string }) =>
    both(
      `出生日期 ${p.birthDate} 晚于今天（${p.today}）`,
      `Birth date ${p.birthDate} is after today (${p.today})`,
    ),
  'integer.empty': () => both('数字为空', 'Number is empty'),
  'integer.format': (p: { value: string }) =>
    both(`“${p.value}”不是整数`, `"${p.value}" is not a whole number`),
  'integer.fraction': (p: { value: string }) =>
    both(
      `${p.value} 有小数部分，应为整数`,
      `${p.value} has a fractional part; expected a whole number`,
    ),
  'integer.too_large': (p: { value: string }) =>
    both(`数字 ${p.value} 过大`, `The number ${p.value} is too large`),

  // People and eligibility
  'gender.unknown': (p: { value: string }) =>
    both(
      `无法识别性别“${p.value}”，请填写“男”或“女”`,
      `Unknown gender "${p.value}"; use 男 (male) or 女 (female)`,
    ),
  'skill_level.unknown': (p: { value: string }) =>
    both(
      `无法识别技能等级“${p.value}”，请填写五级/初级工、四级/中级工、三级/高级工、二级/技师或一级/高级技师`,
      `Unknown skill level "${p.value}"; use level 5 (junior worker) to level 1 (senior technician)`,
    ),
  'skill_level.conflicting': (p: { value: string }) =>
    both(
      `技能等级“${p.value}”前后不一致（如“五级/高级工”）`,
      `Skill level "${p.value}" names two different levels`,
    ),
  'eligibility.too_young': (p: { age: number; minAge: number; referenceDate: string }) =>
    both(
      `截至 ${p.referenceDate} 年龄为 ${p.age} 周岁，本项目要求年满 ${p.minAge} 周岁`,
      `Aged ${p.age} on ${p.referenceDate}; this event requires at least ${p.minAge}`,
    ),
  'eligibility.too_old': (p: { age: number; maxAge: number; referenceDate: string }) =>
    both(
      `截至 ${p.referenceDate} 年龄为 ${p.age} 周岁，本项目要求不超过 ${p.maxAge} 周岁`,
      `Aged ${p.age} on ${p.referenceDate}; this event allows at most ${p.maxAge}`,
    ),
  'eligibility.gender': (p: { category: 'male' | 'female' }) =>
    p.category === 'male'
      ? both('本项目仅限男性参赛', 'This event is for men only')
      : both('本项目仅限女性参赛', 'This event is for women only'),
  'eligibility.skill_level_missing': (p: { required: number }) =>
    both(
      `本项目要求${SKILL_ZH[p.required] ?? p.required}及以上技能等级，未填写技能等级`,
      `This event requires skill level ${p.required} or higher; no skill level is given`,
    ),
  'eligibility.skill_level_too_low': (p: { level: number; required: number }) =>
    both(
      `技能等级为${SKILL_ZH[p.level] ?? p.level}，本项目要求${SKILL_ZH[p.required] ?? p.required}及以上`,
      `Skill level is ${p.level}; this event requires level ${p.required} or higher`,
    ),
  'eligibility.skill_level_too_high': (p: { level: number; limit: number }) =>
    both(
      `技能等级为${SKILL_ZH[p.level] ?? p.level}，本项目限${SKILL_ZH[p.limit] ?? p.limit}及以下`,
      `Skill level is ${p.level}; this event is limited to level ${p.limit} or lower`,
    ),
} as const satisfies Record<string, (params: never) => Bilingual>;

// Local copies keep this catalogue free of import cycles; skill-levels.spec checks they agree.
const GENDER_ZH = { male: '男', female: '女' } as const;
const SKILL_ZH: Readonly<Record<number, string>> = {
  5: '五级/初级工',
  4: '四级/中级工',
  3: '三级/高级工',
  2: '二级/技师',
  1: '一级/高级技师',
};

export type RuleErrorCode = keyof typeof RULE_MESSAGES;

type ParamsOf<C extends RuleErrorCode> = Parameters<(typeof RULE_MESSAGES)[C]>;

/** Builds a RuleError with its message in both languages. */
export function ruleError<C extends RuleErrorCode>(code: C, ...params: ParamsOf<C>): RuleError<C> {
  const render = RULE_MESSAGES[code] as (params?: RuleParams) => Bilingual;
  const given = params[0] as RuleParams | undefined;
  return given === undefined
    ? { code, message: render() }
    : { code, message: render(given), params: given };
}

/** A failed RuleResult. */
export function failure<C extends RuleErrorCode>(
  code: C,
  ...params: ParamsOf<C>
): { readonly ok: false; readonly error: RuleError<C> } {
  return { ok: false, error: ruleError(code, ...params) };
}

/** The project's convention for one-string messages (zod issues): "English / 中文". */
export function ruleErrorText(error: RuleError): string {
  return `${error.message.en} / ${error.message['zh-CN']}`;
}
