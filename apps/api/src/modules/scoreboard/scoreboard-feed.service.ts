import type {
  BoardMeta,
  EventStandings,
  RevealState,
  ScoreboardDelta,
  ScoreboardSnapshot,
  StandingsView,
} from '@jingsai/contracts';
import { RequestContext } from '@mikro-orm/core';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityNotFoundError } from '../../common/errors/domain-error';
import { sql } from '../judging/judging-sql';
import { ScoreboardSetting } from './entities/scoreboard-setting.entity';
import { ScoreboardBroadcaster } from './scoreboard-broadcaster';
import { diffStates, type FeedState, feedStateFrom, pendingReveal } from './scoreboard-board';
import { STANDINGS_SOURCE, type StandingsSource } from './standings-source';

/** How many deltas per board are kept for reconnecting clients; older gaps get a snapshot. */
export const DELTA_HISTORY = 500;
/** How long one process may hold an event's boards while recomputing them. */
const LEASE_SECONDS = 15;

export interface EventInfo {
  eventId: string;
  competitionId: string;
  name: string;
}

interface FeedRow {
  seq: number;
  state: FeedState;
}

export type NextStates = Partial<Record<StandingsView, FeedState>>;

/** What this process knows while it holds an event's boards (see `withLease`). */
export interface Lease {
  /** The newest unprocessed outbox id when the lease was taken. */
  pendingChangeId: string | null;
  /** The event's freeze and reveal settings, read in the same snapshot. */
  setting: ScoreboardSetting | null;
  /** Each board's seq and state as stored. */
  boards: Record<StandingsView, FeedRow>;
  /** Set once `commit` has ended the lease. */
  released: boolean;
}

interface SettingRow {
  freezeAt: string | null;
  revealStartedAt: string | null;
  revealedAt: string | null;
  lastRevealedEntryId: string | null;
}

function settingFrom(row: SettingRow | null): ScoreboardSetting | null {
  if (!row) return null;
  const date = (value: string | null) => (value === null ? null : new Date(value));
  return Object.assign(new ScoreboardSetting(), {
    freezeAt: date(row.freezeAt),
    revealStartedAt: date(row.revealStartedAt),
    revealedAt: date(row.revealedAt),
    lastRevealedEntryId: row.lastRevealedEntryId,
  });
}

class LeaseLostError extends Error {
  constructor(eventId: string) {
    super(`Lost the lease on the boards of event ${eventId}`);
  }
}

function emptyState(name: string): FeedState {
  return {
    eventName: name,
    phase: 'not_started',
    resultVersion: null,
    stage: null,
    frozen: false,
    freezeAt: null,
    reveal: null,
    rows: [],
  };
}

/** The public board's freeze facts as of `now`. */
export function freezeMeta(
  setting: ScoreboardSetting | null,
  pendingReveal: number | null,
  now = new Date(),
): Pick<BoardMeta, 'frozen' | 'freezeAt' | 'reveal'> {
  const frozen = setting?.isFrozen(now) ?? false;
  const reveal: RevealState | null =
    frozen && setting?.revealStartedAt
      ? {
          startedAt: setting.revealStartedAt.toISOString(),
          remaining: pendingReveal ?? 0,
          lastEntryId: setting.lastRevealedEntryId,
        }
      : null;
  return { frozen, freezeAt: setting?.freezeAt?.toISOString() ?? null, reveal };
}

/**
 * The boards (feeds) of every event: one per view, each with its seq, its rows and its recent
 * deltas, all in Postgres so that any API process can continue them. `refresh` recomputes an
 * event from the standings source and records and broadcasts what changed; the outbox pump and
 * the freeze/reveal controls call it.
 */
@Injectable()
export class ScoreboardFeedService {
  /** Identifies this process's leases. */
  readonly owner = `${process.pid}-${randomUUID().slice(0, 8)}`;
  private readonly logger = new Logger('Scoreboard');

