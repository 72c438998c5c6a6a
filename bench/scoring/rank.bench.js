#!/usr/bin/env node
/**
 * Scoring benchmark: 5,000 entries × 30 aspects × 5 judges (750,000 marks).
 *
 *   npx nx run scoring:build && node bench/scoring/rank.bench.js
 *
 * Measures, in one run and on one machine:
 *   - full:        scoreEvent(rubric, marks) from scratch: index and check every mark, score
 *                  every entry exactly, rank 5 groups with a tie-break chain, awards by share,
 *                  advancement (target ≤ 50 ms);
 *                  (and, separately, the three phases of it);
 *   - incremental: EventScoring.recordMark(one changed mark): rescore that entry, re-rank its
 *                  group;
 *   - baseline:    plain JavaScript sorting 5,000 precomputed float totals (no exactness, no
 *                  explanations, no rules), the floor any ranking pays.
 * Writes bench/results/scoring.json and bench/results/scoring.md.
 */
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const root = path.resolve(__dirname, '../..');
const dist = path.join(root, 'libs/scoring/dist/index.js');
if (!fs.existsSync(dist)) {
  console.error(`${dist} not found: build first with "npx nx run scoring:build"`);
  process.exit(1);
}
const { EventScoring, parseRubric, scoreEvent } = require(dist);
// Internal modules of the built package, only to show where the time of a full recompute goes.
const { compileRubric } = require(path.join(root, 'libs/scoring/dist/rubric/compiled-rubric.js'));
const { ScoreSheetBuilder } = require(path.join(root, 'libs/scoring/dist/marks/score-sheet.js'));
const { ScoredEntry } = require(path.join(root, 'libs/scoring/dist/scoring/entry-result.js'));
const { buildStandings } = require(path.join(root, 'libs/scoring/dist/event/event-scoring.js'));

const ENTRIES = 5000;
const MODULES = 3;
const CRITERIA = 2;
const ASPECTS = 5; // per criterion: 3 × 2 × 5 = 30 aspects
const JUDGES = 5;
const EVENTS = ['电工', '焊工', '数控车工', '钳工', '汽车维修工'];
const FULL_RUNS = 30;
const INCREMENTAL_RUNS = 200;
const BASELINE_RUNS = 200;

