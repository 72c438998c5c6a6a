import type { StandingRow } from '@jingsai/contracts';
import { randomUUID } from 'node:crypto';
import {
  competitionTiers,
  enterpriseStandings,
  regionStandings,
  tallyBoard,
} from './competition-standings';

function row(
  enterprise: string | null,
  award: string | null,
  rank: number | null,
  status: StandingRow['status'] = 'complete',
): StandingRow {
  return {
    entryId: randomUUID(),
    code: 'X',
    name: null,
    enterprise,
    region: enterprise === null ? null : `${enterprise}市`,
    stages: [],
    total: null,
    rank,
    award,
    status,
  };
}

const board = (eventId: string, rows: StandingRow[]) =>
  tallyBoard({ eventId, name: eventId, seq: 1, phase: 'published', frozen: false, rows });

describe('competition standings rules', () => {
  it('orders awards no rubric names by the best rank that won them, after the named tiers', () => {
    const tallies = [
      board('e1', [row('甲', '优秀奖', 4), row('乙', '特等奖', 1), row('丙', '一等奖', 2)]),
    ];
    const tiers = competitionTiers(tallies, new Map([['e1', [{ zh: '一等奖', en: 'First' }]]]));
    expect(tiers.map((tier) => [tier.name, tier.level, tier.points])).toEqual([
      ['一等奖', 1, 5],
      ['特等奖', 2, 3],
      ['优秀奖', 3, 2],
    ]);
  });

  it('gives lower tiers one point, shares a rank only when score and every tier are equal, leaves absent entries out', () => {
    const tallies = [
      board('e1', [
        row('甲', 'A', 1),
        row('乙', 'A', 1),
        row('丙', 'B', 3),
        row('丙', 'B', 3),
        row('丁', 'C', 5),
        row('丁', 'D', 6),
        row('戊', null, null, 'absent'),
        row(null, 'D', 7),
      ]),
    ];
    const tiers = competitionTiers(tallies, new Map());
    expect(tiers.map((tier) => tier.points)).toEqual([5, 3, 2, 1]);
    const standings = enterpriseStandings(tallies, tiers);
    // 甲 and 乙: 5 each with the same awards → both 1st; 丙 6 (two B) leads; 丁 2 + 1 = 3.
    expect(standings.map((s) => [s.rank, s.enterprise, s.teamScore, s.entries])).toEqual([
      [1, '丙', 6, 2],
      [2, '甲', 5, 1],
      [2, '乙', 5, 1],
      [4, '丁', 3, 2],
      [null, null, 1, 1],
    ]);
    expect(standings.some((s) => s.enterprise === '戊')).toBe(false);
    expect(regionStandings(tallies, tiers).at(-1)).toMatchObject({ region: null, totalAwards: 1 });
  });
});
