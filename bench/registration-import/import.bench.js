#!/usr/bin/env node
/**
 * Bulk registration import benchmark: 50,000 rows end to end through the built API.
 *
 *   npx nx run-many -t build --projects=api,web && node bench/registration-import/import.bench.js
 *
 * Needs the machine's Postgres at postgres://postgres@127.0.0.1:5432/postgres (override with
 * BENCH_ADMIN_URL) and psql on PATH. In one run it:
 *   1. creates a fresh database, starts `node apps/api/dist/main.js` on it (DEMO_SEED=false,
 *      LOG_LEVEL=warn, DATA_DIR in a temp dir), signs in as the first platform admin;
 *   2. creates (by SQL, before timing) a province union, 9 city unions, 300 enterprises and a
 *      competition open for registration with 10 events;
 *   3. generates a 50,000-row XLSX from the template's headers: realistic Chinese names,
 *      valid resident IDs, mobiles, the 300 enterprises and 10 events;
 *   4. times upload → validated → commit (valid_only) → committed, while sampling the API
 *      process's peak RSS (VmHWM in /proc/<pid>/status);
 *   5. times `psql -c "\copy …"` of the same 50,000 rows into a bare table, as a floor;
 * prints both, writes bench/results/registration-import.json and .md, and drops the database.
 * Targets: ≤ 15 s end to end and ≤ 1 GiB peak RSS.
 */
'use strict';

const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const net = require('node:net');
const { createRequire } = require('node:module');
const { performance } = require('node:perf_hooks');

const root = path.resolve(__dirname, '../..');
const apiRequire = createRequire(path.join(root, 'apps/api/package.json'));
const ExcelJS = apiRequire('exceljs');
const { Client } = apiRequire('pg');
const main = path.join(root, 'apps/api/dist/main.js');
if (!fs.existsSync(main)) {
  console.error(
    `${main} not found: build first with "npx nx run-many -t build --projects=api,web"`,
  );
  process.exit(1);
}

const ROWS = Number(process.env.BENCH_ROWS ?? 50_000);
const ENTERPRISES = 300;
const EVENTS = [
  '数控车工',
  '焊工',
  '电工',
  '钳工',
  '汽车维修工',
  '叉车司机',
  '化学检验员',
  '育婴员',
  '茶艺师',
  '焊接机器人操作调整工',
];
const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const HEADERS = [
  '姓名',
  '证件类型',
  '证件号码',
  '手机号码',
  '所在企业',
  '报名项目',
  '技能等级',
  '性别',
  '出生日期',
];

// ── data ────────────────────────────────────────────────────────────────────

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌波宇浩凯鹏飞鑫瑞博欣怡佳琪晨阳子涵梓轩雨萱思远海龙春梅丹亮';
const REGIONS = [
  '220102',
  '220103',
  '220104',
  '220105',
  '220106',
  '220112',
  '220113',
  '220122',
  '220182',
  '220183',
  '220202',
  '220203',
  '220204',
  '220211',
  '220281',
  '220282',
  '220302',
  '220303',
  '220402',
  '220403',
  '220502',
  '220503',
  '220602',
  '220605',
  '220702',
  '220802',
  '222401',
  '222402',
];
const CITIES = [
  '长春市',
  '吉林市',
  '四平市',
  '辽源市',
  '通化市',
  '白山市',
  '松原市',
  '白城市',
  '延边州',
];
const LEVELS = ['五级/初级工', '四级/中级工', '三级/高级工', '二级/技师', '一级/高级技师', ''];
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

