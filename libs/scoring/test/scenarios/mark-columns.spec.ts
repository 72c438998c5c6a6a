import fc from 'fast-check';
import {
  type ColumnarEventMarks,
  EventScoring,
  type EventMarks,
  explainEntry,
  InvalidMarksError,
  type Mark,
  type MarkColumns,
  scoreEntries,
  scoreEvent,
  toMarkColumns,
} from '../../src';
import { byEventRound, divingMarks, divingRubric, readDives } from '../support/diving';
import {
  eventMarks,
  judged,
  panelMarks,
  rubricWithAspects,
  rubricWithModules,
} from '../support/builders';

/**
 * Marks given as columns (typed arrays) instead of objects: the same results to the last
 * decimal — totals, figures, standings and explanations — and the same checks, with problems
 * reported at the column and position.
 */

function columnar(marks: EventMarks): ColumnarEventMarks {
  return { ...marks, marks: toMarkColumns(marks.entries, marks.marks) };
}

function withNumbers(marks: EventMarks): EventMarks {
  return { ...marks, marks: marks.marks.map((mark) => ({ ...mark, value: Number(mark.value) })) };
}

function issuesOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidMarksError)
      return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
    throw error;
  }
  throw new Error('expected InvalidMarksError');
}

describe('marks as columns', () => {
  describe('real results: diving (attempts, parameters, 7 judges)', () => {
    const rounds = [...byEventRound(readDives())];
    it.each(rounds.slice(0, 4))('%s: the same results and explanations', (_, rows) => {
      const dives = Math.max(...rows.map((row) => Number(row.dive_no)));
      const rubric = divingRubric(rows[0]?.event as string, dives);
      const marks = withNumbers(divingMarks(rows));
      const fromObjects = scoreEvent(rubric, marks);
      const fromColumns = scoreEvent(rubric, columnar(marks));
      expect(JSON.stringify(fromColumns)).toBe(JSON.stringify(fromObjects));
      // the official figures, so the comparison is not between two empty results
      expect(fromColumns.standings[0]?.standings[0]?.place).toBe(1);
      expect(fromColumns.entries[0]?.total).not.toBeNull();
      for (const entry of fromObjects.entries.slice(0, 3)) {
        for (const language of ['zh', 'en'] as const) {
          expect(explainEntry(fromColumns, entry.entry.id, language)).toEqual(
            explainEntry(fromObjects, entry.entry.id, language),
          );
        }
      }
    });
  });

  describe('generated marks', () => {
    const judges = ['J1', 'J2', 'J3', 'J4', 'J5'];
    const rubric = rubricWithModules(
      [0, 1].map((m) => ({
        id: `m${m}`,
        name: { zh: `模块${m}`, en: `Module ${m}` },
        criteria: [
          {
            id: `c${m}`,
            name: { zh: `项${m}`, en: `Criterion ${m}` },
            aspects: [
              judged(`a${m}0`, { method: 'trimmed_mean', trim: 1, judges: 5, spreadLimit: 4 }),
              judged(`a${m}1`, { method: 'median' }, { round: { decimals: 1, mode: 'half_even' } }),
              judged(`a${m}2`, { method: 'mean' }, { round: { decimals: 2, mode: 'half_up' } }),
            ],
          },
        ],
      })),
      { ranking: { tieBreaks: [{ by: 'node', node: 'm1', order: 'desc' }] } },
    );
    const aspects = ['a00', 'a01', 'a02', 'a10', 'a11', 'a12'];
    const entries = ['E1', 'E2', 'E3', 'E4'];
    const allMarks = fc
      .array(fc.option(fc.integer({ min: 0, max: 20 }), { freq: 6 }), {
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

    it('score exactly as the same marks given as objects, in any order', () => {
      fc.assert(
        fc.property(allMarks, fc.infiniteStream(fc.nat()), (list, randoms) => {
          const marks = eventMarks(entries, list);
          const expected = JSON.stringify(scoreEvent(rubric, marks));
          expect(JSON.stringify(scoreEvent(rubric, columnar(marks)))).toBe(expected);
          const shuffled = list
            .map((mark) => ({ mark, at: randoms.next().value as number }))
            .sort((a, b) => a.at - b.at)
            .map(({ mark }) => mark);
          expect(JSON.stringify(scoreEvent(rubric, columnar(eventMarks(entries, shuffled))))).toBe(
            expected,
          );
          expect(JSON.stringify(scoreEntries(rubric, columnar(marks)))).toBe(
            JSON.stringify(scoreEntries(rubric, marks)),
          );
        }),
        { numRuns: 60 },
      );
    });

    it('a mark recorded live after scoring from columns gives what objects give', () => {
      fc.assert(
        fc.property(
          allMarks,
          fc.constantFrom(...entries),
          fc.constantFrom(...aspects),
          fc.constantFrom(...judges),
          fc.integer({ min: 0, max: 20 }),
          (list, entry, aspect, judge, halves) => {
            const marks = eventMarks(entries, list);
            const mark: Mark = { entry, aspect, judge, value: halves / 2 };
            const fromObjects = new EventScoring(rubric, marks).recordMark(mark);
            const fromColumns = new EventScoring(rubric, columnar(marks)).recordMark(mark);
            expect(JSON.stringify(fromColumns)).toBe(JSON.stringify(fromObjects));
          },
        ),
        { numRuns: 40 },
      );
    });
  });

  describe('checks', () => {
    const rubric = rubricWithAspects([
      judged('a', { method: 'trimmed_mean', trim: 1, judges: 3 }),
      judged('b', { method: 'mean' }),
    ]);
    const marks = eventMarks(
      ['X', 'Y'],
      [...panelMarks('X', 'a', [7, 8, 9]), ...panelMarks('Y', 'a', [6, 6.5, 6])],
    );
    const good = toMarkColumns(marks.entries, marks.marks);
    const withColumns = (change: Partial<MarkColumns>): ColumnarEventMarks => ({
      ...marks,
      marks: { ...good, ...change },
    });

    it('scores the example, so each check below is about its one change', () => {
      const result = scoreEvent(rubric, withColumns({}));
      expect(result.entries.map((entry) => entry.status)).toEqual(['incomplete', 'incomplete']);
      expect(
        result.entries.map((entry) => entry.result.children?.[0]?.children?.[0]?.value?.toString()),
      ).toEqual(['8', '6']);
    });

    it('names a value off the scale, or between its steps, by column and position', () => {
      const value = Float64Array.from(good.value);
      value[1] = 11;
      value[4] = 6.3;
      expect(issuesOf(() => scoreEvent(rubric, withColumns({ value })))).toEqual([
        'marks.value[1]: must be between 0 and 10',
        "marks.value[4]: must be a multiple of 0.5 (the scale's step)",
      ]);
    });

    it('refuses columns of different lengths, and positions that point nowhere', () => {
      expect(
        issuesOf(() => scoreEvent(rubric, withColumns({ value: new Float64Array(2) }))),
      ).toEqual(['marks.value: has 2 values for 6 marks']);
      const entry = Int32Array.from(good.entry);
      entry[0] = 7;
      const judge = Int32Array.from(good.judge);
      judge[2] = 3;
      const aspect = Int32Array.from(good.aspect);
      aspect[3] = 1;
      expect(issuesOf(() => scoreEvent(rubric, withColumns({ entry, judge, aspect })))).toEqual([
        'marks.entry[0]: no entry at position 7',
        'marks.judge[2]: no judge at position 3',
        'marks.aspect[3]: no aspect at position 1',
      ]);
    });

    it('refuses an unknown aspect, a duplicate judge and a second mark by one judge', () => {
      expect(
        issuesOf(() => scoreEvent(rubric, withColumns({ aspects: ['nope'] }))).slice(0, 1),
      ).toEqual(['marks.aspect[0]: unknown aspect "nope"']);
      expect(
        issuesOf(() => scoreEvent(rubric, withColumns({ judges: ['J1', 'J2', 'J1'] }))),
      ).toEqual(['marks.judges[2]: duplicate judge "J1"']);
      const judge = Int32Array.from(good.judge);
      judge[1] = 0;
      expect(issuesOf(() => scoreEvent(rubric, withColumns({ judge })))).toEqual([
        'marks.judge[1]: a second mark by judge "J1" for entry "X", aspect "a"',
      ]);
    });

    it('refuses an attempt on an aspect without attempts', () => {
      const attempt = new Int32Array(good.entry.length);
      attempt[5] = 2;
      expect(issuesOf(() => scoreEvent(rubric, withColumns({ attempt })))).toEqual([
        'marks.attempt[5]: aspect "a" has no attempts',
      ]);
    });

    it('a mark without a judge (−1) is filed as one', () => {
      const single = rubricWithAspects([judged('a', { method: 'single' })]);
      const columns = toMarkColumns([{ id: 'X' }], [{ entry: 'X', aspect: 'a', value: 4.5 }]);
      expect(columns.judge[0]).toBe(-1);
      const result = scoreEvent(single, { ...eventMarks(['X'], []), marks: columns });
      expect(result.entries[0]?.total?.toString()).toBe('4.5');
    });

    it('toMarkColumns refuses values written as text and unknown entries', () => {
      expect(
        issuesOf(() => toMarkColumns([{ id: 'X' }], [{ entry: 'X', aspect: 'a', value: '7.5' }])),
      ).toEqual(['marks[0].value: must be a number to be given as a column']);
      expect(
        issuesOf(() => toMarkColumns([{ id: 'X' }], [{ entry: 'Q', aspect: 'a', value: 7 }])),
      ).toEqual(['marks[0].entry: unknown entry "Q"']);
    });
  });
});
