import { TestContext } from '../../../test/test-context';
import { User } from '../../modules/users/entities/user.entity';

/** Bad input gets a clear 4xx in the caller's language, never a 500 and never a partial write. */
describe('bad input over HTTP', () => {
  let ctx: TestContext;
  let admin: string;

  beforeAll(async () => {
    ctx = await TestContext.create({ BODY_LIMIT: '16kb' });
    admin = await ctx.login(await ctx.newUser([{ role: 'platform_admin' }]));
  });
  afterAll(() => ctx.close());

  const userCount = () => ctx.em().count(User, {});

  it('answers malformed JSON with 400 and a readable message', async () => {
    const response = await ctx.http
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"username": "a", "password": ')
      .expect(400);
    expect(response.body).toMatchObject({
      statusCode: 400,
      code: 'request.malformed_json',
      message: '请求内容不是有效的 JSON',
    });
  });

  it('lists every wrong type and unknown field, in Chinese by default and English on request', async () => {
    const before = await userCount();
    const zh = await ctx.http
      .post('/api/v1/users')
      .set('Cookie', admin)
      .send({ username: 42, displayName: '', password: 'short', roles: [], isAdmin: true })
      .expect(400);
    expect(zh.body.code).toBe('request.invalid');
    const paths = new Set((zh.body.issues as Array<{ path: string }>).map((issue) => issue.path));
    // "short" breaks two password rules (length and digit): both are listed.
    expect([...paths].sort()).toEqual(['', 'displayName', 'password', 'username'].sort());
    expect(
      zh.body.issues.filter((issue: { path: string }) => issue.path === 'password'),
    ).toHaveLength(2);
    const unknownField = zh.body.issues.find((issue: { path: string }) => issue.path === '');
    expect(unknownField.message).toContain('isAdmin');
    expect(
      zh.body.issues.find((issue: { path: string }) => issue.path === 'username').message,
    ).toMatch(/期望/);

    const en = await ctx.http
      .post('/api/v1/users')
      .set('Cookie', admin)
      .set('Accept-Language', 'en')
      .send({ username: 'ok.name', displayName: 'x', password: 'longenoughbutnodigit' })
      .expect(400);
    expect(en.body.issues).toEqual([{ path: 'password', message: 'must contain a digit' }]);
    expect(await userCount()).toBe(before);
  });

  it('refuses an oversized body with 413 before touching anything', async () => {
    const before = await userCount();
    const response = await ctx.http
      .post('/api/v1/users')
      .set('Cookie', admin)
      .set('Accept-Language', 'en')
      .send({
        username: 'big.body',
        displayName: 'x'.repeat(20_000),
        password: 'Initial-pass-2026',
      })
      .expect(413);
    expect(response.body).toMatchObject({
      code: 'request.too_large',
      message: 'The request body is too large (limit 16 KB)',
    });
    expect(await userCount()).toBe(before);
  });

  it('answers an unknown API route with 404 naming it', async () => {
    const response = await ctx.http
      .get('/api/v1/no-such-thing')
      .set('Accept-Language', 'en')
      .expect(404);
    expect(response.body).toMatchObject({
      code: 'route.not_found',
      message: 'No such endpoint: GET /api/v1/no-such-thing',
    });
    await ctx.http.delete('/api/v1/competitions').expect(404);
  });

  it('tags every response with a request id for the logs', async () => {
    const response = await ctx.http
      .get('/api/health')
      .set('X-Request-Id', 'trace-me-123')
      .expect(200);
    expect(response.headers['x-request-id']).toBe('trace-me-123');
  });
});
