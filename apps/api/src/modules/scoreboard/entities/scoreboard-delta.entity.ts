import type { RowChange, ScoreboardDelta, StandingsView } from '@jingsai/contracts';
import { Entity, Enum, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The recent deltas of a board, so that a client reconnecting to any API process gets what it
 * missed. Bounded: older ones are pruned and such a client receives a fresh snapshot instead.
 */
@Entity({ tableName: 'scoreboard_delta' })
export class ScoreboardDeltaRecord {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  eventId!: string;

  @Enum({ items: ['public', 'staff'], primary: true })
  view!: StandingsView;

  @PrimaryKey({ type: 'integer' })
  seq!: number;

  @Property({ type: 'json' })
  changes!: RowChange[];

  @Property({ type: 'json', nullable: true })
  meta: ScoreboardDelta['meta'] | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
