import { Exact } from '../exact/exact';
import { ScoringRangeError } from '../errors';
import { unitFor } from '../marks/mark-value';
import type { Mark } from '../marks/marks.schema';
import { type EntrySheet, slotCount } from '../marks/score-sheet';
import {
  type CompiledKind,
  type CompiledNode,
  type CompiledPanel,
  type CompiledRounding,
  type CompiledRubric,
  isWithin,
  ONE_JUDGE_PANEL,
} from '../rubric/compiled-rubric';
import { aspectPoints } from './aspect-points';
import {
  aggregate,
  fromScaledMarks,
  minimumMarks,
  type ScaledMarks,
  spreadOver,
  toScaledMarks,
} from './panel';
import type { JudgeSubtotal, NodeIssue, NodeResult, NodeStatus } from './results';
import { worstStatus } from './results';
import { applyStep, roundWith, stepOperand } from './transform';
import type { AttemptPart, ShownMark, Working, WorkingBook } from './working';

/**
 * Scores one entry: walks the rubric tree from the total down, computing each node from its
 * marks (aspects), its children (modules, criteria), each judge's subtotal (nodes judged as a
 * whole) or its attempts. When a `WorkingBook` is given, every node's working is recorded for
 * the explanation; otherwise only the results are kept. This is the hot path of scoring an
 * event, so it allocates little besides the results themselves.
 */

interface Evaluation {
  readonly compiled: CompiledRubric;
  readonly sheet: EntrySheet;
  /** inside a node judged as a whole: only this judge's marks count */
  readonly judge: string | undefined;
  readonly book: WorkingBook | undefined;
}

/** Every node's figure for one entry, from the total down. */
export function evaluateTree(
  compiled: CompiledRubric,
  sheet: EntrySheet,
  book?: WorkingBook,
): NodeResult {
  return evaluateNode(compiled.total, { compiled, sheet, judge: undefined, book }, undefined);
}

function evaluateNode(
  node: CompiledNode,
  context: Evaluation,
  attempt: number | undefined,
): NodeResult {
  if (node.attempts && attempt === undefined) return evaluateAttempts(node, node.attempts, context);
  if (node.level === 'aspect') return evaluateAspect(node, context, attempt);
  if (node.panel && context.judge === undefined)
    return evaluateJudgedNode(node, node.panel, context, attempt);
  return evaluateBranch(node, context, attempt);
}

function isIssue(outcome: Exact | NodeIssue): outcome is NodeIssue {
  return !(outcome instanceof Exact);
}

