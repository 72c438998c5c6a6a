import { CompetitionEvent } from '../competitions/entities/competition-event.entity';
import { TestContext } from '../../../test/test-context';
import { ScoreboardOutboxPump } from './scoreboard-outbox.pump';

describe('scoreboard outbox pruning', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create();
  });
  afterAll(() => ctx.close());

  it('deletes processed changes older than a day, and nothing else', async () => {
    const province = await ctx.newOrganisation({ name: '吉林省总工会' });
    const competition = await ctx.newCompetition(province, ['焊工']);
    const eventId = (
      await ctx.em().findOneOrFail(CompetitionEvent, { competition: competition.id })
    ).id;
    const connection = ctx.em().getConnection();
    await connection.execute(
      `insert into scoreboard_change (event_id, reason, created_at, processed_at) values
         (?, 'old processed', now() - interval '3 days', now() - interval '2 days'),
         (?, 'recent processed', now() - interval '1 hour', now() - interval '1 hour'),
         (?, 'old unprocessed', now() - interval '3 days', null)`,
      [eventId, eventId, eventId],
    );
    const deleted = await ctx.app.get(ScoreboardOutboxPump).prune();
    expect(deleted).toBeGreaterThanOrEqual(1);
    const left = await connection.execute<Array<{ reason: string }>>(
      'select reason from scoreboard_change where event_id = ? order by reason',
      [eventId],
    );
    expect(left.map((row) => row.reason)).toEqual(['old unprocessed', 'recent processed']);
  });
});
