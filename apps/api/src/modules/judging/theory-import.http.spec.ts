import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { TestContext } from '../../../test/test-context';
import { insertEntry, insertRound, PRACTICAL_RUBRIC } from './judging.fixtures';
import { sql } from './judging-sql';
import { StandingsService } from './standings.service';

/** Theory 30 % (imported) + practical 70 % (one judge); the best advances to the final. */
const STAGED_RUBRIC = {
  format: 'jingsai.rubric',
  version: 1,
  id: 'cnc-prelim',
  revision: '1',
  name: { zh: '初赛', en: 'Preliminary' },
  total: { combine: 'weighted_sum', round: { decimals: 2, mode: 'half_up' } },
  modules: [
    {
      id: 'theory',
      name: { zh: '理论', en: 'Theory' },
      weight: '0.3',
      criteria: [
        {
          id: 'exam',
          name: { zh: '理论考试', en: 'Exam' },
          aspects: [
            {
              id: 'theory_score',
              name: { zh: '理论成绩', en: 'Theory score' },
              kind: 'imported',
              max: 100,
            },
          ],
        },
      ],
    },
    {
      id: 'practical',
      name: { zh: '实操', en: 'Practical' },
      weight: '0.7',
      criteria: [
        {
          id: 'work',
          name: { zh: '作品', en: 'Work' },
          aspects: [
            {
              id: 'work_mark',
              name: { zh: '作品分', en: 'Work mark' },
              kind: 'judgement',
              scale: { min: 0, top: 100, step: 0.5 },
              valuation: 'as_marked',
            },
          ],
        },
      ],
    },
  ],
  advancement: { top: 1 },
};

