import type { DecimalInput } from '../rubric/primitives.schema';

/**
 * Marks as scaled integers: the hot path of scoring. A mark 7.5 read with 1 decimal place is the
 * integer 75 (unit 10). Integers below 2^53 add and compare exactly, so a panel of marks is
 * aggregated without allocating a number object per mark; only the panel's result becomes an
 * `Exact`. Every conversion is checked: a value that does not fit exactly returns NaN.
 */

const POW10: readonly number[] = Array.from({ length: 16 }, (_, i) => 10 ** i);

/** Largest scaled integer accepted, well inside the safe range so sums of panels stay safe. */
const MAX_SCALED = 1e15;

/** 10^places, for places 0 … 15. */
export function unitFor(places: number): number {
  const unit = POW10[places];
  if (unit === undefined)
    throw new RangeError(`a mark cannot have more than ${POW10.length - 1} decimals`);
  return unit;
}

/** The fewest decimals that write the value exactly (at most 15), or NaN when none do. */
export function decimalPlaces(value: DecimalInput): number {
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return 0;
    for (let places = 1; places < POW10.length; places++) {
      const unit = POW10[places] as number;
      if (Math.round(value * unit) / unit === value) return places;
    }
    return NaN;
  }
  const text = value.trim();
  const point = text.indexOf('.');
  if (point < 0) return 0;
  let end = text.length;
  while (end > point + 1 && text.charCodeAt(end - 1) === 48 /* "0" */) end--;
  return end - point - 1;
}

/** The value × 10^places as an integer, or NaN when it has more decimals or is too large. */
export function scaledInteger(value: DecimalInput, places: number): number {
  const unit = unitFor(places);
  if (typeof value === 'number') {
    const scaled = Math.round(value * unit);
    if (Math.abs(scaled) > MAX_SCALED || scaled / unit !== value) return NaN;
    return scaled === 0 ? 0 : scaled;
  }
  return scaledIntegerFromText(value.trim(), places);
}

function scaledIntegerFromText(text: string, places: number): number {
  let sign = 1;
  let start = 0;
  if (text[0] === '-' || text[0] === '+') {
    sign = text[0] === '-' ? -1 : 1;
    start = 1;
  }
  const point = text.indexOf('.');
  const whole = point < 0 ? text.slice(start) : text.slice(start, point);
  const fraction = point < 0 ? '' : text.slice(point + 1);
  const kept = fraction.slice(0, places);
  if (!/^0*$/.test(fraction.slice(places))) return NaN;
  const digits = `${whole}${kept.padEnd(places, '0')}`;
  if (!/^\d+$/.test(digits) || digits.replace(/^0+/, '').length > 16) return NaN;
  const scaled = Number(digits);
  if (scaled > MAX_SCALED) return NaN;
  return scaled === 0 ? 0 : sign * scaled;
}
