import { explainEntry, type Mark, type Rubric, scoreEvent } from '../../src';
import {
  entryOf,
  eventMarks,
  fixed,
  named,
  nodeOf,
  order,
  panelMarks,
  places,
  rubricWithModules,
} from '../support/builders';

/**
 * A Chinese skills contest (职业技能竞赛): theory 30 % + practical 70 %; the practical work is
 * marked by 5 judges, dropping the highest and the lowest mark (去掉一个最高分和一个最低分);
 * safety violations cost 5 points each, at most 15, and the practical score never goes below 0;
 * ties are broken by the practical score, then the time used (less is better), then theory.
 * Every expected figure below is worked out by hand in the comments.
 */

function contestRubric(): Rubric {
  return rubricWithModules(
    [
      {
        id: 'theory',
        name: named('理论知识', 'Theory'),
        weight: '0.3',
        criteria: [
          {
            id: 'theory_exam',
            name: named('理论考试'),
            aspects: [{ id: 'theory_score', name: named('理论成绩'), kind: 'imported', max: 100 }],
          },
        ],
      },
      {
        id: 'practical',
        name: named('实际操作', 'Practical'),
        weight: '0.7',
        valueTransform: [{ op: 'at_least', value: 0 }],
        criteria: [
          {
            id: 'work',
            name: named('作品评分'),
            aspects: [
              {
                id: 'work_mark',
                name: named('作品质量'),
                kind: 'judgement',
                scale: { min: 0, top: 100, step: 0.5 },
                valuation: 'as_marked',
                panel: { method: 'trimmed_mean', trim: 1, judges: 5 },
                round: { decimals: 2, mode: 'half_up' },
              },
            ],
          },
          {
            id: 'safety',
            name: named('安全文明生产'),
            aspects: [
              {
                id: 'violations',
                name: named('违规扣分'),
                kind: 'deduction',
                perOccurrence: 5,
                cap: 15,
              },
            ],
          },
        ],
      },
    ],
    {
      fields: [{ id: 'time_used', name: named('用时（秒）', 'time used (s)') }],
      total: { combine: 'weighted_sum', round: { decimals: 2, mode: 'half_up' } },
      ranking: {
        tieBreaks: [
          { by: 'node', node: 'practical', order: 'desc' },
          { by: 'field', field: 'time_used', order: 'asc' },
          { by: 'node', node: 'theory', order: 'desc' },
        ],
        ties: 'shared',
      },
      awards: {
        quotaRounding: 'half_up',
        tiers: [
          { id: 'first', name: named('一等奖'), share: '0.1' },
          { id: 'second', name: named('二等奖'), share: '0.2' },
          { id: 'third', name: named('三等奖'), share: '0.3', minScore: 60 },
        ],
      },
    },
  );
}

interface Competitor {
  id: string;
  theory: string;
  work: number[];
  violations: number;
  timeUsed: number;
}

const competitors: Competitor[] = [
  // work: drop 91 and 70, (90 + 88 + 85) / 3 = 87.666… → 87.67; total 0.3 × 80 + 0.7 × 87.67 = 85.369 → 85.37
  { id: 'A', theory: '80', work: [90, 88, 85, 91, 70], violations: 0, timeUsed: 1900 },
  // work 86; total 0.3 × 76 + 0.7 × 86 = 22.8 + 60.2 = 83.00
  { id: 'D', theory: '76', work: [86, 86, 86, 86, 86], violations: 0, timeUsed: 2000 },
  // work 85, one violation −5 → practical 80; total 27 + 56 = 83.00, faster than B
  { id: 'F', theory: '90', work: [85, 85, 85, 85, 85], violations: 1, timeUsed: 1700 },
  // work: drop 88 and 80, (84 + 86 + 85) / 3 = 85; −5 → 80; total 83.00
  { id: 'B', theory: '90', work: [84, 86, 85, 88, 80], violations: 1, timeUsed: 1800 },
  // work: drop 99 and 93 → 95; 4 violations = 20, capped at 15 → 80; total 21 + 56 = 77.00
  { id: 'C', theory: '70', work: [95, 94, 96, 93, 99], violations: 4, timeUsed: 1600 },
  // total 0.3 × 80.01 + 56 = 80.003 → 80.00: same total, practical and time as H; better theory
  { id: 'G', theory: '80.01', work: [80, 80, 80, 80, 80], violations: 0, timeUsed: 2100 },
  { id: 'H', theory: '80', work: [80, 80, 80, 80, 80], violations: 0, timeUsed: 2100 },
  // I and J are the same in every figure: they share 8th place
  { id: 'I', theory: '70', work: [70, 70, 70, 70, 70], violations: 0, timeUsed: 2200 },
  { id: 'J', theory: '70', work: [70, 70, 70, 70, 70], violations: 0, timeUsed: 2200 },
  // work: drop 25 and 20, 67 / 3 = 22.333… → 22.33; −15 → 7.33; total 15 + 5.131 = 20.131 → 20.13
  { id: 'K', theory: '50', work: [20, 25, 22, 21, 24], violations: 3, timeUsed: 2500 },
  // work 10, −15 → −5, floored at 0; total 0.3 × 40 = 12.00
  { id: 'L', theory: '40', work: [10, 10, 10, 10, 10], violations: 3, timeUsed: 2600 },
];

