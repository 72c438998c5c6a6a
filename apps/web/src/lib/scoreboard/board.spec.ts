import type { ScoreboardSnapshot, StandingRow } from '@jingsai/contracts';
import { describe, expect, it } from 'vitest';
import { applyDelta, boardOrder, groupStandings } from './board';

const EVENT = '11111111-1111-4111-8111-111111111111';

function row(n: number, rank: number | null, extra: Partial<StandingRow> = {}): StandingRow {
  return {
    entryId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    code: `A${String(n).padStart(2, '0')}`,
    name: null,
    enterprise: null,
    region: null,
    stages: [],
    total: rank === null ? null : String(100 - rank),
    rank,
    award: null,
    status: 'complete',
    ...extra,
  };
}

function board(rows: StandingRow[], seq = 4): ScoreboardSnapshot {
  return {
    competitionId: EVENT,
    eventId: EVENT,
    view: 'public',
    seq,
    eventName: '焊工',
    phase: 'live',
    resultVersion: null,
    stage: null,
    frozen: false,
    freezeAt: null,
    reveal: null,
    rows,
  };
}

describe('applying scoreboard deltas', () => {
  const start = board([row(1, 1), row(2, 2)]);

  it('applies the next seq: changed rows replaced, removed rows gone, meta merged', () => {
    const outcome = applyDelta(start, {
      eventId: EVENT,
      view: 'public',
      seq: 5,
      changes: [
        { entryId: row(2, 1).entryId, row: row(2, 1) },
        { entryId: row(1, 1).entryId, row: null },
      ],
      meta: { frozen: true },
    });
    expect(outcome.kind).toBe('applied');
    if (outcome.kind !== 'applied') return;
    expect(outcome.board.seq).toBe(5);
    expect(outcome.board.frozen).toBe(true);
    expect(outcome.board.rows).toEqual([row(2, 1)]);
    expect(outcome.changed).toHaveLength(2);
  });

  it('merges field changes into the row it has, and asks for a snapshot for a row it lacks', () => {
    const moved = applyDelta(start, {
      eventId: EVENT,
      view: 'public',
      seq: 5,
      changes: [{ entryId: row(2, 2).entryId, set: { rank: 1, award: '一等奖' } }],
    });
    expect(moved.kind === 'applied' && moved.board.rows[1]).toEqual(
      row(2, 2, { rank: 1, award: '一等奖' }),
    );
    const unknown = applyDelta(start, {
      eventId: EVENT,
      view: 'public',
      seq: 5,
      changes: [{ entryId: row(9, 9).entryId, set: { rank: 1 } }],
    });
    expect(unknown.kind).toBe('reset');
  });

  it('never applies a delta twice and reports a gap instead of skipping one', () => {
    const delta = { eventId: EVENT, view: 'public' as const, changes: [] };
    expect(applyDelta(start, { ...delta, seq: 4 }).kind).toBe('stale');
    expect(applyDelta(start, { ...delta, seq: 2 }).kind).toBe('stale');
    expect(applyDelta(start, { ...delta, seq: 6 }).kind).toBe('gap');
    expect(applyDelta(start, { ...delta, view: 'staff', seq: 5 }).kind).toBe('stale');
  });

  it('orders by rank with unranked rows last', () => {
    expect(boardOrder([row(3, null), row(2, 2), row(1, 1)]).map((r) => r.code)).toEqual([
      'A01',
      'A02',
      'A03',
    ]);
  });

  it('ranks enterprises by first-tier awards, then lower tiers, then best rank', () => {
    const rows = [
      row(1, 1, { enterprise: '一汽', award: '一等奖' }),
      row(2, 2, { enterprise: '吉化', award: '二等奖' }),
      row(3, 3, { enterprise: '吉化', award: '二等奖' }),
      row(4, 4, { enterprise: '长客', award: '二等奖' }),
      row(5, 5, { enterprise: '一汽', award: null }),
      row(6, null, { enterprise: null }),
    ];
    const standings = groupStandings(rows, 'enterprise');
    expect(standings.map((group) => [group.group, group.awardCount, group.bestRank])).toEqual([
      ['一汽', 1, 1],
      ['吉化', 2, 2],
      ['长客', 1, 4],
      [null, 0, null],
    ]);
    expect(standings[0]!.entries).toBe(2);
  });
});
