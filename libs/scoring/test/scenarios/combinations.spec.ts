import { explainEntry, scoreEvent } from '../../src';
import {
  entryOf,
  eventMarks,
  judged,
  named,
  nodeOf,
  panelMarks,
  rubricWithAspects,
  rubricWithModules,
} from '../support/builders';

/** Combining nodes: sum, weighted sum, and attempts (best of n, sum, running total). */

describe('combinations', () => {
  it('sums the children by default', () => {
    const rubric = rubricWithAspects([
      judged('a', { method: 'mean' }),
      judged('b', { method: 'mean' }),
    ]);
    const result = scoreEvent(
      rubric,
      eventMarks(['X'], [...panelMarks('X', 'a', [7.5]), ...panelMarks('X', 'b', [8])]),
    );
    expect(entryOf(result, 'X').total?.toString()).toBe('15.5');
  });

  it('weights the children when asked (weights add up to 1)', () => {
    const rubric = rubricWithModules(
      [
        {
          id: 'm1',
          name: named('m1'),
          weight: '0.25',
          criteria: [{ id: 'c1', name: named('c1'), aspects: [judged('a', { method: 'mean' })] }],
        },
        {
          id: 'm2',
          name: named('m2'),
          weight: '0.75',
          criteria: [{ id: 'c2', name: named('c2'), aspects: [judged('b', { method: 'mean' })] }],
        },
      ],
      { total: { combine: 'weighted_sum' } },
    );
    const result = scoreEvent(
      rubric,
      eventMarks(['X'], [...panelMarks('X', 'a', [8]), ...panelMarks('X', 'b', [4])]),
    );
    // 0.25 × 8 + 0.75 × 4 = 5
    expect(entryOf(result, 'X').total?.toString()).toBe('5');
  });

  describe('attempts', () => {
    const runs = (combine: 'best' | 'sum' | 'running_total', required?: number) =>
      rubricWithAspects([
        {
          ...judged('run', { method: 'mean' }),
          attempts: {
            count: 3,
            combine,
            ...(required ? { required } : {}),
            label: { zh: '第 {n} 轮', en: 'run {n}' },
          },
        },
      ]);
    const three = eventMarks(
      ['X'],
      [
        ...panelMarks('X', 'run', [6], 1),
        ...panelMarks('X', 'run', [9], 2),
        ...panelMarks('X', 'run', [7.5], 3),
      ],
    );

    it('best of n', () => {
      const result = scoreEvent(runs('best'), three);
      expect(entryOf(result, 'X').total?.toString()).toBe('9');
      expect(
        explainEntry(result, 'X', 'zh').find(
          (line) => line.node === 'run' && line.attempt === undefined,
        )?.text,
      ).toBe('第 1 轮 6、第 2 轮 9、第 3 轮 7.5；取最好成绩 9（第 2 轮）。');
    });

    it('sum of attempts', () => {
      expect(entryOf(scoreEvent(runs('sum'), three), 'X').total?.toString()).toBe('22.5');
    });

    it('running total after each attempt', () => {
      const node = nodeOf(entryOf(scoreEvent(runs('running_total'), three), 'X'), 'run');
      expect(node.attempts?.map((attempt) => attempt.runningTotal?.toString())).toEqual([
        '6',
        '15',
        '22.5',
      ]);
      expect(node.value?.toString()).toBe('22.5');
    });

    it('shows the best so far while attempts remain, as incomplete', () => {
      const two = eventMarks(
        ['X'],
        [...panelMarks('X', 'run', [6], 1), ...panelMarks('X', 'run', [9], 2)],
      );
      const entry = entryOf(scoreEvent(runs('best'), two), 'X');
      expect(entry.total?.toString()).toBe('9');
      expect(entry.status).toBe('incomplete');
      expect(nodeOf(entry, 'run').issue).toEqual({
        code: 'attempts_pending',
        complete: 2,
        required: 3,
      });
    });

    it('is complete after the required attempts when an athlete may stop early', () => {
      const one = eventMarks(['X'], panelMarks('X', 'run', [6], 1));
      expect(entryOf(scoreEvent(runs('best', 1), one), 'X').status).toBe('complete');
    });
  });
});
