import type { ExportSheet, RoundDrawView } from '@jingsai/contracts';
import ExcelJS from 'exceljs';
import { drawWorld, enterApproved, newRound } from '../../../test/draw-fixtures';
import { TestContext } from '../../../test/test-context';
import { AuditEntry } from '../audit/entities/audit-entry.entity';
import type { Competition } from '../competitions/entities/competition.entity';
import type { Organisation } from '../organisations/entities/organisation.entity';

/** Collects an XLSX response body as a Buffer. */
function binary(
  response: NodeJS.ReadableStream & { setEncoding(e: string): void },
  done: (error: Error | null, body: Buffer) => void,
) {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
}

async function readWorkbook(body: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ExcelJS.Buffer);
  return workbook;
}

const cells = (sheet: ExcelJS.Worksheet, row: number) =>
  (sheet.getRow(row).values as unknown[]).slice(1).map((value) => value ?? null);

describe('exports', () => {
  let ctx: TestContext;
  let competition: Competition;
  let faw: Organisation;
  let organiser: string;
  let roundId: string;
  let people: Array<{ id: string; name: string; documentNumber: string }>;
  let drawn: RoundDrawView;

  beforeAll(async () => {
    ctx = await TestContext.create();
    ({ competition, faw, organiser } = await drawWorld(ctx));
    const setup = await newRound(ctx, competition, '焊工', [3, 3]);
    roundId = setup.round.id;
    people = await enterApproved(ctx, organiser, competition, setup.event, faw, 5);
    drawn = (
      await ctx.http
        .post(`/api/v1/competitions/${competition.id}/rounds/${roundId}/draw`)
        .set('Cookie', organiser)
        .send({ seed: '2026' })
        .expect(200)
    ).body;
  });
  afterAll(() => ctx.close());

  const url = (kind: string, suffix = '') =>
    `/api/v1/competitions/${competition.id}/rounds/${roundId}/exports/${kind}${suffix}`;

  const download = async (kind: string, query: Record<string, string> = {}) => {
    const response = await ctx.http
      .get(url(kind, '/xlsx'))
      .query(query)
      .set('Cookie', organiser)
      .buffer(true)
      .parse(binary as never)
      .expect(200);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    return { workbook: await readWorkbook(response.body as Buffer), response };
  };

  it('writes a masked roster with one sheet per session, read back cell by cell', async () => {
    const { workbook, response } = await download('roster');
    expect(decodeURIComponent(response.headers['content-disposition'])).toContain(
      '焊工-实操1-花名册.xlsx',
    );
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      '第1场 实训楼1号车间',
      '第2场 实训楼2号车间',
    ]);
    const first = workbook.worksheets[0]!;
    expect(String(first.getCell('A1').value)).toContain('焊工 实操1 花名册');
    expect(cells(first, 2)).toEqual([
      '序号',
      '参赛号',
      '姓名',
      '性别',
      '证件类型',
      '证件号码',
      '工作单位',
      '地区',
      '手机号',
      '工位',
    ]);
    const firstSession = drawn.entries
      .filter((entry) => entry.session!.id === drawn.entries[0]!.session!.id)
      .sort((a, b) => (a.candidateNumber! < b.candidateNumber! ? -1 : 1));
    expect(first.rowCount).toBe(2 + firstSession.length);
    firstSession.forEach((entry, i) => {
      const person = people.find((p) => p.name === entry.name)!;
      const masked = `${person.documentNumber.slice(0, 6)}********${person.documentNumber.slice(-4)}`;
      expect(cells(first, 3 + i)).toEqual([
        i + 1,
        entry.candidateNumber,
        entry.name,
        '男',
        '居民身份证',
        masked,
        '一汽集团',
        '长春市',
        expect.stringMatching(/^138\*{4}\d{4}$/),
        entry.station,
      ]);
    });
    const second = workbook.worksheets[1]!;
    expect(second.rowCount).toBe(2 + (5 - firstSession.length));
    expect(await ctx.em().count(AuditEntry, { action: 'export.full_roster' })).toBe(0);
  });

  it('gives the full roster only on request, audited', async () => {
    const { workbook } = await download('roster', { full: 'true' });
    const documents = workbook.worksheets.flatMap((sheet) =>
      Array.from({ length: sheet.rowCount - 2 }, (_, i) =>
        String(sheet.getRow(3 + i).getCell(6).value),
      ),
    );
    expect(documents.sort()).toEqual(people.map((p) => p.documentNumber).sort());
    const audit = await ctx
      .em()
      .findOneOrFail(AuditEntry, { action: 'export.full_roster', subjectId: roundId });
    expect(audit.after).toMatchObject({ people: 5, sessionId: null });
  });

  it('writes sign-in sheets with an empty signature column and station plans by station', async () => {
    const signIn = (await download('sign-in')).workbook.worksheets[0]!;
    expect(cells(signIn, 2)).toEqual([
      '序号',
      '参赛号',
      '姓名',
      '工作单位',
      '证件号码',
      '工位',
      '签名',
    ]);
    expect(signIn.getRow(3).getCell(7).value).toBeNull();
    expect(String(signIn.getRow(3).getCell(5).value)).toContain('********');

    const plan = (await download('stations')).workbook.worksheets[0]!;
    expect(cells(plan, 2)).toEqual(['工位', '参赛号', '姓名', '工作单位']);
    expect(cells(plan, 3)[0]).toBe(1);
    expect(cells(plan, 4)[0]).toBe(2);
    expect(cells(plan, 5)[0]).toBe(3);
    const atOne = drawn.entries.find(
      (entry) => entry.station === 1 && entry.session!.venue === '实训楼1号车间',
    )!;
    expect(cells(plan, 3).slice(1, 3)).toEqual([atOne.candidateNumber, atOne.name]);
  });

  it('serves the printable sheet for one session as JSON; full documents never on sign-in sheets', async () => {
    const sessionId = drawn.entries[0]!.session!.id;
    const sheet = (
      await ctx.http
        .get(url('sign-in'))
        .query({ sessionId, full: 'true' })
        .set('Cookie', organiser)
        .expect(200)
    ).body as ExportSheet;
    expect(sheet.full).toBe(false);
    expect(sheet.sessions).toHaveLength(1);
    expect(sheet.sessions[0]!.session.id).toBe(sessionId);
    for (const row of sheet.sessions[0]!.rows) expect(row.documentNumber).toContain('********');
  });

  it('refuses coordinators, judges and undrawn rounds', async () => {
    const coordinator = await ctx.login(await ctx.newUser([{ role: 'coordinator', scope: faw }]));
    const judge = await ctx.login(await ctx.newUser([{ role: 'judge', scope: competition }]));
    for (const cookie of [coordinator, judge])
      await ctx.http.get(url('roster', '/xlsx')).set('Cookie', cookie).expect(403);
    const { round } = await newRound(ctx, competition, '数控车工', [3]);
    const undrawn = await ctx.http
      .get(`/api/v1/competitions/${competition.id}/rounds/${round.id}/exports/roster`)
      .set('Cookie', organiser)
      .expect(409);
    expect(undrawn.body).toMatchObject({ code: 'draw.not_drawn', message: '本轮次尚未抽签' });
    await ctx.http.get(url('badges')).set('Cookie', organiser).expect(400);
  });
});
