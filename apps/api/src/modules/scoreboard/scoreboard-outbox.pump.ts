import type { EventSubscriber, FlushEventArgs, TransactionEventArgs } from '@mikro-orm/core';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import {
  type BeforeApplicationShutdown,
  Injectable,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ChainWriter } from '../judging/chain-writer.service';
import { ScoreboardChange } from './entities/scoreboard-change.entity';
import { ScoreboardFeedService } from './scoreboard-feed.service';

/** How often every process looks for unprocessed changes even when nothing kicked it. */
export const POLL_MS = 500;
/** At most one delta per board per this many ms (5 a second): faster marks are coalesced. */
export const COALESCE_MS = 200;
/** Processed outbox rows are deleted once they are this old (they only say "look again"). */
export const KEEP_PROCESSED_MS = 24 * 60 * 60_000;
/** How often a process deletes old processed rows. */
export const PRUNE_EVERY_MS = 10 * 60_000;

/**
 * Drains the outbox (`scoreboard_change`): any process may claim an event's changes, so a change
 * committed before a crash is broadcast by whichever process runs next. This process is kicked
 * at once, naming the event, after a commit that wrote an outbox row: a judging batch
 * (ChainWriter) or a flush of a ScoreboardChange. A short poll catches changes written by other
 * processes or by plain SQL elsewhere.
 *
 * Coalescing is leading-edge: a change to a board that has sent no delta for COALESCE_MS is
 * refreshed at once; changes within COALESCE_MS of the last refresh that sent one wait until the
 * window ends and go out together, so a room gets at most ~5 deltas a second however fast
 * judges type. A window runs from when its refresh became due, not from when it got to run, so
 * a refresh that started late (the pump busy with another board) does not delay the next ones.
 */
