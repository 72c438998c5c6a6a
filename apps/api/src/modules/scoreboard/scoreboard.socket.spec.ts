import {
  type EventStandings,
  type JoinBoardAck,
  type ScoreboardClientToServerEvents,
  type ScoreboardDelta,
  type ScoreboardServerToClientEvents,
  type ScoreboardSnapshot,
  type StandingRow,
  type StandingsView,
} from '@jingsai/contracts';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { TestContext } from '../../../test/test-context';
import { CompetitionEvent } from '../competitions/entities/competition-event.entity';
import type { Competition } from '../competitions/entities/competition.entity';
import type { Organisation } from '../organisations/entities/organisation.entity';
import { MikroORM } from '@mikro-orm/postgresql';
import { ScoreboardChange } from './entities/scoreboard-change.entity';
import { ScoreboardBroadcaster } from './scoreboard-broadcaster';
import { ScoreboardFeedService } from './scoreboard-feed.service';
import { applyChanges, boardOrder } from './scoreboard-board';
import { STANDINGS_SOURCE, type StandingsSource } from './standings-source';

type Client = Socket<ScoreboardServerToClientEvents, ScoreboardClientToServerEvents>;

/**
 * The judging side as these tests control it: per event, the staff truth; the public view is
 * derived the way judging's public view must be (no names while blind, unpublished totals hidden
 * per row when `hidden`). Stands in for StandingsService behind STANDINGS_SOURCE.
 */
class Judging {
  readonly events = new Map<string, { competitionId: string; name: string; rows: StandingRow[] }>();
  /** Rows the public may not see yet (e.g. unpublished marks). */
  readonly unpublished = new Set<string>();

  standings(eventId: string, view: StandingsView): EventStandings {
    const event = this.events.get(eventId);
    if (!event) throw new Error(`unknown event ${eventId}`);
    const rows =
      view === 'staff'
        ? event.rows
        : event.rows.map((row) =>
            this.unpublished.has(row.entryId)
              ? { ...row, name: null, total: null, rank: null, stages: [], award: null }
              : { ...row, name: null },
          );
    return {
      competitionId: event.competitionId,
      eventId,
      eventName: event.name,
      phase: 'live',
      resultVersion: null,
      rows: structuredClone(rows),
      stage: null,
    };
  }

  setTotal(eventId: string, code: string, total: string): void {
    const event = this.events.get(eventId)!;
    event.rows = event.rows.map((row) => (row.code === code ? { ...row, total } : row));
    // Rank by total, highest first (the tests use distinct totals).
    const ranked = [...event.rows].sort((a, b) => Number(b.total ?? -1) - Number(a.total ?? -1));
    event.rows = event.rows.map((row) => ({
      ...row,
      rank: row.total === null ? null : ranked.indexOf(row) + 1,
    }));
  }
}

function row(code: string, total: string | null, rank: number | null): StandingRow {
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
    status: total === null ? 'incomplete' : 'complete',
  };
}

/** A viewer that applies deltas strictly in seq order, as the web client does. */
class Viewer {
  board: ScoreboardSnapshot | null = null;
  readonly deltas: ScoreboardDelta[] = [];
  gaps = 0;

  constructor(readonly socket: Client) {
    socket.on('scoreboard:delta', (delta) => this.apply(delta));
  }

  apply(delta: ScoreboardDelta): void {
    this.deltas.push(delta);
    if (!this.board || delta.seq <= this.board.seq) return;
    if (delta.seq !== this.board.seq + 1) {
      this.gaps++;
      return;
    }
    this.board = {
      ...this.board,
      ...delta.meta,
      seq: delta.seq,
      rows: applyChanges(this.board.rows, delta.changes),
    };
  }

  async join(eventId: string, view: StandingsView, lastSeq?: number): Promise<JoinBoardAck> {
    const answer = await this.socket.emitWithAck('scoreboard:join', { eventId, view, lastSeq });
    if (answer.ok && 'snapshot' in answer) this.board = answer.snapshot;
    if (answer.ok && 'deltas' in answer) for (const delta of answer.deltas) this.apply(delta);
    return answer;
  }
}

