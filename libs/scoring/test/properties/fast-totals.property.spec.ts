import fc from 'fast-check';
import {
  type Aspect,
  type Criterion,
  type Exact,
  type Mark,
  type PanelRule,
  rank,
  type Rounding,
  type Rubric,
  type RubricModule,
  scoreEvent,
  toMarkColumns,
} from '../../src';
import { ScoreSheetBuilder } from '../../src/marks/score-sheet';
import { compileRubric } from '../../src/rubric/compiled-rubric';
import { ScoredEntry } from '../../src/scoring/entry-result';
import { TotalsPlan } from '../../src/scoring/fast-totals';
import { eventMarks, rubricWithModules } from '../support/builders';

/**
 * The totals-only pass (`fast-totals.ts`) against the general evaluation: over generated
 * rubrics (judgement aspects on many scales, every panel method, spread limits, shares of max,
 * sums and weighted sums, rounding in every mode at any level) and generated marks (complete,
 * with gaps, spread out), every entry's total, status and ranked figures must be the same
 * objects' worth — numerator, denominator and decimals — as the general path gives. Entries the
 * pass declines go through the general path, so the test also counts how many it answered: a
 * pass that declined everything would prove nothing.
 */

interface Scale {
  readonly min: number;
  readonly top: number;
  readonly step: number;
  readonly steps: number;
}

const SCALES: readonly Scale[] = [
  { min: 0, top: 10, step: 0.5, steps: 20 },
  { min: 0, top: 3, step: 1, steps: 3 },
  { min: -5, top: 5, step: 0.25, steps: 40 },
  { min: 0, top: 100, step: 0.01, steps: 10000 },
  { min: 1, top: 7, step: 0.1, steps: 60 },
  // large marks: sums and products leave the safe integers, and the pass must decline
  { min: 0, top: 9e12, step: 0.001, steps: 9e15 },
];

const modes = fc.constantFrom('half_up', 'half_even', 'truncate', 'up') as fc.Arbitrary<
  Rounding['mode']
>;
const rounding: fc.Arbitrary<Rounding | undefined> = fc.option(
  fc.record({ decimals: fc.integer({ min: 0, max: 4 }), mode: modes }),
  { nil: undefined, freq: 2 },
);

const panel: fc.Arbitrary<PanelRule> = fc.oneof(
  fc.constant<PanelRule>({ method: 'mean' }),
  fc.constant<PanelRule>({ method: 'median' }),
  fc.constant<PanelRule>({ method: 'sum' }),
  fc.constant<PanelRule>({ method: 'single' }),
  fc.integer({ min: 1, max: 2 }).map<PanelRule>((trim) => ({ method: 'trimmed_mean', trim })),
  fc.integer({ min: 1, max: 3 }).map<PanelRule>((keep) => ({ method: 'middle_sum', keep })),
);

interface AspectShape {
  readonly scale: Scale;
  readonly share: boolean;
  readonly max: string;
  readonly panel: PanelRule;
  readonly withJudges: boolean;
  readonly spreadLimit: string | undefined;
  readonly round: Rounding | undefined;
}

const aspectShape: fc.Arbitrary<AspectShape> = fc.record({
  scale: fc.constantFrom(...SCALES),
  share: fc.boolean(),
  max: fc.constantFrom('10', '7.5', '33.3', '0.125', '1000000'),
  panel,
  withJudges: fc.boolean(),
  spreadLimit: fc.option(fc.constantFrom('0', '1', '2.5', '6', '0.3'), {
    nil: undefined,
    freq: 2,
  }),
  round: rounding,
});

interface BranchShape<T> {
  readonly weighted: boolean;
  /** thousandths, one per child, before they are made to add up to 1 */
  readonly weights: readonly number[];
  readonly round: Rounding | undefined;
  readonly children: readonly T[];
}

function branch<T>(child: fc.Arbitrary<T>, most: number): fc.Arbitrary<BranchShape<T>> {
  return fc.record({
    weighted: fc.boolean(),
    weights: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: most, maxLength: most }),
    round: rounding,
    children: fc.array(child, { minLength: 1, maxLength: most }),
  });
}

const rubricShape = branch(branch(branch(aspectShape, 4), 3), 3);

/** Weights in thousandths that add up to exactly 1. */
function weightsFor(shape: BranchShape<unknown>): string[] {
  const raw = shape.children.map((_, i) => shape.weights[i] as number);
  const total = raw.reduce((sum, value) => sum + value, 0);
  const thousandths = raw.map((value) => Math.floor((value * 1000) / total));
  thousandths[0] = (thousandths[0] as number) + 1000 - thousandths.reduce((s, v) => s + v, 0);
  return thousandths.map((value) => (value / 1000).toFixed(3));
}

