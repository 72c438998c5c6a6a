/**
 * The judge tablet's outbox. Every mark is written to the store (IndexedDB) with a fresh
 * idempotency key BEFORE anything is sent; a sender then delivers the marks oldest first, in
 * batches, whenever the browser is online:
 *
 * - acknowledged (stored, or a duplicate of a key already stored) → removed from the store and
 *   reported as saved;
 * - no answer / 401 / 408 / 429 / 5xx → kept, retried with exponential backoff (and at once
 *   when the browser reports it is back online); the same key is sent again, so the server
 *   stores the mark once however often it is retried;
 * - refused (a rejected ack, or any other 4xx) → kept as failed with the server's message,
 *   shown beside the mark; the judge retries, corrects or discards it. Later marks are still sent.
 *
 * Framework-free; `judging-queue.svelte.ts` mirrors its snapshot into runes for the UI.
 */
import type { MarkFailure, MarkStore, QueuedMark } from './mark-store';

/** What `send` throws; `ApiError` from lib/api.ts has this shape (status 0 = no answer). */
export interface SendError {
  status: number;
  code?: string;
  message: string;
}

export interface MarkQueueSnapshot<P = unknown> {
  /** Marks not yet acknowledged (pending and failed), oldest first. */
  marks: readonly QueuedMark<P>[];
  online: boolean;
  /** The keys being sent right now. */
  sending: readonly string[];
  /** When the next retry after a failed attempt is due (ms since epoch), if one is scheduled. */
  retryAt: number | null;
  /** The last reason a mark could not be delivered (no connection, server error). */
  lastProblem: SendError | null;
}

export interface MarkQueueEvents<P, A> {
  /** A mark was acknowledged by the server with this answer. */
  saved?: (mark: QueuedMark<P>, answer: A) => void;
  /** Something changed in the snapshot. */
  changed?: (snapshot: MarkQueueSnapshot<P>) => void;
}

export interface Timers {
  setTimeout: (callback: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
  now: () => number;
}

/** The server's answer for one mark of a batch. */
export type MarkOutcome<A> =
  { key: string; saved: true; answer: A } | { key: string; saved: false; failure: MarkFailure };

export interface MarkQueueOptions<P, A> {
  store: MarkStore;
  /**
   * Sends a batch (oldest first) and answers per mark. Throwing means the request as a whole
   * failed: with no answer, 401, 408, 429 or 5xx it is retried; any other status refuses the batch.
   */
  send: (marks: QueuedMark<P>[]) => Promise<readonly MarkOutcome<A>[]>;
  /** Marks per request (default 50). */
  batchSize?: number;
  events?: MarkQueueEvents<P, A>;
  /** Whether the browser believes it is online (navigator.onLine by default). */
  isOnline?: () => boolean;
  /** Where online/offline events come from (window by default; null: none). */
  eventTarget?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null;
  timers?: Timers;
  newKey?: () => string;
  /** First retry delay; doubles per failed attempt up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
}

export interface EnqueueInput<P> {
  owner: string;
  sheetId: string;
  slot: string;
  /** Builds the request body from the idempotency key the queue generated. */
  payload: (key: string) => P;
}

const defaultTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

/** Whether an answer means "try the same mark again later" rather than "refused". */
export function isRetryable(error: SendError): boolean {
  return (
    error.status === 0 ||
    error.status === 401 ||
    error.status === 408 ||
    error.status === 429 ||
    error.status >= 500
  );
}

function asSendError(error: unknown): SendError {
  if (typeof error === 'object' && error !== null && 'status' in error) {
    const { status, code, message } = error as {
      status: unknown;
      code?: unknown;
      message?: unknown;
    };
    if (typeof status === 'number') {
      return {
        status,
        code: typeof code === 'string' ? code : undefined,
        message: typeof message === 'string' ? message : '',
      };
    }
  }
  // A fetch that threw outright (TypeError: Failed to fetch) is a network failure.
  return { status: 0, message: error instanceof Error ? error.message : String(error) };
}

export class MarkQueue<P = unknown, A = unknown> {
  readonly #store: MarkStore;
  readonly #send: (marks: QueuedMark<P>[]) => Promise<readonly MarkOutcome<A>[]>;
  readonly #batchSize: number;
  readonly #events: MarkQueueEvents<P, A>;
  readonly #isOnline: () => boolean;
  readonly #eventTarget: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null;
  readonly #timers: Timers;
  readonly #newKey: () => string;
  readonly #baseDelayMs: number;
  readonly #maxDelayMs: number;
  readonly #random: () => number;

