import type {
  CertificateVerification,
  CertificateView,
  EventStandings,
  IssueCertificatesResult,
  MarkSheet,
  PublicCompetitionResults,
} from '@jingsai/contracts';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { TestContext } from '../../../test/test-context';
import { CompetitionEvent } from '../competitions/entities/competition-event.entity';
import { Competition } from '../competitions/entities/competition.entity';
import type { Organisation } from '../organisations/entities/organisation.entity';
import { PublishedResultsService } from './published-results.service';

/** Text of a PDF as Debian's poppler `pdftotext` extracts it (with layout, so rows stay rows). */
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'jingsai-pdf-'));
  try {
    const file = join(dir, 'document.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function pdfPages(pdf: Buffer): number {
  const dir = mkdtempSync(join(tmpdir(), 'jingsai-pdf-'));
  try {
    const file = join(dir, 'document.pdf');
    writeFileSync(file, pdf);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    return Number(/Pages:\s+(\d+)/.exec(info)![1]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const binary = (res: Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

const THEORY = randomUUID();
const PRACTICAL = randomUUID();

interface Line {
  code: string;
  name: string | null;
  enterprise: string | null;
  region: string | null;
  theory: string | null;
  practical: string | null;
  total: string | null;
  rank: number | null;
  award: string | null;
  status: 'complete' | 'absent';
}

/** The published result the tests start from: a shared third place and one absentee. */
const LINES: Line[] = [
  {
    code: 'C001',
    name: '王骉',
    enterprise: '一汽',
    region: '吉林省长春市',
    theory: '28.50',
    practical: '65.20',
    total: '93.70',
    rank: 1,
    award: '一等奖',
    status: 'complete',
  },
  {
    code: 'C002',
    name: '李娜',
    enterprise: '吉林石化',
    region: '吉林省吉林市',
    theory: '27.00',
    practical: '62.00',
    total: '89.00',
    rank: 2,
    award: '二等奖',
    status: 'complete',
  },
  {
    code: 'C003',
    name: '张伟',
    enterprise: '一汽',
    region: '吉林省长春市',
    theory: '25.00',
    practical: '60.00',
    total: '85.00',
    rank: 3,
    award: '三等奖',
    status: 'complete',
  },
  {
    code: 'C004',
    name: '赵敏',
    enterprise: '通化钢铁',
    region: '吉林省通化市',
    theory: '26.00',
    practical: '59.00',
    total: '85.00',
    rank: 3,
    award: '三等奖',
    status: 'complete',
  },
  {
    code: 'C005',
    name: '陈强',
    enterprise: '吉林石化',
    region: '吉林省吉林市',
    theory: '20.00',
    practical: '50.00',
    total: '70.00',
    rank: 5,
    award: null,
    status: 'complete',
  },
  {
    code: 'C006',
    name: '杨洋',
    enterprise: '一汽',
    region: '吉林省长春市',
    theory: null,
    practical: null,
    total: null,
    rank: null,
    award: null,
    status: 'absent',
  },
];

describe('results documents, certificates and public results', () => {
  let ctx: TestContext;
  let province: Organisation;
  let competition: Competition;
  let turning: CompetitionEvent;
  let welding: CompetitionEvent;
  let session: string;
  let standings: EventStandings;
  let entryIds: string[];
  let markSheet: MarkSheet | null = null;

  function standingsOf(lines: readonly Line[], version: number): EventStandings {
    return {
      competitionId: competition.id,
      eventId: turning.id,
      eventName: turning.name,
      phase: 'published',
      resultVersion: version,
      stage: null,
      rows: lines.map((line, index) => ({
        entryId: entryIds[index]!,
        code: line.code,
        name: line.name,
        enterprise: line.enterprise,
        region: line.region,
        stages: [
          { roundId: THEORY, label: '理论', value: line.theory },
          { roundId: PRACTICAL, label: '实操', value: line.practical },
        ],
        total: line.total,
        rank: line.rank,
        award: line.award,
        status: line.status,
      })),
    };
  }

  beforeAll(async () => {
    ctx = await TestContext.create();
    province = await ctx.newOrganisation({ name: '吉林省总工会', kind: 'province' });
    competition = await ctx.newCompetition(province, ['数控车工', '焊工']);
    const em = ctx.em();
    const events = await em.find(
      CompetitionEvent,
      { competition: competition.id },
      { orderBy: { sortOrder: 'asc' } },
    );
    [turning, welding] = events as [CompetitionEvent, CompetitionEvent];
    entryIds = LINES.map(() => randomUUID());
    standings = standingsOf(LINES, 1);
    // The judging module's published results are the input here: welding is not published.
    const source = ctx.app.get(PublishedResultsService);
    jest
      .spyOn(source, 'publishedStandings')
      .mockImplementation(async (eventId) => (eventId === turning.id ? standings : null));
    jest
      .spyOn(source, 'markSheet')
      .mockImplementation(async (_eventId, entryId) =>
        entryId === markSheet?.entryId ? markSheet : null,
      );
    session = await ctx.login(await ctx.newUser([{ role: 'organiser', scope: province }]));
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await ctx.close();
  });

  const base = () => `/api/v1/competitions/${competition.id}`;
  const download = (path: string, cookie = session) =>
    ctx.http.get(`${base()}${path}`).set('Cookie', cookie).buffer(true).parse(binary);

  describe('exports', () => {
    it('refuses documents for an event whose results are not published, in both languages', async () => {
      const zh = await ctx.http
        .get(`${base()}/events/${welding.id}/documents/results?format=xlsx`)
        .set('Cookie', session)
        .expect(409);
      expect(zh.body.code).toBe('results.not_published');
      expect(zh.body.message).toBe('“焊工”的成绩尚未公布，不能生成该文件');
      const en = await ctx.http
        .get(`${base()}/events/${welding.id}/documents/results?format=pdf`)
        .set('Cookie', session)
        .set('Accept-Language', 'en')
        .expect(409);
      expect(en.body.message).toBe(
        'The results of "焊工" are not published yet, so this document cannot be made',
      );
    });

    it('writes the results XLSX with Chinese headers, every cell as published', async () => {
      const response = await download(`/events/${turning.id}/documents/results?format=xlsx`).expect(
        200,
      );
      expect(response.headers['content-disposition']).toContain(
        encodeURIComponent('数控车工-成绩公示表.xlsx'),
      );
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.body as ExcelJS.Buffer);
      const sheet = workbook.getWorksheet('成绩公示')!;
      expect(sheet.getCell('A1').value).toBe(`${competition.name} 数控车工 成绩公示表`);
      expect(String(sheet.getCell('A2').value)).toContain('主办单位：吉林省总工会');
      expect(String(sheet.getCell('A2').value)).toContain('成绩版本：第 1 版');
      expect(sheet.getRow(3).values).toEqual([
        undefined,
        '名次',
        '参赛号',
        '姓名',
        '单位',
        '地区',
        '理论',
        '实操',
        '总成绩',
        '奖项',
      ]);
      LINES.forEach((line, index) => {
        const row = sheet.getRow(4 + index);
        expect(row.getCell(1).value).toBe(line.rank ?? '缺考');
        expect(row.getCell(2).value).toBe(line.code);
        expect(row.getCell(3).value).toBe(line.name);
        expect(row.getCell(4).value).toBe(line.enterprise);
        expect(row.getCell(5).value).toBe(line.region);
        // Scores stay text exactly as published: "28.50", not 28.5.
        expect(row.getCell(6).value).toBe(line.theory ?? '');
        expect(row.getCell(7).value).toBe(line.practical ?? '');
        expect(row.getCell(8).value).toBe(line.total ?? '');
        expect(row.getCell(9).value).toBe(line.award ?? '');
      });
      expect(sheet.rowCount).toBe(3 + LINES.length);
    });

    it('prints the 成绩公示表 PDF with title, rows, a rare character and the head judge’s signature line', async () => {
      const response = await download(`/events/${turning.id}/documents/results?format=pdf`).expect(
        200,
      );
      expect(response.headers['content-type']).toBe('application/pdf');
      const text = pdfText(response.body as Buffer);
      expect(text).toContain('数控车工 成绩公示表');
      expect(text).toContain('主办单位：吉林省总工会');
      expect(text).toContain('裁判长（签字）');
      for (const line of LINES) {
        // Each competitor is one printed row: code, name, enterprise … total, award, in order.
        const row = text.split('\n').find((candidate) => candidate.includes(line.code))!;
        expect(row).toBeDefined();
        const expected = [line.code, line.name!, line.enterprise!, line.total, line.award].filter(
          (part): part is string => part !== null,
        );
        let at = -1;
        for (const part of expected) {
          const found = row.indexOf(part, at + 1);
          expect(found).toBeGreaterThan(at);
          at = found;
        }
      }
      expect(text).toContain('缺考');
    });

    it('lists the award winners, and a recommendation list of the top N keeping a shared place', async () => {
      const awards = await download(`/events/${turning.id}/documents/awards?format=xlsx`).expect(
        200,
      );
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(awards.body as ExcelJS.Buffer);
      const sheet = workbook.worksheets[0]!;
      expect(sheet.getRow(3).values).toEqual([
        undefined,
        '奖项',
        '名次',
        '参赛号',
        '姓名',
        '单位',
        '总成绩',
      ]);
      const awarded = LINES.filter((line) => line.award);
      expect(sheet.rowCount).toBe(3 + awarded.length);
      awarded.forEach((line, index) => {
        expect(sheet.getRow(4 + index).values).toEqual([
          undefined,
          line.award,
          String(line.rank),
          line.code,
          line.name,
          line.enterprise,
          line.total,
        ]);
      });

      const top = await download(
        `/events/${turning.id}/documents/recommendations?top=3&title=${encodeURIComponent('技术能手')}&format=pdf`,
      ).expect(200);
      const text = pdfText(top.body as Buffer);
      expect(text).toContain('“技术能手”推荐名单');
      // Ranks 1, 2 and the shared 3rd place: four people; 5th place and the absentee are not in.
      for (const code of ['C001', 'C002', 'C003', 'C004']) expect(text).toContain(code);
      for (const code of ['C005', 'C006']) expect(text).not.toContain(code);
      expect(text).toContain('共 4 人');
    });

    it('rejects a recommendation list without a sensible top N or title', async () => {
      const response = await ctx.http
        .get(`${base()}/events/${turning.id}/documents/recommendations?top=0&title=`)
        .set('Cookie', session)
        .expect(400);
      expect(response.body.code).toBe('request.invalid');
      expect(response.body.issues.map((issue: { path: string }) => issue.path).sort()).toEqual([
        'title',
        'top',
      ]);
    });

    it('prints a competitor’s full mark sheet with dropped marks and the engine’s explanation', async () => {
      markSheet = {
        eventId: turning.id,
        eventName: '数控车工',
        entryId: entryIds[0]!,
        code: 'C001',
        name: '王骉',
        enterprise: '一汽',
        resultVersion: 1,
        total: '93.70',
        rank: 1,
        items: [
          {
            stage: '实操',
            path: 'A 零件加工 / A1 尺寸精度',
            max: '10',
            marks: [
              { judge: '裁判甲', value: '9.5', dropped: false },
              { judge: '裁判乙', value: '7.0', dropped: true },
              { judge: '裁判丙', value: '9.8', dropped: true },
              { judge: '裁判丁', value: '9.6', dropped: false },
            ],
            score: '9.55',
          },
        ],
        explanation: ['A1 尺寸精度：去掉一个最高分 9.8 和一个最低分 7.0，取平均 9.55。'],
      };
      const response = await download(
        `/events/${turning.id}/documents/mark-sheet?code=C001`,
      ).expect(200);
      const text = pdfText(response.body as Buffer);
      expect(text).toContain('评分明细表');
      expect(text).toContain('王骉');
      for (const judge of ['裁判甲', '裁判乙', '裁判丙', '裁判丁']) expect(text).toContain(judge);
      expect(text).toContain('(7.0)');
      expect(text).toContain('(9.8)');
      expect(text).not.toContain('(9.5)');
      expect(text).toContain('去掉一个最高分 9.8 和一个最低分 7.0，取平均 9.55。');
      // A competitor without a sheet, and a candidate number that is not in the results.
      await download(`/events/${turning.id}/documents/mark-sheet?code=C002`).expect(404);
      await download(`/events/${turning.id}/documents/mark-sheet?code=X999`).expect(404);
      await download(`/events/${turning.id}/documents/mark-sheet?code=`).expect(400);
    });

    it('lets only the competition’s organisers download', async () => {
      const judge = await ctx.login(await ctx.newUser([{ role: 'judge', scope: competition }]));
      await download(`/events/${turning.id}/documents/results?format=xlsx`, judge).expect(403);
      await ctx.http.get(`${base()}/events/${turning.id}/documents/results`).expect(401);
    });
  });

  describe('certificates', () => {
    let issued: IssueCertificatesResult;

    const verify = async (code: string) =>
      (await ctx.http.get(`/api/v1/public/certificates/${encodeURIComponent(code)}`).expect(200))
        .body as CertificateVerification;

    it('issues one certificate per award winner, once', async () => {
      const response = await ctx.http
        .post(`${base()}/events/${turning.id}/certificates`)
        .set('Cookie', session)
        .send({ issuedOn: '2026-11-20' })
        .expect(200);
      issued = response.body as IssueCertificatesResult;
      const awarded = LINES.filter((line) => line.award);
      expect(issued).toMatchObject({
        issued: awarded.length,
        alreadyIssued: 0,
        revoked: 0,
        skipped: 0,
      });
      expect(
        issued.certificates.map((c) => [c.candidateNumber, c.recipientName, c.award]).sort(),
      ).toEqual(awarded.map((line) => [line.code, line.name, line.award]).sort());
      const again = await ctx.http
        .post(`${base()}/events/${turning.id}/certificates`)
        .set('Cookie', session)
        .send({})
        .expect(200);
      expect(again.body).toMatchObject({ issued: 0, alreadyIssued: awarded.length, revoked: 0 });
      expect(
        (again.body as IssueCertificatesResult).certificates.map((c) => c.code).sort(),
      ).toEqual(issued.certificates.map((c) => c.code).sort());
    });

    it('prints the certificate with name, event, award, organiser, date and the verification code', async () => {
      const first = issued.certificates.find((c) => c.candidateNumber === 'C001')!;
      expect(first.verifyUrl).toBe(`${ctx.config.publicUrl}/verify/${first.code}`);
      const response = await download(`/certificates/${first.id}/pdf`).expect(200);
      const text = pdfText(response.body as Buffer);
      expect(text.replace(/\s+/g, '')).toContain('获奖证书');
      expect(text).toContain('王骉');
      expect(text).toContain(`在${competition.name}数控车工项目中`);
      expect(text).toContain('荣获一等奖');
      expect(text).toContain('吉林省总工会');
      expect(text).toContain('2026年11月20日');
      expect(text).toContain(first.code);
    });

    it('says a genuine code is genuine, and refuses altered or forged ones', async () => {
      const first = issued.certificates.find((c) => c.candidateNumber === 'C002')!;
      expect(await verify(first.code)).toEqual({
        result: 'genuine',
        status: 'valid',
        recipientName: '李娜',
        competitionName: competition.name,
        eventName: '数控车工',
        award: '二等奖',
        organiserName: '吉林省总工会',
        issuedOn: '2026-11-20',
        revokedAt: null,
        revokeReason: null,
      });
      const [serial, signature] = first.code.split('.') as [string, string];
      const flip = (text: string) => (text[3] === 'a' ? 'b' : 'a') + '';
      const alteredSerial = serial.slice(0, 3) + flip(serial) + serial.slice(4);
      expect(await verify(`${alteredSerial}.${signature}`)).toEqual({ result: 'not_genuine' });
      const alteredSignature = signature.slice(0, 3) + flip(signature) + signature.slice(4);
      expect(await verify(`${serial}.${alteredSignature}`)).toEqual({ result: 'not_genuine' });
      // Another certificate's signature on this serial.
      const other = issued.certificates.find((c) => c.candidateNumber === 'C003')!;
      expect(await verify(`${serial}.${other.code.split('.')[1]}`)).toEqual({
        result: 'not_genuine',
      });
      expect(await verify('not-a-code')).toEqual({ result: 'not_genuine' });
      expect(await verify(`${'A'.repeat(22)}.${'A'.repeat(22)}`)).toEqual({
        result: 'not_genuine',
      });
    });

    it('revokes a certificate with a reason the verification page then shows', async () => {
      const target = issued.certificates.find((c) => c.candidateNumber === 'C004')!;
      await ctx.http
        .post(`${base()}/certificates/${target.id}/revoke`)
        .set('Cookie', session)
        .send({ reason: '' })
        .expect(400);
      const response = await ctx.http
        .post(`${base()}/certificates/${target.id}/revoke`)
        .set('Cookie', session)
        .send({ reason: '信息有误，已重新制作' })
        .expect(200);
      expect((response.body as CertificateView).status).toBe('revoked');
      expect(await verify(target.code)).toMatchObject({
        result: 'genuine',
        status: 'revoked',
        revokeReason: '信息有误，已重新制作',
      });
      const twice = await ctx.http
        .post(`${base()}/certificates/${target.id}/revoke`)
        .set('Cookie', session)
        .send({ reason: '再次撤销' })
        .expect(409);
      expect(twice.body.code).toBe('certificate.already_revoked');
      await download(`/certificates/${target.id}/pdf`).expect(409);
    });

    it('after a corrected result, revokes what changed and issues the new award', async () => {
      // Version 2 after an appeal: C004 is now alone in 3rd … C003 drops to 4th without award.
      const corrected = LINES.map((line) =>
        line.code === 'C003' ? { ...line, rank: 4, award: null, total: '84.50' } : line,
      );
      standings = standingsOf(corrected, 2);
      const before = issued.certificates.find((c) => c.candidateNumber === 'C003')!;
      const response = await ctx.http
        .post(`${base()}/events/${turning.id}/certificates`)
        .set('Cookie', session)
        .send({ issuedOn: '2026-11-22' })
        .expect(200);
      // C004's certificate was revoked by hand above: it is issued anew; C003's is revoked.
      expect(response.body).toMatchObject({ issued: 1, alreadyIssued: 2, revoked: 1 });
      expect(await verify(before.code)).toMatchObject({
        status: 'revoked',
        revokeReason: '第 2 版成绩中已无此奖项',
      });
      const list = (
        await ctx.http
          .get(`${base()}/events/${turning.id}/certificates`)
          .set('Cookie', session)
          .expect(200)
      ).body as CertificateView[];
      expect(
        list
          .filter((c) => c.status === 'valid')
          .map((c) => c.candidateNumber)
          .sort(),
      ).toEqual(['C001', 'C002', 'C004']);
      standings = standingsOf(LINES, 1);
    });

    it('makes the whole event as one PDF (a page each) or a ZIP of one PDF each', async () => {
      const pdf = await download(`/events/${turning.id}/certificates/batch?format=pdf`).expect(200);
      expect(pdfPages(pdf.body as Buffer)).toBe(3);
      const text = pdfText(pdf.body as Buffer);
      for (const name of ['王骉', '李娜', '赵敏']) expect(text).toContain(name);
      expect(text).not.toContain('张伟');

      const zip = await download(`/events/${turning.id}/certificates/batch?format=zip`).expect(200);
      expect(zip.headers['content-type']).toBe('application/zip');
      const archive = await JSZip.loadAsync(zip.body as Buffer);
      const names = Object.keys(archive.files).sort();
      expect(names).toEqual([
        'C001-王骉-一等奖.pdf',
        'C002-李娜-二等奖.pdf',
        'C004-赵敏-三等奖.pdf',
      ]);
      const inner = await archive.file('C002-李娜-二等奖.pdf')!.async('nodebuffer');
      expect(pdfText(inner)).toContain('荣获二等奖');
    });

    it('refuses to issue for an unpublished event', async () => {
      const response = await ctx.http
        .post(`${base()}/events/${welding.id}/certificates`)
        .set('Cookie', session)
        .send({})
        .expect(409);
      expect(response.body.code).toBe('results.not_published');
    });
  });

  describe('public results page', () => {
    const publicResults = async (query = '') =>
      (
        await ctx.http
          .get(`/api/v1/public/competitions/${competition.id}/results${query}`)
          .expect(200)
      ).body as PublicCompetitionResults;

    it('shows published events only, without anything private', async () => {
      const results = await publicResults();
      expect(results.organiserName).toBe('吉林省总工会');
      expect(results.events.map((event) => event.eventName)).toEqual(['数控车工']);
      const [event] = results.events;
      expect(event!.stageLabels).toEqual(['理论', '实操']);
      expect(event!.rows).toHaveLength(LINES.length);
      expect(Object.keys(event!.rows[0]!).sort()).toEqual(
        ['award', 'candidateNumber', 'enterprise', 'name', 'rank', 'stages', 'total'].sort(),
      );
      expect(JSON.stringify(results)).not.toContain('吉林省长春市');
    });

    it('finds people by part of the name or by the start of the candidate number', async () => {
      const byName = await publicResults(`?q=${encodeURIComponent('骉')}`);
      expect(byName.events[0]!.rows.map((row) => row.candidateNumber)).toEqual(['C001']);
      const byCode = await publicResults('?q=c00');
      expect(byCode.events[0]!.rows).toHaveLength(LINES.length);
      const none = await publicResults(`?q=${encodeURIComponent('不存在')}`);
      expect(none.events[0]!.rows).toEqual([]);
    });

    it('hides draft competitions and unknown ones', async () => {
      const em = ctx.em();
      const draft = await ctx.newCompetition(province, ['电工']);
      await em.nativeUpdate(Competition, { id: draft.id }, { status: 'draft' });
      await ctx.http.get(`/api/v1/public/competitions/${draft.id}/results`).expect(404);
      await ctx.http.get(`/api/v1/public/competitions/${randomUUID()}/results`).expect(404);
    });
  });
});
