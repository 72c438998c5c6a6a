import type { CompetitionDetail, CompetitionSummary } from '@jingsai/contracts';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { type AuthUser, isPlatformAdmin } from '../../common/auth/auth-user';
import { EntityNotFoundError } from '../../common/errors/domain-error';
import { OrganisationsService } from '../organisations/organisations.service';
import { Competition } from './entities/competition.entity';

@Injectable()
export class CompetitionsService {
  constructor(
    private readonly em: EntityManager,
    private readonly organisations: OrganisationsService,
  ) {}

  /**
   * Competitions a user takes part in: those they hold a competition role in, those run by a union
   * at or below their organisation (organisers), and those run by a union above it (enterprise
   * coordinators and competitors see the competitions their enterprise can enter).
   */
  private async visibleFilter(user: AuthUser): Promise<object> {
    if (isPlatformAdmin(user)) return {};
    const competitionIds = user.grants.flatMap((grant) =>
      grant.scopeType === 'competition' && grant.scopeId ? [grant.scopeId] : [],
    );
    const organisationIds = user.grants.flatMap((grant) =>
      grant.scopeType === 'organisation' && grant.scopeId ? [grant.scopeId] : [],
    );
    const above = (
      await Promise.all(organisationIds.map((id) => this.organisations.ancestorIds(id)))
    ).flat();
    const below = await this.organisations.descendantIds(organisationIds);
    return { $or: [{ id: { $in: competitionIds } }, { organiser: { $in: [...above, ...below] } }] };
  }

  async listCompetitions(user: AuthUser): Promise<CompetitionSummary[]> {
    const competitions = await this.em.find(Competition, await this.visibleFilter(user), {
      populate: ['organiser', 'events'],
      orderBy: { year: 'desc', name: 'asc' },
    });
    return competitions.map((competition) => this.toSummary(competition));
  }

  async getCompetition(user: AuthUser, competitionId: string): Promise<CompetitionDetail> {
    const competition = await this.em.findOne(
      Competition,
      { $and: [{ id: competitionId }, await this.visibleFilter(user)] },
      { populate: ['organiser', 'events'] },
    );
    if (!competition) throw new EntityNotFoundError('competition', competitionId);
    const events = competition.events.getItems();
    const counts: Array<{ event_id: string; count: string }> =
      events.length === 0
        ? []
        : await this.em.getConnection().execute(
            `select event_id, count(*) as count from registration
              where event_id in (?) and status not in ('rejected', 'withdrawn')
              group by event_id`,
            [events.map((event) => event.id)],
          );
    const countByEvent = new Map(counts.map((row) => [row.event_id, Number(row.count)]));
    return {
      ...this.toSummary(competition),
      events: events.map((event) => ({
        id: event.id,
        name: event.name,
        occupationCode: event.occupationCode,
        kind: event.kind,
        competitorCount: countByEvent.get(event.id) ?? 0,
      })),
    };
  }

  private toSummary(competition: Competition): CompetitionSummary {
    return {
      id: competition.id,
      name: competition.name,
      year: competition.year,
      status: competition.status,
      organiserName: competition.organiser.name,
      startsOn: competition.startsOn,
      endsOn: competition.endsOn,
      eventCount: competition.events.count(),
    };
  }
}
