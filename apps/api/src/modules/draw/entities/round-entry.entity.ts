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
import { CompetitionSession } from '../../competitions/entities/competition-session.entity';
import { Round } from '../../competitions/entities/round.entity';
import { Registration } from '../../registrations/entities/registration.entity';
import { Team } from '../../registrations/entities/team.entity';
import { Draw } from './draw.entity';

export const ATTENDANCE = ['expected', 'present', 'absent'] as const;
export type Attendance = (typeof ATTENDANCE)[number];

/**
 * Who competes in a round: one approved registration (individual events) or one team (team
 * events), with the anonymous code (加密号) judges see, the session and station, and check-in.
 * Judging sheets, marks and results are keyed by this entry. Entries come from the draw for the
 * first round and from promotion for later ones.
 */
@Entity({ tableName: 'round_entry' })
@Unique({ properties: ['round', 'registration'] })
@Unique({ properties: ['round', 'team'] })
@Unique({ properties: ['round', 'anonymousCode'] })
export class RoundEntry {
  [OptionalProps]?:
    | 'registration'
    | 'team'
    | 'draw'
    | 'anonymousCode'
    | 'session'
    | 'station'
    | 'attendance'
    | 'checkedInAt'
    | 'checkedInBy'
    | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Round, { deleteRule: 'cascade' })
  @Index()
  round!: Round;

  @ManyToOne(() => Registration, { nullable: true, deleteRule: 'cascade' })
  @Index()
  registration: Registration | null = null;

  @ManyToOne(() => Team, { nullable: true, deleteRule: 'cascade' })
  @Index()
  team: Team | null = null;

  /** The draw that placed this entry; null until drawn (e.g. just promoted). */
  @ManyToOne(() => Draw, { nullable: true, deleteRule: 'set null' })
  draw: Draw | null = null;

  /** 加密号: what judges see instead of a name. */
  @Property({ type: 'string', length: 20, nullable: true })
  anonymousCode: string | null = null;

  @ManyToOne(() => CompetitionSession, { nullable: true, deleteRule: 'set null' })
  @Index()
  session: CompetitionSession | null = null;

  /** 工位 number within the session, from 1. */
  @Property({ type: 'integer', nullable: true })
  station: number | null = null;

  /** Check-in on the day; absent entries are left out of ranking. */
  @Enum({ items: [...ATTENDANCE], default: 'expected' })
  attendance: Attendance = 'expected';

  @Property({ type: 'datetime', nullable: true })
  checkedInAt: Date | null = null;

  @Property({ type: 'uuid', nullable: true })
  checkedInBy: string | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