@Injectable()
export class ScoreboardOutboxPump
  implements OnApplicationBootstrap, BeforeApplicationShutdown, EventSubscriber
{
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private closing = false;
  /** Events whose outbox rows a transaction under way has written (kicked after its commit). */
  private readonly uncommitted = new Set<string>();
  /** Events kicked by name since the last pass: refreshed without asking the database first. */
  private readonly kicked = new Set<string>();
  /** Set by a kick without a name and by the poll: look in the outbox for every event. */
  private lookUp = true;
  /** Set by the poll timer: look for due freezes too (a kick only looks at the outbox). */
  private pollDue = true;
  /**
   * Where each event's current window starts: when its last refresh that sent a delta became due
   * (not when it got to run, so one late start does not make every later mark wait as long).
   */
  private readonly lastRefresh = new Map<string, number>();
  /** When each event was first kicked since its last refresh began. */
  private readonly kickedAt = new Map<string, number>();
  /** Events waiting for the end of their coalescing window, and the timer that ends it. */
  private readonly waiting = new Set<string>();
  private delayed: { at: number; timer: NodeJS.Timeout } | null = null;
  private lastPrune = 0;

  constructor(
    private readonly orm: MikroORM,
    private readonly feeds: ScoreboardFeedService,
    private readonly chain: ChainWriter,
  ) {}

  onApplicationBootstrap(): void {
    this.orm.em.getEventManager().registerSubscriber(this);
    this.chain.onCommitted((eventId) => this.kick(eventId));
    this.timer = setInterval(() => {
      this.pollDue = true;
      this.kick();
    }, POLL_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    if (this.timer) clearInterval(this.timer);
    if (this.delayed) clearTimeout(this.delayed.timer);
    await this.running;
  }

  // EventSubscriber: kick after a transaction that wrote an outbox row has committed.
  afterFlush(args: FlushEventArgs): void {
    const events = args.uow
      .getChangeSets()
      .map((changeSet) => changeSet.entity)
      .filter((entity): entity is ScoreboardChange => entity instanceof ScoreboardChange)
      .map((change) => change.eventId);
    if (events.length === 0) return;
    if (args.em.isInTransaction()) for (const eventId of events) this.uncommitted.add(eventId);
    else for (const eventId of events) this.kick(eventId);
  }

  afterTransactionCommit(_args: TransactionEventArgs): void {
    for (const eventId of this.uncommitted) this.kick(eventId);
    this.uncommitted.clear();
  }

  /**
   * Drains the outbox now (or right after the pass under way): the named event only, or every
   * event with unprocessed changes when none is named.
   */
  kick(eventId?: string): void {
    if (this.closing) return;
    if (eventId) {
      this.kicked.add(eventId);
      if (!this.kickedAt.has(eventId)) this.kickedAt.set(eventId, Date.now());
    } else this.lookUp = true;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drainAll().finally(() => {
      this.running = null;
    });
  }

  private async drainAll(): Promise<void> {
    do {
      this.again = false;
      await this.drainOnce().catch((error: unknown) => this.feeds.logFailure('*', error));
    } while (this.again && !this.closing);
  }

  private async drainOnce(): Promise<void> {
    const events = new Set(this.kicked);
    this.kicked.clear();
    const lookUp = this.lookUp;
    this.lookUp = false;
    const polling = this.pollDue;
    this.pollDue = false;
    if (lookUp) for (const eventId of await this.pendingEvents(polling)) events.add(eventId);
    if (polling && Date.now() - this.lastPrune >= PRUNE_EVERY_MS) await this.prune();
    for (const eventId of events) {
      if (this.closing) return;
      const windowEnds = (this.lastRefresh.get(eventId) ?? -Infinity) + COALESCE_MS;
      const wait = windowEnds - Date.now();
      if (wait > 0) {
        this.later(eventId, wait);
        continue;
      }
      this.waiting.delete(eventId);
      const dueAt = Math.max(windowEnds, this.kickedAt.get(eventId) ?? Date.now());
      this.kickedAt.delete(eventId);
      // The window runs from the last refresh that broadcast (or failed): one that found nothing
      // new, e.g. kicked for a change the refresh before it already carried, holds nothing back.
      let opensWindow = true;
      try {
        const sent = await this.feeds.refresh(eventId);
        opensWindow = sent !== 'busy' && sent > 0;
      } catch (error) {
        this.feeds.logFailure(eventId, error);
      }
      if (opensWindow) this.lastRefresh.set(eventId, dueAt);
    }
  }

  /** Events with unprocessed outbox rows, and when polling those whose freeze time has come. */
  private async pendingEvents(polling: boolean): Promise<string[]> {
    const em = this.orm.em.fork() as EntityManager;
    const pending = await em.execute<Array<{ event_id: string }>>(
      `select event_id from scoreboard_change where processed_at is null
        group by event_id order by min(id) limit 100`,
    );
    // Freezes whose time has come flip the boards' `frozen` flag even without a new mark.
    const freezing = !polling
      ? []
      : await em.execute<Array<{ event_id: string }>>(
          `select s.event_id from scoreboard_setting s
         join scoreboard_feed f on f.event_id = s.event_id and f.view = 'public'
        where s.freeze_at <= now() and s.revealed_at is null
          and coalesce((f.state->>'frozen')::boolean, false) = false`,
        );
    return [...pending, ...freezing].map((row) => row.event_id);
  }

  /** Deletes processed outbox rows older than KEEP_PROCESSED_MS, so the table does not grow forever. */
  async prune(): Promise<number> {
    this.lastPrune = Date.now();
    const em = this.orm.em.fork() as EntityManager;
    const deleted = await em.execute<Array<{ id: string }>>(
      `delete from scoreboard_change
        where processed_at is not null and processed_at < now() - make_interval(secs => ?)
        returning id`,
      [KEEP_PROCESSED_MS / 1000],
    );
    return deleted.length;
  }

  /** Refreshes `eventId` when its coalescing window ends, `ms` from now. */
  private later(eventId: string, ms: number): void {
    if (this.closing) return;
    this.waiting.add(eventId);
    const at = Date.now() + ms;
    if (this.delayed && this.delayed.at <= at) return;
    if (this.delayed) clearTimeout(this.delayed.timer);
    const timer = setTimeout(() => {
      this.delayed = null;
      const due = [...this.waiting];
      this.waiting.clear();
      for (const waiting of due) this.kick(waiting);
    }, ms);
    timer.unref();
    this.delayed = { at, timer };
  }
}
