import type { Role, ScopeType } from '@jingsai/contracts';
import type { Request } from 'express';

export interface Grant {
  role: Role;
  scopeType: ScopeType;
  scopeId: string | null;
}

/** The signed-in caller, resolved from the session cookie once per request. */
export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  mustChangePassword: boolean;
  sessionId: string;
  grants: Grant[];
}

/** What a `@Roles` check is scoped to: a route parameter naming a competition or organisation. */
export type ScopeRef = { competition: string } | { organisation: string };

/** A concrete scope resolved from a request, e.g. `{ type: 'competition', id }`. */
export interface ResourceScope {
  type: 'competition' | 'organisation';
  id: string;
}

/**
 * Implemented by the auth module; the guard in `common/` only knows this interface, so nothing
 * domain-specific lives in `common/`.
 */
export interface AuthResolver {
  authenticate(request: Request): Promise<AuthUser | null>;
  isAllowed(user: AuthUser, roles: readonly Role[], scope: ResourceScope | null): Promise<boolean>;
}

export const AUTH_RESOLVER = Symbol('AUTH_RESOLVER');

export function isPlatformAdmin(user: AuthUser): boolean {
  return user.grants.some((grant) => grant.role === 'platform_admin');
}

declare module 'express' {
  interface Request {
    user?: AuthUser;
  }
}
