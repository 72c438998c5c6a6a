import { z } from 'zod';
import type { Bilingual } from '../messages';
import { normaliseText } from './normalise';
import { failure, type RuleResult } from './rule-error';

/** A person's gender as recorded on the resident ID (GB 11643: 17th digit odd = male). */
export const GENDERS = ['male', 'female'] as const;
export const Gender = z.enum(GENDERS);
export type Gender = z.infer<typeof Gender>;

export const GENDER_NAMES: Readonly<Record<Gender, Bilingual>> = {
  male: { 'zh-CN': '男', en: 'Male' },
  female: { 'zh-CN': '女', en: 'Female' },
};

const GENDER_WORDS: ReadonlyMap<string, Gender> = new Map([
  ['男', 'male'],
  ['男性', 'male'],
  ['male', 'male'],
  ['m', 'male'],
  ['女', 'female'],
  ['女性', 'female'],
  ['female', 'female'],
  ['f', 'female'],
]);

/**
 * Gender from a form or a cell: 男/女, 男性/女性, male/female, M/F (any case, full-width).
 * GB/T 2261.1 numeric codes (1/2) are not accepted: a "1" in a gender column is more often a
 * shifted column than a code.
 */
export function parseGender(input: string): RuleResult<Gender> {
  const text = normaliseText(input);
  const gender = GENDER_WORDS.get(text.toLowerCase());
  return gender ? { ok: true, value: gender } : failure('gender.unknown', { value: text });
}
