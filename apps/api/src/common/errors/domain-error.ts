import type { ErrorCode } from '@jingsai/contracts';

export type MessageParams = Readonly<Record<string, string | number>>;

/**
 * Base of every error the domain throws on purpose. The global exception filter turns it into
 * `{statusCode, code, message}` with the message in the caller's language.
 */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly code: ErrorCode;
  /** Per-field problems, listed in the response body when present. */
  readonly issues?: FieldIssue[];

  constructor(
    readonly params: MessageParams = {},
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super();
    this.name = new.target.name;
  }

  override get message(): string {
    return `${this.code} ${JSON.stringify(this.params)}`;
  }
}

export class NotAuthenticatedError extends DomainError {
  readonly status = 401;
  readonly code = 'auth.unauthenticated';
}

export class ForbiddenError extends DomainError {
  readonly status = 403;
  readonly code = 'auth.forbidden';
}

export class PasswordChangeRequiredError extends DomainError {
  readonly status = 403;
  readonly code = 'auth.password_change_required';
}

export class EntityNotFoundError extends DomainError {
  readonly status = 404;
  readonly code = 'entity.not_found';

  constructor(entity: string, id?: string) {
    super({ entity, ...(id ? { id } : {}) });
  }
}

export class ConflictError extends DomainError {
  readonly status: number = 409;
  readonly code: ErrorCode = 'conflict';
}

/** A request whose shape is right but whose content breaks a rule, with per-field issues. */
export interface FieldIssue {
  path: string;
  message: { 'zh-CN': string; en: string };
}

export class RequestValidationError extends DomainError {
  readonly status = 400;
  readonly code = 'request.invalid';

  constructor(override readonly issues: FieldIssue[]) {
    super();
  }
}
