import {
  Collection,
  Entity,
  Enum,
  Index,
  ManyToOne,
  OneToMany,
  OptionalProps,
  PrimaryKey,
  Property,
} from '@mikro-orm/core';
import { ROUND_KINDS, ROUND_LEVELS } from '@jingsai/contracts';
import { randomUUID } from 'node:crypto';
import { CompetitionEvent } from './competition-event.entity';
import { CompetitionSession } from './competition-session.entity';

/** A stage of an event: theory exam, practical, preliminary, final, or a level of a tiered contest. */
@Entity({ tableName: 'round' })
export class Round {
  [OptionalProps]?: 'level' | 'promotionQuota' | 'rubricVersion';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => CompetitionEvent, { deleteRule: 'cascade' })
  @Index()
  event!: CompetitionEvent;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Enum({ items: [...ROUND_KINDS] })
  kind!: (typeof ROUND_KINDS)[number];

  @Enum({ items: [...ROUND_LEVELS], nullable: true })
  level: (typeof ROUND_LEVELS)[number] | null = null;

  /** Order within the event, from 1. */
  @Property({ type: 'integer' })
  sequence!: number;

  @Property({ type: 'integer', nullable: true })
  promotionQuota: number | null = null;

  /** The rubric version in force; older versions stay in rubric_version. */
  @Property({ type: 'integer', nullable: true })
  rubricVersion: number | null = null;

  @OneToMany(() => CompetitionSession, (session) => session.round, { orderBy: { startsAt: 'asc' } })
  sessions = new Collection<CompetitionSession>(this);
}
