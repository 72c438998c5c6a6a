import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import { errorBody, fakeApi } from '../test/fetch';
import { COMPETITION_ID, competition, grant, sessionUser } from '../test/fixtures';
import { resetApp } from '../test/reset';
import DashboardPage from './DashboardPage.svelte';

describe('dashboard', () => {
  beforeEach(() =>
    resetApp(
      '/',
      sessionUser([grant('organiser'), grant('platform_admin')], { displayName: '张伟' }),
    ),
  );

  it('greets the person, lists their roles and the competitions they can see', async () => {
    fakeApi({ 'GET /api/v1/competitions': { body: [competition()] } });
    render(DashboardPage);

    expect(screen.getByTestId('dashboard-title').textContent).toBe('工作台');
    expect(screen.getByText('您好，张伟')).toBeTruthy();
    expect(screen.getByText('组织者')).toBeTruthy();
    expect(screen.getByText('吉林省总工会', { selector: '.scope' })).toBeTruthy();
    expect(screen.getByText('全平台')).toBeTruthy();

    const card = await screen.findByTestId('competition-card');
    expect(card.getAttribute('href')).toBe(`/competitions/${COMPETITION_ID}`);
    expect(within(card).getByText('报名中')).toBeTruthy();
    expect(within(card).getByText('2025 年度')).toBeTruthy();
    expect(within(card).getByText('2025年5月10日 至 2025年10月31日')).toBeTruthy();
    expect(within(card).getByText('3 个比赛项目')).toBeTruthy();
  });

  it('offers organisers a new competition and the setup of each one', async () => {
    fakeApi({ 'GET /api/v1/competitions': { body: [competition()] } });
    render(DashboardPage);

    expect(screen.getByRole('link', { name: /新建竞赛/ }).getAttribute('href')).toBe(
      '/competitions/new',
    );
    const setup = await screen.findByTestId('competition-setup-link');
    expect(setup.getAttribute('href')).toBe(`/competitions/${COMPETITION_ID}/setup`);
    expect(setup.getAttribute('aria-label')).toBe(`竞赛设置：${competition().name}`);
  });

  it('offers judges and coordinators neither', async () => {
    resetApp(
      '/',
      sessionUser([
        grant('judge', { scopeType: 'competition', scopeId: COMPETITION_ID }),
        grant('coordinator'),
      ]),
    );
    fakeApi({ 'GET /api/v1/competitions': { body: [competition()] } });
    render(DashboardPage);

    await screen.findByTestId('competition-card');
    expect(screen.queryByRole('link', { name: /新建竞赛/ })).toBeNull();
    expect(screen.queryByTestId('competition-setup-link')).toBeNull();
  });

  it('says so when there is nothing to show', async () => {
    fakeApi({ 'GET /api/v1/competitions': { body: [] } });
    render(DashboardPage);
    expect(await screen.findByText('暂无您可以查看的竞赛。')).toBeTruthy();
  });

  it('shows a failed load with its reference and loads again on retry', async () => {
    let attempts = 0;
    fakeApi({
      'GET /api/v1/competitions': () =>
        ++attempts === 1
          ? errorBody(500, 'internal', '服务器内部错误，请将编号 c-1 告知管理员', {
              correlationId: 'c-1',
            })
          : { body: [competition()] },
    });
    render(DashboardPage);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('服务器内部错误');
    expect(alert.textContent).toContain('错误编号：c-1');
    await fireEvent.click(within(alert).getByRole('button', { name: '重试' }));
    expect(await screen.findByTestId('competition-card')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
