import { formatPath } from './rubric/rubric-tree';

/** A problem in an input, at the path of the field to fix: `modules[0].criteria[2].aspects[0].max`. */
export interface InputIssue {
  readonly path: string;
  readonly message: string;
}

export function formatIssue(issue: InputIssue): string {
  return issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`;
}

abstract class InputError extends Error {
  protected constructor(
    what: string,
    readonly issues: readonly InputIssue[],
  ) {
    super(`${what}:\n${issues.map((issue) => `  ${formatIssue(issue)}`).join('\n')}`);
  }
}

/** The rubric does not pass its schema or its rules. */
export class InvalidRubricError extends InputError {
  constructor(issues: readonly InputIssue[]) {
    super('Invalid rubric', issues);
    this.name = 'InvalidRubricError';
  }
}

/** The marks do not pass their schema, or do not fit the rubric (unknown aspect, mark off the scale…). */
export class InvalidMarksError extends InputError {
  constructor(issues: readonly InputIssue[]) {
    super('Invalid marks', issues);
    this.name = 'InvalidMarksError';
  }
}

/** A value too large to be computed exactly (more than 15 significant digits in a panel). */
export class ScoringRangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScoringRangeError';
  }
}

export function issueAt(path: readonly PropertyKey[], message: string): InputIssue {
  return { path: formatPath(path), message };
}
