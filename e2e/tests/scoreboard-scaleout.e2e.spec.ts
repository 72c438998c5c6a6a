// Two API processes sharing rooms through Redis (@socket.io/redis-streams-adapter) and Postgres:
// a viewer on process B receives what happens through process A; with Redis gone, the viewer
// catches up from Postgres (ticks → rejoin with its last seq), and the Redis path comes back.
//
// Runs the built API (apps/api/dist) through bench/scoreboard/api-node.js, whose only difference
// from `npm start` is that standings are read from a file the test writes (the judging module's
// place). Redis is a private redis-server on a free port (the machine's binary), because the test
// stops and restarts it; Postgres is the machine's server.
import type {
  EventStandings,
  JoinBoardAck,
  ScoreboardClientToServerEvents,
  ScoreboardDelta,
  ScoreboardServerToClientEvents,
  ScoreboardSnapshot,
  StandingRow,
  VoteTally,
} from '@jingsai/contracts';
import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { DEMO_ORGANISER } from '../src';
import {
  createScratchDatabase,
  firstEvent,
  freePort,
  removeDir,
  type ScoreboardNode,
  type ScratchDatabase,
  type Started,
  startRedis,
  startScoreboardNode,
  stopProcess,
  waitFor,
  writeStandings,
} from '../src/scoreboard';

type Viewer = Socket<ScoreboardServerToClientEvents, ScoreboardClientToServerEvents>;

function row(code: string, total: string, rank: number): StandingRow {
  return {
    entryId: randomUUID(),
    code,
    name: `选手${code}`,
    enterprise: '一汽集团',
    region: '长春市',
    stages: [],
    total,
    rank,
    award: null,
    status: 'complete',
  };
}