function combination(shape: BranchShape<unknown>, i: number): Record<string, unknown> {
  if (!shape.weighted) return {};
  return { weight: weightsFor(shape)[i] };
}

/** How many judges mark an aspect: its panel's size, or enough for its method. */
function judgesFor(shape: AspectShape, judges: number): number {
  const { method } = shape.panel;
  const needed =
    method === 'trimmed_mean'
      ? 2 * (shape.panel.trim ?? 1) + 1
      : method === 'middle_sum'
        ? (shape.panel.keep ?? 1)
        : 1;
  // middle_sum: an even number of marks dropped around the middle
  let size = Math.max(needed, judges);
  if (method === 'middle_sum' && (size - needed) % 2 !== 0) size++;
  return size;
}

function aspectOf(shape: AspectShape, id: string, judges: number): Aspect {
  // share_of_max needs a level: the summing methods become a mean
  const method = shape.panel.method;
  const share = shape.share && method !== 'sum' && method !== 'middle_sum';
  const panelRule: PanelRule = { ...shape.panel };
  if (shape.withJudges) panelRule.judges = judgesFor(shape, judges);
  if (shape.spreadLimit !== undefined) panelRule.spreadLimit = shape.spreadLimit;
  return {
    id,
    name: { zh: id, en: id },
    kind: 'judgement',
    scale: { min: shape.scale.min, top: shape.scale.top, step: shape.scale.step },
    valuation: share ? 'share_of_max' : 'as_marked',
    ...(share ? { max: shape.max } : {}),
    panel: panelRule,
    ...(shape.round ? { round: shape.round } : {}),
  };
}

interface Built {
  readonly rubric: Rubric;
  readonly aspects: readonly { id: string; scale: Scale; judges: number }[];
}

function buildRubric(
  shape: BranchShape<BranchShape<BranchShape<AspectShape>>>,
  judges: number,
  rankedIds: (ids: string[]) => string[],
): Built {
  const aspects: { id: string; scale: Scale; judges: number }[] = [];
  const ids: string[] = [];
  const modules: RubricModule[] = shape.children.map((module, m) => {
    ids.push(`m${m}`);
    const criteria: Criterion[] = module.children.map((criterion, c) => {
      ids.push(`c${m}_${c}`);
      return {
        id: `c${m}_${c}`,
        name: { zh: `c${m}${c}`, en: `c${m}${c}` },
        ...combination(module, c),
        ...(criterion.weighted ? { combine: 'weighted_sum' as const } : {}),
        ...(criterion.round ? { round: criterion.round } : {}),
        aspects: criterion.children.map((aspect, a) => {
          const id = `a${m}_${c}_${a}`;
          ids.push(id);
          aspects.push({ id, scale: aspect.scale, judges: judgesFor(aspect, judges) });
          return { ...aspectOf(aspect, id, judges), ...combination(criterion, a) } as Aspect;
        }),
      };
    });
    return {
      id: `m${m}`,
      name: { zh: `m${m}`, en: `m${m}` },
      ...combination(shape, m),
      ...(module.weighted ? { combine: 'weighted_sum' as const } : {}),
      ...(module.round ? { round: module.round } : {}),
      criteria,
    };
  });
  const ranked = rankedIds(ids);
  const rubric = rubricWithModules(modules, {
    total: {
      ...(shape.weighted ? { combine: 'weighted_sum' as const } : {}),
      ...(shape.round ? { round: shape.round } : {}),
    },
    ranking: {
      tieBreaks: ranked.map((node, i) => ({
        by: 'node' as const,
        node,
        order: 'desc' as const,
        // the aggregated mark exists on aspects only
        ...(i % 2 === 1 && node.startsWith('a') ? { use: 'input' as const } : {}),
      })),
    },
  });
  return { rubric, aspects };
}

const ENTRIES = 6;

/** A mark on the scale for every (entry, aspect, judge), or none; entries with gaps or not. */
function marksFor(built: Built, picks: readonly number[], gaps: readonly boolean[]): Mark[] {
  const marks: Mark[] = [];
  let i = 0;
  for (let e = 0; e < ENTRIES; e++) {
    for (const aspect of built.aspects) {
      const shared = picks[(e * 31 + marks.length) % picks.length] as number;
      for (let j = 0; j < aspect.judges; j++) {
        const pick = picks[i++ % picks.length] as number;
        if (gaps[e] && e % 2 === 1 && pick % 11 === 0) continue;
        const { min, step, steps } = aspect.scale;
        // marks the same (as a panel of one must give), near each other, or far apart
        const k =
          e % 3 === 0
            ? Math.min(steps, shared % 4)
            : e % 3 === 1
              ? Math.min(steps, (shared + (pick % 2) * j) % 4)
              : pick % (steps + 1);
        const value = Number((min + k * step).toFixed(3));
        marks.push({ entry: `E${e}`, aspect: aspect.id, judge: `J${j}`, value });
      }
    }
  }
  return marks;
}

