import type { SessionUser } from '@jingsai/contracts';
import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../test/fetch';
import { COMPETITION_ID, competition, grant, sessionUser } from '../test/fixtures';
import { resetApp } from '../test/reset';
import CompetitionPage from './CompetitionPage.svelte';

const OTHER_COMPETITION_ID = 'a1b2c3d4-ffff-4e5f-8a9b-0c1d2e3f4a5b';

async function setupLinkFor(user: SessionUser): Promise<HTMLElement | null> {
  resetApp(`/competitions/${COMPETITION_ID}`, user);
  fakeApi({
    [`GET /api/v1/competitions/${COMPETITION_ID}`]: {
      body: { ...competition(), events: [] },
    },
  });
  render(CompetitionPage, { props: { params: { id: COMPETITION_ID } } });
  await screen.findByRole('heading', { level: 1, name: competition().name });
  return screen.queryByRole('link', { name: '竞赛设置' });
}

describe('competition page', () => {
  it('links organisers of the competition to its setup', async () => {
    const link = await setupLinkFor(sessionUser([grant('organiser')]));
    expect(link?.getAttribute('href')).toBe(`/competitions/${COMPETITION_ID}/setup`);
  });

  it('links an organiser appointed for this competition only', async () => {
    const link = await setupLinkFor(
      sessionUser([grant('organiser', { scopeType: 'competition', scopeId: COMPETITION_ID })]),
    );
    expect(link).not.toBeNull();
  });

  it('does not link competitors', async () => {
    expect(await setupLinkFor(sessionUser([grant('competitor')]))).toBeNull();
  });

  it('does not link an organiser appointed for another competition', async () => {
    const link = await setupLinkFor(
      sessionUser([
        grant('organiser', { scopeType: 'competition', scopeId: OTHER_COMPETITION_ID }),
      ]),
    );
    expect(link).toBeNull();
  });
});
