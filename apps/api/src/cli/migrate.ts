import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import { migrate } from '../app.factory';
import { loadConfig } from '../common/config/app-config';
import { openDatabaseTarget } from '../common/database/database-target';
import { ormOptions } from '../common/database/orm-options';
import { runCli } from './run-cli';

/** `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded database. */
runCli(async () => {
  const database = await openDatabaseTarget(loadConfig());
  try {
    const orm = await MikroORM.init(ormOptions(database.url));
    try {
      const applied = await migrate(orm);
      process.stdout.write(
        applied.length
          ? `Applied: ${applied.join(', ')}\n`
          : `Database (${database.mode}) is up to date.\n`,
      );
    } finally {
      await orm.close();
    }
  } finally {
    await database.close();
  }
});
