import { explainEntry, scoreEvent } from '../../src';
import {
  entryOf,
  eventMarks,
  fixed,
  judged,
  nodeOf,
  panelMarks,
  rubricWithAspects,
} from '../support/builders';

/** Panel aggregation: mean, median, trimmed mean, sum of the middle n, sum, single. */

function aggregate(panel: Parameters<typeof judged>[1], marks: number[]) {
  const result = scoreEvent(
    rubricWithAspects([judged('a', panel)]),
    eventMarks(['X'], panelMarks('X', 'a', marks)),
  );
  return nodeOf(entryOf(result, 'X'), 'a');
}

describe('panel aggregation', () => {
  it('mean of all marks', () => {
    // (7 + 8 + 9.5) / 3 = 24.5 / 3 = 8.1666…
    expect(aggregate({ method: 'mean' }, [7, 8, 9.5]).value?.toFixed(4)).toBe('8.1667');
  });

  it('median, odd and even counts', () => {
    expect(aggregate({ method: 'median' }, [9, 7, 8]).value?.toString()).toBe('8.0');
    // (7.5 + 8) / 2 = 7.75
    expect(aggregate({ method: 'median' }, [9, 7, 8, 7.5]).value?.toString()).toBe('7.75');
  });

  it('trimmed mean drops k highest and k lowest', () => {
    // drop 9.5, 9 and 5, 6: (7 + 7.5 + 8) / 3 = 7.5
    expect(
      aggregate({ method: 'trimmed_mean', trim: 2 }, [9.5, 5, 7, 9, 6, 8, 7.5]).value?.toString(),
    ).toBe('7.5');
  });

  it('sum of the middle n (diving: the middle 3 of 7)', () => {
    // sorted 6, 7, 7.5, 8, 8, 8.5, 9: middle three 7.5 + 8 + 8 = 23.5
    expect(
      aggregate({ method: 'middle_sum', keep: 3 }, [8, 6, 9, 7.5, 8.5, 8, 7]).value?.toString(),
    ).toBe('23.5');
  });

  it('sum of all marks', () => {
    expect(aggregate({ method: 'sum' }, [1, 2.5, 3]).value?.toString()).toBe('6.5');
  });

  it('single: one recorded value, or several that agree; different values need the head judge', () => {
    expect(aggregate({ method: 'single' }, [7.5, 7.5]).value?.toString()).toBe('7.5');
    const differ = aggregate({ method: 'single' }, [7.5, 8]);
    expect(differ.status).toBe('needs_review');
    expect(differ.issue).toEqual({ code: 'marks_differ' });
  });

  it('waits for enough marks for the method when the panel size is not set', () => {
    const node = aggregate({ method: 'trimmed_mean', trim: 1 }, [8, 9]);
    expect(node.status).toBe('incomplete');
    expect(node.value).toBeNull();
    expect(node.issue).toEqual({ code: 'marks_pending', received: 2, expected: 3 });
  });

  it('needs the head judge when more marks arrive than the panel has judges', () => {
    const node = aggregate({ method: 'mean', judges: 3 }, [8, 9, 7, 8]);
    expect(node.status).toBe('needs_review');
    expect(node.issue).toEqual({ code: 'too_many_marks', received: 4, expected: 3 });
  });
});

describe('spread limit', () => {
  const rubric = rubricWithAspects([
    judged('a', { method: 'trimmed_mean', trim: 1, judges: 5, spreadLimit: 2 }),
  ]);

  it('accepts marks exactly the limit apart', () => {
    const result = scoreEvent(rubric, eventMarks(['X'], panelMarks('X', 'a', [8, 8.5, 9, 7, 8])));
    expect(entryOf(result, 'X').status).toBe('complete');
  });

  it('gives no number when marks are further apart than the limit: the head judge reviews', () => {
    const result = scoreEvent(
      rubric,
      eventMarks(
        ['X', 'Y'],
        [...panelMarks('X', 'a', [8, 8.5, 9, 8, 5.5]), ...panelMarks('Y', 'a', [5, 5, 5, 5, 5])],
      ),
    );
    const x = entryOf(result, 'X');
    const a = nodeOf(x, 'a');
    expect(a.status).toBe('needs_review');
    expect(a.value).toBeNull();
    expect(a.issue?.code).toBe('spread_exceeded');
    expect(x.status).toBe('needs_review');
    expect(
      result.standings[0]?.standings.map((standing) => [standing.entry, standing.place]),
    ).toEqual([
      ['Y', 1],
      ['X', null],
    ]);
    expect(explainEntry(result, 'X', 'zh').find((line) => line.node === 'a')?.text).toContain(
      '分差 3.5 超过允许的 2，须裁判长复核',
    );
  });

  it('computes the figure once the head judge accepts the marks', () => {
    const result = scoreEvent(
      rubric,
      eventMarks(['X'], panelMarks('X', 'a', [8, 8.5, 9, 8, 5.5]), {
        reviews: [{ entry: 'X', node: 'a', decision: 'accept_marks', by: 'HJ' }],
      }),
    );
    // drop 9 and 5.5: (8 + 8.5 + 8) / 3 = 24.5 / 3 = 8.1666…
    expect(fixed(nodeOf(entryOf(result, 'X'), 'a').value, 4)).toBe('8.1667');
    expect(entryOf(result, 'X').status).toBe('complete');
  });
});
