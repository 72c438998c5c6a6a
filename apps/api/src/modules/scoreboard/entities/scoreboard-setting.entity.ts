import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * An event's scoreboard settings the organiser controls: the freeze time (封榜), the reveal
 * ceremony (揭晓) and the audience vote (群众投票).
 */
@Entity({ tableName: 'scoreboard_setting' })
export class ScoreboardSetting {
  [OptionalProps]?:
    | 'freezeAt'
    | 'revealStartedAt'
    | 'revealedAt'
    | 'lastRevealedEntryId'
    | 'voteEnabled'
    | 'voteClosesAt'
    | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  eventId!: string;

  @Property({ type: 'uuid' })
  @Index()
  competitionId!: string;

  /** From this moment the public board stops changing, until the reveal ends. */
  @Property({ type: 'datetime', nullable: true })
  freezeAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  revealStartedAt: Date | null = null;

  /** Set when the reveal has shown every hidden change: the freeze is over. */
  @Property({ type: 'datetime', nullable: true })
  revealedAt: Date | null = null;

  @Property({ type: 'uuid', nullable: true })
  lastRevealedEntryId: string | null = null;

  @Property({ type: 'boolean', default: false })
  voteEnabled: boolean = false;

  @Property({ type: 'datetime', nullable: true })
  voteClosesAt: Date | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  /** Whether the public board is frozen at `now`. */
  isFrozen(now: Date = new Date()): boolean {
    return this.freezeAt !== null && this.freezeAt <= now && this.revealedAt === null;
  }
}
