import {
  Entity,
  Enum,
  Index,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
} from '@mikro-orm/core';
import { ORGANISATION_KINDS, type OrganisationKind } from '@jingsai/contracts';
import { randomUUID } from 'node:crypto';

/** A union (province, city, county) or an enterprise, in one tree. */
@Entity({ tableName: 'organisation' })
export class Organisation {
  [OptionalProps]?: 'parent' | 'region' | 'industry' | 'creditCode' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Enum({ items: [...ORGANISATION_KINDS] })
  kind!: OrganisationKind;

  @ManyToOne(() => Organisation, { nullable: true, deleteRule: 'restrict' })
  @Index()
  parent: Organisation | null = null;

  /** Administrative region, e.g. "吉林省长春市". */
  @Property({ type: 'string', length: 100, nullable: true })
  region: string | null = null;

  @Property({ type: 'string', length: 100, nullable: true })
  industry: string | null = null;

  /**
   * 统一社会信用代码 (GB 32100), upper-case, unique when present. Required for enterprises
   * created through the console or an import; older rows and unions may have none.
   */
  @Property({ type: 'string', length: 18, nullable: true, unique: true })
  creditCode: string | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
