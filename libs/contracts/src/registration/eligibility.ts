import { z } from 'zod';
import type { Bilingual } from '../messages';
import { isLeapYear, requireIsoDate } from './calendar';
import type { Gender } from './gender';
import { ruleError, type RuleError, type RuleErrorCode } from './rule-error';
import type { SkillLevel } from './skill-levels';

/**
 * Who may enter an event: everyone, or men or women only (男子组/女子组). The same list as
 * `GENDER_CATEGORIES` in competition-admin.ts (the event's eligibility settings); a spec
 * checks they agree. It is not exported again under that name to keep one public list.
 */
const GENDER_CATEGORY_VALUES = ['open', 'male', 'female'] as const;
export const GenderCategory = z.enum(GENDER_CATEGORY_VALUES);
export type GenderCategory = z.infer<typeof GenderCategory>;

export const GENDER_CATEGORY_NAMES: Readonly<Record<GenderCategory, Bilingual>> = {
  open: { 'zh-CN': '不限', en: 'Open' },
  male: { 'zh-CN': '男子', en: 'Men' },
  female: { 'zh-CN': '女子', en: 'Women' },
};

/**
 * Age in completed years (周岁) on a date. The birthday is reached on the same month and day;
 * someone born on 29 February reaches it on 1 March in years without a 29 February (so they
 * are still 17 on 28 February 2025 if born 29 February 2008, and 18 on 1 March 2025).
 * Dates are 'YYYY-MM-DD'.
 */
export function ageOn(birthDate: string, onDate: string): number {
  const born = requireIsoDate(birthDate, 'birthDate');
  const on = requireIsoDate(onDate, 'onDate');
  let birthdayMonth = born.month;
  let birthdayDay = born.day;
  if (born.month === 2 && born.day === 29 && !isLeapYear(on.year)) {
    birthdayMonth = 3;
    birthdayDay = 1;
  }
  const reached = on.month > birthdayMonth || (on.month === birthdayMonth && on.day >= birthdayDay);
  return on.year - born.year - (reached ? 0 : 1);
}

export interface EligibilityPerson {
  readonly birthDate: string;
  readonly gender: Gender;
  /** null: no vocational skill level certificate. */
  readonly skillLevel: SkillLevel | null;
}

/**
 * An event's entry conditions.
 * - Ages are inclusive, in completed years on `referenceDate` (see ageOn): minAge 18 and
 *   maxAge 35 admit everyone from their 18th birthday until the day before their 36th.
 * - Skill levels name qualifications, not numbers: `minSkillLevel: 3` means "三级/高级工 or
 *   higher" (levels 3, 2, 1), `maxSkillLevel: 2` means "二级/技师 or lower" (2, 3, 4, 5 and no
 *   certificate). A person without a level fails any minimum.
 */
export interface EligibilityRules {
  readonly referenceDate: string;
  readonly genderCategory: GenderCategory;
  /** null or absent: no limit (the event settings store null). */
  readonly minAge?: number | null;
  readonly maxAge?: number | null;
  /** 1–5 as in SKILL_LEVELS; typed as number to take competition-admin's Eligibility as is. */
  readonly minSkillLevel?: number | null;
  readonly maxSkillLevel?: number | null;
}

/** Every entry condition the person misses; empty when they may enter. */
export function checkEligibility(
  person: EligibilityPerson,
  rules: EligibilityRules,
): RuleError<RuleErrorCode>[] {
  const errors: RuleError<RuleErrorCode>[] = [];
  const { referenceDate } = rules;

  if (rules.minAge != null || rules.maxAge != null) {
    const age = ageOn(person.birthDate, referenceDate);
    if (rules.minAge != null && age < rules.minAge) {
      errors.push(ruleError('eligibility.too_young', { age, minAge: rules.minAge, referenceDate }));
    }
    if (rules.maxAge != null && age > rules.maxAge) {
      errors.push(ruleError('eligibility.too_old', { age, maxAge: rules.maxAge, referenceDate }));
    }
  }

  switch (rules.genderCategory) {
    case 'open':
      break;
    case 'male':
    case 'female':
      if (person.gender !== rules.genderCategory) {
        errors.push(ruleError('eligibility.gender', { category: rules.genderCategory }));
      }
      break;
  }

  const level = person.skillLevel;
  if (rules.minSkillLevel != null) {
    if (level === null) {
      errors.push(ruleError('eligibility.skill_level_missing', { required: rules.minSkillLevel }));
    } else if (level > rules.minSkillLevel) {
      errors.push(
        ruleError('eligibility.skill_level_too_low', { level, required: rules.minSkillLevel }),
      );
    }
  }
  if (rules.maxSkillLevel != null && level !== null && level < rules.maxSkillLevel) {
    errors.push(
      ruleError('eligibility.skill_level_too_high', { level, limit: rules.maxSkillLevel }),
    );
  }
  return errors;
}
