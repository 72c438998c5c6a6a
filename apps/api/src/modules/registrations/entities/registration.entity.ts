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
import { randomUUID } from 'node:crypto';
import { CompetitionEvent } from '../../competitions/entities/competition-event.entity';
import { Person } from './person.entity';

export const REGISTRATION_STATUSES = [
  'submitted',
  'approved',
  'rejected',
  'waitlisted',
  'withdrawn',
] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** A person's entry into one event. */
@Entity({ tableName: 'registration' })
@Unique({ properties: ['event', 'person'] })
export class Registration {
  [OptionalProps]?: 'status' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => CompetitionEvent, { deleteRule: 'cascade' })
  event!: CompetitionEvent;

  @ManyToOne(() => Person, { deleteRule: 'restrict' })
  @Index()
  person!: Person;

  @Enum({ items: [...REGISTRATION_STATUSES], default: 'submitted' })
  status: RegistrationStatus = 'submitted';

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
