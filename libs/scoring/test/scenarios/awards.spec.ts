import { type AwardsRule, type EventResult, scoreEvent } from '../../src';
import { importedTotals, importedTotalsRubric, named } from '../support/builders';

/**
 * Awards by share of the finishers (一等奖 10 %, 二等奖 20 %, 三等奖 30 %) with a rounding rule for
 * the quotas, by count (gold, silver, bronze), with minimum scores, and with ties at a boundary.
 */

function awarded(result: EventResult): Record<string, string | null> {
  return Object.fromEntries(
    (result.standings[0]?.standings ?? []).map((standing) => [
      standing.entry,
      standing.award ?? null,
    ]),
  );
}

const shares = (extra: Partial<AwardsRule> = {}): AwardsRule => ({
  tiers: [
    { id: 'first', name: named('一等奖'), share: '0.1' },
    { id: 'second', name: named('二等奖'), share: '0.2' },
    { id: 'third', name: named('三等奖'), share: '0.3' },
  ],
  ...extra,
});

/** 20 finishers scoring 100, 99, …, 81: quotas 2, 4 and 6 with no rounding needed. */
const twenty = Object.fromEntries(
  Array.from({ length: 20 }, (_, i) => [`E${String(i + 1).padStart(2, '0')}`, 100 - i]),
);

describe('awards by share', () => {
  it('gives 10 %, 20 % and 30 % of 20 finishers the first, second and third prize', () => {
    const result = scoreEvent(importedTotalsRubric({ awards: shares() }), importedTotals(twenty));
    const got = awarded(result);
    expect(Object.values(got).filter((award) => award === 'first')).toHaveLength(2);
    expect(Object.values(got).filter((award) => award === 'second')).toHaveLength(4);
    expect(Object.values(got).filter((award) => award === 'third')).toHaveLength(6);
    expect([got.E02, got.E03, got.E06, got.E07, got.E12, got.E13]).toEqual([
      'first',
      'second',
      'second',
      'third',
      'third',
      null,
    ]);
  });

  it('rounds quotas by the rule: 15 finishers × 10 % = 1.5 → 2 half up, 1 truncated', () => {
    const fifteen = Object.fromEntries(Object.entries(twenty).slice(0, 15));
    const halfUp = scoreEvent(
      importedTotalsRubric({ awards: shares({ quotaRounding: 'half_up' }) }),
      importedTotals(fifteen),
    );
    // 15 × 0.1 = 1.5 → 2; 15 × 0.2 = 3; 15 × 0.3 = 4.5 → 5
    expect(halfUp.standings[0]?.awards?.tiers.map((tier) => tier.quota)).toEqual([2, 3, 5]);
    const truncated = scoreEvent(
      importedTotalsRubric({ awards: shares({ quotaRounding: 'truncate' }) }),
      importedTotals(fifteen),
    );
    // 1.5 → 1; 3; 4.5 → 4
    expect(truncated.standings[0]?.awards?.tiers.map((tier) => tier.quota)).toEqual([1, 3, 4]);
    const evenly = scoreEvent(
      importedTotalsRubric({ awards: shares({ quotaRounding: 'half_even' }) }),
      importedTotals(fifteen),
    );
    // 1.5 → 2; 3; 4.5 → 4
    expect(evenly.standings[0]?.awards?.tiers.map((tier) => tier.quota)).toEqual([2, 3, 4]);
  });

  describe('a tie across the first-prize boundary (quota 2; 2nd and 3rd tied)', () => {
    const tied = { ...twenty, E03: 99 }; // E02 and E03 share 2nd place

    it('"include" gives everyone tied at the boundary the higher prize, and the next tier ends where it would have', () => {
      const result = scoreEvent(
        importedTotalsRubric({ awards: shares({ ties: 'include' }) }),
        importedTotals(tied),
      );
      const got = awarded(result);
      expect([got.E01, got.E02, got.E03]).toEqual(['first', 'first', 'first']);
      // cumulative limit of the second prize is 2 + 4 = 6: E04 … E06
      expect([got.E04, got.E06, got.E07]).toEqual(['second', 'second', 'third']);
      expect(result.standings[0]?.awards?.tiers.map((tier) => tier.awarded)).toEqual([3, 3, 6]);
    });

    it('"exclude" gives no one tied at the boundary the higher prize', () => {
      const got = awarded(
        scoreEvent(
          importedTotalsRubric({ awards: shares({ ties: 'exclude' }) }),
          importedTotals(tied),
        ),
      );
      expect([got.E01, got.E02, got.E03, got.E04]).toEqual(['first', 'second', 'second', 'second']);
    });
  });

  it('applies minimum scores: below a tier’s minimum an entry is considered for the next tier', () => {
    const rule = shares();
    const withMinimums: AwardsRule = {
      ...rule,
      tiers: rule.tiers.map((tier) =>
        tier.id === 'first'
          ? { ...tier, minScore: 100 }
          : tier.id === 'third'
            ? { ...tier, minScore: 90 }
            : tier,
      ),
    };
    const got = awarded(
      scoreEvent(importedTotalsRubric({ awards: withMinimums }), importedTotals(twenty)),
    );
    // E02 (99) is within the first-prize quota but under 100: second prize instead
    expect([got.E01, got.E02]).toEqual(['first', 'second']);
    // third prize needs 90: E10 (91) and E11 (90) get it, E12 (89) does not although within the quota
    expect([got.E07, got.E11, got.E12]).toEqual(['third', 'third', null]);
  });
});

describe('awards by count', () => {
  const medals: AwardsRule = {
    tiers: [
      { id: 'gold', name: named('金牌'), count: 1 },
      { id: 'silver', name: named('银牌'), count: 1 },
      { id: 'bronze', name: named('铜牌'), count: 1 },
    ],
  };

  it('gives gold, silver and bronze to the first three', () => {
    const got = awarded(
      scoreEvent(
        importedTotalsRubric({ awards: medals }),
        importedTotals({ A: 90, B: 80, C: 70, D: 60 }),
      ),
    );
    expect(got).toEqual({ A: 'gold', B: 'silver', C: 'bronze', D: null });
  });

  it('two tied for gold: two golds, no silver, then bronze (1, 1, 3)', () => {
    const got = awarded(
      scoreEvent(
        importedTotalsRubric({ awards: medals }),
        importedTotals({ A: 90, B: 90, C: 70, D: 60 }),
      ),
    );
    expect(got).toEqual({ A: 'gold', B: 'gold', C: 'bronze', D: null });
  });

  it('does not count entries that did not start as finishers', () => {
    const marks = importedTotals({ A: 90, B: 80, C: 70 });
    marks.entries = [...marks.entries, { id: 'D', status: 'dns' }];
    const result = scoreEvent(importedTotalsRubric({ awards: shares() }), marks);
    expect(result.standings[0]?.awards?.finishers).toBe(3);
    expect(
      result.standings[0]?.standings.find((standing) => standing.entry === 'D')?.place,
    ).toBeNull();
  });
});
