import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type {
  EventStandings,
  ResultPhase,
  ResultRow,
  StagePerformance,
  StandingRow,
  StandingsView,
} from '@jingsai/contracts';
import { Exact } from '@jingsai/scoring';
import { sql } from './judging-sql';
import { RoundContextService } from './round-context.service';
import { RoundScoringService, type RoundScore } from './round-scoring.service';
import { blindRows, resultRows } from './results.service';

interface RoundRow {
  id: string;
  name: string;
  phase: 'draft' | 'verified' | 'published' | null;
  live_public_scoring: boolean | null;
  current_entry_id: string | null;
  result_version: number | null;
  revealed: boolean;
  entries: number;
}

/**
 * An event's standings for the scoreboard. Staff: live from the marks (engine state cached per
 * round, marks applied incrementally). Public: the latest published result version, or for
 * rounds with live public scoring the totals of submitted sheets and the performance on stage.
 * Names and enterprises stay null while the round's draw is not revealed.
 */
@Injectable()
export class StandingsService {
  constructor(
    private readonly em: EntityManager,
    private readonly rounds: RoundContextService,
    private readonly scoring: RoundScoringService,
  ) {}

  async standings(eventId: string, view: StandingsView): Promise<EventStandings> {
    const event = await this.rounds.event(eventId);
    const rounds = await sql<RoundRow>(
      this.em,
      `select r.id, r.name, j.phase, j.live_public_scoring, j.current_entry_id, j.result_version,
              exists (select 1 from draw d where d.round_id = r.id and d.superseded_at is null and d.revealed_at is not null) revealed,
              (select count(*) from round_entry e where e.round_id = r.id)::int entries
         from round r left join judging_round j on j.round_id = r.id
        where r.event_id = ? order by r.sequence`,
      [eventId],
    );
    const base = { competitionId: event.competitionId, eventId, eventName: event.eventName };
    const empty = (phase: ResultPhase): EventStandings => ({
      ...base,
      phase,
      resultVersion: null,
      rows: [],
      stage: null,
    });
    if (view === 'staff') {
      const round = [...rounds].reverse().find((r) => r.entries > 0);
      if (!round) return empty('not_started');
      const score = await this.scoring.live(round.id);
      if (!score) return empty('not_started');
      const phase: ResultPhase =
        round.phase === 'published'
          ? 'published'
          : round.phase === 'verified'
            ? 'verified'
            : 'live';
      const rows = resultRows(score, round.revealed);
      return {
        ...base,
        phase,
        resultVersion: round.result_version,
        rows: await this.standingRows(rounds, round, rows, score, 'staff'),
        stage: round.current_entry_id
          ? await this.stage(score, round.current_entry_id, round.revealed, view)
          : null,
      };
    }
    // Public: the latest round that is published, or live-scored in public.
    const round = [...rounds]
      .reverse()
      .find((r) => r.phase === 'published' || (r.live_public_scoring && r.entries > 0));
    if (!round) return empty(rounds.some((r) => r.entries > 0) ? 'live' : 'not_started');
    if (round.phase === 'published' && round.result_version !== null) {
      const [stored] = await sql<{ rows: ResultRow[] }>(
        this.em,
        'select rows from judging_result_version where round_id = ? and version = ?',
        [round.id, round.result_version],
      );
      const rows = round.revealed
        ? (stored?.rows ?? [])
        : await blindRows(this.em, stored?.rows ?? []);
      return {
        ...base,
        phase: 'published',
        resultVersion: round.result_version,
        rows: await this.standingRows(rounds, round, rows, null, 'public'),
        stage: null,
      };
    }
    const score = await this.scoring.submittedOnly(round.id);
    if (!score) return empty('live');
    const rows = resultRows(score, round.revealed);
    return {
      ...base,
      phase: 'live',
      resultVersion: null,
      rows: await this.standingRows(rounds, round, rows, score, 'public'),
      stage: round.current_entry_id
        ? await this.stage(score, round.current_entry_id, round.revealed, view)
        : null,
    };
  }

