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

describe('EventScoring.recordMarks', () => {
  const rubric = rubricWithAspects([
    judged('a', { method: 'trimmed_mean', trim: 1, judges: 3 }),
    judged('b', { method: 'mean', judges: 2 }),
  ]);
  const marks = eventMarks(
    ['X', 'Y', 'Z'],
    [
      ...panelMarks('X', 'a', [7, 8]),
      ...panelMarks('Y', 'a', [6, 6, 6]),
      ...panelMarks('Z', 'a', [5, 9, 7]),
      ...panelMarks('Y', 'b', [4, 4]),
    ],
  );
  const batch = [
    { entry: 'X', aspect: 'a', judge: 'J3', value: 9 },
    { entry: 'Z', aspect: 'b', judge: 'J1', value: 8 },
    { entry: 'X', aspect: 'a', judge: 'J3', value: 6 }, // corrects the first mark of the batch
    { entry: 'Z', aspect: 'b', judge: 'J2', value: 10 },
    { entry: 'X', aspect: 'b', judge: 'J1', value: 3 },
  ];

  it('gives what one recordMark per mark gives, and what scoring everything from scratch gives', () => {
    const batched = new EventScoring(rubric, marks).recordMarks(batch);
    const oneByOne = new EventScoring(rubric, marks);
    let last = oneByOne.result;
    for (const mark of batch) last = oneByOne.recordMark(mark);
    const fromScratch = scoreEvent(rubric, {
      ...marks,
      marks: [
        ...marks.marks,
        ...batch.slice(1), // the batch's first mark is corrected by its third
      ],
    });
    expect(JSON.stringify(batched)).toBe(JSON.stringify(last));
    expect(JSON.stringify(batched)).toBe(JSON.stringify(fromScratch));
    // Z had only a's marks before the batch (middle mark 7); b adds (8 + 10) / 2 = 9
    expect(scoreEvent(rubric, marks).entries[2]?.total?.toString()).toBe('7');
    expect(batched.entries[2]?.total?.toString()).toBe('16');
  });

  it('records nothing when one mark of the batch is refused', () => {
    const scoring = new EventScoring(rubric, marks);
    const before = JSON.stringify(scoring.result);
    expect(() =>
      scoring.recordMarks([
        { entry: 'X', aspect: 'a', judge: 'J3', value: 9 },
        { entry: 'Y', aspect: 'b', judge: 'J1', value: 11 },
      ]),
    ).toThrow(InvalidMarksError);
    expect(JSON.stringify(scoring.result)).toBe(before);
    expect(JSON.stringify(scoring.recordMarks([]))).toBe(before);
  });
});
