import fc from 'fast-check';
import { Exact, InvalidRubricError, parseRubric, type RoundingMode } from '../../src';
import { named } from '../support/builders';

/** Weights are validated exactly; Exact arithmetic agrees with a plain BigInt fraction reference. */

describe('weights', () => {
  it('a weighted sum is accepted exactly when its weights add up to 1', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 6 }),
        (thousandths) => {
          const rubric = {
            format: 'jingsai.rubric',
            version: 1,
            id: 'w',
            revision: '1',
            name: named('w'),
            total: { combine: 'weighted_sum' },
            modules: thousandths.map((weight, i) => ({
              id: `m${i}`,
              name: named(`m${i}`),
              weight: (weight / 1000).toFixed(3),
              criteria: [
                {
                  id: `c${i}`,
                  name: named(`c${i}`),
                  aspects: [{ id: `a${i}`, name: named(`a${i}`), kind: 'imported' }],
                },
              ],
            })),
          };
          const addsUpToOne = thousandths.reduce((sum, weight) => sum + weight, 0) === 1000;
          if (addsUpToOne) expect(() => parseRubric(rubric)).not.toThrow();
          else expect(() => parseRubric(rubric)).toThrow(InvalidRubricError);
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** A reference fraction: plain BigInt numerator and denominator, reduced. */
interface Fraction {
  n: bigint;
  d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function fraction(n: bigint, d: bigint): Fraction {
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
}

function reference(text: string): Fraction {
  const [whole = '0', decimals = ''] = text.replace('-', '').split('.');
  const n = BigInt(whole + decimals) * (text.startsWith('-') ? -1n : 1n);
  return fraction(n, 10n ** BigInt(decimals.length));
}

function same(value: Exact, expected: Fraction): boolean {
  const [n, d] = value.bigParts;
  return n * expected.d === expected.n * d;
}

const decimalText = fc
  .tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 12 }))
  .map(([digits, places]) => {
    const negative = digits < 0n;
    const text = (negative ? -digits : digits).toString().padStart(places + 1, '0');
    const whole = text.slice(0, text.length - places);
    return `${negative ? '-' : ''}${whole}${places > 0 ? `.${text.slice(text.length - places)}` : ''}`;
  });

describe('Exact against a BigInt fraction reference', () => {
  it('adds, subtracts, multiplies, divides and compares exactly, small or huge', () => {
    fc.assert(
      fc.property(decimalText, decimalText, (a, b) => {
        const x = Exact.parse(a);
        const y = Exact.parse(b);
        const p = reference(a);
        const q = reference(b);
        expect(same(x.add(y), fraction(p.n * q.d + q.n * p.d, p.d * q.d))).toBe(true);
        expect(same(x.sub(y), fraction(p.n * q.d - q.n * p.d, p.d * q.d))).toBe(true);
        expect(same(x.mul(y), fraction(p.n * q.n, p.d * q.d))).toBe(true);
        if (q.n !== 0n) expect(same(x.div(y), fraction(p.n * q.d, p.d * q.n))).toBe(true);
        const left = p.n * q.d;
        const right = q.n * p.d;
        expect(x.compare(y)).toBe(left < right ? -1 : left > right ? 1 : 0);
      }),
      { numRuns: 1000 },
    );
  });

  it('rounds like the textbook definition of each mode', () => {
    const modes: RoundingMode[] = ['half_up', 'half_even', 'truncate', 'up'];
    // exact halves (…5 one decimal past the rounding) are where the modes differ most
    const half = fc
      .tuple(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.integer({ min: 0, max: 6 }))
      .map(([digits, places]) => ({
        text: Exact.fromBig(
          digits * 10n + (digits < 0n ? -5n : 5n),
          10n ** BigInt(places + 1),
        ).toString(),
        divisor: 1,
        places,
      }));
    const anyValue = fc.record({
      text: decimalText,
      divisor: fc.integer({ min: 1, max: 9 }),
      places: fc.integer({ min: 0, max: 6 }),
    });
    fc.assert(
      fc.property(
        fc.oneof(half, anyValue),
        fc.constantFrom(...modes),
        ({ text, divisor, places }, mode) => {
          const value = Exact.parse(text).div(Exact.of(divisor));
          const exact = fraction(reference(text).n, reference(text).d * BigInt(divisor));
          // reference: scaled = value × 10^places as a fraction; q = floor toward zero; r the remainder
          const scaledN = exact.n * 10n ** BigInt(places);
          const q = scaledN / exact.d;
          const r = scaledN % exact.d;
          const twice = (r < 0n ? -r : r) * 2n;
          const away = scaledN < 0n ? -1n : 1n;
          const odd = (q < 0n ? -q : q) % 2n === 1n;
          const step =
            r === 0n
              ? 0n
              : mode === 'truncate'
                ? 0n
                : mode === 'up'
                  ? away
                  : mode === 'half_up'
                    ? twice >= exact.d
                      ? away
                      : 0n
                    : twice > exact.d || (twice === exact.d && odd)
                      ? away
                      : 0n;
          expect(same(value.round(places, mode), fraction(q + step, 10n ** BigInt(places)))).toBe(
            true,
          );
        },
      ),
      { numRuns: 1000 },
    );
  });
});
