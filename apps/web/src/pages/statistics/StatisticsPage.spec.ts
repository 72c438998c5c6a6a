import type { CompetitionStatistics } from '@jingsai/contracts';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import { errorBody, fakeApi } from '../../test/fetch';
import { COMPETITION_ID, EVENT_ID, grant, sessionUser } from '../../test/fixtures';
import { resetApp } from '../../test/reset';

const organiser = sessionUser([grant('organiser')]);
const PATH = `/api/v1/competitions/${COMPETITION_ID}/statistics`;

const stats: CompetitionStatistics = {
  competitionId: COMPETITION_ID,
  competitionName: '2026年职工技能竞赛',
  generatedAt: '2026-11-21T02:00:00.000Z',
  participants: 6,
  registrations: 9,
  byStatus: [{ key: 'approved', label: '已通过', count: 6 }],
  byRegion: [
    { key: '吉林省长春市', label: '吉林省长春市', count: 4 },
    { key: 'unknown', label: '未填写', count: 2 },
  ],
  byIndustry: [],
  byEnterprise: [],
  byGender: [
    { key: 'male', label: '男', count: 4 },
    { key: 'female', label: '女', count: 2 },
  ],
  byAgeBand: [{ key: '25_34', label: '25–34岁', count: 6 }],
  bySkillLevel: [{ key: '3', label: '三级/高级工', count: 6 }],
  byEvent: [{ key: EVENT_ID, label: '数控车工', count: 6 }],
  registrationsPerDay: [
    { date: '2026-06-01', count: 2, cumulative: 2 },
    { date: '2026-06-02', count: 7, cumulative: 9 },
  ],
  scoreDistribution: [
    {
      eventId: EVENT_ID,
      eventName: '数控车工',
      resultVersion: null,
      scored: 0,
      min: null,
      max: null,
      mean: null,
      median: null,
      bins: [],
    },
  ],
  judgeConsistency: [
    {
      judgeId: 'j1',
      judgeName: '裁判甲',
      eventId: EVENT_ID,
      eventName: '数控车工',
      marks: 12,
      meanDeviation: '0.750',
      meanAbsoluteDeviation: '0.900',
    },
  ],
};

describe('statistics page', () => {
  beforeEach(() => resetApp(`/competitions/${COMPETITION_ID}/statistics`, organiser));

  it('shows the counts, labelled charts in the UI language and judge consistency', async () => {
    fakeApi({ [`GET ${PATH}`]: { body: stats } });
    render(App);
    expect((await screen.findByTestId('participants')).textContent).toBe('6');
    expect(screen.getByTestId('registrations').textContent).toBe('9');
    const gender = screen.getByRole('img', { name: /按性别/ });
    expect(gender.getAttribute('aria-label')).toBe('按性别：男 4，女 2');
    expect(screen.getByRole('img', { name: /按地区/ }).getAttribute('aria-label')).toBe(
      '按地区：吉林省长春市 4，未填写 2',
    );
    expect(screen.getByText('“数控车工”成绩尚未公布')).toBeTruthy();
    const table = screen.getByRole('table');
    expect(within(table).getByText('裁判甲')).toBeTruthy();
    expect(within(table).getByText('0.750')).toBeTruthy();
  });

  it('shows the server’s refusal when the organiser may not see these figures', async () => {
    fakeApi({ [`GET ${PATH}`]: errorBody(403, 'auth.forbidden', '您没有权限执行此操作') });
    render(App);
    expect((await screen.findByRole('alert')).textContent).toContain('您没有权限执行此操作');
  });

  it('shows why the XLSX could not be made instead of leaving the page', async () => {
    fakeApi({
      [`GET ${PATH}`]: { body: stats },
      [`GET ${PATH}/xlsx`]: errorBody(403, 'auth.forbidden', '您没有权限执行此操作'),
    });
    render(App);
    await fireEvent.click(await screen.findByTestId('statistics-xlsx'));
    expect((await screen.findByRole('alert')).textContent).toContain('您没有权限执行此操作');
    expect(screen.getByTestId('participants')).toBeTruthy();
  });
});
