'use strict';
/**
 * Shared set-up of the judging benchmarks: a fresh database on the machine's Postgres, the
 * built API started on it, and (by SQL, before timing) a competition with one event, one round
 * with a rubric, `judges` judges on its panel, each covering `entriesPerJudge` stations, their
 * sessions signed in and their sheets created.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const net = require('node:net');
const { createRequire } = require('node:module');

const root = path.resolve(__dirname, '../..');
const apiRequire = createRequire(path.join(root, 'apps/api/package.json'));
const { Client } = apiRequire('pg');
const main = process.env.BENCH_API_MAIN ?? path.join(root, 'apps/api/dist/main.js');
const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PASSWORD = 'Bench-judge-2026';

function requireBuild() {
  if (!fs.existsSync(main)) {
    console.error(`${main} not found: build first with "npx nx run api:build"`);
    process.exit(1);
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts `node apps/api/dist/main.js`; resolves once it listens. */
function startApi(env) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean), main],
      {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    const onData = (chunk) => {
      if (process.env.JUDGING_TRACE) process.stderr.write(chunk);
      output += chunk.toString();
      if (output.includes('is ready on')) {
        child.removeAllListeners('exit');
        resolve(child);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => {
      if (process.env.JUDGING_TRACE) process.stderr.write(chunk);
      output += chunk.toString();
    });
    child.on('exit', (code) =>
      reject(new Error(`API exited with ${code}:\n${output.slice(-3000)}`)),
    );
  });
}

