import type { ResultVersionView } from '@jingsai/contracts';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import { errorBody, fakeApi, type RecordedCall } from '../../test/fetch';
import { EVENT_ID, grant, ROUND_ID, sessionUser } from '../../test/fixtures';
import { resetApp } from '../../test/reset';
import { ENTRY_ID } from './test-fixtures';

const BASE = `/api/v1/judging/rounds/${ROUND_ID}`;
const competitor = sessionUser([grant('competitor')], { displayName: '赵志刚' });
const OTHER = 'aaaaaaaa-1111-4000-8000-000000000999';

function version(n: number, rows: ResultVersionView['rows']): ResultVersionView {
  return {
    roundId: ROUND_ID,
    version: n,
    publishedAt: `2026-05-2${n}T08:00:00.000Z`,
    publishedByName: '吴志强',
    reason: n > 1 ? '申诉成立，重新评分后发布' : null,
    appealIds: [],
    promoted: 0,
    rows,
  };
}

const row = (entryId: string, code: string, name: string, total: string, rank: number) => ({
  entryId,
  code,
  name,
  enterprise: '中国第一汽车集团有限公司',
  total,
  rank,
  award: rank === 1 ? '一等奖' : null,
  advances: false,
  status: 'complete' as const,
});

const v1 = version(1, [
  row(OTHER, 'B203', '李娜', '85.20', 1),
  row(ENTRY_ID, 'A017', '赵志刚', '81.60', 2),
]);
const v2 = version(2, [
  row(ENTRY_ID, 'A017', '赵志刚', '86.10', 1),
  row(OTHER, 'B203', '李娜', '85.20', 2),
]);

describe('results and appeals', () => {
  let posts: RecordedCall[];
  beforeEach(() => {
    resetApp(`/judging/rounds/${ROUND_ID}/results`, competitor);
    posts = [];
    fakeApi({
      [`GET ${BASE}/results`]: { body: [v1, v2].map(({ rows: _rows, ...summary }) => summary) },
      [`GET ${BASE}/results/1`]: { body: v1 },
      [`GET ${BASE}/results/2`]: { body: v2 },
      [`GET ${BASE}/results/diff`]: (call) => ({
        body: {
          roundId: ROUND_ID,
          from: Number(call.query.get('from')),
          to: Number(call.query.get('to')),
          changes: [
            {
              entryId: ENTRY_ID,
              code: 'A017',
              name: '赵志刚',
              field: 'total',
              before: '81.60',
              after: '86.10',
            },
            {
              entryId: ENTRY_ID,
              code: 'A017',
              name: '赵志刚',
              field: 'rank',
              before: '2',
              after: '1',
            },
          ],
        },
      }),
      [`GET ${BASE}/appeals`]: { body: [] },
      [`POST ${BASE}/appeals`]: (call) => {
        posts.push(call);
        return errorBody(422, 'judging.appeal_window_closed', '申诉期已于 5 月 22 日结束');
      },
    });
  });

  it('shows the latest version and what changed from the one before', async () => {
    render(App);
    const rows = await screen.findAllByTestId('result-row');
    expect(rows.map((tr) => tr.textContent)).toEqual([
      expect.stringContaining('A017'),
      expect.stringContaining('B203'),
    ]);
    expect(rows[0]!.textContent).toContain('86.10');
    expect(
      screen.getAllByTestId('result-version').map((b) => b.getAttribute('aria-selected')),
    ).toEqual(['true', 'false']);

    await fireEvent.click(screen.getByRole('button', { name: '与上一版比较' }));
    const diff = await screen.findByTestId('result-diff');
    expect(diff.textContent).toContain('第 1 版 → 第 2 版的变化');
    expect(diff.textContent).toContain('81.60');
    expect(diff.textContent).toContain('86.10');

    await fireEvent.click(screen.getAllByTestId('result-version')[1]!);
    await waitFor(() =>
      expect(screen.getAllByTestId('result-row')[0]!.textContent).toContain('B203'),
    );
    expect(screen.queryByRole('button', { name: '与上一版比较' })).toBeNull();
  });

  it('checks an appeal’s grounds before filing it and shows the API’s refusal', async () => {
    render(App);
    const rows = await screen.findAllByTestId('result-row');
    await fireEvent.click(within(rows[0]!).getByRole('button', { name: '申诉' }));
    const form = screen.getByTestId('appeal-form');
    expect(form.textContent).toContain('对 A017 的成绩提出申诉');

    await fireEvent.input(within(form).getByLabelText('申诉理由'), { target: { value: '偏低' } });
    await fireEvent.click(within(form).getByRole('button', { name: '提交申诉' }));
    expect(within(form).getByText('请说明申诉理由（至少 5 个字）')).toBeTruthy();
    expect(posts).toEqual([]);

    await fireEvent.input(within(form).getByLabelText('申诉理由'), {
      target: { value: '接线工艺一项评分明显偏低，请复核' },
    });
    await fireEvent.click(within(form).getByRole('button', { name: '提交申诉' }));
    expect((await within(form).findByRole('alert')).textContent).toContain(
      '申诉期已于 5 月 22 日结束',
    );
    expect(posts.map((call) => call.body)).toEqual([
      { entryId: ENTRY_ID, reason: '接线工艺一项评分明显偏低，请复核' },
    ]);
  });

  it('says so when nothing has been published', async () => {
    fakeApi({ [`GET ${BASE}/results`]: { body: [] }, [`GET ${BASE}/appeals`]: { body: [] } });
    render(App);
    expect((await screen.findByTestId('results-none')).textContent).toBe('本轮尚未发布成绩。');
    void EVENT_ID;
  });
});
