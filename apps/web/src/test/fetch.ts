import { vi } from 'vitest';

/** One answer of the fake API. */
export interface FakeReply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RecordedCall {
  method: string;
  path: string;
  /** The query string's parameters (the fake routes match on the path alone). */
  query: URLSearchParams;
  headers: Headers;
  body: unknown;
  credentials: RequestCredentials | undefined;
}

type Handler = FakeReply | ((call: RecordedCall) => FakeReply);

/**
 * Replace `fetch` with a fake API keyed by "METHOD /api/v1/path". Unknown routes answer 404 like
 * the server would, so a test never silently passes on a request it did not expect.
 */
export function fakeApi(routes: Record<string, Handler>): { calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const url = new URL(String(input), 'http://localhost');
      const method = init.method ?? 'GET';
      const call: RecordedCall = {
        method,
        path: url.pathname,
        query: url.searchParams,
        headers: new Headers(init.headers),
        body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
        credentials: init.credentials,
      };
      calls.push(call);
      const handler = routes[`${method} ${url.pathname}`];
      const reply: FakeReply =
        handler === undefined
          ? { status: 404, body: { statusCode: 404, code: 'route.not_found', message: 'no route' } }
          : typeof handler === 'function'
            ? handler(call)
            : handler;
      const status = reply.status ?? 200;
      const hasBody = reply.body !== undefined && status !== 204;
      return new Response(hasBody ? JSON.stringify(reply.body) : null, {
        status,
        headers: { ...(hasBody ? { 'Content-Type': 'application/json' } : {}), ...reply.headers },
      });
    }),
  );
  return { calls };
}

/** An ErrorResponse body as the API sends it. */
export function errorBody(
  statusCode: number,
  code: string,
  message: string,
  extra: { issues?: { path: string; message: string }[]; correlationId?: string } = {},
): FakeReply {
  return { status: statusCode, body: { statusCode, code, message, ...extra } };
}
