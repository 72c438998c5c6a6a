/**
 * The one HTTP client of the web app. Same-origin fetch with the session cookie, JSON in and
 * out, the UI language as Accept-Language, and every failure turned into an `ApiError` that
 * carries the server's ErrorResponse (its `message` is already in the caller's language).
 */
import {
  ErrorResponse,
  type ChangePasswordRequest,
  type CheckInCard,
  type CheckInProgress,
  type CommitImportRequest,
  type DrawVerification,
  type ExportKind,
  type ExportSheet,
  type MyPlacement,
  type RoundDrawView,
  type Attendance,
  type CreateRegistrationRequest,
  type ImportView,
  type OpenCompetition,
  type RegistrationPage,
  type RegistrationQuery,
  type RegistrationView,
  type ReviewRegistrationRequest,
  type SelfRegistrationRequest,
  type WithdrawRegistrationRequest,
  type CloneCompetitionRequest,
  type CompetitionDetail,
  type CompetitionSetup,
  type CompetitionStatus,
  type CompetitionSummary,
  type CreateCompetitionRequest,
  type CreateUserRequest,
  type ErrorIssue,
  type EventRequest,
  type EventView,
  type LoginRequest,
  type CreateOrganisationRequest,
  type CreateTeamRequest,
  type OrganisationDetail,
  type OrganisationImportReport,
  type RegistrationHistoryEntry,
  type ReviewTeamRequest,
  type SubstituteRegistrationRequest,
  type TeamView,
  type UpdateOrganisationRequest,
  type UpdateTeamRequest,
  type PasswordResetResponse,
  type RoundRequest,
  type RubricVersionView,
  type SectorRequest,
  type SessionRequest,
  type SessionUser,
  type UpdateCompetitionRequest,
  type UserSummary,
} from '@jingsai/contracts';
import { i18n } from './i18n';

export const API_BASE = '/api/v1';

/** Codes the client itself produces when there is no usable ErrorResponse. */
export const CLIENT_ERROR_CODES = {
  network: 'client.network',
  unexpected: 'client.unexpected_response',
} as const;

export interface ApiErrorInit {
  status: number;
  code: string;
  message: string;
  issues?: ErrorIssue[];
  correlationId?: string;
  retryAfterSeconds?: number | null;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** HTTP status; 0 when the server could not be reached. */
  readonly status: number;
  readonly code: string;
  readonly issues: readonly ErrorIssue[];
  readonly correlationId: string | undefined;
  /** From the Retry-After header (429), in whole seconds. */
  readonly retryAfterSeconds: number | null;

  constructor(init: ApiErrorInit) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.issues = init.issues ?? [];
    this.correlationId = init.correlationId;
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
  }

  /** Validation issues keyed by field path (`username`, `roles[0].scopeId`); first one wins. */
  fieldErrors(): Record<string, string> {
    const fields: Record<string, string> = {};
    for (const issue of this.issues) fields[issue.path] ??= issue.message;
    return fields;
  }
}

/** Seconds to wait from a Retry-After header: delta-seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** What to show a person for any error thrown while talking to the API. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === CLIENT_ERROR_CODES.network) return i18n.t('error.network');
    if (error.code === CLIENT_ERROR_CODES.unexpected) {
      return i18n.t('error.unexpected', { status: error.status });
    }
    return error.message;
  }
  return i18n.t('error.title');
}

type UnauthenticatedHandler = (error: ApiError) => void;
let unauthenticatedHandler: UnauthenticatedHandler | null = null;

/**
 * Called when a request that needed a session got 401 (the session expired or was revoked).
 * The session store registers itself here; api.ts does not import it, to keep the graph acyclic.
 */
export function setUnauthenticatedHandler(handler: UnauthenticatedHandler | null): void {
  unauthenticatedHandler = handler;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  /** JSON, or FormData for a file upload (sent as multipart). */
  body?: unknown;
  signal?: AbortSignal;
  /** 401 is an expected answer here (login, "who am I"), not an expired session. */
  expectUnauthenticated?: boolean;
}

