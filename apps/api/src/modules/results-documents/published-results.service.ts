import type { EventStandings, MarkSheet } from '@jingsai/contracts';
import { Exact, type ExplanationLine, explainEntry, type Rubric } from '@jingsai/scoring';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';
import { RoundScoringService } from '../judging/round-scoring.service';
import { StandingsService } from '../judging/standings.service';
import { User } from '../users/entities/user.entity';

/** One judge's mark on one item, as far as judge consistency needs it. */
export interface JudgeMarkFact {
  judgeId: string;
  judgeName: string;
  /** The same item (entry × rubric aspect × attempt) marked by the panel. */
  itemKey: string;
  value: string;
}

export class ResultsChangedSincePublicationError extends DomainError {
  readonly status = 409;
  readonly code = 'results.changed_since_publication';
}

interface PanelLike {
  method: string;
  trim?: number | undefined;
  keep?: number | undefined;
  judges?: number | undefined;
}

interface RubricNodeInfo {
  max: string | null;
  panel: PanelLike | undefined;
}

/** Every module, criterion and aspect of a rubric by id: its maximum and its own panel rule. */
function rubricNodes(rubric: Rubric): Map<string, RubricNodeInfo> {
  const nodes = new Map<string, RubricNodeInfo>();
  const add = (node: { id: string; max?: unknown; panel?: PanelLike | undefined }) =>
    nodes.set(node.id, {
      max: node.max === undefined || node.max === null ? null : String(node.max as string | number),
      panel: node.panel,
    });
  for (const module of rubric.modules) {
    add(module);
    for (const criterion of module.criteria) {
      add(criterion);
      for (const aspect of criterion.aspects) add(aspect);
    }
  }
  return nodes;
}

/** How many marks the panel drops at each end (去掉最高分和最低分), 0 when it drops none. */
function droppedEachSide(panel: PanelLike | undefined, marks: number): number {
  if (!panel) return 0;
  let trim = 0;
  if (panel.method === 'trimmed_mean') trim = panel.trim ?? 1;
  if (panel.method === 'middle_sum' && panel.keep) trim = Math.floor((marks - panel.keep) / 2);
  return marks > 2 * trim ? trim : 0;
}

/**
 * The one place results documents, certificates, statistics and the public results page read
 * results from, and only published ones: never a live or draft score.
 *
 * - Standings come from the judging module's `StandingsService` (public view), accepted only in
 *   phase `published` (the latest published result version, immutable).
 * - Mark sheets are the engine's own working (libs/scoring `explainEntry`) for the published
 *   round, taken from the judging module's round scoring, and refused when any mark of the round
 *   was stored after the publication (the sheet would no longer match the published figures).
 * - Judge consistency reads the judges' append-only marks directly.
 */
@Injectable()
export class PublishedResultsService {
  constructor(
    private readonly em: EntityManager,
    private readonly standings: StandingsService,
    private readonly scoring: RoundScoringService,
  ) {}

  /** The latest published standings of an event (public view), or null if none is published. */
  async publishedStandings(eventId: string): Promise<EventStandings | null> {
    const standings = await this.standings.standings(eventId, 'public');
    return standings.phase === 'published' ? standings : null;
  }

