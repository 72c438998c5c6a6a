import { render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import { fakeApi } from '../../test/fetch';
import { COMPETITION_ID, EVENT_ID, grant, ROUND_ID, sessionUser } from '../../test/fixtures';
import { resetApp } from '../../test/reset';
import { entry } from './test-fixtures';

const judge = sessionUser([grant('judge')], { displayName: '张伟' });

const queue = {
  rounds: [
    {
      competitionId: COMPETITION_ID,
      competitionName: '吉林省“十百千”重大项目劳动和技能竞赛',
      eventId: EVENT_ID,
      eventName: '电工',
      roundId: ROUND_ID,
      roundName: '决赛',
      seat: 2,
      phase: 'draft' as const,
      sheets: [
        {
          sheetId: 'aaaaaaaa-0000-4000-8000-000000000101',
          entry: entry({ anonymousCode: 'A017', station: 12 }),
          status: 'open' as const,
          marked: 1,
          required: 4,
          remarkReason: null,
          updatedAt: '2026-05-20T01:00:00.000Z',
        },
        {
          sheetId: 'aaaaaaaa-0000-4000-8000-000000000102',
          entry: entry({
            entryId: 'aaaaaaaa-1111-4000-8000-000000000102',
            anonymousCode: 'B203',
            station: 3,
          }),
          status: 'reopened' as const,
          marked: 4,
          required: 4,
          remarkReason: '螺纹规评分与其他裁判相差过大，请复核',
          updatedAt: '2026-05-20T01:00:00.000Z',
        },
        {
          sheetId: 'aaaaaaaa-0000-4000-8000-000000000103',
          entry: entry({ entryId: 'aaaaaaaa-1111-4000-8000-000000000103', anonymousCode: 'C118' }),
          status: 'submitted' as const,
          marked: 4,
          required: 4,
          remarkReason: null,
          updatedAt: '2026-05-20T01:00:00.000Z',
        },
      ],
    },
  ],
};

describe('the judge’s queue', () => {
  beforeEach(() => resetApp('/judging', judge));

  it('lists the assigned sheets by anonymous code and station, with what is left to do', async () => {
    fakeApi({ 'GET /api/v1/judging/me/queue': { body: queue } });
    render(App);
    const sheets = await screen.findAllByTestId('queue-sheet');
    expect(sheets.map((sheet) => sheet.dataset['code'])).toEqual(['A017', 'B203', 'C118']);
    expect(sheets[0]!.getAttribute('href')).toBe(
      '/judging/sheets/aaaaaaaa-0000-4000-8000-000000000101',
    );
    expect(sheets[0]!.textContent).toContain('工位 12');
    expect(sheets[0]!.textContent).toContain('已评 1/4');
    expect(within(sheets[0]!).getByText('评分 →')).toBeTruthy();
    expect(sheets[1]!.textContent).toContain(
      '裁判长要求重新评分：螺纹规评分与其他裁判相差过大，请复核',
    );
    expect(within(sheets[2]!).getByText('查看 →')).toBeTruthy();
    expect(screen.getByTestId('queue-round').textContent).toContain('电工 · 决赛');
    expect(screen.getByTestId('pending-count').textContent).toBe('全部已保存');
  });

  it('is in the judges’ navigation and says when nothing is assigned', async () => {
    fakeApi({ 'GET /api/v1/judging/me/queue': { body: { rounds: [] } } });
    render(App);
    expect((await screen.findByTestId('queue-empty')).textContent).toBe('暂无分配给您的评分任务。');
    expect(screen.getByRole('link', { name: '评分任务' }).getAttribute('href')).toBe('/judging');
  });

  it('is not offered to a competitor', async () => {
    resetApp('/judging', sessionUser([grant('competitor')]));
    fakeApi({ 'GET /api/v1/me/registrations': { body: [] } });
    render(App);
    expect(await screen.findByText('无权访问')).toBeTruthy();
    expect(screen.queryByRole('link', { name: '评分任务' })).toBeNull();
  });
});
