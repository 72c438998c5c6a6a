import { worker } from '../../../test/people';
import { TestContext } from '../../../test/test-context';
import { AuditEntry } from '../audit/entities/audit-entry.entity';
import { CompetitionEvent } from '../competitions/entities/competition-event.entity';
import { Competition } from '../competitions/entities/competition.entity';
import type { Organisation } from '../organisations/entities/organisation.entity';
import { Registration } from './entities/registration.entity';

describe('substitution (换人)', () => {
  let ctx: TestContext;
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
    const jilin = await ctx.newOrganisation({ name: '吉林省总工会' });
    const changchun = await ctx.newOrganisation({
      name: '长春市总工会',
      kind: 'city',
      parent: jilin,
    });
    faw = await ctx.newOrganisation({ name: '一汽', kind: 'enterprise', parent: changchun });
    crrc = await ctx.newOrganisation({ name: '中车长客', kind: 'enterprise', parent: changchun });
    competition = await ctx.newCompetition(jilin, ['数控车工', '焊工']);
    const em = ctx.em();
    [turning, welding] = (await em.find(
      CompetitionEvent,
      { competition },
      { orderBy: { sortOrder: 'asc' } },
    )) as [CompetitionEvent, CompetitionEvent];
    turning.eligibility = {
      minAge: 18,
      maxAge: 50,
      ageReferenceDate: '2026-12-08',
      genderCategory: 'open',
      minSkillLevel: null,
      maxSkillLevel: null,
    };
    welding.exclusive = true;
    await em.nativeUpdate(
      Competition,
      { id: competition.id },
      { substitutionDeadline: new Date(Date.now() + 86_400_000) },
    );
    await em.flush();
    organiser = await ctx.login(await ctx.newUser([{ role: 'organiser', scope: jilin }]));
    fawCoordinator = await ctx.login(await ctx.newUser([{ role: 'coordinator', scope: faw }]));
    crrcCoordinator = await ctx.login(await ctx.newUser([{ role: 'coordinator', scope: crrc }]));
  });
  afterAll(() => ctx.close());

  const url = (suffix = '') => `/api/v1/competitions/${competition.id}/registrations${suffix}`;

  async function enter(person = worker(faw.id), eventId = turning.id) {
    const response = await ctx.http
      .post(url())
      .set('Cookie', organiser)
      .send({ eventId, person })
      .expect(201);
    return response.body as { id: string; status: string; person: { id: string; name: string } };
  }

  it('replaces the worker of an approved entry, keeping its id and status, with the history', async () => {
    const entry = await enter(worker(faw.id, { name: '王建国' }));
    expect(entry.status).toBe('approved');
    const replacement = worker(faw.id, { name: '李卫东' });
    const response = await ctx.http
      .post(url(`/${entry.id}/substitute`))
      .set('Cookie', fawCoordinator)
      .send({ person: replacement, reason: '原选手因伤不能参赛' })
      .expect(200);
    expect(response.body).toMatchObject({ id: entry.id, status: 'approved' });
    expect(response.body.person.name).toBe('李卫东');
    expect(response.body.person.id).not.toBe(entry.person.id);

    const stored = await ctx.em().findOneOrFail(Registration, entry.id, { populate: ['person'] });
    expect(stored.person.name).toBe('李卫东');
    const audit = await ctx
      .em()
      .findOneOrFail(AuditEntry, { subjectId: entry.id, action: 'registration.substitute' });
    expect(audit.before).toMatchObject({ personId: entry.person.id, name: '王建国' });
    expect(audit.after).toMatchObject({ name: '李卫东', reason: '原选手因伤不能参赛' });

    const history = await ctx.http
      .get(url(`/${entry.id}/history`))
      .set('Cookie', fawCoordinator)
      .expect(200);
    expect(history.body.map((line: { action: string }) => line.action)).toEqual([
      'registration.create',
      'registration.substitute',
    ]);
    expect(history.body[1].before.name).toBe('王建国');
  });

  it('accepts only a worker of the same enterprise who passes the entry rules', async () => {
    const entry = await enter();
    const attempt = (person: object, cookie = organiser) =>
      ctx.http
        .post(url(`/${entry.id}/substitute`))
        .set('Cookie', cookie)
        .set('Accept-Language', 'en')
        .send({ person, reason: '调整' });

    const otherEnterprise = await attempt(worker(crrc.id)).expect(409);
    expect(otherEnterprise.body.issues).toContainEqual({
      path: 'person.enterpriseId',
      message: 'The replacement must work for the same enterprise (一汽)',
    });
    const tooOld = await attempt(worker(faw.id, { birthDate: '1960-01-01' })).expect(409);
    expect(JSON.stringify(tooOld.body.issues)).toMatch(/age|old/i);

    // Someone already entered in an exclusive event cannot come in.
    const welder = worker(faw.id);
    await enter(welder, welding.id);
    const exclusive = await attempt(welder).expect(409);
    expect(JSON.stringify(exclusive.body.issues)).toMatch(/焊工/);

    // Someone already in this very event neither.
    const colleague = worker(faw.id);
    await enter(colleague);
    const duplicate = await attempt(colleague).expect(409);
    expect(duplicate.body.issues[0].message).toBe('already entered in this event');

    const unchanged = await ctx
      .em()
      .findOneOrFail(Registration, entry.id, { populate: ['person'] });
    expect(unchanged.person.id).toBe(entry.person.id);
  });

  it('never lets a coordinator substitute in another enterprise’s entry', async () => {
    const entry = await enter();
    await ctx.http
      .post(url(`/${entry.id}/substitute`))
      .set('Cookie', crrcCoordinator)
      .send({ person: worker(crrc.id), reason: '调整' })
      .expect(404);
    await ctx.http
      .get(url(`/${entry.id}/history`))
      .set('Cookie', crrcCoordinator)
      .expect(404);
  });

  it('refuses withdrawn entries and everything after the deadline with a clear 409', async () => {
    const withdrawn = await enter();
    await ctx.http
      .post(url(`/${withdrawn.id}/withdraw`))
      .set('Cookie', organiser)
      .send({ reason: null })
      .expect(200);
    await ctx.http
      .post(url(`/${withdrawn.id}/substitute`))
      .set('Cookie', organiser)
      .send({ person: worker(faw.id), reason: '调整' })
      .expect(409);

    const entry = await enter();
    await ctx
      .em()
      .nativeUpdate(
        Competition,
        { id: competition.id },
        { substitutionDeadline: new Date('2026-01-10T10:00:00Z') },
      );
    const late = await ctx.http
      .post(url(`/${entry.id}/substitute`))
      .set('Cookie', organiser)
      .send({ person: worker(faw.id), reason: '调整' })
      .expect(409);
    expect(late.body.code).toBe('registration.substitution_closed');
    expect(late.body.message).toBe('换人截止时间（2026-01-10 18:00）已过，不能再换人');
    const english = await ctx.http
      .post(url(`/${entry.id}/substitute`))
      .set('Cookie', fawCoordinator)
      .set('Accept-Language', 'en')
      .send({ person: worker(faw.id), reason: '调整' })
      .expect(409);
    expect(english.body.message).toMatch(/deadline \(2026-01-10 18:00\) has passed/);
    // Without a deadline of its own, substitutions close when the competition's first day begins.
    await ctx
      .em()
      .nativeUpdate(
        Competition,
        { id: competition.id },
        { substitutionDeadline: null, startsOn: '2026-01-01' },
      );
    const started = await ctx.http
      .post(url(`/${entry.id}/substitute`))
      .set('Cookie', organiser)
      .send({ person: worker(faw.id), reason: '调整' })
      .expect(409);
    expect(started.body.message).toBe('换人截止时间（2026-01-01 00:00）已过，不能再换人');
    const unchanged = await ctx
      .em()
      .findOneOrFail(Registration, entry.id, { populate: ['person'] });
    expect(unchanged.person.id).toBe(entry.person.id);
  });
});
