#!/usr/bin/env node
/**
 * Judging throughput and latency: 200 simulated judges submit marks concurrently over HTTP.
 *
 *   npx nx run api:build && node bench/judging/marks.bench.js
 *
 * Needs the machine's Postgres (BENCH_ADMIN_URL, default postgres://postgres@127.0.0.1:5432/postgres).
 * Set-up (untimed, harness.js): a fresh database, the built API on it, one event whose round has a
 * 30-aspect rubric, 200 judges each on 5 stations, signed in, sheets created; then a warm-up of
 * 10 marks per judge. All 200 judges mark the same event, so they all append to one hash chain.
 *
 * Timed, in this order:
 * 1. **Tablets** (the headline figure): the judges enter marks at a fixed total rate (BENCH_RATE,
 *    default 1,100 marks/s, i.e. each judge one mark every ~180 ms, judges staggered) for
 *    BENCH_SECONDS (default 12). Each simulated tablet behaves like the web client
 *    (apps/web/src/lib/judging/mark-queue.ts): at most one request in flight; marks entered while
 *    one is under way wait and go together in the next request (at most 50). A mark's latency runs
 *    from the moment it was entered (its scheduled time, not when it was sent) to its
 *    acknowledgement (acknowledged = committed), so a slow server is never hidden by the load
 *    generator waiting for it. Marks/s acknowledged = marks / (last ack − first scheduled mark).
 * 2. **One mark per request, closed loop** (the worst case): every judge sends
 *    BENCH_MARKS_PER_JUDGE (default 50) marks, one per request, each waiting for the previous
 *    acknowledgement, no pause between them.
 * 3. In the same run, a plain `pg` INSERT loop into a bare table (one connection, autocommit) and
 *    the same with 200 concurrent INSERTs over a pool of 10 connections, as floors.
 * Requests go through a light keep-alive node:http client (harness.postJson). Prints the figures,
 * writes bench/results/judging-marks.json and .md. Targets: ≥ 1,000 marks/s acknowledged with
 * p99 ≤ 100 ms (judged on the tablets phase; the closed loop is reported beside it).
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { randomUUID } = require('node:crypto');
const { performance } = require('node:perf_hooks');
const { Client, machine, percentile, postJson, root, setUp } = require('./harness');

const JUDGES = Number(process.env.BENCH_JUDGES ?? 200);
const RATE = Number(process.env.BENCH_RATE ?? 1100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 12);
const CLOSED_MARKS_PER_JUDGE = Number(process.env.BENCH_MARKS_PER_JUDGE ?? 50);
const WARM_UP_MARKS_PER_JUDGE = 10;
/** As the web client's mark queue: at most this many marks per request. */
const TABLET_BATCH = 50;
const ASPECTS = 30;
const ENTRIES_PER_JUDGE = 5;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The judge's next mark: every (sheet, aspect) slot once, so none is a correction. */
function nextMark(context, judge) {
  const slot = judge.slot ?? 0;
  judge.slot = slot + 1;
  const sheets = judge.sheets.length;
  if (slot >= sheets * context.aspects.length) throw new Error('the bench ran out of mark slots');
  return {
    key: randomUUID(),
    sheetId: judge.sheets[slot % sheets],
    aspectId: context.aspects[Math.floor(slot / sheets)],
    value: String((slot % 21) / 2),
    clientTime: new Date().toISOString(),
  };
}

/** Sends marks until every one is acknowledged (a failed request is retried with the same keys). */
async function send(context, judge, marks, counts) {
  for (;;) {
    let response;
    try {
      response = await postJson(
        `${context.base}/judging/marks`,
        { deviceId: `tablet-${judge.username}`, marks },
        { Cookie: judge.cookie },
      );
    } catch {
      response = { ok: false };
    }
    counts.requests++;
    if (response.ok) {
      for (const ack of response.json.acks) {
        counts[ack.status] = (counts[ack.status] ?? 0) + 1;
        if (ack.status === 'rejected' && counts.firstError === undefined)
          counts.firstError = ack.error;
      }
      return;
    }
    counts.failed++;
    await sleep(100);
  }
}

