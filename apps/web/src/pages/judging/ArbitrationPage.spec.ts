import type { AppealCase, AppealView, ArbitrationAppeal, SheetSummary } from '@jingsai/contracts';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import { fakeApi, type RecordedCall } from '../../test/fetch';
import { COMPETITION_ID, EVENT_ID, grant, ROUND_ID, sessionUser } from '../../test/fixtures';
import { resetApp } from '../../test/reset';
import { ENTRY_ID } from './test-fixtures';

const arbitrator = sessionUser(
  [grant('arbitrator', { scopeType: 'competition', scopeId: COMPETITION_ID })],
  { displayName: '陈立新' },
);
const APPEAL_ID = 'dddddddd-0000-4000-8000-000000000001';
const SHEET_1 = 'aaaaaaaa-0000-4000-8000-000000000201';
const SHEET_2 = 'aaaaaaaa-0000-4000-8000-000000000202';

function appeal(overrides: Partial<AppealView> = {}): AppealView {
  return {
    id: APPEAL_ID,
    roundId: ROUND_ID,
    entryId: ENTRY_ID,
    entryCode: 'A017',
    competitorName: '赵志刚',
    filedByName: '赵志刚',
    filedAt: '2026-05-21T02:00:00.000Z',
    reason: '接线工艺一项评分明显偏低，请复核',
    status: 'filed',
    decidedByName: null,
    decidedAs: null,
    decidedAt: null,
    decisionReason: null,
    resultVersion: null,
    ...overrides,
  };
}

const listed = (overrides: Partial<AppealView> = {}): ArbitrationAppeal => ({
  ...appeal(overrides),
  competitionId: COMPETITION_ID,
  competitionName: '十百千竞赛',
  eventName: '电工',
  roundName: '决赛',
});

function sheet(overrides: Partial<SheetSummary>): SheetSummary {
  return {
    sheetId: SHEET_1,
    judgeUserId: '11111111-0000-4000-8000-000000000001',
    judgeName: '郑海涛',
    seat: 1,
    status: 'locked',
    marked: 3,
    required: 3,
    remarkReason: null,
    updatedAt: '2026-05-20T01:00:00.000Z',
    ...overrides,
  };
}

function appealCase(overrides: Partial<AppealView> = {}): AppealCase {
  return {
    appeal: appeal(overrides),
    competitionId: COMPETITION_ID,
    eventId: EVENT_ID,
    againstVersion: 1,
    result: {
      entryId: ENTRY_ID,
      code: 'A017',
      name: '赵志刚',
      enterprise: '一汽集团',
      total: '78.50',
      rank: 4,
      award: null,
      advances: false,
      status: 'complete',
    },
    sheets: [
      sheet({}),
      sheet({
        sheetId: SHEET_2,
        judgeUserId: '11111111-0000-4000-8000-000000000002',
        judgeName: '王丽',
        seat: 2,
      }),
    ],
    canDecide: true,
  };
}

