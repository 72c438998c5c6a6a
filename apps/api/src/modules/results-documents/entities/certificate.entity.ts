import {
  Entity,
  Index,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
  Unique,
} from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { CompetitionEvent } from '../../competitions/entities/competition-event.entity';
import { Competition } from '../../competitions/entities/competition.entity';

/**
 * A 获奖证书 as issued: what was printed on it (copied, so later changes to names or results do
 * not silently change a certificate already handed out) and its verification serial. The code on
 * the paper is `<serial>.<HMAC signature>`; only the serial is stored, the signature is recomputed.
 * Never deleted: a certificate issued in error is revoked with a reason, and the verification
 * page then says so.
 */
@Entity({ tableName: 'certificate' })
@Index({ properties: ['event', 'entryId'] })
export class Certificate {
  [OptionalProps]?:
    | 'issuedAt'
    | 'revokedAt'
    | 'revokedBy'
    | 'revokeReason'
    | 'rank'
    | 'enterprise'
    | 'resultVersion';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** 16 random bytes, base64url (22 characters). */
  @Property({ type: 'string', length: 32 })
  @Unique()
  serial!: string;

  @ManyToOne(() => Competition, { deleteRule: 'restrict' })
  @Index()
  competition!: Competition;

  @ManyToOne(() => CompetitionEvent, { deleteRule: 'restrict' })
  event!: CompetitionEvent;

  /** The standings row (round entry) the award belongs to. */
  @Property({ type: 'uuid' })
  entryId!: string;

  @Property({ type: 'string', length: 200 })
  recipientName!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  enterprise: string | null = null;

  @Property({ type: 'string', length: 40 })
  candidateNumber!: string;

  @Property({ type: 'string', length: 200 })
  competitionName!: string;

  @Property({ type: 'string', length: 200 })
  eventName!: string;

  @Property({ type: 'string', length: 100 })
  award!: string;

  @Property({ type: 'integer', nullable: true })
  rank: number | null = null;

  @Property({ type: 'string', length: 200 })
  organiserName!: string;

  @Property({ type: 'date' })
  issuedOn!: string;

  /** The published result version the award was taken from. */
  @Property({ type: 'integer', nullable: true })
  resultVersion: number | null = null;

  @Property({ type: 'uuid' })
  issuedBy!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  issuedAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  revokedAt: Date | null = null;

  @Property({ type: 'uuid', nullable: true })
  revokedBy: string | null = null;

  @Property({ type: 'text', nullable: true })
  revokeReason: string | null = null;
}
