import {
  type Aspect,
  type Criterion,
  type DecimalInput,
  type EntryResult,
  type EventMarks,
  type EventResult,
  Exact,
  type LocalisedName,
  type Mark,
  type NodeResult,
  parseRubric,
  type Rubric,
  type RubricModule,
} from '../../src';

/** Small builders so each scenario spec shows only the rules it is about. */

export function named(zh: string, en = zh): LocalisedName {
  return { zh, en };
}

/** A rubric with one module and one criterion holding the given aspects, validated. */
export function rubricWithAspects(
  aspects: Aspect[],
  extra: Partial<Rubric> = {},
  criterion: Partial<Criterion> = {},
): Rubric {
  return rubricWithModules(
    [
      {
        id: 'module',
        name: named('模块', 'Module'),
        criteria: [{ id: 'criterion', name: named('评分项', 'Criterion'), ...criterion, aspects }],
      },
    ],
    extra,
  );
}

export function rubricWithModules(modules: RubricModule[], extra: Partial<Rubric> = {}): Rubric {
  return parseRubric({
    format: 'jingsai.rubric',
    version: 1,
    id: 'test',
    revision: '1',
    name: named('测试', 'Test'),
    ...extra,
    modules,
  });
}

/** A judgement aspect marked 0–10 in steps of 0.5, value as marked. */
type JudgementAspect = Extract<Aspect, { kind: 'judgement' }>;

export function judged(
  id: string,
  panel: Aspect['panel'],
  extra: Partial<JudgementAspect> = {},
): JudgementAspect {
  return {
    id,
    name: named(id),
    kind: 'judgement',
    scale: { min: 0, top: 10, step: 0.5 },
    valuation: 'as_marked',
    panel,
    ...extra,
  };
}

/** Marks J1, J2, … for one entry and aspect, in that order. */
export function panelMarks(
  entry: string,
  aspect: string,
  values: readonly DecimalInput[],
  attempt?: number,
): Mark[] {
  return values.map((value, i) => ({
    entry,
    aspect,
    judge: `J${i + 1}`,
    value,
    ...(attempt === undefined ? {} : { attempt }),
  }));
}

export function eventMarks(
  entries: readonly (string | EventMarks['entries'][number])[],
  marks: readonly Mark[],
  extra: Partial<EventMarks> = {},
): EventMarks {
  return {
    format: 'jingsai.marks',
    version: 1,
    rubric: { id: 'test' },
    entries: entries.map((entry) => (typeof entry === 'string' ? { id: entry } : entry)),
    marks: [...marks],
    ...extra,
  };
}

export function entryOf(result: EventResult, id: string): EntryResult {
  const entry = result.entries.find((candidate) => candidate.entry.id === id);
  if (!entry) throw new Error(`no entry ${id}`);
  return entry;
}

/** A node's result, also inside attempts (then give the attempt). */
export function nodeOf(entry: EntryResult, id: string, attempt?: number): NodeResult {
  const found = findIn(entry.result, id, attempt);
  if (!found) throw new Error(`no node ${id}${attempt ? ` attempt ${attempt}` : ''}`);
  return found;
}

function findIn(
  result: NodeResult,
  id: string,
  attempt: number | undefined,
): NodeResult | undefined {
  if (result.node === id && result.attempt === attempt) return result;
  for (const child of [...(result.attempts ?? []), ...(result.children ?? [])]) {
    const found = findIn(child, id, attempt);
    if (found) return found;
  }
  return undefined;
}

/** A value as text with the given decimals, for comparing with figures worked out by hand. */
export function fixed(value: Exact | null | undefined, places = 2): string | null {
  return value == null ? null : value.toFixed(places);
}

export function exact(value: DecimalInput): Exact {
  return Exact.parse(value);
}

/** Places of each entry in the first group, by entry id. */
export function places(result: EventResult, group = 0): Record<string, number | null> {
  return Object.fromEntries(
    (result.standings[group]?.standings ?? []).map((standing) => [standing.entry, standing.place]),
  );
}

/** Entry ids of the first group, best first. */
export function order(result: EventResult, group = 0): string[] {
  return (result.standings[group]?.standings ?? []).map((standing) => standing.entry);
}

/** A rubric whose total is one imported score, to test ranking rules on totals chosen by hand. */
export function importedTotalsRubric(extra: Partial<Rubric> = {}): Rubric {
  return rubricWithAspects(
    [{ id: 'score', name: named('成绩', 'Score'), kind: 'imported' }],
    extra,
  );
}

/** Marks giving each entry its imported score; `groups` per entry when given. */
export function importedTotals(
  totals: Record<string, DecimalInput>,
  groups: Record<string, Record<string, string>> = {},
): EventMarks {
  return eventMarks(
    Object.keys(totals).map((id) => ({ id, ...(groups[id] ? { groups: groups[id] } : {}) })),
    Object.entries(totals).map(([entry, value]) => ({ entry, aspect: 'score', value })),
  );
}
