import { Exact } from '../exact/exact';
import type { CompiledKind, CompiledMeasurementRule } from '../rubric/compiled-rubric';
import type { KindWorking, Working } from './working';

/**
 * An aspect's points from its panel value, by kind: a judgement level becomes a share of max, a
 * measurement is checked against its tolerance, occurrences become a deduction, a time becomes
 * points on a line between the best and the worst time, an imported score is scaled.
 */

interface AspectPoints {
  readonly points: Exact;
  readonly detail: KindWorking;
}

const AS_MARKED: KindWorking = { kind: 'as_marked' };

/** The aspect's points; the working is recorded when asked for. */
export function aspectPoints(
  kind: CompiledKind,
  max: Exact | undefined,
  input: Exact,
  working: Working[] | undefined,
): Exact {
  if (kind.kind === 'judgement' && kind.valuation === 'as_marked') {
    working?.push({ step: 'kind', detail: AS_MARKED, result: input });
    return input;
  }
  const { points, detail } = pointsWithDetail(kind, max, input);
  working?.push({ step: 'kind', detail, result: points });
  return points;
}

function pointsWithDetail(kind: CompiledKind, max: Exact | undefined, input: Exact): AspectPoints {
  switch (kind.kind) {
    case 'judgement':
      if (kind.valuation === 'as_marked') return { points: input, detail: AS_MARKED };
      return {
        points: required(max).mul(input).div(kind.top),
        detail: { kind: 'judgement_share', level: input, top: kind.top, max: required(max) },
      };
    case 'measurement':
      return measurementPoints(kind.rule, max, input);
    case 'deduction': {
      let deducted = input.mul(kind.perOccurrence);
      const capped = kind.cap !== undefined && deducted.gt(kind.cap);
      if (capped && kind.cap) deducted = kind.cap;
      const detail: KindWorking = {
        kind: 'deduction',
        occurrences: input,
        perOccurrence: kind.perOccurrence,
        deducted,
        capped,
        from: kind.from,
      };
      if (kind.from === 'parent') return { points: deducted.neg(), detail };
      const left = required(max).sub(deducted);
      return { points: kind.floorAtZero ? left.max(Exact.ZERO) : left, detail };
    }
    case 'time':
      return {
        points: timePoints(kind, required(max), input),
        detail: { kind: 'time', seconds: input, best: kind.best, worst: kind.worst },
      };
    case 'imported':
      return {
        points: kind.outOf ? required(max).mul(input).div(kind.outOf) : input,
        detail: { kind: 'imported', imported: input, outOf: kind.outOf },
      };
    default:
      return kind satisfies never;
  }
}

function required(max: Exact | undefined): Exact {
  // The rubric rules require max wherever a kind needs it.
  if (!max) throw new Error('aspect has no max (the rubric rules should have caught this)');
  return max;
}

function within(value: Exact, lower: Exact | undefined, upper: Exact | undefined): boolean {
  return (lower === undefined || value.gte(lower)) && (upper === undefined || value.lte(upper));
}

function measurementPoints(
  rule: CompiledMeasurementRule,
  max: Exact | undefined,
  measured: Exact,
): AspectPoints {
  switch (rule.type) {
    case 'pass_fail': {
      const passed = measured.eq(Exact.ONE);
      return {
        points: passed ? required(max) : Exact.ZERO,
        detail: { kind: 'measurement', rule, measured, bandIndex: undefined, passed },
      };
    }
    case 'all_or_nothing': {
      const passed = within(measured, rule.lower, rule.upper);
      return {
        points: passed ? required(max) : Exact.ZERO,
        detail: { kind: 'measurement', rule, measured, bandIndex: undefined, passed },
      };
    }
    case 'bands': {
      const index = rule.bands.findIndex((band) => within(measured, band.lower, band.upper));
      const band = index >= 0 ? rule.bands[index] : undefined;
      return {
        points: band ? band.points : Exact.ZERO,
        detail: {
          kind: 'measurement',
          rule,
          measured,
          bandIndex: band ? index : undefined,
          passed: band !== undefined,
        },
      };
    }
    default:
      return rule satisfies never;
  }
}

/** max at or under best, pointsAtWorst at or over worst, a straight line between. */
function timePoints(
  kind: Extract<CompiledKind, { kind: 'time' }>,
  max: Exact,
  seconds: Exact,
): Exact {
  if (seconds.lte(kind.best)) return max;
  if (seconds.gte(kind.worst)) return kind.pointsAtWorst;
  const share = kind.worst.sub(seconds).div(kind.worst.sub(kind.best));
  return kind.pointsAtWorst.add(max.sub(kind.pointsAtWorst).mul(share));
}
