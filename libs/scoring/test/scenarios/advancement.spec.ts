import { type EventResult, scoreEvent } from '../../src';
import { importedTotals, importedTotalsRubric } from '../support/builders';

/** Advancement to the next round: top N or top x % of each group. */

function advancing(result: EventResult): string[][] {
  return result.standings.map((group) =>
    group.standings.filter((standing) => standing.advances).map((standing) => standing.entry),
  );
}

const groups = {
  M1: { gender: '男' },
  M2: { gender: '男' },
  M3: { gender: '男' },
  M4: { gender: '男' },
  F1: { gender: '女' },
  F2: { gender: '女' },
  F3: { gender: '女' },
};
const totals = { M1: 90, M2: 85, M3: 85, M4: 70, F1: 95, F2: 60, F3: 75 };

describe('advancement per group', () => {
  it('takes the top N of each group, ranked separately by gender', () => {
    const rubric = importedTotalsRubric({
      ranking: { groupBy: ['gender'] },
      advancement: { top: 1 },
    });
    const result = scoreEvent(rubric, importedTotals(totals, groups));
    // groups are listed in code-point order of their keys: 女 (U+5973) before 男 (U+7537)
    expect(result.standings.map((group) => group.group)).toEqual([
      { gender: '女' },
      { gender: '男' },
    ]);
    expect(advancing(result)).toEqual([['F1'], ['M1']]);
  });

  it('includes everyone tied at the cut-off by default, or no one with ties "exclude"', () => {
    const include = scoreEvent(
      importedTotalsRubric({ ranking: { groupBy: ['gender'] }, advancement: { top: 2 } }),
      importedTotals(totals, groups),
    );
    // men: M1 90, then M2 and M3 tied on 85 for 2nd: both go through
    expect(advancing(include)[1]).toEqual(['M1', 'M2', 'M3']);
    const exclude = scoreEvent(
      importedTotalsRubric({
        ranking: { groupBy: ['gender'] },
        advancement: { top: 2, ties: 'exclude' },
      }),
      importedTotals(totals, groups),
    );
    expect(advancing(exclude)[1]).toEqual(['M1']);
  });

  it('takes the top share of each group, rounding the quota by the rule', () => {
    // women: 3 × 50 % = 1.5 → 2 (half up); men: 4 × 50 % = 2 → M1 and the tied M2, M3
    const result = scoreEvent(
      importedTotalsRubric({ ranking: { groupBy: ['gender'] }, advancement: { share: '0.5' } }),
      importedTotals(totals, groups),
    );
    expect(advancing(result)).toEqual([
      ['F1', 'F3'],
      ['M1', 'M2', 'M3'],
    ]);
    expect(result.standings.map((group) => group.advancement?.quota)).toEqual([2, 2]);
    const truncated = scoreEvent(
      importedTotalsRubric({
        ranking: { groupBy: ['gender'] },
        advancement: { share: '0.5', quotaRounding: 'truncate' },
      }),
      importedTotals(totals, groups),
    );
    expect(advancing(truncated)[0]).toEqual(['F1']);
  });

  it('requires the minimum score when one is set', () => {
    const result = scoreEvent(
      importedTotalsRubric({
        ranking: { groupBy: ['gender'] },
        advancement: { top: 2, minScore: 80 },
      }),
      importedTotals(totals, groups),
    );
    expect(advancing(result)).toEqual([['F1'], ['M1', 'M2', 'M3']]);
  });
});
