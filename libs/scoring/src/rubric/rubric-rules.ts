import type { z } from 'zod';
import { Exact } from '../exact/exact';
import type { DecimalInput } from './primitives.schema';
import type { Aspect, PanelRule, Rubric, TransformStep } from './rubric.schema';
import {
  formatPath,
  type IssuePath,
  TOTAL_NODE_ID,
  type VisitedNode,
  walkRubric,
} from './rubric-tree';

/**
 * Rules of a rubric that span several fields: unique ids, weights adding up to 1, panel
 * settings that fit the panel size, references to parameters, nodes and fields. Each problem
 * is reported at the path of the field to fix.
 */

export interface RubricProblem {
  readonly path: IssuePath;
  readonly message: string;
}

export function checkRubricRules(rubric: Rubric, ctx: z.RefinementCtx): void {
  for (const problem of findRubricProblems(rubric)) {
    ctx.addIssue({ code: 'custom', message: problem.message, path: [...problem.path] });
  }
}

export function findRubricProblems(rubric: Rubric): RubricProblem[] {
  const problems: RubricProblem[] = [];
  const report = (path: IssuePath, message: string): void => {
    problems.push({ path, message });
  };
  const nodes = walkRubric(rubric);
  checkUniqueIds(rubric, nodes, report);
  checkWeights(rubric, report);
  for (const visit of nodes) {
    checkPanelPlacement(visit, report);
    checkAttempts(visit, report);
    if (visit.level === 'aspect') checkAspect(visit.node, visit.path, report);
    const panel = visit.node.panel;
    if (panel) checkPanel(panel, [...visit.path, 'panel'], report);
  }
  checkParameterReferences(rubric, nodes, report);
  checkRanking(rubric, nodes, report);
  checkAwards(rubric, report);
  checkAdvancement(rubric, report);
  checkStandardisation(rubric, report);
  return problems;
}

type Report = (path: IssuePath, message: string) => void;

function exact(value: DecimalInput): Exact {
  return Exact.parse(value);
}

function checkUniqueIds(rubric: Rubric, nodes: readonly VisitedNode[], report: Report): void {
  const seen = new Map<string, IssuePath>();
  for (const { node, path } of nodes) {
    if (node.id === TOTAL_NODE_ID)
      report([...path, 'id'], `"${TOTAL_NODE_ID}" is reserved for the rubric total`);
    const first = seen.get(node.id);
    if (first)
      report([...path, 'id'], `duplicate id "${node.id}" (also used at ${formatPath(first)})`);
    else seen.set(node.id, path);
  }
  checkUniqueList(rubric.parameters ?? [], ['parameters'], report);
  checkUniqueList(rubric.fields ?? [], ['fields'], report);
  checkUniqueList(rubric.awards?.tiers ?? [], ['awards', 'tiers'], report);
}

function checkUniqueList(items: readonly { id: string }[], path: IssuePath, report: Report): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.id)) report([...path, index, 'id'], `duplicate id "${item.id}"`);
    seen.add(item.id);
  });
}

interface WeightedParent {
  readonly path: IssuePath;
  readonly combine: 'sum' | 'weighted_sum' | undefined;
  readonly childKey: string;
  readonly children: readonly { weight?: DecimalInput | undefined }[];
}

function checkWeights(rubric: Rubric, report: Report): void {
  const parents: WeightedParent[] = [
    {
      path: ['total'],
      combine: rubric.total?.combine,
      childKey: 'modules',
      children: rubric.modules,
    },
  ];
  rubric.modules.forEach((module, m) => {
    parents.push({
      path: ['modules', m],
      combine: module.combine,
      childKey: 'criteria',
      children: module.criteria,
    });
    module.criteria.forEach((criterion, c) => {
      parents.push({
        path: ['modules', m, 'criteria', c],
        combine: criterion.combine,
        childKey: 'aspects',
        children: criterion.aspects,
      });
    });
  });
  for (const parent of parents) checkParentWeights(parent, report);
}

