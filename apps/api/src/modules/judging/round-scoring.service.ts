import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  type Entry,
  type EventMarks,
  EventScoring,
  type EventResult,
  MARKS_FORMAT,
  MARKS_FORMAT_VERSION,
  type Mark as EngineMark,
} from '@jingsai/scoring';
import { sql } from './judging-sql';
import { RoundContextService, type RoundRubric } from './round-context.service';

/** What the results need to know about an entry besides its marks. */
export interface EntryInfo {
  entryId: string;
  code: string | null;
  candidateNumber: string | null;
  name: string | null;
  enterprise: string | null;
  region: string | null;
  registrationId: string | null;
  teamId: string | null;
  attendance: string;
}

export interface RoundScore {
  roundId: string;
  rubric: RoundRubric;
  result: EventResult;
  entries: Map<string, EntryInfo>;
  /** judge user id → seat */
  seats: Map<string, number>;
  /** chain place the result includes */
  seq: bigint;
}

interface CacheItem {
  key: string;
  scoring: EventScoring;
  score: RoundScore;
}

/**
 * Scores a round with libs/scoring from its marks. The engine state is cached per round and
 * kept current incrementally: new marks (by chain place) are applied with `recordMarks`; anything
 * else that changes the inputs (entries, attendance, panel, rubric, reviews) rebuilds it.
 */
@Injectable()
export class RoundScoringService {
  private readonly cache = new Map<string, CacheItem>();
  private readonly building = new Map<string, Promise<RoundScore | null>>();

  constructor(
    private readonly em: EntityManager,
    private readonly rounds: RoundContextService,
  ) {}

  /** Live result of the round from every current mark. */
  async live(roundId: string): Promise<RoundScore | null> {
    const pending = this.building.get(roundId);
    if (pending) return pending;
    const promise = this.compute(roundId).finally(() => this.building.delete(roundId));
    this.building.set(roundId, promise);
    return promise;
  }

  private async compute(roundId: string): Promise<RoundScore | null> {
    const rubric = await this.rounds.rubricOrNull(roundId);
    if (!rubric) return null;
    const key = await this.structureKey(roundId, rubric.version);
    const cached = this.cache.get(roundId);
    if (cached && cached.key === key) {
      const fresh = await sql<{
        seq: string;
        judge_id: string | null;
        entry_id: string;
        aspect_id: string;
        attempt: number | null;
        value: string;
        sheet_id: string | null;
      }>(
        this.em,
        `select seq, judge_id, entry_id, aspect_id, attempt, value, sheet_id from judging_mark
          where round_id = ? and seq > ? order by seq`,
        [roundId, cached.score.seq.toString()],
      );
      if (fresh.length === 0) return cached.score;
      const result = cached.scoring.recordMarks(
        fresh.filter((mark) => cached.score.entries.has(mark.entry_id)).map(engineMark),
      );
      const seq = BigInt((fresh.at(-1) as { seq: string }).seq);
      cached.score = { ...cached.score, result, seq };
      return cached.score;
    }
    const built = await this.build(roundId, rubric, false);
    this.cache.set(roundId, { key, scoring: built.scoring, score: built.score });
    return built.score;
  }

  /** Result from the marks of submitted (and locked) sheets only: live public scoring. */
  async submittedOnly(roundId: string): Promise<RoundScore | null> {
    const rubric = await this.rounds.rubricOrNull(roundId);
    if (!rubric) return null;
    return (await this.build(roundId, rubric, true)).score;
  }

  private async structureKey(roundId: string, rubricVersion: number): Promise<string> {
    const [row] = await sql<Record<string, unknown>>(
      this.em,
      `select (select count(*) || ':' || count(*) filter (where attendance = 'absent') || ':' ||
                      coalesce(max(created_at)::text, '') || ':' || coalesce(max(checked_in_at)::text, '')
                 from round_entry where round_id = ?) entries,
              (select count(*) || ':' || coalesce(max(created_at)::text, '') from judging_panel_member where round_id = ?) panel,
              (select count(*) from judging_sheet where round_id = ?) sheets,
              (select count(*) from judging_review where round_id = ?) reviews,
              (select count(*) from draw where round_id = ? and revealed_at is not null) revealed`,
      [roundId, roundId, roundId, roundId, roundId],
    );
    return `${rubricVersion}|${Object.values(row ?? {}).join('|')}`;
  }

