import ExcelJS from 'exceljs';
import { enterpriseCreditCode, withCheck, withWrongCheck } from '../../../test/credit-codes';
import { TestContext } from '../../../test/test-context';
import { AuditEntry } from '../audit/entities/audit-entry.entity';
import { Person } from '../registrations/entities/person.entity';
import { Organisation } from './entities/organisation.entity';

describe('organisations', () => {
  let ctx: TestContext;
  let jilin: Organisation;
  let changchun: Organisation;
  let jilinCity: Organisation;
  let admin: string;
  let provinceOrganiser: string;
  let cityOrganiser: string;
  let coordinator: string;
  let faw: Organisation;

  beforeAll(async () => {
    ctx = await TestContext.create();
    jilin = await ctx.newOrganisation({ name: '吉林省总工会' });
    changchun = await ctx.newOrganisation({ name: '长春市总工会', kind: 'city', parent: jilin });
    jilinCity = await ctx.newOrganisation({ name: '吉林市总工会', kind: 'city', parent: jilin });
    faw = await ctx.newOrganisation({ name: '一汽', kind: 'enterprise', parent: changchun });
    admin = await ctx.login(await ctx.newUser([{ role: 'platform_admin' }]));
    provinceOrganiser = await ctx.login(await ctx.newUser([{ role: 'organiser', scope: jilin }]));
    cityOrganiser = await ctx.login(await ctx.newUser([{ role: 'organiser', scope: changchun }]));
    coordinator = await ctx.login(await ctx.newUser([{ role: 'coordinator', scope: faw }]));
  });
  afterAll(() => ctx.close());

  const create = (cookie: string, body: object, status: number) =>
    ctx.http
      .post('/api/v1/organisations')
      .set('Cookie', cookie)
      .set('Accept-Language', 'en')
      .send(body)
      .expect(status);

  it('creates an enterprise under a city with a valid credit code, audited', async () => {
    const code = enterpriseCreditCode();
    const response = await create(
      cityOrganiser,
      {
        name: '长春轨道客车',
        kind: 'enterprise',
        parentId: changchun.id,
        // Lower case and full-width spaces are normalised.
        creditCode: ` ${code.toLowerCase()}\u3000`,
        region: '吉林省长春市',
        industry: '轨道交通',
      },
      201,
    );
    expect(response.body).toMatchObject({
      name: '长春轨道客车',
      kind: 'enterprise',
      parentId: changchun.id,
      creditCode: code,
      manageable: true,
      canAddChildren: false,
    });
    const audit = await ctx
      .em()
      .findOneOrFail(AuditEntry, { subjectType: 'organisation', subjectId: response.body.id });
    expect(audit).toMatchObject({ action: 'organisation.create', before: null });
    expect(audit.after).toMatchObject({ creditCode: code, parentId: changchun.id });
  });

  it('rejects bad credit codes with the position and the expected check character', async () => {
    const code = enterpriseCreditCode();
    const wrong = withWrongCheck(code);
    const response = await create(
      cityOrganiser,
      { name: '某企业', kind: 'enterprise', parentId: changchun.id, creditCode: wrong },
      400,
    );
    expect(JSON.stringify(response.body.issues)).toContain(`should be ${code[17]}`);
    const zh = await ctx.http
      .post('/api/v1/organisations')
      .set('Cookie', cityOrganiser)
      .send({
        name: '某企业',
        kind: 'enterprise',
        parentId: changchun.id,
        creditCode: `${code.slice(0, 4)}O${code.slice(5)}`,
      })
      .expect(400);
    expect(JSON.stringify(zh.body.issues)).toMatch(/第 5 位是字母 O/);
    const missing = await create(
      cityOrganiser,
      { name: '某企业', kind: 'enterprise', parentId: changchun.id },
      409,
    );
    expect(missing.body.issues).toEqual([
      { path: 'creditCode', message: 'An enterprise needs its unified social credit code' },
    ]);
    expect(await ctx.em().count(Organisation, { name: '某企业' })).toBe(0);
  });

  it('keeps the kind order and unique credit codes', async () => {
    const county = await create(
      provinceOrganiser,
      { name: '朝阳区总工会', kind: 'county', parentId: changchun.id },
      201,
    );
    const wrongOrder = await create(
      provinceOrganiser,
      { name: '某市总工会', kind: 'city', parentId: county.body.id },
      409,
    );
    expect(wrongOrder.body.issues[0].message).toMatch(/cannot sit under a county union/);
    const code = enterpriseCreditCode();
    await create(
      provinceOrganiser,
      { name: '甲公司', kind: 'enterprise', parentId: county.body.id, creditCode: code },
      201,
    );
    const taken = await create(
      provinceOrganiser,
      { name: '乙公司', kind: 'enterprise', parentId: county.body.id, creditCode: code },
      409,
    );
    expect(taken.body.message).toBe(`The credit code ${code} already belongs to "甲公司"`);
    const sameName = await create(
      provinceOrganiser,
      {
        name: '甲公司',
        kind: 'enterprise',
        parentId: county.body.id,
        creditCode: enterpriseCreditCode(),
      },
      409,
    );
    expect(sameName.body.issues[0].path).toBe('name');
  });

  it('lets only admins and organisers of a union above change a node', async () => {
    // A city organiser may not create a province or touch their own city union or a sibling city.
    await create(cityOrganiser, { name: '新省', kind: 'province', parentId: null }, 403);
    await ctx.http
      .patch(`/api/v1/organisations/${changchun.id}`)
      .set('Cookie', cityOrganiser)
      .send({ name: '改名' })
      .expect(403);
    await create(
      cityOrganiser,
      { name: '吉林市某区', kind: 'county', parentId: jilinCity.id },
      403,
    );
    await ctx.http
      .patch(`/api/v1/organisations/${jilinCity.id}`)
      .set('Cookie', cityOrganiser)
      .send({ region: '吉林省吉林市' })
      .expect(404);
    // The province organiser may.
    const renamed = await ctx.http
      .patch(`/api/v1/organisations/${changchun.id}`)
      .set('Cookie', provinceOrganiser)
      .send({ region: '吉林省长春市' })
      .expect(200);
    expect(renamed.body.region).toBe('吉林省长春市');
    await create(admin, { name: '辽宁省总工会', kind: 'province', parentId: null }, 201);
  });

  it('never lets a coordinator see or change other organisations', async () => {
    const list = await ctx.http.get('/api/v1/organisations').set('Cookie', coordinator).expect(200);
    expect(list.body.map((node: { name: string }) => node.name)).toEqual(['一汽']);
    expect(list.body[0].manageable).toBe(false);
    await ctx.http
      .patch(`/api/v1/organisations/${faw.id}`)
      .set('Cookie', coordinator)
      .send({ name: '一汽集团' })
      .expect(403);
    await ctx.http
      .delete(`/api/v1/organisations/${jilinCity.id}`)
      .set('Cookie', coordinator)
      .expect(403);
    await create(
      coordinator,
      { name: '子公司', kind: 'enterprise', parentId: faw.id, creditCode: enterpriseCreditCode() },
      403,
    );
    expect((await ctx.em().findOneOrFail(Organisation, faw.id)).name).toBe('一汽');
  });

  it('moves a node where the kind order allows, never under itself', async () => {
    const county = await create(
      provinceOrganiser,
      { name: '二道区总工会', kind: 'county', parentId: changchun.id },
      201,
    );
    const enterprise = await create(
      provinceOrganiser,
      {
        name: '移动测试企业',
        kind: 'enterprise',
        parentId: changchun.id,
        creditCode: enterpriseCreditCode(),
      },
      201,
    );
    const moved = await ctx.http
      .patch(`/api/v1/organisations/${enterprise.body.id}`)
      .set('Cookie', provinceOrganiser)
      .send({ parentId: county.body.id })
      .expect(200);
    expect(moved.body.parentId).toBe(county.body.id);
    const audit = await ctx.em().findOneOrFail(AuditEntry, {
      subjectId: enterprise.body.id,
      action: 'organisation.move',
    });
    expect(audit.before).toMatchObject({ parentId: changchun.id });
    const loop = await ctx.http
      .patch(`/api/v1/organisations/${changchun.id}`)
      .set('Cookie', admin)
      .set('Accept-Language', 'en')
      .send({ parentId: county.body.id })
      .expect(409);
    expect(JSON.stringify(loop.body.issues)).toMatch(/cannot sit under a county union/);
  });

  it('deletes only what nothing hangs off, with a clear 409 otherwise', async () => {
    const inUse = await ctx.http
      .delete(`/api/v1/organisations/${changchun.id}`)
      .set('Cookie', provinceOrganiser)
      .set('Accept-Language', 'en')
      .expect(409);
    expect(inUse.body.message).toMatch(
      /^"长春市总工会" cannot be deleted: \d+ organisation\(s\) below it/,
    );

    const em = ctx.em();
    const enterprise = em.create(Organisation, {
      name: '有职工的企业',
      kind: 'enterprise',
      parent: em.getReference(Organisation, changchun.id),
      creditCode: enterpriseCreditCode(),
    });
    em.create(Person, { name: '李明', enterprise });
    await em.flush();
    const withPeople = await ctx.http
      .delete(`/api/v1/organisations/${enterprise.id}`)
      .set('Cookie', provinceOrganiser)
      .expect(409);
    expect(withPeople.body.message).toMatch(/1 名职工/);

    const empty = await create(
      provinceOrganiser,
      {
        name: '空企业',
        kind: 'enterprise',
        parentId: changchun.id,
        creditCode: enterpriseCreditCode(),
      },
      201,
    );
    await ctx.http
      .delete(`/api/v1/organisations/${empty.body.id}`)
      .set('Cookie', provinceOrganiser)
      .expect(204);
    expect(await ctx.em().count(Organisation, { id: empty.body.id })).toBe(0);
    expect(
      await ctx.em().count(AuditEntry, { subjectId: empty.body.id, action: 'organisation.delete' }),
    ).toBe(1);
  });

  describe('import', () => {
    const csv = (lines: string[][]) =>
      Buffer.from(
        '\uFEFF' +
          [['名称', '类型', '上级单位', '统一社会信用代码', '地区', '行业'], ...lines]
            .map((line) => line.map((cell) => `"${cell}"`).join(','))
            .join('\r\n'),
      );
    const upload = (cookie: string, body: Buffer, fileName: string, mode = 'commit') =>
      ctx.http
        .post(`/api/v1/organisations/import?mode=${mode}`)
        .set('Cookie', cookie)
        .set('Accept-Language', 'en')
        .attach('file', body, fileName);

    it('reports every bad row by row and column and writes nothing', async () => {
      const good = enterpriseCreditCode();
      const bad = withWrongCheck(enterpriseCreditCode());
      const before = await ctx.em().count(Organisation, {});
      const response = await upload(
        provinceOrganiser,
        csv([
          ['白城市总工会', '市级工会', '吉林省总工会', '', '吉林省白城市', ''],
          ['白城某企业', '企业', '白城市总工会', good, '', '制造'],
          ['白城另一企业', '企业', '白城市总工会', bad, '', ''],
          ['重复企业', '企业', '白城市总工会', good, '', ''],
          ['无上级企业', '企业', '不存在的工会', enterpriseCreditCode(), '', ''],
          ['某县', '县级工会', '白城某企业', '', '', ''],
          ['没有代码的企业', '企业', '白城市总工会', '', '', ''],
          ['怪类型', '协会', '白城市总工会', '', '', ''],
        ]),
        'orgs.csv',
      ).expect(200);
      expect(response.body.committed).toBe(false);
      const issues = response.body.issues as Array<{
        row: number;
        column: string;
        message: { en: string; 'zh-CN': string };
      }>;
      const at = (row: number) => issues.filter((entry) => entry.row === row);
      expect(at(2)).toEqual([]);
      expect(at(3)).toEqual([]);
      expect(at(4)).toEqual([
        expect.objectContaining({
          column: '统一社会信用代码',
          message: expect.objectContaining({ en: expect.stringMatching(/check character/) }),
        }),
      ]);
      expect(at(5)[0]).toMatchObject({
        column: '统一社会信用代码',
        message: { en: 'Same credit code as row 3' },
      });
      expect(at(6)[0]).toMatchObject({ column: '上级单位' });
      expect(at(6)[0]!.message['zh-CN']).toMatch(/找不到上级单位“不存在的工会”/);
      expect(at(7)[0]!.message.en).toMatch(/cannot sit under an enterprise/);
      expect(at(8)[0]).toMatchObject({ column: '统一社会信用代码' });
      expect(at(9)[0]).toMatchObject({ column: '类型' });
      expect(await ctx.em().count(Organisation, {})).toBe(before);
    });

    it('imports all rows from XLSX, and the same file twice creates nothing twice', async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('组织导入');
      const code = enterpriseCreditCode();
      sheet.addRows([
        ['名称', '类型', '上级单位', '统一社会信用代码', '地区', '行业'],
        ['【示例】示例企业', '企业', '长春市总工会', '', '', ''],
        ['松原市总工会', '市', '吉林省总工会', '', '吉林省松原市', ''],
        ['宁江区总工会', '县（区）级工会', '松原市总工会', '', '吉林省松原市宁江区', ''],
        ['松原石化', '企业', '宁江区总工会', code, '吉林省松原市', '石油化工'],
      ]);
      const file = Buffer.from(await workbook.xlsx.writeBuffer());
      const preview = await upload(provinceOrganiser, file, 'orgs.xlsx', 'preview').expect(200);
      expect(preview.body).toMatchObject({ committed: false, created: 3, issues: [] });
      expect(await ctx.em().count(Organisation, { name: '松原石化' })).toBe(0);

      const first = await upload(provinceOrganiser, file, 'orgs.xlsx').expect(200);
      expect(first.body).toMatchObject({ committed: true, created: 3, updated: 0, unchanged: 0 });
      const em = ctx.em();
      const enterprise = await em.findOneOrFail(
        Organisation,
        { creditCode: code },
        { populate: ['parent', 'parent.parent'] },
      );
      expect(enterprise).toMatchObject({
        name: '松原石化',
        kind: 'enterprise',
        industry: '石油化工',
      });
      expect(enterprise.parent?.name).toBe('宁江区总工会');
      expect(enterprise.parent?.parent?.name).toBe('松原市总工会');

      const second = await upload(provinceOrganiser, file, 'orgs.xlsx').expect(200);
      expect(second.body).toMatchObject({ committed: true, created: 0, updated: 0, unchanged: 3 });
      expect(
        await ctx
          .em()
          .count(Organisation, { name: { $in: ['松原市总工会', '宁江区总工会', '松原石化'] } }),
      ).toBe(3);
      expect(await ctx.em().count(AuditEntry, { action: 'organisation.import.create' })).toBe(3);
    });

    it('matches by credit code first: a renamed row updates the stored enterprise', async () => {
      const code = enterpriseCreditCode();
      await create(
        provinceOrganiser,
        { name: '旧名称公司', kind: 'enterprise', parentId: changchun.id, creditCode: code },
        201,
      );
      const response = await upload(
        provinceOrganiser,
        csv([['新名称公司', '企业', '长春市总工会', code, '吉林省长春市', '']]),
        'rename.csv',
      ).expect(200);
      expect(response.body).toMatchObject({ committed: true, created: 0, updated: 1 });
      const stored = await ctx.em().findOneOrFail(Organisation, { creditCode: code });
      expect(stored).toMatchObject({ name: '新名称公司', region: '吉林省长春市' });
    });

    it('refuses what a city organiser may not do, and the file itself when unusable', async () => {
      const response = await upload(
        cityOrganiser,
        csv([['吉林市某企业', '企业', '吉林市总工会', enterpriseCreditCode(), '', '']]),
        'other-city.csv',
      ).expect(200);
      expect(response.body.committed).toBe(false);
      expect(response.body.issues[0]).toMatchObject({ row: 2, column: '上级单位' });

      const noHeaders = await upload(cityOrganiser, Buffer.from('a,b\n1,2'), 'x.csv').expect(400);
      expect(noHeaders.body.issues[0].message).toMatch(/Missing required columns: 名称 \(Name\)/);
      await upload(cityOrganiser, Buffer.from('hello'), 'x.pdf').expect(400);
      await ctx.http
        .post('/api/v1/organisations/import')
        .set('Cookie', coordinator)
        .attach('file', csv([]), 'x.csv')
        .expect(403);
    });

    it('offers a template with the Chinese headers', async () => {
      const response = await ctx.http
        .get('/api/v1/organisations/import-template')
        .set('Cookie', provinceOrganiser)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.body as ArrayBuffer);
      const header = workbook.worksheets[0]!.getRow(1).values as unknown[];
      expect(header.slice(1)).toEqual([
        '名称',
        '类型',
        '上级单位',
        '统一社会信用代码',
        '地区',
        '行业',
      ]);
      // Its example row is skipped when the template comes back unchanged.
      const back = await upload(
        provinceOrganiser,
        response.body as Buffer,
        'template.xlsx',
        'preview',
      ).expect(400);
      expect(back.body.issues[0].message).toMatch(/no organisation rows/);
      expect(withCheck('91350100M000100Y4')).toBe('91350100M000100Y43');
    });
  });
});
