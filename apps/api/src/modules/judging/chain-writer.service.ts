import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import type { SheetStatus } from '@jingsai/contracts';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../../common/errors/domain-error';
import {
  CHAIN_COLUMNS,
  type ChainRowValues,
  type ChainTable,
  chainHash,
  GENESIS_HASH,
} from './chain';
import { sql } from './judging-sql';

/** A sheet as the mark path sees it inside the chain's lock. */
export interface LockedSheet {
  id: string;
  status: SheetStatus;
  judgeId: string;
  entryId: string;
  roundId: string;
  attendance: string;
  phase: string;
}

export interface CurrentMarkRef {
  id: string;
  value: string;
}

/** What one batch knows, read once under the chain's lock and kept current as jobs append. */
export class ChainBatch {
  readonly sheets = new Map<string, LockedSheet>();
  /** idempotency key → id of the row already stored under it */
  readonly keys = new Map<string, string>();
  /** `${sheetId}|${aspectId}|${attempt}` → the judge's current mark */
  readonly current = new Map<string, CurrentMarkRef>();
  readonly rows: Array<{ table: ChainTable; row: ChainRowValues }> = [];
  readonly statusChanges = new Map<string, { status: SheetStatus; remarkReason: string | null }>();
  readonly outboxReasons = new Set<string>();

  constructor(
    readonly em: EntityManager,
    readonly eventId: string,
    private seq: bigint,
    private hash: string,
    readonly now: Date,
  ) {}

  get headSeq(): bigint {
    return this.seq;
  }

  get headHash(): string {
    return this.hash;
  }

  /** Takes the next place in the chain for a row (its id, event and seq are filled in). */
  append(table: ChainTable, values: ChainRowValues, outboxReason?: string): ChainRowValues {
    this.seq += 1n;
    const row: ChainRowValues = {
      ...values,
      id: values['id'] ?? randomUUID(),
      event_id: this.eventId,
      seq: this.seq.toString(),
    };
    row['prev_hash'] = this.hash;
    row['hash'] = chainHash(this.hash, table, row);
    this.hash = row['hash'] as string;
    this.rows.push({ table, row });
    if (outboxReason) this.outboxReasons.add(outboxReason);
    return row;
  }

  setStatus(sheetId: string, status: SheetStatus, remarkReason: string | null): void {
    const sheet = this.sheets.get(sheetId);
    if (sheet) sheet.status = status;
    this.statusChanges.set(sheetId, { status, remarkReason });
  }
}

export interface ChainJob<T> {
  /** Sheets the job reads (their status, attendance and current marks are prefetched). */
  sheetIds: readonly string[];
  /** Idempotency keys the job may find already stored. */
  keys: readonly string[];
  /** Checks first, then appends; a DomainError thrown before appending fails only this job. */
  run(batch: ChainBatch): T | Promise<T>;
}

interface Pending {
  job: ChainJob<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

const MAX_JOBS_PER_BATCH = 400;

/**
 * Appends to an event's hash chain. Requests for one event are queued in memory and written in
 * batches: one transaction per batch takes the event's chain head FOR UPDATE (so several API
 * processes interleave safely), reads what the jobs need once, appends every row, moves the
 * head, writes the scoreboard outbox row and commits; then every job's promise settles. So the
 * lock is held for a few milliseconds per batch, not per mark, and an acknowledgement always
 * means committed.
 */
@Injectable()
export class ChainWriter {
  private readonly logger = new Logger(ChainWriter.name);
  private readonly queues = new Map<string, { pending: Pending[]; running: boolean }>();
  private readonly listeners: Array<(eventId: string) => void> = [];

  constructor(private readonly em: EntityManager) {}

  /**
   * Called after each committed batch that wrote rows, and by `outboxCommitted` (the scoreboard's
   * outbox pump listens).
   */
  onCommitted(listener: (eventId: string) => void): void {
    this.listeners.push(listener);
  }

  /**
   * For transactions outside the chain that committed a scoreboard outbox row (a round verified
   * or published, its settings changed): the listeners hear of it at once, as after a batch.
   */
  outboxCommitted(eventId: string): void {
    for (const listener of this.listeners) listener(eventId);
  }

