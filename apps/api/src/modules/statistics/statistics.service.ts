import {
  AGE_BANDS,
  type AgeBand,
  type CompetitionStatistics,
  type EventScoreDistribution,
  type JudgeConsistency,
  type RegistrationsPerDay,
  type StatisticsCount,
  UNKNOWN_KEY,
} from '@jingsai/contracts';
import { Exact } from '@jingsai/scoring';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user';
import { EntityNotFoundError, ForbiddenError } from '../../common/errors/domain-error';
import { AccessService } from '../auth/access.service';
import { CompetitionEvent } from '../competitions/entities/competition-event.entity';
import { Competition } from '../competitions/entities/competition.entity';
import { type DownloadFile, XLSX_TYPE } from '../../common/http/download';
import { PublishedResultsService } from '../results-documents/published-results.service';
import { statisticsWorkbook } from './statistics-workbook';

const UNKNOWN_LABEL = '未填写';
const GENDER_LABELS: Record<string, string> = { male: '男', female: '女' };
const AGE_LABELS: Record<AgeBand, string> = {
  under_25: '25岁以下',
  '25_34': '25–34岁',
  '35_44': '35–44岁',
  '45_54': '45–54岁',
  '55_plus': '55岁及以上',
  unknown: UNKNOWN_LABEL,
};
/** 国家职业资格等级: 5 = 五级/初级工 … 1 = 一级/高级技师. */
const SKILL_LABELS: Record<string, string> = {
  '1': '一级/高级技师',
  '2': '二级/技师',
  '3': '三级/高级工',
  '4': '四级/中级工',
  '5': '五级/初级工',
};
const STATUS_LABELS: Record<string, string> = {
  submitted: '待审核',
  approved: '已通过',
  rejected: '未通过',
  waitlisted: '候补',
  withdrawn: '已退出',
};
const SCORE_BINS = 10;

interface ParticipantRow {
  person_id: string;
  gender: string | null;
  birth_date: string | Date | null;
  skill_level: number | null;
  enterprise_id: string | null;
  enterprise_name: string | null;
  region: string | null;
  industry: string | null;
}

/** Age in whole years on `on` (YYYY-MM-DD) of someone born on `birth` (YYYY-MM-DD). */
export function ageOn(birth: string, on: string): number {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [oy, om, od] = on.split('-').map(Number) as [number, number, number];
  return oy - by - (om < bm || (om === bm && od < bd) ? 1 : 0);
}

export function ageBand(age: number | null): AgeBand {
  if (age === null) return 'unknown';
  if (age < 25) return 'under_25';
  if (age < 35) return '25_34';
  if (age < 45) return '35_44';
  if (age < 55) return '45_54';
  return '55_plus';
}

function isoDate(value: string | Date | null): string | null {
  if (value === null) return null;
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}

/** Counts by key, largest first (ties by label), unknown last. */
function tally(
  rows: readonly ParticipantRow[],
  keyOf: (row: ParticipantRow) => { key: string; label: string } | null,
  order?: readonly string[],
): StatisticsCount[] {
  const counts = new Map<string, StatisticsCount>();
  for (const row of rows) {
    const found = keyOf(row) ?? { key: UNKNOWN_KEY, label: UNKNOWN_LABEL };
    const entry = counts.get(found.key) ?? { ...found, count: 0 };
    entry.count += 1;
    counts.set(found.key, entry);
  }
  const list = [...counts.values()];
  if (order) return order.flatMap((key) => (counts.has(key) ? [counts.get(key)!] : []));
  return list.sort((a, b) => {
    if ((a.key === UNKNOWN_KEY) !== (b.key === UNKNOWN_KEY)) return a.key === UNKNOWN_KEY ? 1 : -1;
    return b.count - a.count || a.label.localeCompare(b.label, 'zh-CN');
  });
}

/** Ten equal-width bins from the lowest to the highest score, exact decimal bounds. */
export function scoreBins(totals: readonly Exact[], places = 2): EventScoreDistribution['bins'] {
  if (totals.length === 0) return [];
  const min = totals.reduce((a, b) => a.min(b));
  const max = totals.reduce((a, b) => a.max(b));
  if (min.eq(max)) {
    return [{ from: min.toFixed(places), to: max.toFixed(places), count: totals.length }];
  }
  const width = max.sub(min).div(Exact.of(SCORE_BINS));
  const bins = Array.from({ length: SCORE_BINS }, (_, index) => ({
    from: min.add(width.mul(Exact.of(index))),
    to: index === SCORE_BINS - 1 ? max : min.add(width.mul(Exact.of(index + 1))),
    count: 0,
  }));
  for (const total of totals) {
    const index = bins.findIndex(
      (bin, i) => total.gte(bin.from) && (total.lt(bin.to) || i === SCORE_BINS - 1),
    );
    bins[index]!.count += 1;
  }
  return bins.map((bin) => ({
    from: bin.from.toFixed(places),
    to: bin.to.toFixed(places),
    count: bin.count,
  }));
}

