import { randomUUID } from 'node:crypto';
import { TestContext, type TestUser } from '../../../test/test-context';
import type { Competition } from '../competitions/entities/competition.entity';
import type { Organisation } from '../organisations/entities/organisation.entity';
import { insertEntry, insertRound } from './judging.fixtures';
import { chainHash } from './chain';
import { sql } from './judging-sql';
import { StandingsService } from './standings.service';

describe('judging: panels, blind marking, sheets, head judge, publication, audit chain', () => {
  let ctx: TestContext;
  let province: Organisation;
  let enterpriseA: Organisation;
  let enterpriseB: Organisation;
  let competition: Competition;
  let eventId: string;
  let roundId: string;
  let organiser: string;
  let judge1: TestUser;
  let judge2: TestUser;
  let j1: string;
  let j2: string;
  let head: string;
  let outsiderJudge: string;
  let competitor: string;
  const entries: Record<'e1' | 'e2' | 'e3', string> = { e1: '', e2: '', e3: '' };

  const displayName = async (user: TestUser) =>
    (
      await sql<{ display_name: string }>(
        ctx.em(),
        'select display_name from user_account where id = ?',
        [user.id],
      )
    )[0]!.display_name;

  beforeAll(async () => {
    ctx = await TestContext.create();
    province = await ctx.newOrganisation({ name: '吉林省总工会' });
    enterpriseA = await ctx.newOrganisation({
      name: '一汽集团',
      kind: 'enterprise',
      parent: province,
    });
    enterpriseB = await ctx.newOrganisation({
      name: '吉化集团',
      kind: 'enterprise',
      parent: province,
    });
    competition = await ctx.newCompetition(province, ['数控车工']);
    const other = await ctx.newCompetition(province, ['焊工']);
    const em = ctx.em();
    eventId = (
      await sql<{ id: string }>(em, 'select id from competition_event where competition_id = ?', [
        competition.id,
      ])
    )[0]!.id;
    roundId = await insertRound(em, eventId);
    entries.e1 = (
      await insertEntry(em, {
        competitionId: competition.id,
        eventId,
        roundId,
        enterpriseId: enterpriseA.id,
        code: 'A01',
        station: 1,
        name: '张三',
      })
    ).entryId;
    entries.e2 = (
      await insertEntry(em, {
        competitionId: competition.id,
        eventId,
        roundId,
        enterpriseId: enterpriseB.id,
        code: 'A02',
        station: 2,
        name: '李四',
      })
    ).entryId;
    const competitorUser = await ctx.newUser([{ role: 'competitor', scope: competition }]);
    entries.e3 = (
      await insertEntry(em, {
        competitionId: competition.id,
        eventId,
        roundId,
        enterpriseId: enterpriseB.id,
        code: 'A03',
        station: 3,
        name: '王五',
        personUserId: competitorUser.id,
      })
    ).entryId;
    organiser = await ctx.login(await ctx.newUser([{ role: 'organiser', scope: province }]));
    judge1 = await ctx.newUser([{ role: 'judge', scope: competition }]);
    judge2 = await ctx.newUser([{ role: 'judge', scope: competition }]);
    j1 = await ctx.login(judge1);
    j2 = await ctx.login(judge2);
    const headUser = await ctx.newUser([{ role: 'head_judge', scope: competition }]);
    head = await ctx.login(headUser);
    outsiderJudge = await ctx.login(await ctx.newUser([{ role: 'judge', scope: other }]));
    competitor = await ctx.login(competitorUser);

    // judge 1 works for enterprise A: recusal (回避)
    await ctx.http
      .post(`/api/v1/judging/competitions/${competition.id}/conflicts`)
      .set('Cookie', organiser)
      .send({
        competitionId: competition.id,
        judgeUserId: judge1.id,
        kind: 'employer',
        enterpriseId: enterpriseA.id,
      })
      .expect(201);
    await ctx.http
      .put(`/api/v1/judging/events/${eventId}/head-judge`)
      .set('Cookie', organiser)
      .send({ userId: headUser.id })
      .expect(200);
  });
  afterAll(() => ctx.close());

  const queue = async (cookie: string) =>
    (await ctx.http.get('/api/v1/judging/me/queue').set('Cookie', cookie).expect(200)).body as {
      rounds: Array<{
        sheets: Array<{
          sheetId: string;
          status: string;
          entry: {
            entryId: string;
            anonymousCode: string;
            name: string | null;
            enterprise: string | null;
          };
        }>;
      }>;
    };
  const sheetOf = async (cookie: string, entryId: string) =>
    (await queue(cookie)).rounds[0]!.sheets.find((sheet) => sheet.entry.entryId === entryId)!
      .sheetId;
  const mark = (
    sheetId: string,
    aspectId: string,
    value: string,
    extra: Record<string, unknown> = {},
  ) => ({
    key: randomUUID(),
    sheetId,
    aspectId,
    value,
    ...extra,
  });
  const send = (cookie: string, marks: unknown[], language = 'zh-CN') =>
    ctx.http
      .post('/api/v1/judging/marks')
      .set('Cookie', cookie)
      .set('Accept-Language', language)
      .send({ deviceId: 'tablet-1', marks });

  it('proposes a balanced panel that honours recusal, and saves the organiser’s choice', async () => {
    const proposal = await ctx.http
      .post(`/api/v1/judging/rounds/${roundId}/panel/proposal`)
      .set('Cookie', organiser)
      .send({ judgesPerEntry: 1 })
      .expect(200);
    const load = proposal.body.load as Array<{
      judgeUserId: string;
      entries: number;
      recused: number;
    }>;
    expect(load.find((l) => l.judgeUserId === judge1.id)).toMatchObject({ recused: 1 });
    expect(load.map((l) => l.entries).sort()).toEqual([1, 2]);
    expect(proposal.body.shortfalls).toEqual([]);

    await ctx.http
      .put(`/api/v1/judging/rounds/${roundId}/panel`)
      .set('Cookie', j1)
      .send({ assignments: [] })
      .expect(403);
    const saved = await ctx.http
      .put(`/api/v1/judging/rounds/${roundId}/panel`)
      .set('Cookie', organiser)
      .send({
        assignments: [
          { judgeUserId: judge1.id, seat: 1 },
          { judgeUserId: judge2.id, seat: 2 },
        ],
      })
      .expect(200);
    const byJudge = Object.fromEntries(
      (
        saved.body.assignments as Array<{
          judgeUserId: string;
          sheetCount: number;
          recusedCount: number;
        }>
      ).map((a) => [a.judgeUserId, a]),
    );
    expect(byJudge[judge1.id]).toMatchObject({ sheetCount: 2, recusedCount: 1 });
    expect(byJudge[judge2.id]).toMatchObject({ sheetCount: 3, recusedCount: 0 });
  });

  it('shows judges anonymous codes and stations only, never their own enterprise’s entries', async () => {
    const q1 = await queue(j1);
    const sheets = q1.rounds[0]!.sheets;
    expect(sheets.map((sheet) => sheet.entry.anonymousCode).sort()).toEqual(['A02', 'A03']);
    for (const sheet of sheets) expect(sheet.entry).toMatchObject({ name: null, enterprise: null });
    const view = await ctx.http
      .get(`/api/v1/judging/sheets/${sheets[0]!.sheetId}`)
      .set('Cookie', j1)
      .expect(200);
    expect(view.body).toMatchObject({ canMark: true, status: 'open', entry: { name: null } });
    expect(JSON.stringify(view.body)).not.toContain('李四');
    expect(view.body.aspects.map((a: { aspectId: string }) => a.aspectId)).toEqual([
      'quality',
      'thread',
      'safety',
    ]);
    // another judge's sheet is not theirs to read
    const other = await sheetOf(j2, entries.e1);
    await ctx.http.get(`/api/v1/judging/sheets/${other}`).set('Cookie', j1).expect(403);
  });

  it('stores marks once per key, validates them against the rubric and the assignment', async () => {
    const s2 = await sheetOf(j2, entries.e2);
    const first = [mark(s2, 'quality', '8.5'), mark(s2, 'thread', '1')];
    const stored = await send(j2, first).expect(200);
    expect(stored.body.acks.map((a: { status: string }) => a.status)).toEqual(['stored', 'stored']);
    const retried = await send(j2, first).expect(200);
    expect(retried.body.acks.map((a: { status: string }) => a.status)).toEqual([
      'duplicate',
      'duplicate',
    ]);
    expect(retried.body.acks[0].markId).toBe(stored.body.acks[0].markId);
    const [{ n }] = await sql<{ n: number }>(
      ctx.em(),
      'select count(*)::int n from judging_mark where sheet_id = ?',
      [s2],
    );
    expect(n).toBe(2);

    const bad = await send(j2, [
      mark(s2, 'quality', '8.3'),
      mark(s2, 'thread', '2'),
      mark(s2, 'nope', '1'),
    ]).expect(200);
    expect(bad.body.acks.map((a: { status: string }) => a.status)).toEqual([
      'rejected',
      'rejected',
      'rejected',
    ]);
    expect(bad.body.acks[0].error.message).toContain('允许 0 至 10，步长 0.5');
    expect(bad.body.acks[2].error.code).toBe('judging.unknown_aspect');
    const english = await send(j2, [mark(s2, 'quality', '11')], 'en').expect(200);
    expect(english.body.acks[0].error.message).toBe(
      'The mark 11 for "quality" does not fit the rubric (allowed 0 to 10, step 0.5)',
    );

    // judge 1 cannot mark judge 2's sheet, nor the entry they stand aside from
    const notMine = await send(j1, [mark(s2, 'quality', '5')]).expect(200);
    expect(notMine.body.acks[0]).toMatchObject({
      status: 'rejected',
      error: { code: 'judging.not_assigned' },
    });
  });

  it('refuses marks from an anonymous caller, a competitor and a judge of another competition', async () => {
    const s2 = await sheetOf(j2, entries.e2);
    await ctx.http
      .post('/api/v1/judging/marks')
      .send({ deviceId: 'x', marks: [mark(s2, 'quality', '5')] })
      .expect(401);
    await send(competitor, [mark(s2, 'quality', '5')]).expect(403);
    const outsider = await send(outsiderJudge, [mark(s2, 'quality', '5')]).expect(200);
    expect(outsider.body.acks[0]).toMatchObject({
      status: 'rejected',
      error: { code: 'judging.not_assigned' },
    });
    await ctx.http.get(`/api/v1/judging/sheets/${s2}`).set('Cookie', outsiderJudge).expect(403);
    await ctx.http.get(`/api/v1/judging/rounds/${roundId}/sheets`).set('Cookie', j2).expect(403);
    await ctx.http.post(`/api/v1/judging/sheets/${s2}/lock`).set('Cookie', j2).send({}).expect(403);
    await send(j2, [{ key: 'not-a-uuid', sheetId: s2, aspectId: 'quality', value: '5' }]).expect(
      400,
    );
  });

  it('puts a spread over the limit and a recused judge in the head judge’s discrepancy queue', async () => {
    const s1e2 = await sheetOf(j1, entries.e2);
    expect(
      (await send(j1, [mark(s1e2, 'quality', '4'), mark(s1e2, 'thread', '1')]).expect(200)).body
        .acks[0].status,
    ).toBe('stored');
    const s2e1 = await sheetOf(j2, entries.e1);
    await send(j2, [mark(s2e1, 'quality', '7'), mark(s2e1, 'thread', '1')]).expect(200);
    const list = await ctx.http
      .get(`/api/v1/judging/rounds/${roundId}/discrepancies`)
      .set('Cookie', head)
      .expect(200);
    const byCode = (code: string) =>
      (
        list.body as Array<{
          entry: { anonymousCode: string };
          kind: string;
          nodeId: string;
          marks: unknown[];
        }>
      ).filter((d) => d.entry.anonymousCode === code);
    expect(byCode('A02')).toEqual([
      expect.objectContaining({
        kind: 'spread_exceeded',
        nodeId: 'quality',
        marks: [
          { seat: 1, judgeName: await displayName(judge1), value: '4' },
          { seat: 2, judgeName: await displayName(judge2), value: '8.5' },
        ],
      }),
    ]);
    expect(byCode('A01').map((d) => d.kind)).toEqual(['missing_marks', 'missing_marks']);
  });

  it('lets the judge submit and sign, then locks the sheet against changes until a re-mark', async () => {
    const s1e2 = await sheetOf(j1, entries.e2);
    const submit = (signature: string, key = randomUUID()) =>
      ctx.http
        .post(`/api/v1/judging/sheets/${s1e2}/submit`)
        .set('Cookie', j1)
        .send({ key, signature, deviceId: 'tablet-1' });
    expect((await submit('别人')).status).toBe(422);
    const key = randomUUID();
    const submitted = await submit(await displayName(judge1), key).expect(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', canMark: false });
    await submit(await displayName(judge1), key).expect(200); // a retried submit is harmless
    const late = await send(j1, [mark(s1e2, 'quality', '6')]).expect(200);
    expect(late.body.acks[0]).toMatchObject({
      status: 'rejected',
      error: { code: 'judging.sheet_not_open' },
    });

    await ctx.http
      .post(`/api/v1/judging/sheets/${s1e2}/remark`)
      .set('Cookie', head)
      .send({})
      .expect(422);
    const reopened = await ctx.http
      .post(`/api/v1/judging/sheets/${s1e2}/remark`)
      .set('Cookie', head)
      .send({ reason: '质量分与二号裁判差距过大，请复核' })
      .expect(200);
    expect(reopened.body).toMatchObject({
      status: 'reopened',
      remarkReason: '质量分与二号裁判差距过大，请复核',
    });
    const q = await queue(j1);
    expect(q.rounds[0]!.sheets.find((s) => s.sheetId === s1e2)).toMatchObject({
      status: 'reopened',
    });
    const noReason = await send(j1, [mark(s1e2, 'quality', '7')]).expect(200);
    expect(noReason.body.acks[0]).toMatchObject({
      status: 'rejected',
      error: { code: 'judging.reason_required' },
    });
    const corrected = await send(j1, [mark(s1e2, 'quality', '7', { reason: '复核后更正' })]).expect(
      200,
    );
    expect(corrected.body.acks[0].status).toBe('stored');
    const view = await ctx.http.get(`/api/v1/judging/sheets/${s1e2}`).set('Cookie', j1).expect(200);
    const quality = view.body.marks.find((m: { aspectId: string }) => m.aspectId === 'quality');
    expect(quality).toMatchObject({ value: '7', reason: '复核后更正' });
    expect(quality.supersedes).not.toBeNull();
    await submit(await displayName(judge1)).expect(200);
    const locked = await ctx.http
      .post(`/api/v1/judging/sheets/${s1e2}/lock`)
      .set('Cookie', head)
      .send({})
      .expect(200);
    expect(locked.body.status).toBe('locked');
    await ctx.http
      .post(`/api/v1/judging/sheets/${s1e2}/unlock`)
      .set('Cookie', head)
      .send({})
      .expect(422);
  });

  it('verifies only when every sheet is in and every discrepancy settled, then publishes a version', async () => {
    const verifyEarly = await ctx.http
      .post(`/api/v1/judging/rounds/${roundId}/verify`)
      .set('Cookie', head)
      .send({})
      .expect(409);
    expect(verifyEarly.body.code).toBe('judging.results_incomplete');
    // remaining marks: judge 2 on A03, judge 1 on A03
    const s2e3 = await sheetOf(j2, entries.e3);
    const s1e3 = await sheetOf(j1, entries.e3);
    await send(j2, [
      mark(s2e3, 'quality', '6'),
      mark(s2e3, 'thread', '0'),
      mark(s2e3, 'safety', '1'),
    ]).expect(200);
    await send(j1, [
      mark(s1e3, 'quality', '5'),
      mark(s1e3, 'thread', '0'),
      mark(s1e3, 'safety', '1'),
    ]).expect(200);
    for (const [cookie, user, entry] of [
      [j2, judge2, entries.e1],
      [j2, judge2, entries.e2],
      [j2, judge2, entries.e3],
      [j1, judge1, entries.e3],
    ] as const) {
      await ctx.http
        .post(`/api/v1/judging/sheets/${await sheetOf(cookie, entry)}/submit`)
        .set('Cookie', cookie)
        .send({ key: randomUUID(), signature: await displayName(user), deviceId: 'tablet-1' })
        .expect(200);
    }
    // A01 had only judge 2 (judge 1 stood aside): the head judge accepts the marks as they stand
    for (const nodeId of ['quality', 'thread']) {
      await ctx.http
        .post(`/api/v1/judging/rounds/${roundId}/reviews`)
        .set('Cookie', j1)
        .send({ entryId: entries.e1, nodeId, note: 'x' })
        .expect(403);
      await ctx.http
        .post(`/api/v1/judging/rounds/${roundId}/reviews`)
        .set('Cookie', head)
        .send({ entryId: entries.e1, nodeId, note: '一号裁判回避，按二号裁判评分' })
        .expect(200);
    }
    const live = await ctx.http
      .get(`/api/v1/judging/rounds/${roundId}/sheets`)
      .set('Cookie', head)
      .expect(200);
    const totals = Object.fromEntries(
      (
        live.body.rows as Array<{
          entry: { anonymousCode: string };
          total: string | null;
          status: string;
        }>
      ).map((r) => [r.entry.anonymousCode, [r.total, r.status]]),
    );
    // A01: quality 7 + thread 5 (one judge, accepted); A02: mean(7, 8.5) + 5; A03: mean(6,5) + 0 − 2
    expect(totals).toEqual({
      A01: ['12.00', 'complete'],
      A02: ['12.75', 'complete'],
      A03: ['3.50', 'complete'],
    });

    await ctx.http
      .post(`/api/v1/judging/rounds/${roundId}/publish`)
      .set('Cookie', head)
      .send({})
      .expect(409);
    await ctx.http
      .post(`/api/v1/judging/rounds/${roundId}/verify`)
      .set('Cookie', organiser)
      .send({})
      .expect(403);
    await ctx.http
      .post(`/api/v1/judging/rounds/${roundId}/verify`)
      .set('Cookie', head)
      .send({})
      .expect(200);
    const published = await ctx.http
      .post(`/api/v1/judging/rounds/${roundId}/publish`)
      .set('Cookie', head)
      .send({})
      .expect(200);
    expect(published.body).toMatchObject({ version: 1, promoted: 0 });
    const version = await ctx.http.get(`/api/v1/judging/rounds/${roundId}/results/1`).expect(200);
    expect(
      version.body.rows.map(
        (r: { code: string; rank: number; award: string | null; name: string | null }) => [
          r.code,
          r.rank,
          r.award,
          r.name,
        ],
      ),
    ).toEqual([
      ['A02', 1, '金奖', null],
      ['A01', 2, null, null],
      ['A03', 3, null, null],
    ]);
    // published: marks are closed
    const s2e2 = await sheetOf(j2, entries.e2);
    const closed = await send(j2, [mark(s2e2, 'quality', '9')]).expect(200);
    expect(closed.body.acks[0].status).toBe('rejected');
    const [{ n }] = await sql<{ n: number }>(
      ctx.em(),
      `select count(*)::int n from scoreboard_change where event_id = ? and reason = 'published'`,
      [eventId],
    );
    expect(n).toBe(1);
  });

  it('lists the competition’s rounds with their phase and what each caller may do there', async () => {
    const listed = (cookie: string) =>
      ctx.http.get(`/api/v1/judging/competitions/${competition.id}/rounds`).set('Cookie', cookie);
    const forHead = (await listed(head).expect(200)).body;
    expect(forHead).toEqual([
      expect.objectContaining({
        eventId,
        roundId,
        phase: 'published',
        resultVersion: 1,
        canReview: true,
        canVerifyAudit: false,
      }),
    ]);
    const published = Date.parse(forHead[0].publishedAt);
    expect(Date.parse(forHead[0].appealsCloseAt) - published).toBe(72 * 3_600_000);
    expect((await listed(organiser).expect(200)).body[0]).toMatchObject({
      canReview: true,
      canVerifyAudit: true,
    });
    expect((await listed(competitor).expect(200)).body[0]).toMatchObject({
      phase: 'published',
      canReview: false,
      canVerifyAudit: false,
    });
    await ctx.http.get(`/api/v1/judging/competitions/${competition.id}/rounds`).expect(401);
    await ctx.http
      .get('/api/v1/judging/competitions/00000000-0000-4000-8000-000000000000/rounds')
      .set('Cookie', head)
      .expect(404);
  });

  it('takes an appeal within the window, re-marks, records the decision and republishes a new version', async () => {
    const file = (cookie: string | null, entryId: string) => {
      const call = ctx.http.post(`/api/v1/judging/rounds/${roundId}/appeals`);
      return (cookie ? call.set('Cookie', cookie) : call).send({
        entryId,
        reason: '我认为加工质量评分偏低，请复核',
      });
    };
    await file(null, entries.e3).expect(401);
    await file(competitor, entries.e2).expect(403);
    const filed = await file(competitor, entries.e3).expect(201);
    expect(filed.body).toMatchObject({ status: 'filed', entryCode: 'CA03', resultVersion: null });
    const mine = await ctx.http
      .get(`/api/v1/judging/rounds/${roundId}/appeals`)
      .set('Cookie', competitor)
      .expect(200);
    expect(mine.body).toHaveLength(1);

    await ctx.http
      .post(`/api/v1/judging/appeals/${filed.body.id}/review`)
      .set('Cookie', j1)
      .expect(403);
    await ctx.http
      .post(`/api/v1/judging/appeals/${filed.body.id}/review`)
      .set('Cookie', head)
      .expect(200);
    const sheet = await sheetOf(j2, entries.e3);
    await ctx.http
      .post(`/api/v1/judging/sheets/${sheet}/remark`)
      .set('Cookie', head)
      .send({ reason: '申诉复核：加工质量' })
      .expect(200);
    const corrected = await send(j2, [
      mark(sheet, 'quality', '8', { reason: '申诉复核后更正' }),
    ]).expect(200);
    expect(corrected.body.acks[0].status).toBe('stored');
    await ctx.http
      .post(`/api/v1/judging/sheets/${sheet}/submit`)
      .set('Cookie', j2)
      .send({ key: randomUUID(), signature: await displayName(judge2), deviceId: 'tablet-1' })
      .expect(200);
    const decided = await ctx.http
      .post(`/api/v1/judging/appeals/${filed.body.id}/decide`)
      .set('Cookie', head)
      .send({ decision: 'upheld', reason: '复核后质量分更正为 8' })
      .expect(200);
    expect(decided.body).toMatchObject({
      status: 'upheld',
      decisionReason: '复核后质量分更正为 8',
    });
    await ctx.http
      .post(`/api/v1/judging/appeals/${filed.body.id}/decide`)
      .set('Cookie', head)
      .send({ decision: 'rejected', reason: 'x' })
      .expect(409);

    const republished = await ctx.http
      .post(`/api/v1/judging/rounds/${roundId}/publish`)
      .set('Cookie', head)
      .send({ reason: '申诉复核' })
      .expect(200);
    expect(republished.body).toMatchObject({ version: 2, appealIds: [filed.body.id] });
    const diff = await ctx.http
      .get(`/api/v1/judging/rounds/${roundId}/results/diff?from=1&to=2`)
      .expect(200);
    expect(diff.body.changes).toEqual([
      {
        entryId: entries.e3,
        code: 'A03',
        name: null,
        field: 'total',
        before: '3.50',
        after: '4.50',
      },
    ]);
    const v1 = await ctx.http.get(`/api/v1/judging/rounds/${roundId}/results/1`).expect(200);
    expect(v1.body.rows.find((r: { entryId: string }) => r.entryId === entries.e3).total).toBe(
      '3.50',
    );
    const versions = await ctx.http.get(`/api/v1/judging/rounds/${roundId}/results`).expect(200);
    expect(versions.body.map((v: { version: number }) => v.version)).toEqual([1, 2]);

    await ctx.http
      .put(`/api/v1/judging/rounds/${roundId}/settings`)
      .set('Cookie', organiser)
      .send({ appealWindowHours: 0 })
      .expect(200);
    const late = await file(competitor, entries.e3).expect(409);
    expect(late.body.code).toBe('judging.appeal_window_closed');
  });

  it('gives the scoreboard staff and public standings, names only once the draw is revealed', async () => {
    const standings = ctx.app.get(StandingsService);
    const staff = await standings.standings(eventId, 'staff');
    expect(staff).toMatchObject({ phase: 'published', resultVersion: 2 });
    expect(staff.rows.map((r) => [r.code, r.total, r.rank, r.name])).toEqual([
      ['A02', '12.75', 1, null],
      ['A01', '12.00', 2, null],
      ['A03', '4.50', 3, null],
    ]);
    const publicView = await standings.standings(eventId, 'public');
    expect(publicView.rows.map((r) => [r.code, r.total, r.award, r.name])).toEqual([
      ['A02', '12.75', '金奖', null],
      ['A01', '12.00', null, null],
      ['A03', '4.50', null, null],
    ]);
    await sql(
      ctx.em(),
      `insert into draw (id, round_id, seed, entry_count, created_by, revealed_at) values (?, ?, 'ab', 3, ?, now())`,
      [randomUUID(), roundId, judge1.id],
    );
    const revealed = await standings.standings(eventId, 'public');
    expect(revealed.rows[0]).toMatchObject({ code: 'CA02', name: '李四', enterprise: '吉化集团' });
    const q = await queue(j1);
    expect(q.rounds[0]!.sheets.find((s) => s.entry.entryId === entries.e2)!.entry).toMatchObject({
      name: '李四',
      enterprise: '吉化集团',
    });
  });

  it('verifies the event’s hash chain and detects altered, deleted and inserted rows', async () => {
    const verify = () =>
      ctx.http.get(`/api/v1/judging/events/${eventId}/audit/verify`).set('Cookie', organiser);
    await ctx.http
      .get(`/api/v1/judging/events/${eventId}/audit/verify`)
      .set('Cookie', j1)
      .expect(403);
    const clean = await verify().expect(200);
    expect(clean.body).toMatchObject({ ok: true, problems: [] });
    expect(clean.body.rows).toBeGreaterThan(15);
    const em = ctx.em();
    const [victim] = await sql<{ id: string; seq: string }>(
      em,
      `select id, seq from judging_mark where event_id = ? order by seq limit 1 offset 3`,
      [eventId],
    );

    const [row] = await sql<Record<string, unknown>>(
      em,
      'select * from judging_mark where id = ?',
      [victim!.id],
    );
    await sql(em, `update judging_mark set value = '10' where id = ?`, [victim!.id]);
    const altered = await verify().expect(200);
    expect(altered.body.ok).toBe(false);
    expect(altered.body.problems).toEqual([
      expect.objectContaining({ kind: 'altered', rowId: victim!.id, seq: Number(victim!.seq) }),
    ]);

    await sql(em, 'delete from judging_mark where id = ?', [victim!.id]);
    const deleted = await verify().expect(200);
    expect(deleted.body.problems).toEqual([
      expect.objectContaining({ kind: 'deleted', seq: Number(victim!.seq) }),
    ]);

    // put it back as it was: the chain verifies again
    await sql(
      em,
      `insert into judging_mark select * from json_populate_record(null::judging_mark, ?::json)`,
      [JSON.stringify(row)],
    );
    expect((await verify().expect(200)).body.ok).toBe(true);

    // a forged mark appended after the head, even with a well-formed hash, is an insertion
    const [last] = await sql<Record<string, unknown>>(
      em,
      'select * from judging_mark where event_id = ? order by seq desc limit 1',
      [eventId],
    );
    const [head] = await sql<{ seq: string; hash: string }>(
      em,
      'select seq, hash from judging_chain_head where event_id = ?',
      [eventId],
    );
    const forged: Record<string, unknown> = {
      ...last,
      id: randomUUID(),
      idempotency_key: randomUUID(),
      value: '10',
      seq: String(BigInt(head!.seq) + 1n),
      prev_hash: head!.hash,
    };
    forged['hash'] = chainHash(head!.hash, 'judging_mark', forged);
    await sql(
      em,
      `insert into judging_mark select * from json_populate_record(null::judging_mark, ?::json)`,
      [JSON.stringify(forged)],
    );
    const inserted = await verify().expect(200);
    expect(inserted.body.problems).toEqual([
      expect.objectContaining({ kind: 'inserted', rowId: forged['id'] }),
    ]);
    await sql(em, 'delete from judging_mark where id = ?', [forged['id']]);

    // a row slipped in at a place already taken (the unique constraint dropped first)
    await sql(em, 'alter table judging_mark drop constraint judging_mark_event_id_seq_unique');
    const duplicate = { ...row, id: randomUUID(), idempotency_key: randomUUID(), value: '0' };
    await sql(
      em,
      `insert into judging_mark select * from json_populate_record(null::judging_mark, ?::json)`,
      [JSON.stringify(duplicate)],
    );
    const slipped = await verify().expect(200);
    expect(slipped.body.ok).toBe(false);
    expect(slipped.body.problems.map((p: { kind: string }) => p.kind)).toContain('inserted');

    // removing the newest rows is caught by the head
    await sql(em, 'delete from judging_mark where id = ?', [duplicate.id]);
    await sql(em, 'delete from judging_mark where id = ?', [last!['id']]);
    const tail = await verify().expect(200);
    expect(tail.body.problems.map((p: { kind: string }) => p.kind)).toContain('deleted');
  });
});
