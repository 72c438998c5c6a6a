#!/usr/bin/env node
/**
 * The bulk of the audience: N light viewers speaking the engine.io v4 / socket.io v5 protocol
 * over raw WebSockets (the `ws` package socket.io itself uses): open, connect to "/", join the
 * board, answer pings, count deltas without parsing them. Driven over IPC by the benchmark:
 * `{connect: {url, count, eventId}}` → `{joined, failed}`; `{stop: true}` → counts, then exit.
 */
'use strict';

const path = require('node:path');
const { createRequire } = require('node:module');

const apiRequire = createRequire(path.resolve(__dirname, '../../apps/api/package.json'));
const WebSocket = createRequire(apiRequire.resolve('socket.io'))('ws');

const sockets = [];
let deltas = 0;
let bytes = 0;
let closedEarly = 0;

function viewer(url, eventId) {
  return new Promise((resolve) => {
    const socket = new WebSocket(
      `${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`,
      {
        perMessageDeflate: false,
      },
    );
    let joined = false;
    const timer = setTimeout(() => finish(false), 60_000);
    function finish(ok) {
      clearTimeout(timer);
      resolve(ok);
    }
    socket.on('message', (data) => {
      const text = data.toString();
      if (text === '2') return socket.send('3'); // ping → pong
      if (text.startsWith('0{')) return socket.send('40'); // engine.io open → socket.io connect
      if (text.startsWith('40')) {
        return socket.send(
          `420${JSON.stringify(['scoreboard:join', { eventId, view: 'public' }])}`,
        );
      }
      if (text.startsWith('430')) {
        joined = text.includes('"ok":true');
        return finish(joined);
      }
      if (text.startsWith('42["scoreboard:delta"')) {
        deltas++;
        bytes += text.length;
      }
    });
    socket.on('error', () => finish(false));
    socket.on('close', () => {
      if (joined) closedEarly++;
      finish(false);
    });
    sockets.push(socket);
  });
}

process.on('message', async (message) => {
  if (message.connect) {
    const { url, count, eventId } = message.connect;
    let joined = 0;
    let failed = 0;
    const batch = 250;
    for (let start = 0; start < count; start += batch) {
      const results = await Promise.all(
        Array.from({ length: Math.min(batch, count - start) }, () => viewer(url, eventId)),
      );
      for (const ok of results) ok ? joined++ : failed++;
    }
    process.send({ joined, failed });
  }
  if (message.stop) {
    process.send({
      deltas,
      bytes,
      closedEarly,
      open: sockets.filter((s) => s.readyState === 1).length,
    });
    for (const socket of sockets) socket.terminate();
    setTimeout(() => process.exit(0), 100);
  }
});
