import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { errorBody, fakeApi } from '../test/fetch';
import {
  api,
  ApiError,
  CLIENT_ERROR_CODES,
  errorMessage,
  parseRetryAfter,
  request,
  setUnauthenticatedHandler,
} from './api';
import { i18n } from './i18n';

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

beforeEach(() => i18n.setLocale('zh-CN'));
afterEach(() => setUnauthenticatedHandler(null));

describe('request', () => {
  it('sends the session cookie, JSON and the UI language', async () => {
    const { calls } = fakeApi({ 'POST /api/v1/auth/login': { body: { id: 'u' } } });
    await api.auth.login({ username: 'zhang.wei', password: 'secret' });
    i18n.setLocale('en');
    await api.auth.login({ username: 'zhang.wei', password: 'secret' });

    expect(calls[0]).toMatchObject({
      method: 'POST',
      path: '/api/v1/auth/login',
      credentials: 'same-origin',
      body: { username: 'zhang.wei', password: 'secret' },
    });
    expect(calls[0]?.headers.get('Content-Type')).toBe('application/json');
    expect(calls[0]?.headers.get('Accept-Language')).toBe('zh-CN');
    expect(calls[1]?.headers.get('Accept-Language')).toBe('en');
  });

  it('resolves 204 to nothing', async () => {
    fakeApi({ 'POST /api/v1/auth/logout': { status: 204 } });
    await expect(api.auth.logout()).resolves.toBeUndefined();
  });
});

describe('errors', () => {
  it('carry the server error: status, code, localized message, issues, correlation id', async () => {
    fakeApi({
      'POST /api/v1/users': errorBody(400, 'request.invalid', '请求内容有误', {
        issues: [
          { path: 'username', message: '只能包含字母、数字和 _ . @ -' },
          { path: 'roles[0].scopeId', message: '无效的 UUID' },
        ],
        correlationId: 'req-42',
      }),
    });
    const error = await failure(
      api.users.create({ username: '张', displayName: 'x', password: 'p', roles: [] }),
    );
    expect(error.status).toBe(400);
    expect(error.code).toBe('request.invalid');
    expect(error.message).toBe('请求内容有误');
    expect(error.correlationId).toBe('req-42');
    expect(error.fieldErrors()).toEqual({
      username: '只能包含字母、数字和 _ . @ -',
      'roles[0].scopeId': '无效的 UUID',
    });
  });

  it('tell how long to wait after too many sign-ins (429 Retry-After)', async () => {
    fakeApi({
      'POST /api/v1/auth/login': {
        ...errorBody(429, 'auth.throttled', '登录失败次数过多，请 30 秒后再试'),
        headers: { 'Retry-After': '30' },
      },
    });
    const error = await failure(api.auth.login({ username: 'a', password: 'b' }));
    expect(error.status).toBe(429);
    expect(error.retryAfterSeconds).toBe(30);
    expect(errorMessage(error)).toBe('登录失败次数过多，请 30 秒后再试');
  });

  it('read Retry-After given as a date', () => {
    const now = Date.parse('2025-05-10T08:00:00Z');
    expect(parseRetryAfter('Sat, 10 May 2025 08:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
  });

  it('explain a response that is not an API error (a proxy page)', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('<html>Bad Gateway</html>', { status: 502 })),
    );
    const error = await failure(api.competitions.list());
    expect(error.status).toBe(502);
    expect(error.code).toBe(CLIENT_ERROR_CODES.unexpected);
    expect(errorMessage(error)).toBe('服务器返回了意外的响应（HTTP 502）');
  });

  it('explain an unreachable server, in the current language', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const error = await failure(api.competitions.list());
    expect(error.status).toBe(0);
    expect(errorMessage(error)).toBe('无法连接服务器，请检查网络后重试');
    i18n.setLocale('en');
    expect(errorMessage(error)).toBe('Cannot reach the server; check the network and try again');
  });

  it('report an expired session, but not a failed sign-in, to the session store', async () => {
    const expired = vi.fn();
    setUnauthenticatedHandler(expired);
    fakeApi({
      'GET /api/v1/competitions': errorBody(401, 'auth.unauthenticated', '请先登录'),
      'POST /api/v1/auth/login': errorBody(401, 'auth.invalid_credentials', '用户名或密码错误'),
    });
    await failure(api.auth.login({ username: 'a', password: 'b' }));
    expect(expired).not.toHaveBeenCalled();
    await failure(request('GET', '/competitions'));
    expect(expired).toHaveBeenCalledOnce();
  });
});
