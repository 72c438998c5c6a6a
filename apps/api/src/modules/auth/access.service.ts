import type { Role } from '@jingsai/contracts';
import { SESSION_COOKIE } from '@jingsai/contracts';
import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import {
  type AuthResolver,
  type AuthUser,
  isPlatformAdmin,
  type ResourceScope,
} from '../../common/auth/auth-user';
import { OrganisationsService } from '../organisations/organisations.service';
import { SessionService } from './session.service';

/**
 * Who may do what. A grant covers its own scope and everything below it: an organiser of the
 * province union may manage a competition run by a city union under it.
 */
@Injectable()
export class AccessService implements AuthResolver {
  constructor(
    private readonly sessions: SessionService,
    private readonly organisations: OrganisationsService,
  ) {}

  async authenticate(request: Request): Promise<AuthUser | null> {
    const token: unknown = request.cookies?.[SESSION_COOKIE];
    if (typeof token !== 'string' || token.length < 20 || token.length > 200) return null;
    return this.sessions.resolve(token);
  }

  async isAllowed(
    user: AuthUser,
    roles: readonly Role[],
    scope: ResourceScope | null,
  ): Promise<boolean> {
    if (isPlatformAdmin(user)) return true;
    const candidates = user.grants.filter((grant) => roles.includes(grant.role));
    if (candidates.length === 0) return false;
    if (!scope) return true;
    const covering = await this.coveringScopes(scope);
    return candidates.some(
      (grant) =>
        grant.scopeType === 'platform' ||
        covering.some((entry) => entry.type === grant.scopeType && entry.id === grant.scopeId),
    );
  }

  /** The scope itself and every scope above it (a competition's organiser and that union's parents). */
  private async coveringScopes(scope: ResourceScope): Promise<ResourceScope[]> {
    if (scope.type === 'organisation') {
      const ids = await this.organisations.ancestorIds(scope.id);
      return ids.map((id) => ({ type: 'organisation', id }));
    }
    const organiserId = await this.organisations.organiserOfCompetition(scope.id);
    if (!organiserId) return [scope];
    const ids = await this.organisations.ancestorIds(organiserId);
    return [scope, ...ids.map((id): ResourceScope => ({ type: 'organisation', id }))];
  }
}
