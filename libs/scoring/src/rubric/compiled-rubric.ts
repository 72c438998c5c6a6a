import { Exact, type RoundingMode } from '../exact/exact';
import type { DecimalInput, LocalisedName, Rounding } from './primitives.schema';
import type {
  Aspect,
  AttemptsRule,
  Combination,
  MeasurementRule,
  PanelRule,
  ParameterDefinition,
  Rubric,
  TransformStep,
} from './rubric.schema';
import { formatPath, TOTAL_NODE_ID } from './rubric-tree';

/**
 * A validated rubric turned into the form scoring walks: decimals parsed into `Exact`, defaults
 * filled in, every aspect given the slots its marks go into. Compiled once per rubric object and
 * cached, so scoring an event again costs no re-compilation.
 */

export type NodeLevel = 'total' | 'module' | 'criterion' | 'aspect';

export interface CompiledRounding {
  readonly places: number | undefined;
  readonly step: Exact | undefined;
  readonly mode: RoundingMode;
}

export interface CompiledStep {
  readonly op: TransformStep['op'];
  readonly value: Exact | undefined;
  readonly parameter: string | undefined;
  readonly round: CompiledRounding | undefined;
}

export type PanelMethod = PanelRule['method'];
export type MissingJudgeRule = NonNullable<PanelRule['missingJudge']>;

export interface CompiledPanel {
  readonly method: PanelMethod;
  readonly trim: number;
  readonly keep: number;
  readonly judges: number | undefined;
  readonly missingJudge: MissingJudgeRule;
  readonly substituteRounding: CompiledRounding | undefined;
  readonly spreadLimit: Exact | undefined;
  /** the spread limit's numerator and denominator, for comparing without allocating */
  readonly spreadLimitParts: readonly [number, number] | undefined;
}

export interface CompiledBand {
  readonly lower: Exact | undefined;
  readonly upper: Exact | undefined;
  readonly points: Exact;
}

export type CompiledMeasurementRule =
  | { readonly type: 'pass_fail' }
  | {
      readonly type: 'all_or_nothing';
      readonly lower: Exact | undefined;
      readonly upper: Exact | undefined;
    }
  | { readonly type: 'bands'; readonly bands: readonly CompiledBand[] };

export type CompiledKind =
  | {
      readonly kind: 'judgement';
      readonly min: Exact;
      readonly top: Exact;
      readonly step: Exact;
      readonly valuation: 'share_of_max' | 'as_marked';
      /** decimals a mark on this scale can have */
      readonly places: number;
    }
  | { readonly kind: 'measurement'; readonly rule: CompiledMeasurementRule }
  | {
      readonly kind: 'deduction';
      readonly perOccurrence: Exact;
      readonly cap: Exact | undefined;
      readonly from: 'parent' | 'max';
      readonly floorAtZero: boolean;
    }
  | {
      readonly kind: 'time';
      readonly best: Exact;
      readonly worst: Exact;
      readonly pointsAtWorst: Exact;
    }
  | { readonly kind: 'imported'; readonly outOf: Exact | undefined };

export interface CompiledAttempts {
  readonly count: number;
  readonly combine: AttemptsRule['combine'];
  readonly required: number;
  readonly label: LocalisedName | undefined;
}

export interface CompiledNode {
  readonly id: string;
  readonly level: NodeLevel;
  readonly name: LocalisedName;
  /** where the node is in the rubric JSON, e.g. "modules[0].criteria[1]" */
  readonly path: string;
  readonly parent: CompiledNode | undefined;
  readonly children: readonly CompiledNode[];
  readonly combine: Combination;
  readonly weight: Exact | undefined;
  readonly max: Exact | undefined;
  readonly round: CompiledRounding | undefined;
  readonly valueTransform: readonly CompiledStep[];
  readonly markTransform: readonly CompiledStep[];
  readonly attempts: CompiledAttempts | undefined;
  /** aspects always have one (a default by kind); other nodes only when judged as a whole */
  readonly panel: CompiledPanel | undefined;
  readonly kind: CompiledKind | undefined;
  /** aspects: index of the first slot of its marks in an entry's sheet; -1 for other nodes */
  readonly slot: number;
  /** this node or the ancestor whose attempts repeat it */
  readonly repeatedBy: CompiledNode | undefined;
  /** the aspects in this node's subtree (itself, for an aspect) */
  readonly aspects: readonly CompiledNode[];
}

export interface CompiledRubric {
  readonly rubric: Rubric;
  readonly total: CompiledNode;
  readonly nodes: ReadonlyMap<string, CompiledNode>;
  readonly aspects: readonly CompiledNode[];
  /** number of mark slots per entry: one per aspect and attempt */
  readonly slotCount: number;
  readonly parameters: ReadonlyMap<string, ParameterDefinition>;
  /** child indices from the total down to each node outside attempts and judged nodes */
  readonly childPaths: ReadonlyMap<string, readonly number[]>;
  /** nodes the ranking rule reads (besides the total) */
  readonly rankedNodes: readonly string[];
}

