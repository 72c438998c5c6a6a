#!/usr/bin/env node
/**
 * Judging throughput: 200 simulated judges submit marks concurrently over HTTP.
 *
 *   npx nx run api:build && node bench/judging/marks.bench.js
 *
 * Needs the machine's Postgres (BENCH_ADMIN_URL, default postgres://postgres@127.0.0.1:5432/postgres).
 * Set-up (untimed, harness.js): a fresh database, the built API on it, one event whose round has a
 * 10-aspect rubric, 200 judges each on 5 stations, signed in, sheets created. Timed: every judge
 * sends BENCH_MARKS_PER_JUDGE marks (default 50), one mark per request (the tablet's worst case),
 * each request waiting for its acknowledgement (acknowledged = committed) before the next. All
 * 200 judges mark the same event, so they all append to one hash chain. Then, in the same run, a
 * plain `pg` INSERT loop into a bare table (one connection, autocommit) and the same with 200
 * concurrent INSERTs over a pool of 10 connections, as floors.
 * Prints marks/s acknowledged and p50/p99 latency, writes bench/results/judging-marks.json and .md.
 * Targets: ≥ 1,000 marks/s acknowledged with p99 ≤ 100 ms.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { randomUUID } = require('node:crypto');
const { performance } = require('node:perf_hooks');
const { Client, machine, percentile, root, setUp } = require('./harness');

const JUDGES = Number(process.env.BENCH_JUDGES ?? 200);
const MARKS_PER_JUDGE = Number(process.env.BENCH_MARKS_PER_JUDGE ?? 50);
const MARKS_PER_REQUEST = Number(process.env.BENCH_MARKS_PER_REQUEST ?? 1);
const ASPECTS = 10;
const SUFFIX = MARKS_PER_REQUEST === 1 ? '' : `-batch${MARKS_PER_REQUEST}`;
const ENTRIES_PER_JUDGE = 5;

async function judgeLoop(context, judge, latencies, counts) {
  const agentHeaders = { 'Content-Type': 'application/json', Cookie: judge.cookie };
  for (let i = 0; i < MARKS_PER_JUDGE; i += MARKS_PER_REQUEST) {
    const marks = [];
    for (let k = i; k < Math.min(i + MARKS_PER_REQUEST, MARKS_PER_JUDGE); k++) {
      const sheetId = judge.sheets[k % judge.sheets.length];
      const aspectId =
        context.aspects[Math.floor(k / judge.sheets.length) % context.aspects.length];
      marks.push({
        key: randomUUID(),
        sheetId,
        aspectId,
        value: String((k % 21) / 2),
        clientTime: new Date().toISOString(),
      });
    }
    const started = performance.now();
    const response = await fetch(`${context.base}/judging/marks`, {
      method: 'POST',
      headers: agentHeaders,
      body: JSON.stringify({ deviceId: `tablet-${judge.username}`, marks }),
    });
    const body = await response.json();
    latencies.push(performance.now() - started);
    if (!response.ok) {
      counts.failed++;
      continue;
    }
    for (const ack of body.acks) counts[ack.status] = (counts[ack.status] ?? 0) + 1;
    const rejected = body.acks.find((ack) => ack.status === 'rejected');
    if (rejected && counts.firstError === undefined) counts.firstError = rejected.error;
  }
}

/** The same 200 signed-in clients calling GET /auth/me: what one request costs the API stack itself. */
async function stackBaseline(context, requestsPerJudge) {
  const latencies = [];
  const started = performance.now();
  await Promise.all(
    context.judges.map(async (judge) => {
      for (let i = 0; i < requestsPerJudge; i++) {
        const t = performance.now();
        const response = await fetch(`${context.base}/auth/me`, {
          headers: { Cookie: judge.cookie },
        });
        await response.arrayBuffer();
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    perSecond: Math.round(latencies.length / seconds),
    p50Ms: +percentile(latencies, 50).toFixed(1),
    p99Ms: +percentile(latencies, 99).toFixed(1),
  };
}

async function pgFloor(databaseUrl, rows) {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  await db.query(
    'create table bench_bare (id uuid primary key, key uuid unique, value varchar(32), at timestamptz)',
  );
  const latencies = [];
  const started = performance.now();
  for (let i = 0; i < rows; i++) {
    const t = performance.now();
    await db.query('insert into bench_bare (id, key, value, at) values ($1, $2, $3, now())', [
      randomUUID(),
      randomUUID(),
      '8.5',
    ]);
    latencies.push(performance.now() - t);
  }
  const seconds = (performance.now() - started) / 1000;
  await db.end();
  latencies.sort((a, b) => a - b);
  const sequential = {
    rows,
    perSecond: Math.round(rows / seconds),
    p50Ms: +percentile(latencies, 50).toFixed(2),
    p99Ms: +percentile(latencies, 99).toFixed(2),
  };

  const pool = await Promise.all(
    Array.from({ length: 10 }, async () => {
      const client = new Client({ connectionString: databaseUrl });
      await client.connect();
      return client;
    }),
  );
  const concurrentLatencies = [];
  let next = 0;
  const concurrentStarted = performance.now();
  const free = [...pool];
  const waiters = [];
  const acquire = () =>
    free.length ? Promise.resolve(free.pop()) : new Promise((resolve) => waiters.push(resolve));
  const release = (client) => (waiters.length ? waiters.shift()(client) : free.push(client));
  await Promise.all(
    Array.from({ length: 200 }, async () => {
      while (next < rows) {
        next++;
        const t = performance.now();
        const client = await acquire();
        await client.query(
          'insert into bench_bare (id, key, value, at) values ($1, $2, $3, now())',
          [randomUUID(), randomUUID(), '8.5'],
        );
        release(client);
        concurrentLatencies.push(performance.now() - t);
      }
    }),
  );
  const concurrentSeconds = (performance.now() - concurrentStarted) / 1000;
  await Promise.all(pool.map((client) => client.end()));
  concurrentLatencies.sort((a, b) => a - b);
  return {
    sequential,
    concurrent200: {
      rows,
      perSecond: Math.round(rows / concurrentSeconds),
      p50Ms: +percentile(concurrentLatencies, 50).toFixed(2),
      p99Ms: +percentile(concurrentLatencies, 99).toFixed(2),
    },
  };
}

async function main() {
  const context = await setUp({
    name: 'marks',
    judges: JUDGES,
    entriesPerJudge: ENTRIES_PER_JUDGE,
    aspects: ASPECTS,
  });
  try {
    // warm-up: one mark per judge (not counted)
    await Promise.all(
      context.judges
        .slice(0, 20)
        .map((judge) =>
          fetch(`${context.base}/judging/me/queue`, { headers: { Cookie: judge.cookie } }),
        ),
    );
    const latencies = [];
    const counts = { stored: 0, duplicate: 0, rejected: 0, failed: 0 };
    const started = performance.now();
    await Promise.all(context.judges.map((judge) => judgeLoop(context, judge, latencies, counts)));
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);

    const db = new Client({ connectionString: context.databaseUrl });
    await db.connect();
    const stored = Number((await db.query('select count(*) from judging_mark')).rows[0].count);
    await db.end();
    const verify = await fetchVerify(context);
    const floor = await pgFloor(context.databaseUrl, 10_000);
    const baseline = await stackBaseline(context, 20);
    const acknowledged = counts.stored;
    const result = {
      benchmark: 'judging-marks',
      date: new Date().toISOString(),
      machine: machine(),
      judges: JUDGES,
      marksPerJudge: MARKS_PER_JUDGE,
      marksPerRequest: MARKS_PER_REQUEST,
      api: {
        seconds: +seconds.toFixed(2),
        acknowledged,
        rejected: counts.rejected,
        failedRequests: counts.failed,
        firstError: counts.firstError ?? null,
        marksPerSecond: Math.round(acknowledged / seconds),
        p50Ms: +percentile(latencies, 50).toFixed(1),
        p99Ms: +percentile(latencies, 99).toFixed(1),
        maxMs: +latencies[latencies.length - 1].toFixed(1),
        storedInDatabase: stored,
        chainIntact: verify,
      },
      authMeBaseline: baseline,
      pgInsertLoop: floor,
      targets: { marksPerSecond: 1000, p99Ms: 100 },
    };
    result.met =
      result.api.marksPerSecond >= 1000 && result.api.p99Ms <= 100 && stored === acknowledged;
    console.log(JSON.stringify(result, null, 2));
    fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
    fs.writeFileSync(
      path.join(root, `bench/results/judging-marks${SUFFIX}.json`),
      `${JSON.stringify(result, null, 2)}\n`,
    );
    fs.writeFileSync(
      path.join(root, `bench/results/judging-marks${SUFFIX}.md`),
      [
        '# Judging marks benchmark',
        '',
        `${result.date} · ${result.machine.cpus} × ${result.machine.cpuModel} · ${result.machine.memoryGiB} GiB · Node ${result.machine.node} · load average during the run ${result.machine.loadAverage.join(' / ')}`,
        '',
        `${JUDGES} judges concurrently, ${MARKS_PER_JUDGE} marks each, ${MARKS_PER_REQUEST} mark(s) per HTTP request, all on one event (one hash chain), through the built API on the machine's Postgres:`,
        '',
        '| | per second | p50 ms | p99 ms |',
        '|---|---:|---:|---:|',
        `| **marks acknowledged by the API** (target ≥ 1000, p99 ≤ 100; latency per request) | **${result.api.marksPerSecond}** | ${result.api.p50Ms} | **${result.api.p99Ms}** |`,
        `| same 200 clients, GET /auth/me (session lookup + loading the user and grants, no judging) | ${baseline.perSecond} req | ${baseline.p50Ms} | ${baseline.p99Ms} |`,
        `| plain pg INSERT loop, one connection | ${floor.sequential.perSecond} | ${floor.sequential.p50Ms} | ${floor.sequential.p99Ms} |`,
        `| plain pg INSERT, 200 concurrent over 10 connections | ${floor.concurrent200.perSecond} | ${floor.concurrent200.p50Ms} | ${floor.concurrent200.p99Ms} |`,
        '',
        `Acknowledged ${acknowledged}, rejected ${counts.rejected}, failed requests ${counts.failed}; rows in judging_mark: ${stored}; hash chain verifies: ${verify}.`,
        '',
        `Targets ${result.met ? 'met' : 'NOT met'}.`,
        '',
        'Run: `npx nx run api:build && node bench/judging/marks.bench.js`',
        '',
      ].join('\n'),
    );
  } finally {
    await context.tearDown();
  }
}

/** The chain verifies (through the CLI's verifier on the same database). */
async function fetchVerify(context) {
  const { execFileSync } = require('node:child_process');
  try {
    execFileSync(
      process.execPath,
      [path.join(root, 'apps/api/dist/cli/audit-verify.js'), context.eventId],
      {
        env: { ...process.env, ...context.env },
        stdio: 'pipe',
      },
    );
    return true;
  } catch (error) {
    console.error(String(error.stdout ?? error));
    return false;
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
