/**
 * @jingsai/scoring — the scoring engine of Jingsai (竞赛).
 *
 * Rubric and marks in, exact results out: every node's figure, its status and an explanation a
 * head judge can read aloud, then places, awards, advancement and standardised scores. Pure
 * TypeScript: no I/O (except the CLI), no framework. See docs/rubric-format.md.
 */

// Numbers
export { Exact, type RoundingMode } from './exact/exact';

// Rubric
export {
  RUBRIC_FORMAT,
  RUBRIC_FORMAT_VERSION,
  rubricSchema,
  rubricShape,
  type AdvancementRule,
  type Aspect,
  type AspectKind,
  type AttemptsRule,
  type AwardsRule,
  type AwardTier,
  type Combination,
  type Criterion,
  type FieldDefinition,
  type MeasurementRule,
  type PanelRule,
  type ParameterDefinition,
  type RankingRule,
  type Rubric,
  type RubricModule,
  type RubricNode,
  type SortOrder,
  type StandardisationRule,
  type TieBreak,
  type TotalRule,
  type TransformStep,
} from './rubric/rubric.schema';
export type { DecimalInput, LocalisedName, Rounding } from './rubric/primitives.schema';
export { TOTAL_NODE_ID } from './rubric/rubric-tree';

// Marks
export {
  MARKS_FORMAT,
  MARKS_FORMAT_VERSION,
  eventMarksSchema,
  type Absence,
  type Entry,
  type EventMarks,
  type Mark,
  type ParameterValues,
  type Review,
} from './marks/marks.schema';

export { toMarkColumns, type ColumnarEventMarks, type MarkColumns } from './marks/mark-columns';

// Reading input
export { parseMarks, parseRubric } from './parse';
export {
  InvalidMarksError,
  InvalidRubricError,
  ScoringRangeError,
  formatIssue,
  type InputIssue,
} from './errors';

// Scoring
export {
  EventScoring,
  explainEntry,
  rank,
  scoreEntries,
  scoreEntry,
  scoreEvent,
  type EventResult,
} from './event/event-scoring';
export type {
  EntryResult,
  JudgeSubtotal,
  NodeFigures,
  NodeIssue,
  NodeResult,
  NodeStatus,
} from './scoring/results';

// Standings
export { assignAwards, awardTiers, advancingEntries, selectAdvancing } from './ranking/awards';
export { standardise, standardiseGroup, type Standardised } from './ranking/standardise';
export type {
  AdvancementSummary,
  AwardSummary,
  GroupStandings,
  Standing,
  StandardisationSummary,
} from './ranking/standings';

// Explanations
export type { ExplanationLine } from './explain/explain';
export type { Language } from './explain/phrases';
