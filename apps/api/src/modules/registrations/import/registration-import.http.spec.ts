import { IMPORT_COLUMNS, type ImportView } from '@jingsai/contracts';
import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { withCheck } from '../../../../test/credit-codes';
import { TestContext } from '../../../../test/test-context';
import { worker } from '../../../../test/people';
import { AuditEntry } from '../../audit/entities/audit-entry.entity';
import type { Competition } from '../../competitions/entities/competition.entity';
import { CompetitionEvent } from '../../competitions/entities/competition-event.entity';
import { Organisation } from '../../organisations/entities/organisation.entity';
import { Registration } from '../entities/registration.entity';
import { RegistrationImport } from './entities/registration-import.entity';
import { RegistrationImportRow } from './entities/registration-import-row.entity';
import { RegistrationImportService } from './registration-import.service';

type Cell = string | number | Date | null;
const HEADERS = IMPORT_COLUMNS.map((column) => column.header);

async function xlsx(rows: Cell[][], headers: string[] = HEADERS): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('报名表');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** GBK bytes for a string, from the platform's GBK decoder (Node has no GBK encoder). */
function gbk(text: string): Buffer {
  const decoder = new TextDecoder('gbk');
  const table = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const char = decoder.decode(Uint8Array.from([lead, trail]));
      if (char.length === 1 && !table.has(char)) table.set(char, [lead, trail]);
    }
  }
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (code < 0x80) bytes.push(code);
    else {
      const pair = table.get(char);
      if (!pair) throw new Error(`no GBK code for ${char}`);
      bytes.push(...pair);
    }
  }
  return Buffer.from(bytes);
}

