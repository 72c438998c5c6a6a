import type { SessionUser } from '@jingsai/contracts';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { errorBody, fakeApi } from '../../test/fetch';
import { grant, sessionUser } from '../../test/fixtures';
import { resetApp } from '../../test/reset';
import { router } from '../router.svelte';
import { session } from '../session.svelte';
import AppHeader from './AppHeader.svelte';

function navLinks(): string[] {
  const nav = screen.getByRole('navigation', { name: '主导航' });
  return within(nav)
    .getAllByRole('link')
    .map((link) => link.textContent?.trim() ?? '');
}

function renderFor(user: SessionUser | null): void {
  resetApp('/', user);
  render(AppHeader);
}

describe('header navigation', () => {
  beforeEach(() => {
    fakeApi({});
  });

  it('offers the admin areas to a platform administrator', () => {
    renderFor(sessionUser([grant('platform_admin')]));
    expect(navLinks()).toEqual(['工作台', '新建竞赛', '组织机构', '用户管理']);
  });

  it('offers an organiser competition building but not user administration', () => {
    renderFor(sessionUser([grant('organiser')]));
    expect(navLinks()).toEqual(['工作台', '新建竞赛', '组织机构']);
  });

  it('shows judges the dashboard and their judging queue', () => {
    renderFor(sessionUser([grant('judge')]));
    expect(navLinks()).toEqual(['工作台', '评分任务']);
  });

  it('offers competitors their own registrations', () => {
    renderFor(sessionUser([grant('competitor')]));
    expect(navLinks()).toEqual(['工作台', '我的报名']);
  });

  it('shows no navigation and no sign-out to a signed-out visitor, but the language switch', () => {
    renderFor(null);
    expect(screen.queryByRole('navigation')).toBeNull();
    expect(screen.queryByTestId('logout')).toBeNull();
    expect(screen.getByTestId('locale-switch').textContent?.trim()).toBe('English');
  });

  it('switches the whole header to English', async () => {
    renderFor(sessionUser([grant('platform_admin')]));
    await fireEvent.click(screen.getByTestId('locale-switch'));

    const nav = screen.getByRole('navigation', { name: 'Main navigation' });
    expect(
      within(nav)
        .getAllByRole('link')
        .map((link) => link.textContent?.trim()),
    ).toEqual(['Dashboard', 'New competition', 'Organisations', 'Users']);
    expect(screen.getByTestId('logout').textContent?.trim()).toBe('Sign out');
    expect(screen.getByTestId('locale-switch').textContent?.trim()).toBe('中文');
    expect(document.documentElement.lang).toBe('en');
  });

  it('opens and closes the menu on a phone', async () => {
    renderFor(sessionUser([grant('organiser')]));
    const toggle = screen.getByRole('button', { name: '菜单' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(document.getElementById('site-menu')?.classList.contains('open')).toBe(true);
  });
});

describe('sign-out', () => {
  it('signs out on the server, then shows the login page', async () => {
    const { calls } = fakeApi({ 'POST /api/v1/auth/logout': { status: 204 } });
    renderFor(sessionUser([grant('organiser')]));
    await fireEvent.click(screen.getByTestId('logout'));

    await vi.waitFor(() => expect(router.path).toBe('/login'));
    expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual([
      'POST /api/v1/auth/logout',
    ]);
    expect(session.user).toBeNull();
  });

  it('stays signed in and says so when the server cannot be reached', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('offline'))),
    );
    renderFor(sessionUser([grant('judge')]));
    await fireEvent.click(screen.getByTestId('logout'));

    expect((await screen.findByRole('alert')).textContent).toContain('退出登录失败');
    expect(session.user).not.toBeNull();
    expect(router.path).toBe('/');
  });

  it('treats an already expired session as signed out', async () => {
    fakeApi({ 'POST /api/v1/auth/logout': errorBody(401, 'auth.unauthenticated', '请先登录') });
    renderFor(sessionUser([grant('judge')]));
    await fireEvent.click(screen.getByTestId('logout'));
    await vi.waitFor(() => expect(router.path).toBe('/login'));
    expect(session.user).toBeNull();
  });
});