describe('the arbitration group’s appeals', () => {
  let posts: RecordedCall[];

  beforeEach(() => {
    posts = [];
  });

  it('has its own navigation entry listing the appeals by round, and decides one there', async () => {
    resetApp('/', arbitrator);
    let current = listed();
    fakeApi({
      'GET /api/v1/competitions': { body: [] },
      'GET /api/v1/judging/me/appeals': () => ({ body: [current] }),
      [`POST /api/v1/judging/appeals/${APPEAL_ID}/decide`]: (call) => {
        posts.push(call);
        current = listed({
          status: 'upheld',
          decidedByName: '陈立新',
          decidedAs: 'arbitrator',
          decidedAt: '2026-05-21T05:00:00.000Z',
          decisionReason: '复核后更正',
        });
        return { body: appeal(current) };
      },
    });
    render(App);
    await fireEvent.click(await screen.findByRole('link', { name: '申诉仲裁' }));
    const round = await screen.findByTestId('arbitration-round');
    expect(within(round).getByRole('heading').textContent).toBe('十百千竞赛 · 电工 · 决赛');
    const item = within(round).getByTestId('appeal');
    expect(item.textContent).toContain('接线工艺一项评分明显偏低，请复核');
    expect(within(item).getByTestId('appeal-case').getAttribute('href')).toBe(
      `/judging/appeals/${APPEAL_ID}`,
    );

    await fireEvent.click(within(item).getByRole('button', { name: '作出决定' }));
    await fireEvent.click(within(item).getByLabelText('申诉成立'));
    await fireEvent.input(within(item).getByLabelText('决定理由'), {
      target: { value: '复核后更正' },
    });
    await fireEvent.click(within(item).getByRole('button', { name: '作出决定' }));
    await waitFor(() =>
      expect(screen.getByTestId('appeal-status').textContent?.trim()).toBe('申诉成立'),
    );
    expect(screen.getByTestId('appeal-decided-as').textContent).toBe('仲裁组');
    expect(posts.map((call) => call.body)).toEqual([{ decision: 'upheld', reason: '复核后更正' }]);
  });

  it('does not offer the entry to judges or head judges', async () => {
    resetApp('/', sessionUser([grant('judge'), grant('head_judge')]));
    fakeApi({
      'GET /api/v1/competitions': { body: [] },
      'GET /api/v1/judging/me/queue': { body: { rounds: [] } },
    });
    render(App);
    await screen.findByRole('link', { name: '评分任务' });
    expect(screen.queryByRole('link', { name: '申诉仲裁' })).toBeNull();
  });

  it('reviews one appeal: the result it is against, the sheets concerned, and a re-mark request', async () => {
    resetApp(`/judging/appeals/${APPEAL_ID}`, arbitrator);
    fakeApi({
      [`GET /api/v1/judging/appeals/${APPEAL_ID}`]: { body: appealCase() },
      [`POST /api/v1/judging/sheets/${SHEET_2}/remark`]: (call) => {
        posts.push(call);
        return { body: {} };
      },
    });
    render(App);
    const result = await screen.findByTestId('case-result');
    expect(result.textContent).toContain('第 1 版');
    expect(result.textContent).toContain('78.50');
    const rows = screen.getAllByTestId('case-sheet');
    const cells = (row: HTMLElement) =>
      Array.from(row.querySelectorAll('td'))
        .slice(0, 4)
        .map((cell) => cell.textContent?.trim());
    expect(rows.map(cells)).toEqual([
      ['1', '郑海涛', '已锁定', '3/3'],
      ['2', '王丽', '已锁定', '3/3'],
    ]);
    expect(within(rows[0]!).getByRole('link', { name: '查看' }).getAttribute('href')).toBe(
      `/judging/sheets/${SHEET_1}`,
    );

    await fireEvent.click(within(rows[1]!).getByRole('button', { name: '要求重评' }));
    const dialog = screen.getByRole('dialog');
    expect(dialog.textContent).toContain('要求 王丽 重评 A017');
    await fireEvent.input(within(dialog).getByLabelText('原因'), {
      target: { value: '仲裁组：请复核接线工艺' },
    });
    await fireEvent.click(within(dialog).getByRole('button', { name: '要求重评' }));
    await screen.findByText('已要求 王丽 重评。');
    expect(posts.map((call) => [call.path, call.body])).toEqual([
      [`/api/v1/judging/sheets/${SHEET_2}/remark`, { reason: '仲裁组：请复核接线工艺' }],
    ]);
  });

  it('offers no re-mark once the appeal is decided', async () => {
    resetApp(`/judging/appeals/${APPEAL_ID}`, arbitrator);
    fakeApi({
      [`GET /api/v1/judging/appeals/${APPEAL_ID}`]: {
        body: appealCase({ status: 'rejected', decidedByName: '陈立新', decidedAs: 'arbitrator' }),
      },
    });
    render(App);
    await screen.findByTestId('case-result');
    expect(screen.getAllByTestId('case-sheet')).toHaveLength(2);
    expect(screen.queryByTestId('case-remark')).toBeNull();
  });
});
