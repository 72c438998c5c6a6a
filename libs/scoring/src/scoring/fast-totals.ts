import {
  Exact,
  POW10,
  REDUCE_ABOVE,
  remainder,
  type RoundingMode,
  roundingStep,
} from '../exact/exact';
import type { EntrySheet } from '../marks/score-sheet';
import type { CompiledNode, CompiledRounding, CompiledRubric } from '../rubric/compiled-rubric';
import type { NodeFigures } from './results';

/**
 * The totals-only pass of a full recompute: an entry's total and the figures ranking reads,
 * computed in plain integers (numerator, denominator, decimals) with no result tree, no `Exact`
 * per node and no allocation per mark. It repeats, operation for operation, what the general
 * evaluation (`evaluate.ts`) does with `Exact` — the same sums over the same denominators, the
 * same reductions, the same rounding — so the figures it hands out are identical, `places`
 * included; `test/properties/fast-totals.property.spec.ts` checks that over generated rubrics
 * and marks.
 *
 * It covers what most contests use: modules, criteria and judgement aspects, any panel method,
 * a spread limit, sums and weighted sums, rounding to decimals. It declines — and the caller
 * uses the general evaluation — for a whole rubric with anything else (attempts, nodes judged as
 * a whole, transforms, other aspect kinds, rounding to a step), and for one entry whenever
 * anything is not plainly complete (a mark missing or extra, a spread over the limit, marks
 * written with different decimals, absences or reviews recorded) or any integer would leave the
 * safe range. Declining is always correct; only an answer must be the same.
 */

const SAFE = Number.MAX_SAFE_INTEGER;
const NO_PLACES = -1;
const NO_ATTEMPTS: readonly (Exact | null)[] = [];

const enum Method {
  Mean,
  Median,
  TrimmedMean,
  MiddleSum,
  Sum,
  Single,
}

const METHODS: Readonly<Record<string, Method>> = {
  mean: Method.Mean,
  median: Method.Median,
  trimmed_mean: Method.TrimmedMean,
  middle_sum: Method.MiddleSum,
  sum: Method.Sum,
  single: Method.Single,
};

/** A rounding to decimals (never to a step: the plan declines those). */
interface PlanRounding {
  readonly places: number;
  readonly mode: RoundingMode;
}

/** A constant of the rubric (a weight, a max, a scale's top) as safe integers. */
interface PlanConstant {
  readonly n: number;
  readonly d: number;
  readonly places: number;
}

/** One node of the rubric, with its children before it (post-order). */
class PlanNode {
  constructor(
    readonly node: CompiledNode,
    readonly isAspect: boolean,
    /** aspects: the first slot of its marks */
    readonly slot: number,
    readonly method: Method,
    readonly trim: number,
    readonly keep: number,
    /** the panel's number of judges, or −1 when not set */
    readonly judges: number,
    /** fewest marks the panel works with */
    readonly minimum: number,
    /** the spread limit as numerator and denominator; 0 / 0 when there is none */
    readonly spreadN: number,
    readonly spreadD: number,
    /** judgement valued as marked (otherwise share of max) */
    readonly asMarked: boolean,
    readonly max: PlanConstant | undefined,
    readonly top: PlanConstant | undefined,
    readonly round: PlanRounding | undefined,
    /** branches: the plan indices of its children */
    readonly children: Int32Array,
    readonly weighted: boolean,
    /** per child: its weight, when the node is a weighted sum and the child has one */
    readonly weights: readonly (PlanConstant | undefined)[],
  ) {}
}

export class TotalsPlan {
  /** every node, children first; the total is last */
  private readonly nodes: PlanNode[] = [];
  /** for each of the rubric's ranked nodes: its plan index */
  private readonly ranked: Int32Array;
  /** per plan node: numerator, denominator, decimals (−1: none) of its value */
  private readonly n: Float64Array;
  private readonly d: Float64Array;
  private readonly p: Int16Array;
  /** per plan node (aspects valued as a share of max): the panel's value */
  private readonly inN: Float64Array;
  private readonly inD: Float64Array;
  private readonly inP: Int16Array;
  /** a panel's marks, sorted when the method needs it */
  private sorted: Float64Array = new Float64Array(16);

