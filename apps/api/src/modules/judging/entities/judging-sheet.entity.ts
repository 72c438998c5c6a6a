import {
  Entity,
  Enum,
  Index,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
  Unique,
} from '@mikro-orm/core';
import { SHEET_STATUSES, type SheetStatus } from '@jingsai/contracts';
import { randomUUID } from 'node:crypto';
import { Round } from '../../competitions/entities/round.entity';
import { RoundEntry } from '../../draw/entities/round-entry.entity';
import { User } from '../../users/entities/user.entity';

/**
 * One judge's score sheet for one entry. `status` is a projection of the sheet's chained
 * status events (judging_sheet_event), kept here so the mark path reads it in one query.
 */
@Entity({ tableName: 'judging_sheet' })
@Unique({ properties: ['entry', 'judge'] })
export class JudgingSheet {
  [OptionalProps]?: 'status' | 'remarkReason' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  @Index()
  eventId!: string;

  @ManyToOne(() => Round, { deleteRule: 'cascade' })
  @Index()
  round!: Round;

  @ManyToOne(() => RoundEntry, { deleteRule: 'cascade' })
  entry!: RoundEntry;

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  @Index()
  judge!: User;

  @Enum({ items: [...SHEET_STATUSES], default: 'open' })
  status: SheetStatus = 'open';

  /** The head judge's reason while a re-mark or unlock is pending. */
  @Property({ type: 'string', length: 500, nullable: true })
  remarkReason: string | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}
