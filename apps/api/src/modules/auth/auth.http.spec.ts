import { SESSION_COOKIE } from '@jingsai/contracts';
import { Session } from './entities/session.entity';
import { LOGIN_LIMITS } from './login-throttle.service';
import { TestContext, TEST_PASSWORD } from '../../../test/test-context';

describe('auth over HTTP', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create();
  });
  afterAll(() => ctx.close());

  it('signs in with an httpOnly SameSite cookie, knows the user, and signs out', async () => {
    const province = await ctx.newOrganisation({ name: '吉林省总工会' });
    const user = await ctx.newUser([{ role: 'organiser', scope: province }]);

    const login = await ctx.http
      .post('/api/v1/auth/login')
      .send({ username: user.username, password: TEST_PASSWORD })
      .expect(200);
    expect(login.body).toMatchObject({ username: user.username, mustChangePassword: false });
    expect(login.body.roles).toEqual([
      {
        role: 'organiser',
        scopeType: 'organisation',
        scopeId: province.id,
        scopeName: '吉林省总工会',
      },
    ]);
    const cookie = ([] as string[]).concat(login.headers['set-cookie'] ?? []).join(';');
    expect(cookie).toContain(`${SESSION_COOKIE}=`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(login.body).not.toHaveProperty('passwordHash');

    const session = cookie.split(';')[0]!;
    await ctx.http.get('/api/v1/auth/me').set('Cookie', session).expect(200);
    await ctx.http.post('/api/v1/auth/logout').set('Cookie', session).expect(204);
    await ctx.http.get('/api/v1/auth/me').set('Cookie', session).expect(401);
  });

  it('rejects a wrong password with a message in the caller’s language', async () => {
    const user = await ctx.newUser();
    const zh = await ctx.http
      .post('/api/v1/auth/login')
      .send({ username: user.username, password: 'not-the-password' })
      .expect(401);
    expect(zh.body).toMatchObject({
      code: 'auth.invalid_credentials',
      message: '用户名或密码错误',
    });

    const en = await ctx.http
      .post('/api/v1/auth/login')
      .set('Accept-Language', 'en-US,en;q=0.9')
      .send({ username: 'nobody-at-all', password: 'whatever' })
      .expect(401);
    expect(en.body.message).toBe('Wrong username or password');
  });

  it('throttles repeated failures for an account from one address with 429 and Retry-After', async () => {
    const user = await ctx.newUser();
    for (let attempt = 0; attempt < LOGIN_LIMITS.pair.failures; attempt++) {
      await ctx.http
        .post('/api/v1/auth/login')
        .send({ username: user.username, password: `wrong-${attempt}` })
        .expect(401);
    }
    const blocked = await ctx.http
      .post('/api/v1/auth/login')
      .send({ username: user.username, password: TEST_PASSWORD })
      .expect(429);
    expect(blocked.body.code).toBe('auth.throttled');
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(LOGIN_LIMITS.pair.blockMs / 1000);
    expect(blocked.body.message).toContain(String(retryAfter));

    // Another account from the same address is not locked out by someone else's failures.
    const other = await ctx.newUser();
    await ctx.login(other);
  });

  it('changes a password: the old one stops working and other sessions end', async () => {
    const user = await ctx.newUser();
    const first = await ctx.login(user);
    const second = await ctx.login(user);
    const newPassword = 'Brand-new-password-9';

    const wrong = await ctx.http
      .post('/api/v1/auth/password')
      .set('Cookie', first)
      .send({ currentPassword: 'not-it-at-all', newPassword })
      .expect(400);
    expect(wrong.body.code).toBe('auth.wrong_current_password');

    const weak = await ctx.http
      .post('/api/v1/auth/password')
      .set('Cookie', first)
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'short' })
      .expect(400);
    expect(weak.body.issues[0].path).toBe('newPassword');

    await ctx.http
      .post('/api/v1/auth/password')
      .set('Cookie', first)
      .send({ currentPassword: TEST_PASSWORD, newPassword })
      .expect(204);
    await ctx.http.get('/api/v1/auth/me').set('Cookie', first).expect(200);
    await ctx.http.get('/api/v1/auth/me').set('Cookie', second).expect(401);
    await ctx.http
      .post('/api/v1/auth/login')
      .send({ username: user.username, password: TEST_PASSWORD })
      .expect(401);
    await ctx.login({ username: user.username, password: newPassword });
  });

  it('holds a user with a reset password to the password page until it is changed', async () => {
    const admin = await ctx.newUser([{ role: 'platform_admin' }]);
    const user = await ctx.newUser();
    const userSession = await ctx.login(user);
    const adminSession = await ctx.login(admin);

    const reset = await ctx.http
      .post(`/api/v1/users/${user.id}/password-reset`)
      .set('Cookie', adminSession)
      .expect(200);
    const temporary: string = reset.body.temporaryPassword;
    expect(temporary).toMatch(/^[A-Za-z0-9]{12}$/);

    // The reset ends the user's existing sessions.
    await ctx.http.get('/api/v1/auth/me').set('Cookie', userSession).expect(401);
    expect(await ctx.em().count(Session, { user: user.id })).toBe(0);

    const pending = await ctx.login({ username: user.username, password: temporary });
    const me = await ctx.http.get('/api/v1/auth/me').set('Cookie', pending).expect(200);
    expect(me.body.mustChangePassword).toBe(true);
    const blocked = await ctx.http.get('/api/v1/competitions').set('Cookie', pending).expect(403);
    expect(blocked.body.code).toBe('auth.password_change_required');

    await ctx.http
      .post('/api/v1/auth/password')
      .set('Cookie', pending)
      .send({ currentPassword: temporary, newPassword: 'Chosen-by-me-2026' })
      .expect(204);
    await ctx.http.get('/api/v1/competitions').set('Cookie', pending).expect(200);
  });

  it('ignores forged or malformed session cookies', async () => {
    await ctx.http
      .get('/api/v1/auth/me')
      .set('Cookie', `${SESSION_COOKIE}=forged-token-value-1234567890`)
      .expect(401);
    await ctx.http.get('/api/v1/auth/me').set('Cookie', `${SESSION_COOKIE}=x`).expect(401);
  });
});
