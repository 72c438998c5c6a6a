import type {
  EnterpriseStanding,
  RegionStanding,
  ResultPhase,
  StandingRow,
  StandingsEventLine,
  StandingsTier,
} from '@jingsai/contracts';

/**
 * The competition-wide standings (团体排名, 奖项统计), pure: one tally per event board, then the
 * tallies combined. The rules (docs/standings.md):
 *
 * - Every row on a board is an entry of its enterprise and region (a team is one entry, under the
 *   team's enterprise); absent entries are left out. Rows without an enterprise (blind judging
 *   hides it, or none is known) form one group `enterprise: null`, never ranked; likewise regions.
 * - An award tier's level is its place in the award rules of the events that award it (一等奖 and
 *   金奖 are both level 1; the best place when events differ); tiers of one level are listed in
 *   the order the events (in their order) first name them. Awards an event's rules do not name
 *   come after its named ones, ordered by the best rank that won them.
 * - Team score (团体总分) = the sum over the group's awards of TIER_POINTS by level.
 * - Enterprises rank by team score, then by awards tier by tier (more higher awards first);
 *   those equal in all of it share a rank (1, 2, 2, 4) and are listed by name. Regions are
 *   ordered the same way.
 */

/** Team-score points of one award by tier level: level 1 → 5, level 2 → 3, level 3 → 2. */
export const TIER_POINTS: readonly number[] = [5, 3, 2];
/** Any lower tier (优秀奖 and the like). */
export const LOWER_TIER_POINTS = 1;

export function tierPoints(level: number): number {
  return TIER_POINTS[level - 1] ?? LOWER_TIER_POINTS;
}

/** Names sort the way a Chinese reader expects (pinyin), the same on every process. */
const collator = new Intl.Collator('zh-CN');

interface GroupCount {
  name: string | null;
  /** The first region seen for an enterprise group. */
  region: string | null;
  entries: number;
  awards: Map<string, number>;
  /** Enterprises seen, for region groups. */
  members: Set<string>;
}

/** What one event's board contributes; kept per board seq so only changed boards are re-read. */
export interface EventTally {
  line: StandingsEventLine;
  /** Each award on the board with the best rank that won it. */
  bestRank: Map<string, number>;
  enterprises: Map<string | null, GroupCount>;
  regions: Map<string | null, GroupCount>;
}

export interface BoardState {
  eventId: string;
  name: string;
  seq: number;
  phase: ResultPhase;
  frozen: boolean;
  rows: readonly StandingRow[];
}

function groupOf(
  groups: Map<string | null, GroupCount>,
  name: string | null,
  region: string | null,
): GroupCount {
  let group = groups.get(name);
  if (!group) {
    group = { name, region, entries: 0, awards: new Map(), members: new Set() };
    groups.set(name, group);
  }
  return group;
}

export function tallyBoard(board: BoardState): EventTally {
  const enterprises = new Map<string | null, GroupCount>();
  const regions = new Map<string | null, GroupCount>();
  const bestRank = new Map<string, number>();
  let entries = 0;
  let awards = 0;
  for (const row of board.rows) {
    if (row.status === 'absent') continue;
    entries++;
    const enterprise = groupOf(enterprises, row.enterprise, row.region);
    const region = groupOf(regions, row.region, null);
    enterprise.entries++;
    region.entries++;
    if (row.enterprise !== null) region.members.add(row.enterprise);
    if (row.award === null) continue;
    awards++;
    for (const group of [enterprise, region])
      group.awards.set(row.award, (group.awards.get(row.award) ?? 0) + 1);
    const rank = row.rank ?? Number.MAX_SAFE_INTEGER;
    if (rank < (bestRank.get(row.award) ?? Number.MAX_SAFE_INTEGER)) bestRank.set(row.award, rank);
  }
  return {
    line: {
      eventId: board.eventId,
      name: board.name,
      phase: board.phase,
      frozen: board.frozen,
      seq: board.seq,
      entries,
      awards,
    },
    bestRank,
    enterprises,
    regions,
  };
}

/** An event's award rules: its tiers best first, as the rubrics of its rounds name them. */
export interface RubricTier {
  zh: string;
  en: string | null;
}

/**
 * The tiers across the competition, best first. `rules` gives each event's tiers from its
 * rubrics (latest round first); awards on a board that its rules do not name come after them.
 */
