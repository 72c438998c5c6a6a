import { randomUUID } from 'node:crypto';
import { TestContext, type TestUser } from '../../../test/test-context';
import type { Competition } from '../competitions/entities/competition.entity';
import { insertEntry, insertRound } from './judging.fixtures';
import { sql } from './judging-sql';

/** One judge per aspect; a deduction beside a judged quality, and a judged run with two attempts. */
const RUBRIC = {
  format: 'jingsai.rubric',
  version: 1,
  id: 'weld-practical',
  revision: '2026-1',
  name: { zh: '焊工实操', en: 'Welding practical' },
  total: { round: { decimals: 2, mode: 'half_up' } },
  modules: [
    {
      id: 'practical',
      name: { zh: '实操', en: 'Practical' },
      criteria: [
        {
          id: 'workpiece',
          name: { zh: '工件', en: 'Workpiece' },
          aspects: [
            {
              id: 'quality',
              name: { zh: '焊缝质量', en: 'Weld quality' },
              kind: 'judgement',
              scale: { min: 0, top: 10, step: 0.5 },
              valuation: 'as_marked',
              panel: { method: 'mean', judges: 1 },
            },
            {
              id: 'safety',
              name: { zh: '安全扣分', en: 'Safety' },
              kind: 'deduction',
              perOccurrence: 2,
              cap: 6,
              panel: { method: 'mean', judges: 1 },
            },
          ],
        },
        {
          id: 'runs',
          name: { zh: '试件', en: 'Test pieces' },
          attempts: { count: 2, combine: 'best' },
          aspects: [
            {
              id: 'run',
              name: { zh: '试件评分', en: 'Test piece' },
              kind: 'judgement',
              scale: { min: 0, top: 10, step: 0.5 },
              valuation: 'as_marked',
              panel: { method: 'mean', judges: 1 },
            },
          ],
        },
      ],
    },
  ],
};

