import { type Aspect, scoreEvent } from '../../src';
import { entryOf, eventMarks, named } from '../support/builders';
import { rubricWithAspects } from '../support/builders';

/** Time-based, deduction and imported aspects (measurement and judgement: see worldskills.spec). */

function single(aspect: Aspect, value: string | number | undefined): string | undefined {
  const marks = value === undefined ? [] : [{ entry: 'X', aspect: aspect.id, value }];
  return entryOf(
    scoreEvent(rubricWithAspects([aspect]), eventMarks(['X'], marks)),
    'X',
  ).total?.toString();
}

describe('time-based aspects: a straight line from the best time (max) to the worst (pointsAtWorst)', () => {
  const time: Aspect = {
    id: 't',
    name: named('用时'),
    kind: 'time',
    max: 10,
    best: 600,
    worst: 1200,
  };

  it.each([
    [550, '10'], // under the best time: max
    [600, '10'],
    [900, '5'], // halfway: 10 × 300 / 600
    [1000, '3.33333333333333333333'], // 10 × 200 / 600 = 3.333…, shown to 20 decimals when not rounded
    [1200, '0'],
    [1500, '0'], // over the worst time
  ])('%i s → %s', (seconds, expected) => {
    expect(single(time, seconds)).toBe(expected);
  });

  it('with points at the worst time', () => {
    // 2 + (10 − 2) × 300 / 600 = 6
    expect(single({ ...time, pointsAtWorst: 2 }, 900)).toBe('6');
  });
});

describe('deductions (扣分)', () => {
  it('reduce the parent: per occurrence, up to a cap', () => {
    const deduction: Aspect = {
      id: 'd',
      name: named('违规'),
      kind: 'deduction',
      perOccurrence: 3,
      cap: 8,
    };
    expect(single(deduction, 2)).toBe('-6');
    expect(single(deduction, 4)).toBe('-8'); // 12, capped at 8
  });

  it('count as nothing deducted when none is recorded', () => {
    expect(
      single({ id: 'd', name: named('违规'), kind: 'deduction', perOccurrence: 3 }, undefined),
    ).toBe('0');
  });

  it('or start from the aspect’s max, floored at 0 unless told otherwise', () => {
    const fromMax: Aspect = {
      id: 'd',
      name: named('安全'),
      kind: 'deduction',
      perOccurrence: 4,
      from: 'max',
      max: 10,
    };
    expect(single(fromMax, 2)).toBe('2'); // 10 − 8
    expect(single(fromMax, 3)).toBe('0'); // 10 − 12, floored
    expect(single({ ...fromMax, floorAtZero: false }, 3)).toBe('-2');
  });
});

describe('imported scores', () => {
  it('are taken as they are', () => {
    expect(single({ id: 'i', name: named('理论'), kind: 'imported' }, '87.5')).toBe('87.5');
  });

  it('or scaled to the aspect’s max', () => {
    // 30 × 85 / 100 = 25.5
    expect(
      single({ id: 'i', name: named('理论'), kind: 'imported', max: 30, outOf: 100 }, 85),
    ).toBe('25.5');
  });
});