async function waitFor(check: () => boolean, what: string, ms = 8000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('scoreboard over socket.io (real app)', () => {
  let ctx: TestContext;
  let url: string;
  let organisation: Organisation;
  let competition: Competition;
  let eventId: string;
  const judging = new Judging();
  const sockets: Client[] = [];

  function connect(cookie?: string, lang = 'zh-CN'): Client {
    const socket: Client = io(url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      extraHeaders: { 'accept-language': lang, ...(cookie ? { cookie } : {}) },
    });
    sockets.push(socket);
    return socket;
  }

  async function viewer(view: StandingsView, cookie?: string): Promise<Viewer> {
    const watcher = new Viewer(connect(cookie));
    const answer = await watcher.join(eventId, view);
    expect(answer.ok).toBe(true);
    return watcher;
  }

  async function markChanged(id = eventId): Promise<void> {
    const em = ctx.em();
    em.create(ScoreboardChange, { eventId: id, reason: 'mark' });
    await em.flush();
  }

  function truth(view: StandingsView) {
    return boardOrder(judging.standings(eventId, view).rows);
  }

  beforeAll(async () => {
    ctx = await TestContext.create();
    await ctx.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(ctx.app.getHttpServer().address() as AddressInfo).port}`;
    const source = ctx.app.get<StandingsSource>(STANDINGS_SOURCE);
    jest
      .spyOn(source, 'standings')
      .mockImplementation(async (id, view) => judging.standings(id, view));
    organisation = await ctx.newOrganisation();
    competition = await ctx.newCompetition(organisation, ['演讲比赛']);
    const event = await ctx.em().findOneOrFail(CompetitionEvent, { competition: competition.id });
    eventId = event.id;
    judging.events.set(eventId, {
      competitionId: competition.id,
      name: '演讲比赛',
      rows: [row('A01', '91.5', 1), row('A02', '88.25', 2), row('A03', null, null)],
    });
  });

  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });

  afterAll(async () => {
    await ctx.close();
  });

  it('sends a snapshot, then row-level deltas with consecutive seqs', async () => {
    const watcher = await viewer('public');
    const first = watcher.board!;
    expect(first.eventId).toBe(eventId);
    expect(boardOrder(first.rows)).toEqual(truth('public'));
    expect(first.rows.every((entry) => entry.name === null)).toBe(true);

    judging.setTotal(eventId, 'A03', '95');
    await markChanged();
    await waitFor(() => watcher.board!.seq === first.seq + 1, 'the delta');
    const delta = watcher.deltas.at(-1)!;
    // Row-level and field-level: A03 got a total and a rank, A01 and A02 only moved down.
    const codeOf = new Map(first.rows.map((entry) => [entry.entryId, entry.code]));
    const sent = Object.fromEntries(
      delta.changes.map((change) => [
        codeOf.get(change.entryId),
        'set' in change ? change.set : change,
      ]),
    );
    expect(sent).toEqual({
      A01: { rank: 2 },
      A02: { rank: 3 },
      A03: { total: '95', rank: 1 },
    });
    expect(boardOrder(watcher.board!.rows)).toEqual(truth('public'));
    expect(watcher.gaps).toBe(0);
  });

  it('coalesces a burst of marks into few deltas and loses none of them', async () => {
    const watcher = await viewer('public');
    const start = watcher.board!.seq;
    for (let i = 1; i <= 12; i++) {
      judging.setTotal(eventId, 'A02', `80.${String(i).padStart(2, '0')}`);
      await markChanged();
      await sleep(20);
    }
    await waitFor(
      () => watcher.board!.rows.find((entry) => entry.code === 'A02')?.total === '80.12',
      'the last mark',
    );
    const received = watcher.deltas.filter((delta) => delta.seq > start).length;
    expect(received).toBeLessThan(12);
    expect(watcher.gaps).toBe(0);
    expect(boardOrder(watcher.board!.rows)).toEqual(truth('public'));
  });

  it('gives a client that comes back the deltas it missed, or a snapshot when too far behind', async () => {
    const before = await viewer('public');
    const lastSeq = before.board!.seq;
    before.socket.disconnect();
    for (const total of ['70', '71', '72']) {
      judging.setTotal(eventId, 'A01', total);
      await markChanged();
      await sleep(400);
    }
    await waitFor(
      () => judging.standings(eventId, 'public').rows.find((r) => r.code === 'A01')!.total === '72',
      'truth',
    );
    const http = await ctx.http.get(`/api/v1/public/events/${eventId}/standings`).expect(200);
    const current = (http.body as ScoreboardSnapshot).seq;
    expect(current).toBe(lastSeq + 3);

    const back = new Viewer(connect());
    back.board = before.board;
    const answer = await back.join(eventId, 'public', lastSeq);
    expect(answer.ok && 'deltas' in answer && answer.deltas.map((delta) => delta.seq)).toEqual([
      lastSeq + 1,
      lastSeq + 2,
      lastSeq + 3,
    ]);
    expect(boardOrder(back.board!.rows)).toEqual(truth('public'));

    // A seq the server never issued (a client of another database, a bug) gets a fresh snapshot.
    const confused = new Viewer(connect());
    const fresh = await confused.join(eventId, 'public', current + 50);
    expect(fresh.ok && 'snapshot' in fresh && fresh.snapshot.seq).toBe(current);
  });

  it('continues a board another process moved, diffing against what that process stored', async () => {
    const watcher = await viewer('public');
    const here = ctx.app.get(ScoreboardFeedService);
    // A second API process: its own lease owner and board memory, the same database and rooms.
    const there = new ScoreboardFeedService(
      ctx.app.get(MikroORM),
      ctx.app.get<StandingsSource>(STANDINGS_SOURCE),
      ctx.app.get(ScoreboardBroadcaster),
    );
    const before = watcher.board!.seq;
    judging.setTotal(eventId, 'A01', '60.5');
    expect(await here.refresh(eventId)).toBe(2); // the public and the staff board
    judging.setTotal(eventId, 'A02', '61.5');
    expect(await there.refresh(eventId)).toBe(2);
    judging.setTotal(eventId, 'A03', '62.5');
    expect(await here.refresh(eventId)).toBe(2);

    await waitFor(() => watcher.board!.seq === before + 3, 'the three deltas');
    const codeOf = new Map(watcher.board!.rows.map((entry) => [entry.entryId, entry.code]));
    const marked = (delta: ScoreboardDelta) =>
      delta.changes
        .filter((change) => 'set' in change && change.set.total !== undefined)
        .map((change) => codeOf.get(change.entryId));
    // Each delta carries its own mark only: this process did not resend what the other sent.
    expect(watcher.deltas.slice(-3).map(marked)).toEqual([['A01'], ['A02'], ['A03']]);
    expect(boardOrder(watcher.board!.rows)).toEqual(truth('public'));
    expect(watcher.gaps).toBe(0);
  });

  it('keeps unpublished and private data off the public board, and coordinators off the staff one', async () => {
    const coordinator = await ctx.newUser([{ role: 'coordinator', scope: organisation }]);
    const cookie = await ctx.login(coordinator);
    const refused = await new Viewer(connect(cookie)).join(eventId, 'staff');
    expect(refused).toEqual({
      ok: false,
      error: { code: 'auth.forbidden', message: '您没有权限执行此操作' },
    });
    const anonymous = await new Viewer(connect(undefined, 'en')).join(eventId, 'staff');
    expect(anonymous).toEqual({
      ok: false,
      error: { code: 'auth.unauthenticated', message: 'Please sign in' },
    });

    const organiser = await ctx.newUser([{ role: 'organiser', scope: organisation }]);
    const staff = await viewer('staff', await ctx.login(organiser));
    const publicWatcher = await viewer('public', cookie);
    const seen: string[] = [];
    publicWatcher.socket.onAny((_name, payload: unknown) => seen.push(JSON.stringify(payload)));

    const secret = judging.events.get(eventId)!.rows.find((entry) => entry.code === 'A03')!;
    judging.unpublished.add(secret.entryId);
    judging.setTotal(eventId, 'A03', '99.75');
    await markChanged();
    await waitFor(
      () => staff.board!.rows.find((entry) => entry.code === 'A03')?.total === '99.75',
      'the staff delta',
    );
    await waitFor(() => publicWatcher.board!.seq > 0 && seen.length > 0, 'the public delta');
    expect(staff.board!.rows.find((entry) => entry.code === 'A03')!.name).toBe('选手A03');
    expect(seen.join('\n')).not.toContain('99.75');
    expect(seen.join('\n')).not.toContain('选手');
    expect(boardOrder(publicWatcher.board!.rows)).toEqual(truth('public'));
    judging.unpublished.clear();
    await markChanged();
    await waitFor(
      () => publicWatcher.board!.rows.find((entry) => entry.code === 'A03')?.total === '99.75',
      'publication',
    );
  });

  it('freezes the public board while staff stay live, then reveals bottom-up to the live board', async () => {
    const organiser = await ctx.newUser([{ role: 'organiser', scope: organisation }]);
    const cookie = await ctx.login(organiser);
    const staff = await viewer('staff', cookie);
    const audience = await viewer('public');

    await ctx.http
      .put(`/api/v1/competitions/${competition.id}/events/${eventId}/scoreboard/freeze`)
      .set('Cookie', cookie)
      .send({ freezeAt: new Date(Date.now() - 1000).toISOString() })
      .expect(200);
    await waitFor(() => audience.board!.frozen, 'the freeze to reach the public');
    const frozenRows = boardOrder(audience.board!.rows);

    judging.setTotal(eventId, 'A02', '100');
    judging.setTotal(eventId, 'A01', '50');
    await markChanged();
    await waitFor(
      () => staff.board!.rows.find((entry) => entry.code === 'A02')?.total === '100',
      'the staff board',
    );
    await sleep(700);
    expect(boardOrder(audience.board!.rows)).toEqual(frozenRows);
    const http = await ctx.http.get(`/api/v1/public/events/${eventId}/standings`).expect(200);
    expect(boardOrder((http.body as ScoreboardSnapshot).rows)).toEqual(frozenRows);

    // Reveal: the lowest changed row first (A01, now last), then A02; then the live board.
    const reveal = () =>
      ctx.http
        .post(`/api/v1/competitions/${competition.id}/events/${eventId}/scoreboard/reveal`)
        .set('Cookie', cookie)
        .expect(200);
    const a01 = frozenRows.find((entry) => entry.code === 'A01')!.entryId;
    const a02 = frozenRows.find((entry) => entry.code === 'A02')!.entryId;
    const step1 = await reveal();
    expect(step1.body).toMatchObject({ frozen: true, reveal: { lastEntryId: a01, remaining: 1 } });
    await waitFor(() => audience.board!.reveal?.lastEntryId === a01, 'the first step');
    expect(audience.board!.rows.find((entry) => entry.code === 'A01')!.total).toBe('50');
    expect(audience.board!.rows.find((entry) => entry.code === 'A02')!.total).not.toBe('100');

    // Mid-ceremony the freeze time cannot move, for the event or the whole competition.
    for (const path of [
      `/api/v1/competitions/${competition.id}/events/${eventId}/scoreboard/freeze`,
      `/api/v1/competitions/${competition.id}/scoreboard/freeze`,
    ])
      await ctx.http
        .put(path)
        .set('Cookie', cookie)
        .send({ freezeAt: null })
        .expect(409)
        .expect((response) => expect(response.body.code).toBe('scoreboard.revealing'));
    expect(audience.board!.frozen).toBe(true);

    const step2 = await reveal();
    expect(step2.body).toMatchObject({ frozen: false, reveal: null });
    await waitFor(() => !audience.board!.frozen, 'the end of the freeze');
    expect(boardOrder(audience.board!.rows)).toEqual(truth('public'));
    expect(audience.board!.rows.find((entry) => entry.entryId === a02)!.total).toBe('100');
    expect(audience.gaps).toBe(0);

    await ctx.http
      .post(`/api/v1/competitions/${competition.id}/events/${eventId}/scoreboard/reveal`)
      .set('Cookie', cookie)
      .set('Accept-Language', 'en')
      .expect(409)
      .expect((response) => expect(response.body.code).toBe('scoreboard.not_frozen'));
  });

  it('answers bad requests with a bilingual error and refuses freezing to non-organisers', async () => {
    const bad = await new Viewer(connect()).join('not-a-uuid', 'public');
    expect(bad.ok).toBe(false);
    const missing = await new Viewer(connect()).join(randomUUID(), 'public');
    expect(missing).toMatchObject({ ok: false, error: { code: 'entity.not_found' } });

    const coordinator = await ctx.newUser([{ role: 'coordinator', scope: organisation }]);
    await ctx.http
      .put(`/api/v1/competitions/${competition.id}/events/${eventId}/scoreboard/freeze`)
      .set('Cookie', await ctx.login(coordinator))
      .send({ freezeAt: new Date().toISOString() })
      .expect(403);
    const organiser = await ctx.newUser([{ role: 'organiser', scope: organisation }]);
    await ctx.http
      .put(`/api/v1/competitions/${competition.id}/events/${eventId}/scoreboard/freeze`)
      .set('Cookie', await ctx.login(organiser))
      .send({ freezeAt: 'tomorrow' })
      .expect(400);
  });

  it('counts one audience vote per account while the vote is open and pushes the tally', async () => {
    const organiser = await ctx.newUser([{ role: 'organiser', scope: organisation }]);
    const organiserCookie = await ctx.login(organiser);
    const fan = await ctx.newUser([]);
    const cookie = await ctx.login(fan);
    const entryId = judging.events.get(eventId)!.rows[0]!.entryId;
    const vote = () =>
      ctx.http
        .post(`/api/v1/public/events/${eventId}/votes`)
        .set('Cookie', cookie)
        .send({ entryId });

    await vote()
      .expect(409)
      .expect((r) => expect(r.body.code).toBe('scoreboard.vote_not_open'));
    await ctx.http
      .put(`/api/v1/competitions/${competition.id}/events/${eventId}/scoreboard/vote`)
      .set('Cookie', organiserCookie)
      .send({ enabled: true, closesAt: null })
      .expect(400);
    await ctx.http
      .put(`/api/v1/competitions/${competition.id}/events/${eventId}/scoreboard/vote`)
      .set('Cookie', organiserCookie)
      .send({ enabled: true, closesAt: new Date(Date.now() + 3_600_000).toISOString() })
      .expect(200);

    const watcher = await viewer('public');
    const tallies: number[] = [];
    watcher.socket.on('scoreboard:votes', (tally) => tallies.push(tally.total));
    const first = await vote().expect(200);
    expect(first.body).toMatchObject({ open: true, total: 1, counts: [{ entryId, votes: 1 }] });
    await vote()
      .expect(409)
      .expect((r) => expect(r.body.code).toBe('scoreboard.vote_already_cast'));
    await ctx.http
      .post(`/api/v1/public/events/${eventId}/votes`)
      .set('Cookie', cookie)
      .send({ entryId: randomUUID() })
      .expect(400);
    await ctx.http.post(`/api/v1/public/events/${eventId}/votes`).send({ entryId }).expect(401);
    await waitFor(() => tallies.includes(1), 'the live tally');
  });
});
