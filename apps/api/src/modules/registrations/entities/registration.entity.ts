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
import {
  REGISTRATION_SOURCES,
  REGISTRATION_STATUSES,
  type RegistrationSource,
  type RegistrationStatus,
} from '@jingsai/contracts';
import { randomUUID } from 'node:crypto';
import { CompetitionEvent } from '../../competitions/entities/competition-event.entity';
import { Competition } from '../../competitions/entities/competition.entity';
import { Person } from './person.entity';
import { Team } from './team.entity';

/** A person's entry into one event, from submission through review. */
@Entity({ tableName: 'registration' })
@Unique({ properties: ['event', 'person'] })
@Index({ properties: ['competition', 'status'] })
export class Registration {
  [OptionalProps]?:
    | 'status'
    | 'createdAt'
    | 'updatedAt'
    | 'reason'
    | 'source'
    | 'submittedBy'
    | 'candidateNumber'
    | 'team';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Competition, { deleteRule: 'cascade' })
  competition!: Competition;

  @ManyToOne(() => CompetitionEvent, { deleteRule: 'cascade' })
  event!: CompetitionEvent;

  @ManyToOne(() => Person, { deleteRule: 'restrict' })
  @Index()
  person!: Person;

  @Enum({ items: [...REGISTRATION_STATUSES], default: 'submitted' })
  status: RegistrationStatus = 'submitted';

  /** Why it was rejected, waitlisted or withdrawn; shown to the competitor. */
  @Property({ type: 'text', nullable: true })
  reason: string | null = null;

  @Enum({ items: [...REGISTRATION_SOURCES], default: 'organiser' })
  source: RegistrationSource = 'organiser';

  @Property({ type: 'uuid', nullable: true })
  submittedBy: string | null = null;

  /** The team this registration is a member of, in a team event. */
  @ManyToOne(() => Team, { nullable: true, deleteRule: 'set null' })
  @Index()
  team: Team | null = null;

  /** 参赛号, assigned by the draw. */
  @Property({ type: 'string', length: 20, nullable: true })
  candidateNumber: string | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
