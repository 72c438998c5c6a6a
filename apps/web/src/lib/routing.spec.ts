import type { SessionUser } from '@jingsai/contracts';
import { describe, expect, it } from 'vitest';
import { grant, sessionUser } from '../test/fixtures';
import { matchPath, resolveRoute, safeNext, type RouteDefinition } from './routing';

describe('matchPath', () => {
  it('matches literal paths, ignoring a trailing slash', () => {
    expect(matchPath('/', '/')).toEqual({});
    expect(matchPath('/admin/users', '/admin/users/')).toEqual({});
    expect(matchPath('/admin/users', '/admin')).toBeNull();
  });

  it('captures and decodes parameters', () => {
    expect(matchPath('/competitions/:id', '/competitions/abc-123')).toEqual({ id: 'abc-123' });
    expect(matchPath('/competitions/:id', '/competitions/%E7%84%8A%E5%B7%A5')).toEqual({
      id: '焊工',
    });
  });

  it('rejects wrong lengths and malformed escapes', () => {
    expect(matchPath('/competitions/:id', '/competitions')).toBeNull();
    expect(matchPath('/competitions/:id', '/competitions/a/b')).toBeNull();
    expect(matchPath('/competitions/:id', '/competitions/%E0%A4%A')).toBeNull();
  });
});

describe('safeNext', () => {
  it('follows paths on this site', () => {
    expect(safeNext('/competitions/1?tab=events')).toBe('/competitions/1?tab=events');
  });

  it('refuses other origins, the login page and nothing', () => {
    for (const bad of ['//evil.example/x', '/\\evil.example', 'https://evil.example', 'x', '']) {
      expect(safeNext(bad), bad).toBeNull();
    }
    expect(safeNext('/login?next=/')).toBeNull();
    expect(safeNext(null)).toBeNull();
  });
});

describe('resolveRoute', () => {
  const routes: RouteDefinition<string>[] = [
    { path: '/login', component: 'login', access: 'guest', titleKey: 'login.title' },
    { path: '/', component: 'dashboard', access: 'user', titleKey: 'dashboard.title' },
    {
      path: '/competitions/:id',
      component: 'competition',
      access: 'user',
      titleKey: 'competition.title',
    },
    {
      path: '/account/password',
      component: 'password',
      access: 'user',
      titleKey: 'password.title',
    },
    {
      path: '/admin/users',
      component: 'users',
      access: 'user',
      roles: ['platform_admin'],
      titleKey: 'users.title',
    },
  ];
  const at = (path: string, search = '') => ({ path, search });
  const resolve = (path: string, search: string, user: SessionUser | null) =>
    resolveRoute(routes, at(path, search), user);

  const admin = sessionUser([grant('platform_admin')]);
  const organiser = sessionUser([grant('organiser')]);

  it('sends signed-out visitors to the login page with a way back', () => {
    expect(resolve('/', '', null)).toEqual({ kind: 'redirect', to: '/login?next=%2F' });
    expect(resolve('/competitions/7', '?tab=events', null)).toEqual({
      kind: 'redirect',
      to: '/login?next=%2Fcompetitions%2F7%3Ftab%3Devents',
    });
    expect(resolve('/login', '', null)).toMatchObject({
      kind: 'render',
      route: { component: 'login' },
    });
  });

  it('renders pages with their parameters for signed-in users', () => {
    expect(resolve('/competitions/7', '', organiser)).toEqual({
      kind: 'render',
      route: routes[2],
      params: { id: '7' },
    });
  });

  it('takes signed-in users away from the login page to next, or home', () => {
    expect(resolve('/login', '?next=%2Fcompetitions%2F7', organiser)).toEqual({
      kind: 'redirect',
      to: '/competitions/7',
    });
    expect(resolve('/login', '?next=%2F%2Fevil.example', organiser)).toEqual({
      kind: 'redirect',
      to: '/',
    });
  });

  it('holds a user who must change the password on the password page', () => {
    const forced = sessionUser([grant('judge')], { mustChangePassword: true });
    expect(resolve('/', '', forced)).toEqual({
      kind: 'redirect',
      to: '/account/password?next=%2F',
    });
    expect(resolve('/login', '?next=%2Fcompetitions%2F7', forced)).toEqual({
      kind: 'redirect',
      to: '/account/password?next=%2Fcompetitions%2F7',
    });
    expect(resolve('/account/password', '?next=%2F', forced)).toMatchObject({ kind: 'render' });
  });

  it('forbids role-restricted pages to other roles', () => {
    expect(resolve('/admin/users', '', organiser)).toMatchObject({ kind: 'forbidden' });
    expect(resolve('/admin/users', '', admin)).toMatchObject({ kind: 'render' });
  });

  it('answers not found for unknown paths, signed in or not', () => {
    expect(resolve('/nowhere', '', admin)).toEqual({ kind: 'not_found' });
    expect(resolve('/nowhere', '', null)).toEqual({ kind: 'not_found' });
  });
});
