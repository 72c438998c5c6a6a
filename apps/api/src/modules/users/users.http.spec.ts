import { TestContext } from '../../../test/test-context';
import { AuditEntry } from '../audit/entities/audit-entry.entity';
import { User } from './entities/user.entity';

describe('user administration', () => {
  let ctx: TestContext;
  let admin: string;

  beforeAll(async () => {
    ctx = await TestContext.create();
    admin = await ctx.login(await ctx.newUser([{ role: 'platform_admin' }]));
  });
  afterAll(() => ctx.close());

  it('creates a user with a scoped role, audited, who must change the password at first sign-in', async () => {
    const province = await ctx.newOrganisation({ name: '吉林省总工会' });
    const created = await ctx.http
      .post('/api/v1/users')
      .set('Cookie', admin)
      .send({
        username: 'sun.organiser',
        displayName: '孙主任',
        password: 'Initial-pass-2026',
        roles: [{ role: 'organiser', scopeType: 'organisation', scopeId: province.id }],
      })
      .expect(201);
    expect(created.body.roles).toEqual([
      {
        role: 'organiser',
        scopeType: 'organisation',
        scopeId: province.id,
        scopeName: '吉林省总工会',
      },
    ]);
    const session = await ctx.login({ username: 'sun.organiser', password: 'Initial-pass-2026' });
    const me = await ctx.http.get('/api/v1/auth/me').set('Cookie', session).expect(200);
    expect(me.body.mustChangePassword).toBe(true);
    expect(
      await ctx.em().count(AuditEntry, { action: 'user.create', subjectId: created.body.id }),
    ).toBe(1);
  });

  it('refuses a taken username with 409 and writes nothing', async () => {
    const before = await ctx.em().count(User, {});
    const body = {
      username: 'dup.user',
      displayName: '甲',
      password: 'Initial-pass-2026',
      roles: [],
    };
    await ctx.http.post('/api/v1/users').set('Cookie', admin).send(body).expect(201);
    const response = await ctx.http
      .post('/api/v1/users')
      .set('Cookie', admin)
      .send(body)
      .expect(409);
    expect(response.body).toMatchObject({
      code: 'user.username_taken',
      message: '用户名“dup.user”已被使用',
    });
    expect(await ctx.em().count(User, {})).toBe(before + 1);
  });

  it('refuses a role scoped to something that does not exist, naming the field, and writes nothing', async () => {
    const before = await ctx.em().count(User, {});
    const response = await ctx.http
      .post('/api/v1/users')
      .set('Cookie', admin)
      .set('Accept-Language', 'en')
      .send({
        username: 'ghost.scope',
        displayName: '乙',
        password: 'Initial-pass-2026',
        roles: [
          {
            role: 'judge',
            scopeType: 'competition',
            scopeId: '00000000-0000-4000-8000-000000000000',
          },
        ],
      })
      .expect(400);
    expect(response.body.issues).toEqual([{ path: 'roles[0].scopeId', message: 'no such scope' }]);
    expect(await ctx.em().count(User, {})).toBe(before);
  });
});
