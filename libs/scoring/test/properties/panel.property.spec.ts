import fc from 'fast-check';
import { type PanelRule, scoreEvent } from '../../src';
import { entryOf, eventMarks, judged, nodeOf, rubricWithAspects } from '../support/builders';

/** Properties of panel aggregation over random marks (0–10 in halves) and panels. */

const mark = fc.integer({ min: 0, max: 20 }).map((halves) => halves / 2);

const panelAndMarks = fc.oneof(
  fc
    .array(mark, { minLength: 1, maxLength: 9 })
    .map((marks) => ({ panel: { method: 'mean' } as PanelRule, marks })),
  fc
    .array(mark, { minLength: 1, maxLength: 9 })
    .map((marks) => ({ panel: { method: 'median' } as PanelRule, marks })),
  fc
    .array(mark, { minLength: 1, maxLength: 9 })
    .map((marks) => ({ panel: { method: 'sum' } as PanelRule, marks })),
  fc
    .integer({ min: 1, max: 3 })
    .chain((trim) =>
      fc
        .array(mark, { minLength: 2 * trim + 1, maxLength: 2 * trim + 5 })
        .map((marks) => ({ panel: { method: 'trimmed_mean', trim } as PanelRule, marks })),
    ),
  fc
    .integer({ min: 1, max: 2 })
    .chain((drop) =>
      fc
        .array(mark, { minLength: 3 + 2 * drop, maxLength: 3 + 2 * drop })
        .map((marks) => ({ panel: { method: 'middle_sum', keep: 3 } as PanelRule, marks })),
    ),
);

function score(panel: PanelRule, marks: readonly number[], judges: readonly string[]) {
  const rubric = rubricWithAspects([judged('a', panel)]);
  return scoreEvent(
    rubric,
    eventMarks(
      ['X'],
      marks.map((value, i) => ({ entry: 'X', aspect: 'a', judge: judges[i] as string, value })),
    ),
  );
}

const judgeIds = (count: number): string[] => Array.from({ length: count }, (_, i) => `J${i + 1}`);

describe('panel properties', () => {
  it('reordering the marks, or which judge gave which mark, never changes a result', () => {
    fc.assert(
      fc.property(
        panelAndMarks.chain(({ panel, marks }) =>
          fc.tuple(
            fc.constant(panel),
            fc.constant(marks),
            fc.shuffledSubarray(
              marks.map((_, i) => i),
              { minLength: marks.length, maxLength: marks.length },
            ),
          ),
        ),
        ([panel, marks, permutation]) => {
          const judges = judgeIds(marks.length);
          const reference = score(panel, marks, judges);
          // the same judge–mark pairs, arriving in another order
          const reordered = score(
            panel,
            permutation.map((i) => marks[i] as number),
            permutation.map((i) => judges[i] as string),
          );
          expect(JSON.stringify(reordered.entries)).toBe(JSON.stringify(reference.entries));
          // the same marks, given by other judges
          const relabelled = score(
            panel,
            permutation.map((i) => marks[i] as number),
            judges,
          );
          expect(JSON.stringify(relabelled.entries)).toBe(JSON.stringify(reference.entries));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a trimmed mean lies within the range of the marks, and of the marks it keeps', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 3 })
          .chain((trim) =>
            fc.tuple(
              fc.constant(trim),
              fc.array(mark, { minLength: 2 * trim + 1, maxLength: 2 * trim + 6 }),
            ),
          ),
        ([trim, marks]) => {
          const value = nodeOf(
            entryOf(score({ method: 'trimmed_mean', trim }, marks, judgeIds(marks.length)), 'X'),
            'a',
          ).value;
          const sorted = [...marks].sort((a, b) => a - b);
          const kept = sorted.slice(trim, sorted.length - trim);
          const number = value?.toApproximateNumber() ?? NaN;
          expect(number).toBeGreaterThanOrEqual(Math.min(...marks));
          expect(number).toBeLessThanOrEqual(Math.max(...marks));
          expect(number).toBeGreaterThanOrEqual(kept[0] as number);
          expect(number).toBeLessThanOrEqual(kept[kept.length - 1] as number);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a trimmed mean equals the exact mean of the kept marks (worked out with integers)', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 2 })
          .chain((trim) =>
            fc.tuple(
              fc.constant(trim),
              fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 2 * trim + 1, maxLength: 9 }),
            ),
          ),
        ([trim, halves]) => {
          const value = nodeOf(
            entryOf(
              score(
                { method: 'trimmed_mean', trim },
                halves.map((h) => h / 2),
                judgeIds(halves.length),
              ),
              'X',
            ),
            'a',
          ).value;
          const kept = [...halves].sort((a, b) => a - b).slice(trim, halves.length - trim);
          const sum = kept.reduce((total, h) => total + h, 0);
          // value = sum / (2 × kept): compare value × 2 × kept with sum exactly
          const [numerator, denominator] = value?.bigParts ?? [0n, 1n];
          expect(numerator * 2n * BigInt(kept.length)).toBe(BigInt(sum) * denominator);
        },
      ),
      { numRuns: 300 },
    );
  });
});
