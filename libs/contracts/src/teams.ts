import { z } from 'zod';
import { PersonInput } from './registration';

/*
 * Teams in team events (CompetitionEvent.kind 'team', min/max team size). An enterprise's
 * coordinator (own enterprise only) or an organiser forms a team from registrations of that
 * event and enterprise, names a captain, and submits it; an organiser approves it (which
 * approves its members) or rejects it with a reason.
 *
 *   forming ──submit (min ≤ members ≤ max, captain named)──▶ submitted ──review──▶ approved
 *      ▲                                                        │          └────▶ rejected
 *      └──────────── any change of members by the enterprise ───┘ (and from rejected)
 *   withdraw (any state) ──▶ withdrawn: members are released, the team stays in the record.
 */
export const TEAM_STATUSES = ['forming', 'submitted', 'approved', 'rejected', 'withdrawn'] as const;
export const TeamStatus = z.enum(TEAM_STATUSES);
export type TeamStatus = z.infer<typeof TeamStatus>;

export const TeamMemberView = z.object({
  registrationId: z.uuid(),
  personId: z.uuid(),
  name: z.string(),
  registrationStatus: z.string(),
  captain: z.boolean(),
});
export type TeamMemberView = z.infer<typeof TeamMemberView>;

export const TeamView = z.object({
  id: z.uuid(),
  competitionId: z.uuid(),
  eventId: z.uuid(),
  eventName: z.string(),
  enterpriseId: z.uuid(),
  enterpriseName: z.string(),
  name: z.string(),
  status: TeamStatus,
  reason: z.string().nullable(),
  captainRegistrationId: z.uuid().nullable(),
  candidateNumber: z.string().nullable(),
  minSize: z.number().int().nullable(),
  maxSize: z.number().int().nullable(),
  /** min ≤ members ≤ max and a captain among them: it can be submitted. */
  complete: z.boolean(),
  members: z.array(TeamMemberView),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TeamView = z.infer<typeof TeamView>;

const TeamName = z
  .string()
  .trim()
  .min(1, 'a team needs a name / 请填写队名')
  .max(100, 'the team name must be at most 100 characters / 队名不能超过 100 个字符');

export const CreateTeamRequest = z.strictObject({
  eventId: z.uuid(),
  /** Organisers must say which enterprise; a coordinator of one enterprise may leave it out. */
  enterpriseId: z.uuid().optional(),
  name: TeamName,
  /** Registrations to add at once (optional). */
  memberRegistrationIds: z.array(z.uuid()).max(50).default([]),
  captainRegistrationId: z.uuid().nullable().default(null),
});
export type CreateTeamRequest = z.output<typeof CreateTeamRequest>;

export const UpdateTeamRequest = z.strictObject({
  name: TeamName.optional(),
  /** Must be a member; null clears the captain. */
  captainRegistrationId: z.uuid().nullable().optional(),
});
export type UpdateTeamRequest = z.output<typeof UpdateTeamRequest>;

export const TeamMemberRequest = z.strictObject({ registrationId: z.uuid() });
export type TeamMemberRequest = z.output<typeof TeamMemberRequest>;

export const ReviewTeamRequest = z
  .strictObject({
    decision: z.enum(['approved', 'rejected']),
    reason: z.string().trim().max(500).nullable().default(null),
  })
  .refine(
    (value) => value.decision !== 'rejected' || (value.reason !== null && value.reason.length > 0),
    {
      path: ['reason'],
      message: 'a rejection needs a reason the enterprise will see / 驳回须填写理由（企业可见）',
    },
  );
export type ReviewTeamRequest = z.output<typeof ReviewTeamRequest>;

export const WithdrawTeamRequest = z.strictObject({
  reason: z.string().trim().max(500).nullable().default(null),
});
export type WithdrawTeamRequest = z.output<typeof WithdrawTeamRequest>;

export const TeamQuery = z.strictObject({
  eventId: z.uuid().optional(),
  enterpriseId: z.uuid().optional(),
});
export type TeamQuery = z.output<typeof TeamQuery>;

// ── substitution (换人) ─────────────────────────────────────────────────────

/**
 * Replace the worker of a submitted or approved entry with another worker of the same
 * enterprise before the substitution deadline; the entry keeps its id, status, team and number.
 */
export const SubstituteRegistrationRequest = z.strictObject({
  person: PersonInput,
  reason: z
    .string()
    .trim()
    .min(1, 'say why the worker is replaced / 请填写换人原因')
    .max(500, 'the reason must be at most 500 characters / 原因不能超过 500 个字符'),
});
export type SubstituteRegistrationRequest = z.output<typeof SubstituteRegistrationRequest>;

/** One line of an entry's history, from the audit log (who, when, what, before → after). */
export const RegistrationHistoryEntry = z.object({
  at: z.string(),
  action: z.string(),
  actorName: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
export type RegistrationHistoryEntry = z.infer<typeof RegistrationHistoryEntry>;
