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

/**
 * A judge who is absent, withdrawn or recused (回避) for an entry: the panel's rule trims what
 * remains, substitutes the others' mean, or refuses and leaves it to the head judge. A mark that
 * simply has not arrived yet keeps the aspect incomplete.
 */

const fourMarks = panelMarks('X', 'a', [8, 9, 7, 8.5]).map((mark, i) => ({
  ...mark,
  judge: ['J1', 'J2', 'J4', 'J5'][i] as string,
}));

describe('missing judge', () => {
  it('waits while a mark is missing and no judge is declared absent', () => {
    const rubric = rubricWithAspects([
      judged('a', { method: 'trimmed_mean', trim: 1, judges: 5, missingJudge: 'trim_remaining' }),
    ]);
    const node = nodeOf(entryOf(scoreEvent(rubric, eventMarks(['X'], fourMarks)), 'X'), 'a');
    expect(node.status).toBe('incomplete');
    expect(node.issue).toEqual({ code: 'marks_pending', received: 4, expected: 5 });
  });

  it('trim_remaining: applies the same trimming to the remaining marks', () => {
    const rubric = rubricWithAspects([
      judged('a', { method: 'trimmed_mean', trim: 1, judges: 5, missingJudge: 'trim_remaining' }),
    ]);
    const result = scoreEvent(
      rubric,
      eventMarks(['X'], fourMarks, { absences: [{ judge: 'J3', reason: 'ill' }] }),
    );
    // 8, 9, 7, 8.5: drop 9 and 7, (8 + 8.5) / 2 = 8.25
    const node = nodeOf(entryOf(result, 'X'), 'a');
    expect(node.status).toBe('complete');
    expect(node.value?.toString()).toBe('8.25');
    expect(explainEntry(result, 'X', 'zh').find((line) => line.node === 'a')?.text).toContain(
      '裁判 J3 缺席，按其余裁判的分数计算',
    );
  });

  it('applies a recusal (回避) to one entry only', () => {
    const rubric = rubricWithAspects([
      judged('a', { method: 'trimmed_mean', trim: 1, judges: 5, missingJudge: 'trim_remaining' }),
    ]);
    const result = scoreEvent(
      rubric,
      eventMarks(['X', 'Y'], [...fourMarks, ...panelMarks('Y', 'a', [8, 8, 8, 8])], {
        absences: [{ judge: 'J3', entry: 'X', reason: '回避' }],
      }),
    );
    expect(entryOf(result, 'X').status).toBe('complete');
    expect(entryOf(result, 'Y').status).toBe('incomplete');
  });

  describe('substitute_mean (diving: the middle 3 of 5)', () => {
    const marks = eventMarks(['X'], panelMarks('X', 'a', [7, 7.5, 8, 6.5]), {
      absences: [{ judge: 'J5' }],
    });

    it('adds the mean of the others for the missing judge', () => {
      const rubric = rubricWithAspects([
        judged('a', { method: 'middle_sum', keep: 3, judges: 5, missingJudge: 'substitute_mean' }),
      ]);
      // substitute (7 + 7.5 + 8 + 6.5) / 4 = 7.25; sorted 6.5, 7, 7.25, 7.5, 8; middle three 21.75
      expect(nodeOf(entryOf(scoreEvent(rubric, marks), 'X'), 'a').value?.toString()).toBe('21.75');
    });

    it('rounds the substitute when the rule says so (to the nearest 0.5, half up)', () => {
      const rubric = rubricWithAspects([
        judged('a', {
          method: 'middle_sum',
          keep: 3,
          judges: 5,
          missingJudge: 'substitute_mean',
          substituteRounding: { step: '0.5', mode: 'half_up' },
        }),
      ]);
      // 7.25 → 7.5; sorted 6.5, 7, 7.5, 7.5, 8; middle three 22.0
      const result = scoreEvent(rubric, marks);
      expect(nodeOf(entryOf(result, 'X'), 'a').value?.toString()).toBe('22.0');
      expect(explainEntry(result, 'X', 'en').find((line) => line.node === 'a')?.text).toContain(
        "judge J5 absent, replaced by the others' mean; substitute mark 7.5",
      );
    });
  });

  describe('refuse', () => {
    const rubric = rubricWithAspects([
      judged('a', { method: 'trimmed_mean', trim: 1, judges: 5, missingJudge: 'refuse' }),
    ]);

    it('leaves the figure to the head judge', () => {
      const node = nodeOf(
        entryOf(
          scoreEvent(rubric, eventMarks(['X'], fourMarks, { absences: [{ judge: 'J3' }] })),
          'X',
        ),
        'a',
      );
      expect(node.status).toBe('needs_review');
      expect(node.value).toBeNull();
      expect(node.issue).toEqual({ code: 'judge_absent', absent: ['J3'] });
    });

    it('uses the remaining marks once the head judge accepts them', () => {
      const result = scoreEvent(
        rubric,
        eventMarks(['X'], fourMarks, {
          absences: [{ judge: 'J3' }],
          reviews: [{ entry: 'X', node: 'a', decision: 'accept_marks' }],
        }),
      );
      expect(fixed(nodeOf(entryOf(result, 'X'), 'a').value)).toBe('8.25');
    });
  });

  it('needs the head judge when too few marks remain to trim', () => {
    const rubric = rubricWithAspects([
      judged('a', { method: 'trimmed_mean', trim: 1, judges: 3, missingJudge: 'trim_remaining' }),
    ]);
    const node = nodeOf(
      entryOf(
        scoreEvent(
          rubric,
          eventMarks(['X'], panelMarks('X', 'a', [8, 9]), { absences: [{ judge: 'J3' }] }),
        ),
        'X',
      ),
      'a',
    );
    expect(node.status).toBe('needs_review');
    expect(node.issue).toEqual({ code: 'cannot_trim', received: 2, method: 'trimmed_mean' });
  });
});