describe('bulk registration import', () => {
  let ctx: TestContext;
  let faw: Organisation;
  let crrc: Organisation;
  let competition: Competition;
  let organiser: string;
  let fawCoordinator: string;

  beforeAll(async () => {
    ctx = await TestContext.create();
    const jilin = await ctx.newOrganisation({ name: '吉林省总工会' });
    const changchun = await ctx.newOrganisation({
      name: '长春市总工会',
      kind: 'city',
      parent: jilin,
    });
    faw = await ctx.newOrganisation({
      name: '中国第一汽车集团有限公司',
      kind: 'enterprise',
      parent: changchun,
      region: '长春市',
    });
    crrc = await ctx.newOrganisation({
      name: '中车长春轨道客车股份有限公司',
      kind: 'enterprise',
      parent: changchun,
      region: '长春市',
    });
    competition = await ctx.newCompetition(jilin, ['数控车工', '焊工', '电工']);
    const em = ctx.em();
    const [turning, , electrician] = await em.find(
      CompetitionEvent,
      { competition },
      { orderBy: { sortOrder: 'asc' } },
    );
    turning!.eligibility = {
      minAge: 18,
      maxAge: 50,
      ageReferenceDate: '2026-12-08',
      genderCategory: 'open',
      minSkillLevel: null,
      maxSkillLevel: null,
    };
    electrician!.capacity = 1;
    await em.flush();
    organiser = await ctx.login(await ctx.newUser([{ role: 'organiser', scope: jilin }]));
    fawCoordinator = await ctx.login(await ctx.newUser([{ role: 'coordinator', scope: faw }]));
  });
  afterAll(() => ctx.close());

  const url = (suffix = '') => `/api/v1/competitions/${competition.id}/registrations${suffix}`;

  async function upload(
    cookie: string,
    body: Buffer,
    fileName = 'workers.xlsx',
    expected = 202,
  ): Promise<Response> {
    return ctx.http
      .post(url('/imports'))
      .set('Cookie', cookie)
      .set('Accept-Language', 'en')
      .attach('file', body, fileName)
      .expect(expected);
  }

  /** Polls until the import leaves validating/committing. */
  async function settled(cookie: string, id: string): Promise<ImportView> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const response = await ctx.http
        .get(url(`/imports/${id}`))
        .set('Cookie', cookie)
        .expect(200);
      const view = response.body as ImportView;
      if (view.status !== 'validating' && view.status !== 'committing') return view;
      if (Date.now() > deadline) throw new Error(`import still ${view.status}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function validated(cookie: string, body: Buffer, fileName?: string): Promise<ImportView> {
    const started = await upload(cookie, body, fileName);
    expect(started.body.status).toBe('validating');
    return settled(cookie, started.body.id);
  }

  async function commit(cookie: string, id: string, mode: string): Promise<ImportView> {
    await ctx.http
      .post(url(`/imports/${id}/commit`))
      .set('Cookie', cookie)
      .send({ mode })
      .expect(202);
    return settled(cookie, id);
  }

  const entries = () => ctx.em().count(Registration, { competition, source: 'import' });

  it('offers a template with the Chinese headers and the competition’s events and enterprises', async () => {
    const response = await ctx.http
      .get(url('/import-template'))
      .set('Cookie', fawCoordinator)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as ExcelJS.Buffer);
    const [form, lists] = workbook.worksheets;
    expect((form!.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    const listed = lists!.getColumn(1).values.slice(2);
    expect(listed).toEqual(['数控车工', '焊工', '电工']);
    // A coordinator sees only their own enterprise.
    expect(lists!.getColumn(3).values.slice(2).filter(Boolean)).toEqual([faw.name]);
  });

  it('reports every problem by row, column and message, and normalises what it can', async () => {
    const ok = worker(faw.id, { name: '王建国' });
    const badCheck = worker(faw.id);
    const last = badCheck.documentNumber.slice(-1);
    badCheck.documentNumber = badCheck.documentNumber.slice(0, -1) + (last === '1' ? '2' : '1');
    const messy = worker(faw.id, { name: '李 秀 英' });
    const young = worker(faw.id, { birthDate: '2010-05-01' });
    const dup = worker(faw.id, { name: '赵敏' });
    const view = await validated(
      organiser,
      await xlsx([
        // row 2: fine
        [ok.name, '身份证', ok.documentNumber, ok.mobile, faw.name, '数控车工', '三级', '', ''],
        // row 3: wrong check digit
        [
          badCheck.name,
          '居民身份证',
          badCheck.documentNumber,
          badCheck.mobile,
          faw.name,
          '焊工',
          null,
          null,
          null,
        ],
        // row 4: full-width, spaces, lower-case x, mobile as a number, Excel date serial, 'level' as text
        [
          ` ${messy.name} `,
          '居民身份证',
          `  ${messy.documentNumber.replace(/X$/, 'x').replace(/^(\d{6})/, '$1 ')}`,
          Number(messy.mobile),
          `  ${faw.name.replace('中国', '中国　')}`,
          '焊工',
          '３级',
          '男',
          32939, // Excel's serial for 1990-03-07, the birth date in the ID
        ],
        // row 5: unknown enterprise and event, scientific-notation ID
        [
          '张三',
          '居民身份证',
          2.20102199003071e17,
          '13800000000',
          '不存在的公司',
          '钳工',
          null,
          null,
          null,
        ],
        // row 6: too young for 数控车工
        [
          young.name,
          '居民身份证',
          young.documentNumber,
          young.mobile,
          faw.name,
          '数控车工',
          null,
          null,
          null,
        ],
        // rows 7 and 8: the same person twice for the same event
        [
          dup.name,
          '居民身份证',
          dup.documentNumber,
          dup.mobile,
          faw.name,
          '焊工',
          null,
          null,
          null,
        ],
        [
          dup.name,
          '居民身份证',
          dup.documentNumber,
          dup.mobile,
          faw.name,
          '焊工',
          null,
          null,
          null,
        ],
      ]),
    );
    expect(view).toMatchObject({ status: 'validated', totalRows: 7, validRows: 3, invalidRows: 4 });
    const at = (row: number) => view.issues.filter((issue) => issue.row === row);
    expect(at(2)).toEqual([]);
    expect(at(3)).toEqual([
      expect.objectContaining({
        column: '证件号码',
        message: expect.objectContaining({ 'zh-CN': expect.stringContaining('校验位') }),
      }),
    ]);
    expect(at(4)).toEqual([]);
    expect(
      at(5)
        .map((issue) => issue.column)
        .sort(),
    ).toEqual(['报名项目', '所在企业', '证件号码'].sort());
    expect(at(5).find((issue) => issue.column === '证件号码')!.message.en).toMatch(
      /scientific notation/,
    );
    expect(at(6)[0]!.message['zh-CN']).toMatch(/周岁/);
    expect(at(8)[0]!.message.en).toMatch(/rows 7 and 8/);
    expect(at(7)[0]).toMatchObject({ severity: 'note' });

    const report = await ctx.http
      .get(url(`/imports/${view.id}/report`))
      .set('Cookie', organiser)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(report.body as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1, 5)).toEqual([
      '行号',
      '列',
      '问题',
      'Problem',
    ]);
    expect(sheet.rowCount - 1).toBe(view.issueCount);

    // Staged documents are never stored in clear.
    const staged = JSON.stringify(
      await ctx.em().getConnection().execute('select * from registration_import_row'),
    );
    expect(staged).not.toContain(ok.documentNumber);

    // all_or_nothing refuses and writes nothing.
    const before = await entries();
    const refused = await ctx.http
      .post(url(`/imports/${view.id}/commit`))
      .set('Cookie', organiser)
      .set('Accept-Language', 'en')
      .send({ mode: 'all_or_nothing' })
      .expect(409);
    expect(refused.body.message).toMatch(/4 row\(s\) have problems/);
    expect(await entries()).toBe(before);

    // valid_only writes only the valid rows, approved for an organiser.
    const committed = await commit(organiser, view.id, 'valid_only');
    expect(committed).toMatchObject({ status: 'committed', createdRows: 3 });
    expect(await entries()).toBe(before + 3);
    const created = await ctx
      .em()
      .find(Registration, { competition, source: 'import' }, { populate: ['person'] });
    expect(created.map((entry) => entry.status)).toEqual(['approved', 'approved', 'approved']);
    const li = created.find((entry) => entry.person.name === '李秀英')!;
    expect(li.person.mobile).toBe(messy.mobile);
    expect(
      await ctx.em().count(AuditEntry, { action: 'registration.import', subjectId: view.id }),
    ).toBe(1);
  });

  it('creates no duplicates when the same file is imported twice', async () => {
    const people = [worker(crrc.id), worker(crrc.id)];
    const file = await xlsx(
      people.map((p) => [
        p.name,
        '居民身份证',
        p.documentNumber,
        p.mobile,
        crrc.name,
        '焊工',
        null,
        null,
        null,
      ]),
    );
    const first = await validated(organiser, file, '中车长客报名表.xlsx');
    // The file name keeps its Chinese characters (multipart names arrive latin1-decoded).
    expect(first.fileName).toBe('中车长客报名表.xlsx');
    expect(await commit(organiser, first.id, 'all_or_nothing')).toMatchObject({ createdRows: 2 });
    const before = await entries();
    const second = await validated(organiser, file);
    expect(second).toMatchObject({ validRows: 0, invalidRows: 0, alreadyRegisteredRows: 2 });
    expect(await commit(organiser, second.id, 'all_or_nothing')).toMatchObject({
      status: 'committed',
      createdRows: 0,
    });
    expect(await entries()).toBe(before);
  });

  it('finds the enterprise by the optional 统一社会信用代码 column before the name', async () => {
    const code = withCheck('91220101MA0000901');
    await ctx.em().nativeUpdate(Organisation, { id: crrc.id }, { creditCode: code });
    const person = worker(crrc.id);
    const other = worker(crrc.id);
    const wrongCode = withCheck('91220101MA0000902');
    const file = await xlsx([
      // Short name and a lower-case code: found by the code.
      [
        person.name,
        '居民身份证',
        person.documentNumber,
        person.mobile,
        '',
        '焊工',
        null,
        null,
        null,
        code.toLowerCase(),
      ],
      [
        other.name,
        '居民身份证',
        other.documentNumber,
        other.mobile,
        crrc.name,
        '焊工',
        null,
        null,
        null,
        wrongCode,
      ],
    ]);
    const view = await validated(organiser, file, 'codes.xlsx');
    expect(view).toMatchObject({ validRows: 1, invalidRows: 1 });
    expect(view.issues).toEqual([
      expect.objectContaining({
        row: 3,
        column: '统一社会信用代码',
        message: expect.objectContaining({ en: expect.stringContaining(wrongCode) }),
      }),
    ]);
    await commit(organiser, view.id, 'valid_only');
    const entry = await ctx
      .em()
      .findOneOrFail(Registration, { person: { name: person.name } }, { populate: ['person'] });
    expect(entry.person.enterprise?.id).toBe(crrc.id);
  });

  it('waitlists rows past capacity with a note, not an error', async () => {
    const [a, b] = [worker(crrc.id), worker(crrc.id)];
    const view = await validated(
      organiser,
      await xlsx(
        [a, b].map((p) => [
          p.name,
          '居民身份证',
          p.documentNumber,
          p.mobile,
          crrc.name,
          '电工',
          null,
          null,
          null,
        ]),
      ),
    );
    expect(view).toMatchObject({ validRows: 2, invalidRows: 0, waitlistedRows: 1 });
    expect(view.issues).toEqual([expect.objectContaining({ row: 3, severity: 'note' })]);
    await commit(organiser, view.id, 'all_or_nothing');
    const statuses = (
      await ctx.em().find(Registration, { event: { name: '电工', competition } })
    ).map((entry) => entry.status);
    expect(statuses.sort()).toEqual(['approved', 'waitlisted']);
  });

  it('never lets a coordinator import another enterprise’s workers', async () => {
    const own = worker(faw.id);
    const foreign = worker(crrc.id);
    const view = await validated(
      fawCoordinator,
      await xlsx([
        [
          own.name,
          '居民身份证',
          own.documentNumber,
          own.mobile,
          faw.name,
          '焊工',
          null,
          null,
          null,
        ],
        [
          foreign.name,
          '居民身份证',
          foreign.documentNumber,
          foreign.mobile,
          crrc.name,
          '焊工',
          null,
          null,
          null,
        ],
      ]),
    );
    expect(view).toMatchObject({ validRows: 1, invalidRows: 1 });
    expect(view.issues).toEqual([
      expect.objectContaining({
        row: 3,
        column: '所在企业',
        message: expect.objectContaining({
          en: 'you can only enter workers of your own enterprise',
        }),
      }),
    ]);
    await commit(fawCoordinator, view.id, 'valid_only');
    const entry = await ctx
      .em()
      .findOneOrFail(
        Registration,
        { person: { name: own.name }, competition },
        { populate: ['person'] },
      );
    expect(entry.status).toBe('submitted');
    expect(await ctx.em().count(Registration, { person: { name: foreign.name } })).toBe(0);
    // Another user (not an organiser) cannot even see the import.
    const other = await ctx.login(await ctx.newUser([{ role: 'coordinator', scope: crrc }]));
    await ctx.http
      .get(url(`/imports/${view.id}`))
      .set('Cookie', other)
      .expect(404);
  });

  it('discards an import and its staged rows', async () => {
    const person = worker(faw.id);
    const view = await validated(
      organiser,
      await xlsx([
        [
          person.name,
          '居民身份证',
          person.documentNumber,
          person.mobile,
          faw.name,
          '焊工',
          null,
          null,
          null,
        ],
      ]),
    );
    const discarded = await ctx.http
      .post(url(`/imports/${view.id}/discard`))
      .set('Cookie', organiser)
      .expect(200);
    expect(discarded.body.status).toBe('discarded');
    expect(await ctx.em().count(RegistrationImportRow, { import: view.id })).toBe(0);
    await ctx.http
      .post(url(`/imports/${view.id}/commit`))
      .set('Cookie', organiser)
      .send({ mode: 'valid_only' })
      .expect(409);
  });

  it('reads CSV in GBK and in UTF-8 with a BOM, with English headers', async () => {
    const person = worker(faw.id, { name: '孙丽华' });
    const csv = [
      IMPORT_COLUMNS.map((column) => column.header).join(','),
      [
        person.name,
        '居民身份证',
        person.documentNumber,
        person.mobile,
        faw.name,
        '焊工',
        '高级技师',
        '',
        '',
      ].join(','),
    ].join('\r\n');
    const fromGbk = await validated(organiser, gbk(csv), 'workers.csv');
    expect(fromGbk).toMatchObject({ totalRows: 1, validRows: 1, invalidRows: 0 });

    const english = [
      'Name,Document type,Document number,Mobile,"Enterprise (name or credit code)",Event',
      `${person.name},resident_id,${person.documentNumber},${person.mobile},${faw.name},焊工`,
    ].join('\n');
    const fromUtf8 = await validated(
      organiser,
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(english)]),
      'workers.csv',
    );
    expect(fromUtf8).toMatchObject({ totalRows: 1, validRows: 1 });
  });

  it('refuses unusable files with 400 before making any import', async () => {
    const before = await ctx.em().count(RegistrationImport, {});
    const missing = await upload(
      organiser,
      await xlsx([['张三', '13800000000']], ['姓名', '手机号码']),
      'workers.xlsx',
      400,
    );
    expect(missing.body.issues[0].message).toMatch(/Missing required columns: 证件类型/);
    const empty = await upload(organiser, Buffer.alloc(0), 'workers.xlsx', 400);
    expect(empty.body.issues[0].message).toMatch(/empty/);
    const pdf = await upload(organiser, Buffer.from('%PDF-1.4'), 'workers.pdf', 400);
    expect(pdf.body.issues[0].message).toMatch(/Unsupported file type/);
    expect(await ctx.em().count(RegistrationImport, {})).toBe(before);
  });

  it('marks imports cut off by a crash as failed', async () => {
    const em = ctx.em();
    const stale = em.create(RegistrationImport, {
      competition,
      fileName: 'crashed.xlsx',
      uploadedBy: '00000000-0000-4000-8000-000000000000',
      status: 'validating',
      updatedAt: new Date(Date.now() - 10 * 60 * 1000),
    });
    await em.flush();
    expect(await ctx.app.get(RegistrationImportService).failInterruptedImports()).toBe(1);
    const view = await ctx.http
      .get(url(`/imports/${stale.id}`))
      .set('Cookie', organiser)
      .expect(200);
    expect(view.body).toMatchObject({
      status: 'failed',
      failure: expect.stringMatching(/upload again/),
    });
  });
});
