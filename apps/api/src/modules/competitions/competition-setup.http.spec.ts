import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestContext } from '../../../test/test-context';
import { AuditEntry } from '../audit/entities/audit-entry.entity';
import type { Organisation } from '../organisations/entities/organisation.entity';
import { Competition } from './entities/competition.entity';
import { RubricVersion } from './entities/rubric-version.entity';

const skillsRubric = JSON.parse(
  readFileSync(
    join(__dirname, '../../../../../libs/scoring/examples/skills-contest-rubric.json'),
    'utf8',
  ),
) as Record<string, unknown>;

describe('building a competition', () => {
  let ctx: TestContext;
  let jilin: Organisation;
  let liaoning: Organisation;
  let organiser: string;

  beforeAll(async () => {
    ctx = await TestContext.create();
    jilin = await ctx.newOrganisation({ name: '吉林省总工会' });
    liaoning = await ctx.newOrganisation({ name: '辽宁省总工会' });
    organiser = await ctx.login(await ctx.newUser([{ role: 'organiser', scope: jilin }]));
  });
  afterAll(() => ctx.close());

  async function createCompetition(name = '2027年吉林省职工技能大赛') {
    const response = await ctx.http
      .post('/api/v1/competitions')
      .set('Cookie', organiser)
      .send({
        name,
        year: 2027,
        organiserId: jilin.id,
        startsOn: '2027-06-01',
        endsOn: '2027-06-03',
      })
      .expect(201);
    return response.body as { id: string; status: string; allowedTransitions: string[] };
  }

  it('creates a draft competition for a union the organiser belongs to, audited', async () => {
    const competition = await createCompetition();
    expect(competition).toMatchObject({
      status: 'draft',
      allowedTransitions: ['registration_open'],
      organiserName: '吉林省总工会',
    });
    expect(
      await ctx.em().count(AuditEntry, { action: 'competition.create', subjectId: competition.id }),
    ).toBe(1);
  });

  it('refuses to create a competition for another union', async () => {
    const response = await ctx.http
      .post('/api/v1/competitions')
      .set('Cookie', organiser)
      .send({ name: '越权', year: 2027, organiserId: liaoning.id })
      .expect(403);
    expect(response.body.code).toBe('auth.forbidden');
    expect(await ctx.em().count(Competition, { name: '越权' })).toBe(0);
  });

  it('checks dates and refuses impossible ones, naming the field', async () => {
    const response = await ctx.http
      .post('/api/v1/competitions')
      .set('Cookie', organiser)
      .set('Accept-Language', 'en')
      .send({
        name: '日期',
        year: 2027,
        organiserId: jilin.id,
        startsOn: '2027-06-05',
        endsOn: '2027-06-01',
      })
      .expect(400);
    expect(response.body.issues).toEqual([
      { path: 'endsOn', message: 'must not be before the start date' },
    ]);
  });

  it('moves through its statuses only in order', async () => {
    const { id } = await createCompetition();
    const open = await ctx.http
      .post(`/api/v1/competitions/${id}/status`)
      .set('Cookie', organiser)
      .send({ status: 'registration_open' })
      .expect(200);
    expect(open.body.status).toBe('registration_open');
    const jump = await ctx.http
      .post(`/api/v1/competitions/${id}/status`)
      .set('Cookie', organiser)
      .send({ status: 'finished' })
      .expect(409);
    expect(jump.body).toMatchObject({
      code: 'competition.status_transition',
      message: '竞赛状态不能从“registration_open”直接改为“finished”',
    });
  });

  it('adds sectors, events with eligibility and team rules, rounds with a validated rubric, and sessions', async () => {
    const { id } = await createCompetition();
    const setup = await ctx.http
      .post(`/api/v1/competitions/${id}/sectors`)
      .set('Cookie', organiser)
      .send({ name: '装备制造业' })
      .expect(201);
    const sectorId = setup.body.sectors[0].id;

    const event = await ctx.http
      .post(`/api/v1/competitions/${id}/events`)
      .set('Cookie', organiser)
      .send({
        name: '电工',
        occupationCode: '6-31-01-03',
        sectorId,
        capacity: 120,
        quotaPerEnterprise: 3,
        eligibility: {
          minAge: 18,
          maxAge: 55,
          ageReferenceDate: '2027-06-01',
          genderCategory: 'open',
          minSkillLevel: 3,
        },
      })
      .expect(201);
    expect(event.body).toMatchObject({
      name: '电工',
      sectorId,
      quotaPerEnterprise: 3,
      eligibility: { minAge: 18, minSkillLevel: 3, maxSkillLevel: null },
    });

    const team = await ctx.http
      .post(`/api/v1/competitions/${id}/events`)
      .set('Cookie', organiser)
      .set('Accept-Language', 'en')
      .send({ name: '安全知识竞赛', kind: 'team' })
      .expect(400);
    expect(team.body.issues[0].path).toBe('minTeamSize');

    const withRound = await ctx.http
      .post(`/api/v1/competitions/${id}/events/${event.body.id}/rounds`)
      .set('Cookie', organiser)
      .send({ name: '决赛', kind: 'final', rubric: skillsRubric })
      .expect(201);
    const round = withRound.body.rounds[0];
    expect(round).toMatchObject({ name: '决赛', sequence: 1, rubricVersion: 1 });

    const withSession = await ctx.http
      .post(`/api/v1/competitions/${id}/rounds/${round.id}/sessions`)
      .set('Cookie', organiser)
      .send({
        startsAt: '2027-06-01T08:30:00+08:00',
        endsAt: '2027-06-01T11:30:00+08:00',
        venue: '长春职业技术学院 实训楼',
        stationCount: 40,
      })
      .expect(201);
    expect(withSession.body.rounds[0].sessions[0]).toMatchObject({
      venue: '长春职业技术学院 实训楼',
      stationCount: 40,
      startsAt: '2027-06-01T00:30:00.000Z',
    });
  });

  it('refuses an invalid rubric with the engine’s path to the bad field, keeping the saved version', async () => {
    const { id } = await createCompetition();
    const event = await ctx.http
      .post(`/api/v1/competitions/${id}/events`)
      .set('Cookie', organiser)
      .send({ name: '焊工' })
      .expect(201);
    const created = await ctx.http
      .post(`/api/v1/competitions/${id}/events/${event.body.id}/rounds`)
      .set('Cookie', organiser)
      .send({ name: '实操', kind: 'practical', rubric: skillsRubric })
      .expect(201);
    const roundId = created.body.rounds[0].id;

    const broken = structuredClone(skillsRubric) as {
      modules: Array<{ criteria: Array<{ aspects: Array<{ max: number }> }> }>;
    };
    broken.modules[1]!.criteria[0]!.aspects[0]!.max = -5;
    const response = await ctx.http
      .put(`/api/v1/competitions/${id}/rounds/${roundId}`)
      .set('Cookie', organiser)
      .set('Accept-Language', 'en')
      .send({ name: '实操', kind: 'practical', rubric: broken })
      .expect(400);
    expect(response.body.issues.map((issue: { path: string }) => issue.path)).toContain(
      'rubric.modules[1].criteria[0].aspects[0].max',
    );
    expect(await ctx.em().count(RubricVersion, { round: roundId })).toBe(1);

    // A valid change makes version 2; version 1 stays retrievable.
    const renamed = structuredClone(skillsRubric) as { revision: string };
    renamed.revision = '2027-01';
    await ctx.http
      .put(`/api/v1/competitions/${id}/rounds/${roundId}`)
      .set('Cookie', organiser)
      .send({ name: '实操', kind: 'practical', rubric: renamed })
      .expect(200);
    const current = await ctx.http
      .get(`/api/v1/competitions/${id}/rounds/${roundId}/rubric`)
      .set('Cookie', organiser)
      .expect(200);
    expect(current.body).toMatchObject({ version: 2, rubric: { revision: '2027-01' } });
    const first = await ctx.http
      .get(`/api/v1/competitions/${id}/rounds/${roundId}/rubric?version=1`)
      .set('Cookie', organiser)
      .expect(200);
    expect(first.body.rubric.revision).toBe(skillsRubric.revision);
  });

  it('clones a competition as a new draft with its events, rounds and current rubrics but no people', async () => {
    const { id } = await createCompetition('2026年焊工大赛');
    const event = await ctx.http
      .post(`/api/v1/competitions/${id}/events`)
      .set('Cookie', organiser)
      .send({ name: '焊工', exclusive: true })
      .expect(201);
    await ctx.http
      .post(`/api/v1/competitions/${id}/events/${event.body.id}/rounds`)
      .set('Cookie', organiser)
      .send({ name: '理论', kind: 'theory' })
      .expect(201);
    await ctx.http
      .post(`/api/v1/competitions/${id}/events/${event.body.id}/rounds`)
      .set('Cookie', organiser)
      .send({ name: '实操', kind: 'practical', rubric: skillsRubric })
      .expect(201);

    const clone = await ctx.http
      .post(`/api/v1/competitions/${id}/clone`)
      .set('Cookie', organiser)
      .send({ name: '2027年焊工大赛', year: 2027 })
      .expect(201);
    expect(clone.body).toMatchObject({
      name: '2027年焊工大赛',
      year: 2027,
      status: 'draft',
      startsOn: null,
    });
    expect(clone.body.id).not.toBe(id);
    expect(clone.body.events).toHaveLength(1);
    expect(clone.body.events[0]).toMatchObject({
      name: '焊工',
      exclusive: true,
      competitorCount: 0,
    });
    expect(
      clone.body.events[0].rounds.map((round: { name: string; rubricVersion: number | null }) => [
        round.name,
        round.rubricVersion,
      ]),
    ).toEqual([
      ['理论', null],
      ['实操', 1],
    ]);
  });

  it('keeps other roles and other unions out of the setup', async () => {
    const { id } = await createCompetition();
    const judge = await ctx.login(
      await ctx.newUser([
        { role: 'judge', scope: await ctx.em().findOneOrFail(Competition, { id }) },
      ]),
    );
    await ctx.http.get(`/api/v1/competitions/${id}/setup`).set('Cookie', judge).expect(403);
    await ctx.http
      .post(`/api/v1/competitions/${id}/events`)
      .set('Cookie', judge)
      .send({ name: '越权项目' })
      .expect(403);
    const otherOrganiser = await ctx.login(
      await ctx.newUser([{ role: 'organiser', scope: liaoning }]),
    );
    await ctx.http
      .patch(`/api/v1/competitions/${id}`)
      .set('Cookie', otherOrganiser)
      .send({ name: '改名' })
      .expect(403);
    await ctx.http.get(`/api/v1/competitions/${id}/setup`).expect(401);
  });
});
