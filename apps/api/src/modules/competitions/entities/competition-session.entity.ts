import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Round } from './round.entity';

/** A time slot of a round at a venue, with numbered stations (工位). */
@Entity({ tableName: 'competition_session' })
export class CompetitionSession {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Round, { deleteRule: 'cascade' })
  @Index()
  round!: Round;

  @Property({ type: 'datetime' })
  startsAt!: Date;

  @Property({ type: 'datetime' })
  endsAt!: Date;

  @Property({ type: 'string', length: 200 })
  venue!: string;

  @Property({ type: 'integer' })
  stationCount!: number;
}
