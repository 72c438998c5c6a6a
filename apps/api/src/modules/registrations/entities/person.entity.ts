import {
  Entity,
  Index,
  ManyToOne,
  OneToOne,
  OptionalProps,
  PrimaryKey,
  Property,
} from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Organisation } from '../../organisations/entities/organisation.entity';
import { User } from '../../users/entities/user.entity';

/** A worker who competes; one record across competitions. */
@Entity({ tableName: 'person' })
export class Person {
  [OptionalProps]?: 'enterprise' | 'user' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 100 })
  name!: string;

  @ManyToOne(() => Organisation, { nullable: true, deleteRule: 'restrict' })
  @Index()
  enterprise: Organisation | null = null;

  @OneToOne(() => User, { nullable: true, owner: true, deleteRule: 'set null' })
  user: User | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