function checkParentWeights(parent: WeightedParent, report: Report): void {
  const childPath = (index: number): IssuePath =>
    parent.path[0] === 'total'
      ? [parent.childKey, index, 'weight']
      : [...parent.path, parent.childKey, index, 'weight'];
  if (parent.combine !== 'weighted_sum') {
    parent.children.forEach((child, index) => {
      if (child.weight !== undefined) {
        report(childPath(index), 'is only used when the parent\'s combine is "weighted_sum"');
      }
    });
    return;
  }
  let sum = Exact.ZERO;
  let complete = true;
  parent.children.forEach((child, index) => {
    if (child.weight === undefined) {
      report(childPath(index), 'is required because the parent\'s combine is "weighted_sum"');
      complete = false;
    } else {
      sum = sum.add(exact(child.weight));
    }
  });
  if (complete && !sum.eq(Exact.ONE)) {
    report(
      [...parent.path, 'combine'],
      `weights of the ${parent.childKey} must add up to 1 (they add up to ${sum.toString()})`,
    );
  }
}

function checkPanel(panel: PanelRule, path: IssuePath, report: Report): void {
  const { method, trim, keep, judges } = panel;
  if (method === 'trimmed_mean') {
    if (trim === undefined) report([...path, 'trim'], 'is required for method "trimmed_mean"');
    else if (judges !== undefined && judges <= 2 * trim) {
      report(
        [...path, 'judges'],
        `must be more than 2 × trim (${2 * trim}) so that a mark remains`,
      );
    }
  } else if (trim !== undefined) {
    report([...path, 'trim'], 'is only used by method "trimmed_mean"');
  }
  if (method === 'middle_sum') {
    if (keep === undefined) report([...path, 'keep'], 'is required for method "middle_sum"');
    else if (judges !== undefined && (judges < keep || (judges - keep) % 2 !== 0)) {
      report(
        [...path, 'judges'],
        `must be ${keep} or more, with an even number of marks to drop around the middle ${keep}`,
      );
    }
  } else if (keep !== undefined) {
    report([...path, 'keep'], 'is only used by method "middle_sum"');
  }
  if (panel.missingJudge !== undefined && judges === undefined) {
    report(
      [...path, 'judges'],
      'is required with "missingJudge" (the panel size tells who is missing)',
    );
  }
  if (panel.substituteRounding !== undefined && panel.missingJudge !== 'substitute_mean') {
    report([...path, 'substituteRounding'], 'is only used with missingJudge "substitute_mean"');
  }
}

function checkPanelPlacement(visit: VisitedNode, report: Report): void {
  const panelledAncestor = visit.ancestors.find((ancestor) => ancestor.node.panel !== undefined);
  if (panelledAncestor) {
    const where = formatPath(panelledAncestor.path);
    if (visit.node.panel)
      report([...visit.path, 'panel'], `cannot be set inside ${where}, which has a panel`);
    if (visit.node.attempts)
      report([...visit.path, 'attempts'], `cannot be set inside ${where}, which has a panel`);
    if (visit.level === 'aspect' && visit.node.kind === 'deduction') {
      report(
        [...visit.path, 'kind'],
        `deductions cannot sit inside ${where}, which aggregates each judge's subtotal`,
      );
    }
  }
  if (visit.level !== 'aspect' && visit.node.markTransform && !visit.node.panel) {
    report([...visit.path, 'markTransform'], 'needs a "panel" on the same node');
  }
}

function checkAttempts(visit: VisitedNode, report: Report): void {
  const attempts = visit.node.attempts;
  if (!attempts) return;
  if (attempts.required !== undefined && attempts.required > attempts.count) {
    report([...visit.path, 'attempts', 'required'], `must be <= count (${attempts.count})`);
  }
  const repeated = visit.ancestors.find((ancestor) => ancestor.node.attempts !== undefined);
  if (repeated)
    report(
      [...visit.path, 'attempts'],
      `cannot be nested inside the attempts of ${formatPath(repeated.path)}`,
    );
}

