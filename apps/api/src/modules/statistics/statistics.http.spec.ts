import type { CompetitionStatistics, EventStandings } from '@jingsai/contracts';
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { TestContext } from '../../../test/test-context';
import { CompetitionEvent } from '../competitions/entities/competition-event.entity';
import { Competition } from '../competitions/entities/competition.entity';
import { Organisation } from '../organisations/entities/organisation.entity';
import { Person } from '../registrations/entities/person.entity';
import { Registration } from '../registrations/entities/registration.entity';
import { PublishedResultsService } from '../results-documents/published-results.service';

/**
 * The figures an organiser reports upward, checked against counts computed here from the rows
 * this test inserts (never from the service's own helpers).
 */
interface PersonSpec {
  enterprise: 'faw' | 'cnpc' | 'none';
  gender: 'male' | 'female' | null;
  birthDate: string | null;
  /** What the test expects, written by hand for the competition's first day 2026-09-01. */
  band: string;
  skillLevel: number | null;
  status: 'approved' | 'submitted' | 'rejected' | 'withdrawn';
  event: 0 | 1;
  /** When the registration was made (UTC). */
  createdAt: string;
}

const SPECS: PersonSpec[] = [
  // 25 on the very first day of the competition: 25–34, not under 25.
  {
    enterprise: 'faw',
    gender: 'male',
    birthDate: '2001-09-01',
    band: '25_34',
    skillLevel: 3,
    status: 'approved',
    event: 0,
    createdAt: '2026-06-01T02:00:00Z',
  },
  // One day short of 25.
  {
    enterprise: 'faw',
    gender: 'female',
    birthDate: '2001-09-02',
    band: 'under_25',
    skillLevel: 4,
    status: 'approved',
    event: 0,
    createdAt: '2026-06-01T15:59:00Z',
  },
  // 16:30 UTC is already the next day in Beijing.
  {
    enterprise: 'faw',
    gender: 'male',
    birthDate: '1980-01-15',
    band: '45_54',
    skillLevel: 2,
    status: 'approved',
    event: 1,
    createdAt: '2026-06-01T16:30:00Z',
  },
  {
    enterprise: 'cnpc',
    gender: 'male',
    birthDate: '1970-05-05',
    band: '55_plus',
    skillLevel: 1,
    status: 'approved',
    event: 1,
    createdAt: '2026-06-02T03:00:00Z',
  },
  {
    enterprise: 'cnpc',
    gender: null,
    birthDate: null,
    band: 'unknown',
    skillLevel: null,
    status: 'approved',
    event: 0,
    createdAt: '2026-06-03T03:00:00Z',
  },
  {
    enterprise: 'none',
    gender: 'female',
    birthDate: '1990-12-31',
    band: '35_44',
    skillLevel: 3,
    status: 'approved',
    event: 0,
    createdAt: '2026-06-03T04:00:00Z',
  },
  // Not participants: only counted among registrations.
  {
    enterprise: 'cnpc',
    gender: 'female',
    birthDate: '1995-02-02',
    band: '25_34',
    skillLevel: 5,
    status: 'submitted',
    event: 0,
    createdAt: '2026-06-03T05:00:00Z',
  },
  {
    enterprise: 'faw',
    gender: 'male',
    birthDate: '1999-02-02',
    band: '25_34',
    skillLevel: 5,
    status: 'rejected',
    event: 1,
    createdAt: '2026-06-05T05:00:00Z',
  },
  {
    enterprise: 'faw',
    gender: 'male',
    birthDate: '1999-03-02',
    band: '25_34',
    skillLevel: 5,
    status: 'withdrawn',
    event: 1,
    createdAt: '2026-06-05T06:00:00Z',
  },
];

