import type { EventMarks, Mark, ParameterValues, Rubric } from '../../src';
import { readJudgedCsv } from './csv';

/**
 * FINA diving in the engine's own formats: 7 judges mark each dive 0–10 in half points; drop the
 * 2 highest and the 2 lowest, add the middle 3, × degree of difficulty, to 0.01. A referee's
 * 2-point penalty comes off every judge's mark first. A diver's total is the running sum.
 */

export type DiveRow = Record<string, string>;

export const DIVING_CSV = 'diving_fina_worldseries_2018_montreal.csv';
export const JUDGES = ['j1', 'j2', 'j3', 'j4', 'j5', 'j6', 'j7'] as const;

export function readDives(): DiveRow[] {
  return readJudgedCsv(DIVING_CSV);
}

/** Rows grouped by "event / round", in file order. */
export function byEventRound(rows: readonly DiveRow[]): Map<string, DiveRow[]> {
  const groups = new Map<string, DiveRow[]>();
  for (const row of rows) {
    const key = `${row.event} / ${row.round}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return groups;
}

export function diverId(row: DiveRow): string {
  return `${row.country}-${row.diver}`.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

export function divingRubric(event: string, dives: number): Rubric {
  return {
    format: 'jingsai.rubric',
    version: 1,
    id: 'fina-diving',
    revision: '2018',
    name: { zh: `跳水 ${event}`, en: `Diving, ${event}` },
    parameters: [
      { id: 'dd', name: { zh: '难度系数', en: 'degree of difficulty' }, min: '1.2', max: '4.8' },
      { id: 'referee_penalty', name: { zh: '裁判长罚分', en: 'referee penalty' }, default: '0' },
    ],
    modules: [
      {
        id: 'dives',
        name: { zh: '动作', en: 'Dives' },
        criteria: [
          {
            id: 'dive_list',
            name: { zh: '动作列表', en: 'Dive list' },
            aspects: [
              {
                id: 'dive',
                name: { zh: '动作', en: 'Dive' },
                kind: 'judgement',
                scale: { min: 0, top: 10, step: 0.5 },
                valuation: 'as_marked',
                attempts: {
                  count: dives,
                  combine: 'running_total',
                  label: { zh: '第 {n} 跳', en: 'dive {n}' },
                },
                panel: {
                  method: 'middle_sum',
                  keep: 3,
                  judges: 7,
                  missingJudge: 'substitute_mean',
                },
                markTransform: [
                  { op: 'subtract', parameter: 'referee_penalty' },
                  { op: 'at_least', value: 0 },
                ],
                valueTransform: [{ op: 'multiply', parameter: 'dd' }],
                round: { decimals: 2, mode: 'half_up' },
              },
            ],
          },
        ],
      },
    ],
    ranking: { ties: 'shared' },
  };
}

export function divingMarks(rows: readonly DiveRow[]): EventMarks {
  const entries = new Map<string, { id: string; name: string; groups: Record<string, string> }>();
  const marks: Mark[] = [];
  const parameters: ParameterValues[] = [];
  for (const row of rows) {
    const entry = diverId(row);
    entries.set(entry, {
      id: entry,
      name: row.diver as string,
      groups: { country: row.country as string },
    });
    const attempt = Number(row.dive_no);
    JUDGES.forEach((judge, i) =>
      marks.push({
        entry,
        aspect: 'dive',
        attempt,
        judge: `J${i + 1}`,
        value: row[judge] as string,
      }),
    );
    parameters.push({
      entry,
      attempt,
      values: {
        dd: row.dd as string,
        referee_penalty: row.referee_penalty_2pts === '1' ? '2' : '0',
      },
    });
  }
  return {
    format: 'jingsai.marks',
    version: 1,
    rubric: { id: 'fina-diving', revision: '2018' },
    entries: [...entries.values()],
    marks,
    parameters,
  };
}
