import { z } from 'zod';
import { decimal, identifier, localisedName } from '../rubric/primitives.schema';

/**
 * The marks of one event or round: its entries (competitors or teams), every judge's current
 * mark, per-performance parameters (a dive's degree of difficulty), judges declared absent and
 * head-judge decisions. The API derives it from its append-only mark rows; the CLI reads it from
 * a file. Documented beside the rubric in docs/rubric-format.md.
 */

export const MARKS_FORMAT = 'jingsai.marks';
export const MARKS_FORMAT_VERSION = 1;

export const entrySchema = z.strictObject({
  id: z.string().min(1),
  /** shown on results; judges see only `code` */
  name: z.union([z.string().min(1), localisedName]).optional(),
  /** anonymised code (加密号) */
  code: z.string().min(1).optional(),
  /** values the ranking groups by, e.g. { "event": "电工", "gender": "女" } */
  groups: z.record(identifier, z.string()).optional(),
  /** values tie-breaks can use, e.g. { "time_used": "1815" } (declared in the rubric's "fields") */
  fields: z.record(identifier, decimal).optional(),
  /** did not start / did not finish / disqualified: not ranked, not counted as a finisher */
  status: z.enum(['dns', 'dnf', 'dsq']).optional(),
});
export type Entry = z.infer<typeof entrySchema>;

export const markSchema = z.strictObject({
  entry: z.string().min(1),
  aspect: identifier,
  /** 1-based, for aspects inside a node with attempts */
  attempt: z.int().min(1).optional(),
  /** omitted for marks recorded once (a measurement, an imported score) */
  judge: z.string().min(1).optional(),
  value: decimal,
});
export type Mark = z.infer<typeof markSchema>;

export const parameterValuesSchema = z.strictObject({
  entry: z.string().min(1),
  /** limits the values to this node and its descendants */
  node: identifier.optional(),
  attempt: z.int().min(1).optional(),
  values: z.record(identifier, decimal),
});
export type ParameterValues = z.infer<typeof parameterValuesSchema>;

export const absenceSchema = z.strictObject({
  judge: z.string().min(1),
  /** omitted: absent for every entry (e.g. withdrawn); given: e.g. recusal (回避) */
  entry: z.string().min(1).optional(),
  /** omitted: every aspect; given: this node and its descendants */
  node: identifier.optional(),
  reason: z.string().optional(),
});
export type Absence = z.infer<typeof absenceSchema>;

export const reviewSchema = z.strictObject({
  entry: z.string().min(1),
  node: identifier,
  attempt: z.int().min(1).optional(),
  /** accept the marks as they stand (a spread over the limit, or a missing judge the rule refused) */
  decision: z.literal('accept_marks'),
  by: z.string().min(1).optional(),
  note: z.string().optional(),
});
export type Review = z.infer<typeof reviewSchema>;

export const eventMarksSchema = z.strictObject({
  format: z.literal(MARKS_FORMAT),
  version: z.literal(MARKS_FORMAT_VERSION),
  /** the rubric these marks are for */
  rubric: z.strictObject({ id: identifier, revision: z.string().min(1).optional() }),
  entries: z.array(entrySchema),
  marks: z.array(markSchema),
  parameters: z.array(parameterValuesSchema).optional(),
  absences: z.array(absenceSchema).optional(),
  reviews: z.array(reviewSchema).optional(),
});
export type EventMarks = z.infer<typeof eventMarksSchema>;