  private constructor(compiled: CompiledRubric) {
    const indices = new Map<string, number>();
    this.add(compiled.total, indices);
    this.ranked = Int32Array.from(compiled.rankedNodes, (id) => indices.get(id) ?? -1);
    const count = this.nodes.length;
    this.n = new Float64Array(count);
    this.d = new Float64Array(count);
    this.p = new Int16Array(count);
    this.inN = new Float64Array(count);
    this.inD = new Float64Array(count);
    this.inP = new Int16Array(count);
  }

  /** The plan for a rubric, or undefined when it uses anything the plan does not cover. */
  static for(compiled: CompiledRubric): TotalsPlan | undefined {
    const known = plans.get(compiled);
    if (known !== undefined) return known ?? undefined;
    let plan: TotalsPlan | undefined;
    try {
      plan = new TotalsPlan(compiled);
      if (plan.ranked.some((index) => index < 0)) plan = undefined;
    } catch (error) {
      if (!(error instanceof Unsupported)) throw error;
      plan = undefined;
    }
    plans.set(compiled, plan ?? null);
    return plan;
  }

  private add(node: CompiledNode, indices: Map<string, number>): number {
    if (node.attempts || node.valueTransform.length > 0 || node.markTransform.length > 0)
      throw new Unsupported();
    const round = node.round === undefined ? undefined : planRounding(node.round);
    let plan: PlanNode;
    if (node.level === 'aspect') {
      const kind = node.kind;
      const panel = node.panel;
      if (kind?.kind !== 'judgement' || !panel) throw new Unsupported();
      const method = METHODS[panel.method];
      if (method === undefined) throw new Unsupported();
      let spreadN = 0;
      let spreadD = 0;
      if (panel.spreadLimit) {
        const parts = panel.spreadLimitParts;
        if (!parts) throw new Unsupported();
        [spreadN, spreadD] = parts;
      }
      const asMarked = kind.valuation === 'as_marked';
      const top = asMarked ? undefined : constant(kind.top);
      if (top && top.n === 0) throw new Unsupported();
      plan = new PlanNode(
        node,
        true,
        node.slot,
        method,
        panel.trim,
        panel.keep,
        panel.judges ?? -1,
        minimumMarks(method, panel.trim, panel.keep),
        spreadN,
        spreadD,
        asMarked,
        asMarked ? undefined : constant(requiredMax(node)),
        top,
        round,
        new Int32Array(0),
        false,
        [],
      );
    } else {
      if (node.panel || node.children.length === 0) throw new Unsupported();
      const children = Int32Array.from(node.children, (child) => this.add(child, indices));
      const weighted = node.combine === 'weighted_sum';
      plan = new PlanNode(
        node,
        false,
        -1,
        Method.Sum,
        0,
        0,
        -1,
        0,
        0,
        0,
        false,
        undefined,
        undefined,
        round,
        children,
        weighted,
        node.children.map((child) =>
          weighted && child.weight ? constant(child.weight) : undefined,
        ),
      );
    }
    this.nodes.push(plan);
    const index = this.nodes.length - 1;
    indices.set(node.id, index);
    return index;
  }

