import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../App.svelte';
import { router } from '../lib/router.svelte';
import { session } from '../lib/session.svelte';
import { asButton, fieldError } from '../test/dom';
import { errorBody, fakeApi } from '../test/fetch';
import { COMPETITION_ID, competition, grant, sessionUser } from '../test/fixtures';
import { resetApp } from '../test/reset';

const signedOut = errorBody(401, 'auth.unauthenticated', '请先登录');

async function signIn(username: string, password: string): Promise<HTMLButtonElement> {
  await fireEvent.input(await screen.findByLabelText('用户名'), { target: { value: username } });
  await fireEvent.input(screen.getByLabelText('密码'), { target: { value: password } });
  const submit = asButton(screen.getByRole('button', { name: '登录' }));
  await fireEvent.click(submit);
  return submit;
}

describe('login page', () => {
  beforeEach(() => resetApp('/login'));

  it('shows the server’s message for wrong credentials and stays on the page', async () => {
    fakeApi({
      'GET /api/v1/auth/me': signedOut,
      'POST /api/v1/auth/login': errorBody(401, 'auth.invalid_credentials', '用户名或密码错误'),
    });
    render(App);
    await signIn('zhang.wei', 'wrong-password');

    expect((await screen.findByRole('alert')).textContent).toContain('用户名或密码错误');
    expect(router.path).toBe('/login');
    expect(session.user).toBeNull();
  });

  it('when throttled, shows the wait and blocks the button until it is over', async () => {
    fakeApi({
      'GET /api/v1/auth/me': signedOut,
      'POST /api/v1/auth/login': {
        ...errorBody(429, 'auth.throttled', '登录失败次数过多，请 1 秒后再试'),
        headers: { 'Retry-After': '1' },
      },
    });
    render(App);
    const submit = await signIn('zhang.wei', 'wrong-password');

    expect((await screen.findByRole('alert')).textContent).toContain(
      '登录失败次数过多，请 1 秒后再试',
    );
    expect(submit.disabled).toBe(true);
    expect(submit.textContent?.trim()).toBe('请 1 秒后再试');
    await waitFor(() => expect(submit.disabled).toBe(false), { timeout: 3000 });
    expect(submit.textContent?.trim()).toBe('登录');
  });

  it('asks for missing fields without calling the server', async () => {
    const { calls } = fakeApi({ 'GET /api/v1/auth/me': signedOut });
    render(App);
    await signIn('', '');

    expect(fieldError(screen.getByLabelText('用户名'))).toBe('此项为必填项');
    expect(fieldError(screen.getByLabelText('密码'))).toBe('此项为必填项');
    expect(calls.map((call) => call.path)).toEqual(['/api/v1/auth/me']);
  });

  it('after signing in, goes where the person was heading', async () => {
    resetApp(`/login?next=${encodeURIComponent(`/competitions/${COMPETITION_ID}`)}`);
    fakeApi({
      'GET /api/v1/auth/me': signedOut,
      'POST /api/v1/auth/login': { body: sessionUser([grant('organiser')]) },
      [`GET /api/v1/competitions/${COMPETITION_ID}`]: { body: { ...competition(), events: [] } },
    });
    render(App);
    await signIn('zhang.wei', 'correct-horse-1');

    expect(await screen.findByRole('heading', { level: 1, name: competition().name })).toBeTruthy();
    expect(router.path).toBe(`/competitions/${COMPETITION_ID}`);
  });

  it('sends someone with a temporary password to the password page first', async () => {
    fakeApi({
      'GET /api/v1/auth/me': signedOut,
      'POST /api/v1/auth/login': {
        body: sessionUser([grant('judge')], { mustChangePassword: true }),
      },
    });
    render(App);
    await signIn('li.na', 'Temp-password-9');

    expect(await screen.findByText('您正在使用临时密码，请先设置新密码再继续。')).toBeTruthy();
    expect(router.path).toBe('/account/password');
  });

  it('sends a signed-out visitor of a page to the login page and keeps the way back', async () => {
    resetApp('/admin/users');
    fakeApi({ 'GET /api/v1/auth/me': signedOut });
    render(App);

    expect(await screen.findByRole('heading', { level: 1, name: '登录' })).toBeTruthy();
    expect(router.path).toBe('/login');
    expect(router.param('next')).toBe('/admin/users');
  });
});
