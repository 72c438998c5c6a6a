import {
  Entity,
  Enum,
  Index,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
} from '@mikro-orm/core';
import { type Role, ROLES, type ScopeType, SCOPE_TYPES } from '@jingsai/contracts';
import { randomUUID } from 'node:crypto';
import { User } from './user.entity';

/** One role held by a user within a scope (the platform, an organisation or a competition). */
@Entity({ tableName: 'role_grant' })
export class RoleGrant {
  [OptionalProps]?: 'scopeId' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  @Index()
  user!: User;

  @Enum({ items: [...ROLES] })
  role!: Role;

  @Enum({ items: [...SCOPE_TYPES] })
  scopeType!: ScopeType;

  /** null for platform-wide grants; otherwise an organisation or competition id. */
  @Property({ type: 'uuid', nullable: true })
  @Index()
  scopeId: string | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
