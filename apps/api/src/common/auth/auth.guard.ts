import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import {
  ForbiddenError,
  NotAuthenticatedError,
  PasswordChangeRequiredError,
} from '../errors/domain-error';
import {
  PENDING_PASSWORD_OK_KEY,
  PUBLIC_KEY,
  ROLES_KEY,
  type RolesRequirement,
} from './auth.decorators';
import { AUTH_RESOLVER, type AuthResolver, type ResourceScope, type ScopeRef } from './auth-user';

function resolveScope(scope: ScopeRef | null, request: Request): ResourceScope | null {
  if (!scope) return null;
  const [type, param] =
    'competition' in scope
      ? (['competition', scope.competition] as const)
      : (['organisation', scope.organisation] as const);
  const id = request.params[param];
  if (typeof id !== 'string' || !id)
    throw new Error(`Route has no parameter "${param}" for its @Roles scope`);
  return { type, id };
}

/**
 * The one guard every HTTP route passes: resolves the session, then applies `@Public`,
 * `@Roles(...)` and the pending-password rule. Registered globally in AppModule.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(AUTH_RESOLVER) private readonly resolver: AuthResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<Request>();
    const user = await this.resolver.authenticate(request);
    if (user) request.user = user;

    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    if (!user) throw new NotAuthenticatedError();

    if (
      user.mustChangePassword &&
      !this.reflector.getAllAndOverride<boolean>(PENDING_PASSWORD_OK_KEY, targets)
    ) {
      throw new PasswordChangeRequiredError();
    }

    const requirement = this.reflector.getAllAndOverride<RolesRequirement | undefined>(
      ROLES_KEY,
      targets,
    );
    if (!requirement) return true;
    const scope = resolveScope(requirement.scope, request);
    if (!(await this.resolver.isAllowed(user, requirement.roles, scope)))
      throw new ForbiddenError();
    return true;
  }
}
