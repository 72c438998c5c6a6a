import type { CreateUserRequest } from '@jingsai/contracts';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import { fieldError } from '../../test/dom';
import { errorBody, fakeApi } from '../../test/fetch';
import { COMPETITION_ID, competition, grant, sessionUser, userSummary } from '../../test/fixtures';
import { resetApp } from '../../test/reset';
import UsersAdminPage from './UsersAdminPage.svelte';

const LI_NA = userSummary();
const NEW_ID = '7e8f9a0b-5555-4c1d-8e2f-3a4b5c6d7e8f';

describe('user administration', () => {
  beforeEach(() => resetApp('/admin/users', sessionUser([grant('platform_admin')])));

  it('lists users with their roles and where they hold them', async () => {
    fakeApi({ 'GET /api/v1/users': { body: [LI_NA] } });
    render(UsersAdminPage);

    const row = await screen.findByTestId('user-row');
    expect(within(row).getByText('li.na')).toBeTruthy();
    expect(within(row).getByText('李娜')).toBeTruthy();
    expect(within(row).getByText('裁判')).toBeTruthy();
    expect(within(row).getByText('十百千')).toBeTruthy();
  });

  it('shows a temporary password once after a confirmed reset', async () => {
    const { calls } = fakeApi({
      'GET /api/v1/users': { body: [LI_NA] },
      [`POST /api/v1/users/${LI_NA.id}/password-reset`]: {
        body: { temporaryPassword: 'Kx7-pQ2m-9Lr' },
      },
    });
    render(UsersAdminPage);
    await fireEvent.click(await screen.findByRole('button', { name: '重置密码' }));
    expect(screen.getByText('确定重置 李娜 的密码？')).toBeTruthy();
    expect(calls.some((call) => call.method === 'POST')).toBe(false);

    await fireEvent.click(screen.getByRole('button', { name: '确认重置' }));
    expect((await screen.findByTestId('temporary-password')).textContent).toBe('Kx7-pQ2m-9Lr');

    await fireEvent.click(screen.getByRole('button', { name: '我已记下' }));
    expect(screen.queryByTestId('temporary-password')).toBeNull();
    expect(screen.queryByText('Kx7-pQ2m-9Lr')).toBeNull();
  });

  it('creates a judge for a competition and adds them to the list', async () => {
    const { calls } = fakeApi({
      'GET /api/v1/users': { body: [LI_NA] },
      'GET /api/v1/organisations': { body: [] },
      'GET /api/v1/competitions': { body: [competition()] },
      'POST /api/v1/users': (call) => {
        const body = call.body as CreateUserRequest;
        return {
          status: 201,
          body: userSummary({
            id: NEW_ID,
            username: body.username,
            displayName: body.displayName,
            roles: [
              grant('judge', {
                scopeType: 'competition',
                scopeId: COMPETITION_ID,
                scopeName: '十百千',
              }),
            ],
          }),
        };
      },
    });
    render(UsersAdminPage);
    await fireEvent.click(await screen.findByRole('button', { name: '新建用户' }));

    await fireEvent.input(screen.getByLabelText('用户名'), { target: { value: 'wang.fang' } });
    await fireEvent.input(screen.getByLabelText('姓名'), { target: { value: '王芳' } });
    await fireEvent.input(screen.getByLabelText('初始密码'), { target: { value: 'Welcome-2025' } });
    await fireEvent.change(screen.getByLabelText('角色'), { target: { value: 'judge' } });
    await fireEvent.click(screen.getByRole('button', { name: '创建用户' }));

    const scope = await screen.findByLabelText('范围（竞赛）');
    expect(fieldError(scope)).toBe('请选择范围');
    expect(calls.some((call) => call.method === 'POST')).toBe(false);

    await fireEvent.change(scope, { target: { value: COMPETITION_ID } });
    await fireEvent.click(screen.getByRole('button', { name: '创建用户' }));

    expect((await screen.findByText('已创建用户 wang.fang。')).getAttribute('role')).toBe('status');
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
      username: 'wang.fang',
      displayName: '王芳',
      password: 'Welcome-2025',
      roles: [{ role: 'judge', scopeType: 'competition', scopeId: COMPETITION_ID }],
    });
    expect(
      screen.getAllByTestId('user-row').map((row) => row.querySelector('td')?.textContent),
    ).toEqual(['li.na', 'wang.fang']);
  });

  it('puts a taken username under the username field', async () => {
    fakeApi({
      'GET /api/v1/users': { body: [] },
      'GET /api/v1/organisations': { body: [] },
      'GET /api/v1/competitions': { body: [] },
      'POST /api/v1/users': errorBody(409, 'user.username_taken', '用户名“li.na”已被使用'),
    });
    render(UsersAdminPage);
    await fireEvent.click(await screen.findByRole('button', { name: '新建用户' }));
    await fireEvent.input(screen.getByLabelText('用户名'), { target: { value: 'li.na' } });
    await fireEvent.input(screen.getByLabelText('姓名'), { target: { value: '李娜' } });
    await fireEvent.input(screen.getByLabelText('初始密码'), { target: { value: 'Welcome-2025' } });
    await fireEvent.change(screen.getByLabelText('角色'), { target: { value: 'platform_admin' } });
    await fireEvent.click(screen.getByRole('button', { name: '创建用户' }));

    await screen.findByText('用户名“li.na”已被使用');
    expect(fieldError(screen.getByLabelText('用户名'))).toBe('用户名“li.na”已被使用');
  });
});
