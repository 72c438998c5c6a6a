#!/usr/bin/env node
/**
 * Reliability: SIGKILL the API in the middle of a stream of mark submissions, restart it, and
 * resend every unacknowledged mark with the same idempotency key.
 *
 *   npx nx run api:build && node bench/judging/crash.js
 *
 * 20 judges stream 50 marks each in requests of 5 marks. Once about a third are acknowledged the
 * API process is killed with SIGKILL (requests in flight get a connection error), restarted on
 * the same database, and every judge resends its unacknowledged batch with the same keys, then
 * carries on. Checks: every acknowledged mark is stored, every mark is stored exactly once (no key
 * twice), marks committed whose acknowledgement was lost come back as 'duplicate', and the
 * event's hash chain verifies (`audit-verify` CLI). Writes bench/results/judging-crash.json/.md;
 * exit code 0 only when every check passes.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { randomUUID } = require('node:crypto');
const { Client, machine, root, setUp } = require('./harness');

const JUDGES = 20;
const MARKS_PER_JUDGE = 50;
const PER_REQUEST = 5;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  const context = await setUp({ name: 'crash', judges: JUDGES, entriesPerJudge: 5, aspects: 10 });
  const acked = new Map(); // key → status at acknowledgement
  const sent = new Set();
  let connectionErrors = 0;
  let killedAt = null;
  let restartedAt = null;
  let down = false;
  try {
    const total = JUDGES * MARKS_PER_JUDGE;
    const judgeLoop = async (judge) => {
      const marks = [];
      for (let k = 0; k < MARKS_PER_JUDGE; k++) {
        marks.push({
          key: randomUUID(),
          sheetId: judge.sheets[k % judge.sheets.length],
          aspectId: context.aspects[Math.floor(k / judge.sheets.length) % context.aspects.length],
          value: String((k % 21) / 2),
        });
      }
      for (let i = 0; i < marks.length;) {
        const batch = marks.slice(i, i + PER_REQUEST);
        batch.forEach((mark) => sent.add(mark.key));
        try {
          const response = await fetch(`${context.base}/judging/marks`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Cookie: judge.cookie },
            body: JSON.stringify({ deviceId: `tablet-${judge.username}`, marks: batch }),
          });
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          const body = await response.json();
          for (const ack of body.acks) {
            if (ack.status === 'rejected')
              throw new Error(`rejected: ${JSON.stringify(ack.error)}`);
            if (!acked.has(ack.key)) acked.set(ack.key, ack.status);
          }
          i += PER_REQUEST; // acknowledged: the tablet drops them from its queue
        } catch (error) {
          if (String(error).includes('rejected')) throw error;
          connectionErrors++;
          await sleep(down ? 300 : 100); // unacknowledged: keep them, retry the same keys
        }
      }
    };
    const killer = (async () => {
      while (acked.size < total / 3) await sleep(20);
      down = true;
      killedAt = acked.size;
      context.api.kill('SIGKILL');
      await new Promise((resolve) => context.api.once('exit', resolve));
      await sleep(1000);
      await context.restart();
      restartedAt = acked.size;
      down = false;
    })();
    await Promise.all([...context.judges.map(judgeLoop), killer]);

    const db = new Client({ connectionString: context.databaseUrl });
    await db.connect();
    const keys = [...sent];
    const rows = (
      await db.query(
        'select idempotency_key, count(*)::int n from judging_mark where idempotency_key = any($1::uuid[]) group by idempotency_key',
        [keys],
      )
    ).rows;
    const allRows = Number((await db.query('select count(*) from judging_mark')).rows[0].count);
    await db.end();
    const stored = new Map(rows.map((row) => [row.idempotency_key, row.n]));
    const ackedMissing = [...acked.keys()].filter((key) => !stored.has(key));
    const twice = rows.filter((row) => row.n > 1).length;
    const duplicates = [...acked.values()].filter((status) => status === 'duplicate').length;
    let chainOk = false;
    let chainOutput = '';
    try {
      chainOutput = execFileSync(
        process.execPath,
        [path.join(root, 'apps/api/dist/cli/audit-verify.js'), context.eventId],
        {
          env: { ...process.env, ...context.env },
        },
      ).toString();
      chainOk = true;
    } catch (error) {
      chainOutput = String(error.stdout ?? error);
    }
    const result = {
      benchmark: 'judging-crash',
      date: new Date().toISOString(),
      machine: machine(),
      judges: JUDGES,
      marksSent: sent.size,
      acknowledgedBeforeKill: killedAt,
      acknowledgedWhenRestarted: restartedAt,
      acknowledged: acked.size,
      acknowledgedAsDuplicateOnResend: duplicates,
      connectionErrorsRetried: connectionErrors,
      rowsInDatabase: allRows,
      acknowledgedButMissing: ackedMissing.length,
      storedTwice: twice,
      notStored: keys.filter((key) => !stored.has(key)).length,
      chainVerifies: chainOk,
      chainReport: chainOutput.trim().split('\n').slice(-1)[0],
    };
    result.passed =
      result.acknowledged === sent.size &&
      result.acknowledgedButMissing === 0 &&
      result.storedTwice === 0 &&
      result.notStored === 0 &&
      result.rowsInDatabase === sent.size &&
      result.chainVerifies;
    console.log(JSON.stringify(result, null, 2));
    fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
    fs.writeFileSync(
      path.join(root, 'bench/results/judging-crash.json'),
      `${JSON.stringify(result, null, 2)}\n`,
    );
    fs.writeFileSync(
      path.join(root, 'bench/results/judging-crash.md'),
      [
        '# Judging crash test (SIGKILL mid-stream)',
        '',
        `${result.date} · ${result.machine.cpus} × ${result.machine.cpuModel} · Node ${result.machine.node}`,
        '',
        `${JUDGES} judges streamed ${sent.size} marks (${PER_REQUEST} per request). The API was killed with SIGKILL after ${killedAt} acknowledgements, restarted, and every unacknowledged batch was resent with the same keys.`,
        '',
        `- acknowledged: ${result.acknowledged} of ${sent.size} (${duplicates} as "duplicate": committed before the kill, acknowledgement lost)`,
        `- rows in judging_mark: ${allRows}; acknowledged but missing: ${result.acknowledgedButMissing}; stored twice: ${twice}; never stored: ${result.notStored}`,
        `- hash chain verifies: ${chainOk} (${result.chainReport})`,
        '',
        `**${result.passed ? 'PASSED' : 'FAILED'}**`,
        '',
        'Run: `npx nx run api:build && node bench/judging/crash.js`',
        '',
      ].join('\n'),
    );
    process.exitCode = result.passed ? 0 : 1;
  } finally {
    await context.tearDown();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
