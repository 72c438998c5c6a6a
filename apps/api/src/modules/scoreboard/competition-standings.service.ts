import type {
  CompetitionStandings,
  ResultPhase,
  StandingRow,
  StandingsView,
} from '@jingsai/contracts';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { EntityNotFoundError } from '../../common/errors/domain-error';
import {
  competitionTiers,
  enterpriseStandings,
  type EventTally,
  regionStandings,
  type RubricTier,
  tallyBoard,
} from './competition-standings';
import { ScoreboardFeedService } from './scoreboard-feed.service';

/** An answer younger than this is served as it is: a burst of viewers costs one read. */
export const STANDINGS_FRESH_MS = 1000;

interface StoredBoard {
  event_id: string;
  seq: number;
  state: { phase: ResultPhase; frozen: boolean; rows: StandingRow[] };
}

interface Cached {
  at: number;
  value: CompetitionStandings;
  /** Each event's tally, kept while its board's seq stays the same. */
  tallies: Map<string, EventTally>;
}

/**
 * The competition's enterprise standings and award tables, built from every event's board of
 * one view (the public ones already respect freeze, blind judging and unpublished results; the
 * staff ones are live) — never from the marks themselves. Rules in competition-standings.ts.
 *
 * Boards are read from `scoreboard_feed`; only boards whose seq moved since the last answer are
 * re-read, and an answer less than a second old is served as it is.
 */
@Injectable()
export class CompetitionStandingsService {
  private readonly cache = new Map<string, Cached>();
  private readonly running = new Map<string, Promise<CompetitionStandings>>();

  constructor(
    private readonly orm: MikroORM,
    private readonly feeds: ScoreboardFeedService,
  ) {}

  publicStandings(competitionId: string): Promise<CompetitionStandings> {
    return this.standings(competitionId, 'public');
  }

  /** Organisers and head judges (checked by the route): the same tables from the live boards. */
  staffStandings(competitionId: string): Promise<CompetitionStandings> {
    return this.standings(competitionId, 'staff');
  }

  private standings(competitionId: string, view: StandingsView): Promise<CompetitionStandings> {
    const key = `${competitionId}:${view}`;
    const cached = this.cache.get(key);
    if (cached && Date.now() - cached.at < STANDINGS_FRESH_MS) return Promise.resolve(cached.value);
    let running = this.running.get(key);
    if (!running) {
      running = this.build(competitionId, view, cached).finally(() => this.running.delete(key));
      this.running.set(key, running);
    }
    return running;
  }

  private async build(
    competitionId: string,
    view: StandingsView,
    previous: Cached | undefined,
  ): Promise<CompetitionStandings> {
    const em = this.orm.em.fork() as EntityManager;
    const [competition] = await em.execute<Array<{ name: string }>>(
      'select name from competition where id = ?',
      [competitionId],
    );
    if (!competition) throw new EntityNotFoundError('competition', competitionId);
    const events = await em.execute<Array<{ id: string; name: string; seq: number | null }>>(
      `select e.id, e.name, f.seq from competition_event e
         left join scoreboard_feed f on f.event_id = e.id and f.view = ?
        where e.competition_id = ? order by e.sort_order, e.name`,
      [view, competitionId],
    );

    const tallies = new Map<string, EventTally>();
    const stale: string[] = [];
    for (const event of events) {
      const known = previous?.tallies.get(event.id);
      if (known && event.seq === known.line.seq && event.name === known.line.name)
        tallies.set(event.id, known);
      else stale.push(event.id);
    }
    const names = new Map(events.map((event) => [event.id, event.name]));
    const boards = stale.length
      ? await em.execute<StoredBoard[]>(
          `select event_id, seq, state from scoreboard_feed
            where view = ? and event_id in (${stale.map(() => '?').join(',')})`,
          [view, ...stale],
        )
      : [];
    for (const board of boards) {
      tallies.set(
        board.event_id,
        tallyBoard({
          eventId: board.event_id,
          name: names.get(board.event_id)!,
          seq: board.seq,
          phase: board.state.phase,
          frozen: board.state.frozen,
          rows: board.state.rows,
        }),
      );
    }
    // A board never shown yet is computed first, as the overview does.
    for (const eventId of stale.filter((id) => !tallies.has(id))) {
      const snapshot = await this.feeds.snapshot(eventId, view);
      tallies.set(eventId, tallyBoard({ ...snapshot, name: names.get(eventId)! }));
    }

    const ordered = events.map((event) => tallies.get(event.id)!);
    const version = createHash('sha1')
      .update(`${competition.name}|${ordered.map((t) => `${t.line.eventId}:${t.line.seq}`)}`)
      .digest('base64url')
      .slice(0, 16);
    let value = previous?.value;
    if (value?.version !== version) {
      const tiers = competitionTiers(ordered, await this.awardRules(em, competitionId));
      value = {
        competitionId,
        name: competition.name,
        view,
        version,
        provisional: ordered.some((t) => t.line.awards > 0 && t.line.phase !== 'published'),
        tiers,
        events: ordered.map((t) => t.line),
        enterprises: enterpriseStandings(ordered, tiers),
        regions: regionStandings(ordered, tiers),
      };
    }
    this.cache.set(`${competitionId}:${view}`, { at: Date.now(), value, tallies });
    return value;
  }

  /** Each event's award tiers, best first, from the rubrics in force (latest round first). */
  private async awardRules(
    em: EntityManager,
    competitionId: string,
  ): Promise<Map<string, RubricTier[]>> {
    const rows = await em.execute<Array<{ event_id: string; tiers: unknown }>>(
      `select r.event_id, v.rubric->'awards'->'tiers' tiers
         from round r
         join competition_event e on e.id = r.event_id
         join rubric_version v on v.round_id = r.id and v.version = r.rubric_version
        where e.competition_id = ?
        order by r.event_id, r.sequence desc`,
      [competitionId],
    );
    const rules = new Map<string, RubricTier[]>();
    for (const row of rows) {
      const tiers = rules.get(row.event_id) ?? [];
      for (const tier of Array.isArray(row.tiers) ? (row.tiers as unknown[]) : []) {
        const name = (tier as { name?: { zh?: unknown; en?: unknown } }).name;
        if (typeof name?.zh !== 'string' || tiers.some((known) => known.zh === name.zh)) continue;
        tiers.push({ zh: name.zh, en: typeof name.en === 'string' ? name.en : null });
      }
      rules.set(row.event_id, tiers);
    }
    return rules;
  }
}
