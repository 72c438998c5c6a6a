import {
  Entity,
  Index,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
  Unique,
} from '@mikro-orm/core';
import type { ResultRow } from '@jingsai/contracts';
import { randomUUID } from 'node:crypto';
import { Round } from '../../competitions/entities/round.entity';

/** An immutable published result of a round (成绩发布). A republication adds the next version. */
@Entity({ tableName: 'judging_result_version' })
@Unique({ properties: ['round', 'version'] })
export class ResultVersion {
  [OptionalProps]?: 'reason' | 'appealIds' | 'promoted' | 'publishedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Round, { deleteRule: 'cascade' })
  @Index()
  round!: Round;

  @Property({ type: 'integer' })
  version!: number;

  /** The rows as published, with the engine's figures as decimal strings. */
  @Property({ type: 'json' })
  rows!: ResultRow[];

  /** Chain head at publication: what the result was computed from. */
  @Property({ type: 'bigint' })
  chainSeq!: string;

  @Property({ type: 'uuid' })
  publishedBy!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  publishedAt: Date = new Date();

  @Property({ type: 'string', length: 500, nullable: true })
  reason: string | null = null;

  @Property({ type: 'json' })
  appealIds: string[] = [];

  @Property({ type: 'integer', default: 0 })
  promoted: number = 0;
}
