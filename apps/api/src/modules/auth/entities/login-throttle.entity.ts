import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** Failed sign-ins counted per key ("ip:…" or "pair:<username>|<ip>") within a window. */
@Entity({ tableName: 'login_throttle' })
export class LoginThrottle {
  [OptionalProps]?: 'blockedUntil';

  @PrimaryKey({ type: 'string', length: 200 })
  key!: string;

  @Property({ type: 'integer' })
  failures!: number;

  @Property({ type: 'datetime' })
  windowStartedAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  blockedUntil: Date | null = null;
}
