import type { SheetAspect } from '@jingsai/contracts';
import { Exact, type Aspect, type Rubric } from '@jingsai/scoring';

/** An aspect of the rubric with what the tablet and the mark path need to know about it. */
export interface RubricAspect {
  view: SheetAspect;
  aspect: Aspect;
  /** The aspect id and the ids of its criterion and module (an assignment may name any). */
  path: readonly string[];
  /** Attempts of the nearest node with attempts (0 when none: marks carry no attempt). */
  attempts: number;
}

export interface ValueProblem {
  min: string;
  max: string;
  step: string;
}

const str = (value: string | number | undefined): string | null =>
  value === undefined ? null : String(value);

/** Flattens the rubric's tree into its aspects, in rubric order. */
export function rubricAspects(rubric: Rubric): RubricAspect[] {
  const result: RubricAspect[] = [];
  for (const module of rubric.modules) {
    for (const criterion of module.criteria) {
      for (const aspect of criterion.aspects) {
        const attempts =
          aspect.attempts?.count ?? criterion.attempts?.count ?? module.attempts?.count ?? 0;
        result.push({
          aspect,
          attempts,
          path: [aspect.id, criterion.id, module.id],
          view: {
            aspectId: aspect.id,
            moduleName: module.name,
            criterionName: criterion.name,
            name: aspect.name,
            kind: aspect.kind,
            ...bounds(aspect),
            levels: levels(aspect),
            attempts: Math.max(attempts, 1),
            points: str(aspect.max),
            hint: hint(aspect),
          },
        });
      }
    }
  }
  return result;
}

function bounds(aspect: Aspect): { min: string | null; max: string | null; step: string | null } {
  switch (aspect.kind) {
    case 'judgement':
      return {
        min: str(aspect.scale.min) ?? '0',
        max: String(aspect.scale.top),
        step: String(aspect.scale.step),
      };
    case 'measurement':
      return aspect.rule.type === 'pass_fail'
        ? { min: '0', max: '1', step: '1' }
        : { min: null, max: null, step: null };
    case 'deduction':
      return { min: '0', max: null, step: '1' };
    case 'time':
      return { min: '0', max: null, step: null };
    case 'imported':
      return { min: '0', max: str(aspect.outOf ?? aspect.max), step: null };
  }
}

function levels(aspect: Aspect): SheetAspect['levels'] {
  if (aspect.kind !== 'judgement') return null;
  const min = Exact.parse(aspect.scale.min ?? 0);
  const top = Exact.parse(aspect.scale.top);
  const step = Exact.parse(aspect.scale.step);
  const count = top.sub(min).div(step).toSafeInteger();
  // Fine-grained scales (0–100 by 0.5) get a numeric pad, not buttons.
  if (count === undefined || count > 20) return null;
  const places = Math.max(decimals(aspect.scale.step), decimals(aspect.scale.min ?? 0));
  return Array.from({ length: count + 1 }, (_, i) => ({
    value: min.add(step.mul(Exact.of(i))).toFixed(places),
    label: null,
  }));
}

function decimals(value: string | number): number {
  const text = String(value);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

function hint(aspect: Aspect): SheetAspect['hint'] {
  switch (aspect.kind) {
    case 'measurement':
      if (aspect.rule.type === 'pass_fail')
        return { zh: '合格记 1，不合格记 0', en: '1 = pass, 0 = fail' };
      if (aspect.rule.type === 'all_or_nothing') {
        const range = `${aspect.rule.lower ?? '—'} – ${aspect.rule.upper ?? '—'}`;
        return {
          zh: `录入实测值；${range} 内得满分`,
          en: `Enter the measured value; ${range} earns full points`,
        };
      }
      return {
        zh: '录入实测值，按公差档得分',
        en: 'Enter the measured value; points by tolerance band',
      };
    case 'deduction':
      return {
        zh: `录入次数，每次扣 ${aspect.perOccurrence} 分${aspect.cap === undefined ? '' : `，最多扣 ${aspect.cap} 分`}`,
        en: `Enter the number of occurrences; ${aspect.perOccurrence} point(s) each${aspect.cap === undefined ? '' : `, at most ${aspect.cap}`}`,
      };
    case 'time':
      return { zh: '录入用时（秒）', en: 'Enter the time used in seconds' };
    case 'imported':
      return { zh: '由理论考试成绩导入', en: 'Imported from the theory exam results' };
    case 'judgement':
      return null;
  }
}

/** Whether a value fits the aspect's kind, range and step; the allowed range when it does not. */
export function checkValue(aspect: RubricAspect, value: string): ValueProblem | null {
  const parsed = Exact.tryParse(value);
  const view = aspect.view;
  const problem: ValueProblem = {
    min: view.min ?? '—',
    max: view.max ?? '—',
    step: view.step ?? '—',
  };
  if (!parsed) return problem;
  if (view.min !== null && parsed.lt(Exact.parse(view.min))) return problem;
  if (view.max !== null && parsed.gt(Exact.parse(view.max))) return problem;
  if (view.step !== null) {
    const base = Exact.parse(view.min ?? '0');
    if (!parsed.sub(base).div(Exact.parse(view.step)).isInteger()) return problem;
  }
  return null;
}

/** Whether an assignment's aspect ids (or criterion / module ids) cover the aspect. */
export function isAssigned(aspect: RubricAspect, assigned: readonly string[] | null): boolean {
  return assigned === null || aspect.path.some((id) => assigned.includes(id));
}
