import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import {
  MarkQueue,
  type MarkOutcome,
  type MarkQueueSnapshot,
  type SendError,
  type Timers,
} from './mark-queue';
import { IndexedDbMarkStore, MemoryMarkStore, type QueuedMark } from './mark-store';

interface Body {
  idempotencyKey: string;
  aspect: string;
  value: string;
}

/**
 * A stand-in for the API: stores a mark once per idempotency key (a replay answers with the
 * stored one) and can be told to drop the connection, lose the answer or refuse a value.
 */
class FakeServer {
  stored = new Map<string, Body>();
  requests: string[] = [];
  down = false;
  /** Store the mark, then "lose" the answer as a dropped connection would. */
  loseNextAnswer = false;
  refuse: ((body: Body) => SendError | null) | null = null;

  /** A status for the whole request (e.g. 403), as the API answers when it refuses the caller. */
  refuseRequest: SendError | null = null;
  /** Answer only the first N marks of a batch (a broken server). */
  answerOnly: number | null = null;
  batches: number[] = [];

  send = async (marks: QueuedMark<Body>[]): Promise<MarkOutcome<{ id: string }>[]> => {
    await Promise.resolve();
    this.batches.push(marks.length);
    for (const mark of marks) this.requests.push(mark.payload.idempotencyKey);
    if (this.down) throw Object.assign(new TypeError('Failed to fetch'), { status: 0 });
    if (this.refuseRequest) throw this.refuseRequest;
    const outcomes: MarkOutcome<{ id: string }>[] = [];
    for (const mark of marks.slice(0, this.answerOnly ?? marks.length)) {
      const refusal = this.refuse?.(mark.payload);
      if (refusal) {
        outcomes.push({
          key: mark.key,
          saved: false,
          failure: { status: null, code: refusal.code ?? 'x', message: refusal.message },
        });
        continue;
      }
      if (!this.stored.has(mark.payload.idempotencyKey)) {
        this.stored.set(mark.payload.idempotencyKey, { ...mark.payload });
      }
      outcomes.push({ key: mark.key, saved: true, answer: { id: `mark-${mark.key}` } });
    }
    if (this.loseNextAnswer) {
      this.loseNextAnswer = false;
      throw { status: 0, message: 'connection reset' };
    }
    return outcomes;
  };
}

/** Timers the test fires by hand. */
class ManualTimers implements Timers {
  clock = Date.parse('2026-05-20T09:00:00Z');
  scheduled: { at: number; callback: () => void; handle: number }[] = [];
  #next = 1;
  setTimeout = (callback: () => void, ms: number): unknown => {
    const handle = this.#next++;
    this.scheduled.push({ at: this.clock + ms, callback, handle });
    return handle;
  };
  clearTimeout = (handle: unknown): void => {
    this.scheduled = this.scheduled.filter((timer) => timer.handle !== handle);
  };
  now = (): number => this.clock;
  /** Fires the next timer, moving the clock to its time. */
  fireNext(): number {
    const timer = this.scheduled.sort((a, b) => a.at - b.at).shift();
    if (!timer) throw new Error('no timer scheduled');
    const waited = timer.at - this.clock;
    this.clock = timer.at;
    timer.callback();
    return waited;
  }
}

function setup(
  options: {
    online?: boolean;
    store?: MemoryMarkStore | IndexedDbMarkStore;
    server?: FakeServer;
    network?: EventTarget;
    timers?: ManualTimers;
  } = {},
) {
  const server = options.server ?? new FakeServer();
  const network = options.network ?? new EventTarget();
  const timers = options.timers ?? new ManualTimers();
  let online = options.online ?? true;
  let keys = 0;
  const saved: string[] = [];
  const snapshots: MarkQueueSnapshot<Body>[] = [];
  const store = options.store ?? new MemoryMarkStore();
  const queue = new MarkQueue<Body, { id: string }>({
    store,
    send: server.send,
    isOnline: () => online,
    eventTarget: network,
    timers,
    newKey: () => `key-${String(++keys).padStart(3, '0')}-${Math.random().toString(36).slice(2)}`,
    random: () => 1,
    events: {
      saved: (mark) => saved.push(mark.slot),
      changed: (snapshot) => snapshots.push(snapshot),
    },
  });
  const goOffline = (): void => {
    online = false;
    network.dispatchEvent(new Event('offline'));
  };
  const goOnline = (): void => {
    online = true;
    network.dispatchEvent(new Event('online'));
  };
  const mark = (aspect: string, value: string, owner = 'judge-1') =>
    queue.enqueue({
      owner,
      sheetId: 'sheet-1',
      slot: aspect,
      payload: (idempotencyKey) => ({ idempotencyKey, aspect, value }),
    });
  return { queue, server, store, timers, saved, snapshots, goOffline, goOnline, mark };
}

