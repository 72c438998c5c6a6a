import type { CertificateVerification, IssueCertificatesResult } from '@jingsai/contracts';
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { TestContext, type TestUser } from '../../../test/test-context';
import type { Competition } from '../competitions/entities/competition.entity';
import { sql } from '../judging/judging-sql';
import { insertEntry, insertRound } from '../judging/judging.fixtures';

/**
 * Documents from a result published through the judging module itself (no stand-ins): three
 * judges, a trimmed mean (去掉最高分和最低分), a revealed draw, publication by the head judge.
 */
const RUBRIC = {
  format: 'jingsai.rubric',
  version: 1,
  id: 'speech',
  revision: '2026-1',
  name: { zh: '演讲比赛', en: 'Speech contest' },
  total: { round: { decimals: 2, mode: 'half_up' } },
  modules: [
    {
      id: 'speech',
      name: { zh: '演讲', en: 'Speech' },
      criteria: [
        {
          id: 'delivery',
          name: { zh: '表达', en: 'Delivery' },
          aspects: [
            {
              id: 'score',
              name: { zh: '综合得分', en: 'Score' },
              kind: 'judgement',
              scale: { min: 0, top: 10, step: 0.5 },
              valuation: 'as_marked',
              panel: { method: 'trimmed_mean', trim: 1, judges: 3 },
            },
          ],
        },
      ],
    },
  ],
  awards: { tiers: [{ id: 'first', name: { zh: '一等奖', en: 'First prize' }, count: 1 }] },
};

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'jingsai-pdf-'));
  try {
    writeFileSync(join(dir, 'a.pdf'), pdf);
    return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', join(dir, 'a.pdf'), '-'], {
      encoding: 'utf8',
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const binary = (res: Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('results documents from a result the judging module published', () => {
  let ctx: TestContext;
  let competition: Competition;
  let eventId: string;
  let roundId: string;
  let organiser: string;
  const judges: TestUser[] = [];
  const entries: Record<string, string> = {};

  beforeAll(async () => {
    ctx = await TestContext.create();
    const province = await ctx.newOrganisation({ name: '吉林省总工会' });
    const enterprise = await ctx.newOrganisation({
      name: '一汽集团',
      kind: 'enterprise',
      parent: province,
    });
    competition = await ctx.newCompetition(province, ['演讲比赛']);
    const em = ctx.em();
    eventId = (
      await sql<{ id: string }>(em, 'select id from competition_event where competition_id = ?', [
        competition.id,
      ])
    )[0]!.id;
    roundId = await insertRound(em, eventId, { rubric: RUBRIC, name: '决赛' });
    for (const [code, name] of [
      ['S01', '王骉'],
      ['S02', '李娜'],
    ] as const) {
      entries[code] = (
        await insertEntry(em, {
          competitionId: competition.id,
          eventId,
          roundId,
          enterpriseId: enterprise.id,
          code,
          station: code === 'S01' ? 1 : 2,
          name,
          candidateNumber: `JL-${code}`,
        })
      ).entryId;
    }
    organiser = await ctx.login(await ctx.newUser([{ role: 'organiser', scope: province }]));
    for (let i = 0; i < 3; i++)
      judges.push(await ctx.newUser([{ role: 'judge', scope: competition }]));
    const headUser = await ctx.newUser([{ role: 'head_judge', scope: competition }]);
    const head = await ctx.login(headUser);
    await ctx.http
      .put(`/api/v1/judging/events/${eventId}/head-judge`)
      .set('Cookie', organiser)
      .send({ userId: headUser.id })
      .expect(200);
    await ctx.http
      .put(`/api/v1/judging/rounds/${roundId}/panel`)
      .set('Cookie', organiser)
      .send({
        assignments: judges.map((judge, index) => ({ judgeUserId: judge.id, seat: index + 1 })),
      })
      .expect(200);
    // The draw's mapping is revealed before publication, so the result carries names.
    await sql(
      em,
      `insert into draw (id, round_id, seed, entry_count, created_by, revealed_at, revealed_by) values (?, ?, 'seed', 2, ?, now(), ?)`,
      [randomUUID(), roundId, headUser.id, headUser.id],
    );
    // S01: 9, 6, 9.5 → drop 6 and 9.5 → 9.00. S02: 8, 8.5, 7 → drop 7 and 8.5 → 8.00.
    const marks: Record<string, string[]> = { S01: ['9', '6', '9.5'], S02: ['8', '8.5', '7'] };
    for (const [index, judge] of judges.entries()) {
      const cookie = await ctx.login(judge);
      const queue = (
        await ctx.http.get('/api/v1/judging/me/queue').set('Cookie', cookie).expect(200)
      ).body as {
        rounds: Array<{ sheets: Array<{ sheetId: string; entry: { entryId: string } }> }>;
      };
      for (const [code, values] of Object.entries(marks)) {
        const sheetId = queue.rounds[0]!.sheets.find(
          (sheet) => sheet.entry.entryId === entries[code],
        )!.sheetId;
        await ctx.http
          .post('/api/v1/judging/marks')
          .set('Cookie', cookie)
          .send({
            deviceId: 'tablet',
            marks: [{ key: randomUUID(), sheetId, aspectId: 'score', value: values[index] }],
          })
          .expect(200);
        const displayName = (
          await sql<{ display_name: string }>(
            ctx.em(),
            'select display_name from user_account where id = ?',
            [judge.id],
          )
        )[0]!.display_name;
        await ctx.http
          .post(`/api/v1/judging/sheets/${sheetId}/submit`)
          .set('Cookie', cookie)
          .send({ key: randomUUID(), signature: displayName, deviceId: 'tablet' })
          .expect(200);
      }
    }
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
  }, 120_000);
  afterAll(() => ctx.close());

  const base = () => `/api/v1/competitions/${competition.id}/events/${eventId}`;

  it('writes the published figures into the results XLSX', async () => {
    const response = await ctx.http
      .get(`${base()}/documents/results?format=xlsx`)
      .set('Cookie', organiser)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(3).values).toEqual([
      undefined,
      '名次',
      '参赛号',
      '姓名',
      '单位',
      '地区',
      '决赛',
      '总成绩',
      '奖项',
    ]);
    expect(sheet.getRow(4).values).toEqual([
      undefined,
      1,
      'JL-S01',
      '王骉',
      '一汽集团',
      '',
      '9.00',
      '9.00',
      '一等奖',
    ]);
    expect(sheet.getRow(5).values).toEqual([
      undefined,
      2,
      'JL-S02',
      '李娜',
      '一汽集团',
      '',
      '8.00',
      '8.00',
      '',
    ]);
  });

  it('prints the mark sheet with every judge’s mark, the dropped ones and the engine’s working', async () => {
    const response = await ctx.http
      .get(`${base()}/documents/mark-sheet?code=JL-S01`)
      .set('Cookie', organiser)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const text = pdfText(response.body as Buffer);
    expect(text).toContain('王骉');
    expect(text).toContain('综合得分');
    // 6 and 9.5 were dropped by the trimmed mean, 9 kept.
    const row = text
      .split('\n')
      .find((line) => line.includes('综合得分') && line.includes('决赛'))!;
    // Seats 1, 2, 3 gave 9, 6 and 9.5: the trimmed mean dropped 6 and 9.5 and kept 9.
    expect(row.replace(/\s+/g, ' ')).toMatch(/9\.0 \(6\.0\) \(9\.5\) 9/);
    expect(text).toContain('去掉最高分 9.5、最低分 6.0');
    expect(text).toContain('计分说明');
    expect(text).toContain('9.00');
  });

  it('issues a certificate to the winner that the public page confirms', async () => {
    const issued = (
      await ctx.http.post(`${base()}/certificates`).set('Cookie', organiser).send({}).expect(200)
    ).body as IssueCertificatesResult;
    expect(issued.certificates.map((c) => [c.recipientName, c.award, c.candidateNumber])).toEqual([
      ['王骉', '一等奖', 'JL-S01'],
    ]);
    const verification = (
      await ctx.http.get(`/api/v1/public/certificates/${issued.certificates[0]!.code}`).expect(200)
    ).body as CertificateVerification;
    expect(verification).toMatchObject({
      result: 'genuine',
      status: 'valid',
      recipientName: '王骉',
      eventName: '演讲比赛',
    });
  });

  it('shows the published result on the public page', async () => {
    const response = await ctx.http
      .get(`/api/v1/public/competitions/${competition.id}/results?q=JL-S02`)
      .expect(200);
    expect(response.body.events[0].rows).toEqual([
      {
        rank: 2,
        candidateNumber: 'JL-S02',
        name: '李娜',
        enterprise: '一汽集团',
        total: '8.00',
        award: null,
        stages: ['8.00'],
      },
    ]);
  });

  it('refuses a mark sheet that would no longer match the published figures', async () => {
    // A mark stored after publication (as an appeal re-check would, before republishing).
    const [{ seq }] = await sql<{ seq: string }>(
      ctx.em(),
      'select max(seq)::text seq from judging_mark where event_id = ?',
      [eventId],
    );
    await sql(
      ctx.em(),
      `insert into judging_mark (id, event_id, seq, round_id, entry_id, judge_id, aspect_id, value, source,
         idempotency_key, recorded_by, server_time, prev_hash, hash)
       values (?, ?, ?, ?, ?, ?, 'score', '7', 'judge', ?, ?, now(), ?, ?)`,
      [
        randomUUID(),
        eventId,
        String(BigInt(seq) + 100n),
        roundId,
        entries['S01'],
        judges[0]!.id,
        randomUUID(),
        judges[0]!.id,
        '0'.repeat(64),
        '1'.repeat(64),
      ],
    );
    const response = await ctx.http
      .get(`${base()}/documents/mark-sheet?code=JL-S01`)
      .set('Cookie', organiser)
      .set('Accept-Language', 'en')
      .expect(409);
    expect(response.body).toMatchObject({
      code: 'results.changed_since_publication',
      message:
        'Marks changed after result version 1 was published; publish the results again before making the mark sheet',
    });
  });
});
