import type { Exact } from '../exact/exact';
import type {
  CompiledMeasurementRule,
  CompiledRounding,
  CompiledStep,
  MissingJudgeRule,
  PanelMethod,
} from '../rubric/compiled-rubric';
import type { NodeIssue } from './results';

/**
 * The working behind a node's figure, step by step, recorded only when an explanation is asked
 * for (scoring an event records none, so it stays fast). `explain` turns it into sentences.
 */

export interface ShownMark {
  readonly judge: string | undefined;
  readonly value: Exact;
}

export type KindWorking =
  | {
      readonly kind: 'judgement_share';
      readonly level: Exact;
      readonly top: Exact;
      readonly max: Exact;
    }
  | { readonly kind: 'as_marked' }
  | {
      readonly kind: 'measurement';
      readonly rule: CompiledMeasurementRule;
      readonly measured: Exact;
      readonly bandIndex: number | undefined;
      readonly passed: boolean;
    }
  | {
      readonly kind: 'deduction';
      readonly occurrences: Exact;
      readonly perOccurrence: Exact;
      readonly deducted: Exact;
      readonly capped: boolean;
      readonly from: 'parent' | 'max';
    }
  | { readonly kind: 'time'; readonly seconds: Exact; readonly best: Exact; readonly worst: Exact }
  | { readonly kind: 'imported'; readonly imported: Exact; readonly outOf: Exact | undefined };

export interface CombinedPart {
  readonly node: string;
  readonly value: Exact | null;
  readonly weight: Exact | undefined;
}

export interface AttemptPart {
  readonly attempt: number;
  readonly value: Exact | null;
  readonly runningTotal: Exact | null | undefined;
}

export type Working =
  | { readonly step: 'marks'; readonly marks: readonly ShownMark[]; readonly subtotals: boolean }
  | {
      readonly step: 'absent';
      readonly judges: readonly string[];
      readonly rule: MissingJudgeRule;
      readonly accepted: boolean;
    }
  | { readonly step: 'spread_accepted'; readonly spread: Exact; readonly limit: Exact }
  | {
      readonly step: 'mark_transform';
      readonly transform: CompiledStep;
      readonly operand: Exact;
      readonly marks: readonly Exact[];
      readonly changed: boolean;
    }
  | { readonly step: 'substitute'; readonly count: number; readonly value: Exact }
  | {
      readonly step: 'panel';
      readonly method: PanelMethod;
      readonly count: number;
      readonly low: readonly Exact[];
      readonly high: readonly Exact[];
      readonly kept: readonly Exact[];
      readonly result: Exact;
    }
  | { readonly step: 'kind'; readonly detail: KindWorking; readonly result: Exact }
  | {
      readonly step: 'combine';
      readonly method: 'sum' | 'weighted_sum';
      readonly parts: readonly CombinedPart[];
      readonly result: Exact;
    }
  | {
      readonly step: 'attempts';
      readonly combine: 'best' | 'sum' | 'running_total';
      readonly parts: readonly AttemptPart[];
      readonly best: number | undefined;
      readonly result: Exact;
    }
  | {
      readonly step: 'transform';
      readonly transform: CompiledStep;
      readonly operand: Exact;
      readonly result: Exact;
      readonly changed: boolean;
    }
  | {
      readonly step: 'round';
      readonly rounding: CompiledRounding;
      readonly result: Exact;
      readonly changed: boolean;
    }
  | { readonly step: 'issue'; readonly issue: NodeIssue };

/** Collects the working of every node of one entry, keyed by node id and attempt. */
export class WorkingBook {
  private readonly pages = new Map<string, Working[]>();

  static key(node: string, attempt: number | undefined): string {
    return attempt === undefined ? node : `${node}#${attempt}`;
  }

  record(node: string, attempt: number | undefined, working: Working[]): void {
    this.pages.set(WorkingBook.key(node, attempt), working);
  }

  read(node: string, attempt: number | undefined): readonly Working[] {
    return this.pages.get(WorkingBook.key(node, attempt)) ?? [];
  }
}
