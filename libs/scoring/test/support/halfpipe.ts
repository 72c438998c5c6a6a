import type { EventMarks, Mark, Rubric } from '../../src';
import { readJudgedCsv } from './csv';

/**
 * Snowboard halfpipe in the engine's own formats: 6 judges mark each run 0–100; drop the highest
 * and the lowest, the mean of the middle 4 to 0.01 is the run score; an athlete's result is the
 * best of 3 runs (an athlete may stop after any run), ties split by the second-best run.
 */

export type RunRow = Record<string, string>;

export const HALFPIPE_CSV = 'snowboard_halfpipe_owg2026_men_final.csv';
export const JUDGES = ['J1', 'J2', 'J3', 'J4', 'J5', 'J6'] as const;

export function readRuns(): RunRow[] {
  return readJudgedCsv(HALFPIPE_CSV);
}

export function athleteId(row: RunRow): string {
  return `${row.country}-${row.athlete}`.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

export function halfpipeRubric(): Rubric {
  return {
    format: 'jingsai.rubric',
    version: 1,
    id: 'halfpipe',
    revision: 'owg2026',
    name: { zh: '单板滑雪 U 型场地', en: 'Snowboard halfpipe' },
    modules: [
      {
        id: 'final',
        name: { zh: '决赛', en: 'Final' },
        criteria: [
          {
            id: 'runs',
            name: { zh: '滑行', en: 'Runs' },
            aspects: [
              {
                id: 'run',
                name: { zh: '滑行', en: 'Run' },
                kind: 'judgement',
                scale: { min: 0, top: 100, step: 1 },
                valuation: 'as_marked',
                attempts: {
                  count: 3,
                  combine: 'best',
                  required: 1,
                  label: { zh: '第 {n} 轮', en: 'run {n}' },
                },
                panel: { method: 'trimmed_mean', trim: 1, judges: 6 },
                round: { decimals: 2, mode: 'half_up' },
              },
            ],
          },
        ],
      },
    ],
    ranking: { tieBreaks: [{ by: 'attempt', node: 'run', nthBest: 2, order: 'desc' }] },
  };
}

export function halfpipeMarks(rows: readonly RunRow[]): EventMarks {
  const entries = new Map<string, { id: string; name: string }>();
  const marks: Mark[] = [];
  for (const row of rows) {
    const entry = athleteId(row);
    entries.set(entry, { id: entry, name: row.athlete as string });
    for (const judge of JUDGES)
      marks.push({
        entry,
        aspect: 'run',
        attempt: Number(row.run),
        judge,
        value: row[judge] as string,
      });
  }
  return {
    format: 'jingsai.marks',
    version: 1,
    rubric: { id: 'halfpipe' },
    entries: [...entries.values()],
    marks,
  };
}