async function stopApi(child, signal = 'SIGTERM') {
  if (!child || child.exitCode !== null) return;
  await new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

function rubric(aspects) {
  return {
    format: 'jingsai.rubric',
    version: 1,
    id: 'bench-practical',
    revision: '1',
    name: { zh: '基准测试实操', en: 'Bench practical' },
    total: { round: { decimals: 2, mode: 'half_up' } },
    modules: [
      {
        id: 'practical',
        name: { zh: '实操', en: 'Practical' },
        criteria: [
          {
            id: 'work',
            name: { zh: '作品', en: 'Work' },
            aspects: Array.from({ length: aspects }, (_, i) => ({
              id: `a${i + 1}`,
              name: { zh: `评分点${i + 1}`, en: `Aspect ${i + 1}` },
              kind: 'judgement',
              scale: { min: 0, top: 10, step: 0.5 },
              valuation: 'as_marked',
            })),
          },
        ],
      },
    ],
  };
}

/**
 * Creates the database, starts the API and seeds the round. Returns what the benchmarks need:
 * the API's base URL, each judge's cookie and sheets, the event id and a `restart()`.
 */
async function setUp({ name, judges, entriesPerJudge, aspects }) {
  requireBuild();
  const database = `jingsai_bench_${name}_${process.pid}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database "${database}"`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  const databaseUrl = url.toString();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `jingsai-bench-${name}-`));
  const port = await freePort();
  const env = {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DEMO_SEED: 'false',
    LOG_LEVEL: 'warn',
    DATABASE_URL: databaseUrl,
  };
  const context = {
    database,
    databaseUrl,
    dataDir,
    env,
    api: null,
    base: `http://127.0.0.1:${port}/api/v1`,
  };
  context.api = await startApi(env);

  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const { hashPassword } = require(path.join(root, 'apps/api/dist/modules/auth/password.js'));
  const hash = await hashPassword(PASSWORD);
  const one = async (text, params) => (await db.query(text, params)).rows[0];
  const province = (
    await one(
      `insert into organisation (id, name, kind) values (gen_random_uuid(), '吉林省总工会', 'province') returning id`,
    )
  ).id;
  const enterprise = (
    await one(
      `insert into organisation (id, name, kind, parent_id) values (gen_random_uuid(), '一汽集团', 'enterprise', $1) returning id`,
      [province],
    )
  ).id;
  const competition = (
    await one(
      `insert into competition (id, name, year, status, organiser_id) values (gen_random_uuid(), '基准测试竞赛', 2026, 'running', $1) returning id`,
      [province],
    )
  ).id;
  const eventId = (
    await one(
      `insert into competition_event (id, competition_id, name) values (gen_random_uuid(), $1, '数控车工') returning id`,
      [competition],
    )
  ).id;
  const roundId = (
    await one(
      `insert into round (id, event_id, name, kind, sequence, rubric_version) values (gen_random_uuid(), $1, '实操', 'practical', 1, 1) returning id`,
      [eventId],
    )
  ).id;
  await db.query(
    `insert into rubric_version (id, round_id, version, rubric) values (gen_random_uuid(), $1, 1, $2::jsonb)`,
    [roundId, JSON.stringify(rubric(aspects))],
  );
  const stations = Math.max(entriesPerJudge, Math.ceil((judges * entriesPerJudge) / 5));
  for (let s = 1; s <= stations; s++) {
    const person = (
      await one(
        `insert into person (id, name, enterprise_id) values (gen_random_uuid(), $1, $2) returning id`,
        [`选手${s}`, enterprise],
      )
    ).id;
    const registration = (
      await one(
        `insert into registration (id, competition_id, event_id, person_id, status, source, candidate_number) values (gen_random_uuid(), $1, $2, $3, 'approved', 'organiser', $4) returning id`,
        [competition, eventId, person, `C${String(s).padStart(4, '0')}`],
      )
    ).id;
    await db.query(
      `insert into round_entry (id, round_id, registration_id, anonymous_code, station, attendance) values (gen_random_uuid(), $1, $2, $3, $4, 'present')`,
      [roundId, registration, `X${String(s).padStart(4, '0')}`, s],
    );
  }
  const judgeRows = [];
  for (let j = 0; j < judges; j++) {
    const user = (
      await one(
        `insert into user_account (id, username, display_name, password_hash) values (gen_random_uuid(), $1, $2, $3) returning id`,
        [`bench_judge_${j + 1}`, `裁判${j + 1}`, hash],
      )
    ).id;
    await db.query(
      `insert into role_grant (id, user_id, role, scope_type, scope_id) values (gen_random_uuid(), $1, 'judge', 'competition', $2)`,
      [user, competition],
    );
    const first = (j * entriesPerJudge) % stations;
    const covered = Array.from({ length: entriesPerJudge }, (_, i) => ((first + i) % stations) + 1);
    await db.query(
      `insert into judging_panel_member (id, round_id, judge_id, seat, stations) values (gen_random_uuid(), $1, $2, $3, $4::jsonb)`,
      [roundId, user, j + 1, JSON.stringify(covered)],
    );
    judgeRows.push({ userId: user, username: `bench_judge_${j + 1}` });
  }
  await db.end();

  // Sign in and create the sheets (the queue does) before timing.
  const judgesOut = [];
  for (const judge of judgeRows) {
    const login = await fetch(`${context.base}/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: judge.username, password: PASSWORD }),
    });
    if (!login.ok)
      throw new Error(`login ${judge.username}: ${login.status} ${await login.text()}`);
    const cookie = login.headers.get('set-cookie').split(';')[0];
    const queue = await (
      await fetch(`${context.base}/judging/me/queue`, { headers: { Cookie: cookie } })
    ).json();
    const sheets = queue.rounds[0].sheets.map((sheet) => sheet.sheetId);
    judgesOut.push({ ...judge, cookie, sheets });
  }
  context.judges = judgesOut;
  context.eventId = eventId;
  context.roundId = roundId;
  context.aspects = Array.from({ length: aspects }, (_, i) => `a${i + 1}`);
  context.restart = async () => {
    context.api = await startApi(env);
  };
  context.tearDown = async () => {
    await stopApi(context.api);
    const cleanup = new Client({ connectionString: ADMIN_URL });
    await cleanup.connect();
    await cleanup.query(`drop database if exists "${database}" with (force)`);
    await cleanup.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  return context;
}

/**
 * A light keep-alive HTTP client for the load (node:http, no fetch): the load generator shares
 * the two cores with the API, so it should cost as little as it can.
 */
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

function postJson(url, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const payload = Buffer.from(JSON.stringify(body));
    const request = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          ...headers,
          'Content-Type': 'application/json',
          'Content-Length': payload.length,
        },
      },
      (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          let json = null;
          try {
            json = JSON.parse(text);
          } catch {
            // not JSON: the caller sees status and text
          }
          resolve({ status: response.statusCode, ok: response.statusCode < 300, json, text });
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function machine() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? '?',
    memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    /** other work on the machine during the run (1, 5, 15 min) */
    loadAverage: os.loadavg().map((n) => +n.toFixed(1)),
  };
}

module.exports = { ADMIN_URL, Client, machine, percentile, postJson, root, setUp, stopApi };