function residentId(region, birth, sequence) {
  const body = `${region}${birth}${String(sequence).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (body.charCodeAt(i) - 48) * WEIGHTS[i];
  return body + CHECK[sum % 11];
}

/** A seeded generator so every run imports the same people. */
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

function generatePeople(enterpriseNames) {
  const next = random(20261121);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const seen = new Set();
  const people = [];
  while (people.length < ROWS) {
    const year = 1968 + Math.floor(next() * 38);
    const month = 1 + Math.floor(next() * 12);
    const day = 1 + Math.floor(next() * 28);
    const birth = `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
    const id = residentId(pick(REGIONS), birth, Math.floor(next() * 1000));
    if (seen.has(id)) continue;
    seen.add(id);
    const male = (id.charCodeAt(16) - 48) % 2 === 1;
    const given = next() < 0.6 ? pick(GIVEN) + pick(GIVEN) : pick(GIVEN);
    people.push({
      name: pick(SURNAMES) + given,
      documentType: '居民身份证',
      documentNumber: id,
      mobile: `1${pick(['3', '5', '7', '8', '9'])}${String(Math.floor(next() * 1e9)).padStart(9, '0')}`,
      enterprise: pick(enterpriseNames),
      event: pick(EVENTS),
      skillLevel: pick(LEVELS),
      gender: male ? '男' : '女',
      birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
    });
  }
  return people;
}

async function writeXlsx(file, people) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet('报名表');
  sheet.addRow(HEADERS).commit();
  for (const p of people) {
    sheet
      .addRow([
        p.name,
        p.documentType,
        p.documentNumber,
        p.mobile,
        p.enterprise,
        p.event,
        p.skillLevel,
        p.gender,
        p.birthDate,
      ])
      .commit();
  }
  sheet.commit();
  await workbook.commit();
}

function writeCsv(file, people) {
  const lines = [HEADERS.join(',')];
  for (const p of people) {
    lines.push(
      [
        p.name,
        p.documentType,
        p.documentNumber,
        p.mobile,
        p.enterprise,
        p.event,
        p.skillLevel,
        p.gender,
        p.birthDate,
      ].join(','),
    );
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

// ── the API process ─────────────────────────────────────────────────────────

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
      output += chunk.toString();
      const admin = /username: (\S+)\s+password: (\S+)/.exec(output);
      if (output.includes('is ready on') && admin)
        resolve({ child, username: admin[1], password: admin[2] });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`API exited with ${code}:\n${output}`)));
  });
}

