#!/usr/bin/env node
/**
 * Live scoreboard benchmark: 10,000 viewers of one event on one API process.
 *
 *   npx nx run api:build && node bench/scoreboard/scoreboard.bench.js
 *
 * Needs the machine's Postgres (BENCH_ADMIN_URL, default postgres://postgres@127.0.0.1:5432/postgres).
 * In one run, in BENCH_ROUNDS (2) rounds taking turns so that both meet the same load on a shared
 * machine, for each of two servers (both started once, the idle one waiting) —
 *   jingsai: the built API (bench/scoreboard/api-node.js: outbox → feed → delta → socket.io room),
 *   bare:    a bare socket.io server (bench/scoreboard/bare-server.js) broadcasting a payload of
 *            the same size as jingsai's deltas to the same room,
 * it connects BENCH_VIEWERS (10,000) light raw-WebSocket viewers (viewers.js, one process) and 20
 * real socket.io-client probes, then makes BENCH_MARKS marks at 5 a second. A mark is "acknowledged"
 * when the server answers the request that made it (jingsai: the standings change and its outbox row
 * committed in a transaction, exactly as judging commits a mark; bare: the emit done). Latency is
 * from that answer to each probe having applied the delta. It also reports the heap per viewer
 * (after a GC, with and without the viewers) and whether every probe saw every seq exactly once.
 * From the API's trace (api-node.js) it splits jingsai's latency into stages (pick-up by the pump,
 * lease and standings, the boards' write, the emit, delivery), and times bare's emits alike.
 * Writes bench/results/scoreboard.json and .md (BENCH_RESULT_NAME changes the name).
 *
 * BENCH_NODE_ARGS adds node flags to both servers (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
 * for CPU profiles written when they stop); BENCH_TRACE_FILE saves the raw trace and the probes'
 * arrival times as JSON; BENCH_API_DIST runs another build of the API (api-node.js), e.g. one of
 * an earlier commit for an A/B comparison in the same conditions.
 */
'use strict';

const { spawn, fork } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const net = require('node:net');
const { createRequire } = require('node:module');
const { performance } = require('node:perf_hooks');
const { randomUUID, randomBytes } = require('node:crypto');

const root = path.resolve(__dirname, '../..');
const apiRequire = createRequire(path.join(root, 'apps/api/package.json'));
const { Client } = apiRequire('pg');
const { io } = apiRequire('socket.io-client');

const VIEWERS = Number(process.env.BENCH_VIEWERS || 10_000);
const PROBES = Number(process.env.BENCH_PROBES || 20);
const MARKS = Number(process.env.BENCH_MARKS || 50);
/** Rounds of jingsai then bare, interleaved so that both meet the same load on a shared machine. */
const ROUNDS = Number(process.env.BENCH_ROUNDS || 2);
const RATE = 5;
const ROWS = 30;
/** Extra node flags for both servers, e.g. BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof". */
const NODE_ARGS = (process.env.BENCH_NODE_ARGS || '').split(/\s+/).filter(Boolean);
/** Node flags for the API process only, e.g. those production starts it with. */
const API_NODE_ARGS = (process.env.BENCH_API_NODE_ARGS || '').split(/\s+/).filter(Boolean);
const ADMIN_URL = process.env.BENCH_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function start(args, env, ready) {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const started = new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk.toString();
      if (ready.test(output)) resolve();
    };
    child.stdout.on('data', onData);
    if (process.env.BENCH_DEBUG) child.stderr.on('data', (c) => process.stderr.write(c));
    child.stderr.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`${args.join(' ')} exited (${code}):\n${output}`)),
    );
  });
  return { child, started, output: () => output };
}

async function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function post(url, body) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
}

async function heap(controlUrl) {
  const response = await fetch(`${controlUrl}/memory`);
  return (await response.json()).heapUsed;
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1)))];
}

function loadAverage() {
  return os.loadavg().map((value) => Number(value.toFixed(2)));
}

