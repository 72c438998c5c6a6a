import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';

/**
 * An embedded PostgreSQL (PGlite, real Postgres compiled to WASM) served to this process over a
 * loopback socket, so the app talks to it through the same `pg` driver and SQL as to a server.
 */
export interface EmbeddedPostgres {
  /** postgres:// URL of the loopback socket. */
  readonly url: string;
  stop(): Promise<void>;
}

export async function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

/**
 * Starts PGlite. `dataDir` persists the cluster on disk; `undefined` keeps it in memory
 * (used by tests, one database per test file).
 */
export class EmbeddedDatabaseInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The embedded database in ${dataDir} is in use by process ${pid}. ` +
        'Stop that process first (only one process may open an embedded database), or set DATABASE_URL.',
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** PGlite's files must never be opened by two processes at once: a pid lock file guards them. */
function lockDataDir(dataDir: string): () => void {
  const lockFile = join(dataDir, 'jingsai.pid');
  try {
    const holder = Number(readFileSync(lockFile, 'utf8').trim());
    if (holder && holder !== process.pid && isAlive(holder))
      throw new EmbeddedDatabaseInUseError(dataDir, holder);
  } catch (error) {
    if (error instanceof EmbeddedDatabaseInUseError) throw error;
  }
  writeFileSync(lockFile, String(process.pid));
  return () => rmSync(lockFile, { force: true });
}

export async function startEmbeddedPostgres(
  dataDir: string | undefined,
): Promise<EmbeddedPostgres> {
  let unlock = () => undefined as void;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    unlock = lockDataDir(dataDir);
  }
  const db = await PGlite.create(dataDir ? { dataDir } : {});
  const host = '127.0.0.1';
  const port = await findFreePort(host);
  // The socket server serialises queries and keeps a transaction on the connection that opened it,
  // so a small pool is safe. One consequence to remember: inside `em.transactional(tx => …)` use
  // only `tx`. A query through another EntityManager waits for the transaction to end, which
  // waits for that query: on a Postgres server it would merely run outside the transaction, here
  // it deadlocks.
  const server = new PGLiteSocketServer({ db, host, port, maxConnections: 16 });
  await server.start();
  return {
    url: `postgres://postgres:postgres@${host}:${port}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await db.close();
      unlock();
    },
  };
}
