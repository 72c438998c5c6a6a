import { InvalidRubricError, parseRubric } from '../../src';

/** An invalid rubric is refused with every problem at the path of the field to fix. */

function validRubric(): Record<string, unknown> {
  const aspect = (id: string) => ({
    id,
    name: { zh: id, en: id },
    kind: 'judgement',
    max: 10,
    scale: { top: 3, step: 1 },
    valuation: 'share_of_max',
  });
  return {
    format: 'jingsai.rubric',
    version: 1,
    id: 'r',
    revision: '1',
    name: { zh: '测试', en: 'Test' },
    modules: [
      {
        id: 'm',
        name: { zh: '模块', en: 'Module' },
        criteria: [
          { id: 'c0', name: { zh: 'c0', en: 'c0' }, aspects: [aspect('a0')] },
          { id: 'c1', name: { zh: 'c1', en: 'c1' }, aspects: [aspect('a1')] },
          { id: 'c2', name: { zh: 'c2', en: 'c2' }, aspects: [aspect('a2')] },
        ],
      },
    ],
  };
}

type Json = Record<string, unknown>;

function problems(change: (rubric: Json) => void): string[] {
  const rubric = validRubric();
  change(rubric);
  try {
    parseRubric(rubric);
  } catch (error) {
    if (error instanceof InvalidRubricError)
      return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
    throw error;
  }
  return [];
}

const criterion = (rubric: Json, index: number): Json =>
  ((rubric.modules as Json[])[0]?.criteria as Json[])[index] as Json;
const aspectOf = (rubric: Json, index: number): Json =>
  (criterion(rubric, index).aspects as Json[])[0] as Json;

describe('rubric validation', () => {
  it('accepts a valid rubric', () => {
    expect(problems(() => undefined)).toEqual([]);
  });

  it('names the path of a bad value: modules[0].criteria[2].aspects[0].max: must be > 0', () => {
    expect(problems((rubric) => (aspectOf(rubric, 2).max = 0))).toEqual([
      'modules[0].criteria[2].aspects[0].max: must be > 0',
    ]);
  });

  it('reports missing fields, unknown fields, wrong types and values outside a list', () => {
    expect(
      problems((rubric) => {
        delete (rubric.modules as Json[])[0]?.name;
        aspectOf(rubric, 0).maxx = 3;
        aspectOf(rubric, 1).kind = 'opinion';
        (rubric.modules as Json[])[0]!.criteria = 'none';
      }),
    ).toEqual(['modules[0].name: is required', 'modules[0].criteria: must be an array']);
    expect(
      problems((rubric) => {
        aspectOf(rubric, 0).maxx = 3;
        aspectOf(rubric, 1).kind = 'opinion';
        aspectOf(rubric, 2).panel = { method: 'average' };
      }),
    ).toEqual([
      'modules[0].criteria[0].aspects[0].maxx: unknown field',
      'modules[0].criteria[1].aspects[0].kind: must be one of "judgement", "measurement", "deduction", "time", "imported"',
      'modules[0].criteria[2].aspects[0].panel.method: must be one of "mean", "median", "trimmed_mean", "middle_sum", "sum", "single"',
    ]);
  });

  it('requires weights adding up to exactly 1 for a weighted sum', () => {
    expect(
      problems((rubric) => {
        (rubric.modules as Json[])[0]!.combine = 'weighted_sum';
        criterion(rubric, 0).weight = '0.3';
        criterion(rubric, 1).weight = '0.3';
        criterion(rubric, 2).weight = '0.3';
      }),
    ).toEqual([
      'modules[0].combine: weights of the criteria must add up to 1 (they add up to 0.9)',
    ]);
    expect(
      problems((rubric) => {
        (rubric.modules as Json[])[0]!.combine = 'weighted_sum';
        criterion(rubric, 0).weight = '0.5';
        criterion(rubric, 1).weight = '0.5';
      }),
    ).toEqual([
      'modules[0].criteria[2].weight: is required because the parent\'s combine is "weighted_sum"',
    ]);
    expect(problems((rubric) => (criterion(rubric, 1).weight = '0.5'))).toEqual([
      'modules[0].criteria[1].weight: is only used when the parent\'s combine is "weighted_sum"',
    ]);
  });

  it('checks the rules that span fields', () => {
    expect(problems((rubric) => (aspectOf(rubric, 1).id = 'a0'))).toEqual([
      'modules[0].criteria[1].aspects[0].id: duplicate id "a0" (also used at modules[0].criteria[0].aspects[0])',
    ]);
    expect(problems((rubric) => (aspectOf(rubric, 0).panel = { method: 'trimmed_mean' }))).toEqual([
      'modules[0].criteria[0].aspects[0].panel.trim: is required for method "trimmed_mean"',
    ]);
    expect(
      problems(
        (rubric) => (aspectOf(rubric, 0).panel = { method: 'trimmed_mean', trim: 1, judges: 2 }),
      ),
    ).toEqual([
      'modules[0].criteria[0].aspects[0].panel.judges: must be more than 2 × trim (2) so that a mark remains',
    ]);
    expect(
      problems(
        (rubric) =>
          (aspectOf(rubric, 0).panel = {
            method: 'median',
            judges: 3,
            missingJudge: 'substitute_mean',
            trim: 1,
          }),
      ),
    ).toEqual([
      'modules[0].criteria[0].aspects[0].panel.trim: is only used by method "trimmed_mean"',
    ]);
    expect(problems((rubric) => (aspectOf(rubric, 0).scale = { top: 3, step: 2 }))).toEqual([
      'modules[0].criteria[0].aspects[0].scale.step: must divide the scale from min to top evenly',
    ]);
    expect(
      problems(
        (rubric) => (aspectOf(rubric, 0).valueTransform = [{ op: 'multiply', parameter: 'dd' }]),
      ),
    ).toEqual([
      'modules[0].criteria[0].aspects[0].valueTransform[0].parameter: unknown parameter "dd" (declare it in "parameters")',
    ]);
    expect(problems((rubric) => delete aspectOf(rubric, 0).max)).toEqual([
      'modules[0].criteria[0].aspects[0].max: is required for valuation "share_of_max"',
    ]);
  });

  it('checks the ranking, awards and advancement rules', () => {
    expect(
      problems((rubric) => {
        rubric.ranking = {
          tieBreaks: [
            { by: 'node', node: 'nowhere', order: 'desc' },
            { by: 'field', field: 'time_used', order: 'asc' },
          ],
        };
        rubric.awards = {
          tiers: [
            { id: 'first', name: { zh: '一等奖', en: 'First' }, share: '0.6', count: 1 },
            { id: 'second', name: { zh: '二等奖', en: 'Second' }, share: '0.5' },
          ],
        };
        rubric.advancement = {};
      }),
    ).toEqual([
      'ranking.tieBreaks[0].node: unknown node "nowhere"',
      'ranking.tieBreaks[1].field: unknown field "time_used" (declare it in "fields")',
      'awards.tiers[0].share: give either "share" or "count"',
      'awards.tiers: shares add up to 1.1, more than 1',
      'advancement.top: give either "top" or "share"',
    ]);
  });

  it('is versioned: another format version is refused', () => {
    expect(problems((rubric) => (rubric.version = 2))).toEqual(['version: must be 1']);
  });
});
