import { type Aspect, explainEntry, scoreEvent } from '../../src';
import {
  entryOf,
  eventMarks,
  fixed,
  named,
  nodeOf,
  panelMarks,
  rubricWithAspects,
} from '../support/builders';

/**
 * WorldSkills-style marking: measurement aspects (a size within tolerance earns all or nothing,
 * tolerance bands, a pass/fail gauge) and judgement aspects where 3 judges each give a level
 * 0–3 and the aspect earns max × mean level ÷ 3. Expected figures are worked out by hand.
 */

const aspects: Aspect[] = [
  {
    id: 'diameter',
    name: named('直径 25.00 ± 0.02'),
    kind: 'measurement',
    max: 2,
    rule: { type: 'all_or_nothing', lower: '24.98', upper: '25.02' },
  },
  {
    id: 'length',
    name: named('长度 50'),
    kind: 'measurement',
    max: 1.5,
    rule: {
      type: 'bands',
      bands: [
        { lower: '49.95', upper: '50.05', points: 1.5 },
        { lower: '49.9', upper: '50.1', points: 0.75 },
      ],
    },
  },
  { id: 'thread', name: named('螺纹规'), kind: 'measurement', max: 1, rule: { type: 'pass_fail' } },
  {
    id: 'finish',
    name: named('表面质量', 'Surface finish'),
    kind: 'judgement',
    max: 1.5,
    scale: { min: 0, top: 3, step: 1 },
    valuation: 'share_of_max',
    panel: { method: 'mean', judges: 3 },
    round: { decimals: 2, mode: 'half_up' },
  },
  {
    id: 'impression',
    name: named('整体印象', 'Overall impression'),
    kind: 'judgement',
    max: 9,
    scale: { min: 0, top: 3, step: 1 },
    valuation: 'share_of_max',
    panel: { method: 'mean', judges: 3 },
    round: { decimals: 2, mode: 'truncate' },
  },
];

function marksFor(
  entry: string,
  diameter: string,
  length: string,
  thread: number,
  finish: number[],
  impression: number[],
) {
  return [
    { entry, aspect: 'diameter', value: diameter },
    { entry, aspect: 'length', value: length },
    { entry, aspect: 'thread', value: thread },
    ...panelMarks(entry, 'finish', finish),
    ...panelMarks(entry, 'impression', impression),
  ];
}

describe('WorldSkills style: measurement and judgement (levels 0–3 by 3 judges)', () => {
  const result = scoreEvent(
    rubricWithAspects(aspects, { total: { round: { decimals: 2, mode: 'half_up' } } }),
    eventMarks(
      ['X', 'Y', 'Z'],
      [
        ...marksFor('X', '25.01', '50.07', 1, [2, 3, 2], [2, 2, 3]),
        ...marksFor('Y', '25.03', '50.00', 0, [3, 3, 3], [1, 1, 2]),
        ...marksFor('Z', '24.98', '49.89', 1, [0, 1, 0], [3, 3, 2]),
      ],
    ),
  );
  const value = (entry: string, node: string): string | null =>
    fixed(nodeOf(entryOf(result, entry), node).value);

  it('gives a measurement within tolerance all its points and one outside none (limits included)', () => {
    expect(value('X', 'diameter')).toBe('2.00'); // 25.01 within 24.98–25.02
    expect(value('Y', 'diameter')).toBe('0.00'); // 25.03 outside
    expect(value('Z', 'diameter')).toBe('2.00'); // 24.98 is the lower limit itself
  });

  it('scores a measurement by the first tolerance band it falls in', () => {
    expect(value('Y', 'length')).toBe('1.50'); // 50.00 in the tight band
    expect(value('X', 'length')).toBe('0.75'); // 50.07 only in the wide band
    expect(value('Z', 'length')).toBe('0.00'); // 49.89 in no band
  });

  it('gives a pass/fail gauge its points on a pass', () => {
    expect(value('X', 'thread')).toBe('1.00');
    expect(value('Y', 'thread')).toBe('0.00');
  });

  it('turns 3 judges’ levels into max × mean level ÷ 3', () => {
    // 1.5 × (2 + 3 + 2) / 3 / 3 = 1.1666… → 1.17
    expect(value('X', 'finish')).toBe('1.17');
    // 1.5 × 3 / 3 = 1.50
    expect(value('Y', 'finish')).toBe('1.50');
    // 1.5 × (1/3) / 3 = 0.1666… → 0.17
    expect(value('Z', 'finish')).toBe('0.17');
  });

  it('computes exactly: 9 × (7/3) ÷ 3 is 7, so truncating to 0.01 gives 7.00, not 6.99', () => {
    expect(value('X', 'impression')).toBe('7.00');
    expect(value('Y', 'impression')).toBe('4.00'); // 9 × (4/3) / 3
    expect(value('Z', 'impression')).toBe('8.00'); // 9 × (8/3) / 3
  });

  it('adds the aspects up', () => {
    expect(fixed(entryOf(result, 'X').total)).toBe('11.92'); // 2 + 0.75 + 1 + 1.17 + 7
    expect(fixed(entryOf(result, 'Y').total)).toBe('7.00'); // 0 + 1.5 + 0 + 1.5 + 4
    expect(fixed(entryOf(result, 'Z').total)).toBe('11.17'); // 2 + 0 + 1 + 0.17 + 8
  });

  it('explains a judgement and a measurement', () => {
    const lines = explainEntry(result, 'X', 'en');
    expect(lines.find((line) => line.node === 'finish')?.text).toBe(
      'marks from 3 judges: 2, 3, 2; mean ≈2.3333; level ≈2.3333 ÷ 3 × 1.5 points = ≈1.1667; to 2 decimals (half up) = 1.17.',
    );
    expect(lines.find((line) => line.node === 'length')?.text).toBe(
      'recorded 50.07; measured 50.07, band 2 (49.9–50.1): 0.75 points.',
    );
  });
});
