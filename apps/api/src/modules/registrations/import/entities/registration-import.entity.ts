import {
  Entity,
  Enum,
  Index,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
} from '@mikro-orm/core';
import { IMPORT_STATUSES, type ImportStatus } from '@jingsai/contracts';
import { randomUUID } from 'node:crypto';
import { Competition } from '../../../competitions/entities/competition.entity';

/**
 * One uploaded registration file: validated in the background into staged rows with a per-row
 * report, then committed (in one transaction) or discarded. Counts are kept here for the view.
 */
@Entity({ tableName: 'registration_import' })
@Index({ properties: ['status'] })
export class RegistrationImport {
  [OptionalProps]?:
    | 'status'
    | 'processedRows'
    | 'totalRows'
    | 'validRows'
    | 'invalidRows'
    | 'alreadyRegisteredRows'
    | 'waitlistedRows'
    | 'createdRows'
    | 'issueCount'
    | 'failure'
    | 'createdAt'
    | 'updatedAt'
    | 'committedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Competition, { deleteRule: 'cascade' })
  @Index()
  competition!: Competition;

  @Property({ type: 'string', length: 255 })
  fileName!: string;

  /** The user who uploaded it; only they (or the competition's organisers) see and commit it. */
  @Property({ type: 'uuid' })
  uploadedBy!: string;

  @Enum({ items: [...IMPORT_STATUSES], default: 'validating' })
  status: ImportStatus = 'validating';

  @Property({ type: 'integer', default: 0 })
  processedRows: number = 0;

  @Property({ type: 'integer', default: 0 })
  totalRows: number = 0;

  @Property({ type: 'integer', default: 0 })
  validRows: number = 0;

  @Property({ type: 'integer', default: 0 })
  invalidRows: number = 0;

  @Property({ type: 'integer', default: 0 })
  alreadyRegisteredRows: number = 0;

  @Property({ type: 'integer', default: 0 })
  waitlistedRows: number = 0;

  @Property({ type: 'integer', default: 0 })
  createdRows: number = 0;

  @Property({ type: 'integer', default: 0 })
  issueCount: number = 0;

  @Property({ type: 'text', nullable: true })
  failure: string | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  /** Also the heartbeat of background work: written every few thousand rows while validating. */
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  updatedAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  committedAt: Date | null = null;
}
