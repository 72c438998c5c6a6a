import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditService } from '../audit/audit.service';
import { CompetitionEvent } from '../competitions/entities/competition-event.entity';
import { Registration } from '../registrations/entities/registration.entity';
import { Team } from '../registrations/entities/team.entity';

/** Entry states that can stand in a team. */
export const TEAM_MEMBER_STATUSES = ['submitted', 'approved', 'waitlisted'] as const;

/** min ≤ members ≤ max (unset bounds: at least 1) and the captain is one of them. */
export function teamIsComplete(
  event: Pick<CompetitionEvent, 'minTeamSize' | 'maxTeamSize'>,
  memberIds: readonly string[],
  captainRegistrationId: string | null,
): boolean {
  const size = memberIds.length;
  return (
    size >= Math.max(1, event.minTeamSize ?? 1) &&
    (event.maxTeamSize === null || size <= event.maxTeamSize) &&
    captainRegistrationId !== null &&
    memberIds.includes(captainRegistrationId)
  );
}

/**
 * Takes a registration out of its team when it is withdrawn or rejected. The captaincy is
 * cleared if it was theirs; a submitted or approved team that is no longer complete (too few
 * members, no captain) goes back to "forming" with a reason the enterprise sees, so it is
 * completed and submitted again rather than entering short-handed. Audited on the team.
 */
export async function releaseFromTeam(
  tx: EntityManager,
  audit: AuditService,
  entry: Registration,
  actorId: string | null,
  why: string,
): Promise<void> {
  if (!entry.team) return;
  const team = await tx.findOneOrFail(Team, { id: entry.team.id }, { populate: ['event'] });
  const before = { status: team.status, captainRegistrationId: team.captainRegistrationId };
  entry.team = null;
  if (team.captainRegistrationId === entry.id) team.captainRegistrationId = null;
  const remaining = await tx.find(
    Registration,
    { team, id: { $ne: entry.id } },
    { fields: ['id'] },
  );
  if (
    (team.status === 'submitted' || team.status === 'approved') &&
    !teamIsComplete(
      team.event,
      remaining.map((member) => member.id),
      team.captainRegistrationId,
    )
  ) {
    team.status = 'forming';
    team.reason = `队员退出后队伍不完整，请补齐队员或指定队长后重新提交 / A member left and the team is incomplete: complete it and submit again`;
  }
  audit.record(
    {
      actorId,
      action: 'team.member_released',
      subjectType: 'team',
      subjectId: team.id,
      before: { ...before, memberRegistrationId: entry.id },
      after: { status: team.status, captainRegistrationId: team.captainRegistrationId, why },
    },
    tx,
  );
}
