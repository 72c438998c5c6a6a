import { z } from 'zod';
import type { Bilingual } from '../messages';
import type { Gender } from './gender';
import { normaliseCode, normaliseText } from './normalise';
import { parseResidentId, residentIdCheckCharacter, type ResidentIdOptions } from './resident-id';
import { failure, type RuleResult } from './rule-error';

/**
 * Identity documents a competitor may register with. Hong Kong, Macau and Taiwan residents
 * holding a residence permit (居住证, 18 digits starting 810000/820000/830000) register it as
 * `resident_id`: it has the resident ID's format, birth date, gender and check digit.
 */
export const DOCUMENT_TYPES = [
  'resident_id',
  'hk_macau_permit',
  'taiwan_permit',
  'foreign_permanent_residence',
  'passport',
] as const;
export const DocumentType = z.enum(DOCUMENT_TYPES);
export type DocumentType = z.infer<typeof DocumentType>;

export const DOCUMENT_TYPE_NAMES: Readonly<Record<DocumentType, Bilingual>> = {
  resident_id: { 'zh-CN': '居民身份证', en: 'Resident ID card' },
  hk_macau_permit: {
    'zh-CN': '港澳居民来往内地通行证',
    en: 'Mainland Travel Permit for Hong Kong and Macao Residents',
  },
  taiwan_permit: {
    'zh-CN': '台湾居民来往大陆通行证',
    en: 'Mainland Travel Permit for Taiwan Residents',
  },
  foreign_permanent_residence: {
    'zh-CN': '外国人永久居留身份证',
    en: 'Foreign Permanent Resident ID Card',
  },
  passport: { 'zh-CN': '护照', en: 'Passport' },
};

/** Words people write in a "证件类型" column, besides the codes and the names above. */
const DOCUMENT_TYPE_ALIASES: ReadonlyArray<readonly [string, DocumentType]> = [
  ['身份证', 'resident_id'],
  ['二代身份证', 'resident_id'],
  ['中华人民共和国居民身份证', 'resident_id'],
  ['港澳居民居住证', 'resident_id'],
  ['港澳台居民居住证', 'resident_id'],
  ['台湾居民居住证', 'resident_id'],
  ['回乡证', 'hk_macau_permit'],
  ['港澳居民来往内地通行证', 'hk_macau_permit'],
  ['台胞证', 'taiwan_permit'],
  ['外国人永久居留证', 'foreign_permanent_residence'],
  ['永居证', 'foreign_permanent_residence'],
  ['外国护照', 'passport'],
];
// "港澳通行证" is deliberately absent: it usually means the 往来港澳通行证 that mainland
// residents travel with, which is not an identity document for registration.

const DOCUMENT_TYPE_WORDS: ReadonlyMap<string, DocumentType> = new Map<string, DocumentType>([
  ...DOCUMENT_TYPES.map((type) => [type, type] as const),
  ...DOCUMENT_TYPES.map((type) => [DOCUMENT_TYPE_NAMES[type]['zh-CN'], type] as const),
  ...DOCUMENT_TYPES.map((type) => [DOCUMENT_TYPE_NAMES[type].en.toLowerCase(), type] as const),
  ...DOCUMENT_TYPE_ALIASES,
]);

/** A document type from a code, its Chinese or English name, or a common short name. */
export function parseDocumentType(input: string): RuleResult<DocumentType> {
  const text = normaliseText(input);
  const type = DOCUMENT_TYPE_WORDS.get(text) ?? DOCUMENT_TYPE_WORDS.get(text.toLowerCase());
  return type ? { ok: true, value: type } : failure('document.type_unknown', { value: text });
}

export type ParsedDocument =
  | {
      readonly type: 'resident_id';
      readonly number: string;
      readonly birthDate: string;
      readonly gender: Gender;
      readonly regionCode: string;
    }
  | {
      readonly type: Exclude<DocumentType, 'resident_id'>;
      readonly number: string;
    };

/*
 * 港澳居民来往内地通行证 (Ministry of Public Security numbering rule): H (Hong Kong) or M (Macau),
 * an 8-digit lifelong number, then optionally 2 digits counting renewals (00, 01…). The first
 * 9 characters stay the same across renewals, so they are what we store: the same person
 * registering with a renewed card is then recognised as the same person.
 */
