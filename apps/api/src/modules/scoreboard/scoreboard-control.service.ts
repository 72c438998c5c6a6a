import type {
  EventScoreboardSettings,
  EventStandings,
  FreezeRequest,
  StandingsView,
} from '@jingsai/contracts';
import { LockMode, RequestContext } from '@mikro-orm/core';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user';
import { EntityNotFoundError } from '../../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { ScoreboardChange } from './entities/scoreboard-change.entity';
import { ScoreboardSetting } from './entities/scoreboard-setting.entity';
import {
  applyChanges,
  type FeedState,
  feedStateFrom,
  interimRanks,
  pendingReveal,
} from './scoreboard-board';
import { ScoreboardNotFrozenError, ScoreboardRevealingError } from './scoreboard.errors';
import { type EventInfo, freezeMeta, ScoreboardFeedService } from './scoreboard-feed.service';
import { ScoreboardOutboxPump } from './scoreboard-outbox.pump';
import { STANDINGS_SOURCE, type StandingsSource } from './standings-source';

const LEASE_ATTEMPTS = 50;
const LEASE_RETRY_MS = 100;

function settingView(info: EventInfo, setting: ScoreboardSetting | null, remaining: number | null) {
  const meta = freezeMeta(setting, remaining);
  return {
    eventId: info.eventId,
    eventName: info.name,
    freezeAt: meta.freezeAt,
    frozen: meta.frozen,
    reveal: meta.reveal,
    revealedAt: setting?.revealedAt?.toISOString() ?? null,
    voteEnabled: setting?.voteEnabled ?? false,
    voteClosesAt: setting?.voteClosesAt?.toISOString() ?? null,
  } satisfies EventScoreboardSettings;
}

function auditable(setting: ScoreboardSetting | null) {
  return setting
    ? {
        freezeAt: setting.freezeAt?.toISOString() ?? null,
        revealStartedAt: setting.revealStartedAt?.toISOString() ?? null,
        revealedAt: setting.revealedAt?.toISOString() ?? null,
        voteEnabled: setting.voteEnabled,
        voteClosesAt: setting.voteClosesAt?.toISOString() ?? null,
      }
    : null;
}

/**
 * What the organiser controls on the scoreboard: the freeze time (封榜) of an event or of a whole
 * competition, and the reveal (揭晓) that steps through the hidden changes for the ceremony.
 * Route guards admit the competition's organisers; each method also checks the event belongs to
 * the competition named in the route.
 */
@Injectable()
export class ScoreboardControlService {
  constructor(
    private readonly orm: MikroORM,
    private readonly feeds: ScoreboardFeedService,
    private readonly pump: ScoreboardOutboxPump,
    private readonly audit: AuditService,
    @Inject(STANDINGS_SOURCE) private readonly source: StandingsSource,
  ) {}

  /** The standings source in a unit of work of its own (this is no HTTP request). */
  private standingsOf(eventId: string, view: StandingsView): Promise<EventStandings> {
    return RequestContext.create(this.orm.em, () => this.source.standings(eventId, view));
  }

  private async eventOf(competitionId: string, eventId: string): Promise<EventInfo> {
    const info = await this.feeds.eventInfo(eventId);
    if (!info || info.competitionId !== competitionId)
      throw new EntityNotFoundError('event', eventId);
    return info;
  }

  async settings(competitionId: string): Promise<EventScoreboardSettings[]> {
    const em = this.orm.em.fork() as EntityManager;
    const events = await em.execute<Array<{ id: string; name: string }>>(
      'select id, name from competition_event where competition_id = ? order by sort_order, name',
      [competitionId],
    );
    const settings = await em.find(ScoreboardSetting, { competitionId });
    const byEvent = new Map(settings.map((setting) => [setting.eventId, setting]));
    return events.map((event) =>
      settingView(
        { eventId: event.id, competitionId, name: event.name },
        byEvent.get(event.id) ?? null,
        null,
      ),
    );
  }

