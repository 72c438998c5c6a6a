import type { Exact, RoundingMode } from '../exact/exact';
import type { PanelMethod } from '../rubric/compiled-rubric';

/**
 * The words of an explanation in each language, kept apart from the logic that picks them.
 * Sentences are short and in the order the figure was worked out, so a head judge can read
 * them aloud: "去掉最高分 9.5、最低分 7.0，平均 8.43".
 */

export type Language = 'zh' | 'en';

export interface Phrases {
  readonly list: (items: readonly string[]) => string;
  readonly join: (parts: readonly string[]) => string;
  readonly marks: (count: number, values: string) => string;
  readonly recorded: (value: string) => string;
  readonly subtotals: (values: string) => string;
  readonly judgeValue: (judge: string, value: string) => string;
  readonly dropped: (count: number, high: string, low: string) => string;
  readonly panelResult: (method: PanelMethod, kept: number, value: string) => string;
  readonly absentTrimmed: (judges: string) => string;
  readonly absentSubstituted: (judges: string) => string;
  readonly absentAccepted: (judges: string) => string;
  readonly absentRefused: (judges: string) => string;
  readonly substitute: (value: string) => string;
  readonly spreadAccepted: (spread: string, limit: string) => string;
  readonly eachMark: (operation: string, values: string) => string;
  /** `name` is the parameter's name when the operand is a parameter */
  readonly operation: (op: OperationName, operand: string, name: string | undefined) => string;
  readonly rounding: (
    places: number | undefined,
    step: string | undefined,
    mode: RoundingMode,
  ) => string;
  /** the same, as a note after a figure: "8.43（保留 2 位小数，四舍五入）" */
  readonly roundedNote: (
    value: string,
    places: number | undefined,
    step: string | undefined,
    mode: RoundingMode,
  ) => string;
  readonly equals: (expression: string, result: string) => string;
  readonly level: (level: string, top: string, max: string, result: string) => string;
  readonly passFail: (passed: boolean, points: string) => string;
  readonly withinLimits: (
    measured: string,
    limits: string,
    passed: boolean,
    points: string,
  ) => string;
  readonly inBand: (
    measured: string,
    band: number | undefined,
    limits: string,
    points: string,
  ) => string;
  readonly limits: (lower: string | undefined, upper: string | undefined) => string;
  readonly deduction: (
    occurrences: string,
    each: string,
    deducted: string,
    capped: boolean,
  ) => string;
  readonly deductionFromMax: (max: string, deducted: string, result: string) => string;
  readonly time: (seconds: string, best: string, worst: string, result: string) => string;
  readonly imported: (value: string) => string;
  readonly importedScaled: (value: string, outOf: string, max: string, result: string) => string;
  readonly weighted: (name: string, value: string, weight: string) => string;
  readonly missing: (name: string) => string;
  readonly attempt: (n: number) => string;
  readonly attemptValue: (label: string, value: string) => string;
  readonly attemptRunning: (label: string, value: string, running: string) => string;
  readonly best: (value: string, label: string) => string;
  readonly attemptsTotal: (value: string) => string;
  readonly issue: IssuePhrases;
}

export type OperationName = 'add' | 'subtract' | 'multiply' | 'divide' | 'at_least' | 'at_most';

export interface IssuePhrases {
  readonly noMarks: string;
  readonly marksPending: (received: number, expected: number) => string;
  readonly tooManyMarks: (received: number, expected: number) => string;
  readonly spreadExceeded: (spread: string, limit: string) => string;
  readonly judgeAbsent: (judges: string) => string;
  readonly cannotTrim: (received: number) => string;
  readonly marksDiffer: string;
  readonly missingParameter: (name: string) => string;
  readonly attemptsPending: (complete: number, required: number) => string;
}

const ZH_MODES: Readonly<Record<RoundingMode, string>> = {
  half_up: '四舍五入',
  half_even: '四舍六入五成双',
  truncate: '直接舍去',
  up: '进一',
};

const EN_MODES: Readonly<Record<RoundingMode, string>> = {
  half_up: 'half up',
  half_even: 'half to even',
  truncate: 'truncated',
  up: 'rounded up',
};

