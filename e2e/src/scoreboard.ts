// Helpers for the scoreboard's browser and scale-out tests: API processes started through
// bench/scoreboard/api-node.js (the built app with standings read from a file the test writes,
// in place of the judging module), scratch databases, a private redis-server.
import type { EventStandings, StandingRow } from '@jingsai/contracts';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { REPO_ROOT } from './app';

const ADMIN_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const NODE = path.join(REPO_ROOT, 'bench', 'scoreboard', 'api-node.js');
const SHARED_KEY = randomBytes(32).toString('base64url');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function waitFor(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export interface Started {
  child: ChildProcess;
  output(): string;
}

export async function startProcess(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
): Promise<Started> {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${command} exited (${code}):\n${output}`)));
  });
  return { child, output: () => output };
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createScratchDatabase(): Promise<ScratchDatabase> {
  const name = `jingsai_scoreboard_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new Client({ connectionString: ADMIN_URL });
      await client.connect();
      await client.query(`drop database if exists "${name}" with (force)`);
      await client.end();
    },
  };
}

export async function startRedis(port: number): Promise<Started> {
  return startProcess(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    process.env,
    /Ready to accept connections/,
  );
}

export interface ScoreboardNode extends Started {
  url: string;
  dataDir: string;
}

/** One API process (see bench/scoreboard/api-node.js); resolves once it listens. */
export async function startScoreboardNode(options: {
  databaseUrl: string;
  simDir: string;
  seed: boolean;
  redisUrl?: string;
}): Promise<ScoreboardNode> {
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'jingsai-scoreboard-node-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: options.databaseUrl,
    SESSION_SECRET: 'scoreboard-test-session-secret-0123456789abcdef',
    DATA_ENCRYPTION_KEY: SHARED_KEY,
    LOG_LEVEL: 'warn',
    DEMO_SEED: options.seed ? 'true' : 'false',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    SCOREBOARD_SIM_DIR: options.simDir,
  };
  delete env.NODE_ENV;
  if (options.redisUrl) env.REDIS_URL = options.redisUrl;
  else delete env.REDIS_URL;
  const started = await startProcess(process.execPath, [NODE], env, /READY /);
  return { ...started, url: `http://127.0.0.1:${port}`, dataDir };
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** Writes what the judging module would answer for an event, public and staff views. */
export async function writeStandings(
  simDir: string,
  base: Omit<EventStandings, 'rows'>,
  rows: StandingRow[],
  publicRow: (row: StandingRow) => StandingRow = (row) => ({ ...row, name: null }),
): Promise<void> {
  const file = path.join(simDir, `${base.eventId}.json`);
  const body = {
    public: { ...base, rows: rows.map(publicRow) },
    staff: { ...base, rows },
  };
  await writeFile(`${file}.tmp`, JSON.stringify(body));
  await rename(`${file}.tmp`, file);
}

/** A change to an event's standings, as judging records it (the outbox row). */
export async function recordChange(databaseUrl: string, eventId: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(`insert into scoreboard_change (event_id, reason) values ($1, 'mark')`, [
    eventId,
  ]);
  await client.end();
}

export async function firstEvent(
  databaseUrl: string,
): Promise<{ eventId: string; competitionId: string; name: string }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const result = await client.query<{ id: string; competition_id: string; name: string }>(
    'select id, competition_id, name from competition_event order by sort_order, name limit 1',
  );
  await client.end();
  const row = result.rows[0];
  if (!row) throw new Error('the demo seed made no event');
  return { eventId: row.id, competitionId: row.competition_id, name: row.name };
}
