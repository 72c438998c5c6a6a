import { Exact } from '../exact/exact';
import type { RankingRule, SortOrder, TieBreak } from '../rubric/rubric.schema';
import { TOTAL_NODE_ID } from '../rubric/rubric-tree';
import type { EntryResult, NodeFigures } from '../scoring/results';
import type { GroupStandings, Standing } from './standings';

/**
 * Ranking: entries sorted by a node's value, ties split by the rubric's tie-break chain (a
 * node's value, the aggregated mark of an aspect such as time used, the n-th best attempt, an
 * entry field), then a shared place (1, 2, 2, 4) or a dense one (1, 2, 2, 3). Entries that share
 * a place are listed by entry id, so the order never depends on the input order.
 */

type SortKey = Exact | null;

interface Candidate {
  readonly result: EntryResult;
  readonly keys: readonly SortKey[];
}

/** Ranks entry results into groups, each best first. */
export function rankResults(
  results: readonly EntryResult[],
  rule: RankingRule = {},
): GroupStandings[] {
  return groupEntries(results, rule.groupBy ?? []).map(({ group, members }) =>
    rankGroup(group, members, rule),
  );
}

export interface EntryGroup {
  /** the group's key values joined, for finding it again */
  readonly key: string;
  readonly group: Record<string, string>;
  readonly members: EntryResult[];
}

/** Entries by group (event × gender × …), groups in code-point order of their values. */
export function groupEntries(
  results: readonly EntryResult[],
  groupBy: readonly string[],
): EntryGroup[] {
  const groups = new Map<string, EntryGroup>();
  for (const result of results) {
    const key = groupKey(result, groupBy);
    let bucket = groups.get(key);
    if (!bucket) {
      bucket = { key, group: groupOf(result, groupBy), members: [] };
      groups.set(key, bucket);
    }
    bucket.members.push(result);
  }
  return [...groups.values()].sort((a, b) => compareText(a.key, b.key));
}

export function groupKey(result: EntryResult, groupBy: readonly string[]): string {
  // (one group key, the usual case, without an array and a join per entry)
  if (groupBy.length === 1) return result.entry.groups?.[groupBy[0] as string] ?? '';
  return groupBy.map((name) => result.entry.groups?.[name] ?? '').join('\u0000');
}

function groupOf(result: EntryResult, groupBy: readonly string[]): Record<string, string> {
  const group: Record<string, string> = {};
  for (const key of groupBy) group[key] = result.entry.groups?.[key] ?? '';
  return group;
}

/** One group's standings, best first; unranked entries last, by id. */
export function rankGroup(
  group: Record<string, string>,
  members: readonly EntryResult[],
  rule: RankingRule = {},
): GroupStandings {
  const reader = new SortKeyReader(rule);
  const orders: SortOrder[] = [
    rule.order ?? 'desc',
    ...(rule.tieBreaks ?? []).map((tieBreak) => tieBreak.order),
  ];
  const ties = rule.ties ?? 'shared';
  const ranked: Candidate[] = [];
  const unranked: Candidate[] = [];
  for (const result of members) {
    const candidate = { result, keys: reader.keys(result) };
    if (result.entry.status === undefined && candidate.keys[0] !== null) ranked.push(candidate);
    else unranked.push(candidate);
  }
  ranked.sort(
    (a, b) =>
      compareKeys(a.keys, b.keys, orders) || compareText(a.result.entry.id, b.result.entry.id),
  );
  unranked.sort((a, b) => compareText(a.result.entry.id, b.result.entry.id));
  const standings: Standing[] = [];
  let place = 0;
  ranked.forEach((candidate, index) => {
    const previous = ranked[index - 1];
    if (!previous || compareKeys(previous.keys, candidate.keys, orders) !== 0)
      place = ties === 'dense' ? place + 1 : index + 1;
    standings.push(standing(candidate, place));
  });
  for (const candidate of unranked) standings.push(standing(candidate, null));
  return { group, standings };
}

function standing({ result, keys }: Candidate, place: number | null): Standing {
  return {
    entry: result.entry.id,
    place,
    value: keys[0] ?? null,
    status: result.status,
    participation: result.entry.status,
    tieBreaks: keys.slice(1),
  };
}

/** Compares two key lists; a missing value sorts after any value. */
function compareKeys(
  a: readonly SortKey[],
  b: readonly SortKey[],
  orders: readonly SortOrder[],
): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? null;
    const y = b[i] ?? null;
    if (x === null || y === null) {
      if (x !== y) return x === null ? 1 : -1;
      continue;
    }
    const order = x.compare(y);
    if (order !== 0) return orders[i] === 'asc' ? order : -order;
  }
  return 0;
}

/** Code-point order: the same on every machine and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Reads the ranked value and the tie-break values from an entry's result tree. */
class SortKeyReader {
  private readonly readers: ((result: EntryResult) => SortKey)[];

  constructor(rule: RankingRule) {
    const by = rule.by ?? TOTAL_NODE_ID;
    this.readers = [
      (result) => this.value(result, by),
      ...(rule.tieBreaks ?? []).map((tieBreak) => this.reader(tieBreak)),
    ];
  }

  keys(result: EntryResult): SortKey[] {
    return this.readers.map((read) => read(result));
  }

  private reader(tieBreak: TieBreak): (result: EntryResult) => SortKey {
    switch (tieBreak.by) {
      case 'node':
        if (tieBreak.use === 'input')
          return (result) => result.figures(tieBreak.node)?.input ?? null;
        return (result) => this.value(result, tieBreak.node);
      case 'attempt':
        return (result) => nthBest(result.figures(tieBreak.node), tieBreak.nthBest);
      case 'field':
        return (result) => {
          const value = result.entry.fields?.[tieBreak.field];
          return value === undefined ? null : Exact.parse(value);
        };
      default:
        return tieBreak satisfies never;
    }
  }

  private value(result: EntryResult, id: string): SortKey {
    return id === TOTAL_NODE_ID ? result.total : (result.figures(id)?.value ?? null);
  }
}

function nthBest(figures: NodeFigures | undefined, n: number): SortKey {
  const values = (figures?.attempts ?? []).flatMap((value) => (value === null ? [] : [value]));
  values.sort((a, b) => b.compare(a));
  return values[n - 1] ?? null;
}
