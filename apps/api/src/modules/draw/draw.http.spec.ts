import type {
  CheckInCard,
  DrawRecord,
  DrawVerification,
  MyPlacement,
  RoundDrawView,
} from '@jingsai/contracts';
import { checkDrawRecord } from './draw-plan';
import { drawWorld, enterApproved, newRound } from '../../../test/draw-fixtures';
import { worker } from '../../../test/people';
import { TEST_PASSWORD, TestContext } from '../../../test/test-context';
import { AuditEntry } from '../audit/entities/audit-entry.entity';
import { CompetitionEvent } from '../competitions/entities/competition-event.entity';
import type { Competition } from '../competitions/entities/competition.entity';
import type { Organisation } from '../organisations/entities/organisation.entity';
import { JudgingSheet } from '../judging/entities/judging-sheet.entity';
import { Registration } from '../registrations/entities/registration.entity';
import { User } from '../users/entities/user.entity';
import { Team } from '../registrations/entities/team.entity';
import { Draw } from './entities/draw.entity';
import { RoundEntry } from './entities/round-entry.entity';

describe('draw', () => {
  let ctx: TestContext;
  let competition: Competition;
  let faw: Organisation;
  let crrc: Organisation;
  let province: Organisation;
  let organiser: string;

  beforeAll(async () => {
    ctx = await TestContext.create();
    ({ competition, faw, crrc, organiser, province } = await drawWorld(ctx));
  });
  afterAll(() => ctx.close());

  const drawUrl = (roundId: string, suffix = '') =>
    `/api/v1/competitions/${competition.id}/rounds/${roundId}/draw${suffix}`;

  describe('an individual event', () => {
    let event: CompetitionEvent;
    let roundId: string;
    let sessionIds: string[];
    let approved: Array<{ id: string; name: string }>;
    let competitor: string;
    let competitorRegistration: string;
    let first: RoundDrawView;

    beforeAll(async () => {
      const setup = await newRound(ctx, competition, '数控车工', [6, 6]);
      event = setup.event;
      roundId = setup.round.id;
      sessionIds = setup.sessions.map((session) => session.id);
      approved = [
        ...(await enterApproved(ctx, organiser, competition, event, faw, 5)),
        ...(await enterApproved(ctx, organiser, competition, event, crrc, 3)),
      ];
      // A competitor who registered themself and was approved, and one still waiting.
      const person = worker(faw.id, { name: '李春花', male: false });
      const self = await ctx.http
        .post(`/api/v1/public/competitions/${competition.id}/registrations`)
        .send({ eventId: event.id, person, username: 'lichunhua', password: TEST_PASSWORD })
        .expect(201);
      competitorRegistration = self.body.id;
      await ctx.http
        .post(
          `/api/v1/competitions/${competition.id}/registrations/${competitorRegistration}/review`,
        )
        .set('Cookie', organiser)
        .send({ decision: 'approved' })
        .expect(200);
      await ctx.http
        .post(`/api/v1/public/competitions/${competition.id}/registrations`)
        .send({
          eventId: event.id,
          person: worker(crrc.id),
          username: 'waiting1',
          password: TEST_PASSWORD,
        })
        .expect(201);
      competitor = await ctx.login({ username: 'lichunhua', password: TEST_PASSWORD });
    });

    it('shows a competitor no candidate number before the draw', async () => {
      const mine = await ctx.http
        .get('/api/v1/me/placements')
        .set('Cookie', competitor)
        .expect(200);
      expect(mine.body).toEqual([]);
      const view = await ctx.http.get(drawUrl(roundId)).set('Cookie', organiser).expect(200);
      expect(view.body).toMatchObject({ current: null, entries: [], capacity: 12 });
    });

    it('draws every approved entry once: unique numbers, codes and stations', async () => {
      const response = await ctx.http
        .post(drawUrl(roundId))
        .set('Cookie', organiser)
        .send({ seed: '731502' })
        .expect(200);
      first = response.body as RoundDrawView;
      expect(first.current).toMatchObject({ seed: '731502', entryCount: 9, supersededAt: null });
      expect(first.mappingVisible).toBe(true);
      const entries = first.entries;
      expect(entries).toHaveLength(9);
      expect(new Set(entries.map((entry) => entry.name))).toEqual(
        new Set([...approved.map((entry) => entry.name), '李春花']),
      );
      const numbers = entries.map((entry) => entry.candidateNumber);
      expect(new Set(numbers).size).toBe(9);
      // The first event of the competition: prefix 01, then the draw order, 4 digits.
      expect([...numbers].sort()).toEqual(
        Array.from({ length: 9 }, (_, i) => `01${String(i + 1).padStart(4, '0')}`),
      );
      expect(new Set(entries.map((entry) => entry.anonymousCode)).size).toBe(9);
      expect(new Set(entries.map((entry) => `${entry.session!.id}/${entry.station}`)).size).toBe(9);
      // The first session fills up first.
      expect(entries.filter((entry) => entry.session!.id === sessionIds[0])).toHaveLength(6);

      const stored = await ctx.em().find(Registration, { event }, { orderBy: { id: 'asc' } });
      const waiting = stored.filter((entry) => entry.status === 'submitted');
      expect(waiting).toHaveLength(1);
      expect(waiting[0]!.candidateNumber).toBeNull();
      expect(stored.filter((entry) => entry.candidateNumber).length).toBe(9);
    });

    it('pages the entries by session and station', async () => {
      const page = (
        await ctx.http
          .get(drawUrl(roundId))
          .query({ limit: 4, offset: 4 })
          .set('Cookie', organiser)
          .expect(200)
      ).body as RoundDrawView;
      expect(page.entryTotal).toBe(9);
      expect(page.entries.map((entry) => entry.id)).toEqual(
        first.entries.slice(4, 8).map((entry) => entry.id),
      );
      await ctx.http
        .get(drawUrl(roundId))
        .query({ limit: 5000 })
        .set('Cookie', organiser)
        .expect(400);
    });

    it('records seed, digest and the whole mapping in the audit log', async () => {
      const entry = await ctx
        .em()
        .findOneOrFail(AuditEntry, { action: 'draw.run', subjectId: roundId });
      const after = entry.after as {
        seed: string;
        digest: string;
        mapping: Array<{ entrantId: string; anonymousCode: string }>;
      };
      expect(after.seed).toBe('731502');
      expect(after.digest).toBe(first.current!.digest);
      expect(after.mapping).toHaveLength(9);
      const codes = new Map(after.mapping.map((line) => [line.entrantId, line.anonymousCode]));
      const rows = await ctx.em().find(RoundEntry, { round: roundId });
      for (const row of rows) expect(codes.get(row.registration!.id)).toBe(row.anonymousCode);
    });

    it('verifies the draw from its seed, and rejects a wrong seed', async () => {
      const url = `/api/v1/competitions/${competition.id}/rounds/${roundId}/draws/${first.current!.id}/verify`;
      const good = await ctx.http.post(url).set('Cookie', organiser).send({}).expect(200);
      expect(good.body as DrawVerification).toMatchObject({
        matches: true,
        storedMismatches: 0,
        recomputedDigest: first.current!.digest,
      });
      const wrong = await ctx.http
        .post(url)
        .set('Cookie', organiser)
        .send({ seed: '731503' })
        .expect(200);
      expect(wrong.body).toMatchObject({ matches: false, seed: '731503' });
    });

    it('gives organisers the draw record, which recomputes offline to the stored entries', async () => {
      const record = (
        await ctx.http
          .get(
            `/api/v1/competitions/${competition.id}/rounds/${roundId}/draws/${first.current!.id}/record`,
          )
          .set('Cookie', organiser)
          .expect(200)
      ).body as DrawRecord;
      expect(record).toMatchObject({ seed: '731502', digest: first.current!.digest });
      expect(checkDrawRecord(record)).toMatchObject({ matches: true, problems: [] });
      const rows = await ctx.em().find(RoundEntry, { round: roundId });
      for (const row of rows) {
        const placed = record.placements.find((p) => p.entrantId === row.registration!.id)!;
        expect([placed.anonymousCode, placed.sessionId, placed.station]).toEqual([
          row.anonymousCode,
          row.session!.id,
          row.station,
        ]);
      }
      const judge = await ctx.login(await ctx.newUser([{ role: 'judge', scope: competition }]));
      await ctx.http
        .get(
          `/api/v1/competitions/${competition.id}/rounds/${roundId}/draws/${first.current!.id}/record`,
        )
        .set('Cookie', judge)
        .expect(403);
    });

    it('shows judges, head judges and coordinators codes only, and refuses everyone else', async () => {
      const judge = await ctx.login(await ctx.newUser([{ role: 'judge', scope: competition }]));
      const headJudge = await ctx.login(
        await ctx.newUser([{ role: 'head_judge', scope: competition }]),
      );
      const coordinator = await ctx.login(await ctx.newUser([{ role: 'coordinator', scope: faw }]));
      for (const cookie of [judge, headJudge, coordinator]) {
        const view = (await ctx.http.get(drawUrl(roundId)).set('Cookie', cookie).expect(200))
          .body as RoundDrawView;
        expect(view.mappingVisible).toBe(false);
        expect(view.canManage).toBe(false);
        expect(view.current!.seed).toBeNull();
        expect(view.history).toEqual([]);
        expect(view.entries).toHaveLength(9);
        for (const entry of view.entries) {
          expect(entry.anonymousCode).toMatch(/^[2-9A-Z]{6}$/);
          expect(entry).toMatchObject({
            candidateNumber: null,
            name: null,
            enterpriseName: null,
            station: null,
          });
        }
        expect(JSON.stringify(view)).not.toContain('李春花');
        await ctx.http.post(drawUrl(roundId)).set('Cookie', cookie).send({}).expect(403);
        await ctx.http.post(drawUrl(roundId, '/reveal')).set('Cookie', cookie).expect(403);
      }
      await ctx.http.get(drawUrl(roundId)).set('Cookie', competitor).expect(403);
      const elsewhere = await ctx.newOrganisation({ name: '辽宁省总工会' });
      const stranger = await ctx.login(
        await ctx.newUser([{ role: 'organiser', scope: elsewhere }]),
      );
      await ctx.http.get(drawUrl(roundId)).set('Cookie', stranger).expect(403);
      await ctx.http.post(drawUrl(roundId)).set('Cookie', stranger).send({}).expect(403);
    });

    it('shows the competitor their number, session, venue, time and station, but not their code', async () => {
      const mine = (
        await ctx.http.get('/api/v1/me/placements').set('Cookie', competitor).expect(200)
      ).body as MyPlacement[];
      const drawn = first.entries.find((entry) => entry.name === '李春花')!;
      expect(mine).toEqual([
        {
          registrationId: competitorRegistration,
          competitionId: competition.id,
          eventName: '数控车工',
          roundName: '实操1',
          teamName: null,
          candidateNumber: drawn.candidateNumber,
          anonymousCode: null,
          session: drawn.session,
          station: drawn.station,
          attendance: 'expected',
        },
      ]);
      const registrations = await ctx.http
        .get('/api/v1/me/registrations')
        .set('Cookie', competitor)
        .expect(200);
      expect(registrations.body[0].candidateNumber).toBe(drawn.candidateNumber);
    });

    it('redraws before the start: the same seed gives the same result, the old draw is kept', async () => {
      const again = (
        await ctx.http
          .post(drawUrl(roundId))
          .set('Cookie', organiser)
          .send({ seed: '731502' })
          .expect(200)
      ).body as RoundDrawView;
      expect(again.current!.id).not.toBe(first.current!.id);
      expect(again.current!.digest).toBe(first.current!.digest);
      expect(again.history.map((draw) => draw.id)).toEqual([first.current!.id]);
      expect(again.history[0]!.supersededAt).not.toBeNull();
      const strip = (view: RoundDrawView) =>
        view.entries
          .map((entry) => [entry.candidateNumber, entry.anonymousCode, entry.station, entry.name])
          .sort();
      expect(strip(again)).toEqual(strip(first));

      const other = (
        await ctx.http.post(drawUrl(roundId)).set('Cookie', organiser).send({}).expect(200)
      ).body as RoundDrawView;
      expect(other.current!.seed).toMatch(/^[0-9a-f]{64}$/);
      expect(other.current!.digest).not.toBe(first.current!.digest);
      expect(other.history).toHaveLength(2);
      expect(await ctx.em().count(Draw, { round: roundId })).toBe(3);
      expect(await ctx.em().count(RoundEntry, { round: roundId })).toBe(9);
      const redraw = await ctx.em().findOneOrFail(AuditEntry, {
        action: 'draw.redraw',
        subjectId: roundId,
        after: { drawId: other.current!.id },
      } as never);
      expect(redraw.before).toMatchObject({ drawId: again.current!.id });
    });

    it('reveals the mapping once, audited: judges and the competitor then see it', async () => {
      const judge = await ctx.login(await ctx.newUser([{ role: 'judge', scope: competition }]));
      const revealed = (
        await ctx.http.post(drawUrl(roundId, '/reveal')).set('Cookie', organiser).expect(200)
      ).body as RoundDrawView;
      expect(revealed.current!.revealedAt).not.toBeNull();
      const seen = (await ctx.http.get(drawUrl(roundId)).set('Cookie', judge).expect(200))
        .body as RoundDrawView;
      expect(seen.mappingVisible).toBe(true);
      expect(seen.entries.map((entry) => entry.name)).toContain('李春花');
      expect(seen.current!.seed).toBe(revealed.current!.seed);
      await ctx.http
        .get(
          `/api/v1/competitions/${competition.id}/rounds/${roundId}/draws/${revealed.current!.id}/record`,
        )
        .set('Cookie', judge)
        .expect(200);
      const mine = (await ctx.http.get('/api/v1/me/placements').set('Cookie', competitor))
        .body as MyPlacement[];
      const own = seen.entries.find((entry) => entry.name === '李春花')!;
      expect(mine[0]!.anonymousCode).toBe(own.anonymousCode);
      expect(await ctx.em().count(AuditEntry, { action: 'draw.reveal', subjectId: roundId })).toBe(
        1,
      );
      const twice = await ctx.http
        .post(drawUrl(roundId, '/reveal'))
        .set('Cookie', organiser)
        .set('Accept-Language', 'en')
        .expect(409);
      expect(twice.body.code).toBe('draw.already_revealed');
      expect(twice.body.message).toContain('already revealed');
    });
  });

  it('refuses a draw when the sessions have too few stations, in both languages, storing nothing', async () => {
    const { round, event } = await newRound(ctx, competition, '焊工', [2, 1]);
    await enterApproved(ctx, organiser, competition, event, faw, 4);
    const zh = await ctx.http.post(drawUrl(round.id)).set('Cookie', organiser).send({}).expect(409);
    expect(zh.body).toMatchObject({ code: 'draw.capacity_short' });
    expect(zh.body.message).toContain('有 4 个参赛单位');
    expect(zh.body.message).toContain('共只有 3 个工位');
    const en = await ctx.http
      .post(drawUrl(round.id))
      .set('Cookie', organiser)
      .set('Accept-Language', 'en')
      .send({ seed: 'x1' })
      .expect(409);
    expect(en.body.message).toBe(
      'Not enough stations: 4 to place but the sessions of this round have only 3; add sessions or stations',
    );
    expect(await ctx.em().count(Draw, { round })).toBe(0);
    expect(await ctx.em().count(RoundEntry, { round })).toBe(0);
    expect(await ctx.em().count(Registration, { event, candidateNumber: { $ne: null } })).toBe(0);
  });

  it('rejects a malformed seed and an unknown round', async () => {
    const { round } = await newRound(ctx, competition, '焊工', [5], { sequence: 9, name: '备用' });
    const bad = await ctx.http
      .post(drawUrl(round.id))
      .set('Cookie', organiser)
      .send({ seed: '12 34' })
      .expect(400);
    expect(bad.body.issues[0].path).toBe('seed');
    expect(bad.body.issues[0].message).toContain('种子');
    await ctx.http
      .post(drawUrl('00000000-0000-4000-8000-000000000000'))
      .set('Cookie', organiser)
      .send({})
      .expect(404);
  });

  it('refuses a redraw once the round has begun', async () => {
    const welding = await newRound(ctx, competition, '焊工', [3], {
      daysAhead: -1,
      sequence: 5,
      name: '已开考',
    });
    // Promoted entries of a later round that already began.
    const em = ctx.em();
    const registrations = await em.find(Registration, { event: welding.event, status: 'approved' });
    for (const registration of registrations.slice(0, 2))
      em.create(RoundEntry, { round: welding.round, registration });
    await em.flush();
    await ctx.http.post(drawUrl(welding.round.id)).set('Cookie', organiser).send({}).expect(200);
    const again = await ctx.http
      .post(drawUrl(welding.round.id))
      .set('Cookie', organiser)
      .send({})
      .expect(409);
    expect(again.body.code).toBe('draw.round_started');
  });

  it('refuses a redraw once judging has begun on the round', async () => {
    const { round, event } = await newRound(ctx, competition, '焊工', [10], {
      sequence: 7,
      name: '评分中',
    });
    const em = ctx.em();
    const registration = await em.findOneOrFail(Registration, { event, status: 'approved' });
    em.create(RoundEntry, { round, registration });
    await em.flush();
    await ctx.http.post(drawUrl(round.id)).set('Cookie', organiser).send({}).expect(200);
    const judge = await ctx.newUser([{ role: 'judge', scope: competition }]);
    const entry = await em.findOneOrFail(RoundEntry, { round });
    em.create(JudgingSheet, {
      eventId: event.id,
      round,
      entry,
      judge: em.getReference(User, judge.id),
    });
    await em.flush();
    const again = await ctx.http
      .post(drawUrl(round.id))
      .set('Cookie', organiser)
      .send({})
      .expect(409);
    expect(again.body.code).toBe('draw.round_started');
    expect((await ctx.em().findOneOrFail(RoundEntry, { round })).anonymousCode).toBe(
      entry.anonymousCode,
    );
  });

  it('frees the place of an entry withdrawn after the draw, and marks it absent once judged', async () => {
    const { round, event } = await newRound(ctx, competition, '焊工', [10], {
      sequence: 8,
      name: '退赛',
    });
    const em = ctx.em();
    const [judged, unjudged] = await em.find(
      Registration,
      { event, status: 'approved' },
      { orderBy: { id: 'asc' }, limit: 2 },
    );
    for (const registration of [judged!, unjudged!]) em.create(RoundEntry, { round, registration });
    await em.flush();
    await ctx.http.post(drawUrl(round.id)).set('Cookie', organiser).send({}).expect(200);
    const judge = await ctx.newUser([{ role: 'judge', scope: competition }]);
    em.create(JudgingSheet, {
      eventId: event.id,
      round,
      entry: await em.findOneOrFail(RoundEntry, { round, registration: judged! }),
      judge: em.getReference(User, judge.id),
    });
    await em.flush();
    const withdraw = (registrationId: string) =>
      ctx.http
        .post(`/api/v1/competitions/${competition.id}/registrations/${registrationId}/withdraw`)
        .set('Cookie', organiser)
        .send({ reason: '因病退赛' })
        .expect(200);
    await withdraw(unjudged!.id);
    await withdraw(judged!.id);
    const left = await ctx.em().find(RoundEntry, { round }, { populate: ['registration'] });
    expect(left.map((entry) => [entry.registration?.id, entry.attendance])).toEqual([
      [judged!.id, 'absent'],
    ]);
    const released = await ctx
      .em()
      .find(AuditEntry, { action: 'round_entry.released', subjectType: 'round_entry' });
    expect(released.some((entry) => (entry.after as { why?: string }).why === 'withdrawn')).toBe(
      true,
    );
  });

  it('places promoted entries of a later round without renumbering them', async () => {
    const turningEvent = await ctx.em().findOneOrFail(Registration, {
      competition,
      candidateNumber: { $ne: null },
    });
    const later = await newRound(ctx, competition, '数控车工', [4], { sequence: 2, name: '决赛' });
    const em = ctx.em();
    const finalists = await em.find(
      Registration,
      { event: turningEvent.event, candidateNumber: { $ne: null } },
      { orderBy: { candidateNumber: 'asc' }, limit: 3 },
    );
    for (const registration of finalists)
      em.create(RoundEntry, { round: later.round, registration });
    await em.flush();
    const view = (
      await ctx.http.post(drawUrl(later.round.id)).set('Cookie', organiser).send({}).expect(200)
    ).body as RoundDrawView;
    expect(view.entries.map((entry) => entry.candidateNumber).sort()).toEqual(
      finalists.map((registration) => registration.candidateNumber),
    );
    expect(view.entries.every((entry) => entry.station !== null && entry.anonymousCode)).toBe(true);
  });

  it('draws complete teams of a team event, leaving out incomplete ones', async () => {
    const em = ctx.em();
    const teamCompetition = await ctx.newCompetition(province, ['电工团体']);
    const setup = await newRound(ctx, teamCompetition, '电工团体', [4]);
    const teamEvent = await em.findOneOrFail(CompetitionEvent, { id: setup.event.id });
    teamEvent.kind = 'team';
    teamEvent.minTeamSize = 2;
    teamEvent.maxTeamSize = 3;
    await em.flush();
    const members = await enterApproved(ctx, organiser, teamCompetition, setup.event, faw, 5);
    const complete = em.create(Team, {
      competition: teamCompetition,
      event: setup.event,
      enterprise: faw,
      name: '一汽电工一队',
      status: 'approved',
    });
    const pending = em.create(Team, {
      competition: teamCompetition,
      event: setup.event,
      enterprise: faw,
      name: '一汽电工二队',
      status: 'approved',
    });
    await em.flush();
    const registrations = await em.find(Registration, { id: { $in: members.map((m) => m.id) } });
    const byId = new Map(registrations.map((registration) => [registration.id, registration]));
    byId.get(members[0]!.id)!.team = complete;
    byId.get(members[1]!.id)!.team = complete;
    byId.get(members[2]!.id)!.team = pending;
    byId.get(members[3]!.id)!.team = pending;
    byId.get(members[3]!.id)!.status = 'submitted';
    await em.flush();

    const view = (
      await ctx.http
        .post(`/api/v1/competitions/${teamCompetition.id}/rounds/${setup.round.id}/draw`)
        .set('Cookie', organiser)
        .send({ seed: 'team-1' })
        .expect(200)
    ).body as RoundDrawView;
    expect(view.eventKind).toBe('team');
    expect(view.entries).toHaveLength(1);
    expect(view.entries[0]).toMatchObject({ name: '一汽电工一队', candidateNumber: '010001' });
    const fresh = ctx.em();
    expect((await fresh.findOneOrFail(Team, { id: complete.id })).candidateNumber).toBe('010001');
    expect((await fresh.findOneOrFail(Team, { id: pending.id })).candidateNumber).toBeNull();
    // Members carry their team's number; members of a team not drawn have none.
    const numbers = await fresh.find(
      Registration,
      { id: { $in: members.slice(0, 4).map((m) => m.id) } },
      { orderBy: { id: 'asc' } },
    );
    expect(Object.fromEntries(numbers.map((r) => [r.id, r.candidateNumber]))).toEqual({
      [members[0]!.id]: '010001',
      [members[1]!.id]: '010001',
      [members[2]!.id]: null,
      [members[3]!.id]: null,
    });

    // At check-in the team's number brings up the team with its members.
    const card = (
      await ctx.http
        .get(`/api/v1/competitions/${teamCompetition.id}/rounds/${setup.round.id}/check-in`)
        .query({ number: '010001' })
        .set('Cookie', organiser)
        .expect(200)
    ).body as CheckInCard;
    expect(card.teamName).toBe('一汽电工一队');
    expect(card.people.map((person) => person.name).sort()).toEqual(
      [members[0]!.name, members[1]!.name].sort(),
    );
  });
});