export const ZH: Phrases = {
  list: (items) => items.join('、'),
  join: (parts) => `${parts.join('；')}。`,
  marks: (count, values) => `${count} 名裁判评分 ${values}`,
  recorded: (value) => `记录值 ${value}`,
  subtotals: (values) => `各裁判小计 ${values}`,
  judgeValue: (judge, value) => `${judge} ${value}`,
  dropped: (count, high, low) =>
    count === 1
      ? `去掉最高分 ${high}、最低分 ${low}`
      : `去掉最高的 ${count} 个分数 ${high}，最低的 ${count} 个分数 ${low}`,
  panelResult: (method, kept, value) => {
    switch (method) {
      case 'mean':
      case 'trimmed_mean':
        return `平均 ${value}`;
      case 'median':
        return `取中位数 ${value}`;
      case 'middle_sum':
        return `中间 ${kept} 个分数之和 ${value}`;
      case 'sum':
        return `合计 ${value}`;
      case 'single':
        return `记录值 ${value}`;
      default:
        return method satisfies never;
    }
  },
  absentTrimmed: (judges) => `裁判 ${judges} 缺席，按其余裁判的分数计算`,
  absentSubstituted: (judges) => `裁判 ${judges} 缺席，以其他裁判的平均分代替`,
  absentAccepted: (judges) => `裁判 ${judges} 缺席，裁判长确认按其余分数计算`,
  absentRefused: (judges) => `裁判 ${judges} 缺席`,
  substitute: (value) => `代替分 ${value}`,
  spreadAccepted: (spread, limit) => `分差 ${spread} 超过 ${limit}，裁判长已确认`,
  eachMark: (operation, values) => `每个分数${operation}，为 ${values}`,
  operation: (op, operand, name) => {
    const what = name === undefined ? ` ${operand}` : `${name} ${operand}`;
    switch (op) {
      case 'add':
        return `加上${what}`;
      case 'subtract':
        return `减去${what}`;
      case 'multiply':
        return `× ${name === undefined ? '' : `${name} `}${operand}`;
      case 'divide':
        return `÷ ${name === undefined ? '' : `${name} `}${operand}`;
      case 'at_least':
        return `不低于${what}`;
      case 'at_most':
        return `不超过${what}`;
      default:
        return op satisfies never;
    }
  },
  rounding: (places, step, mode) =>
    step === undefined
      ? `保留 ${places ?? 0} 位小数（${ZH_MODES[mode]}）`
      : `按 ${step} 取整（${ZH_MODES[mode]}）`,
  roundedNote: (value, places, step, mode) =>
    step === undefined
      ? `${value}（保留 ${places ?? 0} 位小数，${ZH_MODES[mode]}）`
      : `${value}（按 ${step} 取整，${ZH_MODES[mode]}）`,
  equals: (expression, result) => `${expression} = ${result}`,
  level: (level, top, max, result) => `等级 ${level} ÷ ${top} × 分值 ${max} = ${result}`,
  passFail: (passed, points) => (passed ? `合格，得 ${points} 分` : '不合格，得 0 分'),
  withinLimits: (measured, limits, passed, points) =>
    passed
      ? `测量值 ${measured} 在 ${limits} 之内，得 ${points} 分`
      : `测量值 ${measured} 超出 ${limits}，得 0 分`,
  inBand: (measured, band, limits, points) =>
    band === undefined
      ? `测量值 ${measured} 不在任何档内，得 0 分`
      : `测量值 ${measured} 落在第 ${band} 档（${limits}），得 ${points} 分`,
  limits: (lower, upper) =>
    lower === undefined ? `≤ ${upper}` : upper === undefined ? `≥ ${lower}` : `${lower}–${upper}`,
  deduction: (occurrences, each, deducted, capped) =>
    `${occurrences} 次 × 每次 ${each} 分，扣 ${deducted} 分${capped ? '（已达封顶）' : ''}`,
  deductionFromMax: (max, deducted, result) => `${max} − ${deducted} = ${result}`,
  time: (seconds, best, worst, result) =>
    `用时 ${seconds} 秒（${best} 秒得满分，${worst} 秒为最低），得 ${result} 分`,
  imported: (value) => `导入成绩 ${value}`,
  importedScaled: (value, outOf, max, result) =>
    `导入成绩 ${value} ÷ ${outOf} × ${max} = ${result}`,
  weighted: (name, value, weight) => `${name} ${value} × ${weight}`,
  missing: (name) => `${name}（未完成）`,
  attempt: (n) => `第 ${n} 次`,
  attemptValue: (label, value) => `${label} ${value}`,
  attemptRunning: (label, value, running) => `${label} ${value}（累计 ${running}）`,
  best: (value, label) => `取最好成绩 ${value}（${label}）`,
  attemptsTotal: (value) => `合计 ${value}`,
  issue: {
    noMarks: '尚无分数',
    marksPending: (received, expected) => `已收到 ${received}/${expected} 个分数，等待其余裁判`,
    tooManyMarks: (received, expected) =>
      `收到 ${received} 个分数，多于 ${expected} 名裁判，须裁判长处理`,
    spreadExceeded: (spread, limit) => `分差 ${spread} 超过允许的 ${limit}，须裁判长复核`,
    judgeAbsent: (judges) => `裁判 ${judges} 缺席，按规则须裁判长处理`,
    cannotTrim: (received) => `只有 ${received} 个分数，无法按规则去分，须裁判长处理`,
    marksDiffer: '各记录值不一致，须裁判长核对',
    missingParameter: (name) => `缺少「${name}」`,
    attemptsPending: (complete, required) => `已完成 ${complete} 次，需要 ${required} 次`,
  },
};

