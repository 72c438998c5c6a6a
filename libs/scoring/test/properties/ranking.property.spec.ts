import fc from 'fast-check';
import { scoreEvent } from '../../src';
import { importedTotals, importedTotalsRubric } from '../support/builders';

/** Ranking is a total order: deterministic, independent of input order, and consistent with the values. */

const totals = fc.dictionary(
  fc.stringMatching(/^[A-Z][0-9]{1,3}$/),
  fc.integer({ min: 0, max: 30 }).map((tenths) => (tenths / 10).toFixed(1)),
  { minKeys: 1, maxKeys: 30 },
);

describe('ranking properties', () => {
  it.each(['shared', 'dense'] as const)(
    '%s places: any input order gives the same standings, and places follow the values',
    (ties) => {
      const rubric = importedTotalsRubric({ ranking: { ties } });
      fc.assert(
        fc.property(
          totals.chain((values) =>
            fc.tuple(
              fc.constant(values),
              fc.shuffledSubarray(Object.keys(values), {
                minLength: Object.keys(values).length,
                maxLength: Object.keys(values).length,
              }),
            ),
          ),
          ([values, shuffledIds]) => {
            const standings =
              scoreEvent(rubric, importedTotals(values)).standings[0]?.standings ?? [];
            const shuffled = Object.fromEntries(
              shuffledIds.map((id) => [id, values[id] as string]),
            );
            const again =
              scoreEvent(rubric, importedTotals(shuffled)).standings[0]?.standings ?? [];
            expect(JSON.stringify(again)).toBe(JSON.stringify(standings));

            const numbers = standings.map((standing) => Number(standing.value?.toString()));
            standings.forEach((standing, i) => {
              const value = numbers[i] as number;
              // best first; entries with equal values listed by id
              if (i > 0) {
                expect(value).toBeLessThanOrEqual(numbers[i - 1] as number);
                if (value === numbers[i - 1])
                  expect(standing.entry > (standings[i - 1]?.entry ?? '')).toBe(true);
              }
              const better = numbers.filter((other) => other > value);
              const expectedPlace =
                ties === 'shared' ? better.length + 1 : new Set(better).size + 1;
              expect(standing.place).toBe(expectedPlace);
            });
          },
        ),
        { numRuns: 200 },
      );
    },
  );
});
