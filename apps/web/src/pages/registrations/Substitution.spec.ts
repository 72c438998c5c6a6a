import type { RegistrationHistoryEntry, RegistrationView } from '@jingsai/contracts';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import { fieldError } from '../../test/dom';
import { errorBody, fakeApi, type FakeReply, type RecordedCall } from '../../test/fetch';
import {
  COMPETITION_ID,
  competition,
  ENTERPRISE_ID,
  eventView,
  grant,
  openCompetition,
  REGISTRATION_ID,
  registrationView,
  sessionUser,
} from '../../test/fixtures';
import { resetApp } from '../../test/reset';

const PAGE_PATH = `/competitions/${COMPETITION_ID}/registrations`;
const LIST = `/api/v1/competitions/${COMPETITION_ID}/registrations`;
const SUBSTITUTE = `${LIST}/${REGISTRATION_ID}/substitute`;
const coordinator = sessionUser([
  grant('coordinator', { scopeId: ENTERPRISE_ID, scopeName: '中国第一汽车集团有限公司' }),
]);
/** Another valid resident ID (check digit 4), born 1988-05-12, a man. */
const REPLACEMENT_ID = '220102198805120014';

function renderConsole(
  items: () => RegistrationView[],
  routes: Record<string, FakeReply | ((call: RecordedCall) => FakeReply)> = {},
) {
  resetApp(PAGE_PATH, coordinator);
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

async function fillReplacement(dialog: HTMLElement): Promise<void> {
  const inside = within(dialog);
  await fireEvent.input(inside.getByLabelText('姓名'), { target: { value: '李卫东' } });
  await fireEvent.input(inside.getByLabelText('证件号码'), { target: { value: REPLACEMENT_ID } });
  await fireEvent.input(inside.getByLabelText('手机号码'), { target: { value: '13904310001' } });
}

describe('substitution in the registrations console', () => {
  beforeEach(() => resetApp(PAGE_PATH, coordinator));

  it('replaces the worker with one of the same enterprise and says who replaced whom', async () => {
    let current = registrationView({ status: 'approved' });
    const { calls } = renderConsole(() => [current], {
      [`POST ${SUBSTITUTE}`]: (call) => {
        const body = call.body as { person: { name: string } };
        current = registrationView({ status: 'approved', person: { name: body.person.name } });
        return { body: current };
      },
    });
    const [row] = await screen.findAllByTestId('registration-row');
    await fireEvent.click(within(row!).getByRole('button', { name: '换人 王建国' }));
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByText(/同一企业（中国第一汽车集团有限公司）/)).toBeTruthy();

    // Without a reason nothing is sent.
    await fillReplacement(dialog);
    await fireEvent.click(within(dialog).getByRole('button', { name: '确认换人' }));
    expect(fieldError(within(dialog).getByLabelText('换人原因'))).toBe('此项为必填项');
    expect(calls.filter((call) => call.method === 'POST')).toHaveLength(0);

    await fireEvent.input(within(dialog).getByLabelText('换人原因'), {
      target: { value: '原选手因伤不能参赛' },
    });
    await fireEvent.click(within(dialog).getByRole('button', { name: '确认换人' }));
    await waitFor(() => expect(calls.filter((call) => call.method === 'POST')).toHaveLength(1));
    expect(calls.find((call) => call.method === 'POST')!.body).toMatchObject({
      reason: '原选手因伤不能参赛',
      person: { name: '李卫东', documentNumber: REPLACEMENT_ID, enterpriseId: ENTERPRISE_ID },
    });
    expect(await screen.findByText('已由“李卫东”替换“王建国”')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows a refusal after the deadline without closing the form', async () => {
    renderConsole(() => [registrationView({ status: 'approved' })], {
      [`POST ${SUBSTITUTE}`]: errorBody(
        409,
        'registration.substitution_closed',
        '换人截止时间（2026-01-10 18:00）已过，不能再换人',
      ),
    });
    const [row] = await screen.findAllByTestId('registration-row');
    await fireEvent.click(within(row!).getByRole('button', { name: '换人 王建国' }));
    const dialog = screen.getByRole('dialog');
    await fillReplacement(dialog);
    await fireEvent.input(within(dialog).getByLabelText('换人原因'), { target: { value: '调整' } });
    await fireEvent.click(within(dialog).getByRole('button', { name: '确认换人' }));
    expect(await within(dialog).findByText(/换人截止时间（2026-01-10 18:00）已过/)).toBeTruthy();
    expect(within(dialog).getByLabelText<HTMLInputElement>('姓名').value).toBe('李卫东');
  });

  it('offers no substitution for withdrawn entries, and shows an entry’s history', async () => {
    const history: RegistrationHistoryEntry[] = [
      {
        at: '2026-11-20T02:30:00.000Z',
        action: 'registration.create',
        actorName: '一汽集团工会 周干事',
        before: null,
        after: { status: 'submitted' },
      },
      {
        at: '2026-11-21T02:30:00.000Z',
        action: 'registration.substitute',
        actorName: '一汽集团工会 周干事',
        before: { name: '王建国' },
        after: { name: '李卫东', reason: '因伤' },
      },
    ];
    renderConsole(() => [registrationView({ status: 'withdrawn' })], {
      [`GET ${LIST}/${REGISTRATION_ID}/history`]: { body: history },
    });
    const [row] = await screen.findAllByTestId('registration-row');
    expect(within(row!).queryByRole('button', { name: '换人 王建国' })).toBeNull();
    await fireEvent.click(within(row!).getByRole('button', { name: '记录 王建国' }));
    const entries = await screen.findAllByTestId('history-entry');
    expect(entries.map((entry) => entry.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      expect.stringMatching(/^报名 已提交 .*操作人：一汽集团工会 周干事$/),
      expect.stringMatching(/^换人 王建国 → 李卫东 /),
    ]);
  });
});