describe('scoreboard across two API processes', () => {
  let simDir: string;
  let database: ScratchDatabase;
  let redisPort: number;
  let redis: Started;
  let a: ScoreboardNode;
  let b: ScoreboardNode;
  let base: Omit<EventStandings, 'rows'>;
  let rows: StandingRow[];
  const viewers: Viewer[] = [];

  const publish = () => writeStandings(simDir, base, rows);

  async function login(url: string): Promise<string> {
    const response = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(DEMO_ORGANISER),
    });
    expect(response.status).toBe(200);
    return response.headers
      .getSetCookie()
      .map((cookie) => cookie.split(';')[0])
      .join('; ');
  }

  async function call(url: string, method: string, route: string, cookie: string, body: unknown) {
    const response = await fetch(`${url}/api/v1${route}`, {
      method,
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify(body),
    });
    return response.status;
  }

  beforeAll(async () => {
    simDir = await mkdtemp(path.join(tmpdir(), 'jingsai-scoreboard-sim-'));
    database = await createScratchDatabase();
    redisPort = await freePort();
    redis = await startRedis(redisPort);
    const redisUrl = `redis://127.0.0.1:${redisPort}`;
    a = await startScoreboardNode({ databaseUrl: database.url, simDir, seed: true, redisUrl });
    b = await startScoreboardNode({ databaseUrl: database.url, simDir, seed: false, redisUrl });
    const event = await firstEvent(database.url);
    base = {
      competitionId: event.competitionId,
      eventId: event.eventId,
      eventName: event.name,
      phase: 'live',
      resultVersion: null,
      stage: null,
    };
    rows = [row('A01', '90.5', 1), row('A02', '85', 2), row('A03', '70.25', 3)];
    await publish();
  }, 120_000);

  afterAll(async () => {
    for (const viewer of viewers) viewer.disconnect();
    for (const node of [a, b]) if (node) await stopProcess(node.child);
    if (redis) await stopProcess(redis.child);
    await database?.drop();
    await removeDir(simDir);
  }, 60_000);

  it('delivers to a viewer on B what happens through A, with and without Redis', async () => {
    const { eventId, competitionId } = base;
    const viewer: Viewer = io(b.url, { transports: ['websocket'], forceNew: true });
    viewers.push(viewer);
    let board: ScoreboardSnapshot | null = null;
    const applied: number[] = [];
    const tallies: VoteTally[] = [];
    const rejoin = async () => {
      const answer: JoinBoardAck = await viewer.emitWithAck('scoreboard:join', {
        eventId,
        view: 'public',
        ...(board ? { lastSeq: board.seq } : {}),
      });
      if (!answer.ok) throw new Error(answer.error.message);
      if ('snapshot' in answer) board = answer.snapshot;
      else for (const delta of answer.deltas) apply(delta);
    };
    const apply = (delta: ScoreboardDelta) => {
      if (!board || delta.seq <= board.seq) return;
      if (delta.seq !== board.seq + 1) {
        void rejoin();
        return;
      }
      const byId = new Map(board.rows.map((entry) => [entry.entryId, entry]));
      for (const change of delta.changes) {
        const old = byId.get(change.entryId);
        if ('set' in change) {
          if (old) byId.set(change.entryId, { ...old, ...change.set });
        } else if (change.row) byId.set(change.entryId, change.row);
        else byId.delete(change.entryId);
      }
      board = { ...board, ...delta.meta, seq: delta.seq, rows: [...byId.values()] };
      applied.push(delta.seq);
    };
    viewer.on('scoreboard:delta', apply);
    viewer.on('scoreboard:votes', (tally) => tallies.push(tally));
    viewer.on('scoreboard:tick', (tick) => {
      if (board && tick.eventId === eventId && tick.seq > board.seq) void rejoin();
    });
    await new Promise<void>((resolve) => viewer.once('connect', () => resolve()));
    await rejoin();
    await waitFor(() => board!.rows.length === 3, 'the board on B');
    expect(board!.rows.every((entry) => entry.name === null)).toBe(true);

    // 1. Through A: the organiser opens the vote and votes. Only A broadcasts this tally, so the
    // viewer on B can only hear it through Redis.
    const cookie = await login(a.url);
    const votePath = `/competitions/${competitionId}/events/${eventId}/scoreboard/vote`;
    const closesAt = new Date(Date.now() + 3_600_000).toISOString();
    expect(await call(a.url, 'PUT', votePath, cookie, { enabled: true, closesAt })).toBe(200);
    const entryId = rows[2]!.entryId;
    expect(await call(a.url, 'POST', `/public/events/${eventId}/votes`, cookie, { entryId })).toBe(
      200,
    );
    await waitFor(() => tallies.some((tally) => tally.total === 1), 'the tally from A on B');

    // 2. Through A: a mark moves A03 to the top and the organiser sets a freeze time (tomorrow);
    // the viewer on B gets the delta.
    rows = [
      { ...rows[0]!, rank: 2 },
      { ...rows[1]!, rank: 3 },
      { ...rows[2]!, total: '99', rank: 1 },
    ];
    await publish();
    const freezePath = `/competitions/${competitionId}/events/${eventId}/scoreboard/freeze`;
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    expect(await call(a.url, 'PUT', freezePath, cookie, { freezeAt: tomorrow })).toBe(200);
    await waitFor(
      () =>
        board!.rows.find((entry) => entry.code === 'A03')?.total === '99' &&
        board!.freezeAt !== null,
      'the delta on B',
    );

    // 3. Redis goes away. A change made through A still reaches the viewer on B, and B's HTTP
    // snapshot agrees.
    await stopProcess(redis.child);
    const seqBefore = board!.seq;
    rows = rows.map((entry) => (entry.code === 'A02' ? { ...entry, total: '86.5' } : entry));
    await publish();
    expect(await call(a.url, 'PUT', freezePath, cookie, { freezeAt: null })).toBe(200);
    await waitFor(
      () =>
        board!.rows.find((entry) => entry.code === 'A02')?.total === '86.5' &&
        board!.freezeAt === null,
      'the catch-up on B without Redis',
    );
    const http = await fetch(`${b.url}/api/v1/public/events/${eventId}/standings`);
    expect(((await http.json()) as ScoreboardSnapshot).seq).toBe(board!.seq);
    expect(board!.seq).toBeGreaterThan(seqBefore);

    // 4. Redis returns: tallies broadcast by A reach B again.
    redis = await startRedis(redisPort);
    const before = tallies.length;
    const again = async () => {
      const status = await call(a.url, 'PUT', votePath, cookie, {
        enabled: true,
        closesAt: new Date(Date.now() + 7_200_000).toISOString(),
      });
      expect(status).toBe(200);
    };
    // Both processes reconnect with a back-off of up to 5 s: ask once a second.
    const until = Date.now() + 30_000;
    while (tallies.length === before) {
      if (Date.now() > until) throw new Error('no tally reached B after Redis returned');
      await again();
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }

    // Nothing lost, nothing twice: every seq applied once, in order, none skipped.
    expect(applied).toEqual(
      Array.from({ length: applied.length }, (_, index) => applied[0]! + index),
    );
    expect(board!.seq).toBe(applied.at(-1));
  }, 120_000);
});
