import { Entity, Enum, OneToOne, OptionalProps, Property } from '@mikro-orm/core';
import { ROUND_JUDGING_PHASES, type RoundJudgingPhase } from '@jingsai/contracts';
import { Round } from '../../competitions/entities/round.entity';

/**
 * The judging state and settings of one round: draft → verified → published, whether the
 * public board shows submitted sheets live (speech contests, quizzes), the appeal window and
 * the performance on stage. Created on first use with the defaults.
 */
@Entity({ tableName: 'judging_round' })
export class RoundJudging {
  [OptionalProps]?:
    | 'phase'
    | 'livePublicScoring'
    | 'appealWindowHours'
    | 'currentEntryId'
    | 'verifiedAt'
    | 'verifiedBy'
    | 'publishedAt'
    | 'resultVersion'
    | 'updatedAt';

  @OneToOne(() => Round, { primary: true, deleteRule: 'cascade' })
  round!: Round;

  @Enum({ items: [...ROUND_JUDGING_PHASES], default: 'draft' })
  phase: RoundJudgingPhase = 'draft';

  @Property({ type: 'boolean', default: false })
  livePublicScoring: boolean = false;

  @Property({ type: 'integer', default: 72 })
  appealWindowHours: number = 72;

  @Property({ type: 'uuid', nullable: true })
  currentEntryId: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  verifiedAt: Date | null = null;

  @Property({ type: 'uuid', nullable: true })
  verifiedBy: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  publishedAt: Date | null = null;

  @Property({ type: 'integer', nullable: true })
  resultVersion: number | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
