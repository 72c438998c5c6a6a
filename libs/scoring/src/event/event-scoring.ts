import { InvalidMarksError } from '../errors';
import { explainSheet, type ExplanationLine } from '../explain/explain';
import type { Language } from '../explain/phrases';
import type { ColumnarEventMarks } from '../marks/mark-columns';
import type { EventMarks, Mark } from '../marks/marks.schema';
import { type EntrySheet, entryMarks, ScoreSheetBuilder } from '../marks/score-sheet';
import { ensureValidRubric } from '../parse';
import { advancingEntries, awardTiers } from '../ranking/awards';
import { type EntryGroup, groupEntries, groupKey, rankGroup, rankResults } from '../ranking/rank';
import { standardiseStandings } from '../ranking/standardise';
import type { GroupStandings, Standing } from '../ranking/standings';
import { type CompiledRubric, compileRubric } from '../rubric/compiled-rubric';
import type { Rubric } from '../rubric/rubric.schema';
import { ScoredEntry } from '../scoring/entry-result';
import type { EntryResult } from '../scoring/results';

/**
 * The main entry point: a rubric and all the marks of an event or round in, every entry's
 * result and the standings (places, awards, advancement, standardised scores) out, in one call.
 *
 * `EventScoring` keeps the score sheet, so after one new or corrected mark only that entry is
 * scored again and only its group re-ranked (the live scoreboard's path). Results are
 * immutable: a result handed out earlier never changes.
 */

export interface EventResult {
  readonly rubric: { readonly id: string; readonly revision: string };
  /** in the order of the marks file's entries */
  readonly entries: readonly EntryResult[];
  /** one per group (event, gender, age band…), best first */
  readonly standings: readonly GroupStandings[];
}

interface Snapshot {
  readonly compiled: CompiledRubric;
  readonly sheets: readonly EntrySheet[];
  readonly positions: ReadonlyMap<string, number>;
}

/** What `explainEntry` needs to score an entry again with its working recorded. */
const snapshots = new WeakMap<EventResult, Snapshot>();

export class EventScoring {
  private readonly compiled: CompiledRubric;
  private readonly builder: ScoreSheetBuilder;
  /** entry id → position in the marks' entries (fixed for the life of the event) */
  private readonly positions: ReadonlyMap<string, number>;
  private sheets: EntrySheet[];
  private entryResults: EntryResult[];
  /** group key → positions of its entries, and its current standings */
  private readonly groups: Map<string, { members: number[]; standings: GroupStandings }>;
  private readonly groupOrder: string[];
  private current: EventResult;

  /** `marks` as objects (`EventMarks`) or as columns (`ColumnarEventMarks`): the same results. */
  constructor(rubric: Rubric, marks: EventMarks | ColumnarEventMarks) {
    ensureValidRubric(rubric);
    this.compiled = compileRubric(rubric);
    this.builder = new ScoreSheetBuilder(this.compiled);
    const sheet = this.builder.build(marks);
    this.sheets = [...sheet.entries];
    this.positions = sheet.positions;
    this.entryResults = this.sheets.map((sheet) => new ScoredEntry(this.compiled, sheet));
    const groupBy = rubric.ranking?.groupBy ?? [];
    const groups = groupEntries(this.entryResults, groupBy);
    this.groupOrder = groups.map((group) => group.key);
    this.groups = new Map(
      groups.map((group) => [
        group.key,
        {
          members: group.members.map((member) => this.positions.get(member.entry.id) as number),
          standings: completeStandings(this.compiled, group),
        },
      ]),
    );
    this.current = this.publish();
  }

  get result(): EventResult {
    return this.current;
  }

  /**
   * Records a judge's new or corrected mark (it replaces that judge's earlier mark for the same
   * entry, aspect and attempt), scores the entry again and re-ranks its group.
   */
  recordMark(mark: Mark): EventResult {
    return this.recordMarks([mark]);
  }

  /**
   * Records several marks as if `recordMark` were called for each in order, but scores each
   * touched entry once and re-ranks each touched group once (the live path receives marks in
   * batches). All or nothing: when one mark is refused, none is recorded.
   */
  recordMarks(marks: readonly Mark[]): EventResult {
    if (marks.length === 0) return this.current;
    const rebuilt = new Map<number, EntrySheet>();
    for (const mark of marks) {
      const position = this.positions.get(mark.entry);
      const sheet =
        position === undefined ? undefined : (rebuilt.get(position) ?? this.sheets[position]);
      if (position === undefined || !sheet) {
        throw new InvalidMarksError([
          { path: 'mark.entry', message: `unknown entry "${mark.entry}"` },
        ]);
      }
      const replaced = (other: Mark): boolean =>
        other.aspect === mark.aspect &&
        other.attempt === mark.attempt &&
        (other.judge ?? '') === (mark.judge ?? '');
      const kept = entryMarks(sheet, this.compiled.slotCount).filter((other) => !replaced(other));
      rebuilt.set(position, this.builder.rebuildEntry(sheet, [...kept, mark]));
    }
    this.sheets = this.sheets.slice();
    this.entryResults = this.entryResults.slice();
    const groupBy = this.compiled.rubric.ranking?.groupBy ?? [];
    const touchedGroups = new Set<string>();
    for (const [position, sheet] of rebuilt) {
      this.sheets[position] = sheet;
      const result = new ScoredEntry(this.compiled, sheet);
      this.entryResults[position] = result;
      touchedGroups.add(groupKey(result, groupBy));
    }
    for (const key of touchedGroups) this.reRankGroup(key);
    this.current = this.publish();
    return this.current;
  }

