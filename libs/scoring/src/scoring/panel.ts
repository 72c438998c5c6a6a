import { Exact } from '../exact/exact';
import { ScoringRangeError } from '../errors';
import type { CompiledPanel, CompiledRounding } from '../rubric/compiled-rubric';
import type { NodeIssue } from './results';
import { roundWith } from './transform';
import type { Working } from './working';

/**
 * Panel aggregation: several judges' marks → one value (mean, median, trimmed mean, sum of the
 * middle n, sum, or a single mark). Marks arrive as integers over a common unit (7.5 = 75 / 10),
 * so sorting, dropping and adding are exact integer operations; only the result is an `Exact`.
 */

export interface ScaledMarks {
  /** each mark × unit, an integer (aggregation sorts this array in place) */
  readonly values: number[];
  /** common denominator of the marks (10^decimals for decimal marks) */
  readonly unit: number;
  /** decimals to show the marks with, when they are decimals */
  readonly places: number | undefined;
}

/** Fewest marks the method can work with (before any judge is known to be missing). */
export function minimumMarks(panel: CompiledPanel): number {
  switch (panel.method) {
    case 'trimmed_mean':
      return 2 * panel.trim + 1;
    case 'middle_sum':
      return panel.keep;
    case 'mean':
    case 'median':
    case 'sum':
    case 'single':
      return 1;
    default:
      return panel.method satisfies never;
  }
}

/**
 * The panel's value. With `rounding` (only when no working is recorded), the value comes back
 * rounded by it, as `roundWith` would round it.
 */
export function aggregate(
  panel: CompiledPanel,
  marks: ScaledMarks,
  working: Working[] | undefined,
  rounding?: CompiledRounding,
): Exact | NodeIssue {
  if (working === undefined) {
    const quick = aggregateUnsorted(panel, marks, rounding);
    if (quick !== undefined) return quick;
    if (rounding !== undefined) {
      const value = aggregate(panel, marks, undefined);
      return value instanceof Exact ? roundWith(value, rounding) : value;
    }
  }
  const sorted = sortInPlace(marks.values);
  const count = sorted.length;
  const { unit } = marks;
  let dropLow = 0;
  let dropHigh = 0;
  let value: Exact;
  switch (panel.method) {
    case 'mean':
      value = fraction(sum(sorted, 0, count), count * unit);
      break;
    case 'median': {
      const middle = count >> 1;
      value =
        count % 2 === 1
          ? fraction(sorted[middle] as number, unit, marks.places)
          : fraction((sorted[middle - 1] as number) + (sorted[middle] as number), 2 * unit);
      break;
    }
    case 'trimmed_mean': {
      const kept = count - 2 * panel.trim;
      if (kept < 1) return { code: 'cannot_trim', received: count, method: panel.method };
      dropLow = dropHigh = panel.trim;
      value = fraction(sum(sorted, dropLow, count - dropHigh), kept * unit);
      break;
    }
    case 'middle_sum': {
      const extra = count - panel.keep;
      if (extra < 0 || extra % 2 !== 0)
        return { code: 'cannot_trim', received: count, method: panel.method };
      dropLow = dropHigh = extra / 2;
      value = fraction(sum(sorted, dropLow, count - dropHigh), unit, marks.places);
      break;
    }
    case 'sum':
      value = fraction(sum(sorted, 0, count), unit, marks.places);
      break;
    case 'single':
      if ((sorted[0] as number) !== (sorted[count - 1] as number)) return { code: 'marks_differ' };
      value = fraction(sorted[0] as number, unit, marks.places);
      break;
    default:
      return panel.method satisfies never;
  }
  if (working) {
    const shown = (from: number, to: number): Exact[] =>
      sorted.slice(from, to).map((v) => fraction(v, unit, marks.places));
    working.push({
      step: 'panel',
      method: panel.method,
      count,
      low: shown(0, dropLow),
      high: shown(count - dropHigh, count).reverse(),
      kept: shown(dropLow, count - dropHigh),
      result: value,
    });
  }
  return value;
}

/** Marks this far from zero add up exactly in any order, a few at a time. */
const ORDER_FREE = 1e15;
const ORDER_FREE_COUNT = 8;

