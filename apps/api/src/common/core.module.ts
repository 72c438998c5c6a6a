import {
  type DynamicModule,
  Global,
  Inject,
  Logger,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { PersonalDataCipher } from './crypto/personal-data-cipher';
import { DATABASE_MODE, type DatabaseMode } from './database/database-target';
import { connectRedis, REDIS_CLIENT, type RedisClient } from './redis/redis';

/** Process-wide settings and connections every module may inject. */
@Global()
@Module({})
export class CoreModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: RedisClient | null) {}

  static register(config: AppConfig, databaseMode: DatabaseMode): DynamicModule {
    const logger = new Logger('Redis');
    let lastError = 0;
    return {
      module: CoreModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DATABASE_MODE, useValue: databaseMode },
        { provide: PersonalDataCipher, useValue: new PersonalDataCipher(config.dataEncryptionKey) },
        {
          provide: REDIS_CLIENT,
          useFactory: () =>
            config.redisUrl
              ? connectRedis(config.redisUrl, (error) => {
                  // One line per 30 s at most while Redis is away.
                  if (Date.now() - lastError > 30_000)
                    logger.warn(`Redis unavailable: ${error.message}`);
                  lastError = Date.now();
                })
              : null,
        },
      ],
      exports: [APP_CONFIG, DATABASE_MODE, REDIS_CLIENT, PersonalDataCipher],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.redis) return;
    // close() waits for pending replies when connected; a client still trying to reach Redis is
    // simply destroyed so shutdown never hangs on an absent server.
    if (this.redis.isReady) await this.redis.close().catch(() => undefined);
    else this.redis.destroy();
  }
}
