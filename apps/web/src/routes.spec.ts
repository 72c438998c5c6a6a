import type { SessionUser } from '@jingsai/contracts';
import { describe, expect, it } from 'vitest';
import { resolveRoute } from './lib/routing';
import CompetitionPage from './pages/CompetitionPage.svelte';
import CompetitionSetupPage from './pages/competitions/CompetitionSetupPage.svelte';
import NewCompetitionPage from './pages/competitions/NewCompetitionPage.svelte';
import { routes } from './routes';
import { COMPETITION_ID, grant, sessionUser } from './test/fixtures';

function at(path: string, user: SessionUser | null) {
  return resolveRoute(routes, { path, search: '' }, user);
}

describe('competition building routes', () => {
  const setupPath = `/competitions/${COMPETITION_ID}/setup`;

  it('open for organisers and platform administrators', () => {
    for (const user of [
      sessionUser([grant('organiser')]),
      sessionUser([grant('platform_admin')]),
    ]) {
      const created = at('/competitions/new', user);
      expect(created.kind === 'render' && created.route.component).toBe(NewCompetitionPage);
      const setup = at(setupPath, user);
      expect(setup.kind === 'render' && setup.route.component).toBe(CompetitionSetupPage);
      expect(setup.kind === 'render' && setup.params).toEqual({ id: COMPETITION_ID });
    }
  });

  it('are closed to everyone else, who still see the competition itself', () => {
    const judge = sessionUser([
      grant('judge', { scopeType: 'competition', scopeId: COMPETITION_ID }),
      grant('coordinator'),
    ]);
    expect(at('/competitions/new', judge).kind).toBe('forbidden');
    expect(at(setupPath, judge).kind).toBe('forbidden');
    const page = at(`/competitions/${COMPETITION_ID}`, judge);
    expect(page.kind === 'render' && page.route.component).toBe(CompetitionPage);
    expect(at('/competitions/new', null)).toEqual({
      kind: 'redirect',
      to: '/login?next=%2Fcompetitions%2Fnew',
    });
  });
});

describe('registration routes', () => {
  const consolePath = `/competitions/${COMPETITION_ID}/registrations`;

  it('let anyone open the self-registration page, signed in or not', () => {
    expect(at('/register', null).kind).toBe('render');
    expect(at('/register', sessionUser([grant('competitor')])).kind).toBe('render');
  });

  it('open “my registrations” to competitors only', () => {
    expect(at('/me/registrations', sessionUser([grant('competitor')])).kind).toBe('render');
    expect(at('/me/registrations', sessionUser([grant('organiser')])).kind).toBe('forbidden');
  });

  it('open the console and the import to organisers and coordinators only', () => {
    for (const path of [consolePath, `${consolePath}/import`]) {
      expect(at(path, sessionUser([grant('organiser')])).kind).toBe('render');
      expect(at(path, sessionUser([grant('coordinator')])).kind).toBe('render');
      expect(at(path, sessionUser([grant('competitor'), grant('judge')])).kind).toBe('forbidden');
    }
  });
});
