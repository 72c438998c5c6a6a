import { Exact } from '../exact/exact';
import type { AdvancementRule, AwardsRule } from '../rubric/rubric.schema';
import {
  type AdvancementSummary,
  type AwardSummary,
  type GroupStandings,
  quotaOf,
  type Standing,
  tiedRuns,
} from './standings';

/**
 * Awards and advancement, both walking a group's standings best first.
 *
 * Awards: each tier has a quota — a count (gold 1, silver 1, bronze 1) or a share of the
 * finishers (一等奖 10 %, rounded by `quotaRounding`). Quotas are cumulative: the first tier
 * ends after quota₁ finishers, the second after quota₁ + quota₂, and so on. Entries sharing a
 * place across a boundary all get the higher award (`ties: "include"`, the default, so a tie for
 * gold means no silver) or all drop to the next tier (`"exclude"`). An entry under a tier's
 * `minScore` cannot get that tier and is considered for the next.
 */

export interface TierAwards {
  /** per standing, in order: the tier id awarded, if any */
  readonly awards: readonly (string | undefined)[];
  readonly summary: AwardSummary;
}

export function awardTiers(standings: readonly Standing[], rule: AwardsRule): TierAwards {
  const finishers = standings.filter((standing) => standing.place !== null).length;
  const quotaRounding = rule.quotaRounding ?? 'half_up';
  const quotas = rule.tiers.map(
    (tier) => tier.count ?? quotaOf(Exact.parse(tier.share ?? 0), finishers, quotaRounding),
  );
  const limits = cumulative(quotas);
  const minimums = rule.tiers.map((tier) =>
    tier.minScore === undefined ? undefined : Exact.parse(tier.minScore),
  );
  const awards: (string | undefined)[] = standings.map(() => undefined);
  for (const run of tiedRuns(standings)) {
    const first = standings[run.start] as Standing;
    const score = rule.score === 'standardised' ? (first.standardised ?? null) : first.value;
    for (let i = 0; i < rule.tiers.length; i++) {
      const limit = limits[i] as number;
      const fits = (rule.ties ?? 'include') === 'include' ? run.start < limit : run.end <= limit;
      const minimum = minimums[i];
      if (fits && (minimum === undefined || (score !== null && score.gte(minimum)))) {
        awards.fill((rule.tiers[i] as AwardsRule['tiers'][number]).id, run.start, run.end);
        break;
      }
    }
  }
  return {
    awards,
    summary: {
      finishers,
      provisional: isProvisional(standings),
      tiers: rule.tiers.map((tier, i) => ({
        tier: tier.id,
        quota: quotas[i] as number,
        awarded: awards.filter((award) => award === tier.id).length,
      })),
    },
  };
}

export interface Advancing {
  /** per standing, in order */
  readonly advances: readonly boolean[];
  readonly summary: AdvancementSummary;
}

/** Top N or top share of the group go on to the next round, with the same tie rule as awards. */
export function advancingEntries(standings: readonly Standing[], rule: AdvancementRule): Advancing {
  const finishers = standings.filter((standing) => standing.place !== null).length;
  const quota =
    rule.top ?? quotaOf(Exact.parse(rule.share ?? 0), finishers, rule.quotaRounding ?? 'half_up');
  const minimum = rule.minScore === undefined ? undefined : Exact.parse(rule.minScore);
  const advances = standings.map(() => false);
  for (const run of tiedRuns(standings)) {
    const fits = (rule.ties ?? 'include') === 'include' ? run.start < quota : run.end <= quota;
    const value = (standings[run.start] as Standing).value;
    if (fits && (minimum === undefined || (value !== null && value.gte(minimum))))
      advances.fill(true, run.start, run.end);
  }
  return {
    advances,
    summary: {
      quota,
      advancing: advances.filter(Boolean).length,
      provisional: isProvisional(standings),
    },
  };
}

/** A group's standings with their awards (a new object; the input is not changed). */
export function assignAwards(group: GroupStandings, rule: AwardsRule): GroupStandings {
  const { awards, summary } = awardTiers(group.standings, rule);
  return {
    ...group,
    standings: group.standings.map((standing, i) => ({ ...standing, award: awards[i] })),
    awards: summary,
  };
}

/** A group's standings marked with who advances (a new object; the input is not changed). */
export function selectAdvancing(group: GroupStandings, rule: AdvancementRule): GroupStandings {
  const { advances, summary } = advancingEntries(group.standings, rule);
  return {
    ...group,
    standings: group.standings.map((standing, i) => ({ ...standing, advances: advances[i] })),
    advancement: summary,
  };
}

function isProvisional(standings: readonly Standing[]): boolean {
  return standings.some((standing) => standing.place !== null && standing.status !== 'complete');
}

function cumulative(values: readonly number[]): number[] {
  let sum = 0;
  return values.map((value) => (sum += value));
}
