import { formatIssuePath } from '@jingsai/contracts';
import { i18n } from './i18n';

/** The parts of a zod issue the forms need (structural, so web code does not import zod). */
export interface IssueLike {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly minimum?: number | bigint;
  readonly maximum?: number | bigint;
  readonly origin?: string;
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
      if (issue.origin === 'string' && Number(issue.minimum) <= 1)
        return i18n.t('validation.required');
      return i18n.t('validation.tooShort', { minimum: String(issue.minimum) });
    case 'too_big':
      return i18n.t('validation.tooLong', { maximum: String(issue.maximum) });
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
