import { explainEntry, scoreEvent } from '../../src';
import {
  entryOf,
  eventMarks,
  fixed,
  judged,
  nodeOf,
  panelMarks,
  rubricWithAspects,
} from '../support/builders';

/**
 * A panel on a criterion: each judge's subtotal of the aspects is worked out first, and the
 * panel aggregates the subtotals (common in Chinese contests: each judge scores the whole work,
 * then the highest and lowest totals are dropped).
 */

describe('a criterion judged as a whole', () => {
  const aspects = [judged('a', undefined), judged('b', undefined)];
  const marks = eventMarks(
    ['X'],
    [...panelMarks('X', 'a', [8, 10, 7, 6, 8]), ...panelMarks('X', 'b', [7, 4, 8, 9, 9])],
  );

  it('trims the judges’ subtotals, not each aspect', () => {
    const result = scoreEvent(
      rubricWithAspects(
        aspects,
        {},
        {
          panel: { method: 'trimmed_mean', trim: 1, judges: 5 },
          round: { decimals: 2, mode: 'half_up' },
        },
      ),
      marks,
    );
    const criterion = nodeOf(entryOf(result, 'X'), 'criterion');
    // subtotals J1 15, J2 14, J3 15, J4 15, J5 17: drop 17 and 14, (15 + 15 + 15) / 3 = 15
    expect(criterion.judges?.map((judge) => [judge.judge, judge.value.toString()])).toEqual([
      ['J1', '15.0'],
      ['J2', '14.0'],
      ['J3', '15.0'],
      ['J4', '15.0'],
      ['J5', '17.0'],
    ]);
    expect(fixed(criterion.value)).toBe('15.00');
    expect(explainEntry(result, 'X', 'zh').find((line) => line.node === 'criterion')?.text).toBe(
      '各裁判小计 J1 15.0、J2 14.0、J3 15.0、J4 15.0、J5 17.0；去掉最高分 17.0、最低分 14.0，平均 15.00。',
    );
  });

  it('differs from trimming each aspect on its own', () => {
    const perAspect = rubricWithAspects(
      aspects.map((aspect) => ({
        ...aspect,
        panel: { method: 'trimmed_mean' as const, trim: 1, judges: 5 },
      })),
      {},
      { round: { decimals: 2, mode: 'half_up' } },
    );
    // a: drop 10 and 6 → 23 / 3; b: drop 9 and 4 → (7 + 8 + 9) / 3 = 8; 23/3 + 8 = 15.666… → 15.67
    expect(fixed(nodeOf(entryOf(scoreEvent(perAspect, marks), 'X'), 'criterion').value)).toBe(
      '15.67',
    );
  });

  it('waits until every judge has marked every aspect', () => {
    const partial = eventMarks(
      ['X'],
      [...panelMarks('X', 'a', [8, 10, 7, 6, 8]), ...panelMarks('X', 'b', [7, 4, 8, 9])],
    );
    const criterion = nodeOf(
      entryOf(
        scoreEvent(
          rubricWithAspects(aspects, {}, { panel: { method: 'trimmed_mean', trim: 1, judges: 5 } }),
          partial,
        ),
        'X',
      ),
      'criterion',
    );
    expect(criterion.status).toBe('incomplete');
    expect(criterion.issue).toEqual({ code: 'marks_pending', received: 4, expected: 5 });
  });
});
