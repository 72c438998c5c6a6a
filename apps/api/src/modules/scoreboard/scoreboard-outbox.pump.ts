import type { EventSubscriber, FlushEventArgs, TransactionEventArgs } from '@mikro-orm/core';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import {
  type BeforeApplicationShutdown,
  Injectable,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ScoreboardChange } from './entities/scoreboard-change.entity';
import { ScoreboardFeedService } from './scoreboard-feed.service';

/** How often every process looks for unprocessed changes even when nothing kicked it. */
export const POLL_MS = 500;
/** At most one delta per board per this many ms (5 a second): faster marks are coalesced. */
export const COALESCE_MS = 200;

/**
 * Drains the outbox (`scoreboard_change`): any process may claim an event's changes, so a change
 * committed before a crash is broadcast by whichever process runs next. A flush that writes a
 * ScoreboardChange kicks this process at once (after the commit); a short poll catches changes
 * written by other processes or by plain SQL.
 */
@Injectable()
export class ScoreboardOutboxPump
  implements OnApplicationBootstrap, BeforeApplicationShutdown, EventSubscriber
{
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private closing = false;
  private pendingCommit = false;
  /** Set by the poll timer: look for due freezes too (a kick only looks at the outbox). */
  private pollDue = true;
  private readonly lastRefresh = new Map<string, number>();
  private delayed: NodeJS.Timeout | null = null;

  constructor(
    private readonly orm: MikroORM,
    private readonly feeds: ScoreboardFeedService,
  ) {}

  onApplicationBootstrap(): void {
    this.orm.em.getEventManager().registerSubscriber(this);
    this.timer = setInterval(() => {
      this.pollDue = true;
      this.kick();
    }, POLL_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    if (this.timer) clearInterval(this.timer);
    if (this.delayed) clearTimeout(this.delayed);
    await this.running;
  }

  // EventSubscriber: kick after a transaction that wrote an outbox row has committed.
  afterFlush(args: FlushEventArgs): void {
    const wrote = args.uow
      .getChangeSets()
      .some((changeSet) => changeSet.entity instanceof ScoreboardChange);
    if (!wrote) return;
    if (args.em.isInTransaction()) this.pendingCommit = true;
    else this.kick();
  }

  afterTransactionCommit(_args: TransactionEventArgs): void {
    if (!this.pendingCommit) return;
    this.pendingCommit = false;
    this.kick();
  }

  /** Drains the outbox now (or right after the pass under way). */
  kick(): void {
    if (this.closing) return;
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
    const em = this.orm.em.fork() as EntityManager;
    const pending = await em.execute<Array<{ event_id: string }>>(
      `select event_id from scoreboard_change where processed_at is null
        group by event_id order by min(id) limit 100`,
    );
    // Freezes whose time has come flip the boards' `frozen` flag even without a new mark.
    const polling = this.pollDue;
    this.pollDue = false;
    const freezing = !polling
      ? []
      : await em.execute<Array<{ event_id: string }>>(
          `select s.event_id from scoreboard_setting s
         join scoreboard_feed f on f.event_id = s.event_id and f.view = 'public'
        where s.freeze_at <= now() and s.revealed_at is null
          and coalesce((f.state->>'frozen')::boolean, false) = false`,
        );
    const events = [...new Set([...pending, ...freezing].map((row) => row.event_id))];
    for (const eventId of events) {
      if (this.closing) return;
      const wait = (this.lastRefresh.get(eventId) ?? 0) + COALESCE_MS - Date.now();
      if (wait > 0) {
        this.later(wait);
        continue;
      }
      this.lastRefresh.set(eventId, Date.now());
      await this.feeds
        .refresh(eventId)
        .catch((error: unknown) => this.feeds.logFailure(eventId, error));
    }
  }

  private later(ms: number): void {
    if (this.delayed || this.closing) return;
    this.delayed = setTimeout(() => {
      this.delayed = null;
      this.kick();
    }, ms);
    this.delayed.unref();
  }
}