/** Beijing calendar day of a UTC instant, computed by adding 8 hours (no DST in China). */
function beijingDay(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

function asRecord(rows: ReadonlyArray<{ key: string; count: number }>): Record<string, number> {
  return Object.fromEntries(rows.map((row) => [row.key, row.count]));
}

describe('competition statistics', () => {
  let ctx: TestContext;
  let competition: Competition;
  let events: CompetitionEvent[];
  let faw: Organisation;
  let cnpc: Organisation;
  let session: string;
  const approved = SPECS.filter((spec) => spec.status === 'approved');

  beforeAll(async () => {
    ctx = await TestContext.create();
    const province = await ctx.newOrganisation({ name: '吉林省总工会', kind: 'province' });
    competition = await ctx.newCompetition(province, ['数控车工', '焊工']);
    const em = ctx.em();
    faw = em.create(Organisation, {
      name: '中国第一汽车集团有限公司',
      kind: 'enterprise',
      parent: em.getReference(Organisation, province.id),
      region: '吉林省长春市',
      industry: '汽车制造',
    });
    cnpc = em.create(Organisation, {
      name: '吉林石化公司',
      kind: 'enterprise',
      parent: em.getReference(Organisation, province.id),
      region: '吉林省吉林市',
      industry: '石油化工',
    });
    const managed = await em.findOneOrFail(Competition, competition.id, { populate: ['events'] });
    managed.startsOn = '2026-09-01';
    events = managed.events.getItems();
    SPECS.forEach((spec, index) => {
      const person = em.create(Person, {
        name: `选手${index}`,
        enterprise: spec.enterprise === 'faw' ? faw : spec.enterprise === 'cnpc' ? cnpc : null,
        gender: spec.gender,
        birthDate: spec.birthDate,
        skillLevel: spec.skillLevel,
      });
      em.create(Registration, {
        competition: managed,
        event: events[spec.event]!,
        person,
        status: spec.status,
        createdAt: new Date(spec.createdAt),
      });
    });
    await em.flush();
    session = await ctx.login(await ctx.newUser([{ role: 'organiser', scope: province }]));
  });
  afterAll(() => ctx.close());

  async function fetchStatistics(): Promise<CompetitionStatistics> {
    const response = await ctx.http
      .get(`/api/v1/competitions/${competition.id}/statistics`)
      .set('Cookie', session)
      .expect(200);
    return response.body as CompetitionStatistics;
  }

  it('counts participants by region, industry, enterprise, gender, age band and skill level', async () => {
    const stats = await fetchStatistics();
    expect(stats.participants).toBe(approved.length);
    expect(stats.registrations).toBe(SPECS.length);
    expect(asRecord(stats.byStatus)).toEqual(countBy(SPECS, (spec) => spec.status));

    const regionOf = { faw: '吉林省长春市', cnpc: '吉林省吉林市', none: 'unknown' } as const;
    const industryOf = { faw: '汽车制造', cnpc: '石油化工', none: 'unknown' } as const;
    const enterpriseOf = { faw: faw.id, cnpc: cnpc.id, none: 'unknown' } as const;
    expect(asRecord(stats.byRegion)).toEqual(
      countBy(approved, (spec) => regionOf[spec.enterprise]),
    );
    expect(asRecord(stats.byIndustry)).toEqual(
      countBy(approved, (spec) => industryOf[spec.enterprise]),
    );
    expect(asRecord(stats.byEnterprise)).toEqual(
      countBy(approved, (spec) => enterpriseOf[spec.enterprise]),
    );
    expect(stats.byEnterprise.find((row) => row.key === faw.id)?.label).toBe(
      '中国第一汽车集团有限公司',
    );
    expect(asRecord(stats.byGender)).toEqual(countBy(approved, (spec) => spec.gender ?? 'unknown'));
    expect(asRecord(stats.byAgeBand)).toEqual(countBy(approved, (spec) => spec.band));
    expect(asRecord(stats.bySkillLevel)).toEqual(
      countBy(approved, (spec) => (spec.skillLevel === null ? 'unknown' : String(spec.skillLevel))),
    );
    expect(asRecord(stats.byEvent)).toEqual({
      [events[0]!.id]: approved.filter((spec) => spec.event === 0).length,
      [events[1]!.id]: approved.filter((spec) => spec.event === 1).length,
    });
  });

  it('counts registrations per Beijing calendar day with a running total', async () => {
    const stats = await fetchStatistics();
    const perDay = countBy(SPECS, (spec) => beijingDay(spec.createdAt));
    const days = Object.keys(perDay).sort();
    let running = 0;
    expect(stats.registrationsPerDay).toEqual(
      days.map((date) => {
        running += perDay[date]!;
        return { date, count: perDay[date], cumulative: running };
      }),
    );
    // The 16:30 UTC registration of 1 June belongs to 2 June in Beijing.
    expect(stats.registrationsPerDay.find((day) => day.date === '2026-06-01')?.count).toBe(2);
  });

  it('computes each judge’s mean deviation from the rest of the panel from current marks only', async () => {
    const judges = [await ctx.newUser(), await ctx.newUser(), await ctx.newUser()];
    const entry1 = randomUUID();
    const entry2 = randomUUID();
    const eventId = events[0]!.id;
    let seq = 0;
    const insert = async (judge: number, entry: string, value: string, supersedes?: string) => {
      const id = randomUUID();
      seq += 1;
      await ctx.orm.em.getConnection().execute(
        `insert into judging_mark (id, event_id, seq, round_id, entry_id, sheet_id, judge_id, aspect_id,
           attempt, value, source, idempotency_key, supersedes, recorded_by, server_time, prev_hash, hash)
         values (?, ?, ?, ?, ?, null, ?, 'A1', null, ?, 'judge', ?, ?, ?, now(), ?, ?)`,
        [
          id,
          eventId,
          seq,
          randomUUID(),
          entry,
          judges[judge]!.id,
          value,
          randomUUID(),
          supersedes ?? null,
          judges[judge]!.id,
          '0'.repeat(64),
          String(seq).padStart(64, '0'),
        ],
      );
      return id;
    };
    // Entry 1: 8, 6, 7. Entry 2: judge 0 first gave 9, then corrected it to 5; judge 1 gave 5.
    await insert(0, entry1, '8');
    await insert(1, entry1, '6');
    await insert(2, entry1, '7');
    const first = await insert(0, entry2, '9');
    await insert(0, entry2, '5', first);
    await insert(1, entry2, '5');

    const stats = await fetchStatistics();
    const byJudge = Object.fromEntries(stats.judgeConsistency.map((row) => [row.judgeId, row]));
    // Judge 0: entry 1 → 8 − (6+7)/2 = +1.5; entry 2 → 5 − 5 = 0. Mean +0.75.
    expect(byJudge[judges[0]!.id]).toMatchObject({
      marks: 2,
      meanDeviation: '0.750',
      meanAbsoluteDeviation: '0.750',
    });
    // Judge 1: 6 − 7.5 = −1.5 and 0. Mean −0.75.
    expect(byJudge[judges[1]!.id]).toMatchObject({
      marks: 2,
      meanDeviation: '-0.750',
      meanAbsoluteDeviation: '0.750',
    });
    // Judge 2: 7 − 7 = 0 on the one item.
    expect(byJudge[judges[2]!.id]).toMatchObject({ marks: 1, meanDeviation: '0.000' });
    expect(stats.judgeConsistency).toHaveLength(3);
  });

  it('takes the score distribution from published results only', async () => {
    const source = ctx.app.get(PublishedResultsService);
    const totals = ['60', '65.5', '70', '71', '88', '90', '100'];
    const published: EventStandings = {
      competitionId: competition.id,
      eventId: events[1]!.id,
      eventName: '焊工',
      phase: 'published',
      resultVersion: 2,
      stage: null,
      rows: totals.map((total, index) => ({
        entryId: randomUUID(),
        code: `H${index}`,
        name: `选手${index}`,
        enterprise: null,
        region: null,
        stages: [],
        total,
        rank: totals.length - index,
        award: null,
        status: 'complete',
      })),
    };
    const spy = jest
      .spyOn(source, 'publishedStandings')
      .mockImplementation(async (eventId) => (eventId === events[1]!.id ? published : null));
    try {
      const stats = await fetchStatistics();
      const unpublished = stats.scoreDistribution.find((row) => row.eventId === events[0]!.id)!;
      expect(unpublished).toMatchObject({ scored: 0, bins: [], resultVersion: null });
      const welding = stats.scoreDistribution.find((row) => row.eventId === events[1]!.id)!;
      expect(welding).toMatchObject({ scored: 7, min: '60.0', max: '100.0', resultVersion: 2 });
      // 60..100 in ten bins of 4: [60,64) 1, [64,68) 1, [68,72) 2, [88,92) 2, [96,100] 1.
      expect(welding.bins.map((bin) => bin.count)).toEqual([1, 1, 2, 0, 0, 0, 0, 2, 0, 1]);
      expect(welding.bins[0]).toEqual({ from: '60.0', to: '64.0', count: 1 });
      expect(welding.bins.reduce((sum, bin) => sum + bin.count, 0)).toBe(totals.length);
      // (60+65.5+70+71+88+90+100)/7 = 544.5/7 = 77.785714… ; median 71.
      expect(welding.mean).toBe('77.79');
      expect(welding.median).toBe('71.00');
    } finally {
      spy.mockRestore();
    }
  });

  it('exports the same figures as XLSX, read back cell by cell', async () => {
    const response = await ctx.http
      .get(`/api/v1/competitions/${competition.id}/statistics/xlsx`)
      .set('Cookie', session)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as ExcelJS.Buffer);
    const summary = workbook.getWorksheet('概况')!;
    expect(summary.getCell('A1').value).toBe('项目');
    expect(summary.getCell('A2').value).toBe('竞赛名称');
    expect(summary.getCell('B2').value).toBe(competition.name);
    expect(summary.getCell('A4').value).toBe('参赛人数（已通过）');
    expect(summary.getCell('B4').value).toBe(approved.length);
    expect(summary.getCell('A5').value).toBe('报名总数（各状态）');
    expect(summary.getCell('B5').value).toBe(SPECS.length);

    const gender = workbook.getWorksheet('性别')!;
    expect(gender.getRow(1).values).toEqual([undefined, '性别', '人数']);
    const genderCounts = countBy(approved, (spec) => spec.gender ?? 'unknown');
    expect(gender.getRow(2).values).toEqual([undefined, '男', genderCounts.male]);
    expect(gender.getRow(3).values).toEqual([undefined, '女', genderCounts.female]);
    expect(gender.getRow(4).values).toEqual([undefined, '未填写', genderCounts.unknown]);

    const region = workbook.getWorksheet('地区')!;
    const regions: Record<string, number> = {};
    region.eachRow((row, index) => {
      if (index > 1) regions[String(row.getCell(1).value)] = Number(row.getCell(2).value);
    });
    expect(regions).toEqual({ 吉林省长春市: 3, 吉林省吉林市: 2, 未填写: 1 });

    const perDay = workbook.getWorksheet('每日报名')!;
    expect(perDay.getRow(1).values).toEqual([undefined, '日期', '当日报名', '累计报名']);
    expect(perDay.getRow(2).values).toEqual([undefined, '2026-06-01', 2, 2]);
    expect(perDay.rowCount).toBe(1 + new Set(SPECS.map((spec) => beijingDay(spec.createdAt))).size);
  });

  it('refuses coordinators and organisers of other unions', async () => {
    const coordinator = await ctx.login(await ctx.newUser([{ role: 'coordinator', scope: faw }]));
    await ctx.http
      .get(`/api/v1/competitions/${competition.id}/statistics`)
      .set('Cookie', coordinator)
      .expect(403);
    const other = await ctx.newOrganisation({ name: '辽宁省总工会', kind: 'province' });
    const outsider = await ctx.login(await ctx.newUser([{ role: 'organiser', scope: other }]));
    const response = await ctx.http
      .get(`/api/v1/competitions/${competition.id}/statistics/xlsx`)
      .set('Cookie', outsider)
      .set('Accept-Language', 'en')
      .expect(403);
    expect(response.body.message).toBe('You are not allowed to do this');
  });
});
