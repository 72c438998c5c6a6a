import { Entity, OneToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Person } from '../../registrations/entities/person.entity';

/**
 * A competitor's ID photo for identity checks at check-in (JPEG or PNG, at most 2 MB), kept in
 * Postgres and served only to the person, their enterprise's coordinator and organisers.
 */
@Entity({ tableName: 'person_photo' })
export class PersonPhoto {
  [OptionalProps]?: 'uploadedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @OneToOne(() => Person, { owner: true, unique: true, deleteRule: 'cascade' })
  person!: Person;

  @Property({ type: 'string', length: 20 })
  contentType!: 'image/jpeg' | 'image/png';

  @Property({ type: 'blob', lazy: true })
  data!: Buffer;

  @Property({ type: 'integer' })
  size!: number;

  /** SHA-256 of the bytes, hex: names the version in the audit log and in caches. */
  @Property({ type: 'string', length: 64 })
  sha256!: string;

  @Property({ type: 'uuid', nullable: true })
  uploadedBy: string | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  uploadedAt: Date = new Date();
}
