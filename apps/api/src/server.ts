import { MikroORM } from '@mikro-orm/postgresql';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApp, migrate } from './app.factory';
import type { AppConfig } from './common/config/app-config';
import { type DatabaseTarget, openDatabaseTarget } from './common/database/database-target';
import { type DemoLogin, seedDemo } from './modules/demo/demo-seed';
import { type CreatedAdmin, ensureFirstAdmin } from './modules/users/first-admin';

export interface RunningServer {
  app: NestExpressApplication;
  database: DatabaseTarget;
  url: string;
  migrationsApplied: string[];
  firstAdmin: CreatedAdmin | null;
  demoLogins: DemoLogin[] | null;
  close(): Promise<void>;
}

/**
 * Everything `npm start` does before it serves: open the database (server or embedded), apply
 * pending migrations, create the first admin and the demo when the database is empty, listen.
 */
export async function startServer(config: AppConfig): Promise<RunningServer> {
  const database = await openDatabaseTarget(config);
  let app: NestExpressApplication | undefined;
  try {
    app = await createApp(config, database);
    const orm = app.get<MikroORM>(MikroORM);
    const migrationsApplied = await migrate(orm);
    const em = orm.em.fork();
    const firstAdmin = await ensureFirstAdmin(em);
    const demoLogins = config.demoSeed ? await seedDemo(em.fork()) : null;
    await app.listen(config.port, config.host);
    const server = app;
    return {
      app: server,
      database,
      url: config.publicUrl,
      migrationsApplied,
      firstAdmin,
      demoLogins,
      async close() {
        await server.close();
        await database.close();
      },
    };
  } catch (error) {
    await app?.close().catch(() => undefined);
    await database.close().catch(() => undefined);
    throw error;
  }
}