  private reRankGroup(key: string): void {
    const group = this.groups.get(key);
    if (!group) return;
    const members = group.members.map((member) => this.entryResults[member] as EntryResult);
    group.standings = completeStandings(this.compiled, {
      key,
      group: group.standings.group,
      members,
    });
  }

  private publish(): EventResult {
    const rubric = this.compiled.rubric;
    const result: EventResult = {
      rubric: { id: rubric.id, revision: rubric.revision },
      entries: this.entryResults,
      standings: this.groupOrder.map((key) => this.groups.get(key)?.standings as GroupStandings),
    };
    snapshots.set(result, {
      compiled: this.compiled,
      sheets: this.sheets,
      positions: this.positions,
    });
    return result;
  }
}

/** Ranking, then standardisation, awards and advancement per group, as the rubric asks. */
export function buildStandings(
  compiled: CompiledRubric,
  results: readonly EntryResult[],
): GroupStandings[] {
  return groupEntries(results, compiled.rubric.ranking?.groupBy ?? []).map((group) =>
    completeStandings(compiled, group),
  );
}

function completeStandings(compiled: CompiledRubric, entries: EntryGroup): GroupStandings {
  const { ranking, standardisation, awards, advancement } = compiled.rubric;
  // The standings are created here, so they are completed in place before anyone sees them.
  const group = rankGroup(entries.group, entries.members, ranking) as Writable<GroupStandings>;
  const standings = group.standings as Writable<Standing>[];
  if (standardisation) {
    const { values, summary } = standardiseStandings(standings, standardisation);
    standings.forEach((standing, i) => (standing.standardised = values[i]));
    group.standardisation = summary;
  }
  if (awards) {
    const tiers = awardTiers(standings, awards);
    standings.forEach((standing, i) => (standing.award = tiers.awards[i]));
    group.awards = tiers.summary;
  }
  if (advancement) {
    const advancing = advancingEntries(standings, advancement);
    standings.forEach((standing, i) => (standing.advances = advancing.advances[i]));
    group.advancement = advancing.summary;
  }
  return group;
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** Scores every entry of an event or round and ranks them. */
export function scoreEvent(rubric: Rubric, marks: EventMarks | ColumnarEventMarks): EventResult {
  return new EventScoring(rubric, marks).result;
}

/** Every entry's result, without standings. */
export function scoreEntries(
  rubric: Rubric,
  marks: EventMarks | ColumnarEventMarks,
): EntryResult[] {
  ensureValidRubric(rubric);
  const compiled = compileRubric(rubric);
  const sheet = new ScoreSheetBuilder(compiled).build(marks);
  return sheet.entries.map((entrySheet) => new ScoredEntry(compiled, entrySheet, true));
}

/** One entry's result (the other entries' marks are checked but not scored). */
export function scoreEntry(
  rubric: Rubric,
  marks: EventMarks | ColumnarEventMarks,
  entryId: string,
): EntryResult {
  ensureValidRubric(rubric);
  const compiled = compileRubric(rubric);
  const sheet = new ScoreSheetBuilder(compiled).build(marks).byEntry.get(entryId);
  if (!sheet) throw new InvalidMarksError([{ path: 'entries', message: `no entry "${entryId}"` }]);
  return new ScoredEntry(compiled, sheet, true);
}

/** Ranks entry results by the rubric's ranking rule (or another), without awards. */
export function rank(
  rubric: Rubric,
  results: readonly EntryResult[],
  rule = rubric.ranking,
): GroupStandings[] {
  ensureValidRubric(rubric);
  return rankResults(results, rule);
}

/** Sentences explaining every figure of an entry, in Chinese or English. */
export function explainEntry(
  result: EventResult,
  entryId: string,
  language: Language,
): ExplanationLine[] {
  const snapshot = snapshots.get(result);
  if (!snapshot)
    throw new Error('explainEntry needs a result returned by scoreEvent or EventScoring');
  const position = snapshot.positions.get(entryId);
  const sheet = position === undefined ? undefined : snapshot.sheets[position];
  if (!sheet) throw new Error(`no entry "${entryId}" in this result`);
  return explainSheet(snapshot.compiled, sheet, language);
}
