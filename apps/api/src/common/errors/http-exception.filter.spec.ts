import type { Request, Response } from 'express';
import { sendError } from './http-exception.filter';
import { EntityNotFoundError } from './domain-error';

function fakeExchange(acceptLanguage?: string) {
  const sent: { status?: number; body?: unknown; headers: Record<string, string> } = {
    headers: {},
  };
  const response = {
    headersSent: false,
    setHeader: (name: string, value: string) => (sent.headers[name] = value),
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: unknown) {
      sent.body = body;
      return this;
    },
  } as unknown as Response;
  const request = {
    method: 'GET',
    path: '/api/v1/x',
    id: 'req-42',
    headers: acceptLanguage ? { 'accept-language': acceptLanguage } : {},
  } as unknown as Request;
  return { request, response, sent };
}

describe('the global exception filter', () => {
  it('turns an unexpected error into a 500 with a correlation id and no stack or internals', () => {
    const { request, response, sent } = fakeExchange('en');
    const logged: unknown[] = [];
    sendError(new Error('connection string postgres://secret@db leaked'), request, response, {
      error: (...args: unknown[]) => logged.push(args),
    });
    expect(sent.status).toBe(500);
    expect(sent.body).toEqual({
      statusCode: 500,
      code: 'internal',
      correlationId: 'req-42',
      message: 'Internal server error; please give the administrator the reference req-42',
    });
    expect(JSON.stringify(sent.body)).not.toMatch(/secret|stack|at /);
    expect(logged).toHaveLength(1);
  });

  it('maps a domain error to its status and a localized message', () => {
    const { request, response, sent } = fakeExchange();
    sendError(new EntityNotFoundError('竞赛'), request, response, { error: () => undefined });
    expect(sent.status).toBe(404);
    expect(sent.body).toMatchObject({ code: 'entity.not_found', message: '未找到竞赛' });
  });
});
