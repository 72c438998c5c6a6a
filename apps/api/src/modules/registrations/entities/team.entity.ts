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
import { TEAM_STATUSES, type TeamStatus } from '@jingsai/contracts';
import { randomUUID } from 'node:crypto';
import { CompetitionEvent } from '../../competitions/entities/competition-event.entity';
import { Competition } from '../../competitions/entities/competition.entity';
import { Organisation } from '../../organisations/entities/organisation.entity';

/**
 * A team entered into a team event by one enterprise. Its members are registrations whose
 * `team` points here; the captain is one of them.
 */
@Entity({ tableName: 'team' })
@Unique({ properties: ['event', 'name'] })
export class Team {
  [OptionalProps]?:
    'captainRegistrationId' | 'candidateNumber' | 'status' | 'reason' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Competition, { deleteRule: 'cascade' })
  @Index()
  competition!: Competition;

  @ManyToOne(() => CompetitionEvent, { deleteRule: 'cascade' })
  @Index()
  event!: CompetitionEvent;

  @ManyToOne(() => Organisation, { deleteRule: 'restrict' })
  @Index()
  enterprise!: Organisation;

  @Property({ type: 'string', length: 100 })
  name!: string;

  /** The member registration that captains the team (a plain id to avoid a cycle with Registration). */
  @Property({ type: 'uuid', nullable: true })
  captainRegistrationId: string | null = null;

  /** forming → submitted (size and captain checked) → approved / rejected; withdrawn ends it. */
  @Enum({ items: [...TEAM_STATUSES], default: 'forming' })
  status: TeamStatus = 'forming';

  /** Why it was rejected or withdrawn; shown to the enterprise. */
  @Property({ type: 'text', nullable: true })
  reason: string | null = null;

  /** 参赛号 of the team, assigned by the draw. */
  @Property({ type: 'string', length: 20, nullable: true })
  candidateNumber: string | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
