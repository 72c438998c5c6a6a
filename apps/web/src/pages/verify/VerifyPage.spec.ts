import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import { errorBody, fakeApi } from '../../test/fetch';
import { resetApp } from '../../test/reset';

const GENUINE = 'AAAAAAAAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBB';
const REVOKED = 'CCCCCCCCCCCCCCCCCCCCCC.DDDDDDDDDDDDDDDDDDDDDD';
const details = {
  recipientName: '王骉',
  competitionName: '2026年吉林省职工技能竞赛',
  eventName: '数控车工',
  award: '一等奖',
  organiserName: '吉林省总工会',
  issuedOn: '2026-11-20',
};

function api() {
  return fakeApi({
    // Nobody is signed in: the page is public.
    'GET /api/v1/auth/me': errorBody(401, 'auth.unauthenticated', '请先登录'),
    [`GET /api/v1/public/certificates/${GENUINE}`]: {
      body: { result: 'genuine', status: 'valid', revokedAt: null, revokeReason: null, ...details },
    },
    [`GET /api/v1/public/certificates/${REVOKED}`]: {
      body: {
        result: 'genuine',
        status: 'revoked',
        revokedAt: '2026-11-21T02:00:00.000Z',
        revokeReason: '信息有误，已重新制作',
        ...details,
      },
    },
    // The API answers "not genuine" for every other code, forged or altered.
    'GET /api/v1/public/certificates/forged': { body: { result: 'not_genuine' } },
  });
}

describe('certificate verification page', () => {
  it('confirms a genuine certificate opened from its QR code, without signing in', async () => {
    resetApp(`/verify/${GENUINE}`);
    const { calls } = api();
    render(App);
    const result = await screen.findByTestId('verify-result');
    expect(result.textContent).toContain('这是本平台颁发的真实证书');
    for (const value of ['王骉', '数控车工', '一等奖', '吉林省总工会']) {
      expect(result.textContent).toContain(value);
    }
    expect(calls.some((call) => call.path === '/api/v1/auth/me')).toBe(true);
  });

  it('says plainly when a certificate was revoked, and why', async () => {
    resetApp(`/verify/${REVOKED}`);
    api();
    render(App);
    const result = await screen.findByTestId('verify-result');
    expect(result.textContent).toContain('此证书已被撤销');
    expect(result.textContent).toContain('信息有误，已重新制作');
    expect(result.textContent).not.toContain('真实证书');
  });

  it('rejects a code typed in that the API does not confirm', async () => {
    resetApp('/verify');
    api();
    render(App);
    const input = await screen.findByLabelText('证书编号');
    await fireEvent.input(input, { target: { value: 'forged' } });
    await fireEvent.click(screen.getByRole('button', { name: '验证' }));
    const result = await screen.findByTestId('verify-result');
    expect(result.textContent).toContain('未找到该证书');
    expect(result.textContent).not.toContain('王骉');
  });
});