export async function request<T>(
  method: HttpMethod,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': i18n.locale,
  };
  const multipart = options.body instanceof FormData;
  if (options.body !== undefined && !multipart) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body:
        options.body === undefined
          ? undefined
          : multipart
            ? (options.body as FormData)
            : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({
      status: 0,
      code: CLIENT_ERROR_CODES.network,
      message: i18n.t('error.network'),
    });
  }

  if (response.ok) {
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }

  const error = await toApiError(response);
  if (error.status === 401 && !options.expectUnauthenticated) unauthenticatedHandler?.(error);
  throw error;
}

/** The ApiError for a failed response (also used by file downloads, lib/results/results-api.ts). */
export async function toApiError(response: Response): Promise<ApiError> {
  const retryAfterSeconds = parseRetryAfter(response.headers.get('Retry-After'));
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined; // an HTML error page from a proxy, an empty body…
  }
  const parsed = ErrorResponse.safeParse(body);
  if (parsed.success) {
    return new ApiError({
      status: response.status,
      code: parsed.data.code,
      message: parsed.data.message,
      issues: parsed.data.issues,
      correlationId: parsed.data.correlationId,
      retryAfterSeconds,
    });
  }
  return new ApiError({
    status: response.status,
    code: CLIENT_ERROR_CODES.unexpected,
    message: i18n.t('error.unexpected', { status: response.status }),
    retryAfterSeconds,
  });
}

const id = (value: string): string => encodeURIComponent(value);

