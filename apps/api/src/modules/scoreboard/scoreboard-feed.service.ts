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
   * Recomputes both boards of an event and records a delta for each that changed. Returns false
   * when another process holds the event (it will see the same outbox rows, or a later pass will).
   */
  async refresh(eventId: string): Promise<boolean> {
    const em = this.em();
    const info = await this.eventInfo(eventId, em);
    if (!info) {
      // The event was deleted: nothing will ever show its changes.
      await em.execute(
        'update scoreboard_change set processed_at = now() where event_id = ? and processed_at is null',
        [eventId],
      );
      return true;
    }
    return this.withLease(info, async (pending) => {
      const setting = await this.setting(eventId, em);
      const now = new Date();
      const staff = await this.standingsOf(eventId, 'staff');
      const publicFreeze = freezeMeta(setting, null, now);
      let publicState: FeedState | undefined;
      if (publicFreeze.frozen) {
        // Frozen: the public rows stay as they were; only the freeze facts may change.
        const current = await this.readFeed(eventId, 'public', em);
        const base = current?.state ?? emptyState(info.name);
        const live = setting?.revealStartedAt ? await this.standingsOf(eventId, 'public') : null;
        const remaining = live ? pendingReveal(base.rows, live.rows).length : null;
        publicState = { ...base, ...freezeMeta(setting, remaining, now) };
      } else {
        publicState = feedStateFrom(await this.standingsOf(eventId, 'public'), publicFreeze);
      }
      const staffState = feedStateFrom(staff, { ...publicFreeze, reveal: publicState.reveal });
      await this.commit(info, { public: publicState, staff: staffState }, async (tx) => {
        if (pending) {
          // Only the rows seen before the standings were read; later ones need another pass.
          await tx.execute(
            `update scoreboard_change set processed_at = now() where id in (
               select id from scoreboard_change
                where event_id = ? and processed_at is null and id <= ?
                for update skip locked)`,
            [eventId, pending],
          );
        }
      });
    });
  }

  /**
   * Runs `work` while this process holds the event's boards, passing the newest unprocessed
   * outbox id seen when the lease was taken. Creates the boards on first use. Returns false
   * without running it when another process holds them.
   */
  async withLease(
    info: EventInfo,
    work: (pendingChangeId: string | null) => Promise<void>,
  ): Promise<boolean> {
    const em = this.em();
    if (!this.known.has(info.eventId)) await this.createBoards(info, em);
    const claimed = await em.execute<Array<{ view: string; pending: string | null }>>(
      `update scoreboard_feed
          set lease_owner = ?, lease_until = now() + interval '${LEASE_SECONDS} seconds'
        where event_id = ? and (lease_until is null or lease_until < now() or lease_owner = ?)
        returning view, (select max(id) from scoreboard_change
                          where event_id = scoreboard_feed.event_id and processed_at is null) as pending`,
      [this.owner, info.eventId, this.owner],
    );
    if (claimed.length < 2) {
      if (claimed.length > 0) await this.releaseLease(info.eventId);
      return false;
    }
    try {
      await work(claimed[0]!.pending);
      return true;
    } finally {
      await this.releaseLease(info.eventId);
    }
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
   * `alongside` writes, in one transaction; then broadcasts. Call only while holding the lease.
   */
  async commit(
    info: EventInfo,
    next: NextStates,
    alongside: (tx: EntityManager) => Promise<void> = async () => undefined,
  ): Promise<ScoreboardDelta[]> {
    const deltas: ScoreboardDelta[] = [];
    await this.em().transactional(async (tx) => {
      const feeds = await tx.execute<
        Array<FeedRow & { view: StandingsView; lease_owner: string | null }>
      >('select view, seq, state, lease_owner from scoreboard_feed where event_id = ? for update', [
        info.eventId,
      ]);
      for (const view of ['public', 'staff'] as const) {
        const state = next[view];
        if (!state) continue;
        const feed = feeds.find((row) => row.view === view);
        if (!feed || feed.lease_owner !== this.owner) {
          throw new Error(`Lost the lease on the boards of event ${info.eventId}`);
        }
        const delta = diffStates(feed.state, state);
        if (!delta) continue;
        const seq = feed.seq + 1;
        // The board's new state and its delta in one round trip.
        await tx.execute(
          `with board as (
             update scoreboard_feed set seq = ?, state = ?::jsonb, updated_at = now()
              where event_id = ? and view = ?)
           insert into scoreboard_delta (event_id, view, seq, changes, meta)
           values (?, ?, ?, ?::jsonb, ?::jsonb)`,
          [
            seq,
            JSON.stringify(state),
            info.eventId,
            view,
            info.eventId,
            view,
            seq,
            JSON.stringify(delta.changes),
            delta.meta ? JSON.stringify(delta.meta) : null,
          ],
        );
        // Bounded history, pruned every 50 deltas (at most DELTA_HISTORY + 50 kept).
        if (seq % 50 === 0)
          await tx.execute(
            'delete from scoreboard_delta where event_id = ? and view = ? and seq <= ?',
            [info.eventId, view, seq - DELTA_HISTORY],
          );
        deltas.push({ eventId: info.eventId, view, seq, ...delta });
      }
      await alongside(tx);
    });
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
