import type {
  DrawEntryView,
  DrawRecord,
  DrawSummary,
  DrawVerification,
  MyPlacement,
  PlacementSession,
  RoundDrawQuery,
  RoundDrawView,
  RunDrawRequest,
  VerifyDrawRequest,
} from '@jingsai/contracts';
import { type FilterQuery, LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { AuthUser } from '../../common/auth/auth-user';
import { EntityNotFoundError, ForbiddenError } from '../../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { AuditEntry } from '../audit/entities/audit-entry.entity';
import { CompetitionSession } from '../competitions/entities/competition-session.entity';
import { Registration } from '../registrations/entities/registration.entity';
import { capacityOf, DrawCapacityShortError, type DrawPlacement, planDraw } from './draw-plan';
import { AlreadyRevealedError, RoundNotDrawnError } from './draw.errors';
import { Draw } from './entities/draw.entity';
import { RoundEntry } from './entities/round-entry.entity';
import { localTime } from './local-time';
import { RoundAccessService } from './round-access.service';
import { performDraw } from './draw-runner';

export function sessionView(session: CompetitionSession): PlacementSession {
  return {
    id: session.id,
    venue: session.venue,
    startsAt: session.startsAt.toISOString(),
    endsAt: session.endsAt.toISOString(),
  };
}

/**
 * The draw (抽签) of a round: candidate numbers (first round only), anonymous codes and stations
 * from a seeded, reproducible shuffle (see draw-plan.ts). Seed, digest and the full mapping go in
 * the audit log; a redraw before the round starts supersedes the previous draw, which is kept.
 */
@Injectable()
export class DrawService {
  constructor(
    private readonly em: EntityManager,
    private readonly rounds: RoundAccessService,
    private readonly audit: AuditService,
  ) {}

  async runDraw(
    user: AuthUser,
    competitionId: string,
    roundId: string,
    dto: RunDrawRequest,
  ): Promise<RoundDrawView> {
    await this.rounds.loadRound(competitionId, roundId);
    const seed = dto.seed ?? randomBytes(32).toString('hex');
    await this.em.transactional((tx) =>
      performDraw(tx, roundId, seed, user.id, (entry) => this.audit.record(entry, tx)),
    );
    return this.getRoundDraw(user, competitionId, roundId);
  }

  async getRoundDraw(
    user: AuthUser,
    competitionId: string,
    roundId: string,
    page: RoundDrawQuery = { limit: 200, offset: 0 },
  ): Promise<RoundDrawView> {
    const round = await this.rounds.loadRound(competitionId, roundId);
    const viewer = await this.rounds.viewerOf(user, round);
    const draws = await this.em.find(Draw, { round }, { orderBy: { createdAt: 'desc' } });
    const current = draws.find((draw) => draw.supersededAt === null) ?? null;
    const organiser = viewer === 'organiser';
    const mappingVisible = organiser || current?.revealedAt != null;
    const sessions = await this.em.find(CompetitionSession, { round });
    const [entries, entryTotal] = current
      ? await this.em.findAndCount(
          RoundEntry,
          { round, draw: current },
          {
            populate: ['session', 'registration.person.enterprise', 'team.enterprise'],
            orderBy: { session: { startsAt: 'asc' }, station: 'asc', id: 'asc' },
            limit: page.limit,
            offset: page.offset,
          },
        )
      : [[], 0];
    return {
      roundId: round.id,
      roundName: round.name,
      eventId: round.event.id,
      eventName: round.event.name,
      eventKind: round.event.kind,
      mappingVisible,
      canManage: organiser,
      capacity: capacityOf(sessions),
      current: current ? this.summary(current, mappingVisible) : null,
      entryTotal,
      history: draws
        .filter((draw) => draw !== current)
        .map((draw) => this.summary(draw, organiser)),
      entries: entries.map((entry) => this.entryView(entry, mappingVisible)),
    };
  }

  async verifyDraw(
    user: AuthUser,
    competitionId: string,
    roundId: string,
    drawId: string,
    dto: VerifyDrawRequest,
  ): Promise<DrawVerification> {
    const round = await this.rounds.loadRound(competitionId, roundId);
    const draw = await this.em.findOne(Draw, { id: drawId, round });
    if (!draw || !draw.input || !draw.digest) throw new EntityNotFoundError('draw', drawId);
    const seed = dto.seed ?? draw.seed;
    let recomputed: DrawPlacement[] = [];
    let recomputedDigest = '';
    try {
      const plan = planDraw(seed, draw.input);
      recomputed = plan.placements;
      recomputedDigest = plan.digest;
    } catch (error) {
      if (!(error instanceof DrawCapacityShortError)) throw error;
    }
    let storedMismatches = 0;
    if (draw.supersededAt === null) {
      const stored = await this.em.find(RoundEntry, { round, draw });
      const byEntrant = new Map(
        stored.map((entry) => [(entry.team?.id ?? entry.registration?.id)!, entry]),
      );
      for (const placement of recomputed) {
        const entry = byEntrant.get(placement.entrantId);
        if (
          !entry ||
          entry.anonymousCode !== placement.anonymousCode ||
          entry.session?.id !== placement.sessionId ||
          entry.station !== placement.station
        )
          storedMismatches += 1;
      }
      storedMismatches += Math.max(0, stored.length - recomputed.length);
    }
    const result: DrawVerification = {
      drawId: draw.id,
      seed,
      recordedDigest: draw.digest,
      recomputedDigest,
      matches: recomputedDigest === draw.digest,
      storedMismatches,
    };
    this.audit.record({
      actorId: user.id,
      action: 'draw.verify',
      subjectType: 'round',
      subjectId: round.id,
      after: result,
    });
    await this.em.flush();
    return result;
  }

  /** Seed, inputs and result of one draw, for recomputation anywhere (cli/draw-verify.ts). */
  async drawRecord(
    user: AuthUser,
    competitionId: string,
    roundId: string,
    drawId: string,
  ): Promise<DrawRecord> {
    const round = await this.rounds.loadRound(competitionId, roundId);
    const viewer = await this.rounds.viewerOf(user, round);
    const draw = await this.em.findOne(Draw, { id: drawId, round });
    if (!draw || !draw.input || !draw.digest) throw new EntityNotFoundError('draw', drawId);
    if (viewer !== 'organiser' && !draw.revealedAt) {
      // The current draw's reveal also opens the earlier ones of the same round.
      const revealed = await this.em.count(Draw, { round, revealedAt: { $ne: null } });
      if (revealed === 0) throw new ForbiddenError();
    }
    // The placements as logged when the draw was made, not recomputed: the CLI checks them.
    const logged = await this.em.findOne(AuditEntry, {
      subjectType: 'round',
      subjectId: round.id,
      action: { $in: ['draw.run', 'draw.redraw'] },
      after: { drawId: draw.id },
    } as FilterQuery<AuditEntry>);
    const placements = (logged?.after as { mapping?: DrawPlacement[] } | null)?.mapping;
    if (!placements) throw new EntityNotFoundError('draw', drawId);
    return {
      drawId: draw.id,
      roundId: round.id,
      createdAt: draw.createdAt.toISOString(),
      seed: draw.seed,
      digest: draw.digest,
      input: draw.input,
      placements,
    };
  }

  async revealDraw(user: AuthUser, competitionId: string, roundId: string): Promise<RoundDrawView> {
    const round = await this.rounds.loadRound(competitionId, roundId);
    await this.em.transactional(async (tx) => {
      const draw = await tx.findOne(
        Draw,
        { round: round.id, supersededAt: null },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!draw) throw new RoundNotDrawnError();
      if (draw.revealedAt)
        throw new AlreadyRevealedError(
          localTime(draw.revealedAt, round.event.competition.timezone),
        );
      draw.revealedAt = new Date();
      draw.revealedBy = user.id;
      this.audit.record(
        {
          actorId: user.id,
          action: 'draw.reveal',
          subjectType: 'round',
          subjectId: round.id,
          before: { drawId: draw.id, revealedAt: null },
          after: { drawId: draw.id, revealedAt: draw.revealedAt.toISOString() },
        },
        tx,
      );
    });
    return this.getRoundDraw(user, competitionId, roundId);
  }

  /** The caller's own placements: candidate number, session, venue, time and station once drawn. */
  async myPlacements(user: AuthUser): Promise<MyPlacement[]> {
    const registrations = await this.em.find(
      Registration,
      { person: { user: user.id } },
      { populate: ['event', 'team'] },
    );
    if (registrations.length === 0) return [];
    const teamIds = registrations.flatMap((registration) =>
      registration.team ? [registration.team.id] : [],
    );
    const entries = await this.em.find(
      RoundEntry,
      {
        draw: { $ne: null },
        $or: [
          { registration: { $in: registrations.map((registration) => registration.id) } },
          ...(teamIds.length > 0 ? [{ team: { $in: teamIds } }] : []),
        ],
      },
      {
        populate: ['round', 'session', 'draw', 'team', 'registration'],
        orderBy: { round: { sequence: 'asc' } },
      },
    );
    return entries.flatMap((entry): MyPlacement[] => {
      const registration = registrations.find(
        (own) =>
          own.id === entry.registration?.id || (entry.team && own.team?.id === entry.team.id),
      );
      if (!registration) return [];
      return [
        {
          registrationId: registration.id,
          competitionId: registration.competition.id,
          eventName: registration.event.name,
          roundName: entry.round.name,
          teamName: entry.team?.name ?? null,
          candidateNumber: entry.team ? entry.team.candidateNumber : registration.candidateNumber,
          anonymousCode: entry.draw?.revealedAt ? entry.anonymousCode : null,
          session: entry.session ? sessionView(entry.session) : null,
          station: entry.station,
          attendance: entry.attendance,
        },
      ];
    });
  }

  private summary(draw: Draw, showSeed: boolean): DrawSummary {
    return {
      id: draw.id,
      seed: showSeed || draw.revealedAt ? draw.seed : null,
      digest: draw.digest ?? '',
      entryCount: draw.entryCount,
      createdAt: draw.createdAt.toISOString(),
      supersededAt: draw.supersededAt?.toISOString() ?? null,
      revealedAt: draw.revealedAt?.toISOString() ?? null,
    };
  }

  /**
   * Before the reveal, officials get the code and session only: with the station too, the
   * station plan on the venue wall would give away who is behind each code.
   */
  private entryView(entry: RoundEntry, mappingVisible: boolean): DrawEntryView {
    const person = entry.registration?.person;
    return {
      id: entry.id,
      anonymousCode: entry.anonymousCode,
      session: entry.session ? sessionView(entry.session) : null,
      station: mappingVisible ? entry.station : null,
      attendance: entry.attendance,
      candidateNumber: mappingVisible
        ? (entry.team?.candidateNumber ?? entry.registration?.candidateNumber ?? null)
        : null,
      name: mappingVisible ? (entry.team?.name ?? person?.name ?? null) : null,
      enterpriseName: mappingVisible
        ? (entry.team?.enterprise.name ?? person?.enterprise?.name ?? null)
        : null,
    };
  }
}
