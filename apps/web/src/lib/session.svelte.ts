import type { LoginRequest, Role, SessionUser } from '@jingsai/contracts';
import { userHasRole, type ScopeRef } from './access';
import { api, ApiError, setUnauthenticatedHandler } from './api';

export type SessionStatus = 'unknown' | 'loading' | 'ready' | 'error';

/** Who is signed in. One instance: `session`. */
export class Session {
  user = $state<SessionUser | null>(null);
  status = $state<SessionStatus>('unknown');
  /** Why the session could not be checked (server unreachable…), when status is 'error'. */
  error = $state<unknown>(null);

  constructor() {
    // Any API call that finds the session gone (expired, revoked) signs the UI out; the router's
    // guards then send the person to the login page with a way back.
    setUnauthenticatedHandler(() => {
      this.user = null;
    });
  }

  get signedIn(): boolean {
    return this.user !== null;
  }

  /** Ask the API who we are (GET /auth/me); 401 simply means signed out. */
  async load(): Promise<void> {
    this.status = 'loading';
    this.error = null;
    try {
      this.user = await api.auth.me();
      this.status = 'ready';
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        this.user = null;
        this.status = 'ready';
      } else {
        this.error = error;
        this.status = 'error';
      }
    }
  }

  async login(credentials: LoginRequest): Promise<SessionUser> {
    const user = await api.auth.login(credentials);
    this.user = user;
    this.status = 'ready';
    return user;
  }

  /**
   * Sign out on the server first: the cookie is httpOnly, so if the request fails the person is
   * still signed in there, and the UI must not pretend otherwise (shared judge tablets).
   */
  async logout(): Promise<void> {
    try {
      await api.auth.logout();
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    }
    this.user = null;
  }

  /** After a successful password change the forced-change flag no longer applies. */
  passwordChanged(): void {
    if (this.user) this.user = { ...this.user, mustChangePassword: false };
  }

  hasRole(role: Role, scope?: ScopeRef): boolean {
    return userHasRole(this.user, role, scope);
  }
}

export const session = new Session();
