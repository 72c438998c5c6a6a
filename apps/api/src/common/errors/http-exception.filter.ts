import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import {
  type ErrorCode,
  type ErrorResponse,
  type Locale,
  pickLocale,
  translateError,
} from '@jingsai/contracts';
import {
  ForeignKeyConstraintViolationException,
  NotFoundError,
  UniqueConstraintViolationException,
} from '@mikro-orm/core';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { ZodError } from 'zod';
import { DomainError, type FieldIssue } from './domain-error';
import { toFieldIssues } from './zod-issues';

interface Rendered {
  status: number;
  code: ErrorCode;
  params?: Readonly<Record<string, string | number>>;
  issues?: FieldIssue[];
  headers?: Readonly<Record<string, string>>;
}

/** Body-parser errors carry a `type` (express's http-errors). */
interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
}

function formatBytes(bytes: number | undefined): string {
  if (!bytes) return '?';
  return bytes >= 1024 * 1024
    ? `${Math.round(bytes / 1024 / 1024)} MB`
    : `${Math.round(bytes / 1024)} KB`;
}

/** Maps what can go wrong in a request to a status and a stable code; anything else → 500. */
export function renderError(
  error: unknown,
  request: Pick<Request, 'method' | 'path'>,
): Rendered | null {
  if (error instanceof DomainError) {
    return {
      status: error.status,
      code: error.code,
      params: error.params,
      headers: error.headers,
      ...(error.issues ? { issues: error.issues } : {}),
    };
  }
  if (error instanceof ZodError) {
    return { status: 400, code: 'request.invalid', issues: toFieldIssues(error) };
  }
  if (error instanceof NotFoundError) {
    return { status: 404, code: 'entity.not_found', params: { entity: 'record' } };
  }
  if (
    error instanceof UniqueConstraintViolationException ||
    error instanceof ForeignKeyConstraintViolationException
  ) {
    return { status: 409, code: 'conflict' };
  }
  const bodyError = error as BodyParserError;
  if (bodyError?.type === 'entity.parse.failed') {
    return { status: 400, code: 'request.malformed_json' };
  }
  if (bodyError?.type === 'entity.too.large') {
    return {
      status: 413,
      code: 'request.too_large',
      params: { limit: formatBytes(bodyError.limit) },
    };
  }
  if (bodyError?.type && bodyError.status && bodyError.status >= 400 && bodyError.status < 500) {
    return { status: bodyError.status, code: 'request.invalid' };
  }
  if (error instanceof NotFoundException) {
    return {
      status: 404,
      code: 'route.not_found',
      params: { path: `${request.method} ${request.path}` },
    };
  }
  if (error instanceof HttpException && error.getStatus() < 500) {
    const status = error.getStatus();
    const code: ErrorCode =
      status === 401
        ? 'auth.unauthenticated'
        : status === 403
          ? 'auth.forbidden'
          : 'request.invalid';
    return { status, code };
  }
  return null;
}

export function errorBody(rendered: Rendered, locale: Locale): ErrorResponse {
  return {
    statusCode: rendered.status,
    code: rendered.code,
    message: translateError(rendered.code, locale, rendered.params),
    ...(rendered.issues
      ? {
          issues: rendered.issues.map((issue) => ({
            path: issue.path,
            message: issue.message[locale],
          })),
        }
      : {}),
  };
}

/**
 * The one place errors become HTTP responses: domain errors → their status, zod → 400 with the
 * issues, not found → 404, conflicts → 409, anything else → 500 with a correlation id that is
 * also in the log, and never a stack trace in the body.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    sendError(error, request, response, this.logger);
  }
}

export function sendError(
  error: unknown,
  request: Request,
  response: Response,
  logger: Pick<Logger, 'error'>,
): void {
  const locale = pickLocale(request.headers['accept-language']);
  const rendered = renderError(error, request);
  if (response.headersSent) return;
  if (rendered) {
    for (const [name, value] of Object.entries(rendered.headers ?? {}))
      response.setHeader(name, value);
    response.status(rendered.status).json(errorBody(rendered, locale));
    return;
  }
  const correlationId = String(request.id ?? randomUUID());
  logger.error({ err: error, correlationId }, `Unhandled error ${request.method} ${request.path}`);
  const body: ErrorResponse = {
    statusCode: 500,
    code: 'internal',
    message: translateError('internal', locale, { correlationId }),
    correlationId,
  };
  response.status(500).json(body);
}
