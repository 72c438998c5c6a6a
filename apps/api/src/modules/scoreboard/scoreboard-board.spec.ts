import type { StandingRow } from '@jingsai/contracts';
import {
  applyChanges,
  boardOrder,
  diffRows,
  diffStates,
  type FeedState,
  interimRanks,
  pendingReveal,
} from './scoreboard-board';

let next = 0;
function row(code: string, total: string | null, rank: number | null): StandingRow {
  next++;
  return {
    entryId: `00000000-0000-4000-8000-${String(next).padStart(12, '0')}`,
    code,
    name: null,
    enterprise: null,
    region: null,
    stages: [],
    total,
    rank,
    award: null,
    status: 'complete',
  };
}

function state(rows: StandingRow[], frozen = false): FeedState {
  return {
    eventName: 'E',
    phase: 'live',
    resultVersion: null,
    stage: null,
    frozen,
    freezeAt: null,
    reveal: null,
    rows,
  };
}

describe('scoreboard board arithmetic', () => {
  it('diffs rows by entry: changed fields, new and removed rows only; key order does not matter', () => {
    const [a, b, c] = [row('A', '1', 2), row('B', '2', 1), row('C', null, null)];
    const reordered = Object.fromEntries(Object.entries(b!).reverse()) as StandingRow;
    const d = row('D', '3', 1);
    const after = [{ ...a!, total: '5' }, reordered, d];
    const changes = diffRows([a!, b!, c!], after);
    expect(changes).toEqual([
      { entryId: a!.entryId, set: { total: '5' } },
      { entryId: d.entryId, row: d },
      { entryId: c!.entryId, row: null },
    ]);
    expect(boardOrder(applyChanges([a!, b!, c!], changes))).toEqual(boardOrder(after));
  });

  it('reports no delta when nothing a viewer sees changed, and meta changes alone', () => {
    const rows = [row('A', '1', 1)];
    expect(diffStates(state(rows), state(structuredClone(rows)))).toBeNull();
    expect(diffStates(state(rows), state(rows, true))).toEqual({
      changes: [],
      meta: { frozen: true },
    });
  });

  it('plans a reveal from the bottom of the shown board up, new rows first, ranks ignored', () => {
    const top = row('T', '90', 1);
    const mid = row('M', '80', 2);
    const low = row('L', '70', 3);
    const shown = [top, mid, low];
    const fresh = row('N', '60', 4);
    const live = [
      { ...top, rank: 2 },
      { ...mid, total: '95', rank: 1 },
      { ...low, total: '71', rank: 3 },
      fresh,
    ];
    expect(pendingReveal(shown, live).map((step) => step.entryId)).toEqual([
      fresh.entryId,
      low.entryId,
      mid.entryId,
    ]);
    expect(pendingReveal(live, live)).toEqual([]);
  });

  it('ranks a half-revealed board by exact total, sharing equal places, unscored last', () => {
    const rows = [
      row('A', '80.10', 9),
      row('B', '80.1', 9),
      row('C', '99.995', 9),
      row('D', null, 1),
    ];
    expect(interimRanks(rows).map((entry) => [entry.code, entry.rank])).toEqual([
      ['A', 2],
      ['B', 2],
      ['C', 1],
      ['D', null],
    ]);
  });
});
