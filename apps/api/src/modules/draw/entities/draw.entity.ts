import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Round } from '../../competitions/entities/round.entity';

/**
 * One seeded draw (抽签) for a round: candidate numbers, anonymous codes and stations. The seed
 * makes it reproducible; a redraw supersedes the earlier one, which stays for the record. The
 * code ↔ competitor mapping stays hidden from judges until `revealedAt`.
 */
@Entity({ tableName: 'draw' })
export class Draw {
  [OptionalProps]?: 'supersededAt' | 'revealedAt' | 'revealedBy' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Round, { deleteRule: 'cascade' })
  @Index()
  round!: Round;

  /** The random seed, hex; recorded in the audit log with the result. */
  @Property({ type: 'string', length: 64 })
  seed!: string;

  @Property({ type: 'integer' })
  entryCount!: number;

  @Property({ type: 'uuid' })
  createdBy!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  /** Set when a later draw replaced this one. */
  @Property({ type: 'datetime', nullable: true })
  supersededAt: Date | null = null;

  /** The audited reveal of the code ↔ competitor mapping. */
  @Property({ type: 'datetime', nullable: true })
  revealedAt: Date | null = null;

  @Property({ type: 'uuid', nullable: true })
  revealedBy: string | null = null;
}
