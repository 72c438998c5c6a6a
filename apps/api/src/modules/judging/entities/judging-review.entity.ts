import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/**
 * A head judge's decision to accept the marks of a node as they stand (a spread over the limit,
 * a missing judge): the engine's `accept_marks` review. Append-only, hash-chained.
 */
@Entity({ tableName: 'judging_review' })
@Unique({ properties: ['eventId', 'seq'] })
export class JudgingReview {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  eventId!: string;

  @Property({ type: 'bigint' })
  seq!: string;

  @Property({ type: 'uuid' })
  @Index()
  roundId!: string;

  @Property({ type: 'uuid' })
  entryId!: string;

  @Property({ type: 'string', length: 100 })
  nodeId!: string;

  @Property({ type: 'integer', nullable: true })
  attempt!: number | null;

  @Property({ type: 'string', length: 500 })
  note!: string;

  @Property({ type: 'uuid' })
  actorId!: string;

  @Property({ type: 'datetime' })
  at!: Date;

  @Property({ type: 'string', length: 64 })
  prevHash!: string;

  @Property({ type: 'string', length: 64 })
  hash!: string;
}
