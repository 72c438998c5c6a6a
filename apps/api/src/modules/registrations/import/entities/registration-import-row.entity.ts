import { Entity, Enum, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { RegistrationImport } from './registration-import.entity';

export const IMPORT_ROW_OUTCOMES = ['valid', 'already_registered', 'invalid'] as const;
export type ImportRowOutcome = (typeof IMPORT_ROW_OUTCOMES)[number];

/**
 * A staged row of an import: the normalised values of one spreadsheet row and what validation
 * said about it. Written and read with set-based SQL (never loaded 50,000 at a time as entities).
 * The document is stored like Person's: encrypted, with a keyed lookup hash and a masked copy.
 */
@Entity({ tableName: 'registration_import_row' })
export class RegistrationImportRow {
  @ManyToOne(() => RegistrationImport, { primary: true, deleteRule: 'cascade' })
  import!: RegistrationImport;

  /** As the user sees it in the spreadsheet (the header is row 1). */
  @PrimaryKey({ type: 'integer', autoincrement: false })
  rowNumber!: number;

  @Enum({ items: [...IMPORT_ROW_OUTCOMES] })
  outcome!: ImportRowOutcome;

  @Property({ type: 'string', length: 100, nullable: true })
  name: string | null = null;

  @Property({ type: 'string', length: 40, nullable: true })
  documentType: string | null = null;

  @Property({ type: 'text', nullable: true })
  documentEncrypted: string | null = null;

  @Property({ type: 'string', length: 64, nullable: true })
  documentHash: string | null = null;

  @Property({ type: 'string', length: 40, nullable: true })
  documentMasked: string | null = null;

  @Property({ type: 'string', length: 20, nullable: true })
  mobile: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  enterpriseId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  eventId: string | null = null;

  @Property({ type: 'integer', nullable: true })
  skillLevel: number | null = null;

  @Enum({ items: ['male', 'female'], nullable: true })
  gender: 'male' | 'female' | null = null;

  @Property({ type: 'date', nullable: true })
  birthDate: string | null = null;

  /** Errors and notes for this row, in the report's shape ({row, column, message, severity}). */
  @Property({ type: 'json', nullable: true })
  issues: unknown[] | null = null;
}