export const EN: Phrases = {
  list: (items) => items.join(', '),
  join: (parts) => `${parts.join('; ')}.`,
  marks: (count, values) => `marks from ${count} judge${count === 1 ? '' : 's'}: ${values}`,
  recorded: (value) => `recorded ${value}`,
  subtotals: (values) => `judges' subtotals ${values}`,
  judgeValue: (judge, value) => `${judge} ${value}`,
  dropped: (count, high, low) =>
    count === 1
      ? `dropping the highest ${high} and the lowest ${low}`
      : `dropping the ${count} highest (${high}) and the ${count} lowest (${low})`,
  panelResult: (method, kept, value) => {
    switch (method) {
      case 'mean':
      case 'trimmed_mean':
        return `mean ${value}`;
      case 'median':
        return `median ${value}`;
      case 'middle_sum':
        return `the middle ${kept} add up to ${value}`;
      case 'sum':
        return `sum ${value}`;
      case 'single':
        return `recorded ${value}`;
      default:
        return method satisfies never;
    }
  },
  absentTrimmed: (judges) => `judge ${judges} absent, the remaining marks count`,
  absentSubstituted: (judges) => `judge ${judges} absent, replaced by the others' mean`,
  absentAccepted: (judges) => `judge ${judges} absent, the head judge accepted the remaining marks`,
  absentRefused: (judges) => `judge ${judges} absent`,
  substitute: (value) => `substitute mark ${value}`,
  spreadAccepted: (spread, limit) =>
    `spread ${spread} over the ${limit} limit, accepted by the head judge`,
  eachMark: (operation, values) => `each mark ${operation}: ${values}`,
  operation: (op, operand, name) => {
    const what = name === undefined ? operand : `${name} ${operand}`;
    switch (op) {
      case 'add':
        return `plus ${what}`;
      case 'subtract':
        return `minus ${what}`;
      case 'multiply':
        return `× ${what}`;
      case 'divide':
        return `÷ ${what}`;
      case 'at_least':
        return `at least ${what}`;
      case 'at_most':
        return `at most ${what}`;
      default:
        return op satisfies never;
    }
  },
  rounding: (places, step, mode) =>
    step === undefined
      ? `to ${places ?? 0} decimal${places === 1 ? '' : 's'} (${EN_MODES[mode]})`
      : `to a multiple of ${step} (${EN_MODES[mode]})`,
  roundedNote: (value, places, step, mode) =>
    step === undefined
      ? `${value} (to ${places ?? 0} decimals, ${EN_MODES[mode]})`
      : `${value} (to a multiple of ${step}, ${EN_MODES[mode]})`,
  equals: (expression, result) => `${expression} = ${result}`,
  level: (level, top, max, result) => `level ${level} ÷ ${top} × ${max} points = ${result}`,
  passFail: (passed, points) => (passed ? `pass, ${points} points` : 'fail, 0 points'),
  withinLimits: (measured, limits, passed, points) =>
    passed
      ? `measured ${measured}, within ${limits}: ${points} points`
      : `measured ${measured}, outside ${limits}: 0 points`,
  inBand: (measured, band, limits, points) =>
    band === undefined
      ? `measured ${measured}, in no band: 0 points`
      : `measured ${measured}, band ${band} (${limits}): ${points} points`,
  limits: (lower, upper) =>
    lower === undefined ? `≤ ${upper}` : upper === undefined ? `≥ ${lower}` : `${lower}–${upper}`,
  deduction: (occurrences, each, deducted, capped) =>
    `${occurrences} × ${each} points, ${deducted} deducted${capped ? ' (the cap)' : ''}`,
  deductionFromMax: (max, deducted, result) => `${max} − ${deducted} = ${result}`,
  time: (seconds, best, worst, result) =>
    `time ${seconds} s (full points at ${best} s, lowest at ${worst} s): ${result} points`,
  imported: (value) => `imported score ${value}`,
  importedScaled: (value, outOf, max, result) =>
    `imported score ${value} ÷ ${outOf} × ${max} = ${result}`,
  weighted: (name, value, weight) => `${name} ${value} × ${weight}`,
  missing: (name) => `${name} (not complete)`,
  attempt: (n) => `attempt ${n}`,
  attemptValue: (label, value) => `${label} ${value}`,
  attemptRunning: (label, value, running) => `${label} ${value} (running total ${running})`,
  best: (value, label) => `best ${value} (${label})`,
  attemptsTotal: (value) => `total ${value}`,
  issue: {
    noMarks: 'no marks yet',
    marksPending: (received, expected) =>
      `${received} of ${expected} marks in, waiting for the other judges`,
    tooManyMarks: (received, expected) =>
      `${received} marks for ${expected} judges: head judge to resolve`,
    spreadExceeded: (spread, limit) =>
      `marks span ${spread}, more than the ${limit} allowed: head judge to review`,
    judgeAbsent: (judges) => `judge ${judges} absent: the rule leaves it to the head judge`,
    cannotTrim: (received) =>
      `only ${received} marks, too few to trim by the rule: head judge to resolve`,
    marksDiffer: 'the recorded values differ: head judge to check',
    missingParameter: (name) => `"${name}" is missing`,
    attemptsPending: (complete, required) => `${complete} of ${required} attempts done`,
  },
};

export function phrasesFor(language: Language): Phrases {
  return language === 'zh' ? ZH : EN;
}

/** A figure as it should be read: exact when it terminates, else "≈" and 4 decimals. */
export function figure(value: Exact): string {
  return value.isTerminating() ? value.toString() : `≈${value.toFixed(4, 'half_even')}`;
}
