import type {
  JoinBoardAck,
  ScoreboardClientToServerEvents,
  ScoreboardDelta,
  ScoreboardServerToClientEvents,
  ScoreboardSnapshot,
  StandingsView,
} from '@jingsai/contracts';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import { TestContext } from '../../../test/test-context';
import { CompetitionEvent } from '../competitions/entities/competition-event.entity';
import { insertEntry, insertRound } from '../judging/judging.fixtures';
import { applyChanges } from './scoreboard-board';
import { ScoreboardOutboxPump } from './scoreboard-outbox.pump';

type Client = Socket<ScoreboardServerToClientEvents, ScoreboardClientToServerEvents>;

async function waitFor(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The live path end to end: a judge's marks → judging's outbox row → the boards. */
describe('scoreboard fed by real judging marks', () => {
  let ctx: TestContext;
  let url: string;
  const sockets: Client[] = [];

  beforeAll(async () => {
    ctx = await TestContext.create();
    await ctx.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(ctx.app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await ctx.close();
  });

  async function watch(eventId: string, view: StandingsView, cookie?: string) {
    const socket: Client = io(url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      extraHeaders: cookie ? { cookie } : {},
    });
    sockets.push(socket);
    const seen: string[] = [];
    const state: { board: ScoreboardSnapshot | null; seen: string[] } = { board: null, seen };
    socket.on('scoreboard:delta', (delta: ScoreboardDelta) => {
      seen.push(JSON.stringify(delta));
      const board = state.board;
      if (!board || delta.seq !== board.seq + 1) return;
      state.board = {
        ...board,
        ...delta.meta,
        seq: delta.seq,
        rows: applyChanges(board.rows, delta.changes),
      };
    });
    const answer: JoinBoardAck = await socket.emitWithAck('scoreboard:join', { eventId, view });
    if (!answer.ok || !('snapshot' in answer)) throw new Error(JSON.stringify(answer));
    state.board = answer.snapshot;
    return state;
  }

  it('shows a judge’s marks on the staff board within moments, and nothing of them in public', async () => {
    const province = await ctx.newOrganisation({ name: '吉林省总工会' });
    const enterprise = await ctx.newOrganisation({
      name: '中国一汽',
      kind: 'enterprise',
      parent: province,
    });
    const competition = await ctx.newCompetition(province, ['数控车工']);
    const eventId = (
      await ctx.em().findOneOrFail(CompetitionEvent, { competition: competition.id })
    ).id;
    const em = ctx.em();
    const roundId = await insertRound(em, eventId);
    const { entryId } = await insertEntry(em, {
      competitionId: competition.id,
      eventId,
      roundId,
      enterpriseId: enterprise.id,
      code: 'A01',
      station: 1,
      name: '张三',
    });
    const organiser = await ctx.login(await ctx.newUser([{ role: 'organiser', scope: province }]));
    const judges = [
      await ctx.newUser([{ role: 'judge', scope: competition }]),
      await ctx.newUser([{ role: 'judge', scope: competition }]),
    ];
    await ctx.http
      .put(`/api/v1/judging/rounds/${roundId}/panel`)
      .set('Cookie', organiser)
      .send({
        assignments: judges.map((judge, index) => ({ judgeUserId: judge.id, seat: index + 1 })),
      })
      .expect(200);

    const pump = ctx.app.get(ScoreboardOutboxPump);
    const kick = jest.spyOn(pump, 'kick');
    const staff = await watch(eventId, 'staff', organiser);
    const audience = await watch(eventId, 'public');
    const before = staff.board!.rows.find((row) => row.entryId === entryId)?.total ?? null;

    for (const [index, judge] of judges.entries()) {
      const cookie = await ctx.login(judge);
      const queue = await ctx.http
        .get('/api/v1/judging/me/queue')
        .set('Cookie', cookie)
        .expect(200);
      const sheetId = (
        queue.body as {
          rounds: Array<{ sheets: Array<{ sheetId: string; entry: { entryId: string } }> }>;
        }
      ).rounds[0]!.sheets.find((sheet) => sheet.entry.entryId === entryId)!.sheetId;
      const marks = [
        { key: randomUUID(), sheetId, aspectId: 'quality', value: index === 0 ? '8' : '9' },
        { key: randomUUID(), sheetId, aspectId: 'thread', value: '1' },
      ];
      const stored = await ctx.http
        .post('/api/v1/judging/marks')
        .set('Cookie', cookie)
        .send({ deviceId: `tablet-${index}`, marks })
        .expect(200);
      expect(stored.body.acks.map((ack: { status: string }) => ack.status)).toEqual([
        'stored',
        'stored',
      ]);
      // The committed batch kicked the pump for this event: no waiting for the next poll.
      expect(kick).toHaveBeenCalledWith(eventId);
      kick.mockClear();
    }

    await waitFor(() => {
      const row = staff.board!.rows.find((entry) => entry.entryId === entryId);
      return row !== undefined && row.total !== null && row.total !== before;
    }, 'the marks on the staff board');
    const total = staff.board!.rows.find((entry) => entry.entryId === entryId)!.total!;
    // Nothing is published and the round has no live public scoring: the public sees no total.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(audience.board!.rows.every((row) => row.total === null)).toBe(true);
    expect(audience.seen.join('\n')).not.toContain(`"total":"${total}"`);
    expect(JSON.stringify(audience.board)).not.toContain('张三');

    // A change written outside the chain (here the round's settings) kicks the pump too.
    await ctx.http
      .put(`/api/v1/judging/rounds/${roundId}/settings`)
      .set('Cookie', organiser)
      .send({ appealWindowHours: 48 })
      .expect(200);
    expect(kick).toHaveBeenCalledWith(eventId);
  });
});
