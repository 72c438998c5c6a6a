// Starts the built app (`node apps/api/dist/main.js`) the way an operator would, on a free port
// with its own data directory and its own database, and tears it all down afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

const MAIN = path.join(REPO_ROOT, 'apps', 'api', 'dist', 'main.js');
const WEB_INDEX = path.join(REPO_ROOT, 'apps', 'web', 'dist', 'index.html');
const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const HEALTH_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;
const MAX_OUTPUT_CHARS = 200_000;
const ARTIFACTS_DIR = path.join(REPO_ROOT, 'e2e', 'artifacts');

export interface RunningApp {
  /** Base URL, e.g. http://127.0.0.1:41234 (no trailing slash). */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** 'server' when the app runs on a fresh database of a PostgreSQL server, else 'embedded'. */
  readonly databaseMode: 'server' | 'embedded';
  /** Everything the server printed so far (stdout and stderr interleaved). */
  output(): string;
  stop(): Promise<void>;
}

export interface StartAppOptions {
  /** Extra environment for the server; a value of undefined removes the variable. */
  env?: Record<string, string | undefined>;
  /** Name of the log file kept under e2e/artifacts/ (default: the test file's name). */
  name?: string;
}

/** True when the tests must run on a real PostgreSQL server rather than embedded PGlite. */
export function usesServerDatabase(): boolean {
  return process.env.CI === 'true' || Boolean(process.env.TEST_DATABASE_URL);
}

export async function startApp(options: StartAppOptions = {}): Promise<RunningApp> {
  for (const file of [MAIN, WEB_INDEX]) {
    if (!existsSync(file)) {
      throw new Error(`${path.relative(REPO_ROOT, file)} is missing: run \`npm run build\` first`);
    }
  }

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'jingsai-e2e-'));
  let database: TestDatabase | undefined;
  try {
    database = usesServerDatabase() ? await createDatabase() : undefined;
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }

  const env: NodeJS.ProcessEnv = { ...process.env };
  // Jest sets NODE_ENV=test; the app under test is started as `node apps/api/dist/main.js` would
  // be from a shell. Secrets and databases from the outer environment must not leak in either.
  for (const name of ['NODE_ENV', 'DATABASE_URL', 'SESSION_SECRET', 'PUBLIC_URL', 'TRUST_PROXY']) {
    delete env[name];
  }
  Object.assign(env, {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    DEMO_SEED: 'true',
    PUBLIC_URL: url,
  });
  if (database) env.DATABASE_URL = database.url;
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }

  let output = '';
  const child = spawn(process.execPath, [MAIN], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const capture = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
    if (output.length > MAX_OUTPUT_CHARS) output = output.slice(-MAX_OUTPUT_CHARS);
  };
  child.stdout?.on('data', capture);
  child.stderr?.on('data', capture);

  const testPath = typeof expect === 'undefined' ? undefined : expect.getState().testPath;
  const logName = options.name ?? path.basename(testPath ?? 'app', '.ts');
  const cleanup = async (): Promise<void> => {
    await killProcess(child);
    // What the server printed (LOG_LEVEL=warn: warnings and errors with their correlation ids).
    await mkdir(ARTIFACTS_DIR, { recursive: true });
    await writeFile(path.join(ARTIFACTS_DIR, `${logName}.server.log`), output);
    if (database) await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(url, child, () => output);
  } catch (error) {
    await cleanup();
    throw error;
  }

  let stopped: Promise<void> | undefined;
  return {
    url,
    port,
    dataDir,
    databaseMode: database ? 'server' : 'embedded',
    output: () => output,
    stop: () => (stopped ??= cleanup()),
  };
}

async function waitForHealth(
  url: string,
  child: ChildProcess,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  let exit: string | undefined;
  child.once('exit', (code, signal) => {
    exit = signal ? `signal ${signal}` : `code ${code}`;
  });
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (exit) {
      throw new Error(
        `the server exited early (${exit}) before /api/health answered.\n${output()}`,
      );
    }
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      const body = await response.text();
      if (response.status === 200) return;
      last = `HTTP ${response.status}: ${body.slice(0, 500)}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await sleep(250);
  }
  throw new Error(
    `GET ${url}/api/health did not answer 200 within ${HEALTH_TIMEOUT_MS / 1000} s ` +
      `(last: ${last}).\n${output()}`,
  );
}

async function killProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Creates `jingsai_e2e_<random>` on the test server; drop() removes it even if still in use. */
async function createDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL || DEFAULT_SERVER_URL;
  const name = `jingsai_e2e_${randomBytes(6).toString('hex')}`;
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const databaseUrl = new URL(serverUrl);
  databaseUrl.pathname = `/${name}`;
  return {
    url: databaseUrl.toString(),
    drop: async () => {
      await withClient(serverUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
      );
    },
  };
}

async function withClient<T>(connectionString: string, work: (client: Client) => Promise<T>) {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