function contestMarks(list: readonly Competitor[]) {
  const marks: Mark[] = list.flatMap((c) => [
    { entry: c.id, aspect: 'theory_score', value: c.theory },
    ...panelMarks(c.id, 'work_mark', c.work),
    ...(c.violations > 0
      ? [{ entry: c.id, aspect: 'violations', judge: 'J1', value: c.violations }]
      : []),
  ]);
  return eventMarks(
    list.map((c) => ({ id: c.id, fields: { time_used: c.timeUsed } })),
    marks,
  );
}

describe('Chinese skills contest: 5 judges, theory 30 % + practical 70 %, safety deductions', () => {
  const result = scoreEvent(contestRubric(), contestMarks(competitors));
  const total = (id: string): string | null => fixed(entryOf(result, id).total);
  const practical = (id: string): string | null =>
    fixed(nodeOf(entryOf(result, id), 'practical').value);

  it('drops the highest and lowest of the 5 marks and averages the middle three', () => {
    expect(fixed(nodeOf(entryOf(result, 'A'), 'work_mark').value)).toBe('87.67');
    expect(fixed(nodeOf(entryOf(result, 'K'), 'work_mark').value)).toBe('22.33');
  });

  it('weights theory 30 % and practical 70 %, rounding the total to 0.01', () => {
    expect(total('A')).toBe('85.37');
    expect(total('K')).toBe('20.13');
    expect(total('G')).toBe('80.00');
  });

  it('deducts 5 points per safety violation, at most 15, and never below 0', () => {
    expect(practical('B')).toBe('80.00');
    expect(practical('C')).toBe('80.00');
    expect(practical('L')).toBe('0.00');
    expect(total('L')).toBe('12.00');
  });

  it('breaks tied totals by practical score, then time used, then theory, and shares a place when all are equal', () => {
    expect(order(result)).toEqual(['A', 'D', 'F', 'B', 'G', 'H', 'C', 'I', 'J', 'K', 'L']);
    expect(places(result)).toEqual({
      A: 1,
      D: 2,
      F: 3,
      B: 4,
      G: 5,
      H: 6,
      C: 7,
      I: 8,
      J: 8,
      K: 10,
      L: 11,
    });
  });

  it('gives 一等奖 to 10 %, 二等奖 to 20 % and 三等奖 to 30 % of the 11 finishers (1, 2, 3 after rounding half up)', () => {
    const awards = Object.fromEntries(
      result.standings[0]?.standings.map((s) => [s.entry, s.award ?? null]) ?? [],
    );
    expect(awards).toMatchObject({
      A: 'first',
      D: 'second',
      F: 'second',
      B: 'third',
      G: 'third',
      H: 'third',
      C: null,
    });
    expect(result.standings[0]?.awards?.tiers.map((tier) => tier.quota)).toEqual([1, 2, 3]);
  });

  it('explains the practical mark the way a head judge reads it out', () => {
    const line = explainEntry(result, 'A', 'zh').find(
      (candidate) => candidate.node === 'work_mark',
    );
    expect(line?.text).toContain('5 名裁判评分 90.0、88.0、85.0、91.0、70.0');
    expect(line?.text).toContain('去掉最高分 91.0、最低分 70.0，平均 87.67');
    const total = explainEntry(result, 'A', 'en').find((candidate) => candidate.node === 'total');
    expect(total?.text).toBe(
      'Theory 80 × 30% + Practical 87.67 × 70% = 85.369; to 2 decimals (half up) = 85.37.',
    );
  });

  it('marks an entry incomplete while a judge has not marked, and still ranks the others', () => {
    const partial = contestMarks(competitors);
    partial.marks = partial.marks.filter(
      (mark) => !(mark.entry === 'A' && mark.aspect === 'work_mark' && mark.judge === 'J5'),
    );
    const live = scoreEvent(contestRubric(), partial);
    const a = entryOf(live, 'A');
    expect(a.status).toBe('incomplete');
    expect(nodeOf(a, 'work_mark').issue).toEqual({
      code: 'marks_pending',
      received: 4,
      expected: 5,
    });
    // Only the theory counts so far: 0.3 × 80 = 24.00
    expect(fixed(a.total)).toBe('24.00');
    expect(live.standings[0]?.awards?.provisional).toBe(true);
  });
});
