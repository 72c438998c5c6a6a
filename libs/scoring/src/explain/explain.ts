import { Exact } from '../exact/exact';
import type { EntrySheet } from '../marks/score-sheet';
import type { CompiledNode, CompiledRubric, CompiledStep } from '../rubric/compiled-rubric';
import { evaluateTree } from '../scoring/evaluate';
import type { NodeIssue, NodeResult, NodeStatus } from '../scoring/results';
import { type KindWorking, type ShownMark, type Working, WorkingBook } from '../scoring/working';
import { figure, type Language, type Phrases, phrasesFor } from './phrases';

/**
 * Explanations: the working of every node of an entry, as sentences a head judge can read aloud
 * to a competitor. The entry is scored again with its working recorded (the same code path as
 * scoring, so the explanation cannot disagree with the figure).
 */

export interface ExplanationLine {
  readonly node: string;
  readonly attempt?: number | undefined;
  /** 0 for the total, 1 for modules, 2 for criteria, 3 for aspects */
  readonly depth: number;
  /** the node's name, with the attempt, e.g. "动作（第 2 跳）" */
  readonly name: string;
  readonly value: string | null;
  readonly status: NodeStatus;
  /** the marks (or judges' subtotals) behind the figure, as entered */
  readonly marks?:
    readonly { readonly judge?: string | undefined; readonly value: string }[] | undefined;
  readonly text: string;
}

export function explainSheet(
  compiled: CompiledRubric,
  sheet: EntrySheet,
  language: Language,
): ExplanationLine[] {
  const book = new WorkingBook();
  const tree = evaluateTree(compiled, sheet, book);
  const writer = new ExplanationWriter(compiled, phrasesFor(language), language);
  const lines: ExplanationLine[] = [];
  const visit = (result: NodeResult, depth: number): void => {
    const node = compiled.nodes.get(result.node) as CompiledNode;
    const working = book.read(result.node, result.attempt);
    const marks = working.find((step) => step.step === 'marks');
    lines.push({
      node: result.node,
      attempt: result.attempt,
      depth,
      name: writer.nodeName(node, result.attempt),
      value: result.value === null ? null : result.value.toString(),
      status: result.status,
      marks:
        marks &&
        byJudge(marks.marks).map((mark) => ({ judge: mark.judge, value: mark.value.toString() })),
      text: writer.sentence(node, working),
    });
    for (const attempt of result.attempts ?? []) visit(attempt, depth);
    for (const child of result.children ?? []) visit(child, depth + 1);
  };
  visit(tree, 0);
  return lines;
}

const HUNDRED = Exact.of(100);

class ExplanationWriter {
  constructor(
    private readonly compiled: CompiledRubric,
    private readonly say: Phrases,
    private readonly language: Language,
  ) {}

  nodeName(node: CompiledNode, attempt: number | undefined): string {
    const name = node.name[this.language];
    if (attempt === undefined) return name;
    return this.language === 'zh'
      ? `${name}（${this.attemptLabel(node, attempt)}）`
      : `${name} (${this.attemptLabel(node, attempt)})`;
  }

  private attemptLabel(node: CompiledNode, attempt: number): string {
    const label = node.repeatedBy?.attempts?.label?.[this.language];
    return label ? label.replace('{n}', String(attempt)) : this.say.attempt(attempt);
  }

  sentence(node: CompiledNode, working: readonly Working[]): string {
    const parts: string[] = [];
    let skipRound = false;
    working.forEach((step, index) => {
      if (step.step === 'round' && skipRound) {
        skipRound = false;
        return;
      }
      if (step.step === 'panel') {
        const rounded = this.foldedRounding(working, index);
        if (rounded) skipRound = true;
        const text = this.panel(step, rounded);
        if (text) parts.push(text);
        return;
      }
      const text = this.step(node, step);
      if (text) parts.push(text);
    });
    return parts.length === 0 ? '' : this.say.join(parts);
  }

  /**
   * "平均 8.43（保留 2 位小数，四舍五入）" rather than "平均 ≈8.4333；保留 2 位小数 = 8.43": when the
   * node's rounding directly follows the panel, the panel's figure is shown rounded.
   */
  private foldedRounding(working: readonly Working[], index: number): string | undefined {
    const panel = working[index];
    if (panel?.step !== 'panel') return undefined;
    let next = working[index + 1];
    if (next?.step === 'kind' && next.detail.kind === 'as_marked') next = working[index + 2];
    if (next?.step !== 'round') return undefined;
    if (!next.changed) return next.result.toString();
    const { places, step, mode } = next.rounding;
    return this.say.roundedNote(next.result.toString(), places, step?.toString(), mode);
  }