function checkAspect(aspect: Aspect, path: IssuePath, report: Report): void {
  const requireMax = (why: string): void => {
    if (aspect.max === undefined) report([...path, 'max'], `is required ${why}`);
  };
  switch (aspect.kind) {
    case 'judgement': {
      const min = exact(aspect.scale.min ?? 0);
      const top = exact(aspect.scale.top);
      const step = exact(aspect.scale.step);
      if (!min.lt(top)) report([...path, 'scale', 'top'], 'must be greater than scale.min');
      else if (!top.sub(min).div(step).isInteger()) {
        report([...path, 'scale', 'step'], 'must divide the scale from min to top evenly');
      }
      if (aspect.valuation === 'share_of_max') {
        requireMax('for valuation "share_of_max"');
        const method = aspect.panel?.method ?? 'mean';
        if (method === 'sum' || method === 'middle_sum') {
          report(
            [...path, 'panel', 'method'],
            'valuation "share_of_max" needs a level, so an averaging method (mean, median, trimmed_mean, single)',
          );
        }
      }
      return;
    }
    case 'measurement':
      checkMeasurement(aspect.rule, aspect.max, path, report);
      return;
    case 'deduction':
      if (aspect.from === 'max') requireMax('for from "max"');
      if (aspect.floorAtZero !== undefined && aspect.from !== 'max') {
        report(
          [...path, 'floorAtZero'],
          'is only used with from "max" (put an "at_least" step on the parent instead)',
        );
      }
      return;
    case 'time':
      requireMax('for a time aspect');
      if (!exact(aspect.best).lt(exact(aspect.worst)))
        report([...path, 'worst'], 'must be greater than best');
      if (
        aspect.pointsAtWorst !== undefined &&
        aspect.max !== undefined &&
        exact(aspect.pointsAtWorst).gt(exact(aspect.max))
      ) {
        report([...path, 'pointsAtWorst'], 'must be <= max');
      }
      return;
    case 'imported':
      if (aspect.outOf !== undefined) requireMax('with "outOf"');
      return;
    default:
      aspect satisfies never;
  }
}

function checkMeasurement(
  rule: Extract<Aspect, { kind: 'measurement' }>['rule'],
  max: DecimalInput | undefined,
  path: IssuePath,
  report: Report,
): void {
  const rulePath = [...path, 'rule'];
  switch (rule.type) {
    case 'pass_fail':
      if (max === undefined) report([...path, 'max'], 'is required for rule "pass_fail"');
      return;
    case 'all_or_nothing':
      if (max === undefined) report([...path, 'max'], 'is required for rule "all_or_nothing"');
      checkLimits(rule.lower, rule.upper, rulePath, report);
      return;
    case 'bands':
      rule.bands.forEach((band, index) => {
        checkLimits(band.lower, band.upper, [...rulePath, 'bands', index], report);
        if (max !== undefined && exact(band.points).gt(exact(max))) {
          report([...rulePath, 'bands', index, 'points'], 'must be <= max');
        }
      });
      return;
    default:
      rule satisfies never;
  }
}

function checkLimits(
  lower: DecimalInput | undefined,
  upper: DecimalInput | undefined,
  path: IssuePath,
  report: Report,
): void {
  if (lower === undefined && upper === undefined)
    report([...path, 'lower'], 'give "lower", "upper" or both');
  else if (lower !== undefined && upper !== undefined && exact(lower).gt(exact(upper))) {
    report([...path, 'upper'], 'must be >= lower');
  }
}

function checkParameterReferences(
  rubric: Rubric,
  nodes: readonly VisitedNode[],
  report: Report,
): void {
  const parameters = new Set((rubric.parameters ?? []).map((parameter) => parameter.id));
  const checkSteps = (steps: readonly TransformStep[] | undefined, path: IssuePath): void => {
    steps?.forEach((step, index) => {
      if (step.parameter !== undefined && !parameters.has(step.parameter)) {
        report(
          [...path, index, 'parameter'],
          `unknown parameter "${step.parameter}" (declare it in "parameters")`,
        );
      }
      if (step.op === 'divide' && step.value !== undefined && exact(step.value).isZero()) {
        report([...path, index, 'value'], 'must not be 0');
      }
    });
  };
  checkSteps(rubric.total?.valueTransform, ['total', 'valueTransform']);
  for (const { node, path } of nodes) {
    checkSteps(node.valueTransform, [...path, 'valueTransform']);
    checkSteps(node.markTransform, [...path, 'markTransform']);
  }
  (rubric.parameters ?? []).forEach((parameter, index) => {
    const { min, max } = parameter;
    if (min !== undefined && max !== undefined && exact(min).gt(exact(max))) {
      report(['parameters', index, 'max'], 'must be >= min');
    }
  });
}

