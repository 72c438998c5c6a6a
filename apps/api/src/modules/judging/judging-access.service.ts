import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user';
import { isPlatformAdmin } from '../../common/auth/auth-user';
import { ForbiddenError } from '../../common/errors/domain-error';
import { AccessService } from '../auth/access.service';
import { sql } from './judging-sql';

/**
 * Who may do what in judging: organisers of the competition, the event's head judge, the
 * competition's arbitration group (仲裁组, appeals only), judges.
 */
@Injectable()
export class JudgingAccessService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
  ) {}

  isOrganiser(user: AuthUser, competitionId: string): Promise<boolean> {
    return this.access.isAllowed(user, ['organiser'], { type: 'competition', id: competitionId });
  }

  async requireOrganiser(user: AuthUser, competitionId: string): Promise<void> {
    if (!(await this.isOrganiser(user, competitionId))) throw new ForbiddenError();
  }

  /** The event's named head judge, holding a head_judge grant covering the competition. */
  async isHeadJudge(user: AuthUser, eventId: string, competitionId: string): Promise<boolean> {
    if (isPlatformAdmin(user)) return true;
    const [row] = await sql(
      this.em,
      'select 1 from judging_head_judge where event_id = ? and user_id = ?',
      [eventId, user.id],
    );
    if (!row) return false;
    return this.access.isAllowed(user, ['head_judge'], { type: 'competition', id: competitionId });
  }

  async requireHeadJudge(user: AuthUser, eventId: string, competitionId: string): Promise<void> {
    if (!(await this.isHeadJudge(user, eventId, competitionId))) throw new ForbiddenError();
  }

  /** Head judge of the event or organiser of the competition (read-only views, publication). */
  async requireStaff(
    user: AuthUser,
    eventId: string,
    competitionId: string,
  ): Promise<'head_judge' | 'organiser'> {
    if (await this.isHeadJudge(user, eventId, competitionId)) return 'head_judge';
    if (await this.isOrganiser(user, competitionId)) return 'organiser';
    throw new ForbiddenError();
  }

  /** A member of the competition's arbitration group: an `arbitrator` grant covering it. */
  isArbitrator(user: AuthUser, competitionId: string): Promise<boolean> {
    if (!user.grants.some((grant) => grant.role === 'arbitrator')) return Promise.resolve(false);
    return this.access.isAllowed(user, ['arbitrator'], { type: 'competition', id: competitionId });
  }

  /**
   * An arbitrator acting on an appealed entry: in the competition's arbitration group, and the
   * entry has an appeal (`open`: one still filed or under review, as a re-mark request needs).
   */
  async arbitratesEntry(
    user: AuthUser,
    competitionId: string,
    entryId: string,
    open: boolean,
  ): Promise<boolean> {
    if (!(await this.isArbitrator(user, competitionId))) return false;
    const [row] = await sql(
      this.em,
      `select 1 from judging_appeal where entry_id = ?
          ${open ? "and status in ('filed', 'under_review')" : ''} limit 1`,
      [entryId],
    );
    return row !== undefined;
  }

  /**
   * Who decides an appeal: the event's head judge or the competition's arbitration group. The
   * answer is the capacity they act in, recorded with the decision.
   */
  async requireAppealDecider(
    user: AuthUser,
    eventId: string,
    competitionId: string,
  ): Promise<'head_judge' | 'arbitrator'> {
    if (await this.isHeadJudge(user, eventId, competitionId)) return 'head_judge';
    if (await this.isArbitrator(user, competitionId)) return 'arbitrator';
    throw new ForbiddenError();
  }

  isJudge(user: AuthUser, competitionId: string): Promise<boolean> {
    return this.access.isAllowed(user, ['judge'], { type: 'competition', id: competitionId });
  }
}
