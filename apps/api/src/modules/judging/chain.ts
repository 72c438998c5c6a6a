import { createHash } from 'node:crypto';

/**
 * The per-event hash chain over marks, sheet status changes and head-judge reviews. Each row
 * takes the next place (`seq`) of its event's chain and stores
 * hash = SHA-256(previous row's hash + "\n" + the row's canonical form), so altering, deleting or
 * inserting a row breaks the chain from that place on. judging_chain_head holds the last place
 * and hash, so deleting the newest rows is detected too.
 */

export const GENESIS_HASH = '0'.repeat(64);

export const CHAIN_TABLES = ['judging_mark', 'judging_sheet_event', 'judging_review'] as const;
export type ChainTable = (typeof CHAIN_TABLES)[number];

/** The columns of each chained table that the hash covers, in canonical order. */
export const CHAIN_COLUMNS: Readonly<Record<ChainTable, readonly string[]>> = {
  judging_mark: [
    'id',
    'event_id',
    'seq',
    'round_id',
    'entry_id',
    'sheet_id',
    'judge_id',
    'aspect_id',
    'attempt',
    'value',
    'source',
    'idempotency_key',
    'supersedes',
    'reason',
    'recorded_by',
    'device_id',
    'client_time',
    'server_time',
  ],
  judging_sheet_event: [
    'id',
    'event_id',
    'seq',
    'sheet_id',
    'status',
    'action',
    'reason',
    'signature',
    'actor_id',
    'device_id',
    'idempotency_key',
    'at',
  ],
  judging_review: [
    'id',
    'event_id',
    'seq',
    'round_id',
    'entry_id',
    'node_id',
    'attempt',
    'note',
    'actor_id',
    'at',
  ],
};

export type ChainRowValues = Record<string, unknown>;

/** Timestamp columns: hashed as ISO 8601 in UTC with milliseconds, however the driver returned them. */
const TIMESTAMP_COLUMNS = new Set(['client_time', 'server_time', 'at']);

function canonicalValue(column: string, value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (TIMESTAMP_COLUMNS.has(column)) return new Date(value as string | Date).toISOString();
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

/** The row as hashed: table name and its covered columns in order; seq always as a string. */
export function canonicalRow(table: ChainTable, row: ChainRowValues): string {
  return JSON.stringify([
    table,
    ...CHAIN_COLUMNS[table].map((column) =>
      column === 'seq' ? String(row[column]) : canonicalValue(column, row[column]),
    ),
  ]);
}

export function chainHash(previous: string, table: ChainTable, row: ChainRowValues): string {
  return createHash('sha256')
    .update(previous)
    .update('\n')
    .update(canonicalRow(table, row))
    .digest('hex');
}