/** Deterministic pseudo-random numbers (mulberry32), so every run scores the same marks. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function buildRubric() {
  const modules = [];
  for (let m = 0; m < MODULES; m++) {
    const criteria = [];
    for (let c = 0; c < CRITERIA; c++) {
      const aspects = [];
      for (let a = 0; a < ASPECTS; a++) {
        aspects.push({
          id: `a${m}${c}${a}`,
          name: { zh: `评分点 ${m}.${c}.${a}`, en: `Aspect ${m}.${c}.${a}` },
          kind: 'judgement',
          scale: { min: 0, top: 10, step: 0.5 },
          valuation: 'as_marked',
          panel: { method: 'trimmed_mean', trim: 1, judges: JUDGES, spreadLimit: 6 },
          round: { decimals: 2, mode: 'half_up' },
        });
      }
      criteria.push({
        id: `c${m}${c}`,
        name: { zh: `评分项 ${m}.${c}`, en: `Criterion ${m}.${c}` },
        aspects,
      });
    }
    modules.push({
      id: `m${m}`,
      name: { zh: `模块 ${m}`, en: `Module ${m}` },
      weight: ['0.2', '0.3', '0.5'][m],
      criteria,
    });
  }
  return parseRubric({
    format: 'jingsai.rubric',
    version: 1,
    id: 'bench',
    revision: '1',
    name: { zh: '基准', en: 'Bench' },
    total: { combine: 'weighted_sum', round: { decimals: 2, mode: 'half_up' } },
    modules,
    ranking: {
      groupBy: ['event'],
      tieBreaks: [
        { by: 'node', node: 'm2', order: 'desc' },
        { by: 'node', node: 'm1', order: 'desc' },
      ],
      ties: 'shared',
    },
    awards: {
      tiers: [
        { id: 'first', name: { zh: '一等奖', en: 'First prize' }, share: '0.1' },
        { id: 'second', name: { zh: '二等奖', en: 'Second prize' }, share: '0.2' },
        { id: 'third', name: { zh: '三等奖', en: 'Third prize' }, share: '0.3', minScore: 30 },
      ],
    },
    advancement: { share: '0.2' },
  });
}

function buildMarks(rubric) {
  const next = random(20250601);
  const aspects = rubric.modules.flatMap((module) =>
    module.criteria.flatMap((criterion) => criterion.aspects),
  );
  const entries = [];
  const marks = [];
  for (let e = 0; e < ENTRIES; e++) {
    const id = `E${String(e).padStart(5, '0')}`;
    entries.push({ id, name: `选手 ${e}`, groups: { event: EVENTS[e % EVENTS.length] } });
    const skill = next() * 6 + 3;
    for (const aspect of aspects) {
      for (let j = 1; j <= JUDGES; j++) {
        const mark = Math.min(10, Math.max(0, Math.round((skill + (next() - 0.5) * 3) * 2) / 2));
        marks.push({ entry: id, aspect: aspect.id, judge: `J${j}`, value: mark });
      }
    }
  }
  return {
    format: 'jingsai.marks',
    version: 1,
    rubric: { id: 'bench', revision: '1' },
    entries,
    marks,
  };
}

function median(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function measure(runs, work) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work(i);
    samples.push(performance.now() - start);
  }
  return {
    runs,
    medianMs: round(median(samples)),
    minMs: round(Math.min(...samples)),
    maxMs: round(Math.max(...samples)),
  };
}

function round(ms) {
  return Math.round(ms * 1000) / 1000;
}

function main() {
  const rubric = buildRubric();
  const marks = buildMarks(rubric);

  // Warm up the JIT on the real workload before timing.
  for (let i = 0; i < 5; i++) scoreEvent(rubric, marks);

  const full = measure(FULL_RUNS, () => scoreEvent(rubric, marks));

  const compiled = compileRubric(rubric);
  const sheet = new ScoreSheetBuilder(compiled).build(marks);
  const scored = sheet.entries.map((entry) => new ScoredEntry(compiled, entry));
  const phases = {
    fileAndCheckMarks: measure(FULL_RUNS, () => new ScoreSheetBuilder(compiled).build(marks)),
    scoreEntries: measure(FULL_RUNS, () =>
      sheet.entries.map((entry) => new ScoredEntry(compiled, entry)),
    ),
    standings: measure(FULL_RUNS, () => buildStandings(compiled, scored)),
  };

  const scoring = new EventScoring(rubric, marks);
  const changed = marks.marks[12345];
  const incremental = measure(INCREMENTAL_RUNS, (i) => {
    scoring.recordMark({ ...changed, value: i % 2 === 0 ? 0 : 10 });
  });

  const floats = scoreEvent(rubric, marks).entries.map((entry) => ({
    id: entry.entry.id,
    total: Number(entry.total),
  }));
  const baseline = measure(BASELINE_RUNS, () => {
    floats.slice().sort((a, b) => b.total - a.total || (a.id < b.id ? -1 : 1));
  });

  const check = scoreEvent(rubric, marks);
  const results = {
    benchmark: 'scoring/rank',
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? 'unknown',
      node: process.version,
      platform: `${os.platform()} ${os.arch()}`,
      loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
    },
    workload: {
      entries: ENTRIES,
      aspects: MODULES * CRITERIA * ASPECTS,
      judges: JUDGES,
      marks: marks.marks.length,
      groups: EVENTS.length,
    },
    targetMs: 50,
    full,
    phases,
    incremental,
    baseline,
    meetsTarget: full.medianMs <= 50,
    sample: {
      leader: check.standings[0].standings[0].entry,
      total: String(check.standings[0].standings[0].value),
    },
  };

  const outDir = path.join(root, 'bench/results');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'scoring.json'), `${JSON.stringify(results, null, 2)}\n`);
  fs.writeFileSync(path.join(outDir, 'scoring.md'), summary(results));

  console.log(
    `scoring bench: ${ENTRIES} entries × ${results.workload.aspects} aspects × ${JUDGES} judges (${results.workload.marks} marks)`,
  );
  console.log(
    `  full recompute (scoreEvent)      median ${full.medianMs} ms   (min ${full.minMs}, max ${full.maxMs}; target ≤ 50 ms)`,
  );
  console.log(
    `  one changed mark (recordMark)    median ${incremental.medianMs} ms   (min ${incremental.minMs}, max ${incremental.maxMs})`,
  );
  console.log(
    `  baseline: sort float totals      median ${baseline.medianMs} ms   (min ${baseline.minMs}, max ${baseline.maxMs})`,
  );
  console.log(`  wrote bench/results/scoring.json and bench/results/scoring.md`);
}

function summary(r) {
  return [
    '# Scoring benchmark',
    '',
    `${r.workload.entries} entries × ${r.workload.aspects} aspects × ${r.workload.judges} judges = ${r.workload.marks} marks, ` +
      `${r.workload.groups} groups; trimmed mean per aspect, rounding per aspect and total, weighted modules, ` +
      'tie-break chain, awards by share with a minimum score, advancement by share.',
    '',
    `Machine: ${r.machine.cpu} (${r.machine.cpus} CPUs), Node ${r.machine.node}, ${r.machine.platform}; ` +
      `load average ${r.machine.loadAverage.join(' / ')} (1 / 5 / 15 min) at the end of the run, ` +
      'the machine being shared with other work. Run: ' +
      r.date +
      '.',
    '',
    '| measurement | median | min | max | runs |',
    '|---|---|---|---|---|',
    `| full recompute from scratch (\`scoreEvent\`) | ${r.full.medianMs} ms | ${r.full.minMs} ms | ${r.full.maxMs} ms | ${r.full.runs} |`,
    `| — file and check the 750,000 marks | ${r.phases.fileAndCheckMarks.medianMs} ms | ${r.phases.fileAndCheckMarks.minMs} ms | ${r.phases.fileAndCheckMarks.maxMs} ms | ${r.phases.fileAndCheckMarks.runs} |`,
    `| — score the 5,000 entries exactly | ${r.phases.scoreEntries.medianMs} ms | ${r.phases.scoreEntries.minMs} ms | ${r.phases.scoreEntries.maxMs} ms | ${r.phases.scoreEntries.runs} |`,
    `| — rank, awards, advancement | ${r.phases.standings.medianMs} ms | ${r.phases.standings.minMs} ms | ${r.phases.standings.maxMs} ms | ${r.phases.standings.runs} |`,
    `| one changed mark (\`EventScoring.recordMark\`) | ${r.incremental.medianMs} ms | ${r.incremental.minMs} ms | ${r.incremental.maxMs} ms | ${r.incremental.runs} |`,
    `| baseline: plain JS sort of precomputed float totals | ${r.baseline.medianMs} ms | ${r.baseline.minMs} ms | ${r.baseline.maxMs} ms | ${r.baseline.runs} |`,
    '',
    `Target: full recompute ≤ ${r.targetMs} ms — ${r.meetsTarget ? 'met' : 'NOT met'}.`,
    '',
    'Notes. Exactness is never traded for speed: every mark is checked against the rubric and read ' +
      'once into a scaled integer (7.5 → 75), panels add integers (sorting only when the method needs ' +
      'it), and every figure is an exact rational (`Exact`), rounded only where the rubric says. A full ' +
      'recompute reads and checks 750,000 mark objects and scores 200,000 nodes; an entry’s tree of ' +
      'figures is rebuilt only when read. The live path — one new or corrected mark — rescores that ' +
      'entry and re-ranks its group only.',
    '',
    'Reproduce: `npx nx run scoring:build && node bench/scoring/rank.bench.js`.',
    '',
  ].join('\n');
}

main();