  /** The full mark sheet of one entry of the latest published round, or null. */
  async markSheet(eventId: string, entryId: string): Promise<MarkSheet | null> {
    const standings = await this.publishedStandings(eventId);
    const row = standings?.rows.find((candidate) => candidate.entryId === entryId);
    if (!standings || !row) return null;
    const connection = this.em.getConnection();
    const [round] = await connection.execute<
      Array<{
        id: string;
        name: string;
        result_version: number;
        chain_seq: string;
        last_seq: string | null;
      }>
    >(
      `select r.id, r.name, j.result_version, v.chain_seq,
              (select max(m.seq) from judging_mark m where m.round_id = r.id) as last_seq
         from round r
         join judging_round j on j.round_id = r.id
         join judging_result_version v on v.round_id = r.id and v.version = j.result_version
         join round_entry e on e.round_id = r.id and e.id = ?
        where r.event_id = ? and j.phase = 'published'`,
      [entryId, eventId],
    );
    if (!round) return null;
    if (round.last_seq !== null && BigInt(round.last_seq) > BigInt(round.chain_seq)) {
      throw new ResultsChangedSincePublicationError({ version: round.result_version });
    }
    const score = await this.scoring.live(round.id);
    if (!score || !score.result.entries.some((entry) => entry.entry.id === entryId)) return null;
    const lines: ExplanationLine[] = explainEntry(score.result, entryId, 'zh');
    const names = new Map(
      (await this.em.find(User, { id: { $in: [...score.seats.keys()] } })).map((user) => [
        user.id,
        user.displayName,
      ]),
    );
    const judgeLabel = (judge: string | undefined) => {
      if (!judge) return '—';
      const seat = score.seats.get(judge);
      const name = names.get(judge) ?? judge.slice(0, 8);
      return seat === undefined ? name : `${seat}号 ${name}`;
    };
    const nodes = rubricNodes(score.rubric.rubric);
    const trail: string[] = [];
    const items: MarkSheet['items'] = [];
    for (const line of lines) {
      trail.length = Math.max(0, line.depth - 1);
      if (line.depth > 0) trail.push(line.name);
      if (!line.marks || line.marks.length === 0) continue;
      const node = nodes.get(line.node);
      // Seat order, as the panel sits (the engine lists marks in its own order).
      const seatOf = (judge: string | undefined) =>
        (judge === undefined ? undefined : score.seats.get(judge)) ?? Number.MAX_SAFE_INTEGER;
      const marks = [...line.marks].sort((a, b) => seatOf(a.judge) - seatOf(b.judge));
      const each = droppedEachSide(node?.panel, marks.length);
      const order = marks
        .map((mark, index) => ({ index, value: Exact.parse(mark.value) }))
        .sort((a, b) => a.value.compare(b.value) || a.index - b.index);
      const dropped = new Set(
        each === 0
          ? []
          : [...order.slice(0, each), ...order.slice(order.length - each)].map((m) => m.index),
      );
      items.push({
        stage: round.name,
        path: trail.join(' / '),
        max: node?.max ?? null,
        marks: marks.map((mark, index) => ({
          judge: judgeLabel(mark.judge),
          value: mark.value,
          dropped: dropped.has(index),
        })),
        score: line.value,
      });
    }
    return {
      eventId,
      eventName: standings.eventName,
      entryId,
      code: row.code,
      name: row.name,
      enterprise: row.enterprise,
      resultVersion: round.result_version,
      total: row.total,
      rank: row.rank,
      items,
      explanation: lines.map((line) => `${'\u3000'.repeat(line.depth)}${line.name}：${line.text}`),
    };
  }

  /**
   * Every current mark of the event's judges: for each sheet, aspect and attempt the latest of
   * the append-only marks in `judging_mark` (as the judging module scores them), judges only
   * (imported theory scores have no judge).
   */
  async judgeMarks(eventId: string): Promise<JudgeMarkFact[]> {
    const rows = await this.em
      .getConnection()
      .execute<
        Array<{ judge_id: string; judge_name: string | null; item_key: string; value: string }>
      >(
        `select current.judge_id, u.display_name as judge_name, current.item_key, current.value
         from (select distinct on (coalesce(m.sheet_id::text, m.judge_id::text || m.entry_id::text), m.aspect_id, m.attempt)
                      m.judge_id, m.entry_id || '|' || m.aspect_id || '|' || coalesce(m.attempt, 0) as item_key, m.value
                 from judging_mark m
                where m.event_id = ? and m.source = 'judge' and m.judge_id is not null
                order by coalesce(m.sheet_id::text, m.judge_id::text || m.entry_id::text), m.aspect_id, m.attempt, m.seq desc) current
         left join user_account u on u.id = current.judge_id`,
        [eventId],
      );
    return rows.map((row) => ({
      judgeId: row.judge_id,
      judgeName: row.judge_name ?? row.judge_id,
      itemKey: row.item_key,
      value: row.value,
    }));
  }
}
