import type { HealthCheck } from '@jingsai/contracts';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_MODE, type DatabaseMode } from '../../common/database/database-target';
import { REDIS_CLIENT, type RedisClient } from '../../common/redis/redis';

const VERSION: string = (
  JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { version: string }
).version;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref()),
  ]);
}

@Injectable()
export class HealthService {
  constructor(
    private readonly em: EntityManager,
    @Inject(DATABASE_MODE) private readonly databaseMode: DatabaseMode,
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient | null,
  ) {}

  async checkHealth(): Promise<HealthCheck> {
    const database = await withTimeout(this.em.getConnection().execute('select 1'), 3000)
      .then(() => 'up' as const)
      .catch(() => 'down' as const);
    const redis = !this.redis
      ? ('not_configured' as const)
      : await withTimeout(this.redis.ping(), 1000)
          .then(() => 'up' as const)
          .catch(() => 'down' as const);
    return {
      status: database === 'up' && redis !== 'down' ? 'ok' : 'degraded',
      database,
      databaseMode: this.databaseMode,
      redis,
      version: VERSION,
    };
  }
}
