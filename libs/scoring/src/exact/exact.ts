/**
 * `Exact`: the number type of every score in the engine.
 *
 * An exact rational number (numerator / denominator). Marks are decimals, so sums, differences
 * and products stay exact decimals; a mean (÷ 3 judges) becomes a fraction such as 253/30 and
 * stays exact until a node's rounding rule turns it back into a decimal. Nothing is ever held as
 * a binary floating-point approximation, so 1/3 × 3 is exactly 1 and truncation never loses a
 * cent to representation error.
 *
 * Representation: while numerator and denominator are safe integers (|n| ≤ 2^53 − 1) they are
 * JavaScript numbers used as integers only, and every operation checks that its results stay
 * safe; the moment one would not, the operation is redone in BigInt. Fractions are not reduced
 * eagerly: values rounded to cents all share the denominator 100, so adding them is one integer
 * addition. Comparisons never depend on the representation; text output is always canonical.
 *
 * `places` is a display hint only (how many decimals the value was written or rounded with,
 * "7.0" or "81.60"); it never changes the value.
 */

export type RoundingMode = 'half_up' | 'half_even' | 'truncate' | 'up';

/** Decimals shown for a value that does not terminate. */
const REPEATING_PLACES = 20;
/** A sanity bound on decimals (rubrics allow at most 20; exact text of a tiny value may need more). */
const MAX_PLACES = 1000;
/** Denominators above this are reduced before they are kept, so they stay far from 2^53. */
export const REDUCE_ABOVE = 1e9;

function isSafe(n: number): boolean {
  return Number.isSafeInteger(n);
}

const INT32 = 0x7fffffff;

/**
 * a % b for integers. Within 32 bits the engine can use integer division, which is many times
 * faster than the floating-point remainder it otherwise must use.
 */
export function remainder(a: number, b: number): number {
  if (a <= INT32 && a >= -INT32 && b <= INT32 && b >= -INT32) return (a | 0) % (b | 0);
  return a % b;
}

function gcd(a: number, b: number): number {
  a = Math.abs(a);
  while (b !== 0) {
    const t = remainder(a, b);
    a = b;
    b = t;
  }
  return a;
}

function bigAbs(a: bigint): bigint {
  return a < 0n ? -a : a;
}

