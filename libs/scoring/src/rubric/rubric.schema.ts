import { z } from 'zod';
import {
  decimal,
  identifier,
  localisedName,
  nonNegativeDecimal,
  positiveDecimal,
  rounding,
  roundingMode,
} from './primitives.schema';
import { checkRubricRules } from './rubric-rules';

/**
 * The rubric (评分标准) as JSON: modules (模块) → criteria (评分项) → aspects (评分点), plus the
 * rules for ranking, awards, advancement and standardisation. Documented with an example of
 * every kind in docs/rubric-format.md.
 */

export const RUBRIC_FORMAT = 'jingsai.rubric';
export const RUBRIC_FORMAT_VERSION = 1;

/** One arithmetic step on a judge's mark (`markTransform`) or on a node's value (`valueTransform`). */
export const transformStep = z
  .strictObject({
    op: z.enum(['add', 'subtract', 'multiply', 'divide', 'at_least', 'at_most', 'round']),
    value: decimal.optional(),
    parameter: identifier.optional(),
    round: rounding.optional(),
  })
  .superRefine((step, ctx) => {
    if (step.op === 'round') {
      if (step.round === undefined)
        ctx.addIssue({ code: 'custom', message: 'is required for op "round"', path: ['round'] });
      if (step.value !== undefined || step.parameter !== undefined) {
        ctx.addIssue({ code: 'custom', message: 'op "round" takes only "round"', path: ['op'] });
      }
      return;
    }
    if ((step.value === undefined) === (step.parameter === undefined)) {
      ctx.addIssue({
        code: 'custom',
        message: 'give either "value" or "parameter"',
        path: ['value'],
      });
    }
    if (step.round !== undefined) {
      ctx.addIssue({ code: 'custom', message: 'only op "round" takes "round"', path: ['round'] });
    }
  });
export type TransformStep = z.infer<typeof transformStep>;

/** How the marks of several judges become one value. */
export const panelRule = z.strictObject({
  method: z.enum(['mean', 'median', 'trimmed_mean', 'middle_sum', 'sum', 'single']),
  /** trimmed_mean: drop this many highest and this many lowest marks */
  trim: z.int().min(1).optional(),
  /** middle_sum: add up this many middle marks */
  keep: z.int().min(1).optional(),
  /** judges on the panel; a mark short of this is pending until the judge is declared absent */
  judges: z.int().min(1).optional(),
  missingJudge: z.enum(['trim_remaining', 'substitute_mean', 'refuse']).optional(),
  substituteRounding: rounding.optional(),
  /** marks further apart than this (highest − lowest, as entered) need the head judge */
  spreadLimit: nonNegativeDecimal.optional(),
});
export type PanelRule = z.infer<typeof panelRule>;

export const attemptsRule = z.strictObject({
  count: z.int().min(1),
  combine: z.enum(['best', 'sum', 'running_total']),
  /** attempts needed before the node is complete; defaults to count */
  required: z.int().min(1).optional(),
  /** e.g. { "zh": "第 {n} 跳", "en": "Dive {n}" } */
  label: localisedName.optional(),
});
export type AttemptsRule = z.infer<typeof attemptsRule>;

const nodeFields = {
  id: identifier,
  name: localisedName,
  max: positiveDecimal.optional(),
  weight: positiveDecimal.optional(),
  round: rounding.optional(),
  valueTransform: z.array(transformStep).optional(),
  attempts: attemptsRule.optional(),
};

const aspectFields = {
  ...nodeFields,
  panel: panelRule.optional(),
  markTransform: z.array(transformStep).optional(),
};

export const judgementScale = z.strictObject({
  min: decimal.optional(),
  top: positiveDecimal,
  step: positiveDecimal,
});

export const judgementAspect = z.strictObject({
  ...aspectFields,
  kind: z.literal('judgement'),
  scale: judgementScale,
  /** share_of_max: max × level ÷ top (WorldSkills); as_marked: the panel's value itself */
  valuation: z.enum(['share_of_max', 'as_marked']),
});

export const toleranceBand = z.strictObject({
  lower: decimal.optional(),
  upper: decimal.optional(),
  points: nonNegativeDecimal,
});

export const measurementRule = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('pass_fail') }),
  z.strictObject({
    type: z.literal('all_or_nothing'),
    lower: decimal.optional(),
    upper: decimal.optional(),
  }),
  z.strictObject({ type: z.literal('bands'), bands: z.array(toleranceBand).min(1) }),
]);
export type MeasurementRule = z.infer<typeof measurementRule>;

export const measurementAspect = z.strictObject({
  ...aspectFields,
  kind: z.literal('measurement'),
  rule: measurementRule,
});

export const deductionAspect = z.strictObject({
  ...aspectFields,
  kind: z.literal('deduction'),
  perOccurrence: positiveDecimal,
  cap: positiveDecimal.optional(),
  /** parent: the aspect is negative and reduces its parent; max: the aspect starts at max */
  from: z.enum(['parent', 'max']).optional(),
  floorAtZero: z.boolean().optional(),
});

export const timeAspect = z.strictObject({
  ...aspectFields,
  kind: z.literal('time'),
  /** seconds at or under which the aspect earns max */
  best: nonNegativeDecimal,
  /** seconds at or over which the aspect earns pointsAtWorst */
  worst: positiveDecimal,
  pointsAtWorst: nonNegativeDecimal.optional(),
});

export const importedAspect = z.strictObject({
  ...aspectFields,
  kind: z.literal('imported'),
  /** when given, value = max × imported ÷ outOf */
  outOf: positiveDecimal.optional(),
});

