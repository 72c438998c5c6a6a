import { z } from 'zod';
import { Exact } from '../exact/exact';

/**
 * Building blocks shared by the rubric and marks schemas. Decimals are written as JSON numbers
 * (7.5) or strings ("7.50"); both are read exactly (see `Exact.parse`), never as floats.
 */

export type DecimalInput = string | number;

const DECIMAL_STRING = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

export function isDecimalInput(value: unknown): value is DecimalInput {
  if (typeof value === 'number') return Number.isFinite(value);
  return typeof value === 'string' && DECIMAL_STRING.test(value.trim());
}

export const decimal = z.custom<DecimalInput>(isDecimalInput, {
  error: 'must be a decimal number, e.g. 7.5 or "7.50"',
});

export const positiveDecimal = decimal.refine((value) => Exact.parse(value).sign() > 0, {
  error: 'must be > 0',
});

export const nonNegativeDecimal = decimal.refine((value) => Exact.parse(value).sign() >= 0, {
  error: 'must be >= 0',
});

export const identifier = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, {
  error: 'must be letters, digits, "_", "-" or "." (e.g. "safety_1")',
});

/** A name in Chinese and English; both are shown to judges and competitors. */
export const localisedName = z.strictObject({
  zh: z.string().min(1),
  en: z.string().min(1),
});
export type LocalisedName = z.infer<typeof localisedName>;

export const roundingMode = z.enum(['half_up', 'half_even', 'truncate', 'up']);

/** Round to `decimals` places, or to a multiple of `step` (e.g. 0.5). */
export const rounding = z
  .strictObject({
    decimals: z.int().min(0).max(20).optional(),
    step: positiveDecimal.optional(),
    mode: roundingMode,
  })
  .refine((r) => (r.decimals === undefined) !== (r.step === undefined), {
    error: 'give either "decimals" or "step"',
  });
export type Rounding = z.infer<typeof rounding>;
