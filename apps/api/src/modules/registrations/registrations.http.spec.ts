import { TestContext } from '../../../test/test-context';
import { worker } from '../../../test/people';
import { AuditEntry } from '../audit/entities/audit-entry.entity';
import type { Competition } from '../competitions/entities/competition.entity';
import { CompetitionEvent } from '../competitions/entities/competition-event.entity';
import type { Organisation } from '../organisations/entities/organisation.entity';
import { Registration } from './entities/registration.entity';

describe('registration', () => {
  let ctx: TestContext;
  let jilin: Organisation;
  let faw: Organisation;
  let crrc: Organisation;
  let competition: Competition;
  let turning: CompetitionEvent;
  let welding: CompetitionEvent;
  let organiser: string;
  let fawCoordinator: string;
  let crrcCoordinator: string;

  beforeAll(async () => {
    ctx = await TestContext.create();
    jilin = await ctx.newOrganisation({ name: '吉林省总工会' });
    const changchun = await ctx.newOrganisation({
      name: '长春市总工会',
      kind: 'city',
      parent: jilin,
    });
    faw = await ctx.newOrganisation({
      name: '一汽',
      kind: 'enterprise',
      parent: changchun,
      region: '长春市',
    });
    crrc = await ctx.newOrganisation({
      name: '中车长客',
      kind: 'enterprise',
      parent: changchun,
      region: '长春市',
    });
    competition = await ctx.newCompetition(jilin, ['数控车工', '焊工']);
    const em = ctx.em();
    [turning, welding] = (await em.find(
      CompetitionEvent,
      { competition },
      { orderBy: { sortOrder: 'asc' } },
    )) as [CompetitionEvent, CompetitionEvent];
    turning.quotaPerEnterprise = 3;
    turning.eligibility = {
      minAge: 18,
      maxAge: 50,
      ageReferenceDate: '2026-12-08',
      genderCategory: 'open',
      minSkillLevel: 4,
      maxSkillLevel: null,
    };
    welding.exclusive = true;
    await em.flush();
    organiser = await ctx.login(await ctx.newUser([{ role: 'organiser', scope: jilin }]));
    fawCoordinator = await ctx.login(await ctx.newUser([{ role: 'coordinator', scope: faw }]));
    crrcCoordinator = await ctx.login(await ctx.newUser([{ role: 'coordinator', scope: crrc }]));
  });
  afterAll(() => ctx.close());

  const url = (suffix = '') => `/api/v1/competitions/${competition.id}/registrations${suffix}`;

  it('lets a coordinator enter their own worker, showing the document masked, stored encrypted', async () => {
    const person = worker(faw.id, { name: '王建国' });
    const created = await ctx.http
      .post(url())
      .set('Cookie', fawCoordinator)
      .send({ eventId: turning.id, person })
      .expect(201);
    expect(created.body).toMatchObject({
      status: 'submitted',
      source: 'coordinator',
      eventName: '数控车工',
    });
    expect(created.body.person.documentNumber).toBe(
      `${person.documentNumber.slice(0, 6)}********${person.documentNumber.slice(-4)}`,
    );
    expect(created.body.person.mobile).toMatch(/^138\*{4}\d{4}$/);

    const rows: Array<Record<string, unknown>> = await ctx
      .em()
      .getConnection()
      .execute('select * from person');
    expect(JSON.stringify(rows)).not.toContain(person.documentNumber);

    const asOrganiser = await ctx.http.get(url(`?q=王建国`)).set('Cookie', organiser).expect(200);
    expect(asOrganiser.body.items[0].person.documentNumber).toBe(person.documentNumber);
    expect(asOrganiser.body.items[0].person.birthDate).toBe('1990-03-07');
  });

  it('never lets a coordinator see or enter another enterprise’s people', async () => {
    const foreign = worker(crrc.id, { name: '张伟' });
    const refused = await ctx.http
      .post(url())
      .set('Cookie', fawCoordinator)
      .set('Accept-Language', 'en')
      .send({ eventId: turning.id, person: foreign })
      .expect(409);
    expect(refused.body.issues).toEqual([
      { path: 'person.enterpriseId', message: 'you can only enter workers of your own enterprise' },
    ]);

    await ctx.http
      .post(url())
      .set('Cookie', crrcCoordinator)
      .send({ eventId: turning.id, person: foreign })
      .expect(201);
    const fawList = await ctx.http.get(url()).set('Cookie', fawCoordinator).expect(200);
    expect(
      fawList.body.items.map(
        (item: { person: { enterpriseName: string } }) => item.person.enterpriseName,
      ),
    ).not.toContain('中车长客');
    const sneaky = await ctx.http
      .get(url(`?enterpriseId=${crrc.id}`))
      .set('Cookie', fawCoordinator)
      .expect(200);
    expect(sneaky.body).toEqual({ total: 0, items: [] });
  });

  it('checks the document’s check digit and names the field', async () => {
    const person = worker(faw.id);
    const lastDigit = person.documentNumber.slice(-1);
    person.documentNumber = person.documentNumber.slice(0, -1) + (lastDigit === '1' ? '2' : '1');
    const response = await ctx.http
      .post(url())
      .set('Cookie', fawCoordinator)
      .send({ eventId: turning.id, person })
      .expect(400);
    expect(response.body.issues[0].path).toBe('person.documentNumber');
    expect(response.body.issues[0].message).toMatch(/校验/);
  });

  it('applies eligibility, exclusivity, duplicates and the enterprise quota', async () => {
    const young = worker(faw.id, { birthDate: '2010-01-01' });
    const tooYoung = await ctx.http
      .post(url())
      .set('Cookie', fawCoordinator)
      .send({ eventId: turning.id, person: young })
      .expect(409);
    expect(tooYoung.body.code).toBe('registration.rejected');
    expect(JSON.stringify(tooYoung.body.issues)).toMatch(/年龄|岁/);

    const lowSkill = await ctx.http
      .post(url())
      .set('Cookie', fawCoordinator)
      .send({ eventId: turning.id, person: worker(faw.id, { skillLevel: 5 }) })
      .expect(409);
    expect(lowSkill.body.issues).toHaveLength(1);

    const welder = worker(faw.id, { name: '李焊' });
    await ctx.http
      .post(url())
      .set('Cookie', fawCoordinator)
      .send({ eventId: welding.id, person: welder })
      .expect(201);
    const twice = await ctx.http
      .post(url())
      .set('Cookie', fawCoordinator)
      .send({ eventId: welding.id, person: welder })
      .expect(409);
    expect(twice.body.issues[0].message).toBe('该选手已报名此项目');
    const second = await ctx.http
      .post(url())
      .set('Cookie', fawCoordinator)
      .send({ eventId: turning.id, person: welder })
      .expect(409);
    expect(second.body.issues[0].message).toContain('不能兼报');

    // The quota is 3 for 数控车工: 王建国 is in; two more fit, the fourth does not.
    await ctx.http
      .post(url())
      .set('Cookie', fawCoordinator)
      .send({ eventId: turning.id, person: worker(faw.id) })
      .expect(201);
    await ctx.http
      .post(url())
      .set('Cookie', fawCoordinator)
      .send({ eventId: turning.id, person: worker(faw.id) })
      .expect(201);
    const over = await ctx.http
      .post(url())
      .set('Cookie', fawCoordinator)
      .send({ eventId: turning.id, person: worker(faw.id) })
      .expect(409);
    expect(over.body.issues[0].message).toContain('名额（3 人）已满');
  });

  it('enters a batch all or nothing, listing problems by row', async () => {
    const before = await ctx.em().count(Registration, {});
    const good = worker(crrc.id);
    const badId = { ...worker(crrc.id), documentNumber: '220102199001011234' };
    const response = await ctx.http
      .post(url('/batch'))
      .set('Cookie', crrcCoordinator)
      .set('Accept-Language', 'en')
      .send({ eventId: welding.id, people: [good, badId, good] })
      .expect(400);
    expect(response.body.issues.map((issue: { path: string }) => issue.path)).toEqual([
      'people[1].documentNumber',
    ]);

    const duplicates = await ctx.http
      .post(url('/batch'))
      .set('Cookie', crrcCoordinator)
      .set('Accept-Language', 'en')
      .send({ eventId: welding.id, people: [good, worker(crrc.id), good] })
      .expect(409);
    expect(duplicates.body.issues).toEqual([
      { path: 'people[2].documentNumber', message: 'same document as row 1' },
    ]);
    expect(await ctx.em().count(Registration, {})).toBe(before);

    const ok = await ctx.http
      .post(url('/batch'))
      .set('Cookie', crrcCoordinator)
      .send({ eventId: welding.id, people: [worker(crrc.id), worker(crrc.id)] })
      .expect(201);
    expect(ok.body).toHaveLength(2);
    expect(await ctx.em().count(Registration, {})).toBe(before + 2);
  });

  it('takes a self-registration from the public page through review to the competitor’s view', async () => {
    const open = await ctx.http.get('/api/v1/public/competitions').expect(200);
    const listed = open.body.find((item: { id: string }) => item.id === competition.id);
    expect(
      listed.enterprises.map((enterprise: { name: string }) => enterprise.name).sort(),
    ).toEqual(['一汽', '中车长客'].sort());
    expect(JSON.stringify(open.body)).not.toMatch(/documentNumber|mobile/);

    // A refused self-registration creates no account.
    const tooYoung = worker(crrc.id, { name: '陈静', male: false, birthDate: '2012-05-20' });
    await ctx.http
      .post(`/api/v1/public/competitions/${competition.id}/registrations`)
      .send({
        eventId: turning.id,
        person: tooYoung,
        username: 'chen.jing',
        password: 'Chen-jing-2026',
      })
      .expect(409);
    await ctx.http
      .post('/api/v1/auth/login')
      .send({ username: 'chen.jing', password: 'Chen-jing-2026' })
      .expect(401);

    const person = worker(crrc.id, { name: '陈静', male: false, birthDate: '1995-05-20' });
    const created = await ctx.http
      .post(`/api/v1/public/competitions/${competition.id}/registrations`)
      .send({ eventId: turning.id, person, username: 'chen.jing', password: 'Chen-jing-2026' })
      .expect(201);
    expect(created.body).toMatchObject({ status: 'submitted', source: 'self' });

    const competitor = await ctx.login({ username: 'chen.jing', password: 'Chen-jing-2026' });
    const mine = await ctx.http
      .get('/api/v1/me/registrations')
      .set('Cookie', competitor)
      .expect(200);
    expect(mine.body).toHaveLength(1);
    expect(mine.body[0].person.documentNumber).toBe(person.documentNumber);

    const noReason = await ctx.http
      .post(url(`/${created.body.id}/review`))
      .set('Cookie', organiser)
      .send({ decision: 'rejected' })
      .expect(400);
    expect(noReason.body.issues[0].path).toBe('reason');
    await ctx.http
      .post(url(`/${created.body.id}/review`))
      .set('Cookie', organiser)
      .send({ decision: 'rejected', reason: '技能等级证书未上传' })
      .expect(200);
    const rejected = await ctx.http
      .get('/api/v1/me/registrations')
      .set('Cookie', competitor)
      .expect(200);
    expect(rejected.body[0]).toMatchObject({ status: 'rejected', reason: '技能等级证书未上传' });

    // Coordinators cannot review; a competitor cannot list others.
    await ctx.http
      .post(url(`/${created.body.id}/review`))
      .set('Cookie', crrcCoordinator)
      .send({ decision: 'approved' })
      .expect(403);
    await ctx.http.get(url()).set('Cookie', competitor).expect(403);

    await ctx.http
      .post(url(`/${created.body.id}/review`))
      .set('Cookie', organiser)
      .send({ decision: 'approved', reason: null })
      .expect(200);
    const approved = await ctx.http
      .get('/api/v1/me/registrations')
      .set('Cookie', competitor)
      .expect(200);
    expect(approved.body[0]).toMatchObject({ status: 'approved', reason: null });

    const history = await ctx
      .em()
      .find(AuditEntry, { subjectId: created.body.id }, { orderBy: { id: 'asc' } });
    expect(history.map((entry) => entry.action)).toEqual([
      'registration.create',
      'registration.review',
      'registration.review',
    ]);
    expect(history[1]).toMatchObject({
      before: { status: 'submitted' },
      after: { status: 'rejected', reason: '技能等级证书未上传' },
    });
  });

  it('lets the competitor withdraw, and not twice', async () => {
    const person = worker(crrc.id, { name: '刘洋' });
    await ctx.http
      .post(`/api/v1/public/competitions/${competition.id}/registrations`)
      .send({ eventId: welding.id, person, username: 'liu.yang', password: 'Liu-yang-2026' })
      .expect(201);
    const competitor = await ctx.login({ username: 'liu.yang', password: 'Liu-yang-2026' });
    const [entry] = (await ctx.http.get('/api/v1/me/registrations').set('Cookie', competitor)).body;
    await ctx.http
      .post(url(`/${entry.id}/withdraw`))
      .set('Cookie', competitor)
      .send({ reason: '工作安排冲突' })
      .expect(200);
    const again = await ctx.http
      .post(url(`/${entry.id}/withdraw`))
      .set('Cookie', competitor)
      .send({})
      .expect(409);
    expect(again.body.code).toBe('registration.status_change');
    // Another enterprise's coordinator cannot even see it.
    await ctx.http
      .post(url(`/${entry.id}/withdraw`))
      .set('Cookie', fawCoordinator)
      .send({})
      .expect(404);
  });
});
