import 'reflect-metadata';
import type { GrantRequest, Role } from '@jingsai/contracts';
import { SESSION_COOKIE } from '@jingsai/contracts';
import { MikroORM } from '@mikro-orm/postgresql';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApp, migrate } from '../src/app.factory';
import { type AppConfig, loadConfig } from '../src/common/config/app-config';
import { hashPassword } from '../src/modules/auth/password';
import { CompetitionEvent } from '../src/modules/competitions/entities/competition-event.entity';
import { Competition } from '../src/modules/competitions/entities/competition.entity';
import { Organisation } from '../src/modules/organisations/entities/organisation.entity';
import { RoleGrant } from '../src/modules/users/entities/role-grant.entity';
import { User } from '../src/modules/users/entities/user.entity';
import { createTestDatabase, type TestDatabase } from './test-database';

export const TEST_PASSWORD = 'Test-password-2026';

export interface TestUser {
  id: string;
  username: string;
  password: string;
}

let counter = 0;
const unique = (prefix: string) => `${prefix}${++counter}${Math.random().toString(36).slice(2, 6)}`;

/**
 * The real Nest app on a database of its own, with factories for the records tests need.
 * One per test file: `const ctx = await TestContext.create()` in beforeAll, `ctx.close()` in afterAll.
 */
export class TestContext {
  private constructor(
    readonly app: NestExpressApplication,
    readonly orm: MikroORM,
    readonly config: AppConfig,
    readonly database: TestDatabase,
    private readonly dataDir: string,
  ) {}

  static async create(
    env: Record<string, string> = {},
    overrides: Partial<Pick<AppConfig, 'webRoot'>> = {},
  ): Promise<TestContext> {
    const database = await createTestDatabase();
    const dataDir = mkdtempSync(join(tmpdir(), 'jingsai-test-'));
    const config: AppConfig = {
      ...loadConfig({
        DATA_DIR: dataDir,
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
        DEMO_SEED: 'false',
        SESSION_SECRET: 'test-secret-that-is-long-enough-0123456789',
        ...env,
      }),
      ...overrides,
    };
    const app = await createApp(config, database);
    await app.init();
    const orm = app.get<MikroORM>(MikroORM);
    await migrate(orm);
    return new TestContext(app, orm, config, database, dataDir);
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.database.drop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  get http() {
    return request(this.app.getHttpServer());
  }

  /** A fresh EntityManager for arranging and inspecting data outside requests. */
  em() {
    return this.orm.em.fork();
  }

  async newOrganisation(
    overrides: Partial<Pick<Organisation, 'name' | 'kind' | 'region'>> & {
      parent?: Organisation | null;
    } = {},
  ): Promise<Organisation> {
    const em = this.em();
    const organisation = em.create(Organisation, {
      name: overrides.name ?? unique('工会'),
      kind: overrides.kind ?? 'province',
      region: overrides.region ?? null,
      parent: overrides.parent ? em.getReference(Organisation, overrides.parent.id) : null,
    });
    await em.flush();
    return organisation;
  }

  async newCompetition(
    organiser: Organisation,
    eventNames: string[] = ['数控车工'],
  ): Promise<Competition> {
    const em = this.em();
    const competition = em.create(Competition, {
      name: unique('竞赛'),
      year: 2026,
      status: 'registration_open',
      organiser: em.getReference(Organisation, organiser.id),
    });
    eventNames.forEach((name, sortOrder) =>
      em.create(CompetitionEvent, { competition, name, sortOrder }),
    );
    await em.flush();
    return competition;
  }

  async newUser(
    roles: Array<{ role: Role; scope?: Organisation | Competition }> = [],
    options: { mustChangePassword?: boolean; password?: string } = {},
  ): Promise<TestUser> {
    const em = this.em();
    const password = options.password ?? TEST_PASSWORD;
    const user = em.create(User, {
      username: unique('user'),
      displayName: unique('测试用户'),
      passwordHash: await hashPassword(password),
      mustChangePassword: options.mustChangePassword ?? false,
    });
    for (const { role, scope } of roles) {
      const grant: GrantRequest = scope
        ? {
            role,
            scopeType: scope instanceof Competition ? 'competition' : 'organisation',
            scopeId: scope.id,
          }
        : { role, scopeType: 'platform', scopeId: null };
      em.create(RoleGrant, { user, ...grant });
    }
    await em.flush();
    return { id: user.id, username: user.username, password };
  }

  /** Signs in through the API and returns the session cookie for later requests. */
  async login(user: Pick<TestUser, 'username' | 'password'>): Promise<string> {
    const response = await this.http
      .post('/api/v1/auth/login')
      .send({ username: user.username, password: user.password })
      .expect(200);
    const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
    const session = cookies.find((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`));
    if (!session) throw new Error('login set no session cookie');
    return session.split(';')[0]!;
  }
}
