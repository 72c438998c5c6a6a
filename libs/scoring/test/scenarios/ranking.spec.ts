import { rank, scoreEntries, scoreEvent } from '../../src';
import {
  eventMarks,
  importedTotals,
  importedTotalsRubric,
  judged,
  named,
  order,
  panelMarks,
  places,
  rubricWithAspects,
} from '../support/builders';

/** Ranking: shared (1224) or dense places, groups, tie-break chains, entries not ranked. */

describe('ranking', () => {
  const totals = { A: 90, B: 80, C: 80, D: 70 };

  it('shares a place and skips the next ones (1, 2, 2, 4) by default', () => {
    expect(places(scoreEvent(importedTotalsRubric(), importedTotals(totals)))).toEqual({
      A: 1,
      B: 2,
      C: 2,
      D: 4,
    });
  });

  it('or ranks densely (1, 2, 2, 3)', () => {
    expect(
      places(
        scoreEvent(importedTotalsRubric({ ranking: { ties: 'dense' } }), importedTotals(totals)),
      ),
    ).toEqual({ A: 1, B: 2, C: 2, D: 3 });
  });

  it('ranks lowest first when the order is ascending (a time trial)', () => {
    expect(
      order(
        scoreEvent(importedTotalsRubric({ ranking: { order: 'asc' } }), importedTotals(totals)),
      ),
    ).toEqual(['D', 'B', 'C', 'A']);
  });

  it('lists entries sharing a place by id, whatever the input order', () => {
    const reversed = Object.fromEntries(Object.entries(totals).reverse());
    expect(order(scoreEvent(importedTotalsRubric(), importedTotals(reversed)))).toEqual([
      'A',
      'B',
      'C',
      'D',
    ]);
  });

  it('ranks groups separately', () => {
    const result = scoreEvent(
      importedTotalsRubric({ ranking: { groupBy: ['event', 'age'] } }),
      importedTotals(totals, {
        A: { event: '焊工', age: '≤35' },
        B: { event: '焊工', age: '>35' },
        C: { event: '焊工', age: '≤35' },
        D: { event: '焊工', age: '>35' },
      }),
    );
    expect(
      result.standings.map((group) => [
        group.group,
        group.standings.map((standing) => [standing.entry, standing.place]),
      ]),
    ).toEqual([
      [
        { event: '焊工', age: '>35' },
        [
          ['B', 1],
          ['D', 2],
        ],
      ],
      [
        { event: '焊工', age: '≤35' },
        [
          ['A', 1],
          ['C', 2],
        ],
      ],
    ]);
  });

  it('does not rank entries without a total or that did not start, finish or were disqualified', () => {
    const marks = importedTotals(totals);
    marks.entries = [...marks.entries, { id: 'E' }, { id: 'F', status: 'dsq' }];
    marks.marks.push({ entry: 'F', aspect: 'score', value: 100 });
    const result = scoreEvent(importedTotalsRubric(), marks);
    const standings = result.standings[0]?.standings ?? [];
    expect(
      standings.map((standing) => [standing.entry, standing.place, standing.participation ?? null]),
    ).toEqual([
      ['A', 1, null],
      ['B', 2, null],
      ['C', 2, null],
      ['D', 4, null],
      ['E', null, null],
      ['F', null, 'dsq'],
    ]);
  });

  it('breaks ties by an aspect’s aggregated mark, e.g. the time used, less being better', () => {
    const rubric = rubricWithAspects(
      [
        judged('quality', { method: 'mean' }),
        { id: 'time', name: named('用时'), kind: 'time', max: 0.5, best: 600, worst: 1200 },
      ],
      {
        ranking: {
          by: 'quality',
          tieBreaks: [{ by: 'node', node: 'time', use: 'input', order: 'asc' }],
        },
      },
    );
    const result = scoreEvent(
      rubric,
      eventMarks(
        ['A', 'B'],
        [
          ...panelMarks('A', 'quality', [8]),
          ...panelMarks('B', 'quality', [8]),
          { entry: 'A', aspect: 'time', value: 700 },
          { entry: 'B', aspect: 'time', value: 650 },
        ],
      ),
    );
    expect(order(result)).toEqual(['B', 'A']);
    expect(result.standings[0]?.standings[0]?.tieBreaks.map((value) => value?.toString())).toEqual([
      '650',
    ]);
  });

  it('can rank the same results again by another rule', () => {
    const rubric = importedTotalsRubric();
    const results = scoreEntries(rubric, importedTotals(totals));
    expect(
      rank(rubric, results, { order: 'asc', ties: 'dense' })[0]?.standings.map((standing) => [
        standing.entry,
        standing.place,
      ]),
    ).toEqual([
      ['D', 1],
      ['B', 2],
      ['C', 2],
      ['A', 3],
    ]);
  });
});
