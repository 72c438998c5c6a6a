/**
 * Route matching and guards as pure functions (no browser, no runes), used by the `router`
 * singleton in router.svelte.ts and tested on their own.
 */
import type { Role, SessionUser } from '@jingsai/contracts';
import { userHasAnyRole } from './access';
import type { MessageKey } from './i18n';

export type RouteParams = Readonly<Record<string, string>>;

/** public: anyone; guest: only signed out (login); user: signed in, optionally with roles. */
export type RouteAccess = 'public' | 'guest' | 'user';

export interface RouteDefinition<C> {
  path: string;
  component: C;
  access: RouteAccess;
  /** Any one of these roles opens the page (access 'user' only). */
  roles?: readonly Role[];
  titleKey: MessageKey;
}

export type Resolution<C> =
  | { kind: 'render'; route: RouteDefinition<C>; params: RouteParams }
  | { kind: 'redirect'; to: string }
  | { kind: 'forbidden'; route: RouteDefinition<C> }
  | { kind: 'not_found' };

export const LOGIN_PATH = '/login';
export const HOME_PATH = '/';
export const PASSWORD_PATH = '/account/password';

function segments(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

/** Params when `path` matches `pattern` (`/competitions/:id`), else null. Trailing slashes ignored. */
export function matchPath(pattern: string, path: string): RouteParams | null {
  const want = segments(pattern);
  const have = segments(path);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const expected = want[i] as string;
    const actual = have[i] as string;
    if (expected.startsWith(':')) {
      try {
        params[expected.slice(1)] = decodeURIComponent(actual);
      } catch {
        return null; // malformed escape such as %E0%A4%A
      }
    } else if (expected !== actual) {
      return null;
    }
  }
  return params;
}

/**
 * A `next` target that is safe to follow: a path on this site, never another origin
 * (`//evil.example`, `/\evil.example`, `https://…`) and never the login page itself.
 */
export function safeNext(next: string | null | undefined): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return null;
  }
  const path = next.split(/[?#]/)[0] ?? '';
  if (matchPath(LOGIN_PATH, path)) return null;
  return next;
}

export function withNext(path: string, next: string): string {
  return `${path}?next=${encodeURIComponent(next)}`;
}

export interface LocationLike {
  path: string;
  search: string;
}

/** What to show at `where` given who is signed in. */
export function resolveRoute<C>(
  routes: readonly RouteDefinition<C>[],
  where: LocationLike,
  user: SessionUser | null,
): Resolution<C> {
  for (const route of routes) {
    const params = matchPath(route.path, where.path);
    if (params === null) continue;
    const here = `${where.path}${where.search}`;
    const next = safeNext(queryParam(where.search, 'next'));

    switch (route.access) {
      case 'public':
        return { kind: 'render', route, params };
      case 'guest':
        if (!user) return { kind: 'render', route, params };
        if (user.mustChangePassword) {
          return { kind: 'redirect', to: next ? withNext(PASSWORD_PATH, next) : PASSWORD_PATH };
        }
        return { kind: 'redirect', to: next ?? HOME_PATH };
      case 'user':
        if (!user) return { kind: 'redirect', to: withNext(LOGIN_PATH, here) };
        if (user.mustChangePassword && route.path !== PASSWORD_PATH) {
          return { kind: 'redirect', to: withNext(PASSWORD_PATH, here) };
        }
        if (route.roles && !userHasAnyRole(user, route.roles)) return { kind: 'forbidden', route };
        return { kind: 'render', route, params };
    }
  }
  return { kind: 'not_found' };
}

/** The value of one query parameter of a `?a=b` string. */
export function queryParam(search: string, name: string): string | null {
  return new URLSearchParams(search).get(name);
}

/**
 * The in-app target (`/path?query#hash`) of a link, or null when the browser should follow it
 * itself: another origin, or the API (downloads and the like).
 */
export function inAppTarget(href: string, base: string): string | null {
  const url = new URL(href, base);
  if (url.origin !== new URL(base).origin || url.pathname.startsWith('/api/')) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}