function same(label: string, fast: Exact | null | undefined, general: Exact | null | undefined) {
  if (fast === null || fast === undefined || general === null || general === undefined) {
    expect([label, fast]).toEqual([label, general]);
    return;
  }
  const a = fast.parts;
  const b = general.parts;
  expect([label, a?.[0], a?.[1], fast.places]).toEqual([label, b?.[0], b?.[1], general.places]);
  expect(Object.is(a?.[0], b?.[0])).toBe(true);
}

describe('the totals-only pass gives exactly what the general evaluation gives', () => {
  it('for generated rubrics and marks: totals, statuses and ranked figures', () => {
    let answered = 0;
    let declined = 0;
    let refused = 0;
    fc.assert(
      fc.property(
        rubricShape,
        fc.integer({ min: 1, max: 7 }),
        fc.array(fc.nat(), { minLength: 50, maxLength: 200 }),
        fc.array(fc.boolean(), { minLength: ENTRIES, maxLength: ENTRIES }),
        fc.array(fc.nat(), { minLength: 0, maxLength: 3 }),
        (shape, judges, picks, gaps, rankedPicks) => {
          const built = buildRubric(shape, judges, (ids) =>
            rankedPicks.map((pick) => ids[pick % ids.length] as string),
          );
          const entries = Array.from({ length: ENTRIES }, (_, e) => `E${e}`);
          const marks = eventMarks(entries, marksFor(built, picks, gaps));
          const compiled = compileRubric(built.rubric);
          const plan = TotalsPlan.for(compiled);
          expect(plan).toBeDefined();
          let sheets;
          try {
            sheets = new ScoreSheetBuilder(compiled).build(marks).entries;
          } catch {
            refused++;
            return; // marks the rubric refuses are not this test's concern
          }
          for (const sheet of sheets) {
            if (plan?.evaluate(sheet)) answered++;
            else declined++;
            let general: ScoredEntry;
            try {
              general = new ScoredEntry(compiled, sheet, true);
            } catch (error) {
              // the general path refuses numbers it cannot hold; so must the scoring of the event
              expect(() => new ScoredEntry(compiled, sheet)).toThrow(
                (error as Error).constructor as new () => Error,
              );
              continue;
            }
            const fast = new ScoredEntry(compiled, sheet);
            same(`${sheet.entry.id} total`, fast.total, general.total);
            expect(fast.status).toBe(general.status);
            for (const id of compiled.rankedNodes) {
              same(`${sheet.entry.id} ${id}`, fast.figures(id)?.value, general.figures(id)?.value);
              same(
                `${sheet.entry.id} ${id} input`,
                fast.figures(id)?.input,
                general.figures(id)?.input,
              );
            }
          }
          // the standings of an event scored with the pass are those of the general results
          let event;
          try {
            event = scoreEvent(built.rubric, marks);
          } catch {
            return;
          }
          const general = sheets.map((sheet) => new ScoredEntry(compiled, sheet, true));
          expect(JSON.stringify(event.standings)).toBe(JSON.stringify(rank(built.rubric, general)));
          // and the same marks given as columns (read through the scales' lists) score the same
          const columns = { ...marks, marks: toMarkColumns(marks.entries, marks.marks) };
          expect(JSON.stringify(scoreEvent(built.rubric, columns))).toBe(JSON.stringify(event));
        },
      ),
      { numRuns: 300 },
    );
    // Both paths were exercised: the pass answered many entries, and declined many.
    expect(answered).toBeGreaterThan(250);
    expect(declined).toBeGreaterThan(100);
    expect(refused).toBeLessThan(30);
  });

  it('declines a rubric it does not cover, and the general evaluation scores it', () => {
    const rubric = rubricWithModules([
      {
        id: 'm',
        name: { zh: 'm', en: 'm' },
        criteria: [
          {
            id: 'c',
            name: { zh: 'c', en: 'c' },
            aspects: [
              {
                id: 'safety',
                name: { zh: '安全', en: 'Safety' },
                kind: 'deduction',
                perOccurrence: 2,
                max: 10,
              },
            ],
          },
        ],
      },
    ]);
    expect(TotalsPlan.for(compileRubric(rubric))).toBeUndefined();
    const result = scoreEvent(
      rubric,
      eventMarks(['E1'], [{ entry: 'E1', aspect: 'safety', value: 1 }]),
    );
    expect(result.entries[0]?.total?.toString()).toBe('-2');
  });
});
