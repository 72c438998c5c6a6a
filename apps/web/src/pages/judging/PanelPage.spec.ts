import type { PanelView } from '@jingsai/contracts';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import { errorBody, fakeApi, type RecordedCall } from '../../test/fetch';
import { COMPETITION_ID, EVENT_ID, grant, ROUND_ID, sessionUser } from '../../test/fixtures';
import { resetApp } from '../../test/reset';

const PANEL = `/api/v1/judging/rounds/${ROUND_ID}/panel`;
const ZHENG = '11111111-0000-4000-8000-000000000001';
const WANG = '11111111-0000-4000-8000-000000000002';
const LIU = '11111111-0000-4000-8000-000000000003';

function panelView(overrides: Partial<PanelView> = {}): PanelView {
  return {
    roundId: ROUND_ID,
    eventId: EVENT_ID,
    competitionId: COMPETITION_ID,
    assignments: [
      {
        judgeUserId: ZHENG,
        seat: 1,
        sessionIds: null,
        stations: [1, 2, 3, 4, 5],
        aspectIds: null,
        judgeName: '郑海涛',
        sheetCount: 5,
        recusedCount: 1,
      },
    ],
    candidates: [
      {
        userId: ZHENG,
        name: '郑海涛',
        username: 'zheng.haitao',
        enterprises: [{ id: '22222222-0000-4000-8000-000000000001', name: '一汽集团' }],
      },
      { userId: WANG, name: '王丽', username: 'wang.li', enterprises: [] },
      { userId: LIU, name: '刘洋', username: 'liu.yang', enterprises: [] },
    ],
    headJudge: { userId: '33333333-0000-4000-8000-000000000001', name: '吴志强' },
    ...overrides,
  };
}

const row = (username: string): HTMLElement => {
  const found = screen
    .getAllByTestId('panel-row')
    .find((tr) => tr.dataset['username'] === username);
  if (!found) throw new Error(`no row for ${username}`);
  return found;
};

describe('the judging panel of a round', () => {
  let saves: RecordedCall[];
  beforeEach(() => {
    resetApp(`/judging/rounds/${ROUND_ID}/panel`, sessionUser([grant('organiser')]));
    saves = [];
  });

  it('shows who is on the panel, their stations and whom they stand aside for', async () => {
    fakeApi({ [`GET ${PANEL}`]: { body: panelView() } });
    render(App);
    await screen.findByTestId('panel-table');
    const zheng = row('zheng.haitao');
    expect((within(zheng).getByRole('checkbox') as HTMLInputElement).checked).toBe(true);
    expect((within(zheng).getByLabelText('郑海涛 负责的工位') as HTMLInputElement).value).toBe(
      '1-5',
    );
    expect(zheng.textContent).toContain('回避：一汽集团');
    expect(zheng.textContent).toContain('评 5 份，回避 1 份');
    expect((within(row('wang.li')).getByRole('checkbox') as HTMLInputElement).checked).toBe(false);
    expect(screen.getByTestId('panel-head-judge').textContent).toBe('吴志强');
  });

  it('checks seats and stations before saving, then saves the panel', async () => {
    fakeApi({
      [`GET ${PANEL}`]: { body: panelView() },
      [`PUT ${PANEL}`]: (call) => {
        saves.push(call);
        return { body: panelView() };
      },
    });
    render(App);
    await screen.findByTestId('panel-table');
    const wang = row('wang.li');
    await fireEvent.click(within(wang).getByRole('checkbox'));
    await fireEvent.input(within(wang).getByLabelText('王丽 的席位'), { target: { value: '1' } });
    await fireEvent.input(within(wang).getByLabelText('王丽 负责的工位'), {
      target: { value: '6-x' },
    });
    await fireEvent.click(screen.getByRole('button', { name: '保存裁判分配' }));
    expect(wang.textContent).toContain('席位号重复');
    expect(wang.textContent).toContain('工位格式应为“1-10, 12”');
    expect(saves).toEqual([]);

    await fireEvent.input(within(wang).getByLabelText('王丽 的席位'), { target: { value: '2' } });
    await fireEvent.input(within(wang).getByLabelText('王丽 负责的工位'), {
      target: { value: '6-8' },
    });
    await fireEvent.input(within(wang).getByLabelText('王丽 负责的评分点'), {
      target: { value: 'finish, thread' },
    });
    await fireEvent.click(screen.getByRole('button', { name: '保存裁判分配' }));
    await screen.findByText('裁判分配已保存，评分表已生成。');
    expect(saves[0]?.body).toEqual({
      assignments: [
        {
          judgeUserId: ZHENG,
          seat: 1,
          sessionIds: null,
          stations: [1, 2, 3, 4, 5],
          aspectIds: null,
        },
        {
          judgeUserId: WANG,
          seat: 2,
          sessionIds: null,
          stations: [6, 7, 8],
          aspectIds: ['finish', 'thread'],
        },
      ],
    });
  });

  it('puts the API’s objection beside the judge it is about', async () => {
    fakeApi({
      [`GET ${PANEL}`]: { body: panelView() },
      [`PUT ${PANEL}`]: errorBody(400, 'validation.failed', '请求有误', {
        issues: [{ path: 'assignments[0].aspectIds', message: '评分标准中没有“polish”' }],
      }),
    });
    render(App);
    await screen.findByTestId('panel-table');
    await fireEvent.input(within(row('zheng.haitao')).getByLabelText('郑海涛 负责的评分点'), {
      target: { value: 'polish' },
    });
    await fireEvent.click(screen.getByRole('button', { name: '保存裁判分配' }));
    await waitFor(() =>
      expect(row('zheng.haitao').textContent).toContain('评分标准中没有“polish”'),
    );
  });

  it('fills the table with the balanced proposal and names the entries left short', async () => {
    const proposals: RecordedCall[] = [];
    fakeApi({
      [`GET ${PANEL}`]: { body: panelView({ assignments: [] }) },
      [`POST ${PANEL}/proposal`]: (call) => {
        proposals.push(call);
        return {
          body: {
            assignments: [
              {
                judgeUserId: WANG,
                seat: 1,
                sessionIds: null,
                stations: [1, 2, 3],
                aspectIds: null,
              },
              { judgeUserId: LIU, seat: 2, sessionIds: null, stations: null, aspectIds: null },
            ],
            load: [
              { judgeUserId: WANG, entries: 3, recused: 0 },
              { judgeUserId: LIU, entries: 6, recused: 0 },
            ],
            shortfalls: [
              { entryId: '44444444-0000-4000-8000-000000000001', code: 'A017', judges: 1 },
            ],
          },
        };
      },
    });
    render(App);
    await screen.findByTestId('panel-table');
    await fireEvent.input(screen.getByLabelText('每位选手的裁判人数'), { target: { value: '2' } });
    await fireEvent.click(screen.getByRole('button', { name: '生成均衡分配建议' }));
    const proposal = await screen.findByTestId('panel-proposal');
    expect(proposals[0]?.body).toEqual({ judgesPerEntry: 2 });
    expect(proposal.textContent).toContain('王丽：评 3 份，回避 0 份');
    expect(proposal.textContent).toContain('因回避，以下选手的裁判人数不足：A017');
    expect((within(row('wang.li')).getByRole('checkbox') as HTMLInputElement).checked).toBe(true);
    expect(
      (within(row('wang.li')).getByLabelText('王丽 负责的工位') as HTMLInputElement).value,
    ).toBe('1-3');
    expect((within(row('zheng.haitao')).getByRole('checkbox') as HTMLInputElement).checked).toBe(
      false,
    );
  });
});
