import { Exact, type RoundingMode } from '../exact/exact';
import type { Entry } from '../marks/marks.schema';
import type { NodeStatus } from '../scoring/results';

/** One entry's line on the results board of its group. */
export interface Standing {
  readonly entry: string;
  /** 1-based; null when not ranked (no total yet, or did not start / finish, disqualified) */
  readonly place: number | null;
  /** the value ranked on (the total unless the ranking names another node) */
  readonly value: Exact | null;
  readonly status: NodeStatus;
  readonly participation: Entry['status'];
  /** the tie-break values in the rubric's order, for showing why tied totals were split */
  readonly tieBreaks: readonly (Exact | null)[];
  readonly standardised?: Exact | undefined;
  /** the award tier id */
  readonly award?: string | undefined;
  readonly advances?: boolean | undefined;
}

export interface AwardSummary {
  /** ranked entries the shares are taken of */
  readonly finishers: number;
  /** some ranked entries are not complete yet */
  readonly provisional: boolean;
  readonly tiers: readonly {
    readonly tier: string;
    readonly quota: number;
    readonly awarded: number;
  }[];
}

export interface AdvancementSummary {
  readonly quota: number;
  readonly advancing: number;
  readonly provisional: boolean;
}

export interface StandardisationSummary {
  /** the group's mean or median */
  readonly centre: Exact;
  /** the group's standard deviation or scaled MAD (to 10 decimals when irrational) */
  readonly spread: Exact;
}

/** A group's standings (an event, or an event × gender × age band), best first. */
export interface GroupStandings {
  readonly group: Readonly<Record<string, string>>;
  readonly standings: readonly Standing[];
  readonly awards?: AwardSummary | undefined;
  readonly advancement?: AdvancementSummary | undefined;
  readonly standardisation?: StandardisationSummary | undefined;
}

/** share × finishers rounded to a whole number of places. */
export function quotaOf(share: Exact, finishers: number, mode: RoundingMode): number {
  return share.mul(Exact.of(finishers)).round(0, mode).toSafeInteger() ?? finishers;
}

/** Ranked standings as runs of entries sharing a place: [start, end) positions. */
export function tiedRuns(standings: readonly Standing[]): { start: number; end: number }[] {
  const runs: { start: number; end: number }[] = [];
  let start = 0;
  for (let i = 1; i <= standings.length; i++) {
    const current = standings[i];
    if (
      current === undefined ||
      current.place === null ||
      current.place !== (standings[start] as Standing).place
    ) {
      if ((standings[start] as Standing | undefined)?.place != null) runs.push({ start, end: i });
      start = i;
    }
  }
  return runs;
}
