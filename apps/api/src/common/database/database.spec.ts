import { MikroORM } from '@mikro-orm/postgresql';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../../app.factory';
import { Organisation } from '../../modules/organisations/entities/organisation.entity';
import { createTestDatabase } from '../../../test/test-database';
import { startEmbeddedPostgres } from './embedded-postgres';
import { ormOptions } from './orm-options';
import { MIGRATIONS } from '../../migrations';

async function withOrm<T>(url: string, work: (orm: MikroORM) => Promise<T>): Promise<T> {
  const orm = await MikroORM.init(ormOptions(url));
  try {
    return await work(orm);
  } finally {
    await orm.close();
  }
}

describe('the database, in both modes', () => {
  it('keeps embedded data on disk across a restart of PGlite', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'jingsai-pglite-'));
    try {
      const first = await startEmbeddedPostgres(join(dataDir, 'pglite'));
      await withOrm(first.url, async (orm) => {
        expect(await migrate(orm)).toEqual(MIGRATIONS.map((migration) => migration.name));
        const em = orm.em.fork();
        em.create(Organisation, { name: '吉林省总工会', kind: 'province' });
        await em.flush();
      });
      await first.stop();

      const second = await startEmbeddedPostgres(join(dataDir, 'pglite'));
      await withOrm(second.url, async (orm) => {
        expect(await migrate(orm)).toEqual([]);
        const names = (await orm.em.fork().find(Organisation, {})).map(
          (organisation) => organisation.name,
        );
        expect(names).toEqual(['吉林省总工会']);
      });
      await second.stop();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('has committed migrations that match the entities exactly', async () => {
    const scratch = await startEmbeddedPostgres(undefined);
    try {
      await withOrm(scratch.url, async (orm) => {
        await migrate(orm);
        // A change to an entity without a migration (npm run db:migration:create) fails here.
        expect(await orm.schema.getUpdateSchemaSQL({ wrap: false })).toBe('');
      });
    } finally {
      await scratch.stop();
    }
  });

  it('keeps data across an app restart on the configured database and applies migrations once', async () => {
    const database = await createTestDatabase();
    try {
      await withOrm(database.url, async (orm) => {
        expect(await migrate(orm)).toHaveLength(MIGRATIONS.length);
        const em = orm.em.fork();
        em.create(Organisation, { name: '长春市总工会', kind: 'city' });
        await em.flush();
      });
      await withOrm(database.url, async (orm) => {
        expect(await migrate(orm)).toEqual([]);
        expect(await orm.em.fork().count(Organisation, { name: '长春市总工会' })).toBe(1);
      });
    } finally {
      await database.drop();
    }
  });

  it('serves a pool of connections over the embedded socket, running concurrent transactions one at a time', async () => {
    // PGlite is a single Postgres session: the socket server queues other connections' statements
    // while one connection is inside a transaction, so concurrent use works but is serialised.
    const embedded = await startEmbeddedPostgres(undefined);
    try {
      await withOrm(embedded.url, async (orm) => {
        await migrate(orm);
        const writers = Array.from({ length: 10 }, (_, index) =>
          orm.em.fork().transactional(async (tx) => {
            const seen = await tx.count(Organisation, {});
            tx.create(Organisation, { name: `工会${index}`, kind: 'province' });
            await tx.flush();
            // Within its transaction a writer sees exactly one more row than it started with.
            expect(await tx.count(Organisation, {})).toBe(seen + 1);
          }),
        );
        await Promise.all(writers);
        expect(await orm.em.fork().count(Organisation, {})).toBe(10);
      });
    } finally {
      await embedded.stop();
    }
  });
});