/** Lets queued promise chains (and fake-indexeddb's callbacks) run. */
async function settle(queue: MarkQueue<Body, { id: string }>): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await queue.flush();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

describe('MarkQueue', () => {
  it('sends a mark once and forgets it when the server acknowledges it', async () => {
    const t = setup();
    await t.queue.start('judge-1');
    await t.mark('finish', '2');
    await settle(t.queue);

    expect([...t.server.stored.values()]).toEqual([
      expect.objectContaining({ aspect: 'finish', value: '2' }),
    ]);
    expect(t.server.requests).toHaveLength(1);
    expect(t.saved).toEqual(['finish']);
    expect(t.queue.snapshot.marks).toEqual([]);
    expect(await t.store.list()).toEqual([]);
  });

  it('writes the mark to the store before it is sent', async () => {
    const t = setup();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const send = t.server.send;
    t.server.send = async (marks) => {
      await gate;
      return send(marks);
    };
    const queue = new MarkQueue<Body, { id: string }>({
      store: t.store,
      send: (marks) => t.server.send(marks),
      isOnline: () => true,
      eventTarget: null,
      timers: t.timers,
    });
    await queue.start('judge-1');
    const queued = await queue.enqueue({
      owner: 'judge-1',
      sheetId: 'sheet-1',
      slot: 'finish',
      payload: (idempotencyKey) => ({ idempotencyKey, aspect: 'finish', value: '3' }),
    });

    const inStore = await t.store.list();
    expect(inStore.map((m) => m.key)).toEqual([queued.key]);
    expect(queued.key).toMatch(/^[0-9a-f-]{36}$/); // crypto.randomUUID by default
    expect(queue.snapshot.sending).toEqual([queued.key]);

    release();
    await settle(queue);
    expect(await t.store.list()).toEqual([]);
    expect(t.server.stored.size).toBe(1);
  });

  it('keeps marks while offline and sends each exactly once, in order, when back online', async () => {
    const t = setup();
    await t.queue.start('judge-1');
    await t.mark('a1', '1');
    await settle(t.queue);

    t.goOffline();
    await t.mark('a2', '2');
    await t.mark('a3', '3');
    await t.mark('a2', '1'); // a correction of a2 while still offline
    await settle(t.queue);
    expect(t.queue.snapshot.online).toBe(false);
    expect(t.queue.snapshot.marks.map((m) => [m.slot, m.state])).toEqual([
      ['a2', 'pending'],
      ['a3', 'pending'],
      ['a2', 'pending'],
    ]);
    expect(t.server.requests).toHaveLength(1);

    t.goOnline();
    await settle(t.queue);
    expect([...t.server.stored.values()].map((b) => `${b.aspect}=${b.value}`)).toEqual([
      'a1=1',
      'a2=2',
      'a3=3',
      'a2=1',
    ]);
    expect(t.server.requests).toHaveLength(4);
    expect(new Set(t.server.requests).size).toBe(4);
    expect(t.server.batches).toEqual([1, 3]); // the backlog goes in one request
    expect(t.saved).toEqual(['a1', 'a2', 'a3', 'a2']);
    expect(t.queue.snapshot.marks).toEqual([]);
  });

  it('retries with the same key and growing delays while the network fails', async () => {
    const t = setup();
    await t.queue.start('judge-1');
    t.server.down = true;
    const queued = await t.mark('finish', '2');
    await settle(t.queue);

    expect(t.queue.snapshot.marks.map((m) => m.state)).toEqual(['pending']);
    expect(t.queue.snapshot.lastProblem?.status).toBe(0);
    expect(t.queue.snapshot.retryAt).not.toBeNull();

    const delays = [t.timers.fireNext()];
    await settle(t.queue);
    delays.push(t.timers.fireNext());
    await settle(t.queue);
    delays.push(t.timers.fireNext());
    await settle(t.queue);
    expect(delays).toEqual([1000, 2000, 4000]);
    expect(t.queue.snapshot.marks[0]?.tries).toBe(4);

    t.server.down = false;
    t.timers.fireNext();
    await settle(t.queue);
    expect(t.server.requests).toEqual(Array(5).fill(queued.key));
    expect(t.server.stored.size).toBe(1);
    expect(t.queue.snapshot.marks).toEqual([]);
    expect(t.queue.snapshot.lastProblem).toBeNull();
  });

  it('caps the backoff and retries at once when the browser reports it is online again', async () => {
    const t = setup();
    await t.queue.start('judge-1');
    t.server.down = true;
    await t.mark('finish', '2');
    await settle(t.queue);
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      delays.push(t.timers.fireNext());
      await settle(t.queue);
    }
    expect(Math.max(...delays)).toBe(30_000);

    t.server.down = false;
    t.goOnline(); // no need to wait out 30 s
    await settle(t.queue);
    expect(t.server.stored.size).toBe(1);
    expect(t.timers.scheduled).toEqual([]);
  });

  it('sends at once when the judge asks, without waiting out the backoff', async () => {
    const t = setup();
    await t.queue.start('judge-1');
    t.server.down = true;
    await t.mark('finish', '2');
    await settle(t.queue);
    expect(t.timers.scheduled).toHaveLength(1);
    await t.queue.flush(); // a plain flush respects the backoff
    expect(t.server.requests).toHaveLength(1);

    t.server.down = false;
    await t.queue.sendNow();
    await settle(t.queue);
    expect(t.server.requests).toHaveLength(2);
    expect(t.server.stored.size).toBe(1);
    expect(t.timers.scheduled).toEqual([]);
  });

  it('does not store a mark twice when the answer to a stored mark is lost', async () => {
    const t = setup();
    await t.queue.start('judge-1');
    t.server.loseNextAnswer = true;
    await t.mark('finish', '2');
    await settle(t.queue);
    expect(t.queue.snapshot.marks).toHaveLength(1); // not acknowledged yet

    t.timers.fireNext();
    await settle(t.queue);
    expect(t.server.requests).toHaveLength(2);
    expect(t.server.stored.size).toBe(1);
    expect(t.queue.snapshot.marks).toEqual([]);
  });

  it('keeps a refused mark with the server message and still sends the later ones', async () => {
    const t = setup();
    await t.queue.start('judge-1');
    t.server.refuse = (body) =>
      body.aspect === 'locked'
        ? { status: 409, code: 'judging.sheet_locked', message: '评分表已锁定' }
        : null;
    const refused = await t.mark('locked', '2');
    await t.mark('open', '1');
    await settle(t.queue);

    expect(t.queue.snapshot.marks).toEqual([
      expect.objectContaining({
        key: refused.key,
        state: 'failed',
        failure: { status: null, code: 'judging.sheet_locked', message: '评分表已锁定' },
      }),
    ]);
    expect([...t.server.stored.values()].map((b) => b.aspect)).toEqual(['open']);
    expect(t.timers.scheduled).toEqual([]); // a refusal is not retried by itself

    // Unlocked by the head judge: the judge sends it again.
    t.server.refuse = null;
    await t.queue.retry(refused.key);
    await settle(t.queue);
    expect([...t.server.stored.values()].map((b) => b.aspect)).toEqual(['open', 'locked']);
    expect(t.queue.snapshot.marks).toEqual([]);
  });

  it('refuses every mark of a request the server refuses as a whole', async () => {
    const t = setup();
    await t.queue.start('judge-1');
    t.goOffline();
    await t.mark('a', '1');
    await t.mark('b', '2');
    t.server.refuseRequest = { status: 403, code: 'auth.forbidden', message: '无权操作' };
    t.goOnline();
    await settle(t.queue);
    expect(t.queue.snapshot.marks.map((m) => [m.slot, m.state, m.failure?.status])).toEqual([
      ['a', 'failed', 403],
      ['b', 'failed', 403],
    ]);
    expect(t.timers.scheduled).toEqual([]);
  });

  it('asks again for marks the server left unanswered', async () => {
    const t = setup();
    await t.queue.start('judge-1');
    t.goOffline();
    await t.mark('a', '1');
    await t.mark('b', '2');
    t.server.answerOnly = 1;
    t.goOnline();
    await settle(t.queue);
    expect(t.queue.snapshot.marks.map((m) => m.slot)).toEqual(['b']);
    t.server.answerOnly = null;
    t.timers.fireNext();
    await settle(t.queue);
    expect([...t.server.stored.values()].map((b) => b.aspect)).toEqual(['a', 'b']);
    expect(t.queue.snapshot.marks).toEqual([]);
  });

  it('sends a long backlog in batches of the configured size', async () => {
    const server = new FakeServer();
    const network = new EventTarget();
    let online = false;
    const queue = new MarkQueue<Body, { id: string }>({
      store: new MemoryMarkStore(),
      send: server.send,
      isOnline: () => online,
      eventTarget: network,
      batchSize: 2,
    });
    await queue.start('judge-1');
    for (const aspect of ['a', 'b', 'c', 'd', 'e']) {
      await queue.enqueue({
        owner: 'judge-1',
        sheetId: 's',
        slot: aspect,
        payload: (idempotencyKey) => ({ idempotencyKey, aspect, value: '1' }),
      });
    }
    expect(server.batches).toEqual([]);
    online = true;
    network.dispatchEvent(new Event('online'));
    await settle(queue);
    expect(server.batches).toEqual([2, 2, 1]);
    expect([...server.stored.values()].map((body) => body.aspect).join('')).toBe('abcde');
  });

  it('lets the judge discard a refused mark, and only a refused one', async () => {
    const t = setup();
    await t.queue.start('judge-1');
    t.server.refuse = () => ({ status: 422, code: 'judging.invalid_mark', message: 'bad' });
    const refused = await t.mark('x', '9');
    await settle(t.queue);
    t.goOffline();
    const pending = await t.mark('y', '1');

    await t.queue.discard(pending.key);
    await t.queue.discard(refused.key);
    expect(t.queue.snapshot.marks.map((m) => m.key)).toEqual([pending.key]);
    expect((await t.store.list()).map((m) => m.key)).toEqual([pending.key]);
  });

  it('sends only the signed-in judge’s marks from a shared tablet', async () => {
    const t = setup();
    await t.queue.start('judge-1');
    t.goOffline();
    await t.mark('a', '1', 'judge-1');
    await t.mark('b', '2', 'judge-2');
    t.goOnline();
    await settle(t.queue);
    expect([...t.server.stored.values()].map((b) => b.aspect)).toEqual(['a']);
    expect(t.queue.snapshot.marks.map((m) => m.owner)).toEqual(['judge-2']);

    await t.queue.start('judge-2');
    await settle(t.queue);
    expect([...t.server.stored.values()].map((b) => b.aspect)).toEqual(['a', 'b']);
  });

  it('reports every change to the UI, including what is being sent', async () => {
    const t = setup();
    await t.queue.start('judge-1');
    await t.mark('finish', '2');
    await settle(t.queue);
    const sendingStates = t.snapshots.map((s) => s.sending);
    expect(sendingStates).toContainEqual([t.server.requests[0]]);
    expect(t.snapshots.at(-1)).toMatchObject({ sending: [], marks: [], online: true });
  });
});