export const aspect = z.discriminatedUnion('kind', [
  judgementAspect,
  measurementAspect,
  deductionAspect,
  timeAspect,
  importedAspect,
]);
export type Aspect = z.infer<typeof aspect>;
export type AspectKind = Aspect['kind'];

const combine = z.enum(['sum', 'weighted_sum']);
export type Combination = z.infer<typeof combine>;

export const criterion = z.strictObject({
  ...nodeFields,
  combine: combine.optional(),
  /** a panel here aggregates each judge's subtotal of the aspects instead of each aspect */
  panel: panelRule.optional(),
  markTransform: z.array(transformStep).optional(),
  aspects: z.array(aspect).min(1),
});
export type Criterion = z.infer<typeof criterion>;

export const rubricModule = z.strictObject({
  ...nodeFields,
  combine: combine.optional(),
  panel: panelRule.optional(),
  markTransform: z.array(transformStep).optional(),
  criteria: z.array(criterion).min(1),
});
export type RubricModule = z.infer<typeof rubricModule>;

export const parameterDefinition = z.strictObject({
  id: identifier,
  name: localisedName,
  default: decimal.optional(),
  min: decimal.optional(),
  max: decimal.optional(),
});
export type ParameterDefinition = z.infer<typeof parameterDefinition>;

export const fieldDefinition = z.strictObject({
  id: identifier,
  name: localisedName,
});
export type FieldDefinition = z.infer<typeof fieldDefinition>;

const order = z.enum(['desc', 'asc']);
export type SortOrder = z.infer<typeof order>;

export const tieBreak = z.discriminatedUnion('by', [
  z.strictObject({
    by: z.literal('node'),
    node: identifier,
    use: z.enum(['value', 'input']).optional(),
    order,
  }),
  z.strictObject({ by: z.literal('attempt'), node: identifier, nthBest: z.int().min(1), order }),
  z.strictObject({ by: z.literal('field'), field: identifier, order }),
]);
export type TieBreak = z.infer<typeof tieBreak>;

export const rankingRule = z.strictObject({
  /** node whose value ranks the entries; the rubric total when omitted */
  by: identifier.optional(),
  order: order.optional(),
  /** entry group keys ranked separately, e.g. ["event", "gender"] */
  groupBy: z.array(identifier).optional(),
  tieBreaks: z.array(tieBreak).optional(),
  /** shared: 1, 2, 2, 4; dense: 1, 2, 2, 3 */
  ties: z.enum(['shared', 'dense']).optional(),
});
export type RankingRule = z.infer<typeof rankingRule>;

export const awardTier = z.strictObject({
  id: identifier,
  name: localisedName,
  /** share of the finishers, e.g. 0.1 for 10 % */
  share: positiveDecimal.optional(),
  count: z.int().min(0).optional(),
  minScore: decimal.optional(),
});
export type AwardTier = z.infer<typeof awardTier>;

const boundaryTies = z.enum(['include', 'exclude']);

export const awardsRule = z.strictObject({
  tiers: z.array(awardTier).min(1),
  quotaRounding: roundingMode.optional(),
  /** include: everyone tied at a boundary gets the higher award; exclude: none of them does */
  ties: boundaryTies.optional(),
  /** which score minScore compares with */
  score: z.enum(['total', 'standardised']).optional(),
});
export type AwardsRule = z.infer<typeof awardsRule>;

export const advancementRule = z.strictObject({
  top: z.int().min(1).optional(),
  share: positiveDecimal.optional(),
  quotaRounding: roundingMode.optional(),
  ties: boundaryTies.optional(),
  minScore: decimal.optional(),
});
export type AdvancementRule = z.infer<typeof advancementRule>;

export const standardisationRule = z.strictObject({
  method: z.enum(['mean_sd', 'median_mad']),
  centre: decimal,
  /** points per unit of spread: standardised = centre + k × (x − centre of group) ÷ spread */
  k: positiveDecimal,
  sd: z.enum(['population', 'sample']).optional(),
  /** multiplies the MAD, e.g. 1.4826 to make it comparable with a standard deviation */
  madScale: positiveDecimal.optional(),
  round: rounding,
});
export type StandardisationRule = z.infer<typeof standardisationRule>;

export const totalRule = z.strictObject({
  name: localisedName.optional(),
  combine: combine.optional(),
  round: rounding.optional(),
  valueTransform: z.array(transformStep).optional(),
  max: positiveDecimal.optional(),
});
export type TotalRule = z.infer<typeof totalRule>;

/** The rubric's shape; `rubricSchema` adds the rules that span fields (ids, weights, references). */
export const rubricShape = z.strictObject({
  format: z.literal(RUBRIC_FORMAT),
  version: z.literal(RUBRIC_FORMAT_VERSION),
  id: identifier,
  /** the organiser's own version of this rubric, e.g. "2025-06-01" */
  revision: z.string().min(1),
  name: localisedName,
  parameters: z.array(parameterDefinition).optional(),
  fields: z.array(fieldDefinition).optional(),
  total: totalRule.optional(),
  modules: z.array(rubricModule).min(1),
  ranking: rankingRule.optional(),
  awards: awardsRule.optional(),
  advancement: advancementRule.optional(),
  standardisation: standardisationRule.optional(),
});

export type Rubric = z.infer<typeof rubricShape>;

export const rubricSchema = rubricShape.superRefine(checkRubricRules);
export type RubricNode = RubricModule | Criterion | Aspect;
