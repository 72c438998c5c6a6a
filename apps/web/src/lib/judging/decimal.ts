/**
 * Exact decimals for the judge tablet: a mark typed as "7.5" is read as 75 × 10⁻¹ (a BigInt and
 * a scale), never as a binary float, so range and step checks agree with the scoring engine
 * (`libs/scoring`, which the web app does not import) to the last digit.
 */

export interface Decimal {
  /** The digits as an integer: "-7.50" → -750n. */
  readonly units: bigint;
  /** Digits after the point: "-7.50" → 2. */
  readonly scale: number;
}

const DECIMAL_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/** Reads "7.5", "-3", ".5", "10." or a finite number; null for anything else. */
export function parseDecimal(input: string | number): Decimal | null {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return null;
    // Numbers in rubrics are written by people ("0.5"); their shortest text is what was meant.
    return parseDecimal(String(input).includes('e') ? input.toFixed(20) : String(input));
  }
  const match = DECIMAL_TEXT.exec(input.trim());
  if (!match) return null;
  const [, sign = '', whole = '', fraction = ''] = match;
  if (whole === '' && fraction === '') return null;
  const units = BigInt(`${whole || '0'}${fraction}`);
  return { units: sign === '-' ? -units : units, scale: fraction.length };
}

function atScale(value: Decimal, scale: number): bigint {
  return value.units * 10n ** BigInt(scale - value.scale);
}

/** −1, 0 or 1 as a < b, a = b, a > b. */
export function compareDecimal(a: Decimal, b: Decimal): number {
  const scale = Math.max(a.scale, b.scale);
  const left = atScale(a, scale);
  const right = atScale(b, scale);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Whether (value − origin) is a whole multiple of step (step > 0). */
export function isOnStep(value: Decimal, origin: Decimal, step: Decimal): boolean {
  const scale = Math.max(value.scale, origin.scale, step.scale);
  const stride = atScale(step, scale);
  if (stride <= 0n) return false;
  return (atScale(value, scale) - atScale(origin, scale)) % stride === 0n;
}

/** a + b, exactly. */
export function addDecimal(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return { units: atScale(a, scale) + atScale(b, scale), scale };
}

/** The decimal as text with its own number of places ("7.50" stays "7.50"). */
export function formatDecimal(value: Decimal): string {
  const negative = value.units < 0n;
  const digits = (negative ? -value.units : value.units).toString().padStart(value.scale + 1, '0');
  const whole = digits.slice(0, digits.length - value.scale);
  const fraction = digits.slice(digits.length - value.scale);
  return `${negative ? '-' : ''}${whole}${value.scale > 0 ? `.${fraction}` : ''}`;
}

/** The values from `min` to `top` in steps of `step` (a judgement scale's levels). */
export function stepsBetween(min: Decimal, top: Decimal, step: Decimal, limit = 201): Decimal[] {
  const scale = Math.max(min.scale, top.scale, step.scale);
  const stride = atScale(step, scale);
  const end = atScale(top, scale);
  const levels: Decimal[] = [];
  if (stride <= 0n) return levels;
  for (let units = atScale(min, scale); units <= end && levels.length < limit; units += stride) {
    levels.push({ units, scale });
  }
  return levels;
}

/** Drops trailing zeros after the point: 7.50 → 7.5, 3.0 → 3. */
export function normaliseDecimal(value: Decimal): Decimal {
  let { units, scale } = value;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale -= 1;
  }
  return { units, scale };
}