/** Exact median of a non-empty list. */
function median(sorted: readonly Exact[]): Exact {
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[middle]!
    : sorted[middle - 1]!.add(sorted[middle]!).div(Exact.of(2));
}

/**
 * Statistics of a competition for its organisers. Participation figures come from approved
 * registrations; score figures only from published results; judge consistency from the
 * judges' current marks.
 */
@Injectable()
export class StatisticsService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
    private readonly results: PublishedResultsService,
  ) {}

  async competitionStatistics(
    user: AuthUser,
    competitionId: string,
  ): Promise<CompetitionStatistics> {
    if (
      !(await this.access.isAllowed(user, ['organiser'], {
        type: 'competition',
        id: competitionId,
      }))
    ) {
      throw new ForbiddenError();
    }
    const competition = await this.em.findOne(Competition, { id: competitionId });
    if (!competition) throw new EntityNotFoundError('competition', competitionId);
    const events = await this.em.find(
      CompetitionEvent,
      { competition },
      { orderBy: { sortOrder: 'asc', name: 'asc' } },
    );
    const connection = this.em.getConnection();
    const participants = await connection.execute<ParticipantRow[]>(
      `select distinct on (p.id) p.id as person_id, p.gender, p.birth_date, p.skill_level,
              o.id as enterprise_id, o.name as enterprise_name, o.region, o.industry
         from registration r
         join person p on p.id = r.person_id
         left join organisation o on o.id = p.enterprise_id
        where r.competition_id = ? and r.status = 'approved'
        order by p.id`,
      [competitionId],
    );
    const byStatusRows = await connection.execute<Array<{ status: string; count: string }>>(
      `select status, count(*) as count from registration where competition_id = ? group by status`,
      [competitionId],
    );
    const byEventRows = await connection.execute<Array<{ event_id: string; count: string }>>(
      `select event_id, count(*) as count from registration
        where competition_id = ? and status = 'approved' group by event_id`,
      [competitionId],
    );
    const perDayRows = await connection.execute<Array<{ day: string; count: string }>>(
      `select to_char(created_at at time zone ?, 'YYYY-MM-DD') as day, count(*) as count
         from registration where competition_id = ? group by 1 order by 1`,
      [competition.timezone, competitionId],
    );

    const referenceDate = competition.startsOn ?? this.today(competition.timezone);
    const byStatus = byStatusRows
      .map((row) => ({
        key: row.status,
        label: STATUS_LABELS[row.status] ?? row.status,
        count: Number(row.count),
      }))
      .sort(
        (a, b) =>
          Object.keys(STATUS_LABELS).indexOf(a.key) - Object.keys(STATUS_LABELS).indexOf(b.key),
      );
    const eventCounts = new Map(byEventRows.map((row) => [row.event_id, Number(row.count)]));
    let cumulative = 0;
    const registrationsPerDay: RegistrationsPerDay[] = perDayRows.map((row) => {
      cumulative += Number(row.count);
      return { date: row.day, count: Number(row.count), cumulative };
    });

    return {
      competitionId,
      competitionName: competition.name,
      generatedAt: new Date().toISOString(),
      participants: participants.length,
      registrations: byStatus.reduce((sum, row) => sum + row.count, 0),
      byStatus,
      byRegion: tally(participants, (row) =>
        row.region ? { key: row.region, label: row.region } : null,
      ),
      byIndustry: tally(participants, (row) =>
        row.industry ? { key: row.industry, label: row.industry } : null,
      ),
      byEnterprise: tally(participants, (row) =>
        row.enterprise_id ? { key: row.enterprise_id, label: row.enterprise_name ?? '' } : null,
      ),
      byGender: tally(
        participants,
        (row) =>
          row.gender ? { key: row.gender, label: GENDER_LABELS[row.gender] ?? row.gender } : null,
        ['male', 'female', UNKNOWN_KEY],
      ),
      byAgeBand: tally(
        participants,
        (row) => {
          const birth = isoDate(row.birth_date);
          const band = ageBand(birth ? ageOn(birth, referenceDate) : null);
          return { key: band, label: AGE_LABELS[band] };
        },
        AGE_BANDS,
      ),
      bySkillLevel: tally(
        participants,
        (row) =>
          row.skill_level === null
            ? null
            : {
                key: String(row.skill_level),
                label: SKILL_LABELS[String(row.skill_level)] ?? String(row.skill_level),
              },
        ['1', '2', '3', '4', '5', UNKNOWN_KEY],
      ),
      byEvent: events.map((event) => ({
        key: event.id,
        label: event.name,
        count: eventCounts.get(event.id) ?? 0,
      })),
      registrationsPerDay,
      scoreDistribution: await Promise.all(events.map((event) => this.distribution(event))),
      judgeConsistency: (await Promise.all(events.map((event) => this.consistency(event)))).flat(),
    };
  }

  async statisticsWorkbook(user: AuthUser, competitionId: string): Promise<DownloadFile> {
    const stats = await this.competitionStatistics(user, competitionId);
    return {
      fileName: `${stats.competitionName}-统计.xlsx`,
      contentType: XLSX_TYPE,
      body: await statisticsWorkbook(stats),
    };
  }

  private async distribution(event: CompetitionEvent): Promise<EventScoreDistribution> {
    const standings = await this.results.publishedStandings(event.id);
    const totals = (standings?.rows ?? [])
      .flatMap((row) => (row.total === null ? [] : [Exact.parse(row.total)]))
      .sort((a, b) => a.compare(b));
    const places = Math.max(
      0,
      ...(standings?.rows ?? []).map((row) => row.total?.split('.')[1]?.length ?? 0),
    );
    const sum = totals.reduce((a, b) => a.add(b), Exact.ZERO);
    return {
      eventId: event.id,
      eventName: event.name,
      resultVersion: standings?.resultVersion ?? null,
      scored: totals.length,
      min: totals.length ? totals[0]!.toFixed(places) : null,
      max: totals.length ? totals[totals.length - 1]!.toFixed(places) : null,
      mean: totals.length ? sum.div(Exact.of(totals.length)).toFixed(places + 1) : null,
      median: totals.length ? median(totals).toFixed(places + 1) : null,
      bins: scoreBins(totals, places),
    };
  }

  /**
   * For each judge: over every item they marked that at least one other judge also marked, the
   * mean of (their mark − the mean of the others' marks), and the mean absolute deviation.
   */
  private async consistency(event: CompetitionEvent): Promise<JudgeConsistency[]> {
    const marks = await this.results.judgeMarks(event.id);
    const byItem = new Map<string, Array<{ judgeId: string; value: Exact }>>();
    const names = new Map<string, string>();
    for (const mark of marks) {
      names.set(mark.judgeId, mark.judgeName);
      const list = byItem.get(mark.itemKey) ?? [];
      list.push({ judgeId: mark.judgeId, value: Exact.parse(mark.value) });
      byItem.set(mark.itemKey, list);
    }
    const perJudge = new Map<string, { n: number; sum: Exact; abs: Exact }>();
    for (const list of byItem.values()) {
      if (list.length < 2) continue;
      const total = list.reduce((a, b) => a.add(b.value), Exact.ZERO);
      for (const mark of list) {
        const others = total.sub(mark.value).div(Exact.of(list.length - 1));
        const deviation = mark.value.sub(others);
        const entry = perJudge.get(mark.judgeId) ?? { n: 0, sum: Exact.ZERO, abs: Exact.ZERO };
        entry.n += 1;
        entry.sum = entry.sum.add(deviation);
        entry.abs = entry.abs.add(deviation.abs());
        perJudge.set(mark.judgeId, entry);
      }
    }
    return [...perJudge.entries()]
      .map(([judgeId, entry]) => ({
        judgeId,
        judgeName: names.get(judgeId) ?? judgeId,
        eventId: event.id,
        eventName: event.name,
        marks: entry.n,
        meanDeviation: entry.sum.div(Exact.of(entry.n)).toFixed(3),
        meanAbsoluteDeviation: entry.abs.div(Exact.of(entry.n)).toFixed(3),
      }))
      .sort((a, b) => a.judgeName.localeCompare(b.judgeName, 'zh-CN'));
  }

  private today(timezone: string): string {
    return new Intl.DateTimeFormat('en-CA', { timeZone: timezone }).format(new Date());
  }
}
