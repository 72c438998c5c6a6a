import {
  Collection,
  Entity,
  OneToMany,
  OptionalProps,
  PrimaryKey,
  Property,
} from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { RoleGrant } from './role-grant.entity';

@Entity({ tableName: 'user_account' })
export class User {
  [OptionalProps]?: 'mustChangePassword' | 'disabled' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 64, unique: true })
  username!: string;

  @Property({ type: 'string', length: 100 })
  displayName!: string;

  /** argon2id PHC string; never a bare hash. */
  @Property({ type: 'text', hidden: true, lazy: true })
  passwordHash!: string;

  @Property({ type: 'boolean', default: false })
  mustChangePassword: boolean = false;

  @Property({ type: 'boolean', default: false })
  disabled: boolean = false;

  @OneToMany(() => RoleGrant, (grant) => grant.user)
  roles = new Collection<RoleGrant>(this);

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