function apiCpuMs(context) {
  const fields = fs.readFileSync(`/proc/${context.api.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * (1000 / 100);
}

function newCounts() {
  return { requests: 0, stored: 0, duplicate: 0, rejected: 0, failed: 0 };
}

/** CPU time of this process (the load generator), ms. */
function clientCpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function summary(latencies, counts, seconds, cpuMs, clientMs) {
  latencies.sort((a, b) => a - b);
  return {
    seconds: +seconds.toFixed(2),
    acknowledged: counts.stored,
    rejected: counts.rejected,
    failedRequests: counts.failed,
    firstError: counts.firstError ?? null,
    requests: counts.requests,
    marksPerRequest: +(counts.stored / counts.requests).toFixed(2),
    marksPerSecond: Math.round(counts.stored / seconds),
    p50Ms: +percentile(latencies, 50).toFixed(1),
    p90Ms: +percentile(latencies, 90).toFixed(1),
    p99Ms: +percentile(latencies, 99).toFixed(1),
    maxMs: +latencies[latencies.length - 1].toFixed(1),
    apiCpuMsPerMark: +(cpuMs / counts.stored).toFixed(3),
    apiCpuShare: +(cpuMs / 1000 / seconds).toFixed(2),
    loadGeneratorCpuShare: +(clientMs / 1000 / seconds).toFixed(2),
  };
}

/** Phase 1: tablets entering marks at a fixed rate, each with at most one request in flight. */
async function tablets(context) {
  const interval = (JUDGES * 1000) / RATE; // ms between two marks of one judge
  const perJudge = Math.round((SECONDS * RATE) / JUDGES);
  const latencies = [];
  const counts = newCounts();
  const cpuBefore = apiCpuMs(context);
  const clientBefore = clientCpuMs();
  const start = performance.now() + 100;
  let lastAck = start;
  await Promise.all(
    context.judges.map(async (judge, j) => {
      const entered = (k) => start + (j * interval) / JUDGES + k * interval;
      let sent = 0;
      while (sent < perJudge) {
        const now = performance.now();
        const due = Math.min(perJudge, Math.floor((now - entered(0)) / interval) + 1);
        if (due <= sent) {
          await sleep(Math.max(0, entered(sent) - now));
          continue;
        }
        const upTo = Math.min(due, sent + TABLET_BATCH);
        const marks = [];
        for (let k = sent; k < upTo; k++) marks.push(nextMark(context, judge));
        await send(context, judge, marks, counts);
        const acked = performance.now();
        for (let k = sent; k < upTo; k++) latencies.push(acked - entered(k));
        lastAck = Math.max(lastAck, acked);
        sent = upTo;
      }
    }),
  );
  const result = summary(
    latencies,
    counts,
    (lastAck - start) / 1000,
    apiCpuMs(context) - cpuBefore,
    clientCpuMs() - clientBefore,
  );
  return { offeredPerSecond: RATE, ...result };
}

/** Phase 2: one mark per request, each judge waiting for its acknowledgement, no pause. */
async function closedLoop(context, marksPerJudge) {
  const latencies = [];
  const counts = newCounts();
  const cpuBefore = apiCpuMs(context);
  const clientBefore = clientCpuMs();
  const started = performance.now();
  await Promise.all(
    context.judges.map(async (judge) => {
      for (let i = 0; i < marksPerJudge; i++) {
        const t = performance.now();
        await send(context, judge, [nextMark(context, judge)], counts);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return summary(
    latencies,
    counts,
    seconds,
    apiCpuMs(context) - cpuBefore,
    clientCpuMs() - clientBefore,
  );
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
    await closedLoop(context, WARM_UP_MARKS_PER_JUDGE); // warm-up, not counted
    const loadBefore = machine().loadAverage;
    const tablet = await tablets(context);
    const closed = await closedLoop(context, CLOSED_MARKS_PER_JUDGE);

    const db = new Client({ connectionString: context.databaseUrl });
    await db.connect();
    const stored = Number((await db.query('select count(*) from judging_mark')).rows[0].count);
    await db.end();
    const expected = JUDGES * WARM_UP_MARKS_PER_JUDGE + tablet.acknowledged + closed.acknowledged;
    const verify = await fetchVerify(context);
    const floor = await pgFloor(context.databaseUrl, 10_000);
    const result = {
      benchmark: 'judging-marks',
      date: new Date().toISOString(),
      machine: { ...machine(), loadAverageBefore: loadBefore },
      judges: JUDGES,
      tablets: tablet,
      closedLoopOneMarkPerRequest: closed,
      storedInDatabase: stored,
      expectedInDatabase: expected,
      chainIntact: verify,
      pgInsertLoop: floor,
      targets: { marksPerSecond: 1000, p99Ms: 100 },
    };
    result.met =
      tablet.marksPerSecond >= 1000 &&
      tablet.p99Ms <= 100 &&
      tablet.rejected === 0 &&
      stored === expected &&
      verify;
    result.closedLoopMet = closed.marksPerSecond >= 1000 && closed.p99Ms <= 100;
    console.log(JSON.stringify(result, null, 2));
    fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
    fs.writeFileSync(
      path.join(root, 'bench/results/judging-marks.json'),
      `${JSON.stringify(result, null, 2)}\n`,
    );
    const row = (label, r) =>
      `| ${label} | **${r.marksPerSecond}** | ${r.marksPerRequest} | ${r.p50Ms} | ${r.p90Ms} | **${r.p99Ms}** | ${r.maxMs} | ${r.apiCpuMsPerMark} | ${r.apiCpuShare} / ${r.loadGeneratorCpuShare} |`;
    fs.writeFileSync(
      path.join(root, 'bench/results/judging-marks.md'),
      [
        '# Judging marks benchmark',
        '',
        `${result.date} · ${result.machine.cpus} × ${result.machine.cpuModel} · ${result.machine.memoryGiB} GiB · Node ${result.machine.node} · load average before / after the timed phases ${loadBefore.join(' / ')} → ${result.machine.loadAverage.join(' / ')}`,
        '',
        `${JUDGES} judges, all on one event (one hash chain), through the built API on the machine's Postgres (see the header of bench/judging/marks.bench.js):`,
        '',
        '| | marks/s acknowledged | marks per request | p50 ms | p90 ms | p99 ms | max ms | API CPU ms per mark | API / load generator CPU (cores) |',
        '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
        row(
          `**tablets**: ${RATE} marks/s entered for ${SECONDS} s, ≤ 1 request in flight per tablet (latency from entering a mark)`,
          tablet,
        ),
        row(
          `closed loop: ${CLOSED_MARKS_PER_JUDGE} marks per judge, 1 mark per request, no pause (latency per request)`,
          closed,
        ),
        '',
        '| floor | per second | p50 ms | p99 ms |',
        '|---|---:|---:|---:|',
        `| plain pg INSERT loop, one connection | ${floor.sequential.perSecond} | ${floor.sequential.p50Ms} | ${floor.sequential.p99Ms} |`,
        `| plain pg INSERT, 200 concurrent over 10 connections | ${floor.concurrent200.perSecond} | ${floor.concurrent200.p50Ms} | ${floor.concurrent200.p99Ms} |`,
        '',
        `Tablets: ${tablet.acknowledged} acknowledged, ${tablet.rejected} rejected, ${tablet.failedRequests} failed requests; closed loop: ${closed.acknowledged} acknowledged, ${closed.rejected} rejected, ${closed.failedRequests} failed requests. Rows in judging_mark: ${stored} (expected ${expected}, with the warm-up); hash chain verifies: ${verify}.`,
        '',
        `Target (≥ 1,000 marks/s acknowledged, p99 ≤ 100 ms, on the tablets phase): ${result.met ? 'met' : 'NOT met'}. Closed loop, one mark per request: ${result.closedLoopMet ? 'met' : 'not met'}.`,
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
