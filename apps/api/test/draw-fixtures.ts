import { CompetitionEvent } from '../src/modules/competitions/entities/competition-event.entity';
import { CompetitionSession } from '../src/modules/competitions/entities/competition-session.entity';
import type { Competition } from '../src/modules/competitions/entities/competition.entity';
import { Round } from '../src/modules/competitions/entities/round.entity';
import type { Organisation } from '../src/modules/organisations/entities/organisation.entity';
import { worker } from './people';
import type { TestContext } from './test-context';

const DAY = 24 * 60 * 60 * 1000;

/** A competition run by a province union with two enterprises below a city union. */
export async function drawWorld(ctx: TestContext) {
  const province = await ctx.newOrganisation({ name: '吉林省总工会' });
  const city = await ctx.newOrganisation({ name: '长春市总工会', kind: 'city', parent: province });
  const faw = await ctx.newOrganisation({
    name: '一汽集团',
    kind: 'enterprise',
    parent: city,
    region: '长春市',
  });
  const crrc = await ctx.newOrganisation({
    name: '中车长客',
    kind: 'enterprise',
    parent: city,
    region: '长春市',
  });
  const competition = await ctx.newCompetition(province, ['数控车工', '焊工']);
  const organiser = await ctx.login(await ctx.newUser([{ role: 'organiser', scope: province }]));
  return { province, city, faw, crrc, competition, organiser };
}

/** A round of `eventName` with sessions of the given station counts, starting `daysAhead` from now. */
export async function newRound(
  ctx: TestContext,
  competition: Competition,
  eventName: string,
  stationCounts: number[],
  options: { sequence?: number; daysAhead?: number; name?: string } = {},
): Promise<{ event: CompetitionEvent; round: Round; sessions: CompetitionSession[] }> {
  const em = ctx.em();
  const event = await em.findOneOrFail(CompetitionEvent, { competition, name: eventName });
  const round = em.create(Round, {
    event,
    name: options.name ?? `实操${options.sequence ?? 1}`,
    kind: 'practical',
    sequence: options.sequence ?? 1,
  });
  const start = Date.now() + (options.daysAhead ?? 10) * DAY;
  const sessions = stationCounts.map((stationCount, i) =>
    em.create(CompetitionSession, {
      round,
      startsAt: new Date(start + i * 4 * 60 * 60 * 1000),
      endsAt: new Date(start + (i * 4 + 3) * 60 * 60 * 1000),
      venue: `实训楼${i + 1}号车间`,
      stationCount,
    }),
  );
  await em.flush();
  return { event, round, sessions };
}

/** Enters `count` workers of `enterprise` as the organiser (approved at once); returns the ids. */
export async function enterApproved(
  ctx: TestContext,
  organiser: string,
  competition: Competition,
  event: CompetitionEvent,
  enterprise: Organisation,
  count: number,
): Promise<Array<{ id: string; name: string; documentNumber: string }>> {
  const people = Array.from({ length: count }, () => worker(enterprise.id));
  const response = await ctx.http
    .post(`/api/v1/competitions/${competition.id}/registrations/batch`)
    .set('Cookie', organiser)
    .send({ eventId: event.id, people })
    .expect(201);
  return (response.body as Array<{ id: string; person: { name: string } }>).map((entry, i) => ({
    id: entry.id,
    name: entry.person.name,
    documentNumber: people[i]!.documentNumber,
  }));
}
