import {
  Entity,
  Index,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
  Unique,
} from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Round } from '../../competitions/entities/round.entity';
import { User } from '../../users/entities/user.entity';

/** A judge on a round's panel: seat, and optionally only some sessions, stations or aspects. */
@Entity({ tableName: 'judging_panel_member' })
@Unique({ properties: ['round', 'judge'] })
@Unique({ properties: ['round', 'seat'] })
export class PanelMember {
  [OptionalProps]?: 'sessionIds' | 'stations' | 'aspectIds' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Round, { deleteRule: 'cascade' })
  @Index()
  round!: Round;

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  @Index()
  judge!: User;

  @Property({ type: 'integer' })
  seat!: number;

  /** null: every session of the round */
  @Property({ type: 'json', nullable: true })
  sessionIds: string[] | null = null;

  /** null: every station */
  @Property({ type: 'json', nullable: true })
  stations: number[] | null = null;

  /** null: every aspect; else aspect, criterion or module ids of the rubric */
  @Property({ type: 'json', nullable: true })
  aspectIds: string[] | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
