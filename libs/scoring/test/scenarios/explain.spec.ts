import { explainEntry, scoreEvent } from '../../src';
import { eventMarks, judged, named, panelMarks, rubricWithAspects } from '../support/builders';

/** Explanations a head judge can read aloud to a competitor, in Chinese and in English. */

describe('explanations', () => {
  const rubric = rubricWithAspects(
    [
      {
        ...judged('performance', { method: 'trimmed_mean', trim: 1, judges: 5 }),
        name: named('表演', 'Performance'),
        scale: { min: 0, top: 10, step: 0.1 },
        round: { decimals: 2, mode: 'half_up' },
      },
    ],
    {},
    { name: named('艺术表现', 'Artistry') },
  );
  // drop 9.5 and 7.0: (8.5 + 8.3 + 8.5) / 3 = 25.3 / 3 = 8.4333… → 8.43
  const result = scoreEvent(
    rubric,
    eventMarks(['X'], panelMarks('X', 'performance', [9.5, 8.5, 8.3, 8.5, 7.0])),
  );

  it('says which marks were dropped and what the mean is, in Chinese', () => {
    const line = explainEntry(result, 'X', 'zh').find(
      (candidate) => candidate.node === 'performance',
    );
    expect(line?.text).toBe(
      '5 名裁判评分 9.5、8.5、8.3、8.5、7.0；去掉最高分 9.5、最低分 7.0，平均 8.43（保留 2 位小数，四舍五入）。',
    );
    expect(line?.name).toBe('表演');
    expect(line?.value).toBe('8.43');
    expect(line?.marks).toEqual(
      ['9.5', '8.5', '8.3', '8.5', '7.0'].map((value, i) => ({ judge: `J${i + 1}`, value })),
    );
  });

  it('and in English', () => {
    const line = explainEntry(result, 'X', 'en').find(
      (candidate) => candidate.node === 'performance',
    );
    expect(line?.text).toBe(
      'marks from 5 judges: 9.5, 8.5, 8.3, 8.5, 7.0; dropping the highest 9.5 and the lowest 7.0, mean 8.43 (to 2 decimals, half up).',
    );
  });

  it('lists every node from the total down, with its depth', () => {
    expect(
      explainEntry(result, 'X', 'en').map((line) => [line.depth, line.name, line.value]),
    ).toEqual([
      [0, 'Total', '8.43'],
      [1, 'Module', '8.43'],
      [2, 'Artistry', '8.43'],
      [3, 'Performance', '8.43'],
    ]);
  });

  it('lists the marks in judge order, whatever order they arrived in', () => {
    const shuffled = scoreEvent(
      rubric,
      eventMarks(['X'], panelMarks('X', 'performance', [9.5, 8.5, 8.3, 8.5, 7.0]).reverse()),
    );
    expect(explainEntry(shuffled, 'X', 'zh')).toEqual(explainEntry(result, 'X', 'zh'));
  });

  it('says why a figure is missing', () => {
    const pending = scoreEvent(
      rubric,
      eventMarks(['X'], panelMarks('X', 'performance', [9.5, 8.5, 8.3])),
    );
    const line = explainEntry(pending, 'X', 'zh').find(
      (candidate) => candidate.node === 'performance',
    );
    expect(line?.status).toBe('incomplete');
    expect(line?.value).toBeNull();
    expect(line?.text).toBe('3 名裁判评分 9.5、8.5、8.3；已收到 3/5 个分数，等待其余裁判。');
  });
});
