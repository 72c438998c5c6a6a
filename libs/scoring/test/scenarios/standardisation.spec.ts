import { Exact, scoreEvent, standardise } from '../../src';
import { importedTotals, importedTotalsRubric, named } from '../support/builders';

/**
 * Standardisation to a common scale: centre + k × (x − centre of the group) ÷ spread of the
 * group, with the mean and standard deviation or the median and median absolute deviation.
 */

const values = (list: readonly number[]): Exact[] => list.map((value) => Exact.of(value));
const text = (list: readonly Exact[]): string[] => list.map((value) => value.toString());

describe('standardisation', () => {
  it('WorldSkills style, 500 + 100 × (x − mean) ÷ sd: a classic set with mean 50 and sd 20', () => {
    // values 20, 40, 40, 40, 50, 50, 70, 90: mean 50; squared deviations 900+100+100+100+0+0+400+1600 = 3200; ÷ 8 = 400; sd 20
    const { values: scaled, summary } = standardise(values([20, 40, 40, 40, 50, 50, 70, 90]), {
      method: 'mean_sd',
      centre: 500,
      k: 100,
      round: { decimals: 0, mode: 'half_up' },
    });
    expect(text(scaled)).toEqual(['350', '450', '450', '450', '500', '500', '600', '700']);
    expect(summary.centre.toString()).toBe('50');
    expect(summary.spread.toFixed(2)).toBe('20.00');
  });

  it('uses a square root when the sd is irrational, rounding only the final figure', () => {
    // 60 … 100: mean 80, population variance 200, sd √200 = 14.1421356…; 100 → 500 + 2000 / √200 = 641.4213… → 641.42
    const { values: scaled } = standardise(values([60, 70, 80, 90, 100]), {
      method: 'mean_sd',
      centre: 500,
      k: 100,
      round: { decimals: 2, mode: 'half_up' },
    });
    expect(text(scaled)).toEqual(['358.58', '429.29', '500.00', '570.71', '641.42']);
  });

  it('can use the sample standard deviation', () => {
    // 20, 40, …: sum of squares 3200 ÷ 7 = 457.142857…, sd 21.3808…; 90 → 500 + 4000 / 21.3808… = 687.08
    const { values: scaled } = standardise(values([20, 40, 40, 40, 50, 50, 70, 90]), {
      method: 'mean_sd',
      sd: 'sample',
      centre: 500,
      k: 100,
      round: { decimals: 2, mode: 'half_up' },
    });
    expect(scaled.at(-1)?.toString()).toBe('687.08');
  });

  it('median and MAD are exact and robust to an outlier', () => {
    // 10, 20, 30, 40, 100: median 30; |x − 30| = 20, 10, 0, 10, 70 → MAD 10
    const { values: scaled, summary } = standardise(values([10, 20, 30, 40, 100]), {
      method: 'median_mad',
      centre: 500,
      k: 100,
      round: { decimals: 0, mode: 'half_up' },
    });
    expect(text(scaled)).toEqual(['300', '400', '500', '600', '1200']);
    expect(summary.spread.toString()).toBe('10');
    // with the MAD × 1.4826 (comparable with an sd): 100 → 500 + 7000 / 14.826 = 972.1435… → 972.14
    const scaledMad = standardise(values([10, 20, 30, 40, 100]), {
      method: 'median_mad',
      madScale: '1.4826',
      centre: 500,
      k: 100,
      round: { decimals: 2, mode: 'half_up' },
    });
    expect(scaledMad.values.at(-1)?.toString()).toBe('972.14');
  });

  it('gives everyone the centre when all values are equal', () => {
    const { values: scaled } = standardise(values([70, 70, 70]), {
      method: 'mean_sd',
      centre: 500,
      k: 100,
      round: { decimals: 0, mode: 'half_up' },
    });
    expect(text(scaled)).toEqual(['500', '500', '500']);
  });

  it('standardises each group in an event and awards a medallion at 700 standardised points', () => {
    const rubric = importedTotalsRubric({
      standardisation: {
        method: 'mean_sd',
        centre: 500,
        k: 100,
        round: { decimals: 0, mode: 'half_up' },
      },
      awards: {
        score: 'standardised',
        tiers: [
          {
            id: 'medallion',
            name: named('优胜奖', 'Medallion for Excellence'),
            count: 100,
            minScore: 700,
          },
        ],
      },
    });
    const result = scoreEvent(
      rubric,
      importedTotals({ A: 20, B: 40, C: 40, D: 40, E: 50, F: 50, G: 70, H: 90 }),
    );
    const standings = result.standings[0]?.standings ?? [];
    expect(
      standings.map((standing) => [
        standing.entry,
        standing.standardised?.toString(),
        standing.award ?? null,
      ]),
    ).toEqual([
      ['H', '700', 'medallion'],
      ['G', '600', null],
      ['E', '500', null],
      ['F', '500', null],
      ['B', '450', null],
      ['C', '450', null],
      ['D', '450', null],
      ['A', '350', null],
    ]);
  });
});