function bigGcd(a: bigint, b: bigint): bigint {
  a = bigAbs(a);
  b = bigAbs(b);
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

export const POW10: readonly number[] = Array.from({ length: 16 }, (_, i) => 10 ** i);

function pow10Big(places: number): bigint {
  return 10n ** BigInt(places);
}

function maxPlaces(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined ? undefined : Math.max(a, b);
}

const DECIMAL_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

export class Exact {
  /** numerator and denominator (denominator > 0) when both are safe integers; d is 0 in the BigInt form */
  private readonly n: number;
  private readonly d: number;
  /** the BigInt form, only when the value does not fit safe integers */
  private readonly big: readonly [bigint, bigint] | null;
  /** display hint: decimals the value was written or rounded with */
  readonly places: number | undefined;

  private constructor(
    n: number,
    d: number,
    big: readonly [bigint, bigint] | null,
    places: number | undefined,
  ) {
    this.n = n;
    this.d = d;
    this.big = big;
    this.places = places;
  }

  static readonly ZERO = new Exact(0, 1, null, 0);
  static readonly ONE = new Exact(1, 1, null, 0);

  static {
    // V8 keeps a field that has only ever held numbers as a boxed double in every object once
    // one value outgrows a small integer, so each `Exact` would cost three allocations. An object
    // (never used) whose numerator and denominator are not numbers makes the fields tagged: small
    // integers, nearly every score, are then stored in place.
    void new Exact(null as unknown as number, null as unknown as number, null, 0);
  }

  /** An integer. */
  static of(integer: number): Exact {
    if (!isSafe(integer)) throw new RangeError(`Exact.of needs a safe integer, got ${integer}`);
    return new Exact(integer === 0 ? 0 : integer, 1, null, 0);
  }

  /** numerator / denominator, both safe integers, denominator ≠ 0. */
  static fraction(numerator: number, denominator: number, places?: number): Exact {
    if (!isSafe(numerator) || !isSafe(denominator) || denominator === 0) {
      throw new RangeError(`Exact.fraction needs safe integers, got ${numerator}/${denominator}`);
    }
    return Exact.small(numerator, denominator, places);
  }

  /**
   * numerator / denominator kept exactly as given: no reduction, and a zero keeps its
   * denominator (as a rounded zero does, 0.00 = 0/100). For code that computes the same figures
   * as `Exact`'s own operations without their intermediate objects (the totals-only pass of
   * scoring); `fraction` is the constructor to use otherwise.
   */
  static unreduced(numerator: number, denominator: number, places?: number): Exact {
    if (!isSafe(numerator) || !isSafe(denominator) || denominator <= 0) {
      throw new RangeError(
        `Exact.unreduced needs safe integers and a positive denominator, got ${numerator}/${denominator}`,
      );
    }
    return new Exact(numerator === 0 ? 0 : numerator, denominator, null, places);
  }

  /** A decimal written as text ("7.50", "-3", "1e-3") or as a JavaScript number (7.5). */
  static parse(value: string | number): Exact {
    const parsed = Exact.tryParse(value);
    if (parsed === undefined) throw new RangeError(`not a decimal number: ${String(value)}`);
    return parsed;
  }

  static tryParse(value: string | number): Exact | undefined {
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return undefined;
      if (Number.isSafeInteger(value)) return Exact.of(value);
      // The shortest text that reads back as this number is what the author wrote.
      return Exact.tryParse(String(value));
    }
    const match = DECIMAL_TEXT.exec(value.trim());
    if (!match) return undefined;
    const [, sign = '', whole = '', fraction = '', exponentText] = match;
    if (whole === '' && fraction === '') return undefined;
    const exponent = exponentText === undefined ? 0 : Number(exponentText);
    if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 1000) return undefined;
    const digits = BigInt(`${whole}${fraction}` || '0');
    const scale = fraction.length - exponent;
    const numerator = sign === '-' ? -digits : digits;
    if (scale >= 0) return Exact.fromBig(numerator, pow10Big(scale), scale);
    return Exact.fromBig(numerator * pow10Big(-scale), 1n, 0);
  }

  static fromBig(numerator: bigint, denominator: bigint, places?: number): Exact {
    if (denominator === 0n) throw new RangeError('division by zero');
    if (denominator < 0n) {
      numerator = -numerator;
      denominator = -denominator;
    }
    const n = Number(numerator);
    const d = Number(denominator);
    if (isSafe(n) && isSafe(d)) return Exact.small(n, d, places);
    const g = bigGcd(numerator, denominator);
    if (g > 1n) return Exact.fromBig(numerator / g, denominator / g, places);
    return new Exact(0, 0, [numerator, denominator], places);
  }

  /** From safe integers, d ≠ 0; large denominators are reduced first. */
  private static small(n: number, d: number, places: number | undefined): Exact {
    if (d < 0) {
      n = -n;
      d = -d;
    }
    if (n === 0) return new Exact(0, 1, null, places);
    if (d > REDUCE_ABOVE) {
      const g = gcd(n, d);
      if (g > 1) {
        n /= g;
        d /= g;
      }
    }
    return new Exact(n, d, null, places);
  }

  /** numerator and denominator as BigInt (always available; not necessarily reduced). */
  get bigParts(): readonly [bigint, bigint] {
    return this.big ?? [BigInt(this.n), BigInt(this.d)];
  }

  /** numerator and denominator as safe integers (not necessarily reduced), or undefined when they do not fit. */
  get parts(): readonly [number, number] | undefined {
    return this.big === null ? [this.n, this.d] : undefined;
  }

  /**
   * The denominator as kept (not necessarily reduced) when the value is held in safe integers
   * and its denominator is small enough never to be reduced; undefined otherwise.
   */
  denominatorIfSmall(): number | undefined {
    return this.big === null && this.d <= REDUCE_ABOVE ? this.d : undefined;
  }

  /** The numerator as kept, when the value is held in safe integers. */
  numeratorIfSmall(): number | undefined {
    return this.big === null ? this.n : undefined;
  }

  withPlaces(places: number | undefined): Exact {
    return places === this.places ? this : new Exact(this.n, this.d, this.big, places);
  }

  add(other: Exact): Exact {
    const places = maxPlaces(this.places, other.places);
    if (this.big === null && other.big === null) {
      if (this.d === other.d) {
        const n = this.n + other.n;
        if (isSafe(n)) return Exact.small(n, this.d, places);
      } else {
        const left = this.n * other.d;
        const right = other.n * this.d;
        const n = left + right;
        const d = this.d * other.d;
        if (isSafe(left) && isSafe(right) && isSafe(n) && isSafe(d))
          return Exact.small(n, d, places);
      }
    }
    const [an, ad] = this.bigParts;
    const [bn, bd] = other.bigParts;
    return Exact.fromBig(an * bd + bn * ad, ad * bd, places);
  }

  sub(other: Exact): Exact {
    return this.add(other.neg());
  }

  mul(other: Exact): Exact {
    const places =
      this.places === undefined || other.places === undefined
        ? undefined
        : this.places + other.places;
    if (this.big === null && other.big === null) {
      const n = this.n * other.n;
      const d = this.d * other.d;
      if (isSafe(n) && isSafe(d)) return Exact.small(n, d, places);
    }
    const [an, ad] = this.bigParts;
    const [bn, bd] = other.bigParts;
    return Exact.fromBig(an * bn, ad * bd, places);
  }

  div(other: Exact): Exact {
    if (other.isZero()) throw new RangeError('division by zero');
    if (this.big === null && other.big === null) {
      const n = this.n * other.d;
      const d = this.d * other.n;
      if (isSafe(n) && isSafe(d)) return Exact.small(n, d, undefined);
    }
    const [an, ad] = this.bigParts;
    const [bn, bd] = other.bigParts;
    return Exact.fromBig(an * bd, ad * bn, undefined);
  }

  neg(): Exact {
    if (this.big === null) return new Exact(this.n === 0 ? 0 : -this.n, this.d, null, this.places);
    return new Exact(0, 0, [-this.big[0], this.big[1]], this.places);
  }

  abs(): Exact {
    return this.sign() < 0 ? this.neg() : this;
  }

  sign(): -1 | 0 | 1 {
    const n = this.big === null ? this.n : this.big[0];
    return n > 0 ? 1 : n < 0 ? -1 : 0;
  }

  isZero(): boolean {
    return this.sign() === 0;
  }

  isInteger(): boolean {
    if (this.big === null) return remainder(this.n, this.d) === 0;
    return this.big[0] % this.big[1] === 0n;
  }

  /** The value as a safe integer, or undefined when it is not one. */
  toSafeInteger(): number | undefined {
    if (this.big === null) return remainder(this.n, this.d) === 0 ? this.n / this.d : undefined;
    const [n, d] = this.big;
    if (n % d !== 0n) return undefined;
    const value = Number(n / d);
    return isSafe(value) ? value : undefined;
  }

  /** -1, 0 or 1. */
  compare(other: Exact): -1 | 0 | 1 {
    if (this.big === null && other.big === null) {
      if (this.d === other.d) return this.n < other.n ? -1 : this.n > other.n ? 1 : 0;
      const left = this.n * other.d;
      const right = other.n * this.d;
      if (isSafe(left) && isSafe(right)) return left < right ? -1 : left > right ? 1 : 0;
    }
    const [an, ad] = this.bigParts;
    const [bn, bd] = other.bigParts;
    const left = an * bd;
    const right = bn * ad;
    return left < right ? -1 : left > right ? 1 : 0;
  }

  eq(other: Exact): boolean {
    return this.compare(other) === 0;
  }

  lt(other: Exact): boolean {
    return this.compare(other) < 0;
  }

  gt(other: Exact): boolean {
    return this.compare(other) > 0;
  }

  lte(other: Exact): boolean {
    return this.compare(other) <= 0;
  }

  gte(other: Exact): boolean {
    return this.compare(other) >= 0;
  }

  min(other: Exact): Exact {
    return other.lt(this) ? other : this;
  }

  max(other: Exact): Exact {
    return other.gt(this) ? other : this;
  }

  /** Rounds to `places` decimals with the given mode; the result displays with them. */
  round(places: number, mode: RoundingMode): Exact {
    if (!Number.isInteger(places) || places < 0 || places > MAX_PLACES) {
      throw new RangeError(`decimals must be an integer from 0 to ${MAX_PLACES}`);
    }
    if (this.big === null) {
      const rounded = Exact.roundSmall(this.n, this.d, places, mode);
      if (rounded !== undefined) return rounded;
    }
    const [n, d] = this.bigParts;
    const scaled = n * pow10Big(places);
    const rest = scaled % d;
    const quotient = scaled / d;
    const step = roundingStepBig(quotient, rest, d, scaled < 0n, mode);
    return Exact.fromBig(quotient + step, pow10Big(places), places);
  }

  /**
   * n / d rounded to `places` decimals: the same `Exact` as `Exact.fraction(n, d).round(places,
   * mode)`, without the fraction in between (a panel's mean is rounded at once).
   */
  static roundedFraction(n: number, d: number, places: number, mode: RoundingMode): Exact {
    if (isSafe(n) && isSafe(d) && d > 0 && d <= REDUCE_ABOVE && Number.isInteger(places)) {
      const rounded = places >= 0 ? Exact.roundSmall(n, d, places, mode) : undefined;
      if (rounded !== undefined) return rounded;
    }
    return Exact.fraction(n, d).round(places, mode);
  }

  /** Rounding in safe integers (d > 0, places a valid integer), or undefined when they do not fit. */
  private static roundSmall(
    n: number,
    d: number,
    places: number,
    mode: RoundingMode,
  ): Exact | undefined {
    if (places >= POW10.length) return undefined;
    const unit = POW10[places] as number;
    const scaled = n * unit;
    if (!isSafe(scaled)) return undefined;
    const rest = remainder(scaled, d);
    const quotient = (scaled - rest) / d;
    const rounded = quotient + roundingStep(quotient, rest, d, scaled < 0, mode);
    return isSafe(rounded) ? new Exact(rounded === 0 ? 0 : rounded, unit, null, places) : undefined;
  }

  /** Rounds to a multiple of `step` (e.g. to the nearest 0.5). */
  roundToStep(step: Exact, mode: RoundingMode): Exact {
    const multiples = this.div(step).round(0, mode);
    return multiples.mul(step).withPlaces(step.places);
  }

  /** True when the value is a finite decimal (its reduced denominator has no factors but 2 and 5). */
  isTerminating(): boolean {
    return this.terminatingPlaces() !== undefined;
  }

  /** The fewest decimals that write the value exactly, or undefined when it does not terminate. */
  terminatingPlaces(): number | undefined {
    let [n, d] = this.bigParts;
    const g = bigGcd(n, d);
    if (g > 1n) {
      n /= g;
      d /= g;
    }
    let twos = 0;
    let fives = 0;
    while (d % 2n === 0n) {
      d /= 2n;
      twos++;
    }
    while (d % 5n === 0n) {
      d /= 5n;
      fives++;
    }
    return d === 1n ? Math.max(twos, fives) : undefined;
  }

  /** Exactly `places` decimals, rounded with `mode` if needed. */
  toFixed(places: number, mode: RoundingMode = 'half_up'): string {
    const rounded = this.round(places, mode);
    const [n, d] = rounded.bigParts;
    // rounded = n / d with d = 10^places
    return formatScaled((n * pow10Big(places)) / d, places);
  }

  /**
   * Decimal text: exact when the value terminates (with at least `places` decimals), otherwise
   * rounded half-even to 20 decimals (see `isTerminating`).
   */
  toString(): string {
    const exactPlaces = this.terminatingPlaces();
    if (exactPlaces === undefined) return this.toFixed(REPEATING_PLACES, 'half_even');
    return this.toFixed(Math.max(exactPlaces, this.places ?? 0), 'half_even');
  }

  toJSON(): string {
    return this.toString();
  }

  /** A binary floating-point approximation, for charts and statistics only, never for scores. */
  toApproximateNumber(): number {
    const [n, d] = this.bigParts;
    return Number(n) / Number(d);
  }
}

