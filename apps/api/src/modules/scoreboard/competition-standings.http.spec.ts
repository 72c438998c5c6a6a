import type { CompetitionStandings, EnterpriseStanding, StandingsView } from '@jingsai/contracts';
import { randomUUID } from 'node:crypto';
import { TestContext, type TestUser } from '../../../test/test-context';
import { insertEntry, insertRound } from '../judging/judging.fixtures';
import { sql } from '../judging/judging-sql';
import type { Organisation } from '../organisations/entities/organisation.entity';

/** One judge marks a single aspect 0–100; every tier goes to one entry. */
function rubric(id: string, tiers: Array<[string, string, string]>) {
  return {
    format: 'jingsai.rubric',
    version: 1,
    id,
    revision: '1',
    name: { zh: '实操', en: 'Practical' },
    total: { round: { decimals: 2, mode: 'half_up' } },
    modules: [
      {
        id: 'practical',
        name: { zh: '实操', en: 'Practical' },
        criteria: [
          {
            id: 'work',
            name: { zh: '作品', en: 'Work' },
            aspects: [
              {
                id: 'work_mark',
                name: { zh: '作品分', en: 'Work mark' },
                kind: 'judgement',
                scale: { min: 0, top: 100, step: 0.5 },
                valuation: 'as_marked',
              },
            ],
          },
        ],
      },
    ],
    awards: {
      tiers: tiers.map(([tierId, zh, en]) => ({ id: tierId, name: { zh, en }, count: 1 })),
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An enterprise's line as [name, team score, awards per tier, entries]. */
const line = (standing: EnterpriseStanding) =>
  [standing.enterprise, standing.teamScore, standing.awards, standing.entries] as const;

/**
 * The competition's standings through the real app: three events judged by a real judge, the
 * boards fed by the real outbox, the tables read over HTTP.
 *   数控车工 (published; blind at first): 一等奖 一汽, 二等奖 吉化, 三等奖 通钢, 一汽 unplaced
 *   焊工 (published): 金奖 a 吉化 team, 银奖 一汽
 *   电工 (scored live in public, frozen after its first sheet): 一等奖 通钢 until 一汽 beats it
 */
describe('competition standings (团体排名, 奖项统计)', () => {
  let ctx: TestContext;
  let competitionId: string;
  let organiser: string;
  let head: string;
  let judge: string;
  let judgeUser: TestUser;
  let judgeName: string;
  const events: Record<'cnc' | 'welding' | 'electric', { eventId: string; roundId: string }> = {
    cnc: { eventId: '', roundId: '' },
    welding: { eventId: '', roundId: '' },
    electric: { eventId: '', roundId: '' },
  };
  const entries: Record<string, string> = {};

  async function standings(view: StandingsView, cookie?: string): Promise<CompetitionStandings> {
    const path =
      view === 'public'
        ? `/api/v1/public/competitions/${competitionId}/standings`
        : `/api/v1/competitions/${competitionId}/standings`;
    const call = ctx.http.get(path);
    if (cookie) call.set('Cookie', cookie);
    return (await call.expect(200)).body as CompetitionStandings;
  }

  /** The boards follow the outbox: ask until the tables show what the test waits for. */
  async function until(
    view: StandingsView,
    check: (answer: CompetitionStandings) => boolean,
    what: string,
  ): Promise<CompetitionStandings> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const answer = await standings(view, view === 'staff' ? head : undefined);
      if (check(answer)) return answer;
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what}: ${JSON.stringify(answer)}`);
      await sleep(200);
    }
  }

  const enterprise = (answer: CompetitionStandings, name: string | null) =>
    answer.enterprises.find((standing) => standing.enterprise === name);

  async function revealDraw(roundId: string, entryCount: number): Promise<void> {
    await sql(
      ctx.em(),
      `insert into draw (id, round_id, seed, entry_count, created_by, revealed_at) values (?, ?, 'ab', ?, ?, now())`,
      [randomUUID(), roundId, entryCount, judgeUser.id],
    );
  }

  async function sheetOf(entryId: string): Promise<string> {
    const queue = await ctx.http.get('/api/v1/judging/me/queue').set('Cookie', judge).expect(200);
    const rounds = queue.body.rounds as Array<{
      sheets: Array<{ sheetId: string; entry: { entryId: string } }>;
    }>;
    return rounds.flatMap((round) => round.sheets).find((s) => s.entry.entryId === entryId)!
      .sheetId;
  }

  async function mark(entryId: string, value: string): Promise<void> {
    const sheetId = await sheetOf(entryId);
    const stored = await ctx.http
      .post('/api/v1/judging/marks')
      .set('Cookie', judge)
      .send({
        deviceId: 'tablet',
        marks: [{ key: randomUUID(), sheetId, aspectId: 'work_mark', value }],
      })
      .expect(200);
    expect(stored.body.acks[0].status).toBe('stored');
    await ctx.http
      .post(`/api/v1/judging/sheets/${sheetId}/submit`)
      .set('Cookie', judge)
      .send({ key: randomUUID(), signature: judgeName, deviceId: 'tablet' })
      .expect(200);
  }

  async function publish(roundId: string): Promise<void> {
    await ctx.http
      .post(`/api/v1/judging/rounds/${roundId}/verify`)
      .set('Cookie', head)
      .send({})
      .expect(200);
    await ctx.http
      .post(`/api/v1/judging/rounds/${roundId}/publish`)
      .set('Cookie', head)
      .send({})
      .expect(200);
  }

  beforeAll(async () => {
    ctx = await TestContext.create();
    const province = await ctx.newOrganisation({ name: '吉林省总工会' });
    const company = (name: string, region: string): Promise<Organisation> =>
      ctx.newOrganisation({ name, kind: 'enterprise', parent: province, region });
    const faw = await company('一汽集团', '长春市');
    const jihua = await company('吉化集团', '吉林市');
    const tonggang = await company('通钢集团', '通化市');
    const competition = await ctx.newCompetition(province, ['数控车工', '焊工', '电工']);
    competitionId = competition.id;
    const em = ctx.em();
    const ids = new Map(
      (
        await sql<{ id: string; name: string }>(
          em,
          'select id, name from competition_event where competition_id = ?',
          [competitionId],
        )
      ).map((row) => [row.name, row.id]),
    );
    const tiers = {
      cnc: [
        ['first', '一等奖', 'First prize'],
        ['second', '二等奖', 'Second prize'],
        ['third', '三等奖', 'Third prize'],
      ],
      welding: [
        ['gold', '金奖', 'Gold'],
        ['silver', '银奖', 'Silver'],
      ],
      electric: [['first', '一等奖', 'First prize']],
    } satisfies Record<string, Array<[string, string, string]>>;
    for (const [key, name] of [
      ['cnc', '数控车工'],
      ['welding', '焊工'],
      ['electric', '电工'],
    ] as const) {
      const eventId = ids.get(name)!;
      events[key] = {
        eventId,
        roundId: await insertRound(em, eventId, { rubric: rubric(key, tiers[key]) }),
      };
    }
    const entry = async (
      key: keyof typeof events,
      code: string,
      company: Organisation,
      station: number,
    ) => {
      entries[code] = (
        await insertEntry(em, {
          competitionId,
          ...events[key],
          enterpriseId: company.id,
          code,
          station,
          name: `选手${code}`,
        })
      ).entryId;
    };
    await entry('cnc', 'A01', faw, 1);
    await entry('cnc', 'A02', jihua, 2);
    await entry('cnc', 'A03', tonggang, 3);
    await entry('cnc', 'A04', faw, 4);
    await entry('welding', 'B01', faw, 1);
    // A team of 吉化 in the welding event: one entry, under its enterprise.
    const teamId = randomUUID();
    entries['B02'] = randomUUID();
    await sql(
      em,
      `insert into team (id, competition_id, event_id, enterprise_id, name, candidate_number) values (?, ?, ?, ?, '吉化焊接队', 'T02')`,
      [teamId, competitionId, events.welding.eventId, jihua.id],
    );
    await sql(
      em,
      `insert into round_entry (id, round_id, team_id, anonymous_code, station, attendance, created_at)
       values (?, ?, ?, 'B02', 2, 'present', now())`,
      [entries['B02'], events.welding.roundId, teamId],
    );
    await entry('electric', 'C01', tonggang, 1);
    await entry('electric', 'C02', faw, 2);

    organiser = await ctx.login(await ctx.newUser([{ role: 'organiser', scope: province }]));
    judgeUser = await ctx.newUser([{ role: 'judge', scope: competition }]);
    judge = await ctx.login(judgeUser);
    judgeName = (
      await sql<{ display_name: string }>(
        em,
        'select display_name from user_account where id = ?',
        [judgeUser.id],
      )
    )[0]!.display_name;
    const headUser = await ctx.newUser([{ role: 'head_judge', scope: competition }]);
    head = await ctx.login(headUser);
    for (const { eventId, roundId } of Object.values(events)) {
      await ctx.http
        .put(`/api/v1/judging/events/${eventId}/head-judge`)
        .set('Cookie', organiser)
        .send({ userId: headUser.id })
        .expect(200);
      await ctx.http
        .put(`/api/v1/judging/rounds/${roundId}/panel`)
        .set('Cookie', organiser)
        .send({ assignments: [{ judgeUserId: judgeUser.id, seat: 1 }] })
        .expect(200);
    }
    await revealDraw(events.welding.roundId, 2);
    await revealDraw(events.electric.roundId, 2);
  });
  afterAll(() => ctx.close());

  it('counts a blind event’s awards without telling whose they are', async () => {
    for (const [code, value] of [
      ['A01', '90'],
      ['A02', '80'],
      ['A03', '70'],
      ['A04', '60'],
    ] as const)
      await mark(entries[code]!, value);
    await publish(events.cnc.roundId);

    const answer = await until(
      'public',
      (a) => a.events.some((e) => e.eventId === events.cnc.eventId && e.phase === 'published'),
      'the published blind event',
    );
    expect(answer.tiers.map((tier) => [tier.name, tier.nameEn, tier.level, tier.points])).toEqual([
      ['一等奖', 'First prize', 1, 5],
      ['金奖', 'Gold', 1, 5],
      ['二等奖', 'Second prize', 2, 3],
      ['银奖', 'Silver', 2, 3],
      ['三等奖', 'Third prize', 3, 2],
    ]);
    // Four entries, three awards, all under "undisclosed": no enterprise, no region.
    expect(answer.enterprises.map(line)).toEqual([[null, 10, [1, 0, 1, 0, 1], 4]]);
    expect(answer.enterprises[0]!.rank).toBeNull();
    expect(answer.regions.map((region) => [region.region, region.totalAwards])).toEqual([
      [null, 3],
    ]);
    const text = JSON.stringify(answer);
    for (const hidden of ['一汽集团', '吉化集团', '通钢集团', '长春市', '选手A01', 'CA01'])
      expect(text).not.toContain(hidden);
    expect(answer.provisional).toBe(false);
  });

  it('ranks enterprises by team score across events, a team under its enterprise, once the draw is revealed', async () => {
    await revealDraw(events.cnc.roundId, 4);
    // The reveal reaches the boards as judging's reveal does: through the outbox.
    await sql(ctx.em(), `insert into scoreboard_change (event_id, reason) values (?, 'draw')`, [
      events.cnc.eventId,
    ]);
    await mark(entries['B01']!, '85');
    await mark(entries['B02']!, '95');
    await publish(events.welding.roundId);

    const answer = await until(
      'public',
      (a) => enterprise(a, '吉化集团')?.awards[1] === 1 && enterprise(a, null) === undefined,
      'both published events by enterprise',
    );
    // tiers: 一等奖, 金奖, 二等奖, 银奖, 三等奖. 一汽 and 吉化 both score 8: 一汽 has the 一等奖.
    expect(answer.enterprises.map(line)).toEqual([
      ['一汽集团', 8, [1, 0, 0, 1, 0], 3],
      ['吉化集团', 8, [0, 1, 1, 0, 0], 2],
      ['通钢集团', 2, [0, 0, 0, 0, 1], 1],
    ]);
    expect(
      answer.enterprises.map((standing) => [standing.rank, standing.region, standing.events]),
    ).toEqual([
      [1, '长春市', 2],
      [2, '吉林市', 2],
      [3, '通化市', 1],
    ]);
    expect(
      answer.regions.map((region) => [
        region.region,
        region.enterprises,
        region.totalAwards,
        region.teamScore,
      ]),
    ).toEqual([
      ['长春市', 1, 2, 8],
      ['吉林市', 1, 2, 8],
      ['通化市', 1, 1, 2],
    ]);
    expect(
      answer.events.map((event) => [event.name, event.phase, event.entries, event.awards]),
    ).toEqual([
      ['数控车工', 'published', 4, 3],
      ['焊工', 'published', 2, 2],
      ['电工', 'live', 0, 0],
    ]);
  });

  it('keeps a frozen event’s public rows while the staff tables move on', async () => {
    await ctx.http
      .put(`/api/v1/judging/rounds/${events.electric.roundId}/settings`)
      .set('Cookie', organiser)
      .send({ livePublicScoring: true })
      .expect(200);
    await mark(entries['C01']!, '88');
    const live = await until(
      'public',
      (a) => enterprise(a, '通钢集团')?.teamScore === 7,
      'the live public 一等奖 of 通钢',
    );
    expect(live.provisional).toBe(true);

    await ctx.http
      .put(
        `/api/v1/competitions/${competitionId}/events/${events.electric.eventId}/scoreboard/freeze`,
      )
      .set('Cookie', organiser)
      .send({ freezeAt: new Date().toISOString() })
      .expect(200);
    await until(
      'public',
      (a) => a.events.find((e) => e.eventId === events.electric.eventId)!.frozen,
      'the freeze',
    );
    await mark(entries['C02']!, '99');

    // Staff: 一汽 now holds the 电工 一等奖 (8 + 5), 通钢 lost it.
    const staff = await until(
      'staff',
      (a) => enterprise(a, '一汽集团')?.teamScore === 13,
      'the staff tables after C02',
    );
    expect(staff.view).toBe('staff');
    expect(staff.enterprises.map(line)).toEqual([
      ['一汽集团', 13, [2, 0, 0, 1, 0], 4],
      ['吉化集团', 8, [0, 1, 1, 0, 0], 2],
      ['通钢集团', 2, [0, 0, 0, 0, 1], 2],
    ]);
    // Public: the frozen board still gives the 一等奖 to 通钢.
    const frozen = await standings('public');
    expect(frozen.enterprises.map(line)).toEqual([
      ['一汽集团', 8, [1, 0, 0, 1, 0], 4],
      ['吉化集团', 8, [0, 1, 1, 0, 0], 2],
      ['通钢集团', 7, [1, 0, 0, 0, 1], 2],
    ]);
    expect(frozen.events.find((e) => e.eventId === events.electric.eventId)).toMatchObject({
      frozen: true,
      phase: 'live',
      awards: 1,
    });
  });

  it('gives the staff tables to organisers and head judges only, and 404 for an unknown competition', async () => {
    const path = `/api/v1/competitions/${competitionId}/standings`;
    await ctx.http.get(path).expect(401);
    await ctx.http.get(path).set('Cookie', judge).expect(403);
    await ctx.http.get(path).set('Cookie', organiser).expect(200);
    const missing = await ctx.http
      .get(`/api/v1/public/competitions/${randomUUID()}/standings`)
      .expect(404);
    expect(missing.body.code).toBe('entity.not_found');
  });
});
