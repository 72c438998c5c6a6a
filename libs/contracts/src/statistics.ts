import { z } from 'zod';

/**
 * Statistics an organiser reports upward: who took part (by region, industry, enterprise,
 * gender, age band, skill level), when they registered, how scores spread and how consistently
 * each judge marked. Counts are integers; score figures are decimal strings (never floats).
 */

/** One bar of a breakdown. `key` is stable (for sorting and tests); `label` is what people read. */
export const StatisticsCount = z.object({
  key: z.string(),
  label: z.string(),
  count: z.number().int().min(0),
});
export type StatisticsCount = z.infer<typeof StatisticsCount>;

/** Age bands in years on the competition's first day (or today when it has none). */
export const AGE_BANDS = ['under_25', '25_34', '35_44', '45_54', '55_plus', 'unknown'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const UNKNOWN_KEY = 'unknown';

export const RegistrationsPerDay = z.object({
  /** Calendar day in the competition's timezone, YYYY-MM-DD. */
  date: z.string(),
  count: z.number().int().min(0),
  /** Running total up to and including this day. */
  cumulative: z.number().int().min(0),
});
export type RegistrationsPerDay = z.infer<typeof RegistrationsPerDay>;

export const ScoreBin = z.object({
  /** Lower bound, inclusive (decimal string). */
  from: z.string(),
  /** Upper bound, exclusive except for the last bin (decimal string). */
  to: z.string(),
  count: z.number().int().min(0),
});
export type ScoreBin = z.infer<typeof ScoreBin>;

export const EventScoreDistribution = z.object({
  eventId: z.string().uuid(),
  eventName: z.string(),
  /** The published result version the figures come from; null when nothing is published. */
  resultVersion: z.number().int().nullable(),
  scored: z.number().int().min(0),
  min: z.string().nullable(),
  max: z.string().nullable(),
  mean: z.string().nullable(),
  median: z.string().nullable(),
  bins: z.array(ScoreBin),
});
export type EventScoreDistribution = z.infer<typeof EventScoreDistribution>;

export const JudgeConsistency = z.object({
  judgeId: z.string(),
  judgeName: z.string(),
  eventId: z.string().uuid(),
  eventName: z.string(),
  /** Marks of this judge that had at least one other judge's mark on the same item. */
  marks: z.number().int().min(0),
  /** Mean of (this judge's mark − the mean of the other judges' marks on the same item). */
  meanDeviation: z.string(),
  /** Mean of the absolute deviations: how far off, whichever direction. */
  meanAbsoluteDeviation: z.string(),
});
export type JudgeConsistency = z.infer<typeof JudgeConsistency>;

export const CompetitionStatistics = z.object({
  competitionId: z.string().uuid(),
  competitionName: z.string(),
  generatedAt: z.string(),
  /** Distinct people with at least one approved registration. */
  participants: z.number().int().min(0),
  /** Registrations of every status. */
  registrations: z.number().int().min(0),
  byStatus: z.array(StatisticsCount),
  byRegion: z.array(StatisticsCount),
  byIndustry: z.array(StatisticsCount),
  byEnterprise: z.array(StatisticsCount),
  byGender: z.array(StatisticsCount),
  byAgeBand: z.array(StatisticsCount),
  bySkillLevel: z.array(StatisticsCount),
  byEvent: z.array(StatisticsCount),
  registrationsPerDay: z.array(RegistrationsPerDay),
  scoreDistribution: z.array(EventScoreDistribution),
  /** Empty until judges have entered marks (and while the judging module provides none). */
  judgeConsistency: z.array(JudgeConsistency),
});
export type CompetitionStatistics = z.infer<typeof CompetitionStatistics>;