  constructor(
    private readonly orm: MikroORM,
    @Inject(STANDINGS_SOURCE) private readonly source: StandingsSource,
    private readonly broadcaster: ScoreboardBroadcaster,
  ) {}

  /** The standings source in a unit of work of its own (this is no HTTP request). */
  private standingsOf(eventId: string, view: StandingsView): Promise<EventStandings> {
    return RequestContext.create(this.orm.em, () => this.source.standings(eventId, view));
  }

  private em(): EntityManager {
    return this.orm.em.fork() as EntityManager;
  }

  /**
   * The boards as this process last read or wrote them. Trusted only while their seq is the one
   * stored: the claim of a lease re-reads a board whose seq moved (another process wrote it).
   */
  private readonly boards = new Map<string, Record<StandingsView, FeedRow>>();
  /** The leases this process holds right now, by event (null while it is being claimed). */
  private readonly held = new Map<string, Lease | null>();

  /** Events known to exist, with their boards created (saves two round trips per delta). */
  private readonly known = new Map<string, { info: EventInfo; until: number }>();

  async eventInfo(eventId: string, em: EntityManager = this.em()): Promise<EventInfo | null> {
    const cached = this.known.get(eventId);
    if (cached && cached.until > Date.now()) return cached.info;
    this.known.delete(eventId);
    const rows = await em.execute<Array<{ id: string; competition_id: string; name: string }>>(
      'select id, competition_id, name from competition_event where id = ?',
      [eventId],
    );
    const row = rows[0];
    return row ? { eventId: row.id, competitionId: row.competition_id, name: row.name } : null;
  }

  async requireEvent(eventId: string): Promise<EventInfo> {
    const info = await this.eventInfo(eventId);
    if (!info) throw new EntityNotFoundError('event', eventId);
    return info;
  }

  /** The board as it is now; computed first when this event has never been shown. */
  async snapshot(eventId: string, view: StandingsView): Promise<ScoreboardSnapshot> {
    const info = await this.requireEvent(eventId);
    let feed = await this.readFeed(eventId, view);
    if (!feed) {
      await this.refresh(eventId).catch((error: unknown) => this.logFailure(eventId, error));
      feed = (await this.readFeed(eventId, view)) ?? { seq: 0, state: emptyState(info.name) };
    }
    const { rows, ...meta } = feed.state;
    return { ...meta, competitionId: info.competitionId, eventId, view, seq: feed.seq, rows };
  }

  /** The deltas after `lastSeq`, or null when some of them are no longer kept (or never were). */
  async deltasSince(
    eventId: string,
    view: StandingsView,
    lastSeq: number,
  ): Promise<ScoreboardDelta[] | null> {
    const em = this.em();
    const feed = await this.readFeed(eventId, view, em);
    if (!feed || lastSeq > feed.seq) return null;
    if (lastSeq === feed.seq) return [];
    const rows = await em.execute<
      Array<{ seq: number; changes: ScoreboardDelta['changes']; meta: ScoreboardDelta['meta'] }>
    >(
      'select seq, changes, meta from scoreboard_delta where event_id = ? and view = ? and seq > ? and seq <= ? order by seq',
      [eventId, view, lastSeq, feed.seq],
    );
    if (rows.length !== feed.seq - lastSeq) return null;
    return rows.map((row) => ({
      eventId,
      view,
      seq: row.seq,
      changes: row.changes,
      ...(row.meta ? { meta: row.meta } : {}),
    }));
  }

  async currentSeqs(
    boards: ReadonlyArray<{ eventId: string; view: StandingsView }>,
  ): Promise<Map<string, number>> {
    const result = new Map<string, number>();
    if (boards.length === 0) return result;
    const rows = await this.em().execute<
      Array<{ event_id: string; view: StandingsView; seq: number }>
    >(
      `select event_id, view, seq from scoreboard_feed where event_id in (${boards.map(() => '?').join(',')})`,
      boards.map((board) => board.eventId),
    );
    for (const row of rows) result.set(`${row.event_id}:${row.view}`, row.seq);
    return result;
  }

