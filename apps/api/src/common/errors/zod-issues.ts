import { formatIssuePath, pickBilingual } from '@jingsai/contracts';
import { z } from 'zod';
import type { FieldIssue } from './domain-error';

const zhCN = z.locales.zhCN().localeError;
const en = z.locales.en().localeError;

function localeMessage(map: typeof en, issue: z.core.$ZodIssue): string {
  const result = map(issue as unknown as Parameters<typeof en>[0]);
  return typeof result === 'string' ? result : (result?.message ?? issue.message);
}

/**
 * Turns zod issues into bilingual field issues. Schemas' custom messages are written
 * "English / 中文"; zod's own messages come from its zh-CN and en locales.
 */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const english = localeMessage(en, issue);
    const custom = issue.message !== english;
    return {
      path: formatIssuePath(issue.path),
      message: custom
        ? { 'zh-CN': pickBilingual(issue.message, 'zh-CN'), en: pickBilingual(issue.message, 'en') }
        : { 'zh-CN': localeMessage(zhCN, issue), en: english },
    };
  });
}
