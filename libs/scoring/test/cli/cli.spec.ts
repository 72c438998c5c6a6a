import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli';
import { byEventRound, readDives } from '../support/diving';

/**
 * The CLI on the example files: the diving final reproduces the official totals (from the
 * results book, via the judged-data CSV) and the skills contest prints places, awards and
 * explanations; bad input exits with code 2 and the path of the bad field.
 */

const examples = path.resolve(__dirname, '../../examples');
const example = (file: string): string => path.join(examples, file);

function run(...args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runCli(args, {
    out: (text) => (out += `${text}\n`),
    err: (text) => (err += `${text}\n`),
  });
  return { code, out, err };
}

describe('jingsai-score CLI', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'jingsai-score-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('scores the diving example to the official totals and places, as JSON', () => {
    const { code, out } = run(
      '--rubric',
      example('diving-rubric.json'),
      '--marks',
      example('diving-marks.json'),
      '--format',
      'json',
    );
    expect(code).toBe(0);
    const printed = JSON.parse(out) as {
      standings: { standings: { entry: string; place: number; value: string; award?: string }[] }[];
    };
    const official = (byEventRound(readDives()).get("women's 3m springboard / final") ?? []).filter(
      (row) => row.dive_no === '5',
    );
    const lines = printed.standings[0]?.standings ?? [];
    expect(lines.map((line) => [line.value, line.place])).toEqual(
      [...official]
        .sort((a, b) => Number(a.final_rank) - Number(b.final_rank))
        .map((row) => [row.official_cumulative_total, Number(row.final_rank)]),
    );
    expect(lines.slice(0, 3).map((line) => line.award)).toEqual(['gold', 'silver', 'bronze']);
  });

  it('prints the skills contest as a table with places, awards and explanations', () => {
    const { code, out } = run(
      '--rubric',
      example('skills-contest-rubric.json'),
      '--marks',
      example('skills-contest-marks.json'),
    );
    expect(code).toBe(0);
    expect(out).toMatch(/^1\s+E01\s+王建国\s+92\.47\s+complete\s+一等奖/m);
    // E01's workmanship: drop 38.0 and 35.0, (36 + 37.5 + 36.5) / 3 = 36.666… → 36.67
    expect(out).toContain(
      '安装工艺 36.67 — 5 名裁判评分 36.0、37.5、35.0、36.5、38.0；去掉最高分 38.0、最低分 35.0，平均 36.67（保留 2 位小数，四舍五入）。',
    );
  });

  it('exits with 2 and the path of the bad field for an invalid rubric', () => {
    const rubric = JSON.parse(readFileSync(example('skills-contest-rubric.json'), 'utf8')) as {
      modules: { criteria: { aspects: { max?: number }[] }[] }[];
    };
    (rubric.modules[1]?.criteria[1]?.aspects[0] as { max?: number }).max = 0;
    const file = path.join(scratch, 'bad-rubric.json');
    writeFileSync(file, JSON.stringify(rubric));
    const { code, err, out } = run(
      '--rubric',
      file,
      '--marks',
      example('skills-contest-marks.json'),
    );
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain('modules[1].criteria[1].aspects[0].max: must be > 0');
  });

  it('exits with 2 for marks that do not fit the rubric', () => {
    const file = path.join(scratch, 'bad-marks.json');
    writeFileSync(
      file,
      JSON.stringify({
        format: 'jingsai.marks',
        version: 1,
        rubric: { id: 'fina-diving-3m-women' },
        entries: [{ id: 'X' }],
        marks: [{ entry: 'X', aspect: 'dive', attempt: 1, judge: 'J1', value: 11 }],
      }),
    );
    const { code, err } = run('--rubric', example('diving-rubric.json'), '--marks', file);
    expect(code).toBe(2);
    expect(err).toContain('marks[0].value: must be between 0 and 10');
  });

  it('exits with 2 for a missing file, bad JSON or bad arguments', () => {
    const missing = run(
      '--rubric',
      path.join(scratch, 'nowhere.json'),
      '--marks',
      example('diving-marks.json'),
    );
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('cannot read the rubric file');
    const file = path.join(scratch, 'broken.json');
    writeFileSync(file, '{ "format": ');
    const broken = run('--rubric', example('diving-rubric.json'), '--marks', file);
    expect(broken.code).toBe(2);
    expect(broken.err).toContain(`the marks file ${file} is not valid JSON`);
    expect(run('--rubric', 'x.json').code).toBe(2);
    expect(run('--rubric', 'x', '--marks', 'y', '--format', 'xml').code).toBe(2);
  });

  describe('built (dist/cli.js, the package bin)', () => {
    const root = path.resolve(__dirname, '../..');
    beforeAll(() => {
      execFileSync(
        process.execPath,
        [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.lib.json')],
        { cwd: root, stdio: 'pipe' },
      );
    }, 120_000);

    it('runs on the diving example and exits 0', () => {
      const done = spawnSync(
        process.execPath,
        [
          path.join(root, 'dist/cli.js'),
          '--rubric',
          example('diving-rubric.json'),
          '--marks',
          example('diving-marks.json'),
          '--lang',
          'en',
        ],
        {
          encoding: 'utf8',
        },
      );
      expect(done.status).toBe(0);
      expect(done.stdout).toMatch(
        /^1\s+chn-shi-tingmao\s+SHI Tingmao\s+381\.95\s+complete\s+Gold/m,
      );
    });

    it('exits 2 with the path of the bad field', () => {
      const file = path.join(scratch, 'bad-rubric-2.json');
      writeFileSync(
        file,
        JSON.stringify({
          format: 'jingsai.rubric',
          version: 1,
          id: 'x',
          revision: '1',
          name: { zh: 'x', en: 'x' },
          modules: [],
        }),
      );
      const done = spawnSync(
        process.execPath,
        [path.join(root, 'dist/cli.js'), '--rubric', file, '--marks', example('diving-marks.json')],
        { encoding: 'utf8' },
      );
      expect(done.status).toBe(2);
      expect(done.stderr).toContain('modules: must have at least 1 item');
    });
  });
});