  private async readFeed(
    eventId: string,
    view: StandingsView,
    em: EntityManager = this.em(),
  ): Promise<FeedRow | null> {
    const rows = await em.execute<FeedRow[]>(
      'select seq, state from scoreboard_feed where event_id = ? and view = ?',
      [eventId, view],
    );
    return rows[0] ?? null;
  }

  async setting(eventId: string, em: EntityManager = this.em()): Promise<ScoreboardSetting | null> {
    return em.findOne(ScoreboardSetting, { eventId });
  }

  /**
   * Recomputes both boards of an event and records a delta for each that changed. Answers how
   * many deltas it sent, or 'busy' when another process holds the event (it will see the same
   * outbox rows, or a later pass will).
   */
  async refresh(eventId: string): Promise<number | 'busy'> {
    const em = this.em();
    const info = await this.eventInfo(eventId, em);
    if (!info) {
      // The event was deleted: nothing will ever show its changes.
      await em.execute(
        'update scoreboard_change set processed_at = now() where event_id = ? and processed_at is null',
        [eventId],
      );
      return 0;
    }
    let sent = 0;
    const held = await this.withLease(info, async (lease) => {
      const now = new Date();
      const staff = await this.standingsOf(eventId, 'staff');
      const publicFreeze = freezeMeta(lease.setting, null, now);
      let publicState: FeedState | undefined;
      if (publicFreeze.frozen) {
        // Frozen: the public rows stay as they were; only the freeze facts may change.
        const base = lease.boards.public.state;
        const live = lease.setting?.revealStartedAt
          ? await this.standingsOf(eventId, 'public')
          : null;
        const remaining = live ? pendingReveal(base.rows, live.rows).length : null;
        publicState = { ...base, ...freezeMeta(lease.setting, remaining, now) };
      } else {
        publicState = feedStateFrom(await this.standingsOf(eventId, 'public'), publicFreeze);
      }
      const staffState = feedStateFrom(staff, { ...publicFreeze, reveal: publicState.reveal });
      // Only the outbox rows seen when the lease was taken: later ones need another pass.
      const deltas = await this.write(
        info,
        { public: publicState, staff: staffState },
        lease.pendingChangeId,
      );
      sent = deltas.length;
    });
    return held ? sent : 'busy';
  }

  /**
   * Runs `work` while this process holds the event's boards. Creates the boards on first use.
   * Returns false without running it when another process holds them, or another piece of work
   * in this process does (the lease belongs to the process; the boards it holds in memory must
   * have one writer at a time).
   */
  async withLease(info: EventInfo, work: (lease: Lease) => Promise<void>): Promise<boolean> {
    if (this.held.has(info.eventId)) return false;
    this.held.set(info.eventId, null);
    try {
      const lease = await this.claim(info);
      if (!lease) return false;
      this.held.set(info.eventId, lease);
      try {
        await work(lease);
        return true;
      } finally {
        if (!lease.released) await this.releaseLease(info.eventId);
      }
    } finally {
      this.held.delete(info.eventId);
    }
  }

