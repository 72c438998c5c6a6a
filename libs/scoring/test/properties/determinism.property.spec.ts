import fc from 'fast-check';
import { EventScoring, type Mark, scoreEvent } from '../../src';
import { eventMarks, judged, named, rubricWithModules } from '../support/builders';

/** The same input always gives bit-identical output, whether scored at once or mark by mark. */

const rubric = rubricWithModules(
  [
    {
      id: 'm1',
      name: named('m1'),
      weight: '0.4',
      criteria: [
        {
          id: 'c1',
          name: named('c1'),
          aspects: [
            judged(
              'a',
              { method: 'trimmed_mean', trim: 1, judges: 5, spreadLimit: 6 },
              { round: { decimals: 2, mode: 'half_even' } },
            ),
          ],
        },
      ],
    },
    {
      id: 'm2',
      name: named('m2'),
      weight: '0.6',
      criteria: [
        {
          id: 'c2',
          name: named('c2'),
          aspects: [
            judged('b', { method: 'median', judges: 3 }),
            { id: 'd', name: named('d'), kind: 'deduction', perOccurrence: 1.5 },
          ],
        },
      ],
    },
  ],
  {
    total: { combine: 'weighted_sum', round: { decimals: 3, mode: 'truncate' } },
    ranking: { tieBreaks: [{ by: 'node', node: 'm2', order: 'desc' }] },
    awards: { tiers: [{ id: 'gold', name: named('金'), share: '0.34' }] },
  },
);

const entries = ['A', 'B', 'C', 'D'];
const markArbitrary: fc.Arbitrary<Mark> = fc.oneof(
  fc.record({
    entry: fc.constantFrom(...entries),
    aspect: fc.constant('a'),
    judge: fc.constantFrom('J1', 'J2', 'J3', 'J4', 'J5'),
    value: fc.integer({ min: 0, max: 20 }).map((h) => h / 2),
  }),
  fc.record({
    entry: fc.constantFrom(...entries),
    aspect: fc.constant('b'),
    judge: fc.constantFrom('J1', 'J2', 'J3'),
    value: fc.integer({ min: 0, max: 20 }).map((h) => h / 2),
  }),
  fc.record({
    entry: fc.constantFrom(...entries),
    aspect: fc.constant('d'),
    judge: fc.constant('J1'),
    value: fc.integer({ min: 0, max: 3 }),
  }),
);

/** The marks a judge would have on the sheet after entering them in this order: the last one counts. */
function currentSheet(sequence: readonly Mark[]): Mark[] {
  const latest = new Map<string, Mark>();
  for (const mark of sequence) latest.set(`${mark.entry}|${mark.aspect}|${mark.judge}`, mark);
  return [...latest.values()];
}

describe('determinism', () => {
  it('the same input gives bit-identical output, also from a deep copy', () => {
    fc.assert(
      fc.property(fc.array(markArbitrary, { maxLength: 40 }), (sequence) => {
        const marks = eventMarks(entries, currentSheet(sequence));
        const first = JSON.stringify(scoreEvent(rubric, marks));
        expect(JSON.stringify(scoreEvent(rubric, marks))).toBe(first);
        expect(JSON.stringify(scoreEvent(rubric, structuredClone(marks)))).toBe(first);
      }),
      { numRuns: 150 },
    );
  });

  it('recording marks one by one ends where scoring them all at once does', () => {
    fc.assert(
      fc.property(fc.array(markArbitrary, { minLength: 1, maxLength: 40 }), (sequence) => {
        const live = new EventScoring(rubric, eventMarks(entries, []));
        let result = live.result;
        for (const mark of sequence) result = live.recordMark(mark);
        expect(JSON.stringify(result)).toBe(
          JSON.stringify(scoreEvent(rubric, eventMarks(entries, currentSheet(sequence)))),
        );
      }),
      { numRuns: 150 },
    );
  });
});
