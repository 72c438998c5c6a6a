import type {
  BoardMeta,
  EventStandings,
  RowChange,
  ScoreboardDelta,
  StandingRow,
} from '@jingsai/contracts';
import { Exact } from '@jingsai/scoring';

/**
 * Pure board arithmetic of the scoreboard: what a feed stores, the row-level difference between
 * two boards, and the steps of a reveal. No I/O, so every rule here is unit-tested directly.
 */

/** What one feed (an event's public or staff board) shows: the meta fields and the rows. */
export interface FeedState extends BoardMeta {
  rows: StandingRow[];
}

const META_KEYS = [
  'eventName',
  'phase',
  'resultVersion',
  'stage',
  'frozen',
  'freezeAt',
  'reveal',
] as const satisfies readonly (keyof BoardMeta)[];

/** JSON with object keys sorted, so equal values compare equal whatever their key order. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : inner,
  );
}

export function feedStateFrom(
  standings: EventStandings,
  board: Pick<BoardMeta, 'frozen' | 'freezeAt' | 'reveal'>,
): FeedState {
  return {
    eventName: standings.eventName,
    phase: standings.phase,
    resultVersion: standings.resultVersion,
    stage: standings.stage,
    rows: standings.rows,
    ...board,
  };
}

/**
 * Row-level changes turning `before` into `after`, in board order then removals: a new row
 * whole, a changed row as only its changed fields (`set`), a removed one as `row: null`.
 */
export function diffRows(
  before: readonly StandingRow[],
  after: readonly StandingRow[],
): RowChange[] {
  const previous = new Map(before.map((row) => [row.entryId, row]));
  const changes: RowChange[] = [];
  for (const row of after) {
    const old = previous.get(row.entryId);
    if (!old) {
      changes.push({ entryId: row.entryId, row });
      continue;
    }
    const set: Partial<Record<keyof StandingRow, unknown>> = {};
    for (const key of Object.keys(row) as (keyof StandingRow)[]) {
      if (canonical(old[key]) !== canonical(row[key])) set[key] = row[key];
    }
    if (Object.keys(set).length > 0)
      changes.push({ entryId: row.entryId, set: set as Partial<StandingRow> });
  }
  const present = new Set(after.map((row) => row.entryId));
  for (const row of before) {
    if (!present.has(row.entryId)) changes.push({ entryId: row.entryId, row: null });
  }
  return changes;
}

/** The meta fields that differ, or undefined when none does. */
export function diffMeta(before: BoardMeta, after: BoardMeta): Partial<BoardMeta> | undefined {
  const changed: Partial<Record<keyof BoardMeta, unknown>> = {};
  for (const key of META_KEYS) {
    if (canonical(before[key]) !== canonical(after[key])) changed[key] = after[key];
  }
  return Object.keys(changed).length > 0 ? (changed as Partial<BoardMeta>) : undefined;
}

/** The delta from `before` to `after` (without seq), or null when nothing a viewer sees changed. */
export function diffStates(
  before: FeedState,
  after: FeedState,
): Pick<ScoreboardDelta, 'changes' | 'meta'> | null {
  const changes = diffRows(before.rows, after.rows);
  const meta = diffMeta(before, after);
  if (changes.length === 0 && !meta) return null;
  return meta ? { changes, meta } : { changes };
}

/** Applies row changes: whole rows replace or add, `set` merges into the row, null removes. */
export function applyChanges(
  rows: readonly StandingRow[],
  changes: readonly RowChange[],
): StandingRow[] {
  const result = new Map(rows.map((row) => [row.entryId, row]));
  for (const change of changes) {
    if ('set' in change) {
      const old = result.get(change.entryId);
      if (old) result.set(change.entryId, { ...old, ...change.set });
    } else if (change.row) result.set(change.entryId, change.row);
    else result.delete(change.entryId);
  }
  return [...result.values()];
}

function exactOrNull(value: string | null): Exact | null {
  return value === null ? null : (Exact.tryParse(value) ?? null);
}

/** Board order: by rank (unranked last), then by code, which is how every view lists rows. */
export function boardOrder(rows: readonly StandingRow[]): StandingRow[] {
  return [...rows].sort((a, b) => {
    if (a.rank !== b.rank) {
      if (a.rank === null) return 1;
      if (b.rank === null) return -1;
      return a.rank - b.rank;
    }
    return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
  });
}

/** A row with its rank ignored: a reveal step shows a row's hidden result, ranks follow. */
function resultKey(row: StandingRow | undefined): string {
  if (!row) return '';
  const { rank: _rank, ...rest } = row;
  return canonical(rest);
}

export interface RevealStep {
  entryId: string;
  /** The row's live result to show, or null when the entry left the board while frozen. */
  row: StandingRow | null;
}

/**
 * The hidden changes still to show, in ceremony order: from the bottom of the board as it is
 * shown now up to the top (ICPC style), rows that only the live board has coming first.
 */
export function pendingReveal(
  shown: readonly StandingRow[],
  live: readonly StandingRow[],
): RevealStep[] {
  const liveById = new Map(live.map((row) => [row.entryId, row]));
  const shownIds = new Set(shown.map((row) => row.entryId));
  const fresh = live
    .filter((row) => !shownIds.has(row.entryId))
    .map((row) => ({ entryId: row.entryId, row }));
  const changed = boardOrder(shown)
    .reverse()
    .filter((row) => resultKey(row) !== resultKey(liveById.get(row.entryId)))
    .map((row) => ({ entryId: row.entryId, row: liveById.get(row.entryId) ?? null }));
  return [...fresh, ...changed];
}

/**
 * Ranks for a board in the middle of a reveal, where some rows show their final result and some
 * their frozen one: by total, highest first (exact decimals), equal totals sharing a place
 * (1224); rows without a total unranked. The last reveal step replaces them with the engine's
 * ranks, tie-breaks included.
 */
export function interimRanks(rows: readonly StandingRow[]): StandingRow[] {
  const scored = rows
    .map((row) => ({ row, total: exactOrNull(row.total) }))
    .filter((item): item is { row: StandingRow; total: Exact } => item.total !== null)
    .sort((a, b) => b.total.compare(a.total));
  const ranks = new Map<string, number>();
  scored.forEach((item, index) => {
    const previous = scored[index - 1];
    const rank =
      previous && previous.total.eq(item.total) ? ranks.get(previous.row.entryId)! : index + 1;
    ranks.set(item.row.entryId, rank);
  });
  return rows.map((row) => ({ ...row, rank: ranks.get(row.entryId) ?? null }));
}