/** `?a=1&b=x` from the defined, non-empty values (or '' when there are none). */
function queryString(values: Readonly<Record<string, string | number | undefined>>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

export type RegistrationFilter = Partial<RegistrationQuery>;

/** Where the browser downloads the organisation import template (XLSX). */
export const organisationTemplateUrl = (): string => `${API_BASE}/organisations/import-template`;

/** Where the browser downloads a competition's import template (XLSX). */
export const importTemplateUrl = (competitionId: string): string =>
  `${API_BASE}/competitions/${id(competitionId)}/registrations/import-template`;

/** Where the browser downloads every problem of one import (XLSX). */
export const importReportUrl = (competitionId: string, importId: string): string =>
  `${API_BASE}/competitions/${id(competitionId)}/registrations/imports/${id(importId)}/report`;

/** Where the browser downloads a roster, sign-in sheet or station plan (XLSX). */
export const exportXlsxUrl = (
  competitionId: string,
  roundId: string,
  kind: ExportKind,
  options: { sessionId?: string; full?: boolean } = {},
): string =>
  `${API_BASE}/competitions/${id(competitionId)}/rounds/${id(roundId)}/exports/${kind}/xlsx${queryString(
    {
      sessionId: options.sessionId,
      full: options.full ? 'true' : undefined,
    },
  )}`;

/** A person's ID photo (only for those allowed to see it). */
export const personPhotoUrl = (personId: string, version = ''): string =>
  `${API_BASE}/people/${id(personId)}/photo${version ? `?v=${encodeURIComponent(version)}` : ''}`;

export const api = {
  auth: {
    me: (signal?: AbortSignal) =>
      request<SessionUser>('GET', '/auth/me', { signal, expectUnauthenticated: true }),
    login: (body: LoginRequest) =>
      request<SessionUser>('POST', '/auth/login', { body, expectUnauthenticated: true }),
    logout: () => request<void>('POST', '/auth/logout', { expectUnauthenticated: true }),
    changePassword: (body: ChangePasswordRequest) =>
      request<void>('POST', '/auth/password', { body }),
  },
  users: {
    list: (signal?: AbortSignal) => request<UserSummary[]>('GET', '/users', { signal }),
    create: (body: CreateUserRequest) => request<UserSummary>('POST', '/users', { body }),
    resetPassword: (userId: string) =>
      request<PasswordResetResponse>('POST', `/users/${id(userId)}/password-reset`),
  },
  competitions: {
    list: (signal?: AbortSignal) =>
      request<CompetitionSummary[]>('GET', '/competitions', { signal }),
    get: (competitionId: string, signal?: AbortSignal) =>
      request<CompetitionDetail>('GET', `/competitions/${id(competitionId)}`, { signal }),
    create: (body: CreateCompetitionRequest) =>
      request<CompetitionSetup>('POST', '/competitions', { body }),
  },
  /** The organiser's side of one competition: settings, status, sectors, events, rounds. */
  setup: {
    get: (competitionId: string, signal?: AbortSignal) =>
      request<CompetitionSetup>('GET', `/competitions/${id(competitionId)}/setup`, { signal }),
    update: (competitionId: string, body: UpdateCompetitionRequest) =>
      request<CompetitionSetup>('PATCH', `/competitions/${id(competitionId)}`, { body }),
    changeStatus: (competitionId: string, status: CompetitionStatus) =>
      request<CompetitionSetup>('POST', `/competitions/${id(competitionId)}/status`, {
        body: { status },
      }),
    clone: (competitionId: string, body: CloneCompetitionRequest) =>
      request<CompetitionSetup>('POST', `/competitions/${id(competitionId)}/clone`, { body }),
    addSector: (competitionId: string, body: SectorRequest) =>
      request<CompetitionSetup>('POST', `/competitions/${id(competitionId)}/sectors`, { body }),
    addEvent: (competitionId: string, body: EventRequest) =>
      request<EventView>('POST', `/competitions/${id(competitionId)}/events`, { body }),
    updateEvent: (competitionId: string, eventId: string, body: EventRequest) =>
      request<EventView>('PUT', `/competitions/${id(competitionId)}/events/${id(eventId)}`, {
        body,
      }),
    addRound: (competitionId: string, eventId: string, body: RoundRequest) =>
      request<EventView>(
        'POST',
        `/competitions/${id(competitionId)}/events/${id(eventId)}/rounds`,
        { body },
      ),
    /** A `rubric` in the body is validated by the scoring engine and saved as a new version. */
    updateRound: (competitionId: string, roundId: string, body: RoundRequest) =>
      request<EventView>('PUT', `/competitions/${id(competitionId)}/rounds/${id(roundId)}`, {
        body,
      }),
    /** The current rubric version of a round, or version `version`. */
    rubric: (competitionId: string, roundId: string, version?: number, signal?: AbortSignal) =>
      request<RubricVersionView>(
        'GET',
        `/competitions/${id(competitionId)}/rounds/${id(roundId)}/rubric${
          version === undefined ? '' : `?version=${version}`
        }`,
        { signal },
      ),
    addSession: (competitionId: string, roundId: string, body: SessionRequest) =>
      request<EventView>(
        'POST',
        `/competitions/${id(competitionId)}/rounds/${id(roundId)}/sessions`,
        { body },
      ),
  },
  organisations: {
    list: (signal?: AbortSignal) =>
      request<OrganisationDetail[]>('GET', '/organisations', { signal }),
    create: (body: CreateOrganisationRequest) =>
      request<OrganisationDetail>('POST', '/organisations', { body }),
    update: (organisationId: string, body: UpdateOrganisationRequest) =>
      request<OrganisationDetail>('PATCH', `/organisations/${id(organisationId)}`, { body }),
    remove: (organisationId: string) =>
      request<void>('DELETE', `/organisations/${id(organisationId)}`),
    /** preview validates and reports; commit writes every row, or nothing if any row is wrong. */
    importFile: (file: File, mode: 'preview' | 'commit') => {
      const form = new FormData();
      form.append('file', file);
      return request<OrganisationImportReport>('POST', `/organisations/import${queryString({ mode })}`, {
        body: form,
      });
    },
  },
  /** Teams of team events: formed by the enterprise or an organiser, reviewed by organisers. */
  teams: {
    list: (competitionId: string, filter: { eventId?: string }, signal?: AbortSignal) =>
      request<TeamView[]>('GET', `/competitions/${id(competitionId)}/teams${queryString(filter)}`, {
        signal,
      }),
    create: (competitionId: string, body: CreateTeamRequest) =>
      request<TeamView>('POST', `/competitions/${id(competitionId)}/teams`, { body }),
    update: (competitionId: string, teamId: string, body: UpdateTeamRequest) =>
      request<TeamView>('PATCH', `/competitions/${id(competitionId)}/teams/${id(teamId)}`, { body }),
    addMember: (competitionId: string, teamId: string, registrationId: string) =>
      request<TeamView>('POST', `/competitions/${id(competitionId)}/teams/${id(teamId)}/members`, {
        body: { registrationId },
      }),
    removeMember: (competitionId: string, teamId: string, registrationId: string) =>
      request<TeamView>(
        'DELETE',
        `/competitions/${id(competitionId)}/teams/${id(teamId)}/members/${id(registrationId)}`,
      ),
    submit: (competitionId: string, teamId: string) =>
      request<TeamView>('POST', `/competitions/${id(competitionId)}/teams/${id(teamId)}/submit`),
    review: (competitionId: string, teamId: string, body: ReviewTeamRequest) =>
      request<TeamView>('POST', `/competitions/${id(competitionId)}/teams/${id(teamId)}/review`, {
        body,
      }),
    withdraw: (competitionId: string, teamId: string, reason: string | null) =>
      request<TeamView>('POST', `/competitions/${id(competitionId)}/teams/${id(teamId)}/withdraw`, {
        body: { reason },
      }),
  },
  /** Registration: public self-registration, the competitor's own, and the console. */
  registrations: {
    openCompetitions: (signal?: AbortSignal) =>
      request<OpenCompetition[]>('GET', '/public/competitions', { signal }),
    selfRegister: (competitionId: string, body: SelfRegistrationRequest) =>
      request<RegistrationView>('POST', `/public/competitions/${id(competitionId)}/registrations`, {
        body,
      }),
    mine: (signal?: AbortSignal) =>
      request<RegistrationView[]>('GET', '/me/registrations', { signal }),
    list: (competitionId: string, filter: RegistrationFilter, signal?: AbortSignal) =>
      request<RegistrationPage>(
        'GET',
        `/competitions/${id(competitionId)}/registrations${queryString(filter)}`,
        { signal },
      ),
    create: (competitionId: string, body: CreateRegistrationRequest) =>
      request<RegistrationView>('POST', `/competitions/${id(competitionId)}/registrations`, {
        body,
      }),
    review: (competitionId: string, registrationId: string, body: ReviewRegistrationRequest) =>
      request<RegistrationView>(
        'POST',
        `/competitions/${id(competitionId)}/registrations/${id(registrationId)}/review`,
        { body },
      ),
    withdraw: (competitionId: string, registrationId: string, body: WithdrawRegistrationRequest) =>
      request<RegistrationView>(
        'POST',
        `/competitions/${id(competitionId)}/registrations/${id(registrationId)}/withdraw`,
        { body },
      ),
    /** 换人: another worker of the same enterprise takes over the entry. */
    substitute: (
      competitionId: string,
      registrationId: string,
      body: SubstituteRegistrationRequest,
    ) =>
      request<RegistrationView>(
        'POST',
        `/competitions/${id(competitionId)}/registrations/${id(registrationId)}/substitute`,
        { body },
      ),
    history: (competitionId: string, registrationId: string, signal?: AbortSignal) =>
      request<RegistrationHistoryEntry[]>(
        'GET',
        `/competitions/${id(competitionId)}/registrations/${id(registrationId)}/history`,
        { signal },
      ),
  },
  /** Bulk registration from the XLSX template: upload, poll, commit or discard. */
  imports: {
    upload: (competitionId: string, file: File) => {
      const form = new FormData();
      form.append('file', file);
      return request<ImportView>(
        'POST',
        `/competitions/${id(competitionId)}/registrations/imports`,
        { body: form },
      );
    },
    get: (competitionId: string, importId: string, signal?: AbortSignal) =>
      request<ImportView>(
        'GET',
        `/competitions/${id(competitionId)}/registrations/imports/${id(importId)}`,
        { signal },
      ),
    commit: (competitionId: string, importId: string, body: CommitImportRequest) =>
      request<ImportView>(
        'POST',
        `/competitions/${id(competitionId)}/registrations/imports/${id(importId)}/commit`,
        { body },
      ),
    discard: (competitionId: string, importId: string) =>
      request<ImportView>(
        'POST',
        `/competitions/${id(competitionId)}/registrations/imports/${id(importId)}/discard`,
      ),
  },
  /** Draw (抽签), check-in (检录), exports and photos of a round. */
  draw: {
    /** The round's draw with one page of its entries (by session and station). */
    get: (competitionId: string, roundId: string, signal?: AbortSignal, offset = 0) =>
      request<RoundDrawView>(
        'GET',
        `/competitions/${id(competitionId)}/rounds/${id(roundId)}/draw${queryString({ offset: offset || undefined })}`,
        { signal },
      ),
    run: (competitionId: string, roundId: string, seed?: string) =>
      request<RoundDrawView>(
        'POST',
        `/competitions/${id(competitionId)}/rounds/${id(roundId)}/draw`,
        {
          body: seed ? { seed } : {},
        },
      ),
    verify: (competitionId: string, roundId: string, drawId: string, seed?: string) =>
      request<DrawVerification>(
        'POST',
        `/competitions/${id(competitionId)}/rounds/${id(roundId)}/draws/${id(drawId)}/verify`,
        { body: seed ? { seed } : {} },
      ),
    reveal: (competitionId: string, roundId: string) =>
      request<RoundDrawView>(
        'POST',
        `/competitions/${id(competitionId)}/rounds/${id(roundId)}/draw/reveal`,
      ),
    mine: (signal?: AbortSignal) => request<MyPlacement[]>('GET', '/me/placements', { signal }),
    findByNumber: (competitionId: string, roundId: string, number: string) =>
      request<CheckInCard>(
        'GET',
        `/competitions/${id(competitionId)}/rounds/${id(roundId)}/check-in${queryString({ number })}`,
      ),
    progress: (competitionId: string, roundId: string, signal?: AbortSignal) =>
      request<CheckInProgress>(
        'GET',
        `/competitions/${id(competitionId)}/rounds/${id(roundId)}/check-in/progress`,
        { signal },
      ),
    markAttendance: (
      competitionId: string,
      roundId: string,
      entryId: string,
      attendance: Attendance,
    ) =>
      request<CheckInCard>(
        'POST',
        `/competitions/${id(competitionId)}/rounds/${id(roundId)}/entries/${id(entryId)}/attendance`,
        { body: { attendance } },
      ),
    exportSheet: (
      competitionId: string,
      roundId: string,
      kind: ExportKind,
      options: { sessionId?: string; full?: boolean } = {},
      signal?: AbortSignal,
    ) =>
      request<ExportSheet>(
        'GET',
        `/competitions/${id(competitionId)}/rounds/${id(roundId)}/exports/${kind}${queryString({
          sessionId: options.sessionId,
          full: options.full ? 'true' : undefined,
        })}`,
        { signal },
      ),
    uploadPhoto: (personId: string, file: File) => {
      const form = new FormData();
      form.append('file', file);
      return request<{ personId: string; size: number }>('PUT', `/people/${id(personId)}/photo`, {
        body: form,
      });
    },
  },
};
