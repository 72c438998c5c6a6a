import { Entity, ManyToOne, OneToOne, OptionalProps, Property } from '@mikro-orm/core';
import { CompetitionEvent } from '../../competitions/entities/competition-event.entity';
import { User } from '../../users/entities/user.entity';

/** The head judge (裁判长) of an event. */
@Entity({ tableName: 'judging_head_judge' })
export class HeadJudge {
  [OptionalProps]?: 'assignedAt';

  @OneToOne(() => CompetitionEvent, { primary: true, deleteRule: 'cascade' })
  event!: CompetitionEvent;

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: User;

  @Property({ type: 'uuid' })
  assignedBy!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  assignedAt: Date = new Date();
}
