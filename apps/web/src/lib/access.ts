import type { Role, ScopeType, SessionUser } from '@jingsai/contracts';

/** A scope to check a grant against: an organisation or a competition. */
export interface ScopeRef {
  scopeType: ScopeType;
  scopeId: string | null;
}

/**
 * Whether `user` holds `role`, optionally within `scope`. A platform-wide grant of the role
 * covers every scope. This only decides what the UI offers; the API checks every request
 * (including organisation hierarchies, which the client does not know).
 */
export function userHasRole(user: SessionUser | null, role: Role, scope?: ScopeRef): boolean {
  if (!user) return false;
  return user.roles.some(
    (grant) =>
      grant.role === role &&
      (scope === undefined ||
        grant.scopeType === 'platform' ||
        (grant.scopeType === scope.scopeType && grant.scopeId === scope.scopeId)),
  );
}

export function userHasAnyRole(user: SessionUser | null, roles: readonly Role[]): boolean {
  return roles.some((role) => userHasRole(user, role));
}

/** Who may open which area. The route guards and the navigation both read this table. */
export const AREA_ROLES = {
  organisations: ['platform_admin', 'organiser'],
  /** Creating competitions and building their events, rounds, rubrics and sessions. */
  competitionSetup: ['platform_admin', 'organiser'],
  users: ['platform_admin'],
  /** Freeze, reveal and audience-vote controls of the live scoreboard. */
  scoreboardControl: ['platform_admin', 'organiser'],
  /** The registrations console and bulk import of a competition. */
  registrations: ['organiser', 'coordinator'],
  /** The competitor's own registrations. */
  myRegistrations: ['competitor'],
  /** Draw, check-in desk and exports (rosters, sign-in sheets, station plans) of a competition. */
  drawConsole: ['platform_admin', 'organiser'],
  /** The judge tablet: the judge's queue and sheets. */
  judging: ['judge'],
  /**
   * A sheet: its judge, and the head judge / organisers / arbitration group (an appealed entry's
   * sheets) who review it (the API decides which).
   */
  judgingSheet: ['judge', 'head_judge', 'arbitrator', 'organiser', 'platform_admin'],
  /** The arbitration group's (仲裁组) list of appeals across their competitions. */
  arbitration: ['arbitrator'],
  /** One appeal with the result and sheets concerned: whoever decides it, and organisers. */
  appealCase: ['head_judge', 'arbitrator', 'organiser', 'platform_admin'],
  /** The head judge's desk for a round: live sheets, discrepancies, lock, publish, appeals. */
  judgingReview: ['head_judge', 'organiser', 'platform_admin'],
  /** Verifying an event's audit chain. */
  judgingAudit: ['platform_admin', 'organiser'],
  /** Putting judges on a round's panel. */
  judgingPanel: ['platform_admin', 'organiser'],
  /** Statistics of a competition (participation, scores, judge consistency). */
  statistics: ['platform_admin', 'organiser'],
  /** Results documents, award and recommendation lists, certificates. */
  resultsDocuments: ['platform_admin', 'organiser'],
} as const satisfies Record<string, readonly Role[]>;

/**
 * Whether to offer `user` the setup of one competition: platform administrators, and organisers
 * unless all their organiser grants are for other competitions. An organiser grant on a union
 * is offered every competition; the API refuses those run by a union above it, which the client
 * cannot tell from a competition summary.
 */
export function canSetUpCompetition(user: SessionUser | null, competitionId: string): boolean {
  if (userHasRole(user, 'platform_admin')) return true;
  return (user?.roles ?? []).some(
    (grant) =>
      grant.role === 'organiser' &&
      (grant.scopeType !== 'competition' || grant.scopeId === competitionId),
  );
}

/**
 * Whether to offer `user` the registrations console of one competition: organisers (as for
 * setup) and enterprise coordinators, whom the API limits to their own enterprise.
 */
export function canManageRegistrations(user: SessionUser | null, competitionId: string): boolean {
  return canReviewRegistrations(user, competitionId) || userHasRole(user, 'coordinator');
}

/** Whether `user` reviews registrations of the competition (organisers only, not coordinators). */
export function canReviewRegistrations(user: SessionUser | null, competitionId: string): boolean {
  return (user?.roles ?? []).some(
    (grant) =>
      grant.role === 'organiser' &&
      (grant.scopeType !== 'competition' || grant.scopeId === competitionId),
  );
}