const HK_MACAU_PERMIT = /^[HM]\d{8}(?:\d{2})?$/;
/* 台湾居民来往大陆通行证: the card version (since 2015) carries an 8-digit lifelong number. */
const TAIWAN_PERMIT = /^\d{8}$/;
/*
 * 外国人永久居留身份证 (National Immigration Administration):
 * - 2017 card: 15 characters, a 3-letter nationality code and 12 digits. Its last digit is a
 *   check digit whose algorithm is not published, so only the shape is checked.
 * - 2023 card (issued from 2023-12-01): 18 characters, 17 digits starting with 9 (marking a
 *   foreigner; resident IDs start 1–8) and an ISO 7064 MOD 11-2 check character computed
 *   exactly as for resident IDs. The layout of the other digits is not checked, and no birth
 *   date or gender is derived: we only rely on what the NIA rule states.
 */
const PERMANENT_RESIDENCE_2017 = /^[A-Z]{3}\d{12}$/;
const PERMANENT_RESIDENCE_2023 = /^9\d{16}[\dX]$/;
const PASSPORT = /^[A-Z0-9]{5,20}$/;

/**
 * Parses a document number of the given type into its stored form (upper-case, no spaces,
 * half-width); for resident IDs also the birth date, gender and region.
 * A resident ID number given under another type is rejected with a hint to change the type.
 */
export function parseDocument(
  type: DocumentType,
  input: string,
  options?: ResidentIdOptions,
): RuleResult<ParsedDocument> {
  if (type === 'resident_id') {
    const id = parseResidentId(input, options);
    return id.ok ? { ok: true, value: { type, ...id.value } } : id;
  }
  const number = normaliseCode(input);
  if (number.length === 0) return failure('document.empty');
  if (number.length === 18 && parseResidentId(number, options).ok) {
    return failure('document.looks_like_resident_id');
  }
  switch (type) {
    case 'hk_macau_permit':
      return HK_MACAU_PERMIT.test(number)
        ? { ok: true, value: { type, number: number.slice(0, 9) } }
        : failure('document.hk_macau_permit_format', { value: number });
    case 'taiwan_permit':
      return TAIWAN_PERMIT.test(number)
        ? { ok: true, value: { type, number } }
        : failure('document.taiwan_permit_format', { value: number });
    case 'foreign_permanent_residence':
      return parsePermanentResidence(number);
    case 'passport':
      return PASSPORT.test(number)
        ? { ok: true, value: { type, number } }
        : failure('document.passport_format', { value: number });
  }
}

function parsePermanentResidence(number: string): RuleResult<ParsedDocument> {
  const type = 'foreign_permanent_residence';
  if (PERMANENT_RESIDENCE_2017.test(number)) return { ok: true, value: { type, number } };
  if (!PERMANENT_RESIDENCE_2023.test(number)) {
    return failure('document.foreign_permanent_residence_format', { value: number });
  }
  const expected = residentIdCheckCharacter(number.slice(0, 17));
  const actual = number[17]!;
  return actual === expected
    ? { ok: true, value: { type, number } }
    : failure('document.foreign_permanent_residence_check_character', { expected, actual });
}

/**
 * Hides the middle of a stored document number for everyone but organisers: resident IDs keep
 * the region (first 6) and the last 4 (`220102********123X`), other documents the first
 * character and the last 2 (`H******78`). Numbers too short to mask that way are fully hidden.
 */
export function maskDocument(type: DocumentType, number: string): string {
  switch (type) {
    case 'resident_id':
      return maskMiddle(number, 6, 4);
    case 'hk_macau_permit':
    case 'taiwan_permit':
    case 'foreign_permanent_residence':
    case 'passport':
      return maskMiddle(number, 1, 2);
  }
}

export function maskMiddle(value: string, keepStart: number, keepEnd: number): string {
  if (value.length <= keepStart + keepEnd) return '*'.repeat(value.length);
  return (
    value.slice(0, keepStart) +
    '*'.repeat(value.length - keepStart - keepEnd) +
    value.slice(value.length - keepEnd)
  );
}
