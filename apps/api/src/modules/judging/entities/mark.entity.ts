import { Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

export const MARK_SOURCES = ['judge', 'import'] as const;
export type MarkSource = (typeof MARK_SOURCES)[number];

/**
 * A mark (评分): an append-only fact. Never updated or deleted; a correction is a new row that
 * supersedes the earlier one (with a reason once the sheet was submitted). Rows are written by
 * ChainWriter with plain SQL, each taking the next place in its event's hash chain.
 */
@Entity({ tableName: 'judging_mark' })
@Unique({ properties: ['eventId', 'seq'] })
@Index({ properties: ['sheetId', 'aspectId', 'attempt', 'seq'] })
@Index({ properties: ['roundId', 'seq'] })
export class Mark {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  eventId!: string;

  /** Place in the event's hash chain (shared with sheet events and reviews), from 1. */
  @Property({ type: 'bigint' })
  seq!: string;

  @Property({ type: 'uuid' })
  roundId!: string;

  @Property({ type: 'uuid' })
  entryId!: string;

  /** null for marks recorded once without a judge (imported theory scores). */
  @Property({ type: 'uuid', nullable: true })
  sheetId!: string | null;

  @Property({ type: 'uuid', nullable: true })
  judgeId!: string | null;

  @Property({ type: 'string', length: 100 })
  aspectId!: string;

  @Property({ type: 'integer', nullable: true })
  attempt!: number | null;

  /** Exactly as entered, a decimal string. */
  @Property({ type: 'string', length: 32 })
  value!: string;

  @Enum({ items: [...MARK_SOURCES] })
  source!: MarkSource;

  /** Client-generated idempotency key. */
  @Property({ type: 'uuid', unique: true })
  idempotencyKey!: string;

  @Property({ type: 'uuid', nullable: true })
  supersedes!: string | null;

  @Property({ type: 'string', length: 500, nullable: true })
  reason!: string | null;

  /** Who stored it (the judge, or the organiser who imported it). */
  @Property({ type: 'uuid' })
  recordedBy!: string;

  @Property({ type: 'string', length: 100, nullable: true })
  deviceId!: string | null;

  @Property({ type: 'datetime', nullable: true })
  clientTime!: Date | null;

  @Property({ type: 'datetime' })
  serverTime!: Date;

  @Property({ type: 'string', length: 64 })
  prevHash!: string;

  @Property({ type: 'string', length: 64 })
  hash!: string;
}
