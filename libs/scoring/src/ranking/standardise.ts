import Decimal from 'decimal.js';
import { Exact, sumExact } from '../exact/exact';
import { compileRounding } from '../rubric/compiled-rubric';
import type { StandardisationRule } from '../rubric/rubric.schema';
import { roundWith } from '../scoring/transform';
import type { GroupStandings, Standing, StandardisationSummary } from './standings';

/**
 * Standardisation to a common scale (WorldSkills style): standardised = centre + k × (x − c) ÷ s,
 * where c and s are the group's mean and standard deviation (mean_sd) or its median and median
 * absolute deviation (median_mad, optionally × madScale). With centre 500 and k 100, a score one
 * spread above the group's centre becomes 600 and two spreads 700.
 *
 * median_mad is exact throughout. A standard deviation is a square root, usually irrational: it
 * is computed with decimal.js to 60 significant digits, and only the final figure is rounded by
 * the rule, so the digits kept are exact. A group whose spread is 0 (or that has a single entry)
 * gets the centre.
 */

const Precise = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_EVEN });

export interface Standardised {
  readonly values: readonly Exact[];
  readonly summary: StandardisationSummary;
}

export function standardise(values: readonly Exact[], rule: StandardisationRule): Standardised {
  const centre = Exact.parse(rule.centre);
  const k = Exact.parse(rule.k);
  const rounding = compileRounding(rule.round);
  if (values.length === 0)
    return { values: [], summary: { centre: Exact.ZERO, spread: Exact.ZERO } };
  switch (rule.method) {
    case 'median_mad': {
      const middle = median(values);
      const mad = median(values.map((value) => value.sub(middle).abs())).mul(
        Exact.parse(rule.madScale ?? 1),
      );
      const scaled = values.map((value) =>
        mad.isZero() ? centre : centre.add(k.mul(value.sub(middle)).div(mad)),
      );
      return {
        values: scaled.map((value) => roundWith(value, rounding)),
        summary: { centre: middle, spread: mad },
      };
    }
    case 'mean_sd': {
      const mean = sumExact(values).div(Exact.of(values.length));
      const divisor = rule.sd === 'sample' ? values.length - 1 : values.length;
      const squares = sumExact(values.map((value) => value.sub(mean).mul(value.sub(mean))));
      if (divisor === 0 || squares.isZero()) {
        return {
          values: values.map(() => roundWith(centre, rounding)),
          summary: { centre: mean, spread: Exact.ZERO },
        };
      }
      const sd = toDecimal(squares.div(Exact.of(divisor))).sqrt();
      const scaled = values.map((value) => {
        const offset = toDecimal(k.mul(value.sub(mean))).div(sd);
        return roundWith(centre.add(Exact.parse(offset.toFixed())), rounding);
      });
      return { values: scaled, summary: { centre: mean, spread: Exact.parse(sd.toFixed(10)) } };
    }
    default:
      return rule.method satisfies never;
  }
}

/** The standardised value of each standing, in order (ranked entries only). */
export function standardiseStandings(
  standings: readonly Standing[],
  rule: StandardisationRule,
): { values: (Exact | undefined)[]; summary: StandardisationSummary } {
  const ranked = standings.filter((standing) => standing.place !== null && standing.value !== null);
  const { values, summary } = standardise(
    ranked.map((standing) => standing.value as Exact),
    rule,
  );
  // Ranked standings come first, in the same order.
  return { values: standings.map((_, i) => values[i]), summary };
}

/** A group's standings with standardised values (a new object; the input is not changed). */
export function standardiseGroup(group: GroupStandings, rule: StandardisationRule): GroupStandings {
  const { values, summary } = standardiseStandings(group.standings, rule);
  return {
    ...group,
    standings: group.standings.map((standing, i) => ({ ...standing, standardised: values[i] })),
    standardisation: summary,
  };
}

function median(values: readonly Exact[]): Exact {
  const sorted = [...values].sort((a, b) => a.compare(b));
  const middle = sorted.length >> 1;
  if (sorted.length % 2 === 1) return sorted[middle] as Exact;
  return (sorted[middle - 1] as Exact).add(sorted[middle] as Exact).div(Exact.of(2));
}

function toDecimal(value: Exact): Decimal {
  const [numerator, denominator] = value.bigParts;
  return new Precise(numerator.toString()).div(denominator.toString());
}
