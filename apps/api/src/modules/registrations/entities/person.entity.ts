import {
  Entity,
  Enum,
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

export const PERSON_DOCUMENT_TYPES = [
  'resident_id',
  'hk_macau_permit',
  'taiwan_permit',
  'foreign_permanent_residence',
  'passport',
] as const;
export type PersonDocumentType = (typeof PERSON_DOCUMENT_TYPES)[number];

/**
 * A worker who competes: one record across competitions, found again by document. The document
 * number is stored encrypted (AES-256-GCM) with a keyed hash for lookups and a masked copy for
 * display; it leaves the API unmasked only for organisers of a competition the person entered.
 */
@Entity({ tableName: 'person' })
export class Person {
  [OptionalProps]?:
    | 'enterprise'
    | 'user'
    | 'createdAt'
    | 'documentType'
    | 'documentEncrypted'
    | 'documentHash'
    | 'documentMasked'
    | 'birthDate'
    | 'gender'
    | 'mobile'
    | 'skillLevel';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 100 })
  name!: string;

  @ManyToOne(() => Organisation, { nullable: true, deleteRule: 'restrict' })
  @Index()
  enterprise: Organisation | null = null;

  @OneToOne(() => User, { nullable: true, owner: true, deleteRule: 'set null' })
  user: User | null = null;

  @Enum({ items: [...PERSON_DOCUMENT_TYPES], nullable: true })
  documentType: PersonDocumentType | null = null;

  @Property({ type: 'text', nullable: true, hidden: true })
  documentEncrypted: string | null = null;

  @Property({ type: 'string', length: 64, nullable: true, unique: true })
  documentHash: string | null = null;

  @Property({ type: 'string', length: 40, nullable: true })
  documentMasked: string | null = null;

  @Property({ type: 'date', nullable: true })
  birthDate: string | null = null;

  @Enum({ items: ['male', 'female'], nullable: true })
  gender: 'male' | 'female' | null = null;

  @Property({ type: 'string', length: 20, nullable: true })
  mobile: string | null = null;

  /** 5 = 五级/初级工 … 1 = 一级/高级技师. */
  @Property({ type: 'integer', nullable: true })
  skillLevel: number | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
