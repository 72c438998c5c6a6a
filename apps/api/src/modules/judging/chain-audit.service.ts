import { Injectable } from '@nestjs/common';
import type { ChainVerification } from '@jingsai/contracts';
import type { AuthUser } from '../../common/auth/auth-user';
import { AuditService } from '../audit/audit.service';
import { ChainVerifier } from './chain-verifier.service';
import { JudgingAccessService } from './judging-access.service';
import { RoundContextService } from './round-context.service';

/** The admin page's check of an event's hash chain (organisers of the competition, platform admins). */
@Injectable()
export class ChainAuditService {
  constructor(
    private readonly verifier: ChainVerifier,
    private readonly rounds: RoundContextService,
    private readonly judgingAccess: JudgingAccessService,
    private readonly audit: AuditService,
  ) {}

  async verify(user: AuthUser, eventId: string): Promise<ChainVerification> {
    const event = await this.rounds.event(eventId);
    await this.judgingAccess.requireOrganiser(user, event.competitionId);
    const result = await this.verifier.verify(eventId);
    this.audit.record({
      actorId: user.id,
      action: 'judging.chain.verify',
      subjectType: 'competition_event',
      subjectId: eventId,
      after: { ok: result.ok, rows: result.rows, problems: result.problems.length },
    });
    return result;
  }
}
