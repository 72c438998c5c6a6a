import { formatIssuePath, pickBilingual } from '@jingsai/contracts';
import { i18n } from './i18n';

/** The parts of a zod issue the forms need (structural, so web code does not import zod). */
export interface IssueLike {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly minimum?: number | bigint;
  readonly maximum?: number | bigint;
  readonly origin?: string;
  readonly expected?: string;
  /** Present when parsed with `reportInput` (see `check`): tells a blank from a wrong value. */
  readonly input?: unknown;
}

/**
 * The shared schemas' own messages for patterns are written "english / 中文"; pick the half for
 * the current language.
 */
function bilingual(message: string): string | null {
  const parts = message.split(' / ');
  if (parts.length !== 2) return null;
  const [english, chinese] = parts as [string, string];
  return i18n.locale === 'en' ? english : chinese;
}

/** A person-readable message for one validation issue, in the current language. */
export function describeIssue(issue: IssueLike): string {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'number')
        return i18n.t('validation.min', { minimum: String(issue.minimum) });
      if (issue.origin === 'string' && Number(issue.minimum) <= 1)
        return i18n.t('validation.required');
      return i18n.t('validation.tooShort', { minimum: String(issue.minimum) });
    case 'too_big':
      if (issue.origin === 'number')
        return i18n.t('validation.max', { maximum: String(issue.maximum) });
      return i18n.t('validation.tooLong', { maximum: String(issue.maximum) });
    case 'invalid_type':
      if ('input' in issue && issue.input === undefined) return i18n.t('validation.required');
      if (issue.expected === 'int') return i18n.t('validation.integer');
      if (issue.expected === 'number') return i18n.t('validation.number');
      return i18n.t('validation.invalid');
    case 'invalid_format':
    case 'custom':
      return bilingual(issue.message) ?? i18n.t('validation.invalid');
    default:
      return i18n.t('validation.invalid');
  }
}

/** Field path (`roles[0].scopeId`) → first message for it. */
export function fieldErrors(issues: readonly IssueLike[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    fields[formatIssuePath(issue.path)] ??= describeIssue(issue);
  }
  return fields;
}

/** A shared zod schema, seen structurally (web code does not import zod). */
export interface FormSchema<T> {
  safeParse(
    value: unknown,
    params?: { reportInput?: boolean },
  ): { success: true; data: T } | { success: false; error: { issues: readonly IssueLike[] } };
}

export type Checked<T> = { ok: true; data: T } | { ok: false; errors: Record<string, string> };

/**
 * A form's values checked with a shared schema: the parsed request, or messages by field path.
 * Fields left blank arrive as `undefined` and read "required".
 */
export function check<T>(schema: FormSchema<T>, value: unknown): Checked<T> {
  const parsed = schema.safeParse(value, { reportInput: true });
  return parsed.success
    ? { ok: true, data: parsed.data }
    : { ok: false, errors: fieldErrors(parsed.error.issues) };
}

/**
 * A number typed into a form (full-width digits from a Chinese keyboard allowed): '' → `blank`
 * (null for optional fields, undefined for required ones), anything else → the number or NaN.
 */
export function toNumber<B extends null | undefined>(text: string, blank: B): number | B {
  const normalised = text
    .trim()
    .replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0))
    .replace(/－/g, '-')
    .replace(/．/g, '.');
  return normalised === '' ? blank : Number(normalised);
}

/** An optional text field: trimmed, '' → null. */
export function toText(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * The server's validation issues (`person.documentNumber`, `username`…) as field messages for a
 * form whose fields are named without `prefix` (`documentNumber`); issues about the whole
 * prefix (`person`) land under `''`. Messages written "English / 中文" show one language.
 */
export function serverFieldErrors(
  issues: readonly { path: string; message: string }[],
  prefix = '',
): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    let path = issue.path;
    if (prefix !== '') {
      if (path === prefix) path = '';
      else if (path.startsWith(`${prefix}.`)) path = path.slice(prefix.length + 1);
    }
    fields[path] ??= pickBilingual(issue.message, i18n.locale);
  }
  return fields;
}
