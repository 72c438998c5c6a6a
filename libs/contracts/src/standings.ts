import { z } from 'zod';

/**
 * The standings of one event as the judging side computes them and the scoreboard shows them.
 * Scores are decimal strings exactly as libs/scoring produced them (never floats).
 *
 * Two views: `staff` (organisers, head judges: everything live) and `public` (audiences,
 * competitors, coordinators: only what the round's publication rules allow, no document numbers,
 * names hidden while judging is blind).
 */
export const STANDINGS_VIEWS = ['public', 'staff'] as const;
export const StandingsView = z.enum(STANDINGS_VIEWS);
export type StandingsView = z.infer<typeof StandingsView>;

export const ENTRY_STATUSES = ['complete', 'incomplete', 'needs_review', 'absent'] as const;
export const EntryStatus = z.enum(ENTRY_STATUSES);
export type EntryStatus = z.infer<typeof EntryStatus>;

/** One round's (stage's) contribution to an entry's result, e.g. 理论 or 实操. */
export const StageScore = z.object({
  roundId: z.string().uuid(),
  label: z.string(),
  value: z.string().nullable(),
});
export type StageScore = z.infer<typeof StageScore>;

export const StandingRow = z.object({
  /** The round entry (or, for multi-round events, the first round's entry) this row is about. */
  entryId: z.string().uuid(),
  /** Candidate number once revealed, else the anonymous code. */
  code: z.string(),
  /** null while the draw's mapping is not revealed. */
  name: z.string().nullable(),
  enterprise: z.string().nullable(),
  region: z.string().nullable(),
  stages: z.array(StageScore),
  total: z.string().nullable(),
  rank: z.number().int().nullable(),
  /** e.g. 一等奖 / gold; null when none. */
  award: z.string().nullable(),
  status: EntryStatus,
});
export type StandingRow = z.infer<typeof StandingRow>;

export const RESULT_PHASES = ['not_started', 'live', 'verified', 'published'] as const;
export const ResultPhase = z.enum(RESULT_PHASES);
export type ResultPhase = z.infer<typeof ResultPhase>;

/** Stage mode (speech contests, quizzes): the performance being judged right now. */
export const StagePerformance = z.object({
  entryId: z.string().uuid(),
  code: z.string(),
  name: z.string().nullable(),
  /** One per judge seat, in seat order; value null until that judge has marked. */
  marks: z.array(
    z.object({ seat: z.number().int(), value: z.string().nullable(), dropped: z.boolean() }),
  ),
  score: z.string().nullable(),
  rank: z.number().int().nullable(),
});
export type StagePerformance = z.infer<typeof StagePerformance>;

export const EventStandings = z.object({
  competitionId: z.string().uuid(),
  eventId: z.string().uuid(),
  eventName: z.string(),
  phase: ResultPhase,
  /** The published result version shown, when phase is 'published'. */
  resultVersion: z.number().int().nullable(),
  rows: z.array(StandingRow),
  stage: StagePerformance.nullable(),
});
export type EventStandings = z.infer<typeof EventStandings>;

// ---------------------------------------------------------------------------------------------
// Competition-wide standings (团体排名, 奖项统计): built from every event's board of one view,
// so the public ones respect freeze, blind judging and unpublished results. docs/standings.md.

/** An award tier as it appears across the competition's events, best first. */
export const StandingsTier = z.object({
  /** The award as the boards show it (the tier's Chinese name, e.g. 一等奖). */
  name: z.string(),
  /** The tier's English name from the event's award rules, when known. */
  nameEn: z.string().nullable(),
  /** 1 for an event's first tier (一等奖, 金奖), 2 for its second…; the best place if events differ. */
  level: z.number().int().min(1),
  /** What one award of this tier adds to the team score. */
  points: z.number().int().min(0),
});
export type StandingsTier = z.infer<typeof StandingsTier>;

/** Counts per group (an enterprise or a region); `awards[i]` counts `tiers[i]`. */
const GroupTally = z.object({
  /** Events the group has entries in. */
  events: z.number().int(),
  /** Entries on the boards (a team counts once), absent ones left out. */
  entries: z.number().int(),
  awards: z.array(z.number().int()),
  totalAwards: z.number().int(),
  /** Sum of the points of the group's awards (团体总分). */
  teamScore: z.number().int(),
});

export const EnterpriseStanding = GroupTally.extend({
  /** Shared by enterprises equal in team score and in every tier; null for `enterprise: null`. */
  rank: z.number().int().nullable(),
  /** null: entries whose enterprise is not shown (blind judging) or not known. */
  enterprise: z.string().nullable(),
  region: z.string().nullable(),
});
export type EnterpriseStanding = z.infer<typeof EnterpriseStanding>;

export const RegionStanding = GroupTally.extend({
  /** null: entries whose region is not shown (blind judging) or not known. */
  region: z.string().nullable(),
  /** Enterprises with entries in the region. */
  enterprises: z.number().int(),
});
export type RegionStanding = z.infer<typeof RegionStanding>;

/** What one event's board adds to the competition's standings. */
export const StandingsEventLine = z.object({
  eventId: z.uuid(),
  name: z.string(),
  phase: ResultPhase,
  frozen: z.boolean(),
  seq: z.number().int(),
  entries: z.number().int(),
  awards: z.number().int(),
});
export type StandingsEventLine = z.infer<typeof StandingsEventLine>;

export const CompetitionStandings = z.object({
  competitionId: z.uuid(),
  name: z.string(),
  view: StandingsView,
  /** Changes whenever any event's board does: a client may skip an answer it already has. */
  version: z.string(),
  /** True while some award counted comes from a board not yet published (live scoring). */
  provisional: z.boolean(),
  tiers: z.array(StandingsTier),
  events: z.array(StandingsEventLine),
  /** By rank; the enterprise-less group last. */
  enterprises: z.array(EnterpriseStanding),
  /** Ordered like the enterprises; the region-less group last. */
  regions: z.array(RegionStanding),
});
export type CompetitionStandings = z.infer<typeof CompetitionStandings>;
