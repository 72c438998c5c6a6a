import { randomUUID } from 'node:crypto';
import { TestContext } from '../../../test/test-context';
import { DEMO_PASSWORD, seedDemo } from '../demo/demo-seed';

describe('the demo competition’s judging', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create();
    await seedDemo(ctx.em());
  });
  afterAll(() => ctx.close());

  const login = (username: string) => ctx.login({ username, password: DEMO_PASSWORD });

  it('gives each demo judge a blind queue of the drawn round, the third standing aside for 一汽', async () => {
    const queues = [];
    for (const username of ['demo.judge', 'demo.judge2', 'demo.judge3']) {
      const response = await ctx.http
        .get('/api/v1/judging/me/queue')
        .set('Cookie', await login(username))
        .expect(200);
      expect(response.body.rounds).toHaveLength(1);
      queues.push(response.body.rounds[0]);
    }
    const [first, , third] = queues;
    expect(first.eventName).toBe('数控车工');
    expect(first.sheets.length).toBeGreaterThan(0);
    for (const sheet of first.sheets) {
      expect(sheet.entry.anonymousCode).toEqual(expect.any(String));
      expect(sheet.entry.name).toBeNull();
    }
    expect(third.sheets.length).toBeLessThan(first.sheets.length);
  });

  it('lets demo.judge mark a sheet and the head judge see it live', async () => {
    const judge = await login('demo.judge');
    const queue = (await ctx.http.get('/api/v1/judging/me/queue').set('Cookie', judge)).body;
    const sheetId = queue.rounds[0].sheets[0].sheetId;
    const marks = [
      { aspectId: 'diameter', value: '40.01' },
      { aspectId: 'thread', value: '1' },
      { aspectId: 'finish', value: '2' },
      { aspectId: 'workmanship', value: '26.5' },
    ].map((mark) => ({ ...mark, key: randomUUID(), sheetId }));
    const acks = await ctx.http
      .post('/api/v1/judging/marks')
      .set('Cookie', judge)
      .send({ deviceId: 'demo', marks })
      .expect(200);
    expect(acks.body.acks.map((ack: { status: string }) => ack.status)).toEqual([
      'stored',
      'stored',
      'stored',
      'stored',
    ]);
    const head = await login('demo.headjudge');
    const live = await ctx.http
      .get(`/api/v1/judging/rounds/${queue.rounds[0].roundId}/sheets`)
      .set('Cookie', head)
      .expect(200);
    const row = live.body.rows.find((r: { sheets: Array<{ sheetId: string }> }) =>
      r.sheets.some((s) => s.sheetId === sheetId),
    );
    expect(row.sheets.find((s: { sheetId: string }) => s.sheetId === sheetId)).toMatchObject({
      marked: 4,
      required: 4,
    });
  });
});