  #marks: QueuedMark<P>[] = [];
  #owner: string | null = null;
  #online: boolean;
  #sending: string[] = [];
  #retryAt: number | null = null;
  #retryHandle: unknown = null;
  #failedAttempts = 0;
  #lastProblem: SendError | null = null;
  #flushing: Promise<void> | null = null;
  #again = false;
  #started: Promise<void> | null = null;
  #stopped = false;

  constructor(options: MarkQueueOptions<P, A>) {
    this.#store = options.store;
    this.#send = options.send;
    this.#batchSize = Math.max(1, options.batchSize ?? 50);
    this.#events = options.events ?? {};
    this.#isOnline = options.isOnline ?? (() => globalThis.navigator?.onLine ?? true);
    this.#eventTarget =
      options.eventTarget === undefined
        ? typeof window === 'undefined'
          ? null
          : window
        : options.eventTarget;
    this.#timers = options.timers ?? defaultTimers;
    this.#newKey = options.newKey ?? (() => globalThis.crypto.randomUUID());
    this.#baseDelayMs = options.baseDelayMs ?? 1_000;
    this.#maxDelayMs = options.maxDelayMs ?? 30_000;
    this.#random = options.random ?? Math.random;
    this.#online = this.#isOnline();
  }

  get snapshot(): MarkQueueSnapshot<P> {
    return {
      marks: this.#marks.map((mark) => ({ ...mark })),
      online: this.#online,
      sending: [...this.#sending],
      retryAt: this.#retryAt,
      lastProblem: this.#lastProblem,
    };
  }

  /** Whether marks survive a reload on this device. */
  get persistent(): boolean {
    return this.#store.persistent;
  }

  /**
   * Loads what an earlier visit left in the store and starts sending the marks of `owner` (the
   * signed-in user). Safe to call again, e.g. when another judge signs in on the tablet.
   */
  start(owner: string): Promise<void> {
    this.#owner = owner;
    this.#stopped = false;
    if (!this.#started) {
      this.#eventTarget?.addEventListener('online', this.#handleOnline);
      this.#eventTarget?.addEventListener('offline', this.#handleOffline);
      this.#started = this.#store.list().then((marks) => {
        // Marks enqueued while the store was loading are already in #marks.
        const known = new Set(this.#marks.map((mark) => mark.key));
        this.#marks = [
          ...(marks as QueuedMark<P>[]).filter((m) => !known.has(m.key)),
          ...this.#marks,
        ];
        this.#marks.sort((a, b) => a.seq - b.seq);
        this.#changed();
      });
    }
    return this.#started.then(() => this.flush());
  }

  /** Stops sending (sign-out, leaving the page); queued marks stay in the store. */
  stop(): void {
    this.#stopped = true;
    this.#clearRetry();
    this.#eventTarget?.removeEventListener('online', this.#handleOnline);
    this.#eventTarget?.removeEventListener('offline', this.#handleOffline);
    this.#started = null;
  }

  /** Stores a new mark (with a new idempotency key) and tries to send it. */
  async enqueue(input: EnqueueInput<P>): Promise<QueuedMark<P>> {
    const key = this.#newKey();
    const now = this.#timers.now();
    const lastSeq = this.#marks.reduce((max, mark) => Math.max(max, mark.seq), 0);
    const mark: QueuedMark<P> = {
      key,
      owner: input.owner,
      sheetId: input.sheetId,
      slot: input.slot,
      payload: input.payload(key),
      // Strictly increasing on this device even within one millisecond.
      seq: Math.max(now, lastSeq + 1),
      queuedAt: new Date(now).toISOString(),
      state: 'pending',
      tries: 0,
      failure: null,
    };
    await this.#store.put(mark);
    this.#marks.push(mark);
    this.#changed();
    void this.flush();
    return mark;
  }

  /** Sends a refused mark again (after the cause was fixed elsewhere, e.g. the sheet reopened). */
  async retry(key: string): Promise<void> {
    const mark = this.#marks.find((candidate) => candidate.key === key);
    if (!mark) return;
    mark.state = 'pending';
    mark.failure = null;
    await this.#store.put(mark);
    this.#changed();
    void this.flush();
  }

  /** Drops a refused mark from this device (it was never stored on the server). */
  async discard(key: string): Promise<void> {
    const mark = this.#marks.find((candidate) => candidate.key === key);
    if (!mark || mark.state !== 'failed') return;
    await this.#store.remove(key);
    this.#marks = this.#marks.filter((candidate) => candidate.key !== key);
    this.#changed();
  }

