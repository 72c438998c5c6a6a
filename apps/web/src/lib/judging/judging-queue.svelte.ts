/**
 * The judge tablet's outbox as UI state: what is waiting, what was refused, whether the browser
 * is online. One instance per page load (`judgingQueue`), started for the signed-in judge by
 * the judging pages. The marks themselves live in IndexedDB (see mark-queue.ts / mark-store.ts).
 */
import type { MarkAck, MarkInput } from '@jingsai/contracts';
import { SvelteMap } from 'svelte/reactivity';
import { deviceId, nowIso } from './device';
import { judgingApi } from './judging-api';
import { MarkQueue, type MarkOutcome, type MarkQueueSnapshot, type SendError } from './mark-queue';
import { defaultMarkStore, type MarkStore, type QueuedMark } from './mark-store';

export type QueuedSheetMark = QueuedMark<MarkInput>;

/** Where a mark goes on a sheet: the aspect, and the attempt when the aspect has several. */
export function slotOf(aspectId: string, attempt?: number | null): string {
  return attempt === undefined || attempt === null ? aspectId : `${aspectId}#${attempt}`;
}

/** A mark acknowledged by the server during this visit. */
export interface SavedMark {
  key: string;
  markId: string | null;
  value: string;
  savedAt: number;
}

export type SendMarks = (marks: QueuedSheetMark[]) => Promise<readonly MarkOutcome<MarkAck>[]>;

/** Sends a batch to POST /judging/marks and reads the per-mark acks. */
export const sendMarks: SendMarks = async (marks) => {
  const response = await judgingApi.submitMarks({
    deviceId: deviceId(),
    marks: marks.map((mark) => mark.payload),
  });
  return response.acks.map((ack): MarkOutcome<MarkAck> =>
    ack.status === 'rejected'
      ? {
          key: ack.key,
          saved: false,
          failure: {
            status: null,
            code: ack.error?.code ?? 'judging.rejected',
            message: ack.error?.message ?? '',
          },
        }
      : { key: ack.key, saved: true, answer: ack },
  );
};

export interface EnterMark {
  sheetId: string;
  aspectId: string;
  attempt?: number | null;
  value: string;
  reason?: string | null;
}

export class JudgingQueue {
  marks = $state.raw<readonly QueuedSheetMark[]>([]);
  online = $state(true);
  sending = $state.raw<readonly string[]>([]);
  retryAt = $state<number | null>(null);
  lastProblem = $state.raw<SendError | null>(null);
  persistent = $state(true);
  /** Acknowledged this visit, by `${sheetId}/${slot}`: the latest saved mark. */
  readonly saved = new SvelteMap<string, SavedMark>();
  owner = $state<string | null>(null);

  #queue: MarkQueue<MarkInput, MarkAck> | null = null;
  readonly #createStore: () => MarkStore;
  readonly #send: SendMarks;

  constructor(options: { store?: () => MarkStore; send?: SendMarks } = {}) {
    this.#createStore = options.store ?? defaultMarkStore;
    this.#send = options.send ?? sendMarks;
  }

  /** This judge's marks not yet acknowledged (pending and refused). */
  get mine(): readonly QueuedSheetMark[] {
    return this.marks.filter((mark) => mark.owner === this.owner);
  }

  get pendingCount(): number {
    return this.mine.filter((mark) => mark.state === 'pending').length;
  }

  get failedCount(): number {
    return this.mine.filter((mark) => mark.state === 'failed').length;
  }

  /** Starts sending the marks of `owner` (the signed-in user's id). */
  start(owner: string): Promise<void> {
    this.owner = owner;
    this.#queue ??= new MarkQueue<MarkInput, MarkAck>({
      store: this.#createStore(),
      send: this.#send,
      events: {
        changed: (snapshot) => this.#apply(snapshot),
        saved: (mark, ack) => this.#remember(mark, ack),
      },
    });
    this.persistent = this.#queue.persistent;
    return this.#queue.start(owner);
  }

  stop(): void {
    this.#queue?.stop();
  }

  /** Queues a mark (stored on this device first) and sends it as soon as it can. */
  async enter(input: EnterMark): Promise<QueuedSheetMark> {
    const queue = this.#queue;
    const owner = this.owner;
    if (!queue || owner === null) throw new Error('the judging queue has not been started');
    const slot = slotOf(input.aspectId, input.attempt);
    return queue.enqueue({
      owner,
      sheetId: input.sheetId,
      slot,
      payload: (key): MarkInput => ({
        key,
        sheetId: input.sheetId,
        aspectId: input.aspectId,
        ...(input.attempt ? { attempt: input.attempt } : {}),
        value: input.value,
        ...(input.reason ? { reason: input.reason } : {}),
        clientTime: nowIso(),
      }),
    });
  }

  retry(key: string): Promise<void> {
    return this.#queue?.retry(key) ?? Promise.resolve();
  }

  discard(key: string): Promise<void> {
    return this.#queue?.discard(key) ?? Promise.resolve();
  }

  /** Tries to send now, without waiting out the backoff (the "send now" button). */
  sendNow(): Promise<void> {
    return this.#queue?.sendNow() ?? Promise.resolve();
  }

  /** This judge's queued marks for one place on a sheet, oldest first. */
  queuedFor(sheetId: string, slot: string): QueuedSheetMark[] {
    return this.mine.filter((mark) => mark.sheetId === sheetId && mark.slot === slot);
  }

  /** This judge's queued marks for one sheet. */
  queuedForSheet(sheetId: string): QueuedSheetMark[] {
    return this.mine.filter((mark) => mark.sheetId === sheetId);
  }

  savedFor(sheetId: string, slot: string): SavedMark | undefined {
    return this.saved.get(`${sheetId}/${slot}`);
  }

  #apply(snapshot: MarkQueueSnapshot<MarkInput>): void {
    this.marks = snapshot.marks;
    this.online = snapshot.online;
    this.sending = snapshot.sending;
    this.retryAt = snapshot.retryAt;
    this.lastProblem = snapshot.lastProblem;
  }

  #remember(mark: QueuedSheetMark, ack: MarkAck): void {
    this.saved.set(`${mark.sheetId}/${mark.slot}`, {
      key: mark.key,
      markId: ack.markId,
      value: mark.payload.value,
      savedAt: Date.now(),
    });
  }
}

export const judgingQueue = new JudgingQueue();
