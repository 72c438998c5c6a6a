import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Competition } from './competition.entity';

/** An industry or sector (产业/行业) grouping a competition's events. */
@Entity({ tableName: 'competition_sector' })
@Unique({ properties: ['competition', 'name'] })
export class Sector {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Competition, { deleteRule: 'cascade' })
  @Index()
  competition!: Competition;

  @Property({ type: 'string', length: 200 })
  name!: string;
}
