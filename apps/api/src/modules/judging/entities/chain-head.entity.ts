import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** The head of an event's hash chain: the last place taken and its hash. */
@Entity({ tableName: 'judging_chain_head' })
export class ChainHead {
  @PrimaryKey({ type: 'uuid' })
  eventId!: string;

  @Property({ type: 'bigint' })
  seq!: string;

  @Property({ type: 'string', length: 64 })
  hash!: string;

  @Property({ type: 'datetime' })
  updatedAt!: Date;
}
