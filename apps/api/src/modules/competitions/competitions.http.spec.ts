import { TestContext } from '../../../test/test-context';
import type { Competition } from './entities/competition.entity';
import type { Organisation } from '../organisations/entities/organisation.entity';

/**
 * Who sees which competition: the role boundaries every later feature builds on.
 * Tree: 吉林省总工会 → 长春市总工会 → 一汽 (enterprise); a separate 辽宁省总工会 with its own contest.
 */
describe('competitions and role boundaries', () => {
  let ctx: TestContext;
  let jilin: Organisation;
  let changchun: Organisation;
  let faw: Organisation;
  let jilinContest: Competition;
  let cityContest: Competition;
  let liaoningContest: Competition;

  beforeAll(async () => {
    ctx = await TestContext.create();
    jilin = await ctx.newOrganisation({ name: '吉林省总工会', kind: 'province' });
    changchun = await ctx.newOrganisation({ name: '长春市总工会', kind: 'city', parent: jilin });
    faw = await ctx.newOrganisation({ name: '一汽', kind: 'enterprise', parent: changchun });
    const liaoning = await ctx.newOrganisation({ name: '辽宁省总工会', kind: 'province' });
    jilinContest = await ctx.newCompetition(jilin, ['数控车工', '焊工']);
    cityContest = await ctx.newCompetition(changchun);
    liaoningContest = await ctx.newCompetition(liaoning);
  });
  afterAll(() => ctx.close());

  async function visibleTo(roles: Parameters<TestContext['newUser']>[0]): Promise<string[]> {
    const session = await ctx.login(await ctx.newUser(roles));
    const response = await ctx.http.get('/api/v1/competitions').set('Cookie', session).expect(200);
    return (response.body as Array<{ id: string }>).map((competition) => competition.id).sort();
  }

  it('refuses anonymous callers with 401', async () => {
    const response = await ctx.http.get('/api/v1/competitions').expect(401);
    expect(response.body.code).toBe('auth.unauthenticated');
    await ctx.http.get(`/api/v1/competitions/${jilinContest.id}`).expect(401);
    await ctx.http.get('/api/v1/users').expect(401);
  });

  it('shows a province organiser their own and their cities’ competitions, not another province’s', async () => {
    expect(await visibleTo([{ role: 'organiser', scope: jilin }])).toEqual(
      [jilinContest.id, cityContest.id].sort(),
    );
  });

  it('shows a city organiser only what is at or above their reach', async () => {
    // A city organiser works on the city's contest; the province contest is run above them and
    // is visible (their enterprises enter it), the other province's is not.
    const visible = await visibleTo([{ role: 'organiser', scope: changchun }]);
    expect(visible).toContain(cityContest.id);
    expect(visible).toContain(jilinContest.id);
    expect(visible).not.toContain(liaoningContest.id);
  });

  it('shows an enterprise coordinator the competitions their enterprise can enter', async () => {
    expect(await visibleTo([{ role: 'coordinator', scope: faw }])).toEqual(
      [jilinContest.id, cityContest.id].sort(),
    );
  });

  it('shows judges and competitors only the competition they are in', async () => {
    expect(await visibleTo([{ role: 'judge', scope: jilinContest }])).toEqual([jilinContest.id]);
    expect(await visibleTo([{ role: 'competitor', scope: cityContest }])).toEqual([cityContest.id]);
    expect(await visibleTo([{ role: 'head_judge', scope: liaoningContest }])).toEqual([
      liaoningContest.id,
    ]);
  });

  it('shows a platform admin everything', async () => {
    const visible = await visibleTo([{ role: 'platform_admin' }]);
    expect(visible).toEqual(
      expect.arrayContaining([jilinContest.id, cityContest.id, liaoningContest.id]),
    );
  });

  it('answers 404, not 403, for a competition outside the caller’s reach (no existence leak)', async () => {
    const judge = await ctx.login(await ctx.newUser([{ role: 'judge', scope: jilinContest }]));
    await ctx.http.get(`/api/v1/competitions/${jilinContest.id}`).set('Cookie', judge).expect(200);
    const response = await ctx.http
      .get(`/api/v1/competitions/${liaoningContest.id}`)
      .set('Cookie', judge)
      .expect(404);
    expect(response.body.code).toBe('entity.not_found');
  });

  it('returns a competition with its events in order', async () => {
    const organiser = await ctx.login(await ctx.newUser([{ role: 'organiser', scope: jilin }]));
    const response = await ctx.http
      .get(`/api/v1/competitions/${jilinContest.id}`)
      .set('Cookie', organiser)
      .expect(200);
    expect(response.body).toMatchObject({
      organiserName: '吉林省总工会',
      eventCount: 2,
      status: 'registration_open',
    });
    expect(response.body.events.map((event: { name: string }) => event.name)).toEqual([
      '数控车工',
      '焊工',
    ]);
  });

  it('rejects a malformed competition id with 400 naming the parameter', async () => {
    const organiser = await ctx.login(await ctx.newUser([{ role: 'organiser', scope: jilin }]));
    const response = await ctx.http
      .get('/api/v1/competitions/not-a-uuid')
      .set('Cookie', organiser)
      .expect(400);
    expect(response.body.issues[0].path).toBe('competitionId');
  });

  it('lets only platform admins manage users', async () => {
    for (const roles of [
      [{ role: 'organiser' as const, scope: jilin }],
      [{ role: 'coordinator' as const, scope: faw }],
      [{ role: 'head_judge' as const, scope: jilinContest }],
      [{ role: 'judge' as const, scope: jilinContest }],
      [{ role: 'competitor' as const, scope: jilinContest }],
    ]) {
      const session = await ctx.login(await ctx.newUser(roles));
      const response = await ctx.http.get('/api/v1/users').set('Cookie', session).expect(403);
      expect(response.body.code).toBe('auth.forbidden');
    }
    const admin = await ctx.login(await ctx.newUser([{ role: 'platform_admin' }]));
    await ctx.http.get('/api/v1/users').set('Cookie', admin).expect(200);
  });

  it('scopes the organisation list to the caller’s subtree', async () => {
    const cityOrganiser = await ctx.login(
      await ctx.newUser([{ role: 'organiser', scope: changchun }]),
    );
    const response = await ctx.http
      .get('/api/v1/organisations')
      .set('Cookie', cityOrganiser)
      .expect(200);
    expect((response.body as Array<{ name: string }>).map((o) => o.name).sort()).toEqual(
      ['一汽', '长春市总工会'].sort(),
    );

    const judge = await ctx.login(await ctx.newUser([{ role: 'judge', scope: jilinContest }]));
    await ctx.http.get('/api/v1/organisations').set('Cookie', judge).expect(403);
  });
});