  submit<T>(eventId: string, job: ChainJob<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let queue = this.queues.get(eventId);
      if (!queue) {
        queue = { pending: [], running: false };
        this.queues.set(eventId, queue);
      }
      queue.pending.push({ job, resolve: resolve as (value: unknown) => void, reject });
      if (!queue.running) void this.drain(eventId);
    });
  }

  private async drain(eventId: string): Promise<void> {
    const queue = this.queues.get(eventId);
    if (!queue || queue.running) return;
    queue.running = true;
    try {
      while (queue.pending.length > 0) {
        const batch = queue.pending.splice(0, MAX_JOBS_PER_BATCH);
        await this.runBatch(eventId, batch);
      }
    } finally {
      queue.running = false;
      if (queue.pending.length === 0) this.queues.delete(eventId);
      else void this.drain(eventId);
    }
  }

  private async runBatch(eventId: string, pending: Pending[]): Promise<void> {
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    let wrote = false;
    try {
      await this.em.fork().transactional(async (tx) => {
        outcomes.length = 0;
        const batch = await this.open(tx, eventId, pending);
        for (const { job } of pending) {
          const before = batch.rows.length;
          try {
            outcomes.push({ ok: true, value: await job.run(batch) });
          } catch (error) {
            if (!(error instanceof DomainError) || batch.rows.length !== before) throw error;
            outcomes.push({ ok: false, error });
          }
        }
        await this.write(tx, batch);
        wrote = batch.rows.length > 0;
      });
    } catch (error) {
      this.logger.error(`chain batch for event ${eventId} failed: ${String(error)}`);
      for (const item of pending) item.reject(error);
      return;
    }
    pending.forEach((item, index) => {
      const outcome = outcomes[index];
      if (outcome?.ok) item.resolve(outcome.value);
      else item.reject(outcome?.error);
    });
    if (wrote) for (const listener of this.listeners) listener(eventId);
  }

  /** Events whose chain head row exists (created on first use). */
  private readonly knownHeads = new Set<string>();

  /**
   * Takes the event's chain head FOR UPDATE and reads, in the same statement, the sheets, the
   * current marks and the idempotency keys the batch's jobs need: one round trip.
   */
  private async open(tx: EntityManager, eventId: string, pending: Pending[]): Promise<ChainBatch> {
    if (!this.knownHeads.has(eventId)) {
      await sql(
        tx,
        `insert into judging_chain_head (event_id, seq, hash, updated_at) values (?, 0, ?, now())
         on conflict (event_id) do nothing`,
        [eventId, GENESIS_HASH],
      );
      this.knownHeads.add(eventId);
    }
    const sheetIds = [...new Set(pending.flatMap((item) => item.job.sheetIds))];
    const keys = [...new Set(pending.flatMap((item) => item.job.keys))];
    const [found] = await sql<{
      seq: string | null;
      hash: string | null;
      sheets: Array<{
        id: string;
        status: SheetStatus;
        judge_id: string;
        entry_id: string;
        round_id: string;
        attendance: string;
        phase: string | null;
      }> | null;
      current: Array<{
        id: string;
        sheet_id: string;
        aspect_id: string;
        attempt: number | null;
        value: string;
      }> | null;
      keys: Array<{ id: string; idempotency_key: string }> | null;
    }>(
      tx,
      `with head as (select seq, hash from judging_chain_head where event_id = ? for update)
       select (select seq from head) seq, (select hash from head) hash,
         (select json_agg(x) from (
            select s.id, s.status, s.judge_id, s.entry_id, s.round_id, e.attendance, r.phase
              from judging_sheet s
              join round_entry e on e.id = s.entry_id
              left join judging_round r on r.round_id = s.round_id
             where s.id = any(?::uuid[])) x) sheets,
         (select json_agg(x) from (
            select distinct on (sheet_id, aspect_id, attempt) id, sheet_id, aspect_id, attempt, value
              from judging_mark where sheet_id = any(?::uuid[])
             order by sheet_id, aspect_id, attempt, seq desc) x) current,
         (select json_agg(x) from (
            select id, idempotency_key from judging_mark where idempotency_key = any(?::uuid[])
            union all
            select id, idempotency_key from judging_sheet_event where idempotency_key = any(?::uuid[])) x) keys`,
      [eventId, sheetIds, sheetIds, keys, keys],
    );
    if (!found || found.seq === null || found.hash === null) {
      this.knownHeads.delete(eventId);
      throw new Error(`no chain head for event ${eventId}`);
    }
    const batch = new ChainBatch(tx, eventId, BigInt(found.seq), found.hash, new Date());
    for (const sheet of found.sheets ?? []) {
      batch.sheets.set(sheet.id, {
        id: sheet.id,
        status: sheet.status,
        judgeId: sheet.judge_id,
        entryId: sheet.entry_id,
        roundId: sheet.round_id,
        attendance: sheet.attendance,
        phase: sheet.phase ?? 'draft',
      });
    }
    for (const mark of found.current ?? []) {
      batch.current.set(markSlot(mark.sheet_id, mark.aspect_id, mark.attempt), {
        id: mark.id,
        value: mark.value,
      });
    }
    for (const row of found.keys ?? []) batch.keys.set(row.idempotency_key, row.id);
    return batch;
  }

  /**
   * Writes the batch in one statement: the marks, the status changes and their projection on
   * the sheets, the chain head and the scoreboard outbox. Marks do not touch their sheet's row
   * (a sheet's last activity is derived when sheets are read), so a stream of marks does not
   * rewrite the same sheet rows over and over.
   */
  private async write(tx: EntityManager, batch: ChainBatch): Promise<void> {
    if (batch.rows.length === 0) return;
    const of = (table: ChainTable) =>
      batch.rows.filter((item) => item.table === table).map((item) => item.row);
    const columns = (rows: ChainRowValues[], names: readonly string[]) =>
      names.map((name) => rows.map((row) => row[name] ?? null));
    // What each insert below stores, in its column order: the hashed columns, then the links.
    const stored = (table: ChainTable) => [...CHAIN_COLUMNS[table], 'prev_hash', 'hash'];
    const marks = of('judging_mark');
    const events = of('judging_sheet_event');
    const reviews = of('judging_review');
    const changes = [...batch.statusChanges];
    await sql(
      tx,
      `with
       m as (insert into judging_mark (id, event_id, seq, round_id, entry_id, sheet_id, judge_id,
               aspect_id, attempt, value, source, idempotency_key, supersedes, reason, recorded_by,
               device_id, client_time, server_time, prev_hash, hash)
             select * from unnest(?::uuid[], ?::uuid[], ?::bigint[], ?::uuid[], ?::uuid[], ?::uuid[],
               ?::uuid[], ?::varchar[], ?::int[], ?::varchar[], ?::text[], ?::uuid[], ?::uuid[],
               ?::varchar[], ?::uuid[], ?::varchar[], ?::timestamptz[], ?::timestamptz[],
               ?::varchar[], ?::varchar[])),
       v as (insert into judging_sheet_event (id, event_id, seq, sheet_id, status, action, reason,
               signature, actor_id, device_id, idempotency_key, at, prev_hash, hash)
             select * from unnest(?::uuid[], ?::uuid[], ?::bigint[], ?::uuid[], ?::text[], ?::varchar[],
               ?::varchar[], ?::varchar[], ?::uuid[], ?::varchar[], ?::uuid[], ?::timestamptz[],
               ?::varchar[], ?::varchar[])),
       r as (insert into judging_review (id, event_id, seq, round_id, entry_id, node_id, attempt,
               note, actor_id, at, prev_hash, hash)
             select * from unnest(?::uuid[], ?::uuid[], ?::bigint[], ?::uuid[], ?::uuid[], ?::varchar[],
               ?::int[], ?::varchar[], ?::uuid[], ?::timestamptz[], ?::varchar[], ?::varchar[])),
       c as (update judging_sheet s set status = x.status, remark_reason = x.remark_reason, updated_at = ?
               from unnest(?::uuid[], ?::text[], ?::varchar[]) as x(id, status, remark_reason)
              where s.id = x.id),
       h as (update judging_chain_head set seq = ?, hash = ?, updated_at = ? where event_id = ?)
       insert into scoreboard_change (event_id, reason, created_at)
       select ?, reason, ? from unnest(?::varchar[]) as o(reason)`,
      [
        ...columns(marks, stored('judging_mark')),
        ...columns(events, stored('judging_sheet_event')),
        ...columns(reviews, stored('judging_review')),
        batch.now,
        changes.map(([id]) => id),
        changes.map(([, change]) => change.status),
        changes.map(([, change]) => change.remarkReason),
        batch.headSeq.toString(),
        batch.headHash,
        batch.now,
        batch.eventId,
        batch.eventId,
        batch.now,
        [...batch.outboxReasons],
      ],
    );
  }
}

export function markSlot(
  sheetId: string,
  aspectId: string,
  attempt: number | null | undefined,
): string {
  return `${sheetId}|${aspectId}|${attempt ?? ''}`;
}
