import type { CheckInCard, CheckInProgress, RoundDrawView } from '@jingsai/contracts';
import { drawWorld, enterApproved, newRound } from '../../../test/draw-fixtures';
import { worker } from '../../../test/people';
import { TEST_PASSWORD, TestContext } from '../../../test/test-context';
import { AuditEntry } from '../audit/entities/audit-entry.entity';
import type { Competition } from '../competitions/entities/competition.entity';
import { RoundEntry } from '../draw/entities/round-entry.entity';
import type { Organisation } from '../organisations/entities/organisation.entity';
import { ScoreboardChange } from '../scoreboard/entities/scoreboard-change.entity';

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('IHDR-and-the-rest-of-a-tiny-image'),
]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 7)]);

describe('check-in', () => {
  let ctx: TestContext;
  let competition: Competition;
  let faw: Organisation;
  let crrc: Organisation;
  let organiser: string;
  let roundId: string;
  let eventId: string;
  let drawn: RoundDrawView;
  let competitor: string;
  let competitorPersonId: string;

  beforeAll(async () => {
    ctx = await TestContext.create();
    ({ competition, faw, crrc, organiser } = await drawWorld(ctx));
    const setup = await newRound(ctx, competition, '数控车工', [3, 3]);
    roundId = setup.round.id;
    eventId = setup.event.id;
    await enterApproved(ctx, organiser, competition, setup.event, crrc, 4);
    const self = await ctx.http
      .post(`/api/v1/public/competitions/${competition.id}/registrations`)
      .send({
        eventId,
        person: worker(faw.id, { name: '赵秀英', male: false }),
        username: 'zhaoxiuying',
        password: TEST_PASSWORD,
      })
      .expect(201);
    competitorPersonId = self.body.person.id;
    await ctx.http
      .post(`/api/v1/competitions/${competition.id}/registrations/${self.body.id}/review`)
      .set('Cookie', organiser)
      .send({ decision: 'approved' })
      .expect(200);
    competitor = await ctx.login({ username: 'zhaoxiuying', password: TEST_PASSWORD });
    drawn = (
      await ctx.http
        .post(`/api/v1/competitions/${competition.id}/rounds/${roundId}/draw`)
        .set('Cookie', organiser)
        .send({ seed: '42' })
        .expect(200)
    ).body;
  });
  afterAll(() => ctx.close());

  const base = () => `/api/v1/competitions/${competition.id}/rounds/${roundId}`;
  const own = () => drawn.entries.find((entry) => entry.name === '赵秀英')!;

  it('finds a competitor by candidate number, typed in full-width or with spaces', async () => {
    const number = own().candidateNumber!;
    const fullWidth = [...number]
      .map((char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0))
      .join('');
    for (const typed of [number, ` ${number} `, fullWidth]) {
      const response = await ctx.http
        .get(`${base()}/check-in`)
        .query({ number: typed })
        .set('Cookie', organiser)
        .expect(200);
      const card = response.body as CheckInCard;
      expect(card).toMatchObject({
        entryId: own().id,
        candidateNumber: number,
        eventName: '数控车工',
        station: own().station,
        session: own().session,
        attendance: 'expected',
        teamName: null,
      });
      expect(card.people).toHaveLength(1);
      expect(card.people[0]).toMatchObject({
        name: '赵秀英',
        enterpriseName: '一汽集团',
        hasPhoto: false,
      });
      // Masked even for the organiser at the desk.
      expect(card.people[0]!.documentMasked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    }
  });

  it('says clearly when no one has that number', async () => {
    const response = await ctx.http
      .get(`${base()}/check-in`)
      .query({ number: '999999' })
      .set('Cookie', organiser)
      .expect(404);
    expect(response.body).toMatchObject({
      code: 'check_in.not_found',
      message: '本轮次没有参赛号为“999999”的参赛者',
    });
    const empty = await ctx.http
      .get(`${base()}/check-in`)
      .query({ number: '  ' })
      .set('Cookie', organiser)
      .set('Accept-Language', 'en')
      .expect(400);
    expect(empty.body.issues[0]).toMatchObject({
      path: 'number',
      message: 'enter a candidate number',
    });
  });

  it('marks present and absent with an audit entry and an outbox row, and undoes', async () => {
    const entries = drawn.entries;
    const present = entries[0]!;
    const absent = entries[1]!;
    const outboxBefore = await ctx.em().count(ScoreboardChange, { eventId, reason: 'check_in' });

    const marked = await ctx.http
      .post(`${base()}/entries/${present.id}/attendance`)
      .set('Cookie', organiser)
      .send({ attendance: 'present' })
      .expect(200);
    expect(marked.body).toMatchObject({ attendance: 'present' });
    expect(marked.body.checkedInAt).not.toBeNull();
    await ctx.http
      .post(`${base()}/entries/${absent.id}/attendance`)
      .set('Cookie', organiser)
      .send({ attendance: 'absent' })
      .expect(200);

    const stored = await ctx.em().findOneOrFail(RoundEntry, { id: absent.id });
    expect(stored.attendance).toBe('absent');
    expect(await ctx.em().count(ScoreboardChange, { eventId, reason: 'check_in' })).toBe(
      outboxBefore + 2,
    );
    const audit = await ctx
      .em()
      .findOneOrFail(AuditEntry, { action: 'check_in.mark', subjectId: absent.id });
    expect(audit.before).toMatchObject({ attendance: 'expected' });
    expect(audit.after).toMatchObject({ attendance: 'absent' });

    let progress = (
      await ctx.http.get(`${base()}/check-in/progress`).set('Cookie', organiser).expect(200)
    ).body as CheckInProgress;
    const totals = progress.sessions.reduce(
      (sum, s) => ({
        expected: sum.expected + s.expected,
        present: sum.present + s.present,
        absent: sum.absent + s.absent,
        total: sum.total + s.total,
      }),
      { expected: 0, present: 0, absent: 0, total: 0 },
    );
    expect(totals).toEqual({ expected: 3, present: 1, absent: 1, total: 5 });
    expect(progress.sessions.map((s) => s.total)).toEqual([3, 2]);

    // Undo: back to expected, audited as such.
    const undone = await ctx.http
      .post(`${base()}/entries/${absent.id}/attendance`)
      .set('Cookie', organiser)
      .send({ attendance: 'expected' })
      .expect(200);
    expect(undone.body).toMatchObject({ attendance: 'expected', checkedInAt: null });
    expect(
      await ctx.em().count(AuditEntry, { action: 'check_in.undo', subjectId: absent.id }),
    ).toBe(1);
    progress = (
      await ctx.http.get(`${base()}/check-in/progress`).set('Cookie', organiser).expect(200)
    ).body as CheckInProgress;
    expect(progress.sessions.reduce((sum, s) => sum + s.absent, 0)).toBe(0);

    // Once someone is checked in, the draw can no longer be redone.
    const redraw = await ctx.http
      .post(`/api/v1/competitions/${competition.id}/rounds/${roundId}/draw`)
      .set('Cookie', organiser)
      .send({})
      .expect(409);
    expect(redraw.body.code).toBe('draw.round_started');
  });

  it('refuses bad attendance values and everyone but organisers', async () => {
    const entry = drawn.entries[2]!;
    const bad = await ctx.http
      .post(`${base()}/entries/${entry.id}/attendance`)
      .set('Cookie', organiser)
      .send({ attendance: 'late' })
      .expect(400);
    expect(bad.body.issues[0].path).toBe('attendance');
    const judge = await ctx.login(await ctx.newUser([{ role: 'judge', scope: competition }]));
    const coordinator = await ctx.login(await ctx.newUser([{ role: 'coordinator', scope: faw }]));
    for (const cookie of [judge, coordinator, competitor]) {
      await ctx.http
        .post(`${base()}/entries/${entry.id}/attendance`)
        .set('Cookie', cookie)
        .send({ attendance: 'present' })
        .expect(403);
      await ctx.http
        .get(`${base()}/check-in`)
        .query({ number: own().candidateNumber })
        .set('Cookie', cookie)
        .expect(403);
    }
    expect((await ctx.em().findOneOrFail(RoundEntry, { id: entry.id })).attendance).toBe(
      'expected',
    );
  });

  describe('photos', () => {
    const photoUrl = () => `/api/v1/people/${competitorPersonId}/photo`;

    it('lets the competitor upload their own photo; the desk then shows it', async () => {
      const uploaded = await ctx.http
        .put(photoUrl())
        .set('Cookie', competitor)
        .attach('file', PNG, 'me.png')
        .expect(200);
      expect(uploaded.body).toMatchObject({ contentType: 'image/png', size: PNG.length });
      const served = await ctx.http.get(photoUrl()).set('Cookie', organiser).expect(200);
      expect(served.headers['content-type']).toBe('image/png');
      expect(served.headers['cache-control']).toBe('private, no-store');
      expect(Buffer.compare(served.body as Buffer, PNG)).toBe(0);
      const card = await ctx.http
        .get(`${base()}/check-in`)
        .query({ number: own().candidateNumber })
        .set('Cookie', organiser)
        .expect(200);
      expect(card.body.people[0].hasPhoto).toBe(true);
    });

    it('lets the coordinator of their enterprise replace it, audited', async () => {
      const coordinator = await ctx.login(await ctx.newUser([{ role: 'coordinator', scope: faw }]));
      await ctx.http
        .put(photoUrl())
        .set('Cookie', coordinator)
        .attach('file', JPEG, 'photo.jpg')
        .expect(200);
      const served = await ctx.http.get(photoUrl()).set('Cookie', competitor).expect(200);
      expect(served.headers['content-type']).toBe('image/jpeg');
      const audits = await ctx
        .em()
        .find(
          AuditEntry,
          { action: 'person.photo_upload', subjectId: competitorPersonId },
          { orderBy: { id: 'asc' } },
        );
      expect(audits).toHaveLength(2);
      expect(audits[1]!.before).toMatchObject({ contentType: 'image/png' });
      expect(audits[1]!.after).toMatchObject({ contentType: 'image/jpeg' });
    });

    it('serves and accepts photos from no one else', async () => {
      const otherCoordinator = await ctx.login(
        await ctx.newUser([{ role: 'coordinator', scope: crrc }]),
      );
      const judge = await ctx.login(await ctx.newUser([{ role: 'judge', scope: competition }]));
      for (const cookie of [otherCoordinator, judge]) {
        await ctx.http.get(photoUrl()).set('Cookie', cookie).expect(403);
        await ctx.http
          .put(photoUrl())
          .set('Cookie', cookie)
          .attach('file', PNG, 'x.png')
          .expect(403);
      }
      await ctx.http.get(photoUrl()).expect(401);
    });

    it('refuses files that are not JPEG/PNG or larger than 2 MB, keeping the old photo', async () => {
      const gif = await ctx.http
        .put(photoUrl())
        .set('Cookie', competitor)
        .attach('file', Buffer.from('GIF89a-not-allowed'), 'x.png')
        .expect(400);
      expect(gif.body).toMatchObject({
        code: 'photo.invalid',
        message: '照片须为 JPEG 或 PNG 图片，且不超过 2 MB',
      });
      const big = Buffer.concat([JPEG, Buffer.alloc(2 * 1024 * 1024)]);
      const tooBig = await ctx.http
        .put(photoUrl())
        .set('Cookie', competitor)
        .set('Accept-Language', 'en')
        .attach('file', big, 'big.jpg')
        .expect(400);
      expect(tooBig.body.message).toBe('The photo must be a JPEG or PNG image of at most 2 MB');
      await ctx.http.put(photoUrl()).set('Cookie', competitor).expect(400);
      const served = await ctx.http.get(photoUrl()).set('Cookie', competitor).expect(200);
      expect(Buffer.compare(served.body as Buffer, JPEG)).toBe(0);
    });
  });
});