async function xlsx(rows: Array<[string | null, string | number | null]>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('理论成绩');
  sheet.addRow(['准考证号', '姓名', '成绩']);
  for (const [candidate, score] of rows) sheet.addRow([candidate, '某某', score]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('theory results import, live public scoring and promotion to the next round', () => {
  let ctx: TestContext;
  let eventId: string;
  let prelim: string;
  let final: string;
  let organiser: string;
  let judge: string;
  let head: string;
  let judgeName: string;
  let judgeId: string;
  let competitionId: string;
  let enterpriseId: string;
  const entries: string[] = [];

  beforeAll(async () => {
    ctx = await TestContext.create();
    const province = await ctx.newOrganisation();
    const enterprise = await ctx.newOrganisation({ kind: 'enterprise', parent: province });
    const competition = await ctx.newCompetition(province);
    const em = ctx.em();
    eventId = (
      await sql<{ id: string }>(em, 'select id from competition_event where competition_id = ?', [
        competition.id,
      ])
    )[0]!.id;
    prelim = await insertRound(em, eventId, { rubric: STAGED_RUBRIC, name: '初赛' });
    final = await insertRound(em, eventId, { rubric: PRACTICAL_RUBRIC, name: '决赛', sequence: 2 });
    for (const [i, code] of ['01', '02'].entries()) {
      entries.push(
        (
          await insertEntry(em, {
            competitionId: competition.id,
            eventId,
            roundId: prelim,
            enterpriseId: enterprise.id,
            code,
            station: i + 1,
          })
        ).entryId,
      );
    }
    organiser = await ctx.login(await ctx.newUser([{ role: 'organiser', scope: province }]));
    const judgeUser = await ctx.newUser([{ role: 'judge', scope: competition }]);
    judgeId = judgeUser.id;
    competitionId = competition.id;
    enterpriseId = enterprise.id;
    judge = await ctx.login(judgeUser);
    judgeName = (
      await sql<{ display_name: string }>(
        em,
        'select display_name from user_account where id = ?',
        [judgeUser.id],
      )
    )[0]!.display_name;
    const headUser = await ctx.newUser([{ role: 'head_judge', scope: competition }]);
    head = await ctx.login(headUser);
    await ctx.http
      .put(`/api/v1/judging/events/${eventId}/head-judge`)
      .set('Cookie', organiser)
      .send({ userId: headUser.id })
      .expect(200);
    await ctx.http
      .put(`/api/v1/judging/rounds/${prelim}/panel`)
      .set('Cookie', organiser)
      .send({ assignments: [{ judgeUserId: judgeUser.id, seat: 1 }] })
      .expect(200);
  });
  afterAll(() => ctx.close());

  const upload = (cookie: string, file: Buffer, fields: Record<string, string> = {}) => {
    let call = ctx.http
      .post(`/api/v1/judging/rounds/${prelim}/theory-import`)
      .set('Cookie', cookie);
    for (const [name, value] of Object.entries(fields)) call = call.field(name, value);
    return call.attach('file', file, '理论成绩.xlsx');
  };
  const importedCount = async () =>
    (
      await sql<{ n: number }>(
        ctx.em(),
        `select count(*)::int n from judging_mark where round_id = ? and source = 'import'`,
        [prelim],
      )
    )[0]!.n;

  it('refuses a file with any bad row and stores nothing, with a report per row', async () => {
    const bad = await xlsx([
      ['C01', 85],
      ['C99', 70],
      ['C02', 120],
      ['C01', 90],
    ]);
    await upload(judge, bad).expect(403);
    const refused = await upload(organiser, bad).expect(422);
    expect(refused.body.code).toBe('judging.theory_import_invalid');
    expect(refused.body.issues.map((issue: { path: string }) => issue.path)).toEqual([
      'rows[3]',
      'rows[4]',
      'rows[5]',
    ]);
    expect(refused.body.message).toContain('3 行');
    const english = await upload(organiser, bad).set('Accept-Language', 'en').expect(422);
    expect(english.body.issues[0].message).toBe('No candidate C99 in this round');
    expect(await importedCount()).toBe(0);
    const notXlsx = await upload(organiser, Buffer.from('candidate,score\nC01,85')).expect(400);
    expect(notXlsx.body.issues[0].path).toBe('file');
  });

  it('checks without storing on a dry run, then imports every row', async () => {
    const good = await xlsx([
      ['C01', 85.5],
      ['C02', '70'],
    ]);
    const dry = await upload(organiser, good, { dryRun: 'true' }).expect(200);
    expect(dry.body).toMatchObject({
      imported: false,
      errors: 0,
      total: 2,
      aspectId: 'theory_score',
    });
    expect(await importedCount()).toBe(0);
    const done = await upload(head, good).expect(200);
    expect(done.body).toMatchObject({ imported: true, total: 2 });
    expect(await importedCount()).toBe(2);
  });

  it('shows the public only submitted sheets when the round is scored live, then promotes the best on publication', async () => {
    await ctx.http
      .put(`/api/v1/judging/rounds/${prelim}/settings`)
      .set('Cookie', head)
      .send({ livePublicScoring: true })
      .expect(403);
    await ctx.http
      .put(`/api/v1/judging/rounds/${prelim}/settings`)
      .set('Cookie', organiser)
      .send({ livePublicScoring: true })
      .expect(200);
    await ctx.http
      .put(`/api/v1/judging/rounds/${prelim}/settings`)
      .set('Cookie', head)
      .send({ currentEntryId: entries[0] })
      .expect(200);
    const queue = (await ctx.http.get('/api/v1/judging/me/queue').set('Cookie', judge).expect(200))
      .body;
    const sheetOf = (entryId: string) =>
      queue.rounds[0].sheets.find(
        (s: { entry: { entryId: string } }) => s.entry.entryId === entryId,
      ).sheetId;
    for (const [i, value] of ['90', '95'].entries()) {
      const acks = await ctx.http
        .post('/api/v1/judging/marks')
        .set('Cookie', judge)
        .send({
          deviceId: 't',
          marks: [
            { key: randomUUID(), sheetId: sheetOf(entries[i]!), aspectId: 'work_mark', value },
          ],
        })
        .expect(200);
      expect(acks.body.acks[0].status).toBe('stored');
    }
    const standings = ctx.app.get(StandingsService);
    const before = await standings.standings(eventId, 'public');
    expect(before.phase).toBe('live');
    // only the imported theory scores count until a judge submits: partial, incomplete totals
    expect(before.rows.map((row) => [row.total, row.status])).toEqual([
      ['25.65', 'incomplete'],
      ['21.00', 'incomplete'],
    ]);
    expect(before.stage).toMatchObject({ entryId: entries[0], code: '01', name: null });
    expect(before.stage!.marks).toEqual([{ seat: 1, value: null, dropped: false }]);

    await ctx.http
      .post(`/api/v1/judging/sheets/${sheetOf(entries[0]!)}/submit`)
      .set('Cookie', judge)
      .send({ key: randomUUID(), signature: judgeName, deviceId: 't' })
      .expect(200);
    const after = await standings.standings(eventId, 'public');
    // C01: 0.3 × 85.5 + 0.7 × 90 = 88.65; C02's practical sheet is not submitted yet
    expect(after.rows.map((row) => [row.code, row.total, row.status])).toEqual([
      ['01', '88.65', 'complete'],
      ['02', '21.00', 'incomplete'],
    ]);
    expect(after.stage!.marks).toEqual([{ seat: 1, value: '90', dropped: false }]);
    const staff = await standings.standings(eventId, 'staff');
    // C02: 0.3 × 70 + 0.7 × 95 = 87.5
    expect(staff.rows.map((row) => [row.code, row.total, row.rank])).toEqual([
      ['01', '88.65', 1],
      ['02', '87.50', 2],
    ]);

    await ctx.http
      .post(`/api/v1/judging/sheets/${sheetOf(entries[1]!)}/submit`)
      .set('Cookie', judge)
      .send({ key: randomUUID(), signature: judgeName, deviceId: 't' })
      .expect(200);
    await ctx.http
      .post(`/api/v1/judging/rounds/${prelim}/verify`)
      .set('Cookie', head)
      .send({})
      .expect(200);
    const published = await ctx.http
      .post(`/api/v1/judging/rounds/${prelim}/publish`)
      .set('Cookie', organiser)
      .send({})
      .expect(200);
    expect(published.body).toMatchObject({ version: 1, promoted: 1 });
    const promoted = await sql<{ registration_id: string }>(
      ctx.em(),
      'select registration_id from round_entry where round_id = ?',
      [final],
    );
    const [first] = await sql<{ registration_id: string }>(
      ctx.em(),
      'select registration_id from round_entry where id = ?',
      [entries[0]],
    );
    expect(promoted).toEqual([{ registration_id: first!.registration_id }]);
    const late = await upload(organiser, await xlsx([['C01', 99]])).expect(409);
    expect(late.body.code).toBe('judging.round_closed');
  });

  it('does not take marks for an absent entry and leaves it out of the ranking', async () => {
    const em = ctx.em();
    const absent = await insertEntry(em, {
      competitionId,
      eventId,
      roundId: final,
      enterpriseId,
      code: '09',
      station: 9,
    });
    await sql(em, `update round_entry set attendance = 'absent' where id = ?`, [absent.entryId]);
    await ctx.http
      .put(`/api/v1/judging/rounds/${final}/panel`)
      .set('Cookie', organiser)
      .send({ assignments: [{ judgeUserId: judgeId, seat: 1 }] })
      .expect(200);
    const queue = (await ctx.http.get('/api/v1/judging/me/queue').set('Cookie', judge).expect(200))
      .body;
    const finalRound = queue.rounds.find((round: { roundId: string }) => round.roundId === final);
    const absentSheet = finalRound.sheets.find(
      (s: { entry: { entryId: string } }) => s.entry.entryId === absent.entryId,
    );
    expect(absentSheet.entry.attendance).toBe('absent');
    const refused = await ctx.http
      .post('/api/v1/judging/marks')
      .set('Cookie', judge)
      .send({
        deviceId: 't',
        marks: [
          { key: randomUUID(), sheetId: absentSheet.sheetId, aspectId: 'quality', value: '5' },
        ],
      })
      .expect(200);
    expect(refused.body.acks[0]).toMatchObject({
      status: 'rejected',
      error: { code: 'judging.entry_absent' },
    });
    const view = await ctx.http
      .get(`/api/v1/judging/sheets/${absentSheet.sheetId}`)
      .set('Cookie', judge)
      .expect(200);
    expect(view.body.canMark).toBe(false);
    const staff = await ctx.app.get(StandingsService).standings(eventId, 'staff');
    // the final is now the latest round with entries; the preliminary's published total is its first stage
    const row = staff.rows.find((r) => r.entryId === absent.entryId)!;
    expect(row).toMatchObject({ status: 'absent', rank: null, total: null });
    const promotedRow = staff.rows.find((r) => r.entryId !== absent.entryId)!;
    expect(promotedRow.stages.map((stage) => [stage.label, stage.value])).toEqual([
      ['初赛', '88.65'],
      ['决赛', '0.00'],
    ]);
    // nothing marked in the final yet: only the (empty) deductions are known
    expect(promotedRow.status).toBe('incomplete');
  });
});