function peakRssBytes(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

async function main_() {
  const database = `jingsai_bench_import_${process.pid}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database "${database}"`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  const databaseUrl = url.toString();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jingsai-bench-import-'));
  let api;
  try {
    const port = await freePort();
    api = await startApi({
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DEMO_SEED: 'false',
      LOG_LEVEL: 'warn',
      DATABASE_URL: databaseUrl,
    });
    const base = `http://127.0.0.1:${port}/api/v1`;
    let cookie = '';
    const call = async (method, pathname, body, headers = {}) => {
      const response = await fetch(base + pathname, {
        method,
        body,
        headers: { Cookie: cookie, ...headers },
      });
      const setCookie = response.headers.get('set-cookie');
      if (setCookie) cookie = setCookie.split(';')[0];
      const text = await response.text();
      if (!response.ok)
        throw new Error(`${method} ${pathname} → ${response.status}: ${text.slice(0, 500)}`);
      return text ? JSON.parse(text) : null;
    };
    const json = { 'Content-Type': 'application/json' };
    await call(
      'POST',
      '/auth/login',
      JSON.stringify({ username: api.username, password: api.password }),
      json,
    );
    const newPassword = 'Bench-password-2026';
    await call(
      'POST',
      '/auth/password',
      JSON.stringify({ currentPassword: api.password, newPassword }),
      json,
    );
    await call(
      'POST',
      '/auth/login',
      JSON.stringify({ username: api.username, password: newPassword }),
      json,
    );

    // Organisations and the competition, by SQL before timing.
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    const province = (
      await db.query(
        `insert into organisation (id, name, kind) values (gen_random_uuid(), '吉林省总工会', 'province') returning id`,
      )
    ).rows[0].id;
    const cityIds = [];
    for (const city of CITIES) {
      cityIds.push(
        (
          await db.query(
            `insert into organisation (id, name, kind, parent_id, region) values (gen_random_uuid(), $1, 'city', $2, $3) returning id`,
            [`${city}总工会`, province, city],
          )
        ).rows[0].id,
      );
    }
    const enterpriseNames = [];
    for (let i = 0; i < ENTERPRISES; i++) {
      const city = i % CITIES.length;
      const name = `${CITIES[city].replace(/[市州]$/, '')}${pickIndustry(i)}${String(i + 1).padStart(3, '0')}有限公司`;
      enterpriseNames.push(name);
      await db.query(
        `insert into organisation (id, name, kind, parent_id, region) values (gen_random_uuid(), $1, 'enterprise', $2, $3)`,
        [name, cityIds[city], CITIES[city]],
      );
    }
    const competitionId = (
      await db.query(
        `insert into competition (id, name, year, status, organiser_id, starts_on) values (gen_random_uuid(), '2026年吉林省“十百千”劳动和技能竞赛', 2026, 'registration_open', $1, '2026-12-08') returning id`,
        [province],
      )
    ).rows[0].id;
    for (const [index, name] of EVENTS.entries()) {
      await db.query(
        `insert into competition_event (id, competition_id, name, sort_order, eligibility) values (gen_random_uuid(), $1, $2, $3, $4)`,
        [
          competitionId,
          name,
          index,
          JSON.stringify({
            minAge: 18,
            maxAge: 60,
            ageReferenceDate: null,
            genderCategory: 'open',
            minSkillLevel: null,
            maxSkillLevel: null,
          }),
        ],
      );
    }

    const people = generatePeople(enterpriseNames);
    const xlsxFile = path.join(dataDir, 'registrations.xlsx');
    const csvFile = path.join(dataDir, 'registrations.csv');
    await writeXlsx(xlsxFile, people);
    writeCsv(csvFile, people);
    const xlsxBytes = fs.statSync(xlsxFile).size;

    // ── timed: upload → validated → commit → committed ──
    let peak = peakRssBytes(api.child.pid);
    const sampler = setInterval(() => (peak = Math.max(peak, peakRssBytes(api.child.pid))), 50);
    const imports = `/competitions/${competitionId}/registrations/imports`;
    const poll = async (id, until) => {
      for (;;) {
        const view = await call('GET', `${imports}/${id}`);
        if (view.status === until) return view;
        if (view.status === 'failed' || view.status === 'discarded')
          throw new Error(`import ${view.status}: ${view.failure}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    const started = performance.now();
    const form = new FormData();
    form.append('file', new Blob([fs.readFileSync(xlsxFile)]), 'registrations.xlsx');
    const uploaded = await call('POST', imports, form);
    const afterUpload = performance.now();
    const validated = await poll(uploaded.id, 'validated');
    const afterValidation = performance.now();
    await call(
      'POST',
      `${imports}/${uploaded.id}/commit`,
      JSON.stringify({ mode: 'valid_only' }),
      json,
    );
    const committed = await poll(uploaded.id, 'committed');
    const finished = performance.now();
    clearInterval(sampler);
    peak = Math.max(peak, peakRssBytes(api.child.pid));
    const registrations = Number(
      (
        await db.query('select count(*) from registration where competition_id = $1', [
          competitionId,
        ])
      ).rows[0].count,
    );

    // ── the floor: psql \copy of the same rows into a bare table ──
    await db.query(
      `create table bench_copy (name text, document_type text, document_number text, mobile text, enterprise text, event text, skill_level text, gender text, birth_date text)`,
    );
    await db.end();
    const copyStarted = performance.now();
    execFileSync(
      'psql',
      [
        databaseUrl,
        '-v',
        'ON_ERROR_STOP=1',
        '-q',
        '-c',
        `\\copy bench_copy from '${csvFile}' with (format csv, header true)`,
      ],
      { stdio: 'inherit' },
    );
    const copySeconds = (performance.now() - copyStarted) / 1000;

    const result = {
      date: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? '?',
        memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
        node: process.version,
      },
      rows: ROWS,
      enterprises: ENTERPRISES,
      events: EVENTS.length,
      xlsxMiB: +(xlsxBytes / 2 ** 20).toFixed(1),
      import: {
        totalSeconds: +((finished - started) / 1000).toFixed(2),
        uploadAndParseSeconds: +((afterUpload - started) / 1000).toFixed(2),
        validateSeconds: +((afterValidation - afterUpload) / 1000).toFixed(2),
        commitSeconds: +((finished - afterValidation) / 1000).toFixed(2),
        peakRssMiB: Math.round(peak / 2 ** 20),
        validRows: validated.validRows,
        invalidRows: validated.invalidRows,
        createdRows: committed.createdRows,
        registrationsInDatabase: registrations,
        sampleIssues: validated.issues
          .slice(0, 3)
          .map((issue) => `row ${issue.row} ${issue.column ?? ''}: ${issue.message.en}`),
      },
      psqlCopySeconds: +copySeconds.toFixed(2),
      targets: { totalSeconds: 15, peakRssMiB: 1024 },
    };
    result.met = result.import.totalSeconds <= 15 && result.import.peakRssMiB <= 1024;
    console.log(JSON.stringify(result, null, 2));
    fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
    fs.writeFileSync(
      path.join(root, 'bench/results/registration-import.json'),
      `${JSON.stringify(result, null, 2)}\n`,
    );
    fs.writeFileSync(
      path.join(root, 'bench/results/registration-import.md'),
      [
        '# Registration import benchmark',
        '',
        `${result.date} · ${result.machine.cpus} × ${result.machine.cpuModel} · ${result.machine.memoryGiB} GiB · Node ${result.machine.node}`,
        '',
        `${ROWS.toLocaleString('en')} rows (${result.xlsxMiB} MiB XLSX, ${ENTERPRISES} enterprises, ${EVENTS.length} events), end to end through the built API on a Postgres server:`,
        '',
        '| | seconds |',
        '|---|---:|',
        `| upload + read the XLSX (until 202) | ${result.import.uploadAndParseSeconds} |`,
        `| validate (background, until \`validated\`) | ${result.import.validateSeconds} |`,
        `| commit valid_only (until \`committed\`) | ${result.import.commitSeconds} |`,
        `| **total** (target ≤ 15) | **${result.import.totalSeconds}** |`,
        `| psql \\copy of the same rows into a bare table | ${result.psqlCopySeconds} |`,
        '',
        `Peak RSS of the API process (VmHWM): **${result.import.peakRssMiB} MiB** (target ≤ 1024).`,
        `Rows valid: ${result.import.validRows}, invalid: ${result.import.invalidRows}, registrations created: ${result.import.createdRows}.`,
        '',
        `Targets ${result.met ? 'met' : 'NOT met'}.`,
        '',
        'Run: `npx nx run-many -t build --projects=api,web && node bench/registration-import/import.bench.js`',
        '',
      ].join('\n'),
    );
  } finally {
    if (api) {
      api.child.removeAllListeners('exit');
      api.child.kill('SIGTERM');
      await new Promise((resolve) => {
        const timer = setTimeout(() => {
          api.child.kill('SIGKILL');
          resolve();
        }, 10_000);
        api.child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    const cleanup = new Client({ connectionString: ADMIN_URL });
    await cleanup.connect();
    await cleanup.query(`drop database if exists "${database}" with (force)`);
    await cleanup.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function pickIndustry(i) {
  const industries = [
    '汽车',
    '轨道客车',
    '石化',
    '电力',
    '建工',
    '钢铁',
    '医药',
    '食品',
    '物流',
    '农业机械',
    '光电',
    '化纤',
  ];
  return industries[i % industries.length];
}

main_().catch((error) => {
  console.error(error);
  process.exit(1);
});