  /**
   * The entry's total and the figures of the ranked nodes (in the order of `rankedNodes`), or
   * undefined when the general evaluation must answer for this entry.
   */
  evaluate(sheet: EntrySheet): { total: Exact; kept: (NodeFigures | undefined)[] } | undefined {
    if (sheet.absences.length > 0 || sheet.reviews.length > 0) return undefined;
    const nodes = this.nodes;
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i] as PlanNode;
      const done = node.isAspect ? this.aspect(i, node, sheet) : this.branch(i, node);
      if (!done) return undefined;
    }
    const last = nodes.length - 1;
    const total = this.exact(last);
    const kept = new Array<NodeFigures | undefined>(this.ranked.length);
    for (let r = 0; r < this.ranked.length; r++) {
      const index = this.ranked[r] as number;
      const node = nodes[index] as PlanNode;
      const input =
        node.isAspect && !node.asMarked
          ? Exact.unreduced(
              this.inN[index] as number,
              this.inD[index] as number,
              placesOf(this.inP[index] as number),
            )
          : undefined;
      kept[r] = {
        value: index === last ? total : this.exact(index),
        input,
        attempts: NO_ATTEMPTS,
      };
    }
    return { total, kept };
  }

  private exact(index: number): Exact {
    return Exact.unreduced(
      this.n[index] as number,
      this.d[index] as number,
      placesOf(this.p[index] as number),
    );
  }

  /** An aspect's figure from its marks, as `evaluateAspect` and `runPanel` compute it. */
  private aspect(index: number, node: PlanNode, sheet: EntrySheet): boolean {
    const { book, base } = sheet;
    const at = base + node.slot;
    const from = book.start[at] as number;
    const to = book.start[at + 1] as number;
    const count = to - from;
    if (count === 0 || count < node.minimum) return false;
    if (node.judges >= 0 ? count !== node.judges : false) return false;
    const places = book.places[from] as number;
    if (!book.uniformPlaces) {
      for (let q = from + 1; q < to; q++) if ((book.places[q] as number) !== places) return false;
    }
    const scaled = book.scaled;
    let low = Infinity;
    let high = -Infinity;
    let total = 0;
    let size = 0;
    for (let q = from; q < to; q++) {
      const value = scaled[q] as number;
      if (value < low) low = value;
      if (value > high) high = value;
      total += value;
      size += value < 0 ? -value : value;
    }
    // Every partial sum, in any order, is exact: the general path's sums are the same integers.
    if (size > SAFE) return false;
    const unit = POW10[places] as number;
    if (node.spreadD !== 0 && count >= 2) {
      const gap = high - low;
      const left = gap * node.spreadD;
      const right = node.spreadN * unit;
      if (!Number.isSafeInteger(left) || !Number.isSafeInteger(right) || left > right) return false;
    }
    let n: number;
    let d: number;
    let p = NO_PLACES;
    switch (node.method) {
      case Method.Mean:
        n = total;
        d = count * unit;
        break;
      case Method.Sum:
        n = total;
        d = unit;
        p = places;
        break;
      case Method.Single:
        if (low !== high) return false;
        n = low;
        d = unit;
        p = places;
        break;
      case Method.TrimmedMean: {
        const kept = count - 2 * node.trim;
        if (kept < 1) return false;
        n = node.trim === 1 ? total - low - high : this.middle(sheet, from, to, node.trim);
        d = kept * unit;
        break;
      }
      case Method.MiddleSum: {
        const extra = count - node.keep;
        if (extra < 0 || extra % 2 !== 0) return false;
        n = this.middle(sheet, from, to, extra / 2);
        d = unit;
        p = places;
        break;
      }
      case Method.Median: {
        this.sort(sheet, from, to);
        const middle = count >> 1;
        if (count % 2 === 1) {
          n = this.sorted[middle] as number;
          d = unit;
          p = places;
        } else {
          n = (this.sorted[middle - 1] as number) + (this.sorted[middle] as number);
          d = 2 * unit;
        }
        break;
      }
      default:
        return false;
    }
    const round = node.round;
    // As marked and rounded: the panel's value is rounded at once (as `aggregate` does).
    if (node.asMarked) {
      if (round) return this.roundInto(index, n, d, round);
      return this.put(index, n, d, p);
    }
    // A share of max: max × level ÷ top, then the node's rounding.
    if (!this.put(index, n, d, p)) return false;
    this.inN[index] = this.n[index] as number;
    this.inD[index] = this.d[index] as number;
    this.inP[index] = this.p[index] as number;
    const max = node.max as PlanConstant;
    const top = node.top as PlanConstant;
    if (!this.mul(index, index, max)) return false;
    const divided = this.put(
      index,
      (this.n[index] as number) * top.d,
      (this.d[index] as number) * top.n,
      NO_PLACES,
    );
    if (!divided) return false;
    return round
      ? this.roundInto(index, this.n[index] as number, this.d[index] as number, round)
      : true;
  }

  /** The sum of the marks of [from, to) without the `drop` lowest and `drop` highest. */
  private middle(sheet: EntrySheet, from: number, to: number, drop: number): number {
    this.sort(sheet, from, to);
    let total = 0;
    for (let i = drop; i < to - from - drop; i++) total += this.sorted[i] as number;
    return total;
  }

  private sort(sheet: EntrySheet, from: number, to: number): void {
    const count = to - from;
    if (this.sorted.length < count) this.sorted = new Float64Array(2 * count);
    const sorted = this.sorted;
    const scaled = sheet.book.scaled;
    for (let i = 0; i < count; i++) {
      const value = scaled[from + i] as number;
      let j = i - 1;
      while (j >= 0 && (sorted[j] as number) > value) {
        sorted[j + 1] = sorted[j] as number;
        j--;
      }
      sorted[j + 1] = value;
    }
  }

  /** A module, criterion or the total, as `evaluateBranch` and `combineChildren` compute it. */
  private branch(index: number, node: PlanNode): boolean {
    const children = node.children;
    // A plain sum of children sharing a denominator is one integer sum (`sumOfCents`);
    // otherwise, and for a weighted sum, the parts are added one by one.
    if (node.weighted || children.length < 2 || !this.sumOfCents(index, children)) {
      for (let c = 0; c < children.length; c++) {
        const child = children[c] as number;
        const weight = node.weights[c];
        if (c === 0) {
          if (weight) {
            if (!this.mul(index, child, weight)) return false;
          } else this.copy(index, child);
        } else if (weight) {
          if (!this.mul(SPARE, child, weight) || !this.addTo(index, SPARE)) return false;
        } else if (!this.addTo(index, child)) return false;
      }
    }
    const round = node.round;
    return round
      ? this.roundInto(index, this.n[index] as number, this.d[index] as number, round)
      : true;
  }

  /**
   * `sumOfCents`: children sharing one denominator (of at most `REDUCE_ABOVE`) add up as one
   * integer sum. False when they do not; then they are added one by one.
   */
  private sumOfCents(index: number, children: Int32Array): boolean {
    const first = children[0] as number;
    const denominator = this.d[first] as number;
    if (denominator > REDUCE_ABOVE) return false;
    let numerator = 0;
    let places = this.p[first] as number;
    for (let c = 0; c < children.length; c++) {
      const child = children[c] as number;
      if ((this.d[child] as number) !== denominator) return false;
      numerator += this.n[child] as number;
      // The general path then adds them one by one, and so does the caller.
      if (!Number.isSafeInteger(numerator)) return false;
      const own = this.p[child] as number;
      places = places === NO_PLACES || own === NO_PLACES ? NO_PLACES : Math.max(places, own);
    }
    return this.put(index, numerator, denominator, places);
  }

  private copy(index: number, from: number): void {
    this.n[index] = this.n[from] as number;
    this.d[index] = this.d[from] as number;
    this.p[index] = this.p[from] as number;
  }

  /** value[index] = value[from] × constant, as `Exact.mul`. */
  private mul(index: number, from: number, by: PlanConstant): boolean {
    const places = this.p[from] as number;
    return this.put(
      index,
      (this.n[from] as number) * by.n,
      (this.d[from] as number) * by.d,
      places === NO_PLACES ? NO_PLACES : places + by.places,
    );
  }

  /** value[index] += value[from] (or the spare register), as `Exact.add`. */
  private addTo(index: number, from: number): boolean {
    const an = this.n[index] as number;
    const ad = this.d[index] as number;
    const ap = this.p[index] as number;
    const bn = from === SPARE ? spare.n : (this.n[from] as number);
    const bd = from === SPARE ? spare.d : (this.d[from] as number);
    const bp = from === SPARE ? spare.p : (this.p[from] as number);
    const places = ap === NO_PLACES || bp === NO_PLACES ? NO_PLACES : Math.max(ap, bp);
    if (ad === bd) return this.put(index, an + bn, ad, places);
    const left = an * bd;
    const right = bn * ad;
    if (!Number.isSafeInteger(left) || !Number.isSafeInteger(right)) return false;
    return this.put(index, left + right, ad * bd, places);
  }

  /**
   * Keeps n / d as `Exact.fraction` (and every operation's `Exact.small`) would: sign on the
   * numerator, zero as 0 / 1, a denominator above `REDUCE_ABOVE` reduced (into `SPARE` too). False when a number is not a safe integer (the general path then goes to BigInt).
   */
  private put(index: number, numerator: number, denominator: number, places: number): boolean {
    let n = numerator;
    let d = denominator;
    if (!Number.isSafeInteger(n) || !Number.isSafeInteger(d) || d === 0) return false;
    if (d < 0) {
      n = -n;
      d = -d;
    }
    if (n === 0) {
      n = 0;
      d = 1;
    } else if (d > REDUCE_ABOVE) {
      const g = gcd(n, d);
      if (g > 1) {
        n /= g;
        d /= g;
      }
    }
    if (index === SPARE) {
      spare.n = n;
      spare.d = d;
      spare.p = places;
    } else {
      this.n[index] = n;
      this.d[index] = d;
      this.p[index] = places;
    }
    return true;
  }

  /** n / d rounded, as `Exact.round` and `Exact.roundedFraction` round in safe integers. */
  private roundInto(index: number, n: number, d: number, rounding: PlanRounding): boolean {
    const places = rounding.places;
    if (!Number.isSafeInteger(n) || !Number.isSafeInteger(d) || d <= 0) return false;
    if (places >= POW10.length) return false;
    const unit = POW10[places] as number;
    const scaled = n * unit;
    if (!Number.isSafeInteger(scaled)) return false;
    const rest = remainder(scaled, d);
    const quotient = (scaled - rest) / d;
    const rounded = quotient + roundingStep(quotient, rest, d, scaled < 0, rounding.mode);
    if (!Number.isSafeInteger(rounded)) return false;
    this.n[index] = rounded === 0 ? 0 : rounded;
    this.d[index] = unit;
    this.p[index] = places;
    return true;
  }
}