describe('judging: the arbitration group (仲裁组) and sheet progress', () => {
  let ctx: TestContext;
  let competition: Competition;
  let roundId: string;
  let entryId: string;
  let otherEntryId: string;
  let judgeUser: TestUser;
  let arbitratorUser: TestUser;
  let organiser: string;
  let judge: string;
  let head: string;
  let arbitrator: string;
  let foreignArbitrator: string;
  let competitor: string;
  let appealId: string;
  let sheetId: string;
  let otherSheetId: string;

  const displayName = async (user: TestUser) =>
    (
      await sql<{ display_name: string }>(
        ctx.em(),
        'select display_name from user_account where id = ?',
        [user.id],
      )
    )[0]!.display_name;
  const as = (cookie: string | null, call: ReturnType<typeof ctx.http.get>) =>
    cookie ? call.set('Cookie', cookie) : call;
  const mark = (sheet: string, aspectId: string, value: string, extra = {}) => ({
    key: randomUUID(),
    sheetId: sheet,
    aspectId,
    value,
    ...extra,
  });
  const send = (cookie: string, marks: unknown[]) =>
    ctx.http.post('/api/v1/judging/marks').set('Cookie', cookie).send({ deviceId: 't1', marks });
  const queueSheet = async (entry: string) => {
    const queue = await ctx.http.get('/api/v1/judging/me/queue').set('Cookie', judge).expect(200);
    return (
      queue.body.rounds[0].sheets as Array<{
        sheetId: string;
        marked: number;
        required: number;
        entry: { entryId: string };
      }>
    ).find((sheet) => sheet.entry.entryId === entry)!;
  };
  const deskSheet = async (entry: string) => {
    const desk = await ctx.http
      .get(`/api/v1/judging/rounds/${roundId}/sheets`)
      .set('Cookie', head)
      .expect(200);
    return desk.body.rows.find((row: { entry: { entryId: string } }) => row.entry.entryId === entry)
      .sheets[0] as { marked: number; required: number };
  };

  beforeAll(async () => {
    ctx = await TestContext.create();
    const province = await ctx.newOrganisation({ name: '吉林省总工会' });
    const enterprise = await ctx.newOrganisation({
      name: '一汽集团',
      kind: 'enterprise',
      parent: province,
    });
    competition = await ctx.newCompetition(province, ['焊工']);
    const other = await ctx.newCompetition(province, ['电工']);
    const em = ctx.em();
    const [event] = await sql<{ id: string }>(
      em,
      'select id from competition_event where competition_id = ?',
      [competition.id],
    );
    roundId = await insertRound(em, event!.id, { rubric: RUBRIC });
    const competitorUser = await ctx.newUser([{ role: 'competitor', scope: competition }]);
    ({ entryId } = await insertEntry(em, {
      competitionId: competition.id,
      eventId: event!.id,
      roundId,
      enterpriseId: enterprise.id,
      code: 'W01',
      station: 1,
      personUserId: competitorUser.id,
    }));
    ({ entryId: otherEntryId } = await insertEntry(em, {
      competitionId: competition.id,
      eventId: event!.id,
      roundId,
      enterpriseId: enterprise.id,
      code: 'W02',
      station: 2,
    }));

    organiser = await ctx.login(await ctx.newUser([{ role: 'organiser', scope: province }]));
    judgeUser = await ctx.newUser([{ role: 'judge', scope: competition }]);
    judge = await ctx.login(judgeUser);
    const headUser = await ctx.newUser([{ role: 'head_judge', scope: competition }]);
    head = await ctx.login(headUser);
    arbitratorUser = await ctx.newUser([{ role: 'arbitrator', scope: competition }]);
    arbitrator = await ctx.login(arbitratorUser);
    foreignArbitrator = await ctx.login(await ctx.newUser([{ role: 'arbitrator', scope: other }]));
    competitor = await ctx.login(competitorUser);

    await ctx.http
      .put(`/api/v1/judging/events/${event!.id}/head-judge`)
      .set('Cookie', organiser)
      .send({ userId: headUser.id })
      .expect(200);
    await ctx.http
      .put(`/api/v1/judging/rounds/${roundId}/panel`)
      .set('Cookie', organiser)
      .send({ assignments: [{ judgeUserId: judgeUser.id, seat: 1 }] })
      .expect(200);
  });
  afterAll(() => ctx.close());

  it('counts a sheet as required aspects marked: deductions and further attempts never exceed it', async () => {
    sheetId = (await queueSheet(entryId)).sheetId;
    otherSheetId = (await queueSheet(otherEntryId)).sheetId;
    await send(judge, [mark(sheetId, 'safety', '1')]).expect(200);
    expect(await queueSheet(entryId)).toMatchObject({ marked: 0, required: 2 });

    const acks = await send(judge, [
      mark(sheetId, 'quality', '7'),
      mark(sheetId, 'run', '6', { attempt: 1 }),
      mark(sheetId, 'run', '8', { attempt: 2 }),
      mark(sheetId, 'quality', '7.5'),
    ]).expect(200);
    expect(acks.body.acks.map((ack: { status: string }) => ack.status)).toEqual([
      'stored',
      'stored',
      'stored',
      'stored',
    ]);
    expect(await queueSheet(entryId)).toMatchObject({ marked: 2, required: 2 });
    expect(await deskSheet(entryId)).toMatchObject({ marked: 2, required: 2 });

    await send(judge, [mark(otherSheetId, 'run', '5', { attempt: 2 })]).expect(200);
    expect(await queueSheet(otherEntryId)).toMatchObject({ marked: 1, required: 2 });
    expect(await deskSheet(otherEntryId)).toMatchObject({ marked: 1, required: 2 });
  });

  it('publishes the round, and the competitor appeals', async () => {
    await send(judge, [
      mark(otherSheetId, 'quality', '6'),
      mark(otherSheetId, 'run', '4', { attempt: 1 }),
      mark(otherSheetId, 'safety', '0'),
    ]).expect(200);
    for (const sheet of [sheetId, otherSheetId]) {
      await ctx.http
        .post(`/api/v1/judging/sheets/${sheet}/submit`)
        .set('Cookie', judge)
        .send({ key: randomUUID(), signature: await displayName(judgeUser), deviceId: 't1' })
        .expect(200);
    }
    // the head judge locks the appealed sheet: only an appeal's re-mark reopens it now
    await ctx.http
      .post(`/api/v1/judging/sheets/${sheetId}/lock`)
      .set('Cookie', head)
      .send({})
      .expect(200);
    await ctx.http
      .post(`/api/v1/judging/rounds/${roundId}/verify`)
      .set('Cookie', head)
      .send({})
      .expect(200);
    await ctx.http
      .post(`/api/v1/judging/rounds/${roundId}/publish`)
      .set('Cookie', head)
      .send({})
      .expect(200);
    const filed = await ctx.http
      .post(`/api/v1/judging/rounds/${roundId}/appeals`)
      .set('Cookie', competitor)
      .send({ entryId, reason: '焊缝质量评分偏低，请仲裁组复核' })
      .expect(201);
    appealId = filed.body.id;
  });

  it('refuses an arbitrator of another competition, a judge, a competitor and an anonymous caller', async () => {
    const calls: Array<[string, (cookie: string | null) => ReturnType<typeof ctx.http.get>]> = [
      ['case', (cookie) => as(cookie, ctx.http.get(`/api/v1/judging/appeals/${appealId}`))],
      [
        'review',
        (cookie) => as(cookie, ctx.http.post(`/api/v1/judging/appeals/${appealId}/review`)),
      ],
      [
        'decide',
        (cookie) =>
          as(cookie, ctx.http.post(`/api/v1/judging/appeals/${appealId}/decide`)).send({
            decision: 'upheld',
            reason: '不应通过',
          }),
      ],
      [
        'remark',
        (cookie) =>
          as(cookie, ctx.http.post(`/api/v1/judging/sheets/${sheetId}/remark`)).send({
            reason: '不应通过',
          }),
      ],
      ['sheet', (cookie) => as(cookie, ctx.http.get(`/api/v1/judging/sheets/${otherSheetId}`))],
    ];
    for (const [name, call] of calls) {
      for (const cookie of [foreignArbitrator, competitor]) {
        expect([name, (await call(cookie)).status]).toEqual([name, 403]);
      }
      expect([name, (await call(null)).status]).toEqual([name, 401]);
    }
    // the judge may open their own sheet, but nothing of the appeal
    for (const [name, call] of calls.filter(([name]) => name !== 'sheet')) {
      expect([name, (await call(judge)).status]).toEqual([name, 403]);
    }
    const listed = await ctx.http
      .get(`/api/v1/judging/rounds/${roundId}/appeals`)
      .set('Cookie', foreignArbitrator)
      .expect(200);
    expect(listed.body).toEqual([]);
    const foreignList = await ctx.http
      .get('/api/v1/judging/me/appeals')
      .set('Cookie', foreignArbitrator)
      .expect(200);
    expect(foreignList.body).toEqual([]);
    await ctx.http.get('/api/v1/judging/me/appeals').set('Cookie', judge).expect(403);

    const appeal = await ctx.http
      .get(`/api/v1/judging/rounds/${roundId}/appeals`)
      .set('Cookie', competitor)
      .expect(200);
    expect(appeal.body[0]).toMatchObject({ status: 'filed', decidedAs: null });
  });

  it('lets an arbitrator of the competition see the case and sheets, ask for a re-mark and decide, never mark', async () => {
    const rounds = await ctx.http
      .get(`/api/v1/judging/competitions/${competition.id}/rounds`)
      .set('Cookie', arbitrator)
      .expect(200);
    expect(rounds.body[0]).toMatchObject({ canArbitrate: true, canReview: false });
    const forHead = await ctx.http
      .get(`/api/v1/judging/competitions/${competition.id}/rounds`)
      .set('Cookie', head)
      .expect(200);
    expect(forHead.body[0]).toMatchObject({ canArbitrate: false, canReview: true });

    const mine = await ctx.http.get('/api/v1/judging/me/appeals').set('Cookie', arbitrator);
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual([
      expect.objectContaining({
        id: appealId,
        competitionId: competition.id,
        eventName: '焊工',
        status: 'filed',
      }),
    ]);
    const theCase = await ctx.http
      .get(`/api/v1/judging/appeals/${appealId}`)
      .set('Cookie', arbitrator)
      .expect(200);
    expect(theCase.body).toMatchObject({
      appeal: { id: appealId, reason: '焊缝质量评分偏低，请仲裁组复核' },
      againstVersion: 1,
      result: { entryId, total: expect.any(String) },
      sheets: [{ sheetId, status: 'locked', marked: 2, required: 2 }],
      canDecide: true,
    });
    const organiserCase = await ctx.http
      .get(`/api/v1/judging/appeals/${appealId}`)
      .set('Cookie', organiser)
      .expect(200);
    expect(organiserCase.body.canDecide).toBe(false);

    const sheet = await ctx.http
      .get(`/api/v1/judging/sheets/${sheetId}`)
      .set('Cookie', arbitrator)
      .expect(200);
    expect(sheet.body).toMatchObject({ status: 'locked', canMark: false });
    expect(sheet.body.marks.length).toBeGreaterThan(0);
    // a sheet of an entry nobody appealed stays closed to the arbitration group
    await ctx.http
      .get(`/api/v1/judging/sheets/${otherSheetId}`)
      .set('Cookie', arbitrator)
      .expect(403);
    await ctx.http
      .post(`/api/v1/judging/sheets/${otherSheetId}/remark`)
      .set('Cookie', arbitrator)
      .send({ reason: '顺便复核' })
      .expect(403);

    await send(arbitrator, [mark(sheetId, 'quality', '10')]).expect(403);
    for (const path of [`sheets/${sheetId}/lock`, `rounds/${roundId}/publish`]) {
      await ctx.http.post(`/api/v1/judging/${path}`).set('Cookie', arbitrator).send({}).expect(403);
    }

    await ctx.http
      .post(`/api/v1/judging/appeals/${appealId}/review`)
      .set('Cookie', arbitrator)
      .expect(200);
    const reopened = await ctx.http
      .post(`/api/v1/judging/sheets/${sheetId}/remark`)
      .set('Cookie', arbitrator)
      .send({ reason: '仲裁组：请复核焊缝质量' })
      .expect(200);
    expect(reopened.body).toMatchObject({
      status: 'reopened',
      remarkReason: '仲裁组：请复核焊缝质量',
    });
    const corrected = await send(judge, [
      mark(sheetId, 'quality', '9', { reason: '仲裁复核后更正' }),
    ]).expect(200);
    expect(corrected.body.acks[0].status).toBe('stored');

    const decided = await ctx.http
      .post(`/api/v1/judging/appeals/${appealId}/decide`)
      .set('Cookie', arbitrator)
      .send({ decision: 'upheld', reason: '复核后焊缝质量更正为 9' })
      .expect(200);
    expect(decided.body).toMatchObject({
      status: 'upheld',
      decidedByName: await displayName(arbitratorUser),
      decidedAs: 'arbitrator',
      decisionReason: '复核后焊缝质量更正为 9',
    });
    const audited = await sql<{ actor_id: string; action: string; after: { as: string } }>(
      ctx.em(),
      `select actor_id, action, after from audit_entry
        where subject_id = ? or subject_id = ? order by at, action`,
      [appealId, sheetId],
    );
    expect(
      audited
        .filter((row) => row.actor_id === arbitratorUser.id)
        .map((row) => [row.action, row.after.as]),
    ).toEqual(
      expect.arrayContaining([
        ['judging.appeal.under_review', 'arbitrator'],
        ['judging.sheet.remark', 'arbitrator'],
        ['judging.appeal.upheld', 'arbitrator'],
      ]),
    );

    // decided: no further re-mark on the appeal's strength
    await ctx.http
      .post(`/api/v1/judging/sheets/${sheetId}/remark`)
      .set('Cookie', arbitrator)
      .send({ reason: '再次复核' })
      .expect(403);
  });
});
