import {
  parseResidentId,
  PersonInput,
  type DocumentType,
  type Gender,
  type RuleError,
} from '@jingsai/contracts';
import { i18n } from '../../lib/i18n';

/** What a person form holds while being filled in: text as typed, '' for "not chosen". */
export interface PersonDraft {
  name: string;
  documentType: DocumentType;
  documentNumber: string;
  mobile: string;
  enterpriseId: string;
  /** '5'…'1', or '' for no skill level certificate. */
  skillLevel: string;
  gender: Gender | '';
  birthDate: string;
}

export function emptyPerson(enterpriseId = ''): PersonDraft {
  return {
    name: '',
    documentType: 'resident_id',
    documentNumber: '',
    mobile: '',
    enterpriseId,
    skillLevel: '',
    gender: '',
    birthDate: '',
  };
}

/**
 * The draft in the shape of the shared `PersonInput` schema. For resident IDs the birth date and
 * gender come from the number, so the form's own (hidden) fields are not sent.
 */
export function personPayload(draft: PersonDraft): Record<string, unknown> {
  const residentId = draft.documentType === 'resident_id';
  return {
    name: draft.name,
    documentType: draft.documentType,
    documentNumber: draft.documentNumber,
    mobile: draft.mobile,
    enterpriseId: draft.enterpriseId === '' ? undefined : draft.enterpriseId,
    skillLevel: draft.skillLevel === '' ? null : Number(draft.skillLevel),
    ...(residentId || draft.gender === '' ? {} : { gender: draft.gender }),
    ...(residentId || draft.birthDate.trim() === '' ? {} : { birthDate: draft.birthDate }),
  };
}

export type IdCheck =
  | { kind: 'none' }
  | { kind: 'valid'; birthDate: string; gender: Gender }
  | { kind: 'invalid'; message: string };

/**
 * The live check of a resident ID number as it is typed, with the shared GB 11643 rules: quiet
 * until 18 characters are there (a half-typed number is not an error), then its birth date and
 * gender or what is wrong with it.
 */
export function checkResidentId(draft: PersonDraft): IdCheck {
  if (draft.documentType !== 'resident_id') return { kind: 'none' };
  const typed = draft.documentNumber.replace(/\s/g, '');
  if (typed.length < 18) return { kind: 'none' };
  const parsed = parseResidentId(typed);
  if (parsed.ok) {
    return { kind: 'valid', birthDate: parsed.value.birthDate, gender: parsed.value.gender };
  }
  return { kind: 'invalid', message: ruleMessage(parsed.error) };
}

export const ruleMessage = (error: RuleError): string => error.message[i18n.locale];

export { PersonInput };
