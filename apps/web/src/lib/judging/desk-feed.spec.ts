import type {
  JoinBoardAck,
  JoinBoardRequest,
  ScoreboardDelta,
  ScoreboardSnapshot,
} from '@jingsai/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeskFeed } from './desk-feed.svelte';

const EVENT = '22222222-2222-4222-8222-222222222222';
const OTHER_EVENT = '33333333-3333-4333-8333-333333333333';

const snapshot = (seq: number) => ({ seq }) as ScoreboardSnapshot;
const delta = (seq: number, overrides: Partial<ScoreboardDelta> = {}): ScoreboardDelta => ({
  eventId: EVENT,
  view: 'staff',
  seq,
  changes: [],
  ...overrides,
});

/** Just enough of a socket.io client: handlers by name, joins answered by the test. */
class FakeSocket {
  handlers = new Map<string, (payload?: unknown) => void>();
  joins: JoinBoardRequest[] = [];
  disconnected = false;
  answer: (request: JoinBoardRequest) => JoinBoardAck = () => ({
    ok: true,
    snapshot: snapshot(5),
  });

  on(name: string, handler: (payload?: unknown) => void) {
    this.handlers.set(name, handler);
    return this;
  }
  fire(name: string, payload?: unknown) {
    this.handlers.get(name)?.(payload);
  }
  async emitWithAck(_name: string, request: JoinBoardRequest) {
    this.joins.push(request);
    await Promise.resolve();
    return this.answer(request);
  }
  disconnect() {
    this.disconnected = true;
  }
}

async function started() {
  const socket = new FakeSocket();
  const onChange = vi.fn();
  const feed = new DeskFeed(EVENT, onChange, () => socket as never, 1000);
  const stop = feed.start();
  socket.fire('connect');
  await vi.advanceTimersByTimeAsync(0);
  return { socket, onChange, feed, stop };
}

describe('the head judge desk’s live feed', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('joins the event’s staff board and goes live without refetching', async () => {
    const { socket, onChange, feed, stop } = await started();
    expect(socket.joins).toEqual([{ eventId: EVENT, view: 'staff' }]);
    expect(feed.live).toBe(true);
    expect(onChange).not.toHaveBeenCalled();
    stop();
    expect(socket.disconnected).toBe(true);
    expect(feed.live).toBe(false);
  });

  it('refetches at once on a delta of its board, then at most once a throttle period', async () => {
    const { socket, onChange, stop } = await started();
    socket.fire('scoreboard:delta', delta(6, { eventId: OTHER_EVENT }));
    socket.fire('scoreboard:delta', delta(6, { view: 'public' }));
    socket.fire('scoreboard:delta', delta(5));
    expect(onChange).toHaveBeenCalledTimes(0);

    socket.fire('scoreboard:delta', delta(6));
    expect(onChange).toHaveBeenCalledTimes(1);
    socket.fire('scoreboard:delta', delta(7));
    socket.fire('scoreboard:delta', delta(8));
    socket.fire('scoreboard:delta', delta(9));
    await vi.advanceTimersByTimeAsync(999);
    expect(onChange).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(onChange).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(5000);
    expect(onChange).toHaveBeenCalledTimes(2);
    stop();
  });

  it('refetches when a tick shows a delta went missing', async () => {
    const { socket, onChange, stop } = await started();
    socket.fire('scoreboard:tick', { eventId: EVENT, view: 'staff', seq: 5 });
    expect(onChange).not.toHaveBeenCalled();
    socket.fire('scoreboard:tick', { eventId: EVENT, view: 'staff', seq: 7 });
    expect(onChange).toHaveBeenCalledTimes(1);
    stop();
  });

  it('is not live while disconnected, and rejoins with its seq, refetching only on news', async () => {
    const { socket, onChange, feed, stop } = await started();
    socket.fire('disconnect');
    expect(feed.live).toBe(false);

    socket.answer = () => ({ ok: true, deltas: [] });
    socket.fire('connect');
    await vi.advanceTimersByTimeAsync(0);
    expect(socket.joins.at(-1)).toEqual({ eventId: EVENT, view: 'staff', lastSeq: 5 });
    expect(feed.live).toBe(true);
    expect(onChange).not.toHaveBeenCalled();

    socket.fire('disconnect');
    socket.answer = () => ({ ok: true, deltas: [delta(6), delta(7)] });
    socket.fire('connect');
    await vi.advanceTimersByTimeAsync(0);
    expect(onChange).toHaveBeenCalledTimes(1);
    stop();
  });

  it('stays off live when the server refuses the staff board', async () => {
    const socket = new FakeSocket();
    socket.answer = () => ({
      ok: false,
      error: { code: 'auth.forbidden', message: '没有权限' },
    });
    const feed = new DeskFeed(EVENT, vi.fn(), () => socket as never);
    const stop = feed.start();
    socket.fire('connect');
    await vi.advanceTimersByTimeAsync(0);
    expect(feed.live).toBe(false);
    stop();
  });
});
