import type { RegistrationView, SessionUser } from '@jingsai/contracts';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import { fieldError } from '../../test/dom';
import { errorBody, fakeApi, type FakeReply, type RecordedCall } from '../../test/fetch';
import {
  COMPETITION_ID,
  competition,
  ENTERPRISE_ID,
  EVENT_ID,
  eventView,
  grant,
  openCompetition,
  REGISTRATION_ID,
  registrationView,
  RESIDENT_ID,
  sessionUser,
} from '../../test/fixtures';
import { resetApp } from '../../test/reset';

const PAGE_PATH = `/competitions/${COMPETITION_ID}/registrations`;
const LIST = `/api/v1/competitions/${COMPETITION_ID}/registrations`;
const REVIEW = `${LIST}/${REGISTRATION_ID}/review`;
const organiser = sessionUser([grant('organiser')]);
const coordinator = sessionUser([
  grant('coordinator', { scopeId: ENTERPRISE_ID, scopeName: '中国第一汽车集团有限公司' }),
]);

function renderConsole(
  user: SessionUser,
  items: () => RegistrationView[],
  routes: Record<string, FakeReply | ((call: RecordedCall) => FakeReply)> = {},
) {
  resetApp(PAGE_PATH, user);
  const api = fakeApi({
    [`GET /api/v1/competitions/${COMPETITION_ID}`]: {
      body: { ...competition(), events: [eventView()] },
    },
    'GET /api/v1/public/competitions': { body: [openCompetition()] },
    [`GET ${LIST}`]: () => ({ body: { total: items().length, items: items() } }),
    ...routes,
  });
  render(App);
  return api;
}

const rows = () => screen.findAllByTestId('registration-row');
const posts = (calls: RecordedCall[]) => calls.filter((call) => call.method === 'POST');

