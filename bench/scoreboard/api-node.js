#!/usr/bin/env node
/**
 * One API process for the scoreboard's scale-out test and benchmark: the built app
 * (apps/api/dist, exactly what `npm start` runs: migrations, outbox pump, feeds, socket.io
 * gateway, Redis adapter when REDIS_URL is set) with one difference — the standings of an event
 * are read from `$SCOREBOARD_SIM_DIR/<eventId>.json` (`{"public": EventStandings, "staff": …}`)
 * instead of the judging module. A driver "marks" by rewriting that file and inserting a
 * scoreboard_change row, as judging does in its transaction.
 *
 * With SCOREBOARD_SIM_PORT, a second, local-only HTTP server in the same process takes
 * `POST /standings/<eventId>` (body `{public, staff}`): it keeps the standings in memory and
 * records the change through the ORM (a ScoreboardChange flushed in a transaction, which kicks
 * the outbox pump after the commit, as a judge's mark does), answering once committed; and
 * `GET /memory` (heap after a GC when node runs with --expose-gc). The benchmark uses it.
 *
 * Prints `READY <url>` once listening. Environment as for the API, plus SCOREBOARD_SIM_DIR.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');

// BENCH_API_DIST: another build of the API to run (e.g. of an earlier commit, for an A/B run).
const dist = path.resolve(
  process.env.BENCH_API_DIST || path.join(__dirname, '../../apps/api/dist'),
);
if (!fs.existsSync(path.join(dist, 'main.js'))) {
  process.stderr.write(`${dist}/main.js not found: run "npx nx run api:build" first\n`);
  process.exit(1);
}
require('reflect-metadata');
const { loadConfig } = require(path.join(dist, 'common/config/app-config'));
const { startServer } = require(path.join(dist, 'server'));
const { STANDINGS_SOURCE } = require(path.join(dist, 'modules/scoreboard/standings-source'));
const { ScoreboardChange } = require(
  path.join(dist, 'modules/scoreboard/entities/scoreboard-change.entity'),
);
const http = require('node:http');
const { performance, PerformanceObserver, constants } = require('node:perf_hooks');

const inMemory = new Map();

/**
 * Where the time of a mark goes inside the process: `[what, at]` pairs, `at` in ms since the
 * epoch (performance.timeOrigin + now, comparable with the benchmark's own clock), for
 * `GET /trace`: the mark committed, each refresh (start/end), each board commit (start/end) and
 * each emit (start/end, with the seq).
 */
const trace = [];
const now = () => performance.timeOrigin + performance.now();

function traced(target, method, name, detail = () => undefined) {
  const original = target[method].bind(target);
  target[method] = (...args) => {
    trace.push([`${name}:start`, now(), detail(...args)]);
    const result = original(...args);
    if (result && typeof result.then === 'function')
      return result.finally(() => trace.push([`${name}:end`, now()]));
    trace.push([`${name}:end`, now(), detail(...args)]);
    return result;
  };
}

/** Garbage collections of 10 ms or more, as `['gc', start, 'major 123ms']`. */
function traceGarbageCollection() {
  const kinds = {
    [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
    [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
    [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
    [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak callbacks',
  };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      if (entry.duration >= 10)
        trace.push([
          'gc',
          performance.timeOrigin + entry.startTime,
          `${kinds[entry.detail?.kind] ?? 'other'} ${entry.duration.toFixed(0)}ms`,
        ]);
  }).observe({ entryTypes: ['gc'] });
}

function traceScoreboard(app) {
  traceGarbageCollection();
  const scoreboard = (file, name) =>
    app.get(require(path.join(dist, 'modules/scoreboard', file))[name]);
  const feeds = scoreboard('scoreboard-feed.service', 'ScoreboardFeedService');
  traced(feeds, 'refresh', 'refresh');
  // The boards' write (private, so only the bench wraps it; `commit` in builds before it existed).
  traced(feeds, typeof feeds.write === 'function' ? 'write' : 'commit', 'commit');
  const broadcaster = scoreboard('scoreboard-broadcaster', 'ScoreboardBroadcaster');
  traced(broadcaster, 'delta', 'emit', (delta) => `${delta.view}:${delta.seq}`);
  traced(scoreboard('scoreboard-ticker', 'ScoreboardTicker'), 'tick', 'tick');
  traced(scoreboard('scoreboard-outbox.pump', 'ScoreboardOutboxPump'), 'kick', 'kick', (id) =>
    id ? 'named' : 'all',
  );
}

function simServer(app, port) {
  const { MikroORM } = require(require.resolve('@mikro-orm/postgresql', { paths: [dist] }));
  const orm = app.get(MikroORM);
  const server = http.createServer((request, response) => {
    const answer = (status, body) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.method === 'GET' && request.url === '/memory') {
      if (global.gc) global.gc();
      return answer(200, process.memoryUsage());
    }
    if (request.method === 'GET' && request.url === '/trace') return answer(200, trace);
    const match = /^\/standings\/([0-9a-f-]{36})$/.exec(request.url ?? '');
    if (request.method !== 'POST' || !match) return answer(404, { error: 'not found' });
    let text = '';
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => {
      const eventId = match[1];
      inMemory.set(eventId, JSON.parse(text));
      orm.em
        .fork()
        .transactional(async (tx) => {
          tx.create(ScoreboardChange, { eventId, reason: 'mark' });
        })
        .then(() => {
          trace.push(['mark', now()]);
          answer(200, { ok: true });
        })
        .catch((error) => answer(500, { error: String(error) }));
    });
  });
  server.listen(port, '127.0.0.1');
}

async function main() {
  const dir = process.env.SCOREBOARD_SIM_DIR;
  if (!dir) throw new Error('SCOREBOARD_SIM_DIR is not set');
  const server = await startServer(loadConfig());
  const source = server.app.get(STANDINGS_SOURCE);
  source.standings = async (eventId, view) => {
    if (inMemory.has(eventId)) return inMemory.get(eventId)[view];
    const text = await fs.promises.readFile(path.join(dir, `${eventId}.json`), 'utf8');
    return JSON.parse(text)[view];
  };
  if (process.env.SCOREBOARD_SIM_PORT) {
    traceScoreboard(server.app);
    simServer(server.app, Number(process.env.SCOREBOARD_SIM_PORT));
  }
  process.stdout.write(`READY ${server.url}\n`);
  const stop = () => {
    server
      .close()
      .then(() => process.exit(0))
      .catch(() => process.exit(1));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : String(error)}\n`);
  process.exit(1);
});
