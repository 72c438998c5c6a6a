import type { Eligibility } from '@jingsai/contracts';
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
import { randomUUID } from 'node:crypto';
import { Competition } from './competition.entity';
import { Round } from './round.entity';
import { Sector } from './sector.entity';

/** An event (项目) of a competition, such as CNC turning (数控车工). */
@Entity({ tableName: 'competition_event' })
export class CompetitionEvent {
  [OptionalProps]?:
    | 'occupationCode'
    | 'kind'
    | 'capacity'
    | 'sortOrder'
    | 'sector'
    | 'minTeamSize'
    | 'maxTeamSize'
    | 'exclusive'
    | 'quotaPerEnterprise'
    | 'quotaPerRegion'
    | 'eligibility';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Competition, { deleteRule: 'cascade' })
  @Index()
  competition!: Competition;

  @Property({ type: 'string', length: 200 })
  name!: string;

  /** National occupation classification code (职业编码), e.g. 6-18-01-01. */
  @Property({ type: 'string', length: 30, nullable: true })
  occupationCode: string | null = null;

  @Enum({ items: ['individual', 'team'], default: 'individual' })
  kind: 'individual' | 'team' = 'individual';

  @Property({ type: 'integer', nullable: true })
  capacity: number | null = null;

  @Property({ type: 'integer', default: 0 })
  sortOrder: number = 0;

  @ManyToOne(() => Sector, { nullable: true, deleteRule: 'set null' })
  sector: Sector | null = null;

  @Property({ type: 'integer', nullable: true })
  minTeamSize: number | null = null;

  @Property({ type: 'integer', nullable: true })
  maxTeamSize: number | null = null;

  /** A person entered here may not enter another event of the same competition. */
  @Property({ type: 'boolean', default: false })
  exclusive: boolean = false;

  @Property({ type: 'integer', nullable: true })
  quotaPerEnterprise: number | null = null;

  @Property({ type: 'integer', nullable: true })
  quotaPerRegion: number | null = null;

  /** Who may enter: age on a reference date, gender category, skill levels. */
  @Property({ type: 'json', nullable: true })
  eligibility: Eligibility | null = null;

  @OneToMany(() => Round, (round) => round.event, { orderBy: { sequence: 'asc' } })
  rounds = new Collection<Round>(this);
}
