import { Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { SHEET_STATUSES, type SheetStatus } from '@jingsai/contracts';

/**
 * A change of a sheet's status (submitted and signed, locked, unlocked, re-mark requested):
 * append-only and hash-chained with the event's marks.
 */
@Entity({ tableName: 'judging_sheet_event' })
@Unique({ properties: ['eventId', 'seq'] })
export class SheetEvent {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  eventId!: string;

  @Property({ type: 'bigint' })
  seq!: string;

  @Property({ type: 'uuid' })
  @Index()
  sheetId!: string;

  @Enum({ items: [...SHEET_STATUSES] })
  status!: SheetStatus;

  /** 'submit' | 'lock' | 'unlock' | 'remark' */
  @Property({ type: 'string', length: 20 })
  action!: string;

  @Property({ type: 'string', length: 500, nullable: true })
  reason!: string | null;

  /** The judge's typed signature, on submission. */
  @Property({ type: 'string', length: 100, nullable: true })
  signature!: string | null;

  @Property({ type: 'uuid' })
  actorId!: string;

  @Property({ type: 'string', length: 100, nullable: true })
  deviceId!: string | null;

  @Property({ type: 'uuid', nullable: true, unique: true })
  idempotencyKey!: string | null;

  @Property({ type: 'datetime' })
  at!: Date;

  @Property({ type: 'string', length: 64 })
  prevHash!: string;

  @Property({ type: 'string', length: 64 })
  hash!: string;
}
