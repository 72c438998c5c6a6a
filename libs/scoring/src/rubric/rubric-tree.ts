import type { Aspect, Criterion, Rubric, RubricModule } from './rubric.schema';

/** The id of the rubric's root node (the total). */
export const TOTAL_NODE_ID = 'total';

export type IssuePath = readonly (string | number)[];

export type VisitedNode =
  | {
      readonly level: 'module';
      readonly node: RubricModule;
      readonly path: IssuePath;
      readonly ancestors: readonly VisitedNode[];
    }
  | {
      readonly level: 'criterion';
      readonly node: Criterion;
      readonly path: IssuePath;
      readonly ancestors: readonly VisitedNode[];
    }
  | {
      readonly level: 'aspect';
      readonly node: Aspect;
      readonly path: IssuePath;
      readonly ancestors: readonly VisitedNode[];
    };

/** Every module, criterion and aspect, parents before children, with its path in the JSON. */
export function walkRubric(rubric: Rubric): VisitedNode[] {
  const visited: VisitedNode[] = [];
  rubric.modules.forEach((module, m) => {
    const moduleVisit: VisitedNode = {
      level: 'module',
      node: module,
      path: ['modules', m],
      ancestors: [],
    };
    visited.push(moduleVisit);
    module.criteria.forEach((criterion, c) => {
      const criterionVisit: VisitedNode = {
        level: 'criterion',
        node: criterion,
        path: ['modules', m, 'criteria', c],
        ancestors: [moduleVisit],
      };
      visited.push(criterionVisit);
      criterion.aspects.forEach((aspect, a) => {
        visited.push({
          level: 'aspect',
          node: aspect,
          path: ['modules', m, 'criteria', c, 'aspects', a],
          ancestors: [moduleVisit, criterionVisit],
        });
      });
    });
  });
  return visited;
}

/** Formats a path as `modules[0].criteria[2].aspects[0].max`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text;
}
