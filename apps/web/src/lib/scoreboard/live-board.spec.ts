import type {
  JoinBoardAck,
  JoinBoardRequest,
  ScoreboardDelta,
  ScoreboardSnapshot,
  StandingRow,
} from '@jingsai/contracts';
import { describe, expect, it, vi } from 'vitest';
import { LiveBoard } from './live-board.svelte';

const EVENT = '22222222-2222-4222-8222-222222222222';
const ENTRY = '00000000-0000-4000-8000-000000000001';

function row(total: string): StandingRow {
  return {
    entryId: ENTRY,
    code: 'A01',
    name: null,
    enterprise: null,
    region: null,
    stages: [],
    total,
    rank: 1,
    award: null,
    status: 'complete',
  };
}

function snapshot(seq: number, total: string): ScoreboardSnapshot {
  return {
    competitionId: EVENT,
    eventId: EVENT,
    view: 'public',
    seq,
    eventName: '焊工',
    phase: 'live',
    resultVersion: null,
    stage: null,
    frozen: false,
    freezeAt: null,
    reveal: null,
    rows: [row(total)],
  };
}

const delta = (seq: number, total: string): ScoreboardDelta => ({
  eventId: EVENT,
  view: 'public',
  seq,
  changes: [{ entryId: ENTRY, row: row(total) }],
});

/** Just enough of a socket.io client: handlers by name, joins answered by the test. */
class FakeSocket {
  handlers = new Map<string, (payload?: unknown) => void>();
  joins: JoinBoardRequest[] = [];
  answer: (request: JoinBoardRequest) => JoinBoardAck = () => ({
    ok: true,
    snapshot: snapshot(3, '80'),
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
  disconnect() {}
}

function start() {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response('{}', { status: 404 })),
  );
  const socket = new FakeSocket();
  const live = new LiveBoard(EVENT, 'public', () => socket as never);
  const stop = live.start();
  return { socket, live, stop };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('a live board on the client', () => {
  it('applies deltas in order and ignores one it already has', async () => {
    const { socket, live, stop } = start();
    socket.fire('connect');
    await settle();
    expect(live.board?.seq).toBe(3);
    socket.fire('scoreboard:delta', delta(4, '81'));
    socket.fire('scoreboard:delta', delta(4, '99'));
    socket.fire('scoreboard:delta', delta(3, '98'));
    expect(live.board?.seq).toBe(4);
    expect(live.board?.rows[0]?.total).toBe('81');
    expect(live.status).toBe('live');
    stop();
  });

  it('rejoins with its last seq on a gap and applies the missed deltas once', async () => {
    const { socket, live, stop } = start();
    socket.fire('connect');
    await settle();
    socket.answer = (request) => ({
      ok: true,
      deltas: [delta(request.lastSeq! + 1, '82'), delta(request.lastSeq! + 2, '83')],
    });
    socket.fire('scoreboard:delta', delta(5, '83'));
    await settle();
    expect(socket.joins.at(-1)).toEqual({ eventId: EVENT, view: 'public', lastSeq: 3 });
    expect(live.board?.seq).toBe(5);
    expect(live.board?.rows[0]?.total).toBe('83');
    stop();
  });

  it('buffers deltas that arrive before the snapshot and rejoins when a tick says it is behind', async () => {
    const { socket, live, stop } = start();
    socket.fire('connect');
    socket.fire('scoreboard:delta', delta(4, '84'));
    await settle();
    expect(live.board?.seq).toBe(4);
    socket.answer = () => ({ ok: true, snapshot: snapshot(9, '90') });
    socket.fire('scoreboard:tick', { eventId: EVENT, view: 'public', seq: 9 });
    await settle();
    expect(socket.joins.at(-1)?.lastSeq).toBe(4);
    expect(live.board?.seq).toBe(9);
    expect(live.board?.rows[0]?.total).toBe('90');
    stop();
  });

  it('shows the server’s message when the board cannot be joined', async () => {
    const { socket, live, stop } = start();
    socket.answer = () => ({
      ok: false,
      error: { code: 'entity.not_found', message: '未找到event' },
    });
    socket.fire('connect');
    await settle();
    expect(live.board).toBeNull();
    expect(live.error).toBe('未找到event');
    stop();
  });
});
