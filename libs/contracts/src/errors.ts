import { z } from 'zod';

/** Every error body the API returns has this shape; `message` is in the caller's language. */
export const ErrorIssue = z.object({
  path: z.string(),
  message: z.string(),
});
export type ErrorIssue = z.infer<typeof ErrorIssue>;

export const ErrorResponse = z.object({
  statusCode: z.number().int(),
  code: z.string(),
  message: z.string(),
  issues: z.array(ErrorIssue).optional(),
  correlationId: z.string().optional(),
});
export type ErrorResponse = z.infer<typeof ErrorResponse>;

/**
 * A field path as people read it — `criteria[2].aspects[0].max` — used for every validation
 * issue the API returns and every field error the web app shows, so the two always match.
 */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    return text ? `${text}.${String(key)}` : String(key);
  }, '');
}