const cache = new WeakMap<Rubric, CompiledRubric>();

/** Compiles a rubric that has passed `rubricSchema`; cached per rubric object. */
export function compileRubric(rubric: Rubric): CompiledRubric {
  let compiled = cache.get(rubric);
  if (!compiled) {
    compiled = new RubricCompiler(rubric).compile();
    cache.set(rubric, compiled);
  }
  return compiled;
}

function exactOrUndefined(value: DecimalInput | undefined): Exact | undefined {
  return value === undefined ? undefined : Exact.parse(value);
}

export function compileRounding(rounding: Rounding): CompiledRounding {
  return { places: rounding.decimals, step: exactOrUndefined(rounding.step), mode: rounding.mode };
}

function compileSteps(steps: readonly TransformStep[] | undefined): CompiledStep[] {
  return (steps ?? []).map((step) => ({
    op: step.op,
    value: exactOrUndefined(step.value),
    parameter: step.parameter,
    round: step.round ? compileRounding(step.round) : undefined,
  }));
}

const AVERAGE_PANEL: PanelRule = { method: 'mean' };
const SINGLE_PANEL: PanelRule = { method: 'single' };

export function compilePanel(panel: PanelRule): CompiledPanel {
  const spreadLimit = exactOrUndefined(panel.spreadLimit);
  return {
    method: panel.method,
    trim: panel.trim ?? 0,
    keep: panel.keep ?? 0,
    judges: panel.judges,
    missingJudge: panel.missingJudge ?? 'refuse',
    substituteRounding: panel.substituteRounding
      ? compileRounding(panel.substituteRounding)
      : undefined,
    spreadLimit,
    spreadLimitParts: spreadLimit?.parts,
  };
}

/** The panel of an aspect that is marked once per judge inside a node judged as a whole. */
export const ONE_JUDGE_PANEL: CompiledPanel = compilePanel(SINGLE_PANEL);

function placesOf(value: Exact): number {
  return value.terminatingPlaces() ?? 0;
}

function compileKind(aspect: Aspect): CompiledKind {
  switch (aspect.kind) {
    case 'judgement': {
      const min = Exact.parse(aspect.scale.min ?? 0);
      const top = Exact.parse(aspect.scale.top);
      const step = Exact.parse(aspect.scale.step);
      const places = Math.max(placesOf(min), placesOf(top), placesOf(step));
      return { kind: 'judgement', min, top, step, valuation: aspect.valuation, places };
    }
    case 'measurement':
      return { kind: 'measurement', rule: compileMeasurementRule(aspect.rule) };
    case 'deduction':
      return {
        kind: 'deduction',
        perOccurrence: Exact.parse(aspect.perOccurrence),
        cap: exactOrUndefined(aspect.cap),
        from: aspect.from ?? 'parent',
        floorAtZero: aspect.floorAtZero ?? true,
      };
    case 'time':
      return {
        kind: 'time',
        best: Exact.parse(aspect.best),
        worst: Exact.parse(aspect.worst),
        pointsAtWorst: Exact.parse(aspect.pointsAtWorst ?? 0),
      };
    case 'imported':
      return { kind: 'imported', outOf: exactOrUndefined(aspect.outOf) };
    default:
      return aspect satisfies never;
  }
}

function compileMeasurementRule(rule: MeasurementRule): CompiledMeasurementRule {
  switch (rule.type) {
    case 'pass_fail':
      return { type: 'pass_fail' };
    case 'all_or_nothing':
      return {
        type: 'all_or_nothing',
        lower: exactOrUndefined(rule.lower),
        upper: exactOrUndefined(rule.upper),
      };
    case 'bands':
      return {
        type: 'bands',
        bands: rule.bands.map((band) => ({
          lower: exactOrUndefined(band.lower),
          upper: exactOrUndefined(band.upper),
          points: Exact.parse(band.points),
        })),
      };
    default:
      return rule satisfies never;
  }
}

function defaultPanel(aspect: Aspect): PanelRule {
  return aspect.kind === 'judgement' ? AVERAGE_PANEL : SINGLE_PANEL;
}

function compileAttempts(attempts: AttemptsRule | undefined): CompiledAttempts | undefined {
  if (!attempts) return undefined;
  return {
    count: attempts.count,
    combine: attempts.combine,
    required: attempts.required ?? attempts.count,
    label: attempts.label,
  };
}