  private panel(
    step: Extract<Working, { step: 'panel' }>,
    rounded: string | undefined,
  ): string | undefined {
    // One recorded value says nothing the marks did not already say.
    if (step.method === 'single' && step.count === 1) return undefined;
    const list = (values: readonly Exact[]): string => this.say.list(values.map(figure));
    const result = this.say.panelResult(
      step.method,
      step.kept.length,
      rounded ?? figure(step.result),
    );
    if (step.low.length === 0 && step.high.length === 0) return result;
    return `${this.say.dropped(step.high.length, list(step.high), list(step.low))}${this.language === 'zh' ? '，' : ', '}${result}`;
  }

  private step(node: CompiledNode, step: Working): string | undefined {
    const say = this.say;
    switch (step.step) {
      case 'marks':
        return this.marks(step);
      case 'absent':
        return this.absent(step.judges, step.rule, step.accepted);
      case 'spread_accepted':
        return say.spreadAccepted(figure(step.spread), figure(step.limit));
      case 'mark_transform':
        return step.changed
          ? say.eachMark(
              this.operation(step.transform, step.operand),
              say.list(step.marks.map(figure)),
            )
          : undefined;
      case 'substitute':
        return say.substitute(figure(step.value));
      case 'panel':
        return this.panel(step, undefined);
      case 'kind':
        return this.kind(node, step.detail, step.result);
      case 'combine':
        return this.combine(step);
      case 'attempts':
        return this.attempts(node, step);
      case 'transform':
        return step.changed
          ? say.equals(this.operation(step.transform, step.operand), figure(step.result))
          : undefined;
      case 'round':
        if (!step.changed) return undefined;
        return say.equals(
          say.rounding(step.rounding.places, step.rounding.step?.toString(), step.rounding.mode),
          figure(step.result),
        );
      case 'issue':
        return this.issue(step.issue);
      default:
        return step satisfies never;
    }
  }

  private marks(step: Extract<Working, { step: 'marks' }>): string {
    const sorted = byJudge(step.marks);
    if (step.subtotals) {
      return this.say.subtotals(
        this.say.list(
          sorted.map((mark) => this.say.judgeValue(mark.judge ?? '', figure(mark.value))),
        ),
      );
    }
    if (sorted.length === 1 && sorted[0]?.judge === undefined)
      return this.say.recorded(figure(sorted[0].value));
    return this.say.marks(sorted.length, this.say.list(sorted.map((mark) => figure(mark.value))));
  }

  private absent(
    judges: readonly string[],
    rule: 'trim_remaining' | 'substitute_mean' | 'refuse',
    accepted: boolean,
  ): string {
    const names = this.say.list(judges);
    switch (rule) {
      case 'trim_remaining':
        return this.say.absentTrimmed(names);
      case 'substitute_mean':
        return this.say.absentSubstituted(names);
      case 'refuse':
        return accepted ? this.say.absentAccepted(names) : this.say.absentRefused(names);
      default:
        return rule satisfies never;
    }
  }

  private operation(step: CompiledStep, operand: Exact): string {
    if (step.op === 'round') {
      const rounding = step.round;
      return rounding
        ? this.say.rounding(rounding.places, rounding.step?.toString(), rounding.mode)
        : '';
    }
    const parameter =
      step.parameter === undefined ? undefined : this.compiled.parameters.get(step.parameter);
    return this.say.operation(step.op, figure(operand), parameter?.name[this.language]);
  }

  private kind(node: CompiledNode, detail: KindWorking, result: Exact): string | undefined {
    const say = this.say;
    switch (detail.kind) {
      case 'as_marked':
        return undefined;
      case 'judgement_share':
        return say.level(
          figure(detail.level),
          figure(detail.top),
          figure(detail.max),
          figure(result),
        );
      case 'measurement':
        return this.measurement(detail, result);
      case 'deduction': {
        const text = say.deduction(
          figure(detail.occurrences),
          figure(detail.perOccurrence),
          figure(detail.deducted),
          detail.capped,
        );
        if (detail.from === 'parent' || !node.max) return text;
        return `${text}${this.language === 'zh' ? '，' : ', '}${say.deductionFromMax(figure(node.max), figure(detail.deducted), figure(result))}`;
      }
      case 'time':
        return say.time(
          figure(detail.seconds),
          figure(detail.best),
          figure(detail.worst),
          figure(result),
        );
      case 'imported':
        if (!detail.outOf || !node.max) return say.imported(figure(detail.imported));
        return say.importedScaled(
          figure(detail.imported),
          figure(detail.outOf),
          figure(node.max),
          figure(result),
        );
      default:
        return detail satisfies never;
    }
  }

