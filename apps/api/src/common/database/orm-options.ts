import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { MIGRATIONS } from '../../migrations';
import { ENTITIES } from './entities';

/**
 * MikroORM options for a Postgres URL (a server, or the embedded PGlite socket).
 * Migrations are a committed, explicit list (src/migrations/index.ts), so the same code runs
 * from TypeScript sources in tests and from the build in production.
 */
export function ormOptions(clientUrl: string, options: { debug?: boolean } = {}): Options {
  return defineConfig({
    clientUrl,
    entities: ENTITIES,
    extensions: [Migrator],
    debug: options.debug ?? false,
    pool: { min: 0, max: 5 },
    forceUtcTimezone: true,
    discovery: { warnWhenNoEntities: true },
    migrations: {
      migrationsList: MIGRATIONS,
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
      path: 'apps/api/src/migrations',
      emit: 'ts',
    },
  });
}
