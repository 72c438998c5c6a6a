import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Outbox of the live path: a row written in the same transaction as whatever changed an event's
 * standings (a mark, a lock, a publication, a check-in). The scoreboard claims the rows,
 * recomputes that event and broadcasts a delta, so a change committed just before a crash is
 * still broadcast after the restart.
 */
@Entity({ tableName: 'scoreboard_change' })
export class ScoreboardChange {
  [OptionalProps]?: 'createdAt' | 'processedAt';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'uuid' })
  @Index()
  eventId!: string;

  /** What happened, for logs: 'mark', 'sheet_locked', 'published', 'check_in', … */
  @Property({ type: 'string', length: 40 })
  reason!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  /** Set when the scoreboard has broadcast this change. */
  @Property({ type: 'datetime', nullable: true })
  @Index()
  processedAt: Date | null = null;
}