  private measurement(
    detail: Extract<KindWorking, { kind: 'measurement' }>,
    result: Exact,
  ): string {
    const say = this.say;
    const rule = detail.rule;
    const limits = (lower: Exact | undefined, upper: Exact | undefined): string =>
      say.limits(lower && figure(lower), upper && figure(upper));
    switch (rule.type) {
      case 'pass_fail':
        return say.passFail(detail.passed, figure(result));
      case 'all_or_nothing':
        return say.withinLimits(
          figure(detail.measured),
          limits(rule.lower, rule.upper),
          detail.passed,
          figure(result),
        );
      case 'bands': {
        const band = detail.bandIndex === undefined ? undefined : rule.bands[detail.bandIndex];
        return say.inBand(
          figure(detail.measured),
          detail.bandIndex === undefined ? undefined : detail.bandIndex + 1,
          band ? limits(band.lower, band.upper) : '',
          figure(result),
        );
      }
      default:
        return rule satisfies never;
    }
  }

  private combine(step: Extract<Working, { step: 'combine' }>): string {
    const terms = step.parts.map((part) => {
      const name = (this.compiled.nodes.get(part.node) as CompiledNode).name[this.language];
      if (part.value === null) return this.say.missing(name);
      if (step.method === 'weighted_sum' && part.weight)
        return this.say.weighted(name, figure(part.value), percent(part.weight));
      return `${name} ${figure(part.value)}`;
    });
    if (terms.length === 1) return terms[0];
    return this.say.equals(terms.join(' + '), figure(step.result));
  }

  private attempts(node: CompiledNode, step: Extract<Working, { step: 'attempts' }>): string {
    const label = (attempt: number): string => this.attemptLabel(node, attempt);
    const parts = step.parts.map((part) => {
      const value = part.value === null ? '—' : figure(part.value);
      if (step.combine === 'running_total' && part.runningTotal)
        return this.say.attemptRunning(label(part.attempt), value, figure(part.runningTotal));
      return this.say.attemptValue(label(part.attempt), value);
    });
    const summary =
      step.combine === 'best' && step.best !== undefined
        ? this.say.best(figure(step.result), label(step.best))
        : this.say.attemptsTotal(figure(step.result));
    return `${this.say.list(parts)}${this.language === 'zh' ? '；' : '; '}${summary}`;
  }

  private issue(issue: NodeIssue): string {
    const say = this.say.issue;
    switch (issue.code) {
      case 'no_marks':
        return say.noMarks;
      case 'marks_pending':
        return say.marksPending(issue.received, issue.expected);
      case 'too_many_marks':
        return say.tooManyMarks(issue.received, issue.expected);
      case 'spread_exceeded':
        return say.spreadExceeded(figure(issue.spread), figure(issue.limit));
      case 'judge_absent':
        return say.judgeAbsent(this.say.list(issue.absent));
      case 'cannot_trim':
        return say.cannotTrim(issue.received);
      case 'marks_differ':
        return say.marksDiffer;
      case 'missing_parameter': {
        const parameter = this.compiled.parameters.get(issue.parameter);
        return say.missingParameter(parameter ? parameter.name[this.language] : issue.parameter);
      }
      case 'attempts_pending':
        return say.attemptsPending(issue.complete, issue.required);
      default:
        return issue satisfies never;
    }
  }
}

/** Marks listed by judge, so an explanation never depends on the order marks arrived in. */
function byJudge(marks: readonly ShownMark[]): ShownMark[] {
  return [...marks].sort((a, b) =>
    (a.judge ?? '') < (b.judge ?? '') ? -1 : (a.judge ?? '') > (b.judge ?? '') ? 1 : 0,
  );
}

/** 0.3 → "30%"; a weight that is not a whole percentage stays a decimal. */
function percent(weight: Exact): string {
  const share = weight.mul(HUNDRED).withPlaces(undefined);
  return share.isTerminating() ? `${share.toString()}%` : figure(weight);
}