describe('registrations console', () => {
  beforeEach(() => resetApp(PAGE_PATH, organiser));

  it('lists registrations with full documents for organisers, with review actions', async () => {
    renderConsole(organiser, () => [registrationView()]);
    const [row] = await rows();
    const cells = within(row!);
    expect(cells.getByText('王建国')).toBeTruthy();
    expect(cells.getByText(RESIDENT_ID)).toBeTruthy();
    expect(cells.getByText('13812345678')).toBeTruthy();
    expect(cells.getByText('已提交')).toBeTruthy();
    expect(cells.getByText('本人报名')).toBeTruthy();
    expect(cells.getByRole('button', { name: '通过 王建国' })).toBeTruthy();
    expect(cells.getByRole('button', { name: '驳回 王建国' })).toBeTruthy();
    expect(cells.getByRole('button', { name: '候补 王建国' })).toBeTruthy();
    expect(screen.queryByText(/已部分隐藏/)).toBeNull();
  });

  it('shows coordinators masked documents and no review buttons', async () => {
    renderConsole(coordinator, () => [
      registrationView({ person: { documentNumber: '220102********2318', mobile: '138****5678' } }),
    ]);
    const [row] = await rows();
    const cells = within(row!);
    expect(cells.getByText('220102********2318')).toBeTruthy();
    expect(cells.getByText('138****5678')).toBeTruthy();
    expect(screen.getByText(/证件号码和手机号码已部分隐藏/)).toBeTruthy();
    expect(cells.queryByRole('button', { name: /^(通过|驳回|候补)/ })).toBeNull();
    expect(cells.getByRole('button', { name: '退出 王建国' })).toBeTruthy();
  });

  it('will not reject without a reason, then sends the reason the competitor will see', async () => {
    let status: RegistrationView['status'] = 'submitted';
    const reason = '技能等级证书未上传';
    const { calls } = renderConsole(organiser, () => [registrationView({ status })], {
      [`POST ${REVIEW}`]: (call) => {
        status = 'rejected';
        const body = call.body as { reason: string };
        return { body: registrationView({ status, reason: body.reason }) };
      },
    });
    const [row] = await rows();
    await fireEvent.click(within(row!).getByRole('button', { name: '驳回 王建国' }));
    const dialog = screen.getByRole('dialog', { name: '驳回 王建国 的报名' });
    await fireEvent.click(within(dialog).getByRole('button', { name: '驳回' }));

    expect(fieldError(within(dialog).getByLabelText('驳回理由（选手可见）'))).toBe(
      '驳回须填写理由（选手可见）',
    );
    expect(posts(calls)).toEqual([]);

    await fireEvent.input(within(dialog).getByLabelText('驳回理由（选手可见）'), {
      target: { value: reason },
    });
    await fireEvent.click(within(dialog).getByRole('button', { name: '驳回' }));

    expect(await screen.findByText('王建国：未通过')).toBeTruthy();
    expect(posts(calls).map((call) => [call.path, call.body])).toEqual([
      [REVIEW, { decision: 'rejected', reason }],
    ]);
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(async () => expect(within((await rows())[0]!).getByText('未通过')).toBeTruthy());
  });

  it('approves and waitlists after confirmation', async () => {
    const { calls } = renderConsole(organiser, () => [registrationView()], {
      [`POST ${REVIEW}`]: (call) => ({
        body: registrationView({ status: (call.body as { decision: 'approved' }).decision }),
      }),
    });
    const [row] = await rows();
    await fireEvent.click(within(row!).getByRole('button', { name: '通过 王建国' }));
    const dialog = screen.getByRole('dialog', { name: '确定通过 王建国 的报名吗？' });
    expect(posts(calls)).toEqual([]);
    await fireEvent.click(within(dialog).getByRole('button', { name: '通过' }));
    expect(await screen.findByText('王建国：已通过')).toBeTruthy();

    await fireEvent.click(within((await rows())[0]!).getByRole('button', { name: '候补 王建国' }));
    await fireEvent.click(screen.getByRole('button', { name: '取消' }));
    expect(screen.queryByRole('dialog')).toBeNull();

    expect(posts(calls).map((call) => call.body)).toEqual([{ decision: 'approved', reason: null }]);
  });

  it('filters by status and searches by name, starting again from the first page', async () => {
    const { calls } = renderConsole(organiser, () => [registrationView()]);
    await rows();
    await fireEvent.change(screen.getByLabelText('状态'), { target: { value: 'rejected' } });
    await waitFor(() => expect(calls.at(-1)?.query.get('status')).toBe('rejected'));

    await fireEvent.input(screen.getByLabelText('搜索姓名或参赛编号'), {
      target: { value: '王建国' },
    });
    await fireEvent.click(screen.getByRole('button', { name: '搜索' }));
    await waitFor(() => expect(calls.at(-1)?.query.get('q')).toBe('王建国'));
    const last = calls.at(-1)!;
    expect(last.path).toBe(LIST);
    expect(last.query.get('status')).toBe('rejected');
    expect(last.query.get('offset')).toBe('0');
  });

  it('pages through a long list', async () => {
    const { calls } = renderConsole(organiser, () => [registrationView()], {
      [`GET ${LIST}`]: { body: { total: 45, items: [registrationView()] } },
    });
    await rows();
    expect(screen.getByText('第 1 / 3 页')).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: '下一页' }));
    await waitFor(() => expect(calls.at(-1)?.query.get('offset')).toBe('20'));
    expect(await screen.findByText('第 2 / 3 页')).toBeTruthy();
  });

  it('adds one competitor and shows the server’s objections by field', async () => {
    const { calls } = renderConsole(organiser, () => [], {
      [`POST ${LIST}`]: errorBody(409, 'registration.rejected', '报名未通过校验', {
        issues: [{ path: 'person.mobile', message: '该手机号已被其他选手使用' }],
      }),
    });
    await screen.findByText('没有符合条件的报名。');
    await fireEvent.click(screen.getByRole('button', { name: '+ 添加报名' }));
    await fireEvent.change(screen.getByLabelText('报名项目'), { target: { value: EVENT_ID } });
    await fireEvent.input(screen.getByLabelText('姓名'), { target: { value: '李娜' } });
    await fireEvent.input(screen.getByLabelText('证件号码'), { target: { value: RESIDENT_ID } });
    await fireEvent.input(screen.getByLabelText('手机号码'), {
      target: { value: '13900001111' },
    });
    await fireEvent.change(screen.getByLabelText('所在企业'), {
      target: { value: ENTERPRISE_ID },
    });
    await fireEvent.click(screen.getByRole('button', { name: '添加' }));

    await waitFor(() =>
      expect(fieldError(screen.getByLabelText('手机号码'))).toBe('该手机号已被其他选手使用'),
    );
    expect(posts(calls)[0]?.body).toMatchObject({
      eventId: EVENT_ID,
      person: { name: '李娜', documentNumber: RESIDENT_ID, enterpriseId: ENTERPRISE_ID },
    });
  });

  it('is linked from the competition page for organisers and coordinators only', async () => {
    for (const [user, linked] of [
      [organiser, true],
      [coordinator, true],
      [sessionUser([grant('judge')]), false],
    ] as const) {
      resetApp(`/competitions/${COMPETITION_ID}`, user);
      fakeApi({
        [`GET /api/v1/competitions/${COMPETITION_ID}`]: { body: { ...competition(), events: [] } },
      });
      const { unmount } = render(App);
      await screen.findByRole('heading', { level: 1, name: competition().name });
      const link = screen.queryByRole('link', { name: '报名管理' });
      expect(link?.getAttribute('href') ?? null).toBe(linked ? PAGE_PATH : null);
      unmount();
    }
  });
});