  /**
   * Takes the lease on both boards of an event, and in the same statement (one snapshot) notes
   * the newest unprocessed outbox id and reads the event's settings, and the boards' states
   * unless this process already holds them at the stored seq.
   */
  private async claim(info: EventInfo): Promise<Lease | null> {
    const em = this.em();
    if (!this.known.has(info.eventId)) await this.createBoards(info, em);
    const cached = this.boards.get(info.eventId);
    const claimed = await sql<{
      view: StandingsView;
      seq: number;
      state: FeedState | null;
      pending: string | null;
      setting: SettingRow | null;
    }>(
      em,
      `update scoreboard_feed
          set lease_owner = ?, lease_until = now() + interval '${LEASE_SECONDS} seconds'
        where event_id = ? and (lease_until is null or lease_until < now() or lease_owner = ?)
        returning view, seq,
          case when seq = (case view when 'public' then ?::int else ?::int end) then null
               else state end as state,
          (select max(id) from scoreboard_change
            where event_id = scoreboard_feed.event_id and processed_at is null) as pending,
          (select json_build_object('freezeAt', freeze_at, 'revealStartedAt', reveal_started_at,
                    'revealedAt', revealed_at, 'lastRevealedEntryId', last_revealed_entry_id)
             from scoreboard_setting where event_id = scoreboard_feed.event_id) as setting`,
      [this.owner, info.eventId, this.owner, cached?.public.seq ?? -1, cached?.staff.seq ?? -1],
    );
    if (claimed.length < 2) {
      if (claimed.length > 0) await this.releaseLease(info.eventId);
      return null;
    }
    const board = (view: StandingsView): FeedRow => {
      const row = claimed.find((candidate) => candidate.view === view)!;
      return row.state ? { seq: row.seq, state: row.state } : cached![view];
    };
    const boards = { public: board('public'), staff: board('staff') };
    this.boards.set(info.eventId, boards);
    return {
      pendingChangeId: claimed[0]!.pending,
      setting: settingFrom(claimed[0]!.setting),
      boards,
      released: false,
    };
  }

  private async createBoards(info: EventInfo, em: EntityManager): Promise<void> {
    const initial = JSON.stringify(emptyState(info.name));
    await em.execute(
      `insert into scoreboard_feed (event_id, view, competition_id, seq, state)
       values (?, 'public', ?, 0, ?::jsonb), (?, 'staff', ?, 0, ?::jsonb)
       on conflict do nothing`,
      [info.eventId, info.competitionId, initial, info.eventId, info.competitionId, initial],
    );
    this.known.set(info.eventId, { info, until: Date.now() + 60_000 });
  }

  private async releaseLease(eventId: string): Promise<void> {
    await this.em().execute(
      'update scoreboard_feed set lease_owner = null, lease_until = null where event_id = ? and lease_owner = ?',
      [eventId, this.owner],
    );
  }

  /**
   * Stores the next state of each given board, a delta for each that changed, and whatever
   * `alongside` writes, in one transaction; then broadcasts. Call only while holding the lease
   * (inside `withLease`); it ends the lease.
   */
  async commit(
    info: EventInfo,
    next: NextStates,
    alongside?: (tx: EntityManager) => Promise<void>,
  ): Promise<ScoreboardDelta[]> {
    return this.write(info, next, null, alongside);
  }

