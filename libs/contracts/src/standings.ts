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
