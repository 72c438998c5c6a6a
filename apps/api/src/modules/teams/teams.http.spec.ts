import { worker } from '../../../test/people';
import { TestContext } from '../../../test/test-context';
import { AuditEntry } from '../audit/entities/audit-entry.entity';
import { CompetitionEvent } from '../competitions/entities/competition-event.entity';
import type { Competition } from '../competitions/entities/competition.entity';
import type { Organisation } from '../organisations/entities/organisation.entity';
import { Registration } from '../registrations/entities/registration.entity';
import { Team } from '../registrations/entities/team.entity';

describe('teams', () => {
  let ctx: TestContext;
  let faw: Organisation;
  let crrc: Organisation;
  let competition: Competition;
  let relay: CompetitionEvent;
  let turning: CompetitionEvent;
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
    competition = await ctx.newCompetition(jilin, ['安全知识竞赛', '数控车工']);
    const em = ctx.em();
    [relay, turning] = (await em.find(
      CompetitionEvent,
      { competition },
      { orderBy: { sortOrder: 'asc' } },
    )) as [CompetitionEvent, CompetitionEvent];
    relay.kind = 'team';
    relay.minTeamSize = 2;
    relay.maxTeamSize = 3;
    await em.flush();
    organiser = await ctx.login(await ctx.newUser([{ role: 'organiser', scope: jilin }]));
    fawCoordinator = await ctx.login(await ctx.newUser([{ role: 'coordinator', scope: faw }]));
    crrcCoordinator = await ctx.login(await ctx.newUser([{ role: 'coordinator', scope: crrc }]));
  });
  afterAll(() => ctx.close());

  const teams = (suffix = '') => `/api/v1/competitions/${competition.id}/teams${suffix}`;

  async function entries(enterprise: Organisation, count: number, cookie: string) {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const response = await ctx.http
        .post(`/api/v1/competitions/${competition.id}/registrations`)
        .set('Cookie', cookie)
        .send({ eventId: relay.id, person: worker(enterprise.id) })
        .expect(201);
      ids.push(response.body.id);
    }
    return ids;
  }

  it('forms, submits and approves a team; approval approves its members', async () => {
    const [a, b, c] = await entries(faw, 3, fawCoordinator);
    const created = await ctx.http
      .post(teams())
      .set('Cookie', fawCoordinator)
      .send({ eventId: relay.id, name: '一汽一队', memberRegistrationIds: [a, b] })
      .expect(201);
    expect(created.body).toMatchObject({
      name: '一汽一队',
      enterpriseName: '一汽',
      status: 'forming',
      complete: false,
      minSize: 2,
      maxSize: 3,
    });
    const id = created.body.id as string;

    // No captain yet: it cannot be submitted.
    const noCaptain = await ctx.http
      .post(teams(`/${id}/submit`))
      .set('Cookie', fawCoordinator)
      .set('Accept-Language', 'en')
      .expect(409);
    expect(noCaptain.body.issues).toEqual([
      { path: 'captainRegistrationId', message: 'Name one of the members captain' },
    ]);

    await ctx.http
      .post(teams(`/${id}/members`))
      .set('Cookie', fawCoordinator)
      .send({ registrationId: c })
      .expect(200);
    const captained = await ctx.http
      .patch(teams(`/${id}`))
      .set('Cookie', fawCoordinator)
      .send({ captainRegistrationId: b })
      .expect(200);
    expect(captained.body.complete).toBe(true);
    expect(captained.body.members.find((m: { captain: boolean }) => m.captain).registrationId).toBe(
      b,
    );

    await ctx.http
      .post(teams(`/${id}/submit`))
      .set('Cookie', fawCoordinator)
      .expect(200);
    // Only organisers review.
    await ctx.http
      .post(teams(`/${id}/review`))
      .set('Cookie', fawCoordinator)
      .send({ decision: 'approved' })
      .expect(403);
    const approved = await ctx.http
      .post(teams(`/${id}/review`))
      .set('Cookie', organiser)
      .send({ decision: 'approved' })
      .expect(200);
    expect(approved.body.status).toBe('approved');
    expect(
      approved.body.members.map((m: { registrationStatus: string }) => m.registrationStatus),
    ).toEqual(['approved', 'approved', 'approved']);
    const listed = await ctx.http
      .get(`/api/v1/competitions/${competition.id}/registrations?eventId=${relay.id}`)
      .set('Cookie', organiser)
      .expect(200);
    expect(listed.body.items.find((item: { id: string }) => item.id === a)).toMatchObject({
      teamId: id,
      teamName: '一汽一队',
    });

    // The enterprise can no longer change an approved team.
    await ctx.http
      .delete(teams(`/${id}/members/${a}`))
      .set('Cookie', fawCoordinator)
      .expect(409);
    expect(
      await ctx.em().count(AuditEntry, { subjectType: 'team', subjectId: id }),
    ).toBeGreaterThanOrEqual(5);
  });

  it('checks team size, membership and one team per registration', async () => {
    const [a, b, c, d] = await entries(faw, 4, organiser);
    const first = await ctx.http
      .post(teams())
      .set('Cookie', organiser)
      .send({
        eventId: relay.id,
        enterpriseId: faw.id,
        name: '一汽二队',
        memberRegistrationIds: [a, b, c],
        captainRegistrationId: a,
      })
      .expect(201);
    expect(first.body.complete).toBe(true);
    const full = await ctx.http
      .post(teams(`/${first.body.id}/members`))
      .set('Cookie', organiser)
      .set('Accept-Language', 'en')
      .send({ registrationId: d })
      .expect(409);
    expect(full.body.issues[0].message).toBe('A team has at most 3 members: this one is full');

    const second = await ctx.http
      .post(teams())
      .set('Cookie', organiser)
      .set('Accept-Language', 'en')
      .send({
        eventId: relay.id,
        enterpriseId: faw.id,
        name: '一汽三队',
        memberRegistrationIds: [a],
      })
      .expect(409);
    expect(second.body.issues[0].message).toMatch(/already in the team "一汽二队"/);
    expect(await ctx.em().count(Team, { name: '一汽三队' })).toBe(0);

    const [foreign] = await entries(crrc, 1, crrcCoordinator);
    const wrongEnterprise = await ctx.http
      .post(teams(`/${first.body.id}/members`))
      .set('Cookie', organiser)
      .set('Accept-Language', 'en')
      .send({ registrationId: foreign })
      .expect(409);
    expect(wrongEnterprise.body.issues[0].message).toMatch(
      /does not work for the team's enterprise/,
    );

    const individual = await ctx.http
      .post(teams())
      .set('Cookie', organiser)
      .set('Accept-Language', 'en')
      .send({ eventId: turning.id, enterpriseId: faw.id, name: '车工队' })
      .expect(409);
    expect(individual.body.issues[0].message).toMatch(/individual event/);

    const sameName = await ctx.http
      .post(teams())
      .set('Cookie', organiser)
      .send({ eventId: relay.id, enterpriseId: faw.id, name: '一汽二队' })
      .expect(409);
    expect(sameName.body.issues[0].path).toBe('name');
  });

  it('never lets a coordinator see or change another enterprise’s teams', async () => {
    const [a, b] = await entries(faw, 2, fawCoordinator);
    const team = await ctx.http
      .post(teams())
      .set('Cookie', fawCoordinator)
      .send({ eventId: relay.id, name: '一汽保密队', memberRegistrationIds: [a, b] })
      .expect(201);
    const list = await ctx.http.get(teams()).set('Cookie', crrcCoordinator).expect(200);
    expect(list.body.map((t: { name: string }) => t.name)).not.toContain('一汽保密队');
    await ctx.http
      .get(teams(`/${team.body.id}`))
      .set('Cookie', crrcCoordinator)
      .expect(404);
    await ctx.http
      .patch(teams(`/${team.body.id}`))
      .set('Cookie', crrcCoordinator)
      .send({ name: '改名' })
      .expect(404);
    await ctx.http
      .post(teams(`/${team.body.id}/withdraw`))
      .set('Cookie', crrcCoordinator)
      .send({ reason: null })
      .expect(404);
    const refused = await ctx.http
      .post(teams())
      .set('Cookie', crrcCoordinator)
      .set('Accept-Language', 'en')
      .send({ eventId: relay.id, enterpriseId: faw.id, name: '冒名队' })
      .expect(409);
    expect(refused.body.issues[0].message).toBe('You can only form teams of your own enterprise');
    const [own] = await entries(crrc, 1, crrcCoordinator);
    const ownTeam = await ctx.http
      .post(teams())
      .set('Cookie', crrcCoordinator)
      .send({ eventId: relay.id, name: '中车队', memberRegistrationIds: [own] })
      .expect(201);
    await ctx.http
      .post(teams(`/${ownTeam.body.id}/members`))
      .set('Cookie', crrcCoordinator)
      .send({ registrationId: a })
      .expect(409);
    expect((await ctx.em().findOneOrFail(Team, team.body.id)).name).toBe('一汽保密队');
  });

  it('clears the captaincy when the captain withdraws and sends an incomplete team back to forming', async () => {
    const [a, b] = await entries(faw, 2, organiser);
    const created = await ctx.http
      .post(teams())
      .set('Cookie', organiser)
      .send({
        eventId: relay.id,
        enterpriseId: faw.id,
        name: '一汽四队',
        memberRegistrationIds: [a, b],
        captainRegistrationId: a,
      })
      .expect(201);
    const id = created.body.id as string;
    await ctx.http
      .post(teams(`/${id}/submit`))
      .set('Cookie', organiser)
      .expect(200);
    await ctx.http
      .post(teams(`/${id}/review`))
      .set('Cookie', organiser)
      .send({ decision: 'approved' })
      .expect(200);

    await ctx.http
      .post(`/api/v1/competitions/${competition.id}/registrations/${a}/withdraw`)
      .set('Cookie', fawCoordinator)
      .send({ reason: '调岗' })
      .expect(200);
    const after = await ctx.http
      .get(teams(`/${id}`))
      .set('Cookie', fawCoordinator)
      .expect(200);
    expect(after.body).toMatchObject({
      status: 'forming',
      captainRegistrationId: null,
      complete: false,
    });
    expect(after.body.members.map((m: { registrationId: string }) => m.registrationId)).toEqual([
      b,
    ]);
    expect(after.body.reason).toMatch(/A member left/);
    const withdrawn = await ctx.em().findOneOrFail(Registration, a);
    expect(withdrawn.team).toBeNull();
    const audit = await ctx
      .em()
      .findOneOrFail(AuditEntry, { subjectId: id, action: 'team.member_released' });
    expect(audit.before).toMatchObject({ status: 'approved', captainRegistrationId: a });
  });

  it('rejects with a reason, and a withdrawn team releases its members', async () => {
    const [a, b] = await entries(faw, 2, fawCoordinator);
    const created = await ctx.http
      .post(teams())
      .set('Cookie', fawCoordinator)
      .send({
        eventId: relay.id,
        name: '一汽五队',
        memberRegistrationIds: [a, b],
        captainRegistrationId: b,
      })
      .expect(201);
    const id = created.body.id as string;
    await ctx.http
      .post(teams(`/${id}/review`))
      .set('Cookie', organiser)
      .send({ decision: 'approved' })
      .expect(409);
    await ctx.http
      .post(teams(`/${id}/submit`))
      .set('Cookie', fawCoordinator)
      .expect(200);
    await ctx.http
      .post(teams(`/${id}/review`))
      .set('Cookie', organiser)
      .send({ decision: 'rejected' })
      .expect(400);
    const rejected = await ctx.http
      .post(teams(`/${id}/review`))
      .set('Cookie', organiser)
      .send({ decision: 'rejected', reason: '队员资格待核实' })
      .expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', reason: '队员资格待核实' });
    const withdrawn = await ctx.http
      .post(teams(`/${id}/withdraw`))
      .set('Cookie', fawCoordinator)
      .send({ reason: '放弃参赛' })
      .expect(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', members: [] });
    expect((await ctx.em().findOneOrFail(Registration, a)).team).toBeNull();
  });
});
