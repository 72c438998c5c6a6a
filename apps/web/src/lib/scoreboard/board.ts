import type { ScoreboardDelta, ScoreboardSnapshot, StandingRow } from '@jingsai/contracts';

/**
 * Pure client-side board logic: applying deltas strictly in seq order, board order, and the
 * enterprise/region tables derived from the rows. The live client (live-board.svelte.ts) keeps
 * the state; this file decides.
 */

export type DeltaOutcome =
  | { kind: 'applied'; board: ScoreboardSnapshot; changed: string[] }
  /** Already applied (seq at or below the board's): ignore, never apply twice. */
  | { kind: 'stale' }
  /** A seq is missing in between: rejoin with the board's seq. */
  | { kind: 'gap' }
  /** The delta changes a row this board does not have: the board is wrong, take a snapshot. */
  | { kind: 'reset' };

export function applyDelta(board: ScoreboardSnapshot, delta: ScoreboardDelta): DeltaOutcome {
  if (delta.eventId !== board.eventId || delta.view !== board.view || delta.seq <= board.seq)
    return { kind: 'stale' };
  if (delta.seq !== board.seq + 1) return { kind: 'gap' };
  const rows = new Map(board.rows.map((row) => [row.entryId, row]));
  for (const change of delta.changes) {
    if ('set' in change) {
      const old = rows.get(change.entryId);
      if (!old) return { kind: 'reset' };
      rows.set(change.entryId, { ...old, ...change.set });
    } else if (change.row) rows.set(change.entryId, change.row);
    else rows.delete(change.entryId);
  }
  return {
    kind: 'applied',
    board: { ...board, ...delta.meta, seq: delta.seq, rows: [...rows.values()] },
    changed: delta.changes.map((change) => change.entryId),
  };
}

/** By rank (unranked last), then by code. */
export function boardOrder(rows: readonly StandingRow[]): StandingRow[] {
  return [...rows].sort((a, b) => {
    if (a.rank !== b.rank) {
      if (a.rank === null) return 1;
      if (b.rank === null) return -1;
      return a.rank - b.rank;
    }
    return a.code.localeCompare(b.code);
  });
}

/** The award tiers in the order they are ranked (一等奖 before 二等奖…). */
export function awardTiers(rows: readonly StandingRow[]): string[] {
  const tiers: string[] = [];
  for (const row of boardOrder(rows))
    if (row.award && !tiers.includes(row.award)) tiers.push(row.award);
  return tiers;
}

export interface GroupStanding {
  group: string | null;
  entries: number;
  awards: Record<string, number>;
  awardCount: number;
  bestRank: number | null;
}

/**
 * Standings per enterprise (or region): how many entries, how many of each award, the best rank.
 * Ordered by awards won, tier by tier (most first-tier awards first), then by best rank.
 */
export function groupStandings(
  rows: readonly StandingRow[],
  key: 'enterprise' | 'region',
): GroupStanding[] {
  const tiers = awardTiers(rows);
  const groups = new Map<string | null, GroupStanding>();
  for (const row of rows) {
    const name = row[key];
    const group = groups.get(name) ?? {
      group: name,
      entries: 0,
      awards: {},
      awardCount: 0,
      bestRank: null,
    };
    group.entries++;
    if (row.award) {
      group.awards[row.award] = (group.awards[row.award] ?? 0) + 1;
      group.awardCount++;
    }
    if (row.rank !== null && (group.bestRank === null || row.rank < group.bestRank))
      group.bestRank = row.rank;
    groups.set(name, group);
  }
  return [...groups.values()].sort((a, b) => {
    for (const tier of tiers) {
      const difference = (b.awards[tier] ?? 0) - (a.awards[tier] ?? 0);
      if (difference !== 0) return difference;
    }
    if (a.bestRank !== b.bestRank) {
      if (a.bestRank === null) return 1;
      if (b.bestRank === null) return -1;
      return a.bestRank - b.bestRank;
    }
    return (a.group ?? '').localeCompare(b.group ?? '');
  });
}
