import type {
  AppealView,
  Discrepancy,
  RoundJudgingSettings,
  RoundSheetsView,
  SheetSummary,
} from '@jingsai/contracts';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../App.svelte';
import { errorBody, fakeApi, type RecordedCall } from '../../test/fetch';
import { COMPETITION_ID, EVENT_ID, grant, ROUND_ID, sessionUser } from '../../test/fixtures';
import { resetApp } from '../../test/reset';
import { ENTRY_ID, entry, sheetView } from './test-fixtures';

/** The staff scoreboard socket the desk follows: handlers by name, joins answered with seq 7. */
const sockets = vi.hoisted(() => {
  class FakeSocket {
    handlers = new Map<string, (payload?: unknown) => void>();
    joins: unknown[] = [];
    on(name: string, handler: (payload?: unknown) => void) {
      this.handlers.set(name, handler);
      return this;
    }
    fire(name: string, payload?: unknown) {
      this.handlers.get(name)?.(payload);
    }
    async emitWithAck(_name: string, request: unknown) {
      this.joins.push(request);
      return { ok: true, snapshot: { seq: 7 } };
    }
    disconnect() {}
  }
  const opened: FakeSocket[] = [];
  return { opened, io: () => opened[opened.push(new FakeSocket()) - 1] };
});
vi.mock('socket.io-client', () => ({ io: sockets.io }));

const headJudge = sessionUser([grant('head_judge')], { displayName: '吴志强' });
const BASE = `/api/v1/judging/rounds/${ROUND_ID}`;
const SHEET_1 = 'aaaaaaaa-0000-4000-8000-000000000201';
const SHEET_2 = 'aaaaaaaa-0000-4000-8000-000000000202';

function settings(overrides: Partial<RoundJudgingSettings> = {}): RoundJudgingSettings {
  return {
    roundId: ROUND_ID,
    phase: 'draft',
    livePublicScoring: false,
    appealWindowHours: 24,
    currentEntryId: null,
    verifiedAt: null,
    publishedAt: null,
    resultVersion: null,
    ...overrides,
  };
}

function sheetSummary(overrides: Partial<SheetSummary>): SheetSummary {
  return {
    sheetId: SHEET_1,
    judgeUserId: '11111111-0000-4000-8000-000000000001',
    judgeName: '郑海涛',
    seat: 1,
    status: 'submitted',
    marked: 4,
    required: 4,
    remarkReason: null,
    updatedAt: '2026-05-20T01:00:00.000Z',
    ...overrides,
  };
}

function roundSheets(phase: RoundJudgingSettings['phase'] = 'draft'): RoundSheetsView {
  return {
    roundId: ROUND_ID,
    eventId: EVENT_ID,
    competitionId: COMPETITION_ID,
    roundName: '决赛',
    settings: settings({ phase }),
    seats: [
      { seat: 1, judgeUserId: '11111111-0000-4000-8000-000000000001', judgeName: '郑海涛' },
      { seat: 2, judgeUserId: '11111111-0000-4000-8000-000000000002', judgeName: '王丽' },
    ],
    rows: [
      {
        entry: entry(),
        sheets: [
          sheetSummary({}),
          sheetSummary({
            sheetId: SHEET_2,
            judgeUserId: '11111111-0000-4000-8000-000000000002',
            judgeName: '王丽',
            seat: 2,
            status: 'open',
            marked: 2,
          }),
        ],
        total: '81.60',
        rank: 1,
        status: 'needs_review',
      },
    ],
  };
}

const spread: Discrepancy = {
  entry: entry(),
  nodeId: 'finish',
  nodeName: { zh: '表面质量', en: 'Surface finish' },
  attempt: null,
  kind: 'spread_exceeded',
  message: { zh: '分差 3 超过允许的 2，须裁判长复核', en: 'spread 3 exceeds the limit 2' },
  marks: [
    { seat: 1, judgeName: '郑海涛', value: '0' },
    { seat: 2, judgeName: '王丽', value: '3' },
  ],
  reviewed: false,
};

