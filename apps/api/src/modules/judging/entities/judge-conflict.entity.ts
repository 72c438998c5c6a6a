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
import { Competition } from '../../competitions/entities/competition.entity';
import { User } from '../../users/entities/user.entity';

export const CONFLICT_KINDS = ['employer', 'enterprise', 'person'] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

/**
 * Recusal (回避): the judge's own enterprise ('employer'), an enterprise they declared a conflict
 * with, or a person (a relative, a trainee). The judge is never assigned to such an entry.
 */
@Entity({ tableName: 'judging_conflict' })
export class JudgeConflict {
  [OptionalProps]?: 'enterpriseId' | 'personId' | 'reason' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Competition, { deleteRule: 'cascade' })
  @Index()
  competition!: Competition;

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  @Index()
  judge!: User;

  @Enum({ items: [...CONFLICT_KINDS] })
  kind!: ConflictKind;

  @Property({ type: 'uuid', nullable: true })
  enterpriseId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  personId: string | null = null;

  @Property({ type: 'string', length: 500, nullable: true })
  reason: string | null = null;

  @Property({ type: 'uuid' })
  createdBy!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