  private async build(
    roundId: string,
    rubric: RoundRubric,
    submittedOnly: boolean,
  ): Promise<{ scoring: EventScoring; score: RoundScore }> {
    const round = await this.rounds.round(roundId);
    const [head] = await sql<{ seq: string }>(
      this.em,
      'select seq from judging_chain_head where event_id = ?',
      [round.eventId],
    );
    const seq = BigInt(head?.seq ?? '0');
    const entryRows = await sql<{
      id: string;
      anonymous_code: string | null;
      candidate_number: string | null;
      name: string | null;
      enterprise: string | null;
      region: string | null;
      gender: string | null;
      registration_id: string | null;
      team_id: string | null;
      attendance: string;
    }>(
      this.em,
      `select e.id, e.anonymous_code, coalesce(reg.candidate_number, t.candidate_number) candidate_number,
              coalesce(p.name, t.name) name, o.name enterprise, o.region, p.gender,
              e.registration_id, e.team_id, e.attendance
         from round_entry e
         left join registration reg on reg.id = e.registration_id
         left join person p on p.id = reg.person_id
         left join team t on t.id = e.team_id
         left join organisation o on o.id = coalesce(p.enterprise_id, t.enterprise_id)
        where e.round_id = ? order by e.anonymous_code nulls last, e.id`,
      [roundId],
    );
    const groupBy = rubric.rubric.ranking?.groupBy ?? [];
    const entries: Entry[] = entryRows.map((row) => ({
      id: row.id,
      ...(row.anonymous_code ? { code: row.anonymous_code } : {}),
      ...(groupBy.length > 0
        ? {
            groups: Object.fromEntries(
              groupBy.map((key) => [
                key,
                key === 'event' ? round.eventName : key === 'gender' ? (row.gender ?? '') : '',
              ]),
            ),
          }
        : {}),
      ...(row.attendance === 'absent' ? { status: 'dns' as const } : {}),
    }));
    const marks = await sql<{
      seq: string;
      judge_id: string | null;
      entry_id: string;
      aspect_id: string;
      attempt: number | null;
      value: string;
      sheet_id: string | null;
    }>(
      this.em,
      `select distinct on (coalesce(k.sheet_id::text, k.entry_id::text), k.aspect_id, k.attempt)
              k.seq, k.judge_id, k.entry_id, k.aspect_id, k.attempt, k.value, k.sheet_id
         from judging_mark k
         ${submittedOnly ? 'left join judging_sheet s on s.id = k.sheet_id' : ''}
        where k.round_id = ? ${submittedOnly ? "and (k.sheet_id is null or s.status in ('submitted', 'locked'))" : ''}
        order by coalesce(k.sheet_id::text, k.entry_id::text), k.aspect_id, k.attempt, k.seq desc`,
      [roundId],
    );
    const known = new Set(entries.map((entry) => entry.id));
    const panel = await sql<{ judge_id: string; seat: number }>(
      this.em,
      'select judge_id, seat from judging_panel_member where round_id = ? order by seat',
      [roundId],
    );
    // A panel judge without a sheet for an entry (recusal, other stations) is absent for it.
    const absences = await sql<{ judge_id: string; entry_id: string }>(
      this.em,
      `select m.judge_id, e.id entry_id from judging_panel_member m join round_entry e on e.round_id = m.round_id
        where m.round_id = ? and not exists
          (select 1 from judging_sheet s where s.entry_id = e.id and s.judge_id = m.judge_id)`,
      [roundId],
    );
    const reviews = await sql<{
      entry_id: string;
      node_id: string;
      attempt: number | null;
      actor_id: string;
      note: string;
    }>(
      this.em,
      'select entry_id, node_id, attempt, actor_id, note from judging_review where round_id = ? order by seq',
      [roundId],
    );
    const eventMarks: EventMarks = {
      format: MARKS_FORMAT,
      version: MARKS_FORMAT_VERSION,
      rubric: { id: rubric.rubric.id },
      entries,
      marks: marks.filter((mark) => known.has(mark.entry_id)).map(engineMark),
      absences: absences.map((row) => ({
        judge: row.judge_id,
        entry: row.entry_id,
        reason: 'recusal',
      })),
      reviews: reviews
        .filter((review) => known.has(review.entry_id))
        .map((review) => ({
          entry: review.entry_id,
          node: review.node_id,
          ...(review.attempt ? { attempt: review.attempt } : {}),
          decision: 'accept_marks' as const,
          by: review.actor_id,
          note: review.note,
        })),
    };
    const scoring = new EventScoring(rubric.rubric, eventMarks);
    const maxSeq = marks.reduce(
      (max, mark) => (BigInt(mark.seq) > max ? BigInt(mark.seq) : max),
      0n,
    );
    return {
      scoring,
      score: {
        roundId,
        rubric,
        result: scoring.result,
        entries: new Map(
          entryRows.map((row) => [
            row.id,
            {
              entryId: row.id,
              code: row.anonymous_code,
              candidateNumber: row.candidate_number,
              name: row.name,
              enterprise: row.enterprise,
              region: row.region,
              registrationId: row.registration_id,
              teamId: row.team_id,
              attendance: row.attendance,
            },
          ]),
        ),
        seats: new Map(panel.map((row) => [row.judge_id, row.seat])),
        seq: maxSeq > seq ? maxSeq : seq,
      },
    };
  }
}

function engineMark(mark: {
  judge_id: string | null;
  entry_id: string;
  aspect_id: string;
  attempt: number | null;
  value: string;
}): EngineMark {
  return {
    entry: mark.entry_id,
    aspect: mark.aspect_id,
    ...(mark.attempt ? { attempt: mark.attempt } : {}),
    ...(mark.judge_id ? { judge: mark.judge_id } : {}),
    value: mark.value,
  };
}
