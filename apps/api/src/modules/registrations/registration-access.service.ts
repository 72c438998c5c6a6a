import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user';
import { ForbiddenError } from '../../common/errors/domain-error';
import { AccessService } from '../auth/access.service';
import type { Competition } from '../competitions/entities/competition.entity';
import { OrganisationsService } from '../organisations/organisations.service';

/** Who is entering people into a competition, one at a time or by import. */
export interface RegistrationActor {
  /** null for a worker registering themself on the public page. */
  userId: string | null;
  /** An organiser of the competition: may enter anyone, entries are approved at once. */
  organiser: boolean;
  /** For a coordinator, the enterprises they may enter workers of (empty for organisers). */
  enterprises: Set<string>;
}

@Injectable()
export class RegistrationAccessService {
  constructor(
    private readonly access: AccessService,
    private readonly organisations: OrganisationsService,
  ) {}

  /**
   * Organisers of the competition, or enterprise coordinators whose enterprise lies below the
   * union running it; anyone else is refused.
   */
  async actorFor(user: AuthUser, competition: Competition): Promise<RegistrationActor> {
    if (
      await this.access.isAllowed(user, ['organiser'], { type: 'competition', id: competition.id })
    ) {
      return { userId: user.id, organiser: true, enterprises: new Set() };
    }
    const grants = user.grants.flatMap((grant) =>
      grant.role === 'coordinator' && grant.scopeType === 'organisation' && grant.scopeId
        ? [grant.scopeId]
        : [],
    );
    const enterprises = new Set(await this.organisations.descendantIds(grants));
    const reach = new Set(
      (await Promise.all(grants.map((id) => this.organisations.ancestorIds(id)))).flat(),
    );
    if (enterprises.size === 0 || !reach.has(competition.organiser.id)) throw new ForbiddenError();
    return { userId: user.id, organiser: false, enterprises };
  }
}