interface NodeSource {
  readonly id: string;
  readonly level: NodeLevel;
  readonly name: LocalisedName;
  readonly path: (string | number)[];
  readonly combine?: Combination | undefined;
  readonly weight?: DecimalInput | undefined;
  readonly max?: DecimalInput | undefined;
  readonly round?: Rounding | undefined;
  readonly valueTransform?: TransformStep[] | undefined;
  readonly markTransform?: TransformStep[] | undefined;
  readonly attempts?: AttemptsRule | undefined;
  readonly panel?: PanelRule | undefined;
  readonly aspect?: Aspect;
}

type MutableNode = { -readonly [K in keyof CompiledNode]: CompiledNode[K] } & {
  children: CompiledNode[];
  aspects: CompiledNode[];
  parent: MutableNode | undefined;
};

class RubricCompiler {
  private slotCount = 0;
  private readonly nodes = new Map<string, CompiledNode>();
  private readonly aspects: CompiledNode[] = [];

  constructor(private readonly rubric: Rubric) {}

  compile(): CompiledRubric {
    const rubric = this.rubric;
    const total = this.node(
      {
        id: TOTAL_NODE_ID,
        level: 'total',
        name: rubric.total?.name ?? { zh: '总分', en: 'Total' },
        path: ['total'],
        combine: rubric.total?.combine,
        max: rubric.total?.max,
        round: rubric.total?.round,
        valueTransform: rubric.total?.valueTransform,
      },
      undefined,
    );
    rubric.modules.forEach((module, m) => {
      const moduleNode = this.node({ ...module, level: 'module', path: ['modules', m] }, total);
      module.criteria.forEach((criterion, c) => {
        const criterionNode = this.node(
          { ...criterion, level: 'criterion', path: ['modules', m, 'criteria', c] },
          moduleNode,
        );
        criterion.aspects.forEach((aspect, a) => {
          this.node(
            {
              ...aspect,
              level: 'aspect',
              aspect,
              path: ['modules', m, 'criteria', c, 'aspects', a],
            },
            criterionNode,
          );
        });
      });
    });
    return {
      rubric,
      total,
      nodes: this.nodes,
      aspects: this.aspects,
      slotCount: this.slotCount,
      parameters: new Map((rubric.parameters ?? []).map((parameter) => [parameter.id, parameter])),
      childPaths: childPaths(total),
      rankedNodes: rankedNodes(rubric),
    };
  }

  private node(source: NodeSource, parent: MutableNode | undefined): MutableNode {
    const attempts = compileAttempts(source.attempts);
    const panelRule = source.aspect ? (source.panel ?? defaultPanel(source.aspect)) : source.panel;
    const node: MutableNode = {
      id: source.id,
      level: source.level,
      name: source.name,
      path: formatPath(source.path),
      parent,
      children: [],
      combine: source.combine ?? 'sum',
      weight: exactOrUndefined(source.weight),
      max: exactOrUndefined(source.max),
      round: source.round ? compileRounding(source.round) : undefined,
      valueTransform: compileSteps(source.valueTransform),
      markTransform: compileSteps(source.markTransform),
      attempts,
      panel: panelRule ? compilePanel(panelRule) : undefined,
      kind: source.aspect ? compileKind(source.aspect) : undefined,
      slot: -1,
      repeatedBy: attempts ? undefined : parent?.repeatedBy,
      aspects: [],
    };
    if (attempts) node.repeatedBy = node;
    if (source.aspect) {
      node.slot = this.slotCount;
      this.slotCount += node.repeatedBy?.attempts?.count ?? 1;
      this.aspects.push(node);
      for (let owner: MutableNode | undefined = node; owner; owner = owner.parent)
        owner.aspects.push(node);
    }
    parent?.children.push(node);
    this.nodes.set(node.id, node);
    return node;
  }
}

function childPaths(total: CompiledNode): Map<string, number[]> {
  const paths = new Map<string, number[]>();
  const visit = (node: CompiledNode, path: number[]): void => {
    paths.set(node.id, path);
    // Inside attempts or a node judged as a whole there is one figure per attempt or judge.
    if (node.attempts || (node.panel && node.level !== 'aspect')) return;
    node.children.forEach((child, index) => visit(child, [...path, index]));
  };
  visit(total, []);
  return paths;
}

function rankedNodes(rubric: Rubric): string[] {
  const ids = new Set<string>();
  if (rubric.ranking?.by !== undefined) ids.add(rubric.ranking.by);
  for (const tieBreak of rubric.ranking?.tieBreaks ?? [])
    if (tieBreak.by !== 'field') ids.add(tieBreak.node);
  ids.delete(TOTAL_NODE_ID);
  return [...ids];
}

/** True when `ancestor` is `node` or one of its ancestors. */
export function isWithin(node: CompiledNode, ancestorId: string): boolean {
  for (let current: CompiledNode | undefined = node; current; current = current.parent) {
    if (current.id === ancestorId) return true;
  }
  return false;
}