/** The spare register: a weighted part before it is added. */
const SPARE = -1;
const spare = { n: 0, d: 1, p: NO_PLACES };

/** per compiled rubric: its plan, or null when it has none */
const plans = new WeakMap<CompiledRubric, TotalsPlan | null>();

class Unsupported extends Error {}

function planRounding(rounding: CompiledRounding): PlanRounding {
  if (rounding.step !== undefined || rounding.places === undefined) throw new Unsupported();
  return { places: rounding.places, mode: rounding.mode };
}

function constant(value: Exact): PlanConstant {
  const parts = value.parts;
  if (!parts || value.places === undefined) throw new Unsupported();
  return { n: parts[0], d: parts[1], places: value.places };
}

function requiredMax(node: CompiledNode): Exact {
  if (!node.max) throw new Unsupported();
  return node.max;
}

function minimumMarks(method: Method, trim: number, keep: number): number {
  switch (method) {
    case Method.TrimmedMean:
      return 2 * trim + 1;
    case Method.MiddleSum:
      return keep;
    default:
      return 1;
  }
}

function placesOf(places: number): number | undefined {
  return places === NO_PLACES ? undefined : places;
}

function gcd(a: number, b: number): number {
  let x = a < 0 ? -a : a;
  let y = b < 0 ? -b : b;
  while (y !== 0) {
    const t = remainder(x, y);
    x = y;
    y = t;
  }
  return x;
}
