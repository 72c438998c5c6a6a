import { Exact, scoreEvent } from '../../src';
import { athleteId, halfpipeMarks, halfpipeRubric, readRuns } from '../support/halfpipe';

/**
 * Milano-Cortina 2026 men's halfpipe final: every run score (mean of the middle 4 of 6 marks)
 * and every athlete's best run, reproduced and compared with the official run scores.
 */

const rows = readRuns();
const result = scoreEvent(halfpipeRubric(), halfpipeMarks(rows));
const byAthlete = new Map(result.entries.map((entry) => [entry.entry.id, entry]));

describe('snowboard halfpipe: Milano-Cortina 2026 men final, official results', () => {
  it('reads all 24 runs of 12 athletes', () => {
    expect(rows).toHaveLength(24);
    expect(byAthlete.size).toBe(12);
  });

  it.each(rows.map((row) => [row.athlete, row.run, row] as const))(
    '%s run %s',
    (_athlete, _run, row) => {
      const runs = byAthlete.get(athleteId(row))?.result.children?.[0]?.children?.[0]?.children?.[0]
        ?.attempts;
      const run = runs?.find((attempt) => attempt.attempt === Number(row.run));
      expect(run?.value?.toFixed(2)).toBe(row.official_run_score);
    },
  );

  it("each athlete's result is their best official run", () => {
    const best = new Map<string, Exact>();
    for (const row of rows) {
      const score = Exact.parse(row.official_run_score as string);
      const id = athleteId(row);
      best.set(id, (best.get(id) ?? score).max(score));
    }
    for (const [id, score] of best) {
      expect(byAthlete.get(id)?.total?.toFixed(2)).toBe(score.toFixed(2));
      expect(byAthlete.get(id)?.status).toBe('complete');
    }
  });

  it('ranks by best run: Totsuka (95.00) first, then Scotty James (93.50)', () => {
    const order = result.standings[0]?.standings.map((standing) => standing.entry) ?? [];
    expect(order.slice(0, 2)).toEqual(['jpn-yuto-totsuka', 'aus-scotty-james']);
  });
});
