import type { z } from 'zod';
import { type InputIssue, InvalidMarksError, InvalidRubricError } from './errors';
import { type EventMarks, eventMarksSchema } from './marks/marks.schema';
import { formatPath } from './rubric/rubric-tree';
import { type Rubric, rubricSchema } from './rubric/rubric.schema';

/**
 * Reading untrusted JSON: the rubric and marks schemas, with every problem reported at the path
 * of the field to fix, in the schema's own words (`modules[0].criteria[2].aspects[0].max: must be > 0`).
 */

/** Validates a rubric; throws `InvalidRubricError` listing every problem. */
export function parseRubric(input: unknown): Rubric {
  const parsed = rubricSchema.safeParse(input);
  if (!parsed.success) throw new InvalidRubricError(describeIssues(parsed.error.issues, input));
  validated.add(parsed.data);
  return parsed.data;
}

/** Validates the shape of a marks file; `scoreEvent` then checks the marks against the rubric. */
export function parseMarks(input: unknown): EventMarks {
  const parsed = eventMarksSchema.safeParse(input);
  if (!parsed.success) throw new InvalidMarksError(describeIssues(parsed.error.issues, input));
  return parsed.data;
}

const validated = new WeakSet<Rubric>();

/** A rubric built in code (not from `parseRubric`) is validated once, on first use. */
export function ensureValidRubric(rubric: Rubric): void {
  if (validated.has(rubric)) return;
  const parsed = rubricSchema.safeParse(rubric);
  if (!parsed.success) throw new InvalidRubricError(describeIssues(parsed.error.issues, rubric));
  validated.add(rubric);
}

export function describeIssues(issues: readonly z.core.$ZodIssue[], input: unknown): InputIssue[] {
  const described: InputIssue[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        described.push({ path: formatPath([...issue.path, key]), message: 'unknown field' });
      continue;
    }
    described.push({
      path: formatPath(issue.path),
      message: describeIssue(issue, valueAt(input, issue.path)),
    });
  }
  return described;
}

function describeIssue(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return 'is required';
      return `must be ${article(issue.expected)}`;
    case 'too_small':
      return tooSmall(issue);
    case 'too_big':
      return tooBig(issue);
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${JSON.stringify(issue.values[0])}`
        : `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union':
      if (value === undefined) return 'is required';
      if ('options' in issue && Array.isArray(issue.options)) {
        return `must be one of ${(issue.options as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
      }
      return 'does not match any allowed form';
    case 'invalid_format':
      return `must match the format ${issue.format}`;
    case 'custom':
      if (value === undefined && issue.message.startsWith('must be a decimal'))
        return 'is required';
      return issue.message;
    default:
      return issue.message;
  }
}

function tooSmall(issue: Extract<z.core.$ZodIssue, { code: 'too_small' }>): string {
  const limit = String(issue.minimum);
  if (issue.origin === 'array')
    return `must have at least ${limit} item${limit === '1' ? '' : 's'}`;
  if (issue.origin === 'string')
    return limit === '1' ? 'must not be empty' : `must have at least ${limit} characters`;
  return issue.inclusive === false ? `must be > ${limit}` : `must be >= ${limit}`;
}

function tooBig(issue: Extract<z.core.$ZodIssue, { code: 'too_big' }>): string {
  const limit = String(issue.maximum);
  if (issue.origin === 'array') return `must have at most ${limit} items`;
  if (issue.origin === 'string') return `must have at most ${limit} characters`;
  return issue.inclusive === false ? `must be < ${limit}` : `must be <= ${limit}`;
}

function article(expected: string): string {
  if (expected === 'int') return 'a whole number';
  if (expected === 'object' || expected === 'array') return `an ${expected}`;
  return `a ${expected}`;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
