import {
  type CompetitionOverview,
  type EventProgress,
  type JoinBoardAck,
  JoinBoardRequest,
  type Locale,
  type ResultPhase,
  SESSION_COOKIE,
  type ScoreboardSnapshot,
  scoreboardRoom,
  type SocketError,
  type StandingsView,
  translateError,
  type WatchCompetitionAck,
  WatchCompetitionRequest,
} from '@jingsai/contracts';
import { RequestContext } from '@mikro-orm/core';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { ZodError } from 'zod';
import type { AuthUser } from '../../common/auth/auth-user';
import {
  DomainError,
  EntityNotFoundError,
  ForbiddenError,
  NotAuthenticatedError,
} from '../../common/errors/domain-error';
import { AccessService } from '../auth/access.service';
import { SessionService } from '../auth/session.service';
import { ScoreboardFeedService } from './scoreboard-feed.service';

/** Who may watch the staff (live, unfrozen, unpublished) board of a competition. */
export const STAFF_ROLES = ['organiser', 'head_judge'] as const;

function sessionToken(cookieHeader: string | undefined): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) {
      try {
        return decodeURIComponent(value.join('='));
      } catch {
        return null;
      }
    }
  }
  return null;
}

/**
 * The scoreboard as viewers reach it: boards and the competition overview, over the socket and
 * over HTTP. Public boards are for anyone; staff boards for the competition's organisers and
 * head judges (checked on every join).
 */
@Injectable()
export class ScoreboardService {
  constructor(
    private readonly orm: MikroORM,
    private readonly sessions: SessionService,
    private readonly access: AccessService,
    private readonly feeds: ScoreboardFeedService,
  ) {}

  /** The signed-in user behind a socket's cookie header, or null. */
  async authenticateSocket(cookieHeader: string | undefined): Promise<AuthUser | null> {
    const token = sessionToken(cookieHeader);
    if (!token || token.length < 20 || token.length > 200) return null;
    const user = await RequestContext.create(this.orm.em, () => this.sessions.resolve(token));
    return user && !user.mustChangePassword ? user : null;
  }

  private async assertMayWatch(
    user: AuthUser | null,
    competitionId: string,
    view: StandingsView,
  ): Promise<void> {
    if (view === 'public') return;
    if (!user) throw new NotAuthenticatedError();
    const allowed = await RequestContext.create(this.orm.em, () =>
      this.access.isAllowed(user, STAFF_ROLES, { type: 'competition', id: competitionId }),
    );
    if (!allowed) throw new ForbiddenError();
  }

  /**
   * A socket joins a board: `join` puts it in the room first, so no delta committed after the
   * answer's seq can pass it by; the client drops deltas at or below that seq. `authenticate`
   * is called only for a staff board.
   */
  async joinBoard(
    authenticate: () => Promise<AuthUser | null>,
    body: unknown,
    locale: Locale,
    join: (room: string) => void | Promise<void>,
  ): Promise<JoinBoardAck> {
    try {
      const request = JoinBoardRequest.parse(body);
      const info = await this.feeds.requireEvent(request.eventId);
      if (request.view !== 'public')
        await this.assertMayWatch(await authenticate(), info.competitionId, request.view);
      await join(scoreboardRoom.board(request.eventId, request.view));
      if (request.lastSeq !== undefined) {
        const deltas = await this.feeds.deltasSince(request.eventId, request.view, request.lastSeq);
        if (deltas) return { ok: true, deltas };
      }
      return { ok: true, snapshot: await this.feeds.snapshot(request.eventId, request.view) };
    } catch (error) {
      return { ok: false, error: this.socketError(error, locale) };
    }
  }

  async watchCompetition(
    body: unknown,
    locale: Locale,
    join: (room: string) => void | Promise<void>,
  ): Promise<WatchCompetitionAck> {
    try {
      const { competitionId } = WatchCompetitionRequest.parse(body);
      const overview = await this.overview(competitionId);
      await join(scoreboardRoom.competition(competitionId));
      return { ok: true, overview };
    } catch (error) {
      return { ok: false, error: this.socketError(error, locale) };
    }
  }

  /** The public board of an event (HTTP fallback of the socket, e.g. while Redis is away). */
  publicStandings(eventId: string): Promise<ScoreboardSnapshot> {
    return this.feeds.snapshot(eventId, 'public');
  }

  async staffStandings(competitionId: string, eventId: string): Promise<ScoreboardSnapshot> {
    const info = await this.feeds.requireEvent(eventId);
    if (info.competitionId !== competitionId) throw new EntityNotFoundError('event', eventId);
    return this.feeds.snapshot(eventId, 'staff');
  }

  /** Every event of a competition with its public progress. */
  async overview(competitionId: string): Promise<CompetitionOverview> {
    const em = this.orm.em.fork() as EntityManager;
    const [competition] = await em.execute<Array<{ name: string }>>(
      'select name from competition where id = ?',
      [competitionId],
    );
    if (!competition) throw new EntityNotFoundError('competition', competitionId);
    const events = await em.execute<
      Array<{ id: string; name: string; seq: number | null; state: ScoreboardSnapshot | null }>
    >(
      `select e.id, e.name, f.seq, f.state from competition_event e
         left join scoreboard_feed f on f.event_id = e.id and f.view = 'public'
        where e.competition_id = ? order by e.sort_order, e.name`,
      [competitionId],
    );
    const progress: EventProgress[] = [];
    for (const event of events) {
      let state = event.state;
      let seq = event.seq ?? 0;
      if (!state) {
        const snapshot = await this.feeds.snapshot(event.id, 'public');
        state = snapshot;
        seq = snapshot.seq;
      }
      progress.push({
        eventId: event.id,
        name: event.name,
        phase: state.phase as ResultPhase,
        entries: state.rows.length,
        complete: state.rows.filter((row) => row.status === 'complete').length,
        frozen: state.frozen,
        seq,
      });
    }
    return { competitionId, name: competition.name, events: progress };
  }

  private socketError(error: unknown, locale: Locale): SocketError {
    if (error instanceof DomainError)
      return { code: error.code, message: translateError(error.code, locale, error.params) };
    if (error instanceof ZodError)
      return {
        code: 'request.invalid',
        message: `${translateError('request.invalid', locale)}: ${error.issues
          .map((issue) => issue.path.join('.') || '-')
          .join(', ')}`,
      };
    this.feeds.logFailure('socket', error);
    return {
      code: 'internal',
      message: translateError('internal', locale, { correlationId: '-' }),
    };
  }
}
