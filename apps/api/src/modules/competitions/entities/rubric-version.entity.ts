import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Round } from './round.entity';

/** One saved rubric of a round, in the scoring engine's format. Versions are never overwritten. */
@Entity({ tableName: 'rubric_version' })
@Unique({ properties: ['round', 'version'] })
export class RubricVersion {
  [OptionalProps]?: 'createdAt' | 'createdBy';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Round, { deleteRule: 'cascade' })
  round!: Round;

  @Property({ type: 'integer' })
  version!: number;

  @Property({ type: 'json' })
  rubric!: unknown;

  @Property({ type: 'uuid', nullable: true })
  createdBy: string | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
