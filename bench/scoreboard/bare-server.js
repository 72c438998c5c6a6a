#!/usr/bin/env node
/**
 * The baseline: a bare socket.io server (the same socket.io the API uses, default options) whose
 * clients join one room with the same `scoreboard:join` message, and which broadcasts a given
 * payload to that room when told (`POST /broadcast`, answered after the emit). `GET /memory`
 * reports the heap (after a GC with --expose-gc), `GET /emits` how long each emit took (ms). Prints `READY <port> <controlPort>`.
 */
'use strict';

const http = require('node:http');
const path = require('node:path');
const { createRequire } = require('node:module');
const { performance } = require('node:perf_hooks');

const apiRequire = createRequire(path.resolve(__dirname, '../../apps/api/package.json'));
const { Server } = apiRequire('socket.io');

const port = Number(process.env.PORT);
const controlPort = Number(process.env.CONTROL_PORT);
const httpServer = http.createServer();
const io = new Server(httpServer, { serveClient: false });
/** How long each broadcast's emit took (ms): serialising and writing to every socket. */
const emits = [];

io.on('connection', (socket) => {
  socket.on('scoreboard:join', (request, ack) => {
    void socket.join('board');
    if (typeof ack === 'function')
      ack({ ok: true, snapshot: { eventId: request.eventId, view: 'public', seq: 0, rows: [] } });
  });
});

const control = http.createServer((request, response) => {
  const answer = (status, body) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  if (request.method === 'GET' && request.url === '/memory') {
    if (global.gc) global.gc();
    return answer(200, process.memoryUsage());
  }
  if (request.method === 'GET' && request.url === '/emits') return answer(200, emits);
  if (request.method !== 'POST' || request.url !== '/broadcast') return answer(404, {});
  let text = '';
  request.on('data', (chunk) => (text += chunk));
  request.on('end', () => {
    const start = performance.now();
    io.to('board').emit('scoreboard:delta', JSON.parse(text));
    emits.push(performance.now() - start);
    answer(200, { ok: true });
  });
});

httpServer.listen(port, '127.0.0.1', () =>
  control.listen(controlPort, '127.0.0.1', () =>
    process.stdout.write(`READY ${port} ${controlPort}\n`),
  ),
);
process.once('SIGTERM', () => process.exit(0));