/** The viewers process: connect `count` viewers, resolve with {joined, failed}. */
function startViewers(url, count, eventId) {
  const child = fork(path.join(__dirname, 'viewers.js'), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = () => new Promise((resolve) => child.once('message', resolve));
  const joined = next();
  child.send({ connect: { url, count, eventId } });
  return {
    joined,
    async stop() {
      const counts = next();
      child.send({ stop: true });
      const result = await counts;
      await new Promise((resolve) =>
        child.exitCode !== null ? resolve() : child.once('exit', resolve),
      );
      return result;
    },
  };
}

/**
 * A probe: a real socket.io-client that joins the board and applies deltas strictly in seq
 * order, noting when it applied each mark's change (`identify` maps a delta to mark numbers).
 */
function probe(url, eventId, identify, applied) {
  return new Promise((resolve, reject) => {
    const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
    const state = {
      socket,
      seq: null,
      seqs: [],
      gaps: 0,
      duplicates: 0,
      bytes: [],
      marks: new Set(),
    };
    socket.on('scoreboard:delta', (delta) => {
      const now = performance.now();
      if (state.seq === null) return;
      if (delta.seq <= state.seq) {
        state.duplicates++;
        return;
      }
      if (delta.seq !== state.seq + 1) state.gaps++;
      state.seq = delta.seq;
      state.seqs.push(delta.seq);
      state.bytes.push(JSON.stringify(delta).length);
      for (const mark of identify(delta)) {
        // A row keeps its total when only its rank moves: count a mark once, when it first shows.
        if (state.marks.has(mark)) continue;
        state.marks.add(mark);
        applied(mark, now);
      }
    });
    socket.on('connect', () => {
      socket
        .timeout(60_000)
        .emitWithAck('scoreboard:join', { eventId, view: 'public' })
        .then((answer) => {
          if (!answer.ok) return reject(new Error(answer.error.message));
          state.seq = answer.snapshot.seq;
          resolve(state);
        }, reject);
    });
    socket.on('connect_error', reject);
  });
}

const NAMES = '张伟 王芳 李娜 刘洋 陈静 杨磊 赵敏 黄强 周丽 吴军 徐涛 孙燕 马超 朱琳 胡斌'.split(
  ' ',
);
const ENTERPRISES = ['中国一汽', '吉林化纤', '长春轨道客车', '通化钢铁', '吉林石化', '长光卫星'];

function makeRows() {
  return Array.from({ length: ROWS }, (_, i) => ({
    entryId: randomUUID(),
    code: `A${String(i + 1).padStart(3, '0')}`,
    name: null,
    enterprise: ENTERPRISES[i % ENTERPRISES.length],
    region: '长春市',
    stages: [],
    total: `${(70 + i * 0.5).toFixed(2)}`,
    rank: null,
    award: null,
    status: 'complete',
  }));
}

function ranked(rows) {
  const order = [...rows].sort((a, b) => Number(b.total) - Number(a.total));
  return rows.map((row) => ({ ...row, rank: order.indexOf(row) + 1 }));
}

/** One scenario against one server: viewers, probes, marks; returns the figures. */
async function scenario(name, { url, controlUrl, eventId, mark, identify }) {
  const heapBefore = await heap(controlUrl);
  const loadBefore = loadAverage();
  const t = performance.now();
  const viewers = startViewers(url, VIEWERS, eventId);
  const connected = await viewers.joined;
  const connectSeconds = (performance.now() - t) / 1000;
  const acknowledged = new Map();
  const samples = [];
  const arrivals = [];
  const applied = (markNumber, now) => arrivals.push([markNumber, now]);
  const probes = [];
  for (let i = 0; i < PROBES; i++) probes.push(await probe(url, eventId, identify, applied));
  const heapWith = await heap(controlUrl);
  await sleep(1000);

  const startedAt = performance.now();
  for (let i = 0; i < MARKS; i++) {
    const due = startedAt + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    acknowledged.set(i, await mark(i));
  }
  await sleep(3000);
  const loadDuring = loadAverage();

  const counts = await viewers.stop();
  for (const state of probes) state.socket.disconnect();
  // A probe may apply a delta before the mark's request has been answered: that counts as ~0.
  for (const [markNumber, now] of arrivals) {
    const at = acknowledged.get(markNumber);
    if (at !== undefined) samples.push(Math.max(0, now - at));
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const expected = MARKS * PROBES;
  const bytes = probes.flatMap((state) => state.bytes).sort((a, b) => a - b);
  const figures = {
    name,
    viewers: {
      requested: VIEWERS,
      ...connected,
      connectSeconds: Number(connectSeconds.toFixed(1)),
    },
    probes: PROBES,
    marks: MARKS,
    latencyMs: {
      samples: samples.length,
      expected,
      p50: Number(percentile(sorted, 0.5)?.toFixed(1)),
      p90: Number(percentile(sorted, 0.9)?.toFixed(1)),
      p99: Number(percentile(sorted, 0.99)?.toFixed(1)),
      max: Number(sorted.at(-1)?.toFixed(1)),
    },
    deltaBytes: { median: percentile(bytes, 0.5), max: bytes.at(-1) ?? null },
    heapPerViewerKB: Number(((heapWith - heapBefore) / (VIEWERS + PROBES) / 1024).toFixed(2)),
    heapMB: {
      before: Math.round(heapBefore / 2 ** 20),
      withViewers: Math.round(heapWith / 2 ** 20),
    },
    seq: probes.map((state) => ({
      applied: state.seqs.length,
      gaps: state.gaps,
      duplicates: state.duplicates,
      contiguous:
        state.gaps === 0 &&
        state.seqs.every((seq, index) => index === 0 || seq === state.seqs[index - 1] + 1),
    })),
    bulkViewers: counts,
    loadAverage: { before: loadBefore, after: loadDuring },
  };
  // Kept out of the JSON: when each probe applied each mark (ms since the epoch), for `stages`.
  Object.defineProperty(figures, 'arrivals', {
    value: arrivals.map(([markNumber, at]) => [markNumber, performance.timeOrigin + at]),
  });
  Object.defineProperty(figures, 'samples', { value: samples });
  return figures;
}

/** One server's rounds together: latency over every sample, the rest per round. */
function pooled(name, rounds) {
  const sorted = rounds.flatMap((round) => round.samples).sort((a, b) => a - b);
  const at = (p) => Number(percentile(sorted, p)?.toFixed(1));
  return {
    name,
    viewers: {
      requested: VIEWERS,
      joined: Math.min(...rounds.map((round) => round.viewers.joined)),
    },
    latencyMs: {
      samples: sorted.length,
      expected: rounds.reduce((sum, round) => sum + round.latencyMs.expected, 0),
      p50: at(0.5),
      p90: at(0.9),
      p99: at(0.99),
      max: Number(sorted.at(-1)?.toFixed(1)),
    },
    deltaBytes: rounds[0].deltaBytes,
    heapPerViewerKB: Math.max(...rounds.map((round) => round.heapPerViewerKB)),
    seq: rounds.flatMap((round) => round.seq),
    rounds,
  };
}

function median(values) {
  return percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

/**
 * Where each mark's time went inside the API (from its trace, see api-node.js): commit of the
 * mark → the refresh that picked it up starting (pump wake-up and coalescing) → that refresh's
 * board transaction starting (lease, settings, standings) → the public delta's emit starting
 * (the board transaction) → emit done (serialising and writing to every socket) → the probes
 * having applied it (median of the probes; the wire, the client and the load generator).
 */
function stages(trace, arrivals) {
  // The last MARKS marks are the scenario's (the first one set up the board).
  const marks = trace
    .filter(([what]) => what === 'mark')
    .map(([, at]) => at)
    .slice(-MARKS);
  const byMark = new Map();
  for (const [markNumber, at] of arrivals) {
    const list = byMark.get(markNumber) ?? [];
    list.push(at);
    byMark.set(markNumber, list);
  }
  const after = (what, at, detail) =>
    trace.find(
      ([name, when, info]) =>
        name === what && when >= at && (detail === undefined || detail.test(info ?? '')),
    );
  const rows = { pickUp: [], standings: [], transaction: [], emit: [], delivery: [], total: [] };
  marks.forEach((markedAt, markNumber) => {
    const applied = byMark.get(markNumber);
    if (!applied) return;
    const emitEnd = trace.find(
      ([name, when]) => name === 'emit:end' && when >= markedAt && when <= median(applied),
    );
    if (!emitEnd) return;
    const emitStart = [...trace]
      .reverse()
      .find(([name, when]) => name === 'emit:start' && when <= emitEnd[1]);
    const refreshStart = [...trace]
      .reverse()
      .find(([name, when]) => name === 'refresh:start' && when <= emitStart[1]);
    const commitStart = after('commit:start', refreshStart[1]);
    rows.pickUp.push(Math.max(0, refreshStart[1] - markedAt));
    rows.standings.push(commitStart[1] - Math.max(refreshStart[1], markedAt));
    rows.transaction.push(emitStart[1] - commitStart[1]);
    rows.emit.push(emitEnd[1] - emitStart[1]);
    rows.delivery.push(median(applied) - emitEnd[1]);
    rows.total.push(median(applied) - markedAt);
  });
  return Object.fromEntries(Object.entries(rows).map(([stage, values]) => [stage, spread(values)]));
}

function spread(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50: Number(percentile(sorted, 0.5)?.toFixed(1)),
    p90: Number(percentile(sorted, 0.9)?.toFixed(1)),
    max: Number(sorted.at(-1)?.toFixed(1)),
  };
}

async function main() {
  const dist = path.join(root, 'apps/api/dist/main.js');
  if (!fs.existsSync(dist)) {
    console.error(`${dist} not found: build first with "npx nx run api:build"`);
    process.exit(1);
  }
  const databaseName = `jingsai_bench_scoreboard_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database "${databaseName}"`);
  await admin.end();
  const databaseUrl = Object.assign(new URL(ADMIN_URL), {
    pathname: `/${databaseName}`,
  }).toString();
  const simDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jingsai-bench-sim-'));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jingsai-bench-data-'));
  const rounds = { jingsai: [], bare: [] };
  const children = [];
  try {
    // --- jingsai ------------------------------------------------------------------------------
    const port = await freePort();
    const simPort = await freePort();
    const api = start(
      [...NODE_ARGS, ...API_NODE_ARGS, '--expose-gc', path.join(__dirname, 'api-node.js')],
      {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl,
        REDIS_URL: '',
        LOG_LEVEL: 'warn',
        DEMO_SEED: 'true',
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        SCOREBOARD_SIM_DIR: simDir,
        SCOREBOARD_SIM_PORT: String(simPort),
      },
      /READY /,
    );
    children.push(api.child);
    await api.started;
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    const event = (
      await db.query(
        'select id, competition_id, name from competition_event order by sort_order limit 1',
      )
    ).rows[0];
    await db.end();
    const eventId = event.id;
    let rows = ranked(makeRows());
    const controlUrl = `http://127.0.0.1:${simPort}`;
    const standings = () => {
      const body = (view) => ({
        competitionId: event.competition_id,
        eventId,
        eventName: event.name,
        phase: 'live',
        resultVersion: null,
        rows,
        stage: null,
      });
      return { public: body('public'), staff: body('staff') };
    };
    await post(`${controlUrl}/standings/${eventId}`, standings());
    await sleep(1500);
    const totals = new Map();
    const sampleDeltas = [];
    const jingsai = {
      url: `http://127.0.0.1:${port}`,
      controlUrl,
      eventId,
      async mark(i) {
        // One judge's mark: an entry overtakes the one just above it (two rows change, as most
        // marks during a round do); the new total is unique per mark so probes can tell them apart.
        const order = [...rows].sort((a, b) => a.rank - b.rank);
        const position = 1 + ((i * 7) % (ROWS - 1));
        const above = order[position - 1];
        const total = (Number(above.total) + 0.01 + (i % 7) / 1000).toFixed(3);
        totals.set(total, i);
        const target = order[position].entryId;
        rows = ranked(rows.map((row) => (row.entryId === target ? { ...row, total } : row)));
        await post(`${controlUrl}/standings/${eventId}`, standings());
        return performance.now(); // acknowledged: committed with its outbox row
      },
      identify(delta) {
        if (sampleDeltas.length < 50) sampleDeltas.push(delta);
        return delta.changes
          .map((change) => totals.get((change.row ?? change.set)?.total))
          .filter((mark) => mark !== undefined);
      },
    };

    // --- bare socket.io, same payload size ----------------------------------------------------
    const barePort = await freePort();
    const bareControl = await freePort();
    const bareServer = start(
      [...NODE_ARGS, '--expose-gc', path.join(__dirname, 'bare-server.js')],
      {
        ...process.env,
        PORT: String(barePort),
        CONTROL_PORT: String(bareControl),
      },
      /READY /,
    );
    children.push(bareServer.child);
    await bareServer.started;
    let template = null;
    const bare = {
      url: `http://127.0.0.1:${barePort}`,
      controlUrl: `http://127.0.0.1:${bareControl}`,
      eventId,
      async mark(i) {
        const sent = performance.now(); // the broadcast starts when the server gets this
        await post(`http://127.0.0.1:${bareControl}/broadcast`, { ...template, seq: i + 1 });
        return sent;
      },
      identify: (delta) => [delta.seq - 1],
    };

    for (let round = 1; round <= ROUNDS; round++) {
      const ours = await scenario('jingsai', jingsai);
      const trace = await (await fetch(`${controlUrl}/trace`)).json();
      ours.stagesMs = stages(trace, ours.arrivals);
      if (process.env.BENCH_TRACE_FILE)
        fs.writeFileSync(
          process.env.BENCH_TRACE_FILE.replace(/(\.json)?$/, `.${round}$1`),
          JSON.stringify({ trace, arrivals: ours.arrivals }),
        );
      rounds.jingsai.push(ours);
      if (!template) {
        const size = ours.deltaBytes.median ?? 600;
        // The captured delta whose size is closest to jingsai's median: the same payload size.
        template = [...sampleDeltas].sort(
          (a, b) =>
            Math.abs(JSON.stringify(a).length - size) - Math.abs(JSON.stringify(b).length - size),
        )[0];
      }
      const theirs = await scenario('bare socket.io', bare);
      const emits = await (await fetch(`http://127.0.0.1:${bareControl}/emits`)).json();
      theirs.stagesMs = { emit: spread(emits.slice(-MARKS)) };
      rounds.bare.push(theirs);
    }
    await stop(api.child);
    await stop(bareServer.child);
  } finally {
    for (const child of children) await stop(child).catch(() => undefined);
    const cleanup = new Client({ connectionString: ADMIN_URL });
    await cleanup.connect();
    await cleanup.query(`drop database if exists "${databaseName}" with (force)`);
    await cleanup.end();
    fs.rmSync(simDir, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  const results = [pooled('jingsai', rounds.jingsai), pooled('bare socket.io', rounds.bare)];
  const [ours, bare] = results;
  const summary = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version },
    viewers: VIEWERS,
    probes: PROBES,
    marks: MARKS,
    ratePerSecond: RATE,
    rounds: ROUNDS,
    results,
    ratioP99:
      ours.latencyMs.p99 && bare.latencyMs.p99
        ? Number((ours.latencyMs.p99 / bare.latencyMs.p99).toFixed(2))
        : null,
  };
  const line = (name, r) =>
    `| ${name} | ${r.viewers.joined}/${r.viewers.requested} | ${r.deltaBytes.median} | ${r.latencyMs.p50} | ${r.latencyMs.p90} | ${r.latencyMs.p99} | ${r.latencyMs.max} | ${r.latencyMs.samples}/${r.latencyMs.expected} | ${r.heapPerViewerKB} | ${r.seq.filter((s) => s.contiguous).length}/${r.seq.length} |`;
  const table = [
    '| server | viewers joined | delta bytes (median) | p50 ms | p90 ms | p99 ms | max ms | samples | heap/viewer KB | probes contiguous |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...results.map((r) => line(`**${r.name}, all rounds**`, r)),
    ...results.flatMap((r) => r.rounds.map((round, i) => line(`${r.name}, round ${i + 1}`, round))),
  ].join('\n');
  const stagesTable = [
    '| stage | p50 ms | p90 ms | max ms |',
    '| --- | --- | --- | --- |',
    ...results.flatMap((r) =>
      r.rounds.flatMap((round, i) =>
        Object.entries(round.stagesMs ?? {}).map(
          ([stage, figures]) =>
            `| ${r.name}, round ${i + 1}: ${stage} | ${figures.p50} | ${figures.p90} | ${figures.max} |`,
        ),
      ),
    ),
  ].join('\n');
  const loads = results
    .flatMap((r) =>
      r.rounds.map(
        (round, i) =>
          `${r.name} round ${i + 1} ${round.loadAverage.before.join(', ')} → ${round.loadAverage.after.join(', ')}`,
      ),
    )
    .join('; ');
  process.stdout.write(
    `${table}\n\np99 ratio jingsai/bare: ${summary.ratioP99}\n\n${stagesTable}\n`,
  );
  const resultsDir = path.join(root, 'bench/results');
  fs.mkdirSync(resultsDir, { recursive: true });
  const name = process.env.BENCH_RESULT_NAME || 'scoreboard';
  fs.writeFileSync(path.join(resultsDir, `${name}.json`), `${JSON.stringify(summary, null, 2)}\n`);
  fs.writeFileSync(
    path.join(resultsDir, `${name}.md`),
    `# Scoreboard benchmark (${summary.date})\n\n${VIEWERS} viewers + ${PROBES} probes on one process, ${MARKS} marks at ${RATE}/s per round, ${ROUNDS} rounds (jingsai, then bare, in turn); load average before/after: ${loads}.\n\n${table}\n\np99 ratio jingsai/bare: ${summary.ratioP99}\n\nWhere jingsai's time goes, per mark (from the API's trace): pickUp = mark committed → the refresh that carries it starts; standings = → its board transaction starts; transaction = → the emit starts; emit = serialising and writing to every socket; delivery = → the probes applied it (median of the probes). For bare socket.io, its emit alone.\n\n${stagesTable}\n`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
