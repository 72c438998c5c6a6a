import { EventScoring, InvalidMarksError, scoreEvent } from '../../src';
import { eventMarks, judged, panelMarks, rubricWithAspects } from '../support/builders';

/** The live path: a judge records or corrects one mark and the standings follow. */

describe('EventScoring.recordMark', () => {
  const rubric = rubricWithAspects([judged('a', { method: 'trimmed_mean', trim: 1, judges: 3 })]);
  const marks = eventMarks(
    ['X', 'Y'],
    [...panelMarks('X', 'a', [7, 8]), ...panelMarks('Y', 'a', [6, 6, 6])],
  );

  it('scores the entry again and re-ranks, exactly as scoring everything from scratch would', () => {
    const scoring = new EventScoring(rubric, marks);
    expect(scoring.result.standings[0]?.standings.map((standing) => standing.entry)).toEqual([
      'Y',
      'X',
    ]);
    const after = scoring.recordMark({ entry: 'X', aspect: 'a', judge: 'J3', value: 9 });
    const fromScratch = scoreEvent(rubric, {
      ...marks,
      marks: [...marks.marks, { entry: 'X', aspect: 'a', judge: 'J3', value: 9 }],
    });
    expect(JSON.stringify(after)).toBe(JSON.stringify(fromScratch));
    expect(after.standings[0]?.standings.map((standing) => standing.entry)).toEqual(['X', 'Y']);
  });

  it('replaces the judge’s earlier mark (a correction) and leaves results handed out earlier unchanged', () => {
    const scoring = new EventScoring(rubric, marks);
    const before = scoring.recordMark({ entry: 'X', aspect: 'a', judge: 'J3', value: 9 });
    const beforeJson = JSON.stringify(before);
    const corrected = scoring.recordMark({ entry: 'X', aspect: 'a', judge: 'J3', value: 5 });
    // 7, 8, 5: the middle mark is 7
    expect(corrected.entries[0]?.total?.toString()).toBe('7');
    expect(JSON.stringify(before)).toBe(beforeJson);
  });

  it('refuses a mark that does not fit the rubric', () => {
    const scoring = new EventScoring(rubric, marks);
    expect(() => scoring.recordMark({ entry: 'X', aspect: 'a', judge: 'J3', value: 11 })).toThrow(
      InvalidMarksError,
    );
    expect(() => scoring.recordMark({ entry: 'Z', aspect: 'a', judge: 'J3', value: 1 })).toThrow(
      'unknown entry "Z"',
    );
  });
});
