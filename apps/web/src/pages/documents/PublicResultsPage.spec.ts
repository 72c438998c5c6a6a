import type { PublicCompetitionResults } from '@jingsai/contracts';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import { errorBody, fakeApi } from '../../test/fetch';
import { COMPETITION_ID, EVENT_ID } from '../../test/fixtures';
import { resetApp } from '../../test/reset';

const PATH = `/api/v1/public/competitions/${COMPETITION_ID}/results`;
const ROWS = [
  {
    rank: 1,
    candidateNumber: 'C001',
    name: '王骉',
    enterprise: '一汽',
    total: '93.70',
    award: '一等奖',
    stages: ['28.50', '65.20'],
  },
  {
    rank: 2,
    candidateNumber: 'C002',
    name: '李娜',
    enterprise: '吉林石化',
    total: '89.00',
    award: '二等奖',
    stages: ['27.00', '62.00'],
  },
];

function results(q: string): PublicCompetitionResults {
  return {
    competitionId: COMPETITION_ID,
    competitionName: '2026年职工技能竞赛',
    organiserName: '吉林省总工会',
    events: [
      {
        eventId: EVENT_ID,
        eventName: '数控车工',
        resultVersion: 2,
        stageLabels: ['理论', '实操'],
        rows: ROWS.filter((row) => !q || row.name.includes(q) || row.candidateNumber.startsWith(q)),
      },
    ],
  };
}

describe('public results page', () => {
  beforeEach(() => resetApp(`/results/${COMPETITION_ID}`));

  it('lists the published results and searches by name through the API', async () => {
    const { calls } = fakeApi({
      'GET /api/v1/auth/me': errorBody(401, 'auth.unauthenticated', '请先登录'),
      [`GET ${PATH}`]: (call) => ({ body: results(call.query.get('q') ?? '') }),
    });
    render(App);
    const table = await screen.findByTestId(`results-${EVENT_ID}`);
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(within(table).getByText('理论')).toBeTruthy();
    expect(within(table).getByText('65.20')).toBeTruthy();

    await fireEvent.input(screen.getByLabelText('按姓名或参赛号查找'), {
      target: { value: ' 李娜 ' },
    });
    await fireEvent.click(screen.getByRole('button', { name: '查找' }));
    await screen.findByRole('button', { name: '清除' });
    const filtered = await screen.findByTestId(`results-${EVENT_ID}`);
    expect(within(filtered).getAllByRole('row')).toHaveLength(2);
    expect(within(filtered).queryByText('王骉')).toBeNull();
    expect(
      calls
        .filter((call) => call.path === PATH)
        .at(-1)
        ?.query.get('q'),
    ).toBe('李娜');
  });

  it('says so when nothing matches', async () => {
    fakeApi({
      'GET /api/v1/auth/me': errorBody(401, 'auth.unauthenticated', '请先登录'),
      [`GET ${PATH}`]: (call) => ({ body: results(call.query.get('q') ?? '') }),
    });
    render(App);
    await screen.findByTestId(`results-${EVENT_ID}`);
    await fireEvent.input(screen.getByLabelText('按姓名或参赛号查找'), {
      target: { value: '张三' },
    });
    await fireEvent.click(screen.getByRole('button', { name: '查找' }));
    expect(await screen.findByText('没有符合“张三”的选手。')).toBeTruthy();
  });
});