/** The step (−1, 0 or 1) that rounds `quotient` (with `rest` of `divisor` left over) by `mode`. */
export function roundingStep(
  quotient: number,
  rest: number,
  divisor: number,
  negative: boolean,
  mode: RoundingMode,
): number {
  if (rest === 0) return 0;
  const away = negative ? -1 : 1;
  const twice = Math.abs(rest) * 2;
  switch (mode) {
    case 'truncate':
      return 0;
    case 'up':
      return away;
    case 'half_up':
      return twice >= divisor ? away : 0;
    case 'half_even':
      if (twice > divisor) return away;
      if (twice < divisor) return 0;
      return remainder(Math.abs(quotient), 2) === 1 ? away : 0;
    default:
      return mode satisfies never;
  }
}

function roundingStepBig(
  quotient: bigint,
  remainder: bigint,
  divisor: bigint,
  negative: boolean,
  mode: RoundingMode,
): bigint {
  if (remainder === 0n) return 0n;
  const away = negative ? -1n : 1n;
  const twice = bigAbs(remainder) * 2n;
  switch (mode) {
    case 'truncate':
      return 0n;
    case 'up':
      return away;
    case 'half_up':
      return twice >= divisor ? away : 0n;
    case 'half_even':
      if (twice > divisor) return away;
      if (twice < divisor) return 0n;
      return bigAbs(quotient) % 2n === 1n ? away : 0n;
    default:
      return mode satisfies never;
  }
}

function formatScaled(scaled: bigint, places: number): string {
  const negative = scaled < 0n;
  const digits = bigAbs(scaled)
    .toString()
    .padStart(places + 1, '0');
  const whole = digits.slice(0, digits.length - places);
  const fraction = digits.slice(digits.length - places);
  return `${negative ? '-' : ''}${whole}${places > 0 ? `.${fraction}` : ''}`;
}

/** Sum of many values. */
export function sumExact(values: readonly Exact[]): Exact {
  let total = Exact.ZERO;
  for (const value of values) total = total.add(value);
  return total;
}
