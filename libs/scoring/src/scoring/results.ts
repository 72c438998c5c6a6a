import type { Exact } from '../exact/exact';
import type { Entry } from '../marks/marks.schema';
import type { PanelMethod } from '../rubric/compiled-rubric';

/** What a head judge needs to know about a node's figure. */
export type NodeStatus = 'complete' | 'incomplete' | 'needs_review';

/** Why a node is not complete. */
export type NodeIssue =
  | { readonly code: 'no_marks' }
  | { readonly code: 'marks_pending'; readonly received: number; readonly expected: number }
  | { readonly code: 'too_many_marks'; readonly received: number; readonly expected: number }
  | { readonly code: 'spread_exceeded'; readonly spread: Exact; readonly limit: Exact }
  | { readonly code: 'judge_absent'; readonly absent: readonly string[] }
  | { readonly code: 'cannot_trim'; readonly received: number; readonly method: PanelMethod }
  | { readonly code: 'marks_differ' }
  | { readonly code: 'missing_parameter'; readonly parameter: string }
  | { readonly code: 'attempts_pending'; readonly complete: number; readonly required: number };

export interface JudgeSubtotal {
  readonly judge: string;
  readonly value: Exact;
}

/** The figure of one node (total, module, criterion or aspect) for one entry. */
export interface NodeResult {
  readonly node: string;
  /** set on each attempt of a node with attempts */
  readonly attempt?: number;
  /** null when the node cannot be computed (no marks yet, or it needs review) */
  readonly value: Exact | null;
  readonly status: NodeStatus;
  readonly issue?: NodeIssue;
  /** aspects: the panel's value in the marks' own unit (a level, seconds, a measured size) */
  readonly input?: Exact;
  /** nodes judged as a whole: each judge's subtotal */
  readonly judges?: readonly JudgeSubtotal[];
  readonly children?: readonly NodeResult[];
  /** nodes with attempts: one result per attempt that has marks */
  readonly attempts?: readonly NodeResult[];
  /** attempts of a running_total node: the total after this attempt */
  readonly runningTotal?: Exact | null;
}

/** One entry's result: its total and the whole tree of figures behind it. */
export interface EntryResult {
  readonly entry: Entry;
  readonly total: Exact | null;
  readonly status: NodeStatus;
  /** every node's figure, from the total down */
  readonly result: NodeResult;
  /** one node's result (not for nodes inside attempts or inside a node judged as a whole) */
  node(id: string): NodeResult | undefined;
  /** one node's figures without its subtree: what ranking reads */
  figures(id: string): NodeFigures | undefined;
}

/** A node's own figures: its value, its panel value and the values of its attempts. */
export interface NodeFigures {
  readonly value: Exact | null;
  readonly input: Exact | undefined;
  readonly attempts: readonly (Exact | null)[];
}

const NO_ATTEMPTS: readonly (Exact | null)[] = [];

export function figuresOf(result: NodeResult): NodeFigures {
  const attempts = result.attempts ? result.attempts.map((attempt) => attempt.value) : NO_ATTEMPTS;
  return { value: result.value, input: result.input, attempts };
}

const SEVERITY: Readonly<Record<NodeStatus, number>> = {
  complete: 0,
  incomplete: 1,
  needs_review: 2,
};

export function worstStatus(a: NodeStatus, b: NodeStatus): NodeStatus {
  return SEVERITY[b] > SEVERITY[a] ? b : a;
}
