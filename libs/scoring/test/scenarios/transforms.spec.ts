import { scoreEvent } from '../../src';
import {
  entryOf,
  eventMarks,
  fixed,
  judged,
  named,
  nodeOf,
  panelMarks,
  rubricWithAspects,
} from '../support/builders';

/** Transforms of each judge's mark, and per-performance parameters on a node's value. */

describe('transforms and parameters', () => {
  it('transforms each mark before aggregation: a grade × a unit, rounded', () => {
    const rubric = rubricWithAspects([
      {
        ...judged('grade', { method: 'mean' }),
        scale: { min: 1, top: 5, step: 1 },
        markTransform: [
          { op: 'multiply', value: '1.25' },
          { op: 'round', round: { decimals: 1, mode: 'half_up' } },
        ],
      },
    ]);
    // 3, 4, 4 × 1.25 = 3.75, 5, 5 → 3.8, 5.0, 5.0; mean 13.8 / 3 = 4.6
    const result = scoreEvent(rubric, eventMarks(['X'], panelMarks('X', 'grade', [3, 4, 4])));
    expect(nodeOf(entryOf(result, 'X'), 'grade').value?.toString()).toBe('4.6');
  });

  it('takes a fixed penalty off every judge’s mark (a per-performance parameter)', () => {
    const rubric = rubricWithAspects(
      [
        {
          ...judged('execution', { method: 'mean' }),
          markTransform: [
            { op: 'subtract', parameter: 'fall' },
            { op: 'at_least', value: 0 },
          ],
        },
      ],
      { parameters: [{ id: 'fall', name: named('摔倒扣分', 'fall deduction'), default: 0 }] },
    );
    const marks = eventMarks(
      ['X', 'Y'],
      [...panelMarks('X', 'execution', [8, 8.5, 9]), ...panelMarks('Y', 'execution', [0.5, 2, 3])],
      {
        parameters: [
          { entry: 'X', values: { fall: 1 } },
          { entry: 'Y', values: { fall: 1 } },
        ],
      },
    );
    const result = scoreEvent(rubric, marks);
    // 7, 7.5, 8: mean 7.5
    expect(entryOf(result, 'X').total?.toString()).toBe('7.5');
    // 0.5 − 1 floored at 0, 1, 2: mean 1
    expect(entryOf(result, 'Y').total?.toString()).toBe('1');
  });

  it('adds a base value: execution (trimmed mean) + difficulty', () => {
    const rubric = rubricWithAspects(
      [
        {
          ...judged('execution', { method: 'trimmed_mean', trim: 1 }),
          valueTransform: [{ op: 'add', parameter: 'difficulty' }],
          round: { decimals: 3, mode: 'truncate' },
        },
      ],
      { parameters: [{ id: 'difficulty', name: named('难度分', 'difficulty') }] },
    );
    const result = scoreEvent(
      rubric,
      eventMarks(['X'], panelMarks('X', 'execution', [8.5, 8, 9, 8.5]), {
        parameters: [{ entry: 'X', values: { difficulty: '5.4' } }],
      }),
    );
    // drop 9 and 8: (8.5 + 8.5) / 2 = 8.5; + 5.4 = 13.9
    expect(entryOf(result, 'X').total?.toString()).toBe('13.900');
  });

  it('figure skating: base value × (1 + trimmed mean GOE ÷ 10)', () => {
    const rubric = rubricWithAspects(
      [
        {
          ...judged('element', { method: 'trimmed_mean', trim: 1, judges: 9 }),
          scale: { min: -5, top: 5, step: 1 },
          valueTransform: [
            { op: 'multiply', value: '0.1' },
            { op: 'add', value: 1 },
            { op: 'multiply', parameter: 'base_value' },
          ],
          round: { decimals: 2, mode: 'half_up' },
        },
      ],
      { parameters: [{ id: 'base_value', name: named('基础分', 'base value') }] },
    );
    const result = scoreEvent(
      rubric,
      eventMarks(['X'], panelMarks('X', 'element', [2, 3, 3, 2, 4, 3, 2, 1, 3]), {
        parameters: [{ entry: 'X', values: { base_value: '9.50' } }],
      }),
    );
    // drop 4 and 1: 18 / 7; 9.5 × (1 + 18/70) = 9.5 × 88/70 = 11.942857… → 11.94
    expect(fixed(entryOf(result, 'X').total)).toBe('11.94');
  });

  it('keeps a node incomplete while a parameter without default has no value', () => {
    const rubric = rubricWithAspects(
      [
        {
          ...judged('dive', { method: 'sum' }),
          valueTransform: [{ op: 'multiply', parameter: 'dd' }],
        },
      ],
      {
        parameters: [{ id: 'dd', name: named('难度系数', 'degree of difficulty') }],
      },
    );
    const node = nodeOf(
      entryOf(scoreEvent(rubric, eventMarks(['X'], panelMarks('X', 'dive', [7, 7, 7]))), 'X'),
      'dive',
    );
    expect(node.status).toBe('incomplete');
    expect(node.issue).toEqual({ code: 'missing_parameter', parameter: 'dd' });
  });

  it('uses the parameter of the attempt over one for the whole entry', () => {
    const rubric = rubricWithAspects(
      [
        {
          ...judged('dive', { method: 'sum' }),
          attempts: { count: 2, combine: 'sum' },
          valueTransform: [{ op: 'multiply', parameter: 'dd' }],
        },
      ],
      { parameters: [{ id: 'dd', name: named('难度系数') }] },
    );
    const marks = eventMarks(
      ['X'],
      [...panelMarks('X', 'dive', [7], 1), ...panelMarks('X', 'dive', [8], 2)],
      {
        parameters: [
          { entry: 'X', values: { dd: 2 } },
          { entry: 'X', attempt: 2, values: { dd: 3 } },
        ],
      },
    );
    // 7 × 2 + 8 × 3 = 38, shown with the marks' one decimal
    expect(entryOf(scoreEvent(rubric, marks), 'X').total?.toString()).toBe('38.0');
  });
});
