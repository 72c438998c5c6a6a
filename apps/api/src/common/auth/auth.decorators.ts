import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@jingsai/contracts';
import type { Request } from 'express';
import { NotAuthenticatedError } from '../errors/domain-error';
import type { AuthUser, ScopeRef } from './auth-user';

export const PUBLIC_KEY = 'jingsai:public';
export const ROLES_KEY = 'jingsai:roles';
export const PENDING_PASSWORD_OK_KEY = 'jingsai:pending-password-ok';

export interface RolesRequirement {
  roles: readonly Role[];
  scope: ScopeRef | null;
}

/** Anyone may call this route, signed in or not (audiences, login, health). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/**
 * The caller must hold one of `roles`. With a scope, the grant must cover the competition or
 * organisation named by that route parameter (a grant on a parent union covers what is below it;
 * platform admins pass everywhere). Without `@Roles`, any signed-in user may call the route.
 *
 * @example @Roles(['organiser'], { competition: 'competitionId' })
 */
export const Roles = (roles: readonly Role[], scope: ScopeRef | null = null) =>
  SetMetadata(ROLES_KEY, { roles, scope } satisfies RolesRequirement);

/** Reachable by a user who still has to replace an initial or reset password. */
export const AllowPendingPasswordChange = () => SetMetadata(PENDING_PASSWORD_OK_KEY, true);

/** The signed-in caller (the guard has already ensured there is one, unless the route is public). */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthUser => {
    const user = context.switchToHttp().getRequest<Request>().user;
    if (!user) throw new NotAuthenticatedError();
    return user;
  },
);

/** The caller if signed in, else null (for public routes that show more to signed-in users). */
export const OptionalUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthUser | null =>
    context.switchToHttp().getRequest<Request>().user ?? null,
);