  private async standingRows(
    rounds: RoundRow[],
    round: RoundRow,
    rows: ResultRow[],
    score: RoundScore | null,
    view: StandingsView,
  ): Promise<StandingRow[]> {
    // Each earlier round's published (public) or live (staff) total, matched by registration / team.
    const entryKeys = await sql<{
      id: string;
      round_id: string;
      key: string;
      region: string | null;
    }>(
      this.em,
      `select e.id, e.round_id, coalesce(e.registration_id, e.team_id)::text key, o.region
         from round_entry e
         left join registration reg on reg.id = e.registration_id left join person p on p.id = reg.person_id
         left join team t on t.id = e.team_id
         left join organisation o on o.id = coalesce(p.enterprise_id, t.enterprise_id)
        where e.round_id = any(?::uuid[])`,
      [rounds.map((r) => r.id)],
    );
    const keyOf = new Map(entryKeys.map((row) => [row.id, row.key]));
    const regionOf = new Map(entryKeys.map((row) => [row.id, row.region]));
    const totals = new Map<string, Map<string, string | null>>();
    for (const other of rounds) {
      if (other.id === round.id) continue;
      let otherRows: ResultRow[] = [];
      if (view === 'public' || other.phase === 'published') {
        if (other.result_version === null) continue;
        const [stored] = await sql<{ rows: ResultRow[] }>(
          this.em,
          'select rows from judging_result_version where round_id = ? and version = ?',
          [other.id, other.result_version],
        );
        otherRows = stored?.rows ?? [];
      } else if (other.entries > 0) {
        const otherScore = await this.scoring.live(other.id);
        otherRows = otherScore ? resultRows(otherScore, false) : [];
      }
      totals.set(
        other.id,
        new Map(otherRows.map((row) => [keyOf.get(row.entryId) ?? '', row.total])),
      );
    }
    void score;
    return rows.map((row) => ({
      entryId: row.entryId,
      code: row.code,
      name: row.name,
      enterprise: row.enterprise,
      region: row.name === null ? null : (regionOf.get(row.entryId) ?? null),
      stages: rounds
        .filter((r) => r.id === round.id || totals.has(r.id))
        .map((r) => ({
          roundId: r.id,
          label: r.name,
          value:
            r.id === round.id
              ? row.total
              : (totals.get(r.id)?.get(keyOf.get(row.entryId) ?? '') ?? null),
        })),
      total: row.total,
      rank: row.rank,
      award: row.award,
      status: row.status,
    }));
  }

  /**
   * The performance on stage: each seat's figure, the ones the panel drops flagged. A node
   * judged as a whole gives each judge's subtotal; otherwise each judge's own marks on the
   * entry are added up, trimmed as the first aspect's panel trims.
   */
  private async stage(
    score: RoundScore,
    entryId: string,
    revealed: boolean,
    view: StandingsView,
  ): Promise<StagePerformance | null> {
    const entry = score.result.entries.find((candidate) => candidate.entry.id === entryId);
    const info = score.entries.get(entryId);
    if (!entry || !info) return null;
    const seats = [...score.seats.entries()].sort((a, b) => a[1] - b[1]);
    const values = new Map<string, Exact>();
    let trim = 0;
    const subtotals = findJudges(entry.result);
    if (subtotals) {
      trim = trimOf(score, subtotals.node);
      for (const judge of subtotals.judges) values.set(judge.judge, judge.value);
    } else {
      const firstPanel = score.rubric.aspects.find((aspect) => aspect.aspect.panel)?.aspect.panel;
      trim = panelTrim(firstPanel);
      const marks = await sql<{ judge_id: string; value: string }>(
        this.em,
        `select distinct on (k.sheet_id, k.aspect_id, k.attempt) k.judge_id, k.value
           from judging_mark k join judging_sheet s on s.id = k.sheet_id
          where k.entry_id = ? ${view === 'public' ? "and s.status in ('submitted', 'locked')" : ''}
          order by k.sheet_id, k.aspect_id, k.attempt, k.seq desc`,
        [entryId],
      );
      for (const mark of marks) {
        values.set(
          mark.judge_id,
          (values.get(mark.judge_id) ?? Exact.ZERO).add(Exact.parse(mark.value)),
        );
      }
    }
    const marks = seats.map(([judge, seat]) => ({ seat, judge, value: values.get(judge) ?? null }));
    const present = marks
      .filter((m) => m.value !== null)
      .sort((a, b) => a.value!.compare(b.value!));
    const dropped = new Set<string>();
    if (trim > 0 && present.length > 2 * trim) {
      for (const m of present.slice(0, trim)) dropped.add(m.judge);
      for (const m of present.slice(present.length - trim)) dropped.add(m.judge);
    }
    const standing = score.result.standings
      .flatMap((group) => group.standings)
      .find((s) => s.entry === entryId);
    return {
      entryId,
      code: (revealed ? info.candidateNumber : null) ?? info.code ?? entryId.slice(0, 8),
      name: revealed ? info.name : null,
      marks: marks.map((m) => ({
        seat: m.seat,
        value: m.value?.toString() ?? null,
        dropped: dropped.has(m.judge),
      })),
      score: entry.total?.toString() ?? null,
      rank: standing?.place ?? null,
    };
  }
}

function findJudges(
  node: import('@jingsai/scoring').NodeResult,
): { node: string; judges: readonly import('@jingsai/scoring').JudgeSubtotal[] } | null {
  if (node.judges && node.judges.length > 0) return { node: node.node, judges: node.judges };
  for (const child of node.children ?? []) {
    const found = findJudges(child);
    if (found) return found;
  }
  return null;
}

function trimOf(score: RoundScore, nodeId: string): number {
  for (const module of score.rubric.rubric.modules) {
    if (module.id === nodeId) return panelTrim(module.panel);
    for (const criterion of module.criteria)
      if (criterion.id === nodeId) return panelTrim(criterion.panel);
  }
  return 0;
}

function panelTrim(
  panel: { method: string; trim?: number; keep?: number; judges?: number } | undefined,
): number {
  if (!panel) return 0;
  if (panel.method === 'trimmed_mean') return panel.trim ?? 1;
  if (panel.method === 'middle_sum' && panel.judges && panel.keep)
    return Math.floor((panel.judges - panel.keep) / 2);
  return 0;
}
