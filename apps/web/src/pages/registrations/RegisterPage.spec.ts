import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import { asButton, fieldError } from '../../test/dom';
import { errorBody, fakeApi, type RecordedCall } from '../../test/fetch';
import {
  COMPETITION_ID,
  ENTERPRISE_ID,
  EVENT_ID,
  openCompetition,
  registrationView,
  RESIDENT_ID,
} from '../../test/fixtures';
import { resetApp } from '../../test/reset';

const signedOut = errorBody(401, 'auth.unauthenticated', '请先登录');
const SUBMIT_PATH = `/api/v1/public/competitions/${COMPETITION_ID}/registrations`;

async function type(label: string | RegExp, value: string): Promise<void> {
  await fireEvent.input(screen.getByLabelText(label), { target: { value } });
}

async function choose(label: string | RegExp, value: string): Promise<void> {
  await fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

/** Everything a worker fills in, correctly. */
async function fillValidForm(): Promise<void> {
  await choose('报名项目', EVENT_ID);
  await type('姓名', '王建国');
  await type('证件号码', RESIDENT_ID);
  await type('手机号码', '138 1234 5678');
  await choose('技能等级', '3');
  await choose('所在企业', ENTERPRISE_ID);
  await type('用户名', 'wang.jianguo');
  await type('密码', 'Worker2026pass');
  await type('确认密码', 'Worker2026pass');
}

const submit = () => fireEvent.click(asButton(screen.getByRole('button', { name: '提交报名' })));

function renderRegister(routes: Parameters<typeof fakeApi>[0] = {}) {
  const api = fakeApi({
    'GET /api/v1/auth/me': signedOut,
    'GET /api/v1/public/competitions': { body: [openCompetition()] },
    ...routes,
  });
  render(App);
  return api;
}

const posts = (calls: RecordedCall[]) => calls.filter((call) => call.method === 'POST');

describe('self-registration page', () => {
  beforeEach(() => resetApp('/register'));

  it('is open without signing in and linked from the login page', async () => {
    resetApp('/login');
    renderRegister();
    const link = await screen.findByRole('link', { name: '职工报名' });
    await fireEvent.click(link);
    expect(await screen.findByRole('heading', { level: 1, name: '职工报名' })).toBeTruthy();
    expect(await screen.findByLabelText('报名项目')).toBeTruthy();
  });

  it('reads the resident ID as it is typed: birth date and gender, or what is wrong', async () => {
    renderRegister();
    const number = await screen.findByLabelText('证件号码');
    expect((screen.getByLabelText('证件类型') as HTMLSelectElement).value).toBe('resident_id');

    await type('证件号码', RESIDENT_ID);
    expect(screen.getByText('身份证号有效：出生日期 1990-03-07，性别 男')).toBeTruthy();
    expect(fieldError(number)).toBeNull();

    await type('证件号码', `${RESIDENT_ID.slice(0, 17)}5`);
    expect(fieldError(number)).toBe('身份证号校验位错误：第 18 位应为 8，请核对整个号码');
  });

  it('asks for gender and birth date only for documents other than the resident ID', async () => {
    renderRegister();
    await screen.findByLabelText('证件号码');
    expect(screen.queryByLabelText('性别')).toBeNull();
    await choose('证件类型', 'hk_macau_permit');
    expect(screen.getByLabelText('性别')).toBeTruthy();
    expect(screen.getByLabelText('出生日期')).toBeTruthy();
  });

  it('checks the form with the shared rules before sending anything', async () => {
    const { calls } = renderRegister();
    await screen.findByLabelText('报名项目');
    await type('姓名', '王建国');
    await type('证件号码', '22010219900307');
    await type('手机号码', '1381234');
    await type('用户名', 'wang.jianguo');
    await type('密码', 'short');
    await type('确认密码', 'other');
    await submit();

    expect(await screen.findByText('请更正标出的问题后再提交。')).toBeTruthy();
    expect(fieldError(screen.getByLabelText('报名项目'))).toBe('此项为必填项');
    expect(fieldError(screen.getByLabelText('证件号码'))).toContain('身份证号');
    expect(fieldError(screen.getByLabelText('手机号码'))).toBe('手机号应为 11 位数字，现为 7 位');
    expect(fieldError(screen.getByLabelText('所在企业'))).not.toBeNull();
    expect(fieldError(screen.getByLabelText('密码'))).not.toBeNull();
    expect(fieldError(screen.getByLabelText('确认密码'))).toBe('两次输入的密码不一致');
    expect(posts(calls)).toEqual([]);
  });

  it('shows the server’s objections beside the fields they are about', async () => {
    renderRegister({
      [`POST ${SUBMIT_PATH}`]: errorBody(409, 'registration.rejected', '报名未通过校验', {
        issues: [
          { path: 'person.documentNumber', message: '该证件号码已报名本项目' },
          { path: 'person', message: '本项目仅限女性参赛' },
        ],
      }),
    });
    await screen.findByLabelText('报名项目');
    await fillValidForm();
    await submit();

    await waitFor(() =>
      expect(fieldError(screen.getByLabelText('证件号码'))).toBe('该证件号码已报名本项目'),
    );
    expect(screen.getByText('本项目仅限女性参赛')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('报名未通过校验');
  });

  it('says when the username is taken', async () => {
    renderRegister({
      [`POST ${SUBMIT_PATH}`]: errorBody(409, 'user.username_taken', '用户名已被使用', {
        issues: [{ path: 'username', message: '用户名已被使用' }],
      }),
    });
    await screen.findByLabelText('报名项目');
    await fillValidForm();
    await submit();
    await waitFor(() => expect(fieldError(screen.getByLabelText('用户名'))).toBe('用户名已被使用'));
  });

  it('sends the registration and confirms it is awaiting review', async () => {
    const { calls } = renderRegister({
      [`POST ${SUBMIT_PATH}`]: { status: 201, body: registrationView() },
    });
    await screen.findByLabelText('报名项目');
    await fillValidForm();
    await submit();

    expect(
      await screen.findByRole('heading', { level: 1, name: '报名已提交，等待审核' }),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: '登录查看报名' }).getAttribute('href')).toBe(
      '/login?next=%2Fme%2Fregistrations',
    );
    const [sent] = posts(calls);
    expect(sent?.path).toBe(SUBMIT_PATH);
    expect(sent?.body).toMatchObject({
      eventId: EVENT_ID,
      username: 'wang.jianguo',
      password: 'Worker2026pass',
      person: {
        name: '王建国',
        documentType: 'resident_id',
        documentNumber: RESIDENT_ID,
        mobile: '13812345678',
        enterpriseId: ENTERPRISE_ID,
        skillLevel: 3,
      },
    });
  });

  it('finds an enterprise by typing part of its name', async () => {
    const many = Array.from({ length: 12 }, (_, index) => ({
      id: `00000000-1111-4c3b-9c55-${String(index).padStart(12, '0')}`,
      name: `长春第${index + 1}机械厂`,
      region: '长春市',
    }));
    renderRegister({
      'GET /api/v1/public/competitions': {
        body: [
          openCompetition({
            enterprises: [
              ...many,
              { id: ENTERPRISE_ID, name: '中国第一汽车集团有限公司', region: '长春市' },
            ],
          }),
        ],
      },
    });
    await screen.findByLabelText('搜索企业');
    await type('搜索企业', '一汽');
    const select = screen.getByLabelText('所在企业') as HTMLSelectElement;
    expect(select.value).toBe(ENTERPRISE_ID);
    expect(Array.from(select.options).map((option) => option.textContent?.trim())).toEqual([
      '请选择企业',
      '中国第一汽车集团有限公司（长春市）',
    ]);
  });

  it('says so when nothing is open for registration', async () => {
    renderRegister({ 'GET /api/v1/public/competitions': { body: [] } });
    expect(await screen.findByText('目前没有开放报名的竞赛。')).toBeTruthy();
  });
});
