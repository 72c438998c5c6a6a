import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../src/common/database/embedded-postgres';

/**
 * A database of its own for one test file: a fresh database on a real Postgres server when one is
 * configured (TEST_DATABASE_URL, else DATABASE_URL, else the machine's 127.0.0.1:5432 when
 * CI=true), otherwise a fresh in-memory embedded PGlite.
 */
export interface TestDatabase {
  url: string;
  mode: 'server' | 'embedded';
  drop(): Promise<void>;
}

export function serverAdminUrl(): string | null {
  const given = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (given) return given;
  return process.env.CI === 'true' ? 'postgres://postgres@127.0.0.1:5432/postgres' : null;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = serverAdminUrl();
  if (!adminUrl) {
    const embedded = await startEmbeddedPostgres(undefined);
    return { url: embedded.url, mode: 'embedded', drop: () => embedded.stop() };
  }
  const name = `jingsai_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    mode: 'server',
    async drop() {
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
