import type { MikroORM } from '@mikro-orm/postgresql';
import type { ChainWriter } from '../judging/chain-writer.service';
import { COALESCE_MS, POLL_MS, ScoreboardOutboxPump } from './scoreboard-outbox.pump';
import type { ScoreboardFeedService } from './scoreboard-feed.service';

/**
 * The pump's timing with the clock in the test's hands: the database and the boards stand in
 * as fakes (the socket and judging specs drive the real ones).
 */
describe('ScoreboardOutboxPump', () => {
  let pump: ScoreboardOutboxPump;
  /** When each refresh started (fake clock, ms) and for which event. */
  let refreshes: Array<{ eventId: string; at: number }>;
  /** What the outbox query answers: events with unprocessed changes. */
  let pendingInDatabase: string[];
  let outboxQueries: number;
  let kick: (eventId: string) => void;
  /** Events with a change no refresh has read yet. */
  let changes: Set<string>;
  let emitMs: number;

  /** A judging batch commits a change to the event's standings. */
  function committed(eventId: string): void {
    changes.add(eventId);
    kick(eventId);
  }

  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000 });
    changes = new Set();
    emitMs = 0;
    refreshes = [];
    pendingInDatabase = [];
    outboxQueries = 0;
    const orm = {
      em: {
        getEventManager: () => ({ registerSubscriber: () => undefined }),
        fork: () => ({
          execute: async (query: string) => {
            if (!query.includes('from scoreboard_change') || query.includes('delete')) return [];
            outboxQueries++;
            return pendingInDatabase.map((eventId) => ({ event_id: eventId }));
          },
        }),
      },
    } as unknown as MikroORM;
    const feeds = {
      // Reads what changed when it starts; sends a delta only when something had, which takes
      // `emitMs`.
      refresh: async (eventId: string) => {
        refreshes.push({ eventId, at: Date.now() });
        pendingInDatabase = pendingInDatabase.filter((pending) => pending !== eventId);
        if (!changes.delete(eventId)) return 0;
        if (emitMs > 0) await new Promise((resolve) => setTimeout(resolve, emitMs));
        return 1;
      },
      logFailure: (_eventId: string, error: unknown) => {
        throw error;
      },
    } as unknown as ScoreboardFeedService;
    const chain = {
      onCommitted: (listener: (eventId: string) => void) => (kick = listener),
    } as unknown as ChainWriter;
    pump = new ScoreboardOutboxPump(orm, feeds, chain);
    pump.onApplicationBootstrap();
  });

  afterEach(async () => {
    const stopped = pump.beforeApplicationShutdown();
    await jest.runOnlyPendingTimersAsync();
    await stopped;
    jest.useRealTimers();
  });

  it('refreshes a board at once when a judging batch commits after a quiet spell', async () => {
    await jest.advanceTimersByTimeAsync(POLL_MS * 2);
    const before = outboxQueries;
    const markedAt = Date.now();
    committed('event-1');
    await jest.advanceTimersByTimeAsync(0);
    expect(refreshes).toEqual([{ eventId: 'event-1', at: markedAt }]);
    // Named by the commit: no outbox query stood between the mark and its refresh.
    expect(outboxQueries).toBe(before);
  });

  it('coalesces a burst into at most 5 refreshes a second, the last mark included', async () => {
    const burstStart = Date.now();
    let lastMark = 0;
    for (let mark = 0; mark < 50; mark++) {
      lastMark = Date.now();
      committed('event-1');
      await jest.advanceTimersByTimeAsync(20);
    }
    await jest.advanceTimersByTimeAsync(COALESCE_MS);
    const times = refreshes.map((refresh) => refresh.at);
    // The first mark goes out at once; then one refresh per window, never two within one.
    expect(times[0]).toBe(burstStart);
    for (let i = 1; i < times.length; i++)
      expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(COALESCE_MS);
    expect(times.filter((at) => at < burstStart + 1000).length).toBeLessThanOrEqual(5);
    // The burst's last mark is carried by a refresh that started after it, within one window.
    expect(times.at(-1)!).toBeGreaterThanOrEqual(lastMark);
    expect(times.at(-1)! - lastMark).toBeLessThanOrEqual(COALESCE_MS);
  });

  it('keeps events apart: a mark on one board does not hold back another', async () => {
    committed('event-1');
    await jest.advanceTimersByTimeAsync(50);
    committed('event-1');
    committed('event-2');
    await jest.advanceTimersByTimeAsync(0);
    expect(refreshes.map((refresh) => refresh.eventId)).toEqual(['event-1', 'event-2']);
    await jest.advanceTimersByTimeAsync(COALESCE_MS);
    expect(refreshes.map((refresh) => refresh.eventId)).toEqual(['event-1', 'event-2', 'event-1']);
  });

  it('does not let a refresh that found nothing new hold back the next mark', async () => {
    emitMs = 150;
    const start = Date.now();
    committed('event-1');
    await jest.advanceTimersByTimeAsync(100);
    // A late kick for the change the refresh under way has already read.
    kick('event-1');
    await jest.advanceTimersByTimeAsync(140);
    expect(refreshes.map((refresh) => refresh.at - start)).toEqual([0, 200]);
    committed('event-1');
    await jest.advanceTimersByTimeAsync(0);
    // The second refresh sent nothing: the window still runs from the first, so this goes at once.
    expect(refreshes.map((refresh) => refresh.at - start)).toEqual([0, 200, 240]);
  });

  it('does not let one late refresh make every later mark wait as long', async () => {
    const start = Date.now();
    committed('event-1');
    await jest.advanceTimersByTimeAsync(190);
    emitMs = 60; // another board's long broadcast keeps the pump busy from 190 to 250
    committed('event-2');
    await jest.advanceTimersByTimeAsync(10);
    committed('event-1'); // due at 200, runs at 250
    await jest.advanceTimersByTimeAsync(60);
    emitMs = 0;
    await jest.advanceTimersByTimeAsync(140);
    committed('event-1'); // at 400: its window runs from 200 (when the last became due), so at once
    await jest.advanceTimersByTimeAsync(0);
    const eventOne = refreshes.filter((refresh) => refresh.eventId === 'event-1');
    expect(eventOne.map((refresh) => refresh.at - start)).toEqual([0, 250, 400]);
  });

  it('finds changes nobody kicked it for (other processes, plain SQL) by polling', async () => {
    pendingInDatabase = ['event-3'];
    await jest.advanceTimersByTimeAsync(POLL_MS);
    expect(refreshes.map((refresh) => refresh.eventId)).toEqual(['event-3']);
  });
});