function appeal(overrides: Partial<AppealView> = {}): AppealView {
  return {
    id: 'dddddddd-0000-4000-8000-000000000001',
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

function routes(
  state: {
    phase: RoundJudgingSettings['phase'];
    discrepancies: Discrepancy[];
    appeals: AppealView[];
  },
  posts: RecordedCall[],
) {
  const record =
    (reply: () => { body: unknown } | ReturnType<typeof errorBody>) => (call: RecordedCall) => {
      posts.push(call);
      return reply();
    };
  return {
    [`GET ${BASE}/sheets`]: () => ({ body: roundSheets(state.phase) }),
    [`GET ${BASE}/discrepancies`]: () => ({ body: state.discrepancies }),
    [`GET ${BASE}/appeals`]: () => ({ body: state.appeals }),
    [`POST /api/v1/judging/sheets/${SHEET_1}/lock`]: record(() => ({
      body: sheetView({ sheetId: SHEET_1, status: 'locked' }),
    })),
    [`POST /api/v1/judging/sheets/${SHEET_2}/remark`]: record(() => ({
      body: sheetView({ sheetId: SHEET_2, status: 'reopened' }),
    })),
    [`POST ${BASE}/reviews`]: record(() => {
      state.discrepancies = state.discrepancies.map((item) => ({ ...item, reviewed: true }));
      return { body: state.discrepancies };
    }),
    [`POST ${BASE}/verify`]: record(() => {
      state.phase = 'verified';
      return { body: settings({ phase: 'verified' }) };
    }),
    [`POST ${BASE}/publish`]: record(() => {
      state.phase = 'published';
      return {
        body: {
          roundId: ROUND_ID,
          version: 1,
          publishedAt: '2026-05-20T08:00:00.000Z',
          publishedByName: '吴志强',
          reason: null,
          appealIds: [],
          promoted: 0,
        },
      };
    }),
    [`POST /api/v1/judging/appeals/${appeal().id}/decide`]: record(() => {
      state.appeals = [
        appeal({
          status: 'rejected',
          decidedByName: '吴志强',
          decidedAs: 'head_judge',
          decidedAt: '2026-05-21T04:00:00.000Z',
          decisionReason: '复核录像，评分无误',
        }),
      ];
      return { body: state.appeals[0] };
    }),
  };
}

describe('the head judge’s desk', () => {
  let posts: RecordedCall[];
  let state: {
    phase: RoundJudgingSettings['phase'];
    discrepancies: Discrepancy[];
    appeals: AppealView[];
  };

  beforeEach(() => {
    resetApp(`/judging/rounds/${ROUND_ID}`, headJudge);
    sockets.opened.length = 0;
    posts = [];
    state = { phase: 'draft', discrepancies: [spread], appeals: [appeal()] };
    fakeApi(routes(state, posts));
  });

  it('shows every sheet of the round by seat, with totals and statuses', async () => {
    render(App);
    const row = await screen.findByTestId('review-row');
    expect(row.dataset['code']).toBe('A017');
    const statuses = within(row)
      .getAllByTestId('review-sheet-status')
      .map((cell) => cell.textContent?.trim());
    expect(statuses).toEqual(['已提交', '待评分']);
    expect(row.textContent).toContain('81.60');
    expect(row.textContent).toContain('需复核');
    expect(screen.getByRole('tab', { name: '待处理问题（1）' })).toBeTruthy();
  });

  it('follows the event’s staff board: a delta refetches the sheets, and says so', async () => {
    const api = fakeApi(routes(state, posts));
    const sheetLoads = () =>
      api.calls.filter((call) => call.method === 'GET' && call.path === `${BASE}/sheets`).length;
    render(App);
    await screen.findByTestId('review-row');
    await waitFor(() => expect(sockets.opened).toHaveLength(1));
    const socket = sockets.opened[0]!;
    expect(screen.getByTestId('review-updated').textContent).toContain('每 10 秒自动刷新');

    socket.fire('connect');
    await waitFor(() => expect(screen.getByTestId('review-updated').dataset['live']).toBe('true'));
    expect(socket.joins).toEqual([{ eventId: EVENT_ID, view: 'staff' }]);
    expect(screen.getByTestId('review-updated').textContent).toContain('评分变化即时刷新');
    const loaded = sheetLoads();

    socket.fire('scoreboard:delta', { eventId: EVENT_ID, view: 'public', seq: 8, changes: [] });
    socket.fire('scoreboard:delta', { eventId: EVENT_ID, view: 'staff', seq: 7, changes: [] });
    expect(sheetLoads()).toBe(loaded);
    socket.fire('scoreboard:delta', { eventId: EVENT_ID, view: 'staff', seq: 8, changes: [] });
    await waitFor(() => expect(sheetLoads()).toBe(loaded + 1));

    socket.fire('disconnect');
    await waitFor(() => expect(screen.getByTestId('review-updated').dataset['live']).toBe('false'));
  });

  it('locks a sheet, with an optional reason', async () => {
    render(App);
    const row = await screen.findByTestId('review-row');
    await fireEvent.click(within(row).getAllByTestId('lock-sheet')[0]!);
    const dialog = screen.getByRole('dialog');
    expect(dialog.textContent).toContain('锁定 郑海涛 对 A017 的评分表');
    await fireEvent.click(within(dialog).getByRole('button', { name: '锁定' }));
    await screen.findByText('已完成：锁定');
    expect(posts.map((call) => [call.path, call.body])).toEqual([
      [`/api/v1/judging/sheets/${SHEET_1}/lock`, {}],
    ]);
  });

  it('resolves a discrepancy: a re-mark needs a reason, accepting needs a note', async () => {
    render(App);
    await screen.findByTestId('review-row');
    await fireEvent.click(screen.getByRole('tab', { name: '待处理问题（1）' }));
    const item = await screen.findByTestId('discrepancy');
    expect(item.textContent).toContain('分差超限');
    expect(item.textContent).toContain('分差 3 超过允许的 2，须裁判长复核');

    await fireEvent.click(within(item).getByRole('button', { name: '要求 王丽 重评' }));
    let dialog = screen.getByRole('dialog');
    await fireEvent.click(within(dialog).getByRole('button', { name: '要求重评' }));
    expect(within(dialog).getByText('请填写原因')).toBeTruthy();
    await fireEvent.input(within(dialog).getByLabelText('原因'), {
      target: { value: '请复核表面质量' },
    });
    await fireEvent.click(within(dialog).getByRole('button', { name: '要求重评' }));
    await screen.findByText('已完成：要求重评');

    await fireEvent.click(
      within(screen.getByTestId('discrepancy')).getByRole('button', { name: '认可现有评分' }),
    );
    dialog = screen.getByRole('dialog');
    await fireEvent.input(within(dialog).getByLabelText('处理说明'), {
      target: { value: '两位裁判均复核，维持原评分' },
    });
    await fireEvent.click(within(dialog).getByRole('button', { name: '认可现有评分' }));
    await waitFor(() => expect(screen.getByTestId('discrepancy').textContent).toContain('已处理'));
    expect(posts.map((call) => [call.path, call.body])).toEqual([
      [`/api/v1/judging/sheets/${SHEET_2}/remark`, { reason: '请复核表面质量' }],
      [
        `${BASE}/reviews`,
        { entryId: ENTRY_ID, nodeId: 'finish', note: '两位裁判均复核，维持原评分' },
      ],
    ]);
  });

  it('verifies and then publishes the round', async () => {
    render(App);
    await screen.findByTestId('review-row');
    expect(screen.queryByRole('button', { name: '发布成绩' })).toBeNull();

    await fireEvent.click(screen.getByRole('button', { name: '审核通过' }));
    await fireEvent.click(
      within(screen.getByRole('dialog')).getByRole('button', { name: '审核通过' }),
    );
    await waitFor(() => expect(screen.getByTestId('round-phase').textContent).toContain('已审核'));

    await fireEvent.click(screen.getByRole('button', { name: '发布成绩' }));
    expect(screen.getByRole('dialog').textContent).toContain('发布后成绩立即公开');
    await fireEvent.click(
      within(screen.getByRole('dialog')).getByRole('button', { name: '发布成绩' }),
    );
    await screen.findByText('已发布第 1 版成绩。');
    await waitFor(() => expect(screen.getByTestId('round-phase').textContent).toContain('已发布'));
    expect(posts.map((call) => call.path)).toEqual([`${BASE}/verify`, `${BASE}/publish`]);
  });

  it('shows why a transition is refused and keeps the dialog open', async () => {
    fakeApi({
      ...routes(state, posts),
      [`POST ${BASE}/verify`]: errorBody(
        409,
        'judging.round_incomplete',
        '还有 1 份评分表未提交，不能审核',
      ),
    });
    render(App);
    await screen.findByTestId('review-row');
    await fireEvent.click(screen.getByRole('button', { name: '审核通过' }));
    await fireEvent.click(
      within(screen.getByRole('dialog')).getByRole('button', { name: '审核通过' }),
    );
    expect((await within(screen.getByRole('dialog')).findByRole('alert')).textContent).toContain(
      '还有 1 份评分表未提交，不能审核',
    );
  });

  it('decides an appeal with reasons', async () => {
    render(App);
    await screen.findByTestId('review-row');
    await fireEvent.click(screen.getByRole('tab', { name: '申诉（1）' }));
    const item = await screen.findByTestId('appeal');
    expect(item.textContent).toContain('接线工艺一项评分明显偏低，请复核');
    await fireEvent.click(within(item).getByRole('button', { name: '作出决定' }));
    await fireEvent.click(within(item).getByRole('button', { name: '作出决定' }));
    expect(within(item).getByText('请填写决定理由')).toBeTruthy();
    await fireEvent.input(within(item).getByLabelText('决定理由'), {
      target: { value: '复核录像，评分无误' },
    });
    await fireEvent.click(within(item).getByRole('button', { name: '作出决定' }));
    await waitFor(() =>
      expect(
        within(screen.getByTestId('appeal')).getByTestId('appeal-status').textContent?.trim(),
      ).toBe('驳回'),
    );
    expect(screen.getByTestId('appeal-decided-as').textContent).toBe('裁判长');
    expect(screen.getByTestId('appeal-case').getAttribute('href')).toBe(
      `/judging/appeals/${appeal().id}`,
    );
    expect(posts.at(-1)?.body).toEqual({ decision: 'rejected', reason: '复核录像，评分无误' });
  });
});
