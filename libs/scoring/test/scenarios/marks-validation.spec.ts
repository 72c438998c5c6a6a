import { InvalidMarksError, parseMarks, scoreEvent } from '../../src';
import { eventMarks, judged, panelMarks, rubricWithAspects } from '../support/builders';

/** Marks that do not fit the rubric are refused, each at its path. */

const rubric = rubricWithAspects([
  judged('a', { method: 'mean' }),
  { ...judged('dive', { method: 'sum' }), attempts: { count: 2, combine: 'sum' } },
  { id: 'safety', name: { zh: '安全', en: 'Safety' }, kind: 'deduction', perOccurrence: 2 },
]);

function problems(marks: ReturnType<typeof eventMarks>): string[] {
  try {
    scoreEvent(rubric, marks);
  } catch (error) {
    if (error instanceof InvalidMarksError)
      return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
    throw error;
  }
  return [];
}

describe('marks validation', () => {
  it('checks the shape of a marks file', () => {
    expect(() =>
      parseMarks({
        format: 'jingsai.marks',
        version: 1,
        rubric: { id: 'test' },
        entries: [],
        marks: [{ entry: 'X', aspect: 'a', value: 'seven' }],
      }),
    ).toThrow('marks[0].value: must be a decimal number, e.g. 7.5 or "7.50"');
  });

  it('refuses marks off the scale, unknown aspects and entries, attempts out of range, and a second mark by a judge', () => {
    expect(
      problems(
        eventMarks(
          ['X'],
          [
            { entry: 'X', aspect: 'a', judge: 'J1', value: 10.5 },
            { entry: 'X', aspect: 'a', judge: 'J2', value: 7.25 },
            { entry: 'X', aspect: 'b', judge: 'J1', value: 7 },
            { entry: 'Y', aspect: 'a', judge: 'J1', value: 7 },
            { entry: 'X', aspect: 'dive', judge: 'J1', value: 7 },
            { entry: 'X', aspect: 'dive', judge: 'J1', attempt: 3, value: 7 },
            { entry: 'X', aspect: 'a', judge: 'J3', attempt: 1, value: 7 },
            { entry: 'X', aspect: 'safety', value: 1.5 },
            { entry: 'X', aspect: 'a', judge: 'J4', value: 7 },
            { entry: 'X', aspect: 'a', judge: 'J4', value: 8 },
          ],
        ),
      ),
    ).toEqual([
      'marks[0].value: must be between 0 and 10',
      "marks[1].value: must be a multiple of 0.5 (the scale's step)",
      'marks[2].aspect: unknown aspect "b"',
      'marks[3].entry: unknown entry "Y"',
      'marks[4].attempt: is required: "dive" is marked in attempts (1 to 2)',
      'marks[5].attempt: must be between 1 and 2',
      'marks[6].attempt: aspect "a" has no attempts',
      'marks[7].value: must be a whole number of occurrences (0, 1, 2, …)',
      'marks[9]: a second mark by judge "J4" for entry "X", aspect "a"',
    ]);
  });

  it('refuses marks for another rubric, duplicate entries and unknown parameters', () => {
    const marks = eventMarks(['X', 'X'], panelMarks('X', 'a', [7]), {
      parameters: [{ entry: 'X', values: { dd: 3 } }],
    });
    marks.rubric = { id: 'other', revision: '9' };
    expect(problems(marks)).toEqual([
      'rubric.id: these marks are for rubric "other", not "test"',
      'rubric.revision: these marks are for revision "9", not "1"',
      'entries[1].id: duplicate entry "X"',
      'parameters[0].values.dd: unknown parameter (declare it in the rubric\'s "parameters")',
    ]);
  });
});

describe('one mark per judge, in a large panel', () => {
  it('still finds a second mark by the same judge among more than 31 judges', () => {
    const wide = rubricWithAspects([judged('a', { method: 'mean' })]);
    const marks = panelMarks(
      'X',
      'a',
      Array.from({ length: 40 }, () => 7),
    );
    marks.push({ entry: 'X', aspect: 'a', judge: 'J35', value: 8 });
    expect(() => scoreEvent(wide, eventMarks(['X'], marks))).toThrow(
      'marks[40]: a second mark by judge "J35" for entry "X", aspect "a"',
    );
    // and 40 different judges are fine
    expect(
      scoreEvent(wide, eventMarks(['X'], marks.slice(0, 40))).entries[0]?.total?.toString(),
    ).toBe('7');
  });
});
