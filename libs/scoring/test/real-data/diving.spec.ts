import { type EntryResult, Exact, type NodeResult, scoreEvent } from '../../src';
import { byEventRound, diverId, divingMarks, divingRubric, readDives } from '../support/diving';

/**
 * FINA World Series 2018, Montreal: every dive's points, every running total and every final
 * rank of the 12 event rounds, reproduced from the judges' marks and compared with the official
 * columns of the results book (the independent source) to the cent.
 */

const rows = readDives();
const rounds = [...byEventRound(rows)];

function diveNode(result: EntryResult): NodeResult {
  const dive = result.result.children?.[0]?.children?.[0]?.children?.[0];
  if (!dive) throw new Error('no dive node');
  return dive;
}

describe('diving: FINA World Series 2018 Montreal, official results', () => {
  it('reads all 378 dives in 12 event rounds', () => {
    expect(rows).toHaveLength(378);
    expect(rounds).toHaveLength(12);
  });

  describe.each(rounds)('%s', (_, roundRows) => {
    const dives = Math.max(...roundRows.map((row) => Number(row.dive_no)));
    const result = scoreEvent(
      divingRubric(roundRows[0]?.event as string, dives),
      divingMarks(roundRows),
    );
    const byDiver = new Map(result.entries.map((entry) => [entry.entry.id, entry]));

    it.each(roundRows.map((row) => [row.diver, row.dive_no, row] as const))(
      '%s dive %s: points and running total',
      (_diver, _no, row) => {
        const entry = byDiver.get(diverId(row));
        const attempt =
          entry && diveNode(entry).attempts?.find((dive) => dive.attempt === Number(row.dive_no));
        expect(attempt?.value?.toFixed(2)).toBe(row.official_dive_points);
        expect(attempt?.runningTotal?.toFixed(2)).toBe(row.official_cumulative_total);
      },
    );

    it('every diver is complete with the official final total and rank', () => {
      const standings = result.standings[0]?.standings ?? [];
      const lastDives = roundRows.filter((row) => Number(row.dive_no) === dives);
      expect(standings).toHaveLength(lastDives.length);
      for (const row of lastDives) {
        const standing = standings.find((line) => line.entry === diverId(row));
        expect(standing?.status).toBe('complete');
        expect(standing?.value?.eq(Exact.parse(row.official_cumulative_total as string))).toBe(
          true,
        );
        expect(standing?.place).toBe(Number(row.final_rank));
      }
    });
  });
});
