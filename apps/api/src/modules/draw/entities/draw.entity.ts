import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Round } from '../../competitions/entities/round.entity';
import type { DrawInput } from '../draw-plan';

/**
 * One seeded draw (抽签) for a round: candidate numbers, anonymous codes and stations. The seed
 * makes it reproducible; a redraw supersedes the earlier one, which stays for the record. The
 * code ↔ competitor mapping stays hidden from judges until `revealedAt`.
 */
@Entity({ tableName: 'draw' })
export class Draw {
  [OptionalProps]?: 'supersededAt' | 'revealedAt' | 'revealedBy' | 'createdAt' | 'digest' | 'input';

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

  /** SHA-256 of the result (see draw-plan.ts); a recomputation from seed + input must match it. */
  @Property({ type: 'string', length: 64, nullable: true })
  digest: string | null = null;

  /** What was drawn (entrant ids, sessions and capacities, number prefix), for verification. */
  @Property({ type: 'json', nullable: true })
  input: DrawInput | null = null;

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