function checkRanking(rubric: Rubric, nodes: readonly VisitedNode[], report: Report): void {
  const ranking = rubric.ranking;
  if (!ranking) return;
  const byId = new Map(nodes.map((visit) => [visit.node.id, visit]));
  const knownNode = (id: string): boolean => id === TOTAL_NODE_ID || byId.has(id);
  const checkNode = (id: string, path: IssuePath): boolean => {
    if (!knownNode(id)) {
      report(path, `unknown node "${id}"`);
      return false;
    }
    const hidden = byId
      .get(id)
      ?.ancestors.find((ancestor) => ancestor.node.attempts || ancestor.node.panel);
    if (hidden) {
      report(
        path,
        `"${id}" has one value per attempt or per judge inside ${formatPath(hidden.path)}; rank by that node instead`,
      );
      return false;
    }
    return true;
  };
  if (ranking.by !== undefined) checkNode(ranking.by, ['ranking', 'by']);
  const fields = new Set((rubric.fields ?? []).map((field) => field.id));
  ranking.tieBreaks?.forEach((tieBreak, index) => {
    const path = ['ranking', 'tieBreaks', index];
    switch (tieBreak.by) {
      case 'node': {
        if (!checkNode(tieBreak.node, [...path, 'node'])) return;
        if (tieBreak.use === 'input' && byId.get(tieBreak.node)?.level !== 'aspect') {
          report([...path, 'use'], '"input" (the aggregated mark) exists only on aspects');
        }
        return;
      }
      case 'attempt':
        if (!checkNode(tieBreak.node, [...path, 'node'])) return;
        if (!byId.get(tieBreak.node)?.node.attempts)
          report([...path, 'node'], `"${tieBreak.node}" must be a node with attempts`);
        return;
      case 'field':
        if (!fields.has(tieBreak.field))
          report([...path, 'field'], `unknown field "${tieBreak.field}" (declare it in "fields")`);
        return;
      default:
        tieBreak satisfies never;
    }
  });
}

function checkAwards(rubric: Rubric, report: Report): void {
  const awards = rubric.awards;
  if (!awards) return;
  let shares = Exact.ZERO;
  awards.tiers.forEach((tier, index) => {
    if ((tier.share === undefined) === (tier.count === undefined)) {
      report(['awards', 'tiers', index, 'share'], 'give either "share" or "count"');
    }
    if (tier.share !== undefined) shares = shares.add(exact(tier.share));
  });
  if (shares.gt(Exact.ONE))
    report(['awards', 'tiers'], `shares add up to ${shares.toString()}, more than 1`);
  if (awards.score === 'standardised' && !rubric.standardisation) {
    report(['awards', 'score'], '"standardised" needs a "standardisation" rule');
  }
}

function checkAdvancement(rubric: Rubric, report: Report): void {
  const advancement = rubric.advancement;
  if (!advancement) return;
  if ((advancement.top === undefined) === (advancement.share === undefined)) {
    report(['advancement', 'top'], 'give either "top" or "share"');
  }
  if (advancement.share !== undefined && exact(advancement.share).gt(Exact.ONE)) {
    report(['advancement', 'share'], 'must be <= 1');
  }
}

function checkStandardisation(rubric: Rubric, report: Report): void {
  const rule = rubric.standardisation;
  if (!rule) return;
  if (rule.madScale !== undefined && rule.method !== 'median_mad') {
    report(['standardisation', 'madScale'], 'is only used by method "median_mad"');
  }
  if (rule.sd !== undefined && rule.method !== 'mean_sd')
    report(['standardisation', 'sd'], 'is only used by method "mean_sd"');
}
