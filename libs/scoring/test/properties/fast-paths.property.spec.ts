import fc from 'fast-check';
import { Exact, type Mark, type PanelRule, type RoundingMode, scoreEvent } from '../../src';
import { compilePanel } from '../../src/rubric/compiled-rubric';
import { aggregate } from '../../src/scoring/panel';
import type { NodeResult } from '../../src/scoring/results';
import type { Working } from '../../src/scoring/working';
import { eventMarks, judged, rubricWithModules } from '../support/builders';

/**
 * The fast paths of a full recompute give exactly what the general paths give: marks filed in
 * the order they arrive or sorted, numbers read inline or through the general reader, panels
 * aggregated without sorting or sorted, children summed in one integer sum or one by one.
 */

function same(a: Exact | { code: string }, b: Exact | { code: string }): void {
  if (!(a instanceof Exact) || !(b instanceof Exact)) {
    expect(a).toEqual(b);
    return;
  }
  expect(a.parts).toEqual(b.parts);
  expect(a.places).toBe(b.places);
  expect(a.toString()).toBe(b.toString());
}

describe('fast paths give what the general paths give', () => {
  it('a panel aggregated without sorting (no working) equals the sorted aggregation', () => {
    const methods: PanelRule[] = [
      { method: 'mean' },
      { method: 'sum' },
      { method: 'trimmed_mean', trim: 1 },
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...methods),
        fc.array(
          fc.oneof(fc.integer({ min: -200, max: 200 }), fc.integer({ min: -1e15, max: 1e15 })),
          { minLength: 1, maxLength: 10 },
        ),
        fc.constantFrom(1, 10, 100),
        (panel, values, unit) => {
          const compiled = compilePanel(panel);
          const places = unit === 1 ? 0 : unit === 10 ? 1 : 2;
          const run = (working: Working[] | undefined): Exact | { code: string } => {
            try {
              return aggregate(compiled, { values: [...values], unit, places }, working);
            } catch (error) {
              return { code: (error as Error).constructor.name };
            }
          };
          same(run(undefined), run([]));
        },
      ),
    );
  });

  it('a fraction rounded at once equals the fraction rounded', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: -100000, max: 100000 }), fc.maxSafeInteger()),
        fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 2e9 })),
        fc.integer({ min: 0, max: 20 }),
        fc.constantFrom('half_up', 'half_even', 'truncate', 'up') as fc.Arbitrary<RoundingMode>,
        (n, d, places, mode) => {
          same(Exact.roundedFraction(n, d, places, mode), Exact.fraction(n, d).round(places, mode));
        },
      ),
    );
  });

  const judges = ['J1', 'J2', 'J3', 'J4', 'J5'];
  const panels: PanelRule[] = [
    { method: 'trimmed_mean', trim: 1, judges: 5 },
    { method: 'mean' },
    { method: 'median' },
    { method: 'sum' },
  ];
  const rubric = rubricWithModules(
    [0, 1].map((m) => ({
      id: `m${m}`,
      name: { zh: `模块${m}`, en: `Module ${m}` },
      criteria: [0, 1].map((c) => ({
        id: `c${m}${c}`,
        name: { zh: `项${m}${c}`, en: `Criterion ${m}${c}` },
        aspects: panels.map((panel, a) =>
          judged(`a${m}${c}${a}`, panel, { round: { decimals: 2, mode: 'half_up' } }),
        ),
      })),
    })),
    { total: { combine: 'sum' } },
  );
  const aspects = rubric.modules.flatMap((module) =>
    module.criteria.flatMap((criterion) => criterion.aspects.map((aspect) => aspect.id)),
  );
  const entries = ['E1', 'E2', 'E3'];
  /** every (entry, aspect, judge) with a mark 0–10 in halves, or none */
  const allMarks = fc
    .array(fc.option(fc.integer({ min: 0, max: 20 }), { freq: 8 }), {
      minLength: entries.length * aspects.length * judges.length,
      maxLength: entries.length * aspects.length * judges.length,
    })
    .map((halves) => {
      const marks: Mark[] = [];
      let i = 0;
      for (const entry of entries)
        for (const aspect of aspects)
          for (const judge of judges) {
            const value = halves[i++];
            if (value !== null && value !== undefined)
              marks.push({ entry, aspect, judge, value: value / 2 });
          }
      return marks;
    });

  it('marks filed in order, shuffled, or written as text score the same', () => {
    fc.assert(
      fc.property(allMarks, fc.infiniteStream(fc.nat()), (marks, randoms) => {
        const inOrder = JSON.stringify(scoreEvent(rubric, eventMarks(entries, marks)));
        const shuffled = marks
          .map((mark) => ({ mark, at: randoms.next().value as number }))
          .sort((a, b) => a.at - b.at)
          .map(({ mark }) => mark);
        expect(JSON.stringify(scoreEvent(rubric, eventMarks(entries, shuffled)))).toBe(inOrder);
        const asText = marks.map((mark) => ({ ...mark, value: (mark.value as number).toFixed(2) }));
        expect(JSON.stringify(scoreEvent(rubric, eventMarks(entries, asText)))).toBe(inOrder);
      }),
      { numRuns: 60 },
    );
  });

  it('a sum of children equals adding them one by one', () => {
    fc.assert(
      fc.property(allMarks, (marks) => {
        const result = scoreEvent(rubric, eventMarks(entries, marks));
        const check = (node: NodeResult): void => {
          const children = node.children ?? [];
          children.forEach(check);
          if (children.length < 2 || node.value === null) return;
          let total: Exact | null = null;
          for (const child of children)
            if (child.value !== null) total = total === null ? child.value : total.add(child.value);
          same(node.value, total as Exact);
        };
        for (const entry of result.entries) check(entry.result);
      }),
      { numRuns: 60 },
    );
  });
});
