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
import { COMPETITION_STATUSES, type CompetitionStatus } from '@jingsai/contracts';
import { randomUUID } from 'node:crypto';
import { Organisation } from '../../organisations/entities/organisation.entity';
import { CompetitionEvent } from './competition-event.entity';
import { Sector } from './sector.entity';

@Entity({ tableName: 'competition' })
export class Competition {
  [OptionalProps]?:
    | 'status'
    | 'startsOn'
    | 'endsOn'
    | 'timezone'
    | 'createdAt'
    | 'description'
    | 'registrationClosesAt'
    | 'substitutionDeadline';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'integer' })
  year!: number;

  @Enum({ items: [...COMPETITION_STATUSES], default: 'draft' })
  status: CompetitionStatus = 'draft';

  /** The union that runs it; its organisers (and those of unions above it) manage it. */
  @ManyToOne(() => Organisation, { deleteRule: 'restrict' })
  @Index()
  organiser!: Organisation;

  @Property({ type: 'date', nullable: true })
  startsOn: string | null = null;

  @Property({ type: 'date', nullable: true })
  endsOn: string | null = null;

  @Property({ type: 'string', length: 50, default: 'Asia/Shanghai' })
  timezone: string = 'Asia/Shanghai';

  @Property({ type: 'text', default: '' })
  description: string = '';

  @Property({ type: 'datetime', nullable: true })
  registrationClosesAt: Date | null = null;

  /** Until then an enterprise may substitute another worker for a registered one. */
  @Property({ type: 'datetime', nullable: true })
  substitutionDeadline: Date | null = null;

  @OneToMany(() => Sector, (sector) => sector.competition, { orderBy: { name: 'asc' } })
  sectors = new Collection<Sector>(this);

  @OneToMany(() => CompetitionEvent, (event) => event.competition, {
    orderBy: { sortOrder: 'asc' },
  })
  events = new Collection<CompetitionEvent>(this);

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