function issueStatus(issue: NodeIssue): NodeStatus {
  switch (issue.code) {
    case 'no_marks':
    case 'marks_pending':
    case 'missing_parameter':
    case 'attempts_pending':
      return 'incomplete';
    case 'too_many_marks':
    case 'spread_exceeded':
    case 'judge_absent':
    case 'cannot_trim':
    case 'marks_differ':
      return 'needs_review';
    default:
      return issue satisfies never;
  }
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** A node with no figure: marks pending, or waiting for the head judge. */
function unfinished(
  node: CompiledNode,
  context: Evaluation,
  attempt: number | undefined,
  issue: NodeIssue,
  working: Working[] | undefined,
): Writable<NodeResult> {
  if (working) {
    working.push({ step: 'issue', issue });
    context.book?.record(node.id, attempt, working);
  }
  const result: Writable<NodeResult> = {
    node: node.id,
    value: null,
    status: issueStatus(issue),
    issue,
  };
  if (attempt !== undefined) result.attempt = attempt;
  return result;
}

function finished(
  node: CompiledNode,
  context: Evaluation,
  attempt: number | undefined,
  value: Exact,
  status: NodeStatus,
  working: Working[] | undefined,
): Writable<NodeResult> {
  if (working) context.book?.record(node.id, attempt, working);
  const result: Writable<NodeResult> = { node: node.id, value, status };
  if (attempt !== undefined) result.attempt = attempt;
  return result;
}

/** The node's value transforms and rounding; an issue when a parameter has no value. */
function finalValue(
  node: CompiledNode,
  context: Evaluation,
  attempt: number | undefined,
  value: Exact,
  working: Working[] | undefined,
): Exact | NodeIssue {
  let result = value;
  for (const step of node.valueTransform) {
    const operand = stepOperand(step, context.compiled, context.sheet, node, attempt);
    if (!operand) return { code: 'missing_parameter', parameter: step.parameter ?? '' };
    const before = result;
    result = applyStep(step, result, operand);
    working?.push({
      step: 'transform',
      transform: step,
      operand,
      result,
      changed: !result.eq(before),
    });
  }
  if (node.round) {
    const before = result;
    result = roundWith(result, node.round);
    working?.push({ step: 'round', rounding: node.round, result, changed: !result.eq(before) });
  }
  return result;
}

// ── aspects ─────────────────────────────────────────────────────────────────────────────────

function evaluateAspect(
  node: CompiledNode,
  context: Evaluation,
  attempt: number | undefined,
): NodeResult {
  const kind = node.kind as CompiledKind;
  const working: Working[] | undefined = context.book ? [] : undefined;
  const slot = node.slot + (attempt ?? 1) - 1;
  const marks = readMarks(context, slot);
  let input: Exact;
  if (marks.values.length === 0) {
    // No deduction recorded means nothing to deduct; any other aspect waits for its marks.
    if (kind.kind !== 'deduction')
      return unfinished(node, context, attempt, { code: 'no_marks' }, working);
    input = Exact.ZERO;
  } else {
    if (working)
      working.push({ step: 'marks', marks: shownMarks(context, slot, marks), subtotals: false });
    const panel = context.judge === undefined ? (node.panel as CompiledPanel) : ONE_JUDGE_PANEL;
    // A mark as it is, rounded, with nothing recorded: the panel rounds its value at once.
    const rounding =
      working === undefined &&
      kind.kind === 'judgement' &&
      kind.valuation === 'as_marked' &&
      node.valueTransform.length === 0
        ? node.round
        : undefined;
    const outcome = runPanel(
      node,
      panel,
      marks,
      undefined,
      slot,
      context,
      attempt,
      working,
      rounding,
    );
    if (isIssue(outcome)) return unfinished(node, context, attempt, outcome, working);
    if (rounding !== undefined)
      return finished(node, context, attempt, outcome, 'complete', working);
    input = outcome;
  }
  const points = aspectPoints(kind, node.max, input, working);
  const value = finalValue(node, context, attempt, points, working);
  if (isIssue(value)) return unfinished(node, context, attempt, value, working);
  const result = finished(node, context, attempt, value, 'complete', working);
  // The panel's value in the marks' own unit, when it is not simply the points before rounding.
  if (!(kind.kind === 'judgement' && kind.valuation === 'as_marked')) result.input = input;
  return result;
}

/**
 * The marks of one slot as integers over a common unit: read straight from the mark book (where
 * each mark was scaled once when filed), rescaled only if marks were written with different
 * numbers of decimals. Inside a node judged as a whole, only the current judge's mark.
 */
function readMarks(context: Evaluation, slot: number): ScaledMarks {
  const { book, base } = context.sheet;
  const from = book.start[base + slot] as number;
  const to = book.start[base + slot + 1] as number;
  if (context.judge === undefined) {
    // The common case: every mark of the slot, all with the same decimals, read into an array
    // reused for every slot with this many marks (its values are used up by the panel).
    const marks = scratchMarks(to - from);
    const values = marks.values;
    let places = 0;
    let mixed = false;
    for (let p = from; p < to; p++) {
      const own = book.places[p] as number;
      if (p === from) places = own;
      else if (own !== places) mixed = true;
      values[p - from] = book.scaled[p] as number;
    }
    if (!mixed) {
      marks.unit = unitFor(places);
      marks.places = places;
      return marks;
    }
  }
  let places = 0;
  for (let p = from; p < to; p++) {
    const own = book.places[p] as number;
    if (own > places) places = own;
  }
  const values: number[] = [];
  for (let p = from; p < to; p++) {
    if (context.judge !== undefined && book.source.judge(book.order[p] as number) !== context.judge)
      continue;
    const own = book.places[p] as number;
    const value = (book.scaled[p] as number) * unitFor(places - own);
    if (!Number.isSafeInteger(value)) throw new ScoringRangeError('a mark cannot be read exactly');
    values.push(value);
  }
  return { values, unit: unitFor(places), places };
}

interface ReusedMarks {
  values: number[];
  unit: number;
  places: number | undefined;
}

/**
 * One reused `ScaledMarks` per number of marks. A slot's marks are read, checked and aggregated
 * before the next slot is read, and nothing keeps the array (explanations copy what they show),
 * so scoring 150,000 panels allocates no array for their marks.
 */
const reused: ReusedMarks[] = [];

function scratchMarks(count: number): ReusedMarks {
  let marks = reused[count];
  if (marks === undefined) {
    marks = { values: new Array<number>(count).fill(0), unit: 1, places: 0 };
    reused[count] = marks;
  }
  return marks;
}

function judgeOf(mark: Mark): string {
  return mark.judge ?? '';
}

/** Judges who marked this slot. */
function judgesIn(context: Evaluation, slot: number): string[] {
  const { book, base } = context.sheet;
  const judges: string[] = [];
  for (
    let p = book.start[base + slot] as number;
    p < (book.start[base + slot + 1] as number);
    p++
  ) {
    judges.push(book.source.judge(book.order[p] as number));
  }
  return judges;
}

function shownMarks(context: Evaluation, slot: number, marks: ScaledMarks): ShownMark[] {
  const { book, base } = context.sheet;
  const shown: ShownMark[] = [];
  for (
    let p = book.start[base + slot] as number;
    p < (book.start[base + slot + 1] as number);
    p++
  ) {
    const mark = book.source.mark(book.order[p] as number);
    if (context.judge !== undefined && judgeOf(mark) !== context.judge) continue;
    shown.push({
      judge: mark.judge,
      value: Exact.fraction(marks.values[shown.length] as number, marks.unit, marks.places),
    });
  }
  return shown;
}

// ── panels ──────────────────────────────────────────────────────────────────────────────────

/**
 * Spread limit, panel size and missing judges, mark transforms, then aggregation. `judges` are
 * the judges behind the marks when known (subtotals); otherwise they are read from `slot`.
 */
function runPanel(
  node: CompiledNode,
  panel: CompiledPanel,
  marks: ScaledMarks,
  judges: readonly string[] | undefined,
  slot: number,
  context: Evaluation,
  attempt: number | undefined,
  working: Working[] | undefined,
  rounding?: CompiledRounding,
): Exact | NodeIssue {
  if (panel.spreadLimit && marks.values.length >= 2) {
    const gap = spreadOver(marks, panel.spreadLimit, panel.spreadLimitParts);
    if (gap) {
      if (!isReviewed(node, context, attempt))
        return { code: 'spread_exceeded', spread: gap, limit: panel.spreadLimit };
      working?.push({ step: 'spread_accepted', spread: gap, limit: panel.spreadLimit });
    }
  }
  const count = marks.values.length;
  let substitutes = 0;
  if (panel.judges === undefined) {
    const needed = minimumMarks(panel);
    if (count < needed) return { code: 'marks_pending', received: count, expected: needed };
  } else if (count > panel.judges) {
    return { code: 'too_many_marks', received: count, expected: panel.judges };
  } else if (count < panel.judges) {
    const absent = absentJudges(node, context, judges ?? judgesIn(context, slot));
    if (count + absent.length < panel.judges)
      return { code: 'marks_pending', received: count, expected: panel.judges };
    const accepted = isReviewed(node, context, attempt);
    working?.push({ step: 'absent', judges: absent, rule: panel.missingJudge, accepted });
    if (panel.missingJudge === 'refuse' && !accepted) return { code: 'judge_absent', absent };
    if (panel.missingJudge === 'substitute_mean') substitutes = panel.judges - count;
  }
  let transformed = marks;
  if (node.markTransform.length > 0) {
    const outcome = transformMarks(node, context, attempt, marks, working);
    if ('code' in outcome) return outcome;
    transformed = outcome;
  }
  if (substitutes > 0) transformed = withSubstitutes(transformed, substitutes, panel, working);
  return aggregate(panel, transformed, working, rounding);
}

function isReviewed(node: CompiledNode, context: Evaluation, attempt: number | undefined): boolean {
  return context.sheet.reviews.some(
    (review) => review.node === node.id && review.attempt === attempt,
  );
}

/** Judges declared absent for this node who have not marked it. */
function absentJudges(
  node: CompiledNode,
  context: Evaluation,
  marked: readonly string[],
): string[] {
  const absent: string[] = [];
  for (const row of context.sheet.absences) {
    if (row.node !== undefined && !isWithin(node, row.node)) continue;
    if (marked.includes(row.judge) || absent.includes(row.judge)) continue;
    absent.push(row.judge);
  }
  return absent.sort();
}

function transformMarks(
  node: CompiledNode,
  context: Evaluation,
  attempt: number | undefined,
  marks: ScaledMarks,
  working: Working[] | undefined,
): ScaledMarks | NodeIssue {
  let values = fromScaledMarks(marks);
  for (const step of node.markTransform) {
    const operand = stepOperand(step, context.compiled, context.sheet, node, attempt);
    if (!operand) return { code: 'missing_parameter', parameter: step.parameter ?? '' };
    const before = values;
    values = values.map((value) => applyStep(step, value, operand));
    working?.push({
      step: 'mark_transform',
      transform: step,
      operand,
      marks: values,
      changed: values.some((value, i) => !value.eq(before[i] as Exact)),
    });
  }
  return toScaledMarks(values, marks.places);
}

/** Adds the mean of the present marks once for each missing judge. */
function withSubstitutes(
  marks: ScaledMarks,
  count: number,
  panel: CompiledPanel,
  working: Working[] | undefined,
): ScaledMarks {
  const present = fromScaledMarks(marks);
  let mean = Exact.fraction(
    marks.values.reduce((sum, value) => sum + value, 0),
    marks.values.length * marks.unit,
  );
  if (panel.substituteRounding) mean = roundWith(mean, panel.substituteRounding);
  working?.push({ step: 'substitute', count, value: mean });
  return toScaledMarks([...present, ...Array.from({ length: count }, () => mean)], marks.places);
}

// ── modules, criteria and the total ─────────────────────────────────────────────────────────

function evaluateBranch(
  node: CompiledNode,
  context: Evaluation,
  attempt: number | undefined,
): NodeResult {
  const working: Working[] | undefined = context.book ? [] : undefined;
  const children: NodeResult[] = [];
  let status: NodeStatus = 'complete';
  for (const child of node.children) {
    const result = evaluateNode(child, context, attempt);
    children.push(result);
    status = worstStatus(status, result.status);
  }
  const combined = combineChildren(node, children, working);
  let result: Writable<NodeResult>;
  if (combined === null) {
    if (working) context.book?.record(node.id, attempt, working);
    result = { node: node.id, value: null, status };
    if (attempt !== undefined) result.attempt = attempt;
  } else {
    const value = finalValue(node, context, attempt, combined, working);
    result = isIssue(value)
      ? unfinished(node, context, attempt, value, working)
      : finished(node, context, attempt, value, status, working);
  }
  result.children = children;
  return result;
}

/** Sum or weighted sum of the children that have a value; null when none has. */
function combineChildren(
  node: CompiledNode,
  children: readonly NodeResult[],
  working: Working[] | undefined,
): Exact | null {
  let total: Exact | null = node.combine === 'weighted_sum' ? null : sumOfCents(children);
  for (let i = total === null ? 0 : children.length; i < children.length; i++) {
    const value = (children[i] as NodeResult).value;
    if (value === null) continue;
    const weight = (node.children[i] as CompiledNode).weight;
    const part = node.combine === 'weighted_sum' && weight ? value.mul(weight) : value;
    total = total === null ? part : total.add(part);
  }
  if (working && total !== null) {
    working.push({
      step: 'combine',
      method: node.combine,
      parts: children.map((child, i) => ({
        node: child.node,
        value: child.value,
        weight: (node.children[i] as CompiledNode).weight,
      })),
      result: total,
    });
  }
  return total;
}

/**
 * The plain sum of the children's values when they all have one and share a denominator (as
 * values rounded to the same decimals do): one integer sum and one `Exact`, the same `Exact` as
 * adding them one by one. Null otherwise, and the caller adds them one by one.
 */
function sumOfCents(children: readonly NodeResult[]): Exact | null {
  const first = children[0]?.value;
  if (!first || children.length < 2) return null;
  const denominator = first.denominatorIfSmall();
  if (denominator === undefined) return null;
  let numerator = 0;
  let places: number | undefined = first.places;
  for (let i = 0; i < children.length; i++) {
    const value = (children[i] as NodeResult).value;
    if (value === null || value.denominatorIfSmall() !== denominator) return null;
    numerator += value.numeratorIfSmall() as number;
    if (!Number.isSafeInteger(numerator)) return null;
    places =
      places === undefined || value.places === undefined
        ? undefined
        : Math.max(places, value.places);
  }
  return Exact.fraction(numerator, denominator, places);
}

/** A module or criterion judged as a whole: each judge's subtotal, then the panel over them. */
function evaluateJudgedNode(
  node: CompiledNode,
  panel: CompiledPanel,
  context: Evaluation,
  attempt: number | undefined,
): NodeResult {
  const working: Working[] | undefined = context.book ? [] : undefined;
  const judges = judgesUnder(node, context, attempt);
  if (judges.length === 0) return unfinished(node, context, attempt, { code: 'no_marks' }, working);
  const subtotals: JudgeSubtotal[] = [];
  for (const judge of judges) {
    const judgeContext: Evaluation = { ...context, judge, book: undefined };
    const children = node.children.map((child) => evaluateNode(child, judgeContext, attempt));
    const value = children.every((child) => child.status === 'complete')
      ? combineChildren(node, children, undefined)
      : null;
    if (value !== null) subtotals.push({ judge, value });
  }
  let result: Writable<NodeResult>;
  if (subtotals.length < judges.length) {
    const expected = panel.judges ?? judges.length;
    result = unfinished(
      node,
      context,
      attempt,
      { code: 'marks_pending', received: subtotals.length, expected },
      working,
    );
  } else {
    const values = subtotals.map((subtotal) => subtotal.value);
    const places = values.every((value) => value.places !== undefined)
      ? Math.max(...values.map((value) => value.places ?? 0))
      : undefined;
    const scaled = toScaledMarks(values, places);
    working?.push({
      step: 'marks',
      marks: subtotals.map(({ judge, value }) => ({ judge, value })),
      subtotals: true,
    });
    const outcome = runPanel(node, panel, scaled, judges, -1, context, attempt, working);
    const value = isIssue(outcome) ? outcome : finalValue(node, context, attempt, outcome, working);
    result = isIssue(value)
      ? unfinished(node, context, attempt, value, working)
      : finished(node, context, attempt, value, 'complete', working);
  }
  result.judges = subtotals;
  return result;
}

function judgesUnder(
  node: CompiledNode,
  context: Evaluation,
  attempt: number | undefined,
): string[] {
  const judges = new Set<string>();
  for (const aspect of node.aspects) {
    for (const judge of judgesIn(context, aspect.slot + (attempt ?? 1) - 1)) judges.add(judge);
  }
  return [...judges].sort();
}

// ── attempts ────────────────────────────────────────────────────────────────────────────────

function evaluateAttempts(
  node: CompiledNode,
  rule: NonNullable<CompiledNode['attempts']>,
  context: Evaluation,
): NodeResult {
  const working: Working[] | undefined = context.book ? [] : undefined;
  let results: NodeResult[] = [];
  for (let attempt = 1; attempt <= rule.count; attempt++) {
    if (hasMarks(node, context, attempt)) results.push(evaluateNode(node, context, attempt));
  }
  let status: NodeStatus = 'complete';
  let complete = 0;
  for (const result of results) {
    status = worstStatus(status, result.status);
    if (result.status === 'complete') complete++;
  }
  let value: Exact | null = null;
  let best: number | undefined;
  if (rule.combine === 'best') {
    for (const result of results) {
      if (result.value !== null && (value === null || result.value.gt(value))) {
        value = result.value;
        best = result.attempt;
      }
    }
  } else {
    const running: NodeResult[] = [];
    for (const result of results) {
      if (result.value !== null) value = value === null ? result.value : value.add(result.value);
      running.push(rule.combine === 'running_total' ? { ...result, runningTotal: value } : result);
    }
    results = running;
  }
  if (working && value !== null) {
    const parts: AttemptPart[] = results.map((result) => ({
      attempt: result.attempt ?? 0,
      value: result.value,
      runningTotal: result.runningTotal,
    }));
    working.push({ step: 'attempts', combine: rule.combine, parts, best, result: value });
  }
  const result: Writable<NodeResult> = { node: node.id, value, status, attempts: results };
  if (status === 'complete' && complete < rule.required) {
    const issue: NodeIssue = { code: 'attempts_pending', complete, required: rule.required };
    working?.push({ step: 'issue', issue });
    result.status = 'incomplete';
    result.issue = issue;
  }
  if (working) context.book?.record(node.id, undefined, working);
  return result;
}

function hasMarks(node: CompiledNode, context: Evaluation, attempt: number): boolean {
  return node.aspects.some((aspect) => slotCount(context.sheet, aspect.slot + attempt - 1) > 0);
}
