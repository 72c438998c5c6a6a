import type { JudgingRoundSummary } from '@jingsai/contracts';
import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import { errorBody, fakeApi } from '../../test/fetch';
import {
  COMPETITION_ID,
  competitionSetup,
  EVENT_ID,
  grant,
  ROUND_ID,
  sessionUser,
} from '../../test/fixtures';
import { resetApp } from '../../test/reset';

const HUB = `/competitions/${COMPETITION_ID}/judging`;
const ROUNDS = `GET /api/v1/judging/competitions/${COMPETITION_ID}/rounds`;
const FINAL_ID = 'ffffffff-0000-4000-8000-000000000001';

function summary(overrides: Partial<JudgingRoundSummary>): JudgingRoundSummary {
  return {
    competitionId: COMPETITION_ID,
    eventId: EVENT_ID,
    eventName: '数控车工',
    roundId: ROUND_ID,
    roundName: '初赛',
    phase: 'published',
    resultVersion: 1,
    publishedAt: '2026-12-08T10:00:00.000Z',
    appealsCloseAt: '2026-12-09T10:00:00.000Z',
    canReview: false,
    canArbitrate: false,
    canVerifyAudit: false,
    ...overrides,
  };
}

describe('judging and results of a competition', () => {
  it('offers the head judge the desk of each round and everyone the results', async () => {
    resetApp(
      HUB,
      sessionUser([grant('head_judge', { scopeType: 'competition', scopeId: COMPETITION_ID })]),
    );
    fakeApi({
      [ROUNDS]: {
        body: [
          summary({ canReview: true }),
          summary({
            roundId: FINAL_ID,
            roundName: '决赛',
            phase: 'draft',
            resultVersion: null,
            publishedAt: null,
            appealsCloseAt: null,
            canReview: true,
          }),
        ],
      },
    });
    render(App);
    const rounds = await screen.findAllByTestId('hub-round');
    expect(rounds).toHaveLength(2);
    expect(rounds[0]!.textContent).toContain('已发布');
    expect(rounds[0]!.textContent).toContain('申诉截止');
    expect(within(rounds[1]!).getByTestId('hub-review').getAttribute('href')).toBe(
      `/judging/rounds/${FINAL_ID}`,
    );
    expect(within(rounds[0]!).getByRole('link', { name: '成绩与申诉' }).getAttribute('href')).toBe(
      `/judging/rounds/${ROUND_ID}/results`,
    );
    expect(screen.queryByRole('link', { name: '审计链校验' })).toBeNull();
  });

  it('shows a competitor the results only', async () => {
    resetApp(HUB, sessionUser([grant('competitor')]));
    fakeApi({ [ROUNDS]: { body: [summary({})] } });
    render(App);
    const [round] = await screen.findAllByTestId('hub-round');
    expect(within(round!).queryByTestId('hub-review')).toBeNull();
    expect(within(round!).getByRole('link', { name: '成绩与申诉' })).toBeTruthy();
  });

  it('falls back on the competition setup for an organiser when the API has no round list', async () => {
    resetApp(HUB, sessionUser([grant('organiser')]));
    fakeApi({
      [ROUNDS]: errorBody(404, 'route.not_found', 'no route'),
      [`GET /api/v1/competitions/${COMPETITION_ID}/setup`]: { body: competitionSetup() },
    });
    render(App);
    const [event] = await screen.findAllByTestId('hub-event');
    expect(event!.textContent).toContain('数控车工');
    expect(within(event!).getByRole('link', { name: '审计链校验' }).getAttribute('href')).toBe(
      `/judging/events/${EVENT_ID}/audit`,
    );
    expect(within(event!).getByTestId('hub-review').getAttribute('href')).toBe(
      `/judging/rounds/${ROUND_ID}`,
    );
  });
});
