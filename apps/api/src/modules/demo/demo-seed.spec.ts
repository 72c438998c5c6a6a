import { withCheck } from '../../../test/credit-codes';
import { TestContext } from '../../../test/test-context';
import { Competition } from '../competitions/entities/competition.entity';
import { DEMO_PASSWORD, seedDemo } from './demo-seed';

describe('the demo competition', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create();
  });
  afterAll(() => ctx.close());

  it('seeds once into an empty database, and every demo login works with its role', async () => {
    const logins = await seedDemo(ctx.em());
    expect(logins?.map((login) => login.role).sort()).toEqual(
      [
        'arbitrator',
        'competitor',
        'coordinator',
        'head_judge',
        'judge',
        'judge',
        'judge',
        'organiser',
      ].sort(),
    );
    expect(await seedDemo(ctx.em())).toBeNull();
    expect(await ctx.em().count(Competition, {})).toBe(1);

    for (const login of logins!) {
      const session = await ctx.login({ username: login.username, password: DEMO_PASSWORD });
      const competitions = await ctx.http
        .get('/api/v1/competitions')
        .set('Cookie', session)
        .expect(200);
      expect(competitions.body).toHaveLength(1);
      expect(competitions.body[0].name).toContain('十百千');
    }
  });

  it('shows the organiser events with their entries', async () => {
    const session = await ctx.login({ username: 'demo.organiser', password: DEMO_PASSWORD });
    const [competition] = (await ctx.http.get('/api/v1/competitions').set('Cookie', session)).body;
    const detail = await ctx.http
      .get(`/api/v1/competitions/${competition.id}`)
      .set('Cookie', session)
      .expect(200);
    const cnc = detail.body.events.find((event: { name: string }) => event.name === '数控车工');
    expect(cnc).toMatchObject({ occupationCode: '6-18-01-01', competitorCount: 3 });
  });

  it('has a team event with an approved team and one still forming, and enterprises with valid credit codes', async () => {
    const session = await ctx.login({ username: 'demo.organiser', password: DEMO_PASSWORD });
    const [competition] = (await ctx.http.get('/api/v1/competitions').set('Cookie', session)).body;
    const teams = await ctx.http
      .get(`/api/v1/competitions/${competition.id}/teams`)
      .set('Cookie', session)
      .expect(200);
    expect(
      teams.body.map((team: { name: string; status: string; complete: boolean }) => [
        team.name,
        team.status,
        team.complete,
      ]),
    ).toEqual([
      ['一汽安全先锋队', 'approved', true],
      ['长客安全卫士队', 'forming', false],
    ]);
    const organisations = await ctx.http
      .get('/api/v1/organisations')
      .set('Cookie', session)
      .expect(200);
    const enterprises = organisations.body.filter(
      (node: { kind: string }) => node.kind === 'enterprise',
    );
    expect(enterprises).toHaveLength(5);
    for (const enterprise of enterprises) {
      expect(withCheck(enterprise.creditCode.slice(0, 17))).toBe(enterprise.creditCode);
    }
  });
});
