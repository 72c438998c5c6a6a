import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** Who did what to which record, with before → after. Append-only. */
@Entity({ tableName: 'audit_entry' })
@Index({ properties: ['subjectType', 'subjectId'] })
export class AuditEntry {
  [OptionalProps]?: 'at' | 'actorId' | 'subjectId' | 'before' | 'after' | 'ip';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  at: Date = new Date();

  /** null for the system itself (seeding, CLI). */
  @Property({ type: 'uuid', nullable: true })
  actorId: string | null = null;

  @Property({ type: 'string', length: 100 })
  action!: string;

  @Property({ type: 'string', length: 50 })
  subjectType!: string;

  @Property({ type: 'string', length: 100, nullable: true })
  subjectId: string | null = null;

  @Property({ type: 'json', nullable: true })
  before: unknown = null;

  @Property({ type: 'json', nullable: true })
  after: unknown = null;

  @Property({ type: 'string', length: 64, nullable: true })
  ip: string | null = null;
}
