import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user';
import { EntityNotFoundError, ForbiddenError } from '../../common/errors/domain-error';
import { AccessService } from '../auth/access.service';
import { Round } from '../competitions/entities/round.entity';
import { RegistrationAccessService } from '../registrations/registration-access.service';

/** How much of a round's draw a caller may see. */
export type RoundViewer = 'organiser' | 'official';

/**
 * Loads a round of a competition and decides who sees what of its draw: organisers of the
 * competition see everything; judges, head judges and coordinators (“officials”) see codes only
 * until the reveal; anyone else is refused.
 */
@Injectable()
export class RoundAccessService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
    private readonly registrationAccess: RegistrationAccessService,
  ) {}

  async loadRound(competitionId: string, roundId: string, em = this.em): Promise<Round> {
    const round = await em.findOne(
      Round,
      { id: roundId, event: { competition: competitionId } },
      { populate: ['event', 'event.competition'] },
    );
    if (!round) throw new EntityNotFoundError('round', roundId);
    return round;
  }

  async isOrganiser(user: AuthUser, competitionId: string): Promise<boolean> {
    return this.access.isAllowed(user, ['organiser'], { type: 'competition', id: competitionId });
  }

  async viewerOf(user: AuthUser, round: Round): Promise<RoundViewer> {
    const competition = round.event.competition;
    if (await this.isOrganiser(user, competition.id)) return 'organiser';
    if (
      await this.access.isAllowed(user, ['judge', 'head_judge'], {
        type: 'competition',
        id: competition.id,
      })
    )
      return 'official';
    await this.em.populate(competition, ['organiser']);
    const actor = await this.registrationAccess.actorFor(user, competition).catch(() => null);
    if (actor) return 'official';
    throw new ForbiddenError();
  }
}
