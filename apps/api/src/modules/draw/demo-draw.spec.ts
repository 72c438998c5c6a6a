import type { DrawVerification, MyPlacement, RoundDrawView } from '@jingsai/contracts';
import { TestContext } from '../../../test/test-context';
import { DEMO_PASSWORD, seedDemo } from '../demo/demo-seed';
import { Round } from '../competitions/entities/round.entity';
import { Registration } from '../registrations/entities/registration.entity';

describe('the demo draw', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create();
    await seedDemo(ctx.em());
  });
  afterAll(() => ctx.close());

  it('shows the demo competitor their candidate number, session and station', async () => {
    const session = await ctx.login({ username: 'demo.competitor', password: DEMO_PASSWORD });
    const placements = (await ctx.http.get('/api/v1/me/placements').set('Cookie', session))
      .body as MyPlacement[];
    expect(placements).toHaveLength(1);
    expect(placements[0]).toMatchObject({ eventName: '数控车工', anonymousCode: null });
    expect(placements[0]!.candidateNumber).toMatch(/^01\d{4}$/);
    // One of the two demo sessions on 8 December (08:30 or 13:30 Beijing time).
    expect(['2026-12-08T00:30:00.000Z', '2026-12-08T05:30:00.000Z']).toContain(
      placements[0]!.session?.startsAt,
    );
    expect(placements[0]!.station).toBeGreaterThanOrEqual(1);
  });

  it('is a draw the organiser can verify from its seed', async () => {
    const organiser = await ctx.login({ username: 'demo.organiser', password: DEMO_PASSWORD });
    const round = await ctx
      .em()
      .findOneOrFail(Round, { event: { name: '数控车工' } }, { populate: ['event'] });
    const base = `/api/v1/competitions/${round.event.competition.id}/rounds/${round.id}`;
    const view = (await ctx.http.get(`${base}/draw`).set('Cookie', organiser).expect(200))
      .body as RoundDrawView;
    const approved = await ctx.em().count(Registration, { event: round.event, status: 'approved' });
    expect(approved).toBeGreaterThan(0);
    expect(view.current).toMatchObject({ seed: '20261201', entryCount: approved });
    const verified = (
      await ctx.http
        .post(`${base}/draws/${view.current!.id}/verify`)
        .set('Cookie', organiser)
        .send({})
        .expect(200)
    ).body as DrawVerification;
    expect(verified).toMatchObject({ matches: true, storedMismatches: 0 });
  });
});