export function competitionTiers(
  tallies: readonly EventTally[],
  rules: ReadonlyMap<string, readonly RubricTier[]>,
): StandingsTier[] {
  const found = new Map<string, { level: number; en: string | null }>();
  const note = (name: string, level: number, en: string | null) => {
    const known = found.get(name);
    if (!known) found.set(name, { level, en });
    else found.set(name, { level: Math.min(known.level, level), en: known.en ?? en });
  };
  for (const tally of tallies) {
    const tiers = rules.get(tally.line.eventId) ?? [];
    tiers.forEach((tier, index) => note(tier.zh, index + 1, tier.en));
    const unnamed = [...tally.bestRank.entries()]
      .filter(([award]) => !tiers.some((tier) => tier.zh === award))
      .sort((a, b) => a[1] - b[1] || collator.compare(a[0], b[0]));
    unnamed.forEach(([award], index) => note(award, tiers.length + index + 1, null));
  }
  // A stable sort: tiers of one level stay in the order the events first name them.
  return [...found.entries()]
    .map(([name, { level, en }]) => ({ name, nameEn: en, level, points: tierPoints(level) }))
    .sort((a, b) => a.level - b.level);
}

interface Combined {
  name: string | null;
  region: string | null;
  events: number;
  entries: number;
  awards: number[];
  members: Set<string>;
}

function combine(
  tallies: readonly EventTally[],
  pick: (tally: EventTally) => Map<string | null, GroupCount>,
  tiers: readonly StandingsTier[],
): Combined[] {
  const index = new Map(tiers.map((tier, position) => [tier.name, position]));
  const combined = new Map<string | null, Combined>();
  for (const tally of tallies) {
    for (const group of pick(tally).values()) {
      let into = combined.get(group.name);
      if (!into) {
        into = {
          name: group.name,
          region: group.region,
          events: 0,
          entries: 0,
          awards: tiers.map(() => 0),
          members: new Set(),
        };
        combined.set(group.name, into);
      }
      into.region ??= group.region;
      into.events++;
      into.entries += group.entries;
      for (const member of group.members) into.members.add(member);
      for (const [award, count] of group.awards) into.awards[index.get(award)!]! += count;
    }
  }
  return [...combined.values()];
}

function teamScore(awards: readonly number[], tiers: readonly StandingsTier[]): number {
  return awards.reduce((sum, count, position) => sum + count * tiers[position]!.points, 0);
}

/** More higher awards first: tier by tier. */
function byAwards(a: readonly number[], b: readonly number[]): number {
  for (let position = 0; position < a.length; position++) {
    const difference = b[position]! - a[position]!;
    if (difference !== 0) return difference;
  }
  return 0;
}

function total(awards: readonly number[]): number {
  return awards.reduce((sum, count) => sum + count, 0);
}

export function enterpriseStandings(
  tallies: readonly EventTally[],
  tiers: readonly StandingsTier[],
): EnterpriseStanding[] {
  const groups = combine(tallies, (tally) => tally.enterprises, tiers).map((group) => ({
    group,
    score: teamScore(group.awards, tiers),
  }));
  const named = groups
    .filter(({ group }) => group.name !== null)
    .sort(
      (a, b) =>
        b.score - a.score ||
        byAwards(a.group.awards, b.group.awards) ||
        collator.compare(a.group.name!, b.group.name!),
    );
  const standings: EnterpriseStanding[] = [];
  named.forEach(({ group, score }, position) => {
    const previous = standings[position - 1];
    const tied =
      previous !== undefined &&
      previous.teamScore === score &&
      byAwards(previous.awards, group.awards) === 0;
    standings.push({
      rank: tied ? previous.rank : position + 1,
      enterprise: group.name,
      region: group.region,
      events: group.events,
      entries: group.entries,
      awards: group.awards,
      totalAwards: total(group.awards),
      teamScore: score,
    });
  });
  for (const { group, score } of groups.filter(({ group }) => group.name === null)) {
    standings.push({
      rank: null,
      enterprise: null,
      region: null,
      events: group.events,
      entries: group.entries,
      awards: group.awards,
      totalAwards: total(group.awards),
      teamScore: score,
    });
  }
  return standings;
}

export function regionStandings(
  tallies: readonly EventTally[],
  tiers: readonly StandingsTier[],
): RegionStanding[] {
  return combine(tallies, (tally) => tally.regions, tiers)
    .map((group) => ({
      region: group.name,
      enterprises: group.members.size,
      events: group.events,
      entries: group.entries,
      awards: group.awards,
      totalAwards: total(group.awards),
      teamScore: teamScore(group.awards, tiers),
    }))
    .sort((a, b) => {
      if ((a.region === null) !== (b.region === null)) return a.region === null ? 1 : -1;
      return (
        b.teamScore - a.teamScore ||
        byAwards(a.awards, b.awards) ||
        collator.compare(a.region ?? '', b.region ?? '')
      );
    });
}
