import {
  Entity,
  Enum,
  Index,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
} from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Competition } from './competition.entity';

/** An event (项目) of a competition, such as CNC turning (数控车工). */
@Entity({ tableName: 'competition_event' })
export class CompetitionEvent {
  [OptionalProps]?: 'occupationCode' | 'kind' | 'capacity' | 'sortOrder';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Competition, { deleteRule: 'cascade' })
  @Index()
  competition!: Competition;

  @Property({ type: 'string', length: 200 })
  name!: string;

  /** National occupation classification code (职业编码), e.g. 6-18-01-01. */
  @Property({ type: 'string', length: 30, nullable: true })
  occupationCode: string | null = null;

  @Enum({ items: ['individual', 'team'], default: 'individual' })
  kind: 'individual' | 'team' = 'individual';

  @Property({ type: 'integer', nullable: true })
  capacity: number | null = null;

  @Property({ type: 'integer', default: 0 })
  sortOrder: number = 0;
}