describe('IndexedDbMarkStore', () => {
  it('keeps queued marks across a reload while offline and sends them afterwards', async () => {
    const factory = new IDBFactory();
    const server = new FakeServer();

    // First visit: offline the whole time.
    const first = setup({ online: false, store: new IndexedDbMarkStore(factory), server });
    await first.queue.start('judge-1');
    const one = await first.mark('a', '1');
    const two = await first.mark('b', '2.5');
    first.queue.stop();
    await (first.store as IndexedDbMarkStore).close();
    expect(server.requests).toEqual([]);

    // Reload: a new page, a new connection to the same database.
    const second = setup({ online: false, store: new IndexedDbMarkStore(factory), server });
    await second.queue.start('judge-1');
    expect(second.queue.snapshot.marks.map((m) => [m.key, m.slot, m.payload.value])).toEqual([
      [one.key, 'a', '1'],
      [two.key, 'b', '2.5'],
    ]);

    second.goOnline();
    await settle(second.queue);
    expect([...server.stored.keys()]).toEqual([one.key, two.key]);
    expect(await second.store.list()).toEqual([]);
  });

  it('keeps a refused mark and its reason across a reload', async () => {
    const factory = new IDBFactory();
    const server = new FakeServer();
    server.refuse = () => ({ status: 403, code: 'judging.not_assigned', message: '未分配' });
    const first = setup({ store: new IndexedDbMarkStore(factory), server });
    await first.queue.start('judge-1');
    await first.mark('a', '1');
    await settle(first.queue);
    first.queue.stop();

    const reloaded = new IndexedDbMarkStore(factory);
    expect(await reloaded.list()).toEqual([
      expect.objectContaining({
        state: 'failed',
        failure: { status: null, code: 'judging.not_assigned', message: '未分配' },
      }),
    ]);
  });
});
