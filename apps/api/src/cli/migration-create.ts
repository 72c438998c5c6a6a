import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import { join } from 'node:path';
import { migrate } from '../app.factory';
import { startEmbeddedPostgres } from '../common/database/embedded-postgres';
import { ormOptions } from '../common/database/orm-options';
import { runCli } from './run-cli';

/**
 * `npm run db:migration:create`: applies the committed migrations to a scratch in-memory database,
 * diffs it against the entities and writes the difference as a new migration file in
 * apps/api/src/migrations. Add the new class to src/migrations/index.ts and review the SQL.
 */
runCli(async () => {
  const scratch = await startEmbeddedPostgres(undefined);
  try {
    const orm = await MikroORM.init(ormOptions(scratch.url));
    try {
      await migrate(orm);
      const result = await orm
        .getMigrator()
        .createMigration(join(__dirname, '../../src/migrations'));
      process.stdout.write(
        result.fileName
          ? `Wrote src/migrations/${result.fileName}; add it to src/migrations/index.ts.\n`
          : 'Entities and migrations agree: nothing to write.\n',
      );
    } finally {
      await orm.close();
    }
  } finally {
    await scratch.stop();
  }
});