  /** The judge asked to send now: skip the rest of the backoff and try at once. */
  sendNow(): Promise<void> {
    this.#clearRetry();
    this.#changed();
    return this.flush();
  }

  /**
   * Delivers the pending marks of the current owner, oldest first. One delivery runs at a time;
   * a call during one makes it look again when it ends.
   */
  flush(): Promise<void> {
    if (this.#flushing) {
      this.#again = true;
      return this.#flushing;
    }
    this.#flushing = this.#deliver().finally(() => {
      this.#flushing = null;
    });
    return this.#flushing;
  }

  async #deliver(): Promise<void> {
    do {
      this.#again = false;
      await this.#deliverPending();
    } while (this.#again && !this.#stopped);
  }

  async #deliverPending(): Promise<void> {
    if (this.#stopped || this.#owner === null || !this.#online || this.#retryHandle !== null) {
      return;
    }
    for (;;) {
      const owner = this.#owner;
      const batch = this.#marks
        .filter((candidate) => candidate.state === 'pending' && candidate.owner === owner)
        .slice(0, this.#batchSize);
      if (batch.length === 0 || this.#stopped) return;
      this.#sending = batch.map((mark) => mark.key);
      this.#changed();
      let outcomes: readonly MarkOutcome<A>[];
      try {
        outcomes = await this.#send(batch);
      } catch (caught) {
        this.#sending = [];
        const error = asSendError(caught);
        if (isRetryable(error)) {
          await this.#keepForRetry(batch, error);
          return;
        }
        // The request as a whole was refused (a malformed body, 403): every mark in it is.
        for (const mark of batch) {
          await this.#fail(mark, {
            status: error.status,
            code: error.code ?? 'unknown',
            message: error.message,
          });
        }
        this.#changed();
        continue;
      }
      this.#sending = [];
      const byKey = new Map(outcomes.map((outcome) => [outcome.key, outcome]));
      const unanswered: QueuedMark<P>[] = [];
      for (const mark of batch) {
        const outcome = byKey.get(mark.key);
        if (!outcome) unanswered.push(mark);
        else if (outcome.saved) {
          await this.#store.remove(mark.key).catch(() => undefined);
          this.#marks = this.#marks.filter((candidate) => candidate.key !== mark.key);
          this.#events.saved?.(mark, outcome.answer);
        } else {
          await this.#fail(mark, outcome.failure);
        }
      }
      if (unanswered.length > 0) {
        // The server left marks unanswered: keep them and ask again later.
        await this.#keepForRetry(unanswered, { status: 0, message: 'no acknowledgement' });
        return;
      }
      this.#failedAttempts = 0;
      this.#lastProblem = null;
      this.#changed();
    }
  }

  async #keepForRetry(marks: QueuedMark<P>[], error: SendError): Promise<void> {
    for (const mark of marks) {
      mark.tries += 1;
      await this.#store.put(mark).catch(() => undefined);
    }
    this.#lastProblem = error;
    this.#scheduleRetry();
    this.#changed();
  }

  async #fail(mark: QueuedMark<P>, failure: MarkFailure): Promise<void> {
    mark.state = 'failed';
    mark.failure = failure;
    await this.#store.put(mark).catch(() => undefined);
  }

  #scheduleRetry(): void {
    this.#clearRetry();
    const exponential = this.#baseDelayMs * 2 ** Math.min(this.#failedAttempts, 16);
    this.#failedAttempts += 1;
    // Full jitter on the upper half, so 200 tablets coming back together do not retry in step.
    const capped = Math.min(this.#maxDelayMs, exponential);
    const delay = Math.round(capped / 2 + (capped / 2) * this.#random());
    this.#retryAt = this.#timers.now() + delay;
    this.#retryHandle = this.#timers.setTimeout(() => {
      this.#retryHandle = null;
      this.#retryAt = null;
      void this.flush();
    }, delay);
  }

  #clearRetry(): void {
    if (this.#retryHandle !== null) this.#timers.clearTimeout(this.#retryHandle);
    this.#retryHandle = null;
    this.#retryAt = null;
  }

  readonly #handleOnline = (): void => {
    this.#online = true;
    // The connection is back: try at once rather than waiting out the backoff.
    this.#clearRetry();
    this.#failedAttempts = 0;
    this.#changed();
    void this.flush();
  };

  readonly #handleOffline = (): void => {
    this.#online = false;
    this.#changed();
  };

  #changed(): void {
    this.#events.changed?.(this.snapshot);
  }
}
