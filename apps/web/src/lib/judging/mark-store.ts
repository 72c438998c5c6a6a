/**
 * Where the judge tablet keeps marks that are not yet acknowledged by the server: IndexedDB, so
 * a reload, a crash or a flat battery while offline loses nothing. The queue (mark-queue.ts)
 * only sees the `MarkStore` interface; tests run it on `fake-indexeddb` and on memory.
 */

/** Why the server refused a mark for good (a rejected ack, or a 4xx for the whole request). */
export interface MarkFailure {
  /** HTTP status when the whole request was refused; null for a mark rejected in its ack. */
  status: number | null;
  code: string;
  message: string;
}

/** A mark waiting on this device. */
export interface QueuedMark<P = unknown> {
  /** The client-generated idempotency key; the same key is sent on every retry. */
  key: string;
  /** The signed-in user who entered it; only their session sends it. */
  owner: string;
  /** The sheet (one entry's marks by one judge) the mark belongs to. */
  sheetId: string;
  /** The place on the sheet: aspect id, plus "#attempt" for aspects marked per attempt. */
  slot: string;
  /** The request body as it will be sent. */
  payload: P;
  /** Order of entry on this device (marks are sent oldest first). */
  seq: number;
  queuedAt: string;
  state: 'pending' | 'failed';
  /** Sending attempts that ended without an answer. */
  tries: number;
  failure: MarkFailure | null;
}

export interface MarkStore {
  /** Every queued mark, oldest first. */
  list(): Promise<QueuedMark[]>;
  put(mark: QueuedMark): Promise<void>;
  remove(key: string): Promise<void>;
  /** False when marks would not survive a reload (IndexedDB unavailable). */
  readonly persistent: boolean;
}

const bySeq = (a: QueuedMark, b: QueuedMark): number => a.seq - b.seq;

/** A store in memory: for tests and for browsers without IndexedDB. */
export class MemoryMarkStore implements MarkStore {
  readonly persistent = false;
  #marks = new Map<string, QueuedMark>();

  async list(): Promise<QueuedMark[]> {
    return [...this.#marks.values()].map((mark) => structuredClone(mark)).sort(bySeq);
  }

  async put(mark: QueuedMark): Promise<void> {
    this.#marks.set(mark.key, structuredClone(mark));
  }

  async remove(key: string): Promise<void> {
    this.#marks.delete(key);
  }
}

export const MARK_DB_NAME = 'jingsai-judging';
const MARK_DB_VERSION = 1;
const MARKS = 'marks';

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function completed(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB write failed'));
    transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB write aborted'));
  });
}

/** The queue in IndexedDB (one object store keyed by the idempotency key). */
export class IndexedDbMarkStore implements MarkStore {
  readonly persistent = true;
  #db: Promise<IDBDatabase> | null = null;

  constructor(
    private readonly factory: IDBFactory = globalThis.indexedDB,
    private readonly name: string = MARK_DB_NAME,
  ) {}

  #open(): Promise<IDBDatabase> {
    this.#db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = this.factory.open(this.name, MARK_DB_VERSION);
      request.onupgradeneeded = () => {
        const db = request.result;
        if (!db.objectStoreNames.contains(MARKS)) db.createObjectStore(MARKS, { keyPath: 'key' });
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'));
      request.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
    }).catch((error: unknown) => {
      this.#db = null; // try again next time
      throw error;
    });
    return this.#db;
  }

  async list(): Promise<QueuedMark[]> {
    const db = await this.#open();
    const marks = await promised(
      db.transaction(MARKS, 'readonly').objectStore(MARKS).getAll() as IDBRequest<QueuedMark[]>,
    );
    return marks.sort(bySeq);
  }

  async put(mark: QueuedMark): Promise<void> {
    const db = await this.#open();
    const transaction = db.transaction(MARKS, 'readwrite');
    transaction.objectStore(MARKS).put(mark);
    await completed(transaction);
  }

  async remove(key: string): Promise<void> {
    const db = await this.#open();
    const transaction = db.transaction(MARKS, 'readwrite');
    transaction.objectStore(MARKS).delete(key);
    await completed(transaction);
  }

  /** Closes the connection (tests; a later call reopens it). */
  async close(): Promise<void> {
    const db = await this.#db?.catch(() => null);
    db?.close();
    this.#db = null;
  }
}

/** IndexedDB when the browser has it, else memory (the UI then warns that a reload loses marks). */
export function defaultMarkStore(): MarkStore {
  return typeof globalThis.indexedDB === 'undefined'
    ? new MemoryMarkStore()
    : new IndexedDbMarkStore();
}
