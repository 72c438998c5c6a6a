import { fireEvent, render, screen } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../lib/i18n';
import { router } from '../lib/router.svelte';
import { session } from '../lib/session.svelte';
import { fieldError } from '../test/dom';
import { errorBody, fakeApi } from '../test/fetch';
import { grant, sessionUser } from '../test/fixtures';
import { resetApp } from '../test/reset';
import PasswordPage from './PasswordPage.svelte';

async function fill(current: string, next: string, confirm = next): Promise<void> {
  await fireEvent.input(screen.getByLabelText('当前密码'), { target: { value: current } });
  await fireEvent.input(screen.getByLabelText('新密码'), { target: { value: next } });
  await fireEvent.input(screen.getByLabelText('确认新密码'), { target: { value: confirm } });
  await fireEvent.click(screen.getByRole('button', { name: '修改密码' }));
}

const field = (label: string): string | null => fieldError(screen.getByLabelText(label));

describe('password change', () => {
  beforeEach(() => resetApp('/account/password', sessionUser([grant('judge')])));

  it('shows what is wrong with each field before asking the server', async () => {
    const { calls } = fakeApi({});
    render(PasswordPage);

    await fill('', 'short1');
    expect(field('当前密码')).toBe('此项为必填项');
    expect(field('新密码')).toBe('至少需要 10 个字符');

    await fill('old-password-1', 'onlylettershere');
    expect(field('当前密码')).toBeNull();
    expect(field('新密码')).toBe('须包含数字');

    await fill('old-password-1', 'new-password-22', 'new-password-23');
    expect(field('新密码')).toBeNull();
    expect(field('确认新密码')).toBe('两次输入的新密码不一致');

    expect(calls).toEqual([]);
  });

  it('explains the shared rules in English too', async () => {
    fakeApi({});
    i18n.setLocale('en');
    render(PasswordPage);
    await fireEvent.input(screen.getByLabelText('New password'), {
      target: { value: '1234567890' },
    });
    await fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect(fieldError(screen.getByLabelText('New password'))).toBe('must contain a letter');
  });

  it('puts the server’s “wrong current password” under that field', async () => {
    fakeApi({
      'POST /api/v1/auth/password': errorBody(400, 'auth.wrong_current_password', '当前密码不正确'),
    });
    render(PasswordPage);
    await fill('not-my-password-1', 'new-password-22');
    await vi.waitFor(() => expect(field('当前密码')).toBe('当前密码不正确'));
  });

  it('confirms the change and clears the form', async () => {
    const { calls } = fakeApi({ 'POST /api/v1/auth/password': { status: 204 } });
    render(PasswordPage);
    await fill('old-password-1', 'new-password-22');

    expect((await screen.findByRole('status')).textContent).toContain('密码已修改。');
    expect(calls[0]?.body).toEqual({
      currentPassword: 'old-password-1',
      newPassword: 'new-password-22',
    });
    expect((screen.getByLabelText('新密码') as HTMLInputElement).value).toBe('');
  });

  it('after a forced change, lets the person continue where they were going', async () => {
    resetApp(
      '/account/password?next=%2Fadmin%2Fusers',
      sessionUser([grant('platform_admin')], { mustChangePassword: true }),
    );
    fakeApi({ 'POST /api/v1/auth/password': { status: 204 } });
    render(PasswordPage);
    expect(screen.getByText('您正在使用临时密码，请先设置新密码再继续。')).toBeTruthy();
    await fill('Temp-password-9', 'new-password-22');

    await vi.waitFor(() => expect(router.path).toBe('/admin/users'));
    expect(session.user?.mustChangePassword).toBe(false);
  });
});