  async setFreeze(
    user: AuthUser,
    competitionId: string,
    eventId: string,
    request: FreezeRequest,
  ): Promise<EventScoreboardSettings> {
    const info = await this.eventOf(competitionId, eventId);
    const setting = await this.orm.em.fork().transactional(async (tx) => {
      const current = await tx.findOne(
        ScoreboardSetting,
        { eventId },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (current?.revealStartedAt && !current.revealedAt) throw new ScoreboardRevealingError();
      const before = auditable(current);
      const setting = current ?? tx.create(ScoreboardSetting, { eventId, competitionId });
      setting.freezeAt = request.freezeAt ? new Date(request.freezeAt) : null;
      setting.revealStartedAt = null;
      setting.revealedAt = null;
      setting.lastRevealedEntryId = null;
      // Through the outbox, so whichever process drains it updates the boards.
      tx.create(ScoreboardChange, { eventId, reason: 'freeze' });
      this.audit.record(
        {
          actorId: user.id,
          action: 'scoreboard.freeze',
          subjectType: 'competition_event',
          subjectId: eventId,
          before,
          after: auditable(setting),
        },
        tx,
      );
      return setting;
    });
    this.pump.kick();
    return settingView(info, setting, null);
  }

  /** The same freeze time for every event of the competition. */
  async setFreezeAll(
    user: AuthUser,
    competitionId: string,
    request: FreezeRequest,
  ): Promise<EventScoreboardSettings[]> {
    const events = await this.settings(competitionId);
    // All or nothing: no event changes while one of them is in the middle of its ceremony.
    if (events.some((event) => event.reveal !== null)) throw new ScoreboardRevealingError();
    const result: EventScoreboardSettings[] = [];
    for (const event of events)
      result.push(await this.setFreeze(user, competitionId, event.eventId, request));
    return result;
  }

  /**
   * One step of the ceremony: the lowest row on the frozen public board whose result changed
   * since the freeze shows its live result. When none is left the board becomes the live one and
   * the freeze ends.
   */
  async revealNext(
    user: AuthUser,
    competitionId: string,
    eventId: string,
  ): Promise<EventScoreboardSettings> {
    const info = await this.eventOf(competitionId, eventId);
    let result: EventScoreboardSettings | null = null;
    for (let attempt = 0; attempt < LEASE_ATTEMPTS && !result; attempt++) {
      const done = await this.feeds.withLease(info, async () => {
        result = await this.stepUnderLease(user, info);
      });
      if (!done) await new Promise((resolve) => setTimeout(resolve, LEASE_RETRY_MS));
    }
    if (!result) throw new Error(`The boards of event ${eventId} stayed busy`);
    return result;
  }

  private async stepUnderLease(user: AuthUser, info: EventInfo): Promise<EventScoreboardSettings> {
    const em = this.orm.em.fork() as EntityManager;
    const setting = await this.feeds.setting(info.eventId, em);
    const now = new Date();
    if (!setting?.isFrozen(now)) throw new ScoreboardNotFrozenError();
    const shown = await this.feeds.snapshot(info.eventId, 'public');
    const staff = await this.feeds.snapshot(info.eventId, 'staff');
    const live = await this.standingsOf(info.eventId, 'public');
    const steps = pendingReveal(shown.rows, live.rows);
    const before = auditable(setting);

    const next = {
      revealStartedAt: setting.revealStartedAt ?? now,
      revealedAt: null as Date | null,
      lastRevealedEntryId: steps[0]?.entryId ?? null,
    };
    let publicState: FeedState;
    let remaining = 0;
    if (steps.length > 0) {
      const rows = interimRanks(applyChanges(shown.rows, [steps[0]!]));
      remaining = pendingReveal(rows, live.rows).length;
      if (remaining > 0) {
        const { competitionId: _c, eventId: _e, view: _v, seq: _s, ...meta } = shown;
        publicState = {
          ...meta,
          rows,
          reveal: {
            startedAt: next.revealStartedAt.toISOString(),
            remaining,
            lastEntryId: next.lastRevealedEntryId,
          },
        };
      } else next.revealedAt = now;
    } else next.revealedAt = now;

    const freezeAt = setting.freezeAt?.toISOString() ?? null;
    if (next.revealedAt) {
      publicState = feedStateFrom(live, { frozen: false, freezeAt, reveal: null });
    }
    const { competitionId: _c, eventId: _e, view: _v, seq: _s, ...staffMeta } = staff;
    const staffState: FeedState = {
      ...staffMeta,
      frozen: publicState!.frozen,
      freezeAt,
      reveal: publicState!.reveal,
    };

    let saved: ScoreboardSetting | null = null;
    await this.feeds.commit(info, { public: publicState!, staff: staffState }, async (tx) => {
      const row = await tx.findOneOrFail(ScoreboardSetting, { eventId: info.eventId });
      Object.assign(row, next);
      this.audit.record(
        {
          actorId: user.id,
          action: next.revealedAt ? 'scoreboard.reveal_finished' : 'scoreboard.reveal_step',
          subjectType: 'competition_event',
          subjectId: info.eventId,
          before: { ...before, lastRevealedEntryId: setting.lastRevealedEntryId },
          after: { ...auditable(row), lastRevealedEntryId: row.lastRevealedEntryId, remaining },
        },
        tx,
      );
      await tx.flush();
      saved = row;
    });
    return settingView(info, saved, remaining);
  }
}
