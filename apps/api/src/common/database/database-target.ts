import { join } from 'node:path';
import type { AppConfig } from '../config/app-config';
import { startEmbeddedPostgres } from './embedded-postgres';

/** Where the app's data lives for this process: a Postgres server, or the embedded PGlite. */
export type DatabaseMode = 'server' | 'embedded';

/** Token under which the app can ask which mode it runs in. */
export const DATABASE_MODE = Symbol('DATABASE_MODE');

export interface DatabaseTarget {
  url: string;
  mode: DatabaseMode;
  close(): Promise<void>;
}

export async function openDatabaseTarget(config: AppConfig): Promise<DatabaseTarget> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, mode: 'server', close: async () => undefined };
  }
  const embedded = await startEmbeddedPostgres(join(config.dataDir, 'pglite'));
  return { url: embedded.url, mode: 'embedded', close: () => embedded.stop() };
}
