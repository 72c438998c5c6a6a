import { z } from 'zod';
import { chinaToday } from './calendar';
import { parseCreditCode } from './credit-code';
import { DocumentType, parseDocument } from './documents';
import { parseExcelDate } from './excel-date';
import { Gender } from './gender';
import { parseMobile } from './mobile';
import { parseName } from './normalise';
import { checkIdAgainst, parseResidentId } from './resident-id';
import { failure, ruleErrorText, type RuleError, type RuleResult } from './rule-error';
import { SkillLevel } from './skill-levels';

/*
 * zod schemas for forms and the API, built on the rule functions. Each adds one issue per
 * broken rule with the message "English / 中文" (the project's convention) and the rule's code
 * and params in `params`, and outputs the normalised value.
 */

function addRuleIssue(ctx: z.RefinementCtx, error: RuleError, path?: PropertyKey[]): void {
  ctx.addIssue({
    code: 'custom',
    message: ruleErrorText(error),
    params: { rule: error.code, ...error.params },
    ...(path ? { path } : {}),
  });
}

/** A string schema that runs a rule function and outputs what it returns. */
function ruleSchema<T>(parse: (input: string) => RuleResult<T>) {
  return z.string().transform((input, ctx): T => {
    const result = parse(input);
    if (result.ok) return result.value;
    addRuleIssue(ctx, result.error);
    return z.NEVER;
  });
}

/** A 居民身份证 number → its normalised 18 characters. */
export const ResidentIdNumber = ruleSchema((input) => {
  const id = parseResidentId(input);
  return id.ok ? { ok: true, value: id.value.number } : id;
});

/** A 统一社会信用代码 → its normalised 18 characters. */
export const CreditCode = ruleSchema((input) => {
  const code = parseCreditCode(input);
  return code.ok ? { ok: true, value: code.value.code } : code;
});

/** A mainland mobile number → 11 digits. */
export const MobileNumber = ruleSchema(parseMobile);

/** A person's name → normalised (see normaliseName). */
export const PersonName = ruleSchema(parseName);

/** A birth date in any format parseExcelDate reads → 'YYYY-MM-DD', 1900 to today. */
export const BirthDate = ruleSchema(parseBirthDate);

function parseBirthDate(input: string): RuleResult<string> {
  const date = parseExcelDate(input);
  if (!date.ok) return date;
  const birthDate = date.value;
  if (birthDate < '1900-01-01') return failure('birth_date.before_1900', { birthDate });
  const today = chinaToday();
  if (birthDate > today) return failure('birth_date.future', { birthDate, today });
  return date;
}

/** A person's fields, each checked on its own; PersonInput adds the document checks. */
export const PersonFields = z.strictObject({
  name: PersonName,
  documentType: DocumentType,
  documentNumber: z.string(),
  mobile: MobileNumber,
  enterpriseId: z.uuid({ message: 'must be an enterprise ID (UUID) / 企业编号格式不正确' }),
  /** null: no vocational skill level certificate. */
  skillLevel: SkillLevel.nullable(),
  gender: Gender.optional(),
  birthDate: BirthDate.optional(),
});
export type PersonFields = z.infer<typeof PersonFields>;

/**
 * A competitor as a form or an import row gives it. Beyond the fields: the document number is
 * checked for its type, and a resident ID's birth date and gender must agree with any given.
 * This runs even when other fields failed, so an import row lists all its problems at once.
 * The output carries the normalised document number, and for resident IDs the birth date and
 * gender derived from it when none were given.
 */
export const PersonInput = PersonFields.superRefine(
  (person, ctx) => {
    const document = parseDocument(person.documentType, person.documentNumber);
    if (!document.ok) {
      addRuleIssue(ctx, document.error, ['documentNumber']);
      return;
    }
    if (document.value.type !== 'resident_id') return;
    // A field that failed its own schema holds no usable value here; only compare good ones.
    const declared = {
      birthDate: typeof person.birthDate === 'string' ? person.birthDate : undefined,
      gender: person.gender === 'male' || person.gender === 'female' ? person.gender : undefined,
    };
    for (const mismatch of checkIdAgainst(document.value, declared)) {
      const field = mismatch.code === 'resident_id.gender_mismatch' ? 'gender' : 'birthDate';
      addRuleIssue(ctx, mismatch, [field]);
    }
  },
  {
    when: (payload) =>
      payload.issues.every(
        (issue) => issue.path?.[0] !== 'documentType' && issue.path?.[0] !== 'documentNumber',
      ),
  },
).transform((person, ctx) => {
  // Reached only when every check passed; parsing again costs about a microsecond.
  const document = parseDocument(person.documentType, person.documentNumber);
  if (!document.ok) {
    addRuleIssue(ctx, document.error, ['documentNumber']);
    return z.NEVER;
  }
  if (document.value.type !== 'resident_id') {
    return { ...person, documentNumber: document.value.number };
  }
  return {
    ...person,
    documentNumber: document.value.number,
    birthDate: person.birthDate ?? document.value.birthDate,
    gender: person.gender ?? document.value.gender,
  };
});
export type PersonInput = z.output<typeof PersonInput>;
