import {
  Entity,
  Enum,
  Index,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
} from '@mikro-orm/core';
import {
  APPEAL_DECIDERS,
  APPEAL_STATUSES,
  type AppealDecider,
  type AppealStatus,
} from '@jingsai/contracts';
import { randomUUID } from 'node:crypto';
import { Round } from '../../competitions/entities/round.entity';
import { RoundEntry } from '../../draw/entities/round-entry.entity';

/** An appeal (申诉) against a published result, and its decision. */
@Entity({ tableName: 'judging_appeal' })
export class Appeal {
  [OptionalProps]?:
    | 'status'
    | 'decidedBy'
    | 'decidedAs'
    | 'decidedAt'
    | 'decisionReason'
    | 'resultVersion'
    | 'filedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Round, { deleteRule: 'cascade' })
  @Index()
  round!: Round;

  @ManyToOne(() => RoundEntry, { deleteRule: 'cascade' })
  entry!: RoundEntry;

  @Property({ type: 'uuid' })
  filedBy!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  filedAt: Date = new Date();

  /** The published version the appeal is against. */
  @Property({ type: 'integer' })
  againstVersion!: number;

  @Property({ type: 'text' })
  reason!: string;

  @Enum({ items: [...APPEAL_STATUSES], default: 'filed' })
  status: AppealStatus = 'filed';

  @Property({ type: 'uuid', nullable: true })
  decidedBy: string | null = null;

  /** Whether the head judge or the arbitration group (仲裁组) decided it. */
  @Enum({ items: [...APPEAL_DECIDERS], nullable: true })
  decidedAs: AppealDecider | null = null;

  @Property({ type: 'datetime', nullable: true })
  decidedAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  decisionReason: string | null = null;

  /** The version republished after the decision. */
  @Property({ type: 'integer', nullable: true })
  resultVersion: number | null = null;
}