  /**
   * One statement: each changed board's new seq and state, its delta (and every 50 deltas the
   * pruning of old ones), the outbox rows up to `processedUpTo` marked processed, and the end of
   * the lease, all only while this process still holds the lease. The boards' states before are
   * the ones the lease read (or this process wrote last), so nothing is read back.
   */
  private async write(
    info: EventInfo,
    next: NextStates,
    processedUpTo: string | null,
    alongside?: (tx: EntityManager) => Promise<void>,
  ): Promise<ScoreboardDelta[]> {
    const lease = this.held.get(info.eventId);
    if (!lease || lease.released)
      throw new Error(`Not holding the lease on the boards of event ${info.eventId}`);
    const deltas: ScoreboardDelta[] = [];
    const written: Array<{ view: StandingsView; state: FeedState; seq: number }> = [];
    for (const view of ['public', 'staff'] as const) {
      const state = next[view];
      if (!state) continue;
      const delta = diffStates(lease.boards[view].state, state);
      if (!delta) continue;
      const seq = lease.boards[view].seq + 1;
      written.push({ view, state, seq });
      deltas.push({ eventId: info.eventId, view, seq, ...delta });
    }
    const pruned = written.filter((board) => board.seq % 50 === 0);
    const statement = (em: EntityManager) =>
      sql<{ held: number; written: number }>(
        em,
        `with lease as (
           select view from scoreboard_feed where event_id = ? and lease_owner = ?),
         boards as (
           update scoreboard_feed f
              set seq = b.seq, state = b.state, updated_at = now(), lease_owner = null, lease_until = null
             from unnest(?::text[], ?::int[], ?::jsonb[]) as b(view, seq, state)
            where f.event_id = ? and f.view = b.view and f.lease_owner = ?
           returning f.view),
         deltas as (
           insert into scoreboard_delta (event_id, view, seq, changes, meta)
           select ?, d.view, d.seq, d.changes, d.meta
             from unnest(?::text[], ?::int[], ?::jsonb[], ?::jsonb[]) as d(view, seq, changes, meta)
            where d.view in (select view from boards)),
         pruned as (
           delete from scoreboard_delta x using unnest(?::text[], ?::int[]) as p(view, seq)
            where x.event_id = ? and x.view = p.view and x.seq <= p.seq - ${DELTA_HISTORY}
              and p.view in (select view from boards)),
         released as (
           update scoreboard_feed set lease_owner = null, lease_until = null
            where event_id = ? and lease_owner = ? and not (view = any(?::text[]))),
         processed as (
           update scoreboard_change set processed_at = now() where id in (
             select id from scoreboard_change
              where event_id = ? and processed_at is null and id <= ?::bigint
                and exists (select 1 from lease)
              for update skip locked))
         select (select count(*) from lease)::int as held, (select count(*) from boards)::int as written`,
        [
          info.eventId,
          this.owner,
          written.map((board) => board.view),
          written.map((board) => board.seq),
          written.map((board) => JSON.stringify(board.state)),
          info.eventId,
          this.owner,
          info.eventId,
          deltas.map((delta) => delta.view),
          deltas.map((delta) => delta.seq),
          deltas.map((delta) => JSON.stringify(delta.changes)),
          deltas.map((delta) => (delta.meta ? JSON.stringify(delta.meta) : null)),
          pruned.map((board) => board.view),
          pruned.map((board) => board.seq),
          info.eventId,
          info.eventId,
          this.owner,
          written.map((board) => board.view),
          info.eventId,
          processedUpTo,
        ],
      );
    let result: { held: number; written: number } | undefined;
    try {
      if (alongside)
        await this.em().transactional(async (tx) => {
          [result] = await statement(tx);
          if (result?.written !== written.length || result.held < 2)
            throw new LeaseLostError(info.eventId);
          await alongside(tx);
        });
      else [result] = await statement(this.em());
    } catch (error) {
      // What the statement did is unknown to this process: read the boards again next time.
      this.boards.delete(info.eventId);
      throw error;
    }
    lease.released = true;
    if (result?.written !== written.length || result.held < 2) {
      this.boards.delete(info.eventId);
      throw new LeaseLostError(info.eventId);
    }
    for (const board of written) lease.boards[board.view] = { seq: board.seq, state: board.state };
    for (const delta of deltas) {
      this.broadcaster.delta(delta);
      if (delta.view === 'public') {
        const state = next.public!;
        this.broadcaster.progress({
          competitionId: info.competitionId,
          eventId: info.eventId,
          name: state.eventName,
          phase: state.phase,
          entries: state.rows.length,
          complete: state.rows.filter((row) => row.status === 'complete').length,
          frozen: state.frozen,
          seq: delta.seq,
        });
      }
    }
    return deltas;
  }

  private lastFailureLog = new Map<string, number>();

  logFailure(eventId: string, error: unknown): void {
    const last = this.lastFailureLog.get(eventId) ?? 0;
    if (Date.now() - last < 60_000) return;
    this.lastFailureLog.set(eventId, Date.now());
    this.logger.warn(
      `Could not refresh the boards of event ${eventId}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