/**
 * The mean, the sum and the trimmed mean dropping one mark at each end need no sorting: the
 * lowest, the highest and the total of a few marks, each at most 10^15, give the same integers
 * in any order (every partial sum stays below 2^53). Undefined when sorting is needed.
 */
function aggregateUnsorted(
  panel: CompiledPanel,
  marks: ScaledMarks,
  rounding: CompiledRounding | undefined,
): Exact | undefined {
  const method = panel.method;
  const trimmed = method === 'trimmed_mean' && panel.trim === 1;
  if (!trimmed && method !== 'mean' && method !== 'sum') return undefined;
  const values = marks.values;
  const count = values.length;
  if (count > ORDER_FREE_COUNT || count < (trimmed ? 3 : 1)) return undefined;
  let low = Infinity;
  let high = -Infinity;
  let total = 0;
  for (let i = 0; i < count; i++) {
    const value = values[i] as number;
    if (!(value <= ORDER_FREE && value >= -ORDER_FREE)) return undefined;
    if (value < low) low = value;
    if (value > high) high = value;
    total += value;
  }
  const { unit } = marks;
  const numerator = trimmed ? total - low - high : total;
  const denominator = trimmed ? (count - 2) * unit : method === 'mean' ? count * unit : unit;
  if (rounding === undefined || rounding.step !== undefined)
    return fraction(numerator, denominator, method === 'sum' ? marks.places : undefined);
  // Rounded at once: the same figure as rounding the fraction, one number object fewer.
  return Exact.roundedFraction(numerator, denominator, rounding.places ?? 0, rounding.mode);
}

/** Highest minus lowest mark, when it is more than `limit`; undefined otherwise. */
export function spreadOver(
  marks: ScaledMarks,
  limit: Exact,
  limitParts: readonly [number, number] | undefined,
): Exact | undefined {
  let low = Infinity;
  let high = -Infinity;
  const values = marks.values;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (value < low) low = value;
    if (value > high) high = value;
  }
  const gap = high - low;
  const parts = limitParts;
  // gap / unit > n / d  ⇔  gap × d > n × unit, in integers when they stay safe
  if (
    parts &&
    Number.isSafeInteger(gap * parts[1]) &&
    Number.isSafeInteger(parts[0] * marks.unit)
  ) {
    if (gap * parts[1] <= parts[0] * marks.unit) return undefined;
  }
  const spread = fraction(gap, marks.unit, marks.places);
  return spread.gt(limit) ? spread : undefined;
}

/** Exact values → integers over their least common denominator. */
export function toScaledMarks(values: readonly Exact[], places: number | undefined): ScaledMarks {
  let unit = 1;
  for (const value of values) unit = lcm(unit, denominatorOf(value));
  const scaled = values.map((value) => {
    const parts = value.parts as readonly [number, number];
    const integer = parts[0] * (unit / parts[1]);
    if (!Number.isSafeInteger(integer)) throw tooLarge();
    return integer;
  });
  return { values: scaled, unit, places };
}

export function fromScaledMarks(marks: ScaledMarks): Exact[] {
  return marks.values.map((value) => fraction(value, marks.unit, marks.places));
}

function denominatorOf(value: Exact): number {
  const parts = value.parts;
  if (!parts) throw tooLarge();
  return parts[1];
}

function lcm(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) {
    const t = x % y;
    x = y;
    y = t;
  }
  const result = (a / x) * b;
  if (!Number.isSafeInteger(result)) throw tooLarge();
  return result;
}

function tooLarge(): ScoringRangeError {
  return new ScoringRangeError('marks too large or too finely divided to aggregate exactly');
}

function fraction(numerator: number, denominator: number, places?: number): Exact {
  if (Number.isSafeInteger(numerator)) return Exact.fraction(numerator, denominator, places);
  throw tooLarge();
}

function sum(values: readonly number[], from: number, to: number): number {
  let total = 0;
  for (let i = from; i < to; i++) total += values[i] as number;
  return total;
}

/** Insertion sort: panels are a handful of marks, and this avoids a comparator call per pair. */
function sortInPlace(sorted: number[]): number[] {
  for (let i = 1; i < sorted.length; i++) {
    const value = sorted[i] as number;
    let j = i - 1;
    while (j >= 0 && (sorted[j] as number) > value) {
      sorted[j + 1] = sorted[j] as number;
      j--;
    }
    sorted[j + 1] = value;
  }
  return sorted;
}
