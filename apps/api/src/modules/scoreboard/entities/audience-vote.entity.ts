import { Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/** One audience vote (群众投票): one per signed-in account per event. */
@Entity({ tableName: 'audience_vote' })
@Unique({ properties: ['eventId', 'userId'] })
@Index({ properties: ['eventId', 'entryId'] })
export class AudienceVote {
  [OptionalProps]?: 'createdAt' | 'ip';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'uuid' })
  eventId!: string;

  /** The round entry voted for (a row of the event's board). */
  @Property({ type: 'uuid' })
  entryId!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'string', length: 64, nullable: true })
  ip: string | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
