import { createHash } from 'node:crypto';
import { TestContext } from '../../../test/test-context';
import { SessionCache } from './session-cache';

/**
 * Sessions are kept in memory (SessionCache) on a Postgres server; whatever changes a session,
 * a grant or an account — even plain SQL behind the app's back — must count at once.
 */
describe('session cache', () => {
  let ctx: TestContext;
  let cache: SessionCache;
  const onServer = () => ctx.database.mode === 'server';

  beforeAll(async () => {
    ctx = await TestContext.create();
    cache = ctx.app.get(SessionCache);
  });
  afterAll(() => ctx.close());

  /** Asks until the answer is `status` (a notification takes a moment); returns how long it took. */
  async function until(cookie: string, path: string, status: number): Promise<number> {
    const started = Date.now();
    for (;;) {
      const response = await ctx.http.get(path).set('Cookie', cookie);
      if (response.status === status) return Date.now() - started;
      if (Date.now() - started > 3_000)
        throw new Error(`${path} still answers ${response.status}, not ${status}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async function signedInAdmin() {
    const user = await ctx.newUser([{ role: 'platform_admin' }]);
    const cookie = await ctx.login(user);
    await ctx.http.get('/api/v1/users').set('Cookie', cookie).expect(200);
    if (onServer()) {
      expect(cache.active).toBe(true);
      expect(cache.size).toBeGreaterThan(0);
    }
    return { user, cookie };
  }

  it('forgets a grant removed by hand in SQL', async () => {
    const { user, cookie } = await signedInAdmin();
    await ctx.em().getConnection().execute('delete from role_grant where user_id = ?', [user.id]);
    expect(await until(cookie, '/api/v1/users', 403)).toBeLessThan(1_000);
  });

  it('forgets an account disabled by hand in SQL, and a session deleted in SQL', async () => {
    const first = await signedInAdmin();
    await ctx
      .em()
      .getConnection()
      .execute('update user_account set disabled = true where id = ?', [first.user.id]);
    expect(await until(first.cookie, '/api/v1/users', 401)).toBeLessThan(1_000);

    const second = await signedInAdmin();
    await ctx
      .em()
      .getConnection()
      .execute('delete from session where user_id = ?', [second.user.id]);
    expect(await until(second.cookie, '/api/v1/users', 401)).toBeLessThan(1_000);
  });

  it('signing out counts at once', async () => {
    const { cookie } = await signedInAdmin();
    await ctx.http.post('/api/v1/auth/logout').set('Cookie', cookie).expect(204);
    await ctx.http.get('/api/v1/users').set('Cookie', cookie).expect(401);
  });

  it('does not keep what a read found when a change was heard while it ran', () => {
    if (!onServer()) return;
    const user = {
      id: '00000000-0000-4000-8000-000000000001',
      username: 'u',
      displayName: 'U',
      mustChangePassword: false,
      sessionId: '00000000-0000-4000-8000-000000000002',
      grants: [],
    };
    const hash = createHash('sha256').update('some token').digest('hex');
    const later = new Date(Date.now() + 60_000);
    const started = cache.readStarts();
    cache.forgetUser('00000000-0000-4000-8000-000000000003'); // anyone's change
    cache.set(hash, user, later, started);
    expect(cache.get(hash)).toBeNull();
    cache.set(hash, user, later, cache.readStarts());
    expect(cache.get(hash)).toEqual(user);
    cache.set(hash, user, new Date(Date.now() - 1), cache.readStarts()); // session expired
    expect(cache.get(hash)).toBeNull();
  });

  it('stops answering while it cannot hear changes, and starts again when it can', async () => {
    if (!onServer()) return;
    const { user, cookie } = await signedInAdmin();
    await ctx
      .em()
      .getConnection()
      .execute(
        `select pg_terminate_backend(pid) from pg_stat_activity
          where datname = current_database() and query ilike 'listen jingsai_auth%'`,
      );
    const deadline = Date.now() + 3_000;
    while (cache.active && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(cache.active).toBe(false);
    expect(cache.size).toBe(0);
    // Deaf: every request asks the database, so a change counts at once.
    await ctx.em().getConnection().execute('delete from role_grant where user_id = ?', [user.id]);
    await ctx.http.get('/api/v1/users').set('Cookie', cookie).expect(403);
    // It listens again after a short pause.
    while (!cache.active && Date.now() < deadline + 5_000)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(cache.active).toBe(true);
  });
});
