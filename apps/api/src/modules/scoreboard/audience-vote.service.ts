import type { CastVoteRequest, VoteSettingsRequest, VoteTally } from '@jingsai/contracts';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user';
import { EntityNotFoundError } from '../../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { AudienceVote } from './entities/audience-vote.entity';
import { ScoreboardSetting } from './entities/scoreboard-setting.entity';
import {
  VoteAlreadyCastError,
  VoteNotOpenError,
  VoteThrottledError,
  VoteUnknownEntryError,
} from './scoreboard.errors';
import { ScoreboardBroadcaster } from './scoreboard-broadcaster';
import { ScoreboardFeedService } from './scoreboard-feed.service';

/** Attempts per account and per address within a minute, counted by this process. */
const PER_USER_PER_MINUTE = 10;
const PER_IP_PER_MINUTE = 60;
/** Live counts go out at most this often per event, however fast votes come in. */
const TALLY_EVERY_MS = 1000;

/**
 * Audience vote (群众投票): optional per event, one vote per signed-in account (enforced by a
 * unique key in Postgres), a closing time, attempts rate-limited, live counts broadcast to the
 * event's boards. Phone verification would need an SMS gateway the platform does not have, so
 * a vote is tied to an account.
 */
@Injectable()
export class AudienceVoteService {
  private readonly attempts = new Map<string, number[]>();
  private readonly tallyTimers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly orm: MikroORM,
    private readonly feeds: ScoreboardFeedService,
    private readonly broadcaster: ScoreboardBroadcaster,
    private readonly audit: AuditService,
  ) {}

  async configure(
    user: AuthUser,
    competitionId: string,
    eventId: string,
    request: VoteSettingsRequest,
  ): Promise<VoteTally> {
    const info = await this.feeds.eventInfo(eventId);
    if (!info || info.competitionId !== competitionId)
      throw new EntityNotFoundError('event', eventId);
    const em = this.orm.em.fork() as EntityManager;
    const setting =
      (await em.findOne(ScoreboardSetting, { eventId })) ??
      em.create(ScoreboardSetting, { eventId, competitionId });
    const before = {
      enabled: setting.voteEnabled,
      closesAt: setting.voteClosesAt?.toISOString() ?? null,
    };
    setting.voteEnabled = request.enabled;
    setting.voteClosesAt = request.closesAt ? new Date(request.closesAt) : null;
    this.audit.record(
      {
        actorId: user.id,
        action: 'scoreboard.vote_settings',
        subjectType: 'competition_event',
        subjectId: eventId,
        before,
        after: request,
      },
      em,
    );
    await em.flush();
    const tally = await this.tally(eventId);
    this.broadcaster.votes(tally);
    return tally;
  }

  private throttle(key: string, limit: number, now: number): void {
    const recent = (this.attempts.get(key) ?? []).filter((at) => at > now - 60_000);
    if (recent.length >= limit) {
      throw new VoteThrottledError(Math.max(1, Math.ceil((recent[0]! + 60_000 - now) / 1000)));
    }
    recent.push(now);
    this.attempts.set(key, recent);
    if (this.attempts.size > 50_000) this.attempts.clear();
  }

  async cast(
    user: AuthUser,
    eventId: string,
    request: CastVoteRequest,
    ip: string | null,
  ): Promise<VoteTally> {
    const now = Date.now();
    this.throttle(`user:${user.id}`, PER_USER_PER_MINUTE, now);
    if (ip) this.throttle(`ip:${ip}`, PER_IP_PER_MINUTE, now);
    await this.feeds.requireEvent(eventId);
    const em = this.orm.em.fork() as EntityManager;
    const setting = await em.findOne(ScoreboardSetting, { eventId });
    if (!setting?.voteEnabled || !setting.voteClosesAt || setting.voteClosesAt.getTime() <= now)
      throw new VoteNotOpenError();
    const board = await this.feeds.snapshot(eventId, 'public');
    if (!board.rows.some((row) => row.entryId === request.entryId))
      throw new VoteUnknownEntryError();
    em.create(AudienceVote, { eventId, entryId: request.entryId, userId: user.id, ip });
    this.audit.record(
      {
        actorId: user.id,
        action: 'scoreboard.vote',
        subjectType: 'competition_event',
        subjectId: eventId,
        after: { entryId: request.entryId },
        ip,
      },
      em,
    );
    try {
      await em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw new VoteAlreadyCastError();
      throw error;
    }
    this.scheduleTally(eventId);
    return this.tally(eventId);
  }

  async tally(eventId: string): Promise<VoteTally> {
    const em = this.orm.em.fork() as EntityManager;
    await this.feeds.requireEvent(eventId);
    const setting = await em.findOne(ScoreboardSetting, { eventId });
    const rows = await em.execute<Array<{ entry_id: string; votes: string }>>(
      'select entry_id, count(*) as votes from audience_vote where event_id = ? group by entry_id order by count(*) desc, entry_id',
      [eventId],
    );
    const counts = rows.map((row) => ({ entryId: row.entry_id, votes: Number(row.votes) }));
    const closesAt = setting?.voteClosesAt ?? null;
    return {
      eventId,
      enabled: setting?.voteEnabled ?? false,
      open: Boolean(setting?.voteEnabled && closesAt && closesAt.getTime() > Date.now()),
      closesAt: closesAt?.toISOString() ?? null,
      total: counts.reduce((sum, count) => sum + count.votes, 0),
      counts,
    };
  }

  /** Coalesces the live counts: one broadcast per event per second at most. */
  private scheduleTally(eventId: string): void {
    if (this.tallyTimers.has(eventId)) return;
    const timer = setTimeout(() => {
      this.tallyTimers.delete(eventId);
      this.tally(eventId)
        .then((tally) => this.broadcaster.votes(tally))
        .catch((error: unknown) => this.feeds.logFailure(eventId, error));
    }, TALLY_EVERY_MS);
    timer.unref();
    this.tallyTimers.set(eventId, timer);
  }
}
