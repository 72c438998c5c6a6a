import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import { errorBody, fakeApi } from '../../test/fetch';
import {
  COMPETITION_ID,
  grant,
  REGISTRATION_ID,
  registrationView,
  sessionUser,
} from '../../test/fixtures';
import { resetApp } from '../../test/reset';

const competitor = sessionUser([grant('competitor')], { displayName: '王建国' });
const WELDING_ID = 'c1d2e3f4-0000-4a5b-8c6d-7e8f9a0b1c2d';
const WITHDRAW_PATH = `/api/v1/competitions/${COMPETITION_ID}/registrations/${REGISTRATION_ID}/withdraw`;

const entries = () => screen.findAllByTestId('my-registration');

describe('my registrations', () => {
  beforeEach(() => resetApp('/me/registrations', competitor));

  it('shows each entry with its status, the rejection reason and the candidate number', async () => {
    fakeApi({
      // The schedule below the list (pages/draw/MySchedule.svelte).
      'GET /api/v1/me/placements': { body: [] },
      'GET /api/v1/me/registrations': {
        body: [
          registrationView({ status: 'approved', candidateNumber: null }),
          registrationView({
            id: WELDING_ID,
            eventName: '焊工',
            status: 'rejected',
            reason: '技能等级证书未上传，请补充后重新报名',
          }),
          registrationView({
            id: 'd2e3f4a5-0000-4b6c-9d7e-8f9a0b1c2d3e',
            eventName: '电工',
            status: 'approved',
            candidateNumber: 'JL2026-0042',
          }),
        ],
      },
    });
    render(App);
    const [turning, welding, electrician] = await entries();

    expect(within(turning!).getByTestId('registration-status').textContent?.trim()).toBe('已通过');
    expect(within(turning!).getByTestId('candidate-number').textContent?.trim()).toBe('待抽签分配');
    expect(within(welding!).getByTestId('registration-status').textContent?.trim()).toBe('未通过');
    expect(within(welding!).getByTestId('rejection-reason').textContent).toContain(
      '技能等级证书未上传，请补充后重新报名',
    );
    expect(within(welding!).queryByRole('button', { name: '退出报名' })).toBeNull();
    expect(within(electrician!).getByTestId('candidate-number').textContent?.trim()).toBe(
      'JL2026-0042',
    );
    expect(within(turning!).queryByTestId('rejection-reason')).toBeNull();
  });

  it('is in the competitors’ navigation and says when there is nothing yet', async () => {
    fakeApi({
      // The schedule below the list (pages/draw/MySchedule.svelte).
      'GET /api/v1/me/placements': { body: [] },
      'GET /api/v1/me/registrations': { body: [] },
    });
    render(App);
    expect(await screen.findByText('您还没有报名任何竞赛项目。')).toBeTruthy();
    expect(screen.getByRole('link', { name: '我的报名' }).getAttribute('href')).toBe(
      '/me/registrations',
    );
  });

  it('withdraws only after confirmation, with the optional reason', async () => {
    let withdrawn = false;
    const { calls } = fakeApi({
      // The schedule below the list (pages/draw/MySchedule.svelte).
      'GET /api/v1/me/placements': { body: [] },
      'GET /api/v1/me/registrations': () => ({
        body: [registrationView(withdrawn ? { status: 'withdrawn', reason: '工作调动' } : {})],
      }),
      [`POST ${WITHDRAW_PATH}`]: () => {
        withdrawn = true;
        return { body: registrationView({ status: 'withdrawn', reason: '工作调动' }) };
      },
    });
    render(App);
    const [entry] = await entries();
    expect(within(entry!).getByTestId('registration-status').textContent?.trim()).toBe('已提交');

    await fireEvent.click(within(entry!).getByRole('button', { name: '退出报名' }));
    expect(screen.getByText('确定退出“数控车工”的报名吗？退出后不能恢复。')).toBeTruthy();
    expect(calls.some((call) => call.method === 'POST')).toBe(false);

    await fireEvent.input(screen.getByLabelText('退出原因（选填）'), {
      target: { value: ' 工作调动 ' },
    });
    await fireEvent.click(screen.getByRole('button', { name: '确认退出' }));

    expect(await screen.findByText('已退出“数控车工”的报名。')).toBeTruthy();
    await waitFor(async () =>
      expect(
        within((await entries())[0]!)
          .getByTestId('registration-status')
          .textContent?.trim(),
      ).toBe('已退出'),
    );
    const post = calls.find((call) => call.method === 'POST');
    expect(post?.path).toBe(WITHDRAW_PATH);
    expect(post?.body).toEqual({ reason: '工作调动' });
  });

  it('keeps the confirmation open and says why when withdrawal fails', async () => {
    fakeApi({
      // The schedule below the list (pages/draw/MySchedule.svelte).
      'GET /api/v1/me/placements': { body: [] },
      'GET /api/v1/me/registrations': { body: [registrationView({ status: 'approved' })] },
      [`POST ${WITHDRAW_PATH}`]: errorBody(409, 'registration.transition', '已过退出截止时间'),
    });
    render(App);
    const [entry] = await entries();
    await fireEvent.click(within(entry!).getByRole('button', { name: '退出报名' }));
    await fireEvent.click(screen.getByRole('button', { name: '确认退出' }));
    expect((await screen.findByRole('alert')).textContent).toContain('已过退出截止时间');
    expect(screen.getByRole('button', { name: '确认退出' })).toBeTruthy();
  });
});
