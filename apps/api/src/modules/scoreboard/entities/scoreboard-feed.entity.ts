import type { StandingsView } from '@jingsai/contracts';
import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { FeedState } from '../scoreboard-board';

/**
 * The board one view of one event currently shows, with its sequence number. Postgres holds it so
 * that every API process continues the same `seq` and diffs against the same rows; the process
 * holding the lease is the only one advancing it.
 */
@Entity({ tableName: 'scoreboard_feed' })
export class ScoreboardFeed {
  [OptionalProps]?: 'seq' | 'leaseOwner' | 'leaseUntil' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  eventId!: string;

  @Enum({ items: ['public', 'staff'], primary: true })
  view!: StandingsView;

  @Property({ type: 'uuid' })
  @Index()
  competitionId!: string;

  @Property({ type: 'integer', default: 0 })
  seq: number = 0;

  @Property({ type: 'json' })
  state!: FeedState;

  /** The process recomputing this board right now, and until when its claim holds. */
  @Property({ type: 'string', length: 64, nullable: true })
  leaseOwner: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  leaseUntil: Date | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}
