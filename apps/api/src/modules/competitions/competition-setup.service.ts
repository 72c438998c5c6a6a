import {
  COMPETITION_TRANSITIONS,
  type ChangeCompetitionStatusRequest,
  type CloneCompetitionRequest,
  type CompetitionSetup,
  type CreateCompetitionRequest,
  type EventRequest,
  type EventView,
  type RoundRequest,
  type RubricVersionView,
  type SectorRequest,
  type SessionRequest,
  type UpdateCompetitionRequest,
} from '@jingsai/contracts';
import { InvalidRubricError, parseRubric } from '@jingsai/scoring';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user';
import {
  DomainError,
  EntityNotFoundError,
  ForbiddenError,
  RequestValidationError,
} from '../../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { AccessService } from '../auth/access.service';
import { Organisation } from '../organisations/entities/organisation.entity';
import { CompetitionEvent } from './entities/competition-event.entity';
import { CompetitionSession } from './entities/competition-session.entity';
import { Competition } from './entities/competition.entity';
import { Round } from './entities/round.entity';
import { RubricVersion } from './entities/rubric-version.entity';
import { Sector } from './entities/sector.entity';

export class StatusTransitionError extends DomainError {
  readonly status = 409;
  readonly code = 'competition.status_transition';
}

const toDate = (value: string | null | undefined) => (value ? new Date(value) : null);

/**
 * The organiser's side of a competition: its settings, status, sectors, events, rounds with
 * versioned rubrics, and sessions. Route guards already checked the organiser's scope for
 * existing competitions; creating one checks the organiser's reach over the chosen union here.
 */
@Injectable()
export class CompetitionSetupService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async createCompetition(
    user: AuthUser,
    dto: CreateCompetitionRequest,
  ): Promise<CompetitionSetup> {
    const organiser = await this.em.findOne(Organisation, { id: dto.organiserId });
    if (!organiser) throw new EntityNotFoundError('organisation', dto.organiserId);
    if (
      !(await this.access.isAllowed(user, ['organiser'], {
        type: 'organisation',
        id: organiser.id,
      }))
    ) {
      throw new ForbiddenError();
    }
    const competition = this.em.create(Competition, {
      name: dto.name,
      year: dto.year,
      organiser,
      startsOn: dto.startsOn,
      endsOn: dto.endsOn,
      registrationClosesAt: toDate(dto.registrationClosesAt),
      substitutionDeadline: toDate(dto.substitutionDeadline),
      description: dto.description,
    });
    this.record(user, 'competition.create', competition.id, null, dto);
    await this.em.flush();
    return this.getSetup(competition.id);
  }

  async updateCompetition(
    user: AuthUser,
    competitionId: string,
    dto: UpdateCompetitionRequest,
  ): Promise<CompetitionSetup> {
    const competition = await this.loadCompetition(competitionId);
    const before = this.settingsOf(competition);
    if (dto.name !== undefined) competition.name = dto.name;
    if (dto.year !== undefined) competition.year = dto.year;
    if (dto.startsOn !== undefined) competition.startsOn = dto.startsOn;
    if (dto.endsOn !== undefined) competition.endsOn = dto.endsOn;
    if (dto.description !== undefined) competition.description = dto.description;
    if (dto.registrationClosesAt !== undefined)
      competition.registrationClosesAt = toDate(dto.registrationClosesAt);
    if (dto.substitutionDeadline !== undefined)
      competition.substitutionDeadline = toDate(dto.substitutionDeadline);
    if (competition.startsOn && competition.endsOn && competition.startsOn > competition.endsOn) {
      throw new RequestValidationError([
        {
          path: 'endsOn',
          message: { 'zh-CN': '结束日期不能早于开始日期', en: 'must not be before the start date' },
        },
      ]);
    }
    this.record(user, 'competition.update', competition.id, before, this.settingsOf(competition));
    await this.em.flush();
    return this.getSetup(competition.id);
  }

  async changeStatus(
    user: AuthUser,
    competitionId: string,
    dto: ChangeCompetitionStatusRequest,
  ): Promise<CompetitionSetup> {
    const competition = await this.loadCompetition(competitionId);
    if (!COMPETITION_TRANSITIONS[competition.status].includes(dto.status)) {
      throw new StatusTransitionError({ from: competition.status, to: dto.status });
    }
    this.record(
      user,
      'competition.status',
      competition.id,
      { status: competition.status },
      { status: dto.status },
    );
    competition.status = dto.status;
    await this.em.flush();
    return this.getSetup(competition.id);
  }

  /**
   * A new draft with the same sectors, events, rounds (current rubrics) and no people, sessions
   * or dates: last year's contest as the starting point for this year's.
   */
  async cloneCompetition(
    user: AuthUser,
    competitionId: string,
    dto: CloneCompetitionRequest,
  ): Promise<CompetitionSetup> {
    const source = await this.loadCompetition(competitionId, true);
    const clone = await this.em.transactional(async (tx) => {
      const copy = tx.create(Competition, {
        name: dto.name,
        year: dto.year,
        organiser: source.organiser,
        description: source.description,
      });
      const sectors = new Map(
        source.sectors
          .getItems()
          .map((sector) => [
            sector.id,
            tx.create(Sector, { competition: copy, name: sector.name }),
          ]),
      );
      const rubrics = await tx.find(RubricVersion, {
        round: { event: { competition: source } },
      });
      for (const event of source.events.getItems()) {
        const eventCopy = tx.create(CompetitionEvent, {
          competition: copy,
          name: event.name,
          occupationCode: event.occupationCode,
          kind: event.kind,
          capacity: event.capacity,
          sortOrder: event.sortOrder,
          sector: event.sector ? sectors.get(event.sector.id)! : null,
          minTeamSize: event.minTeamSize,
          maxTeamSize: event.maxTeamSize,
          exclusive: event.exclusive,
          quotaPerEnterprise: event.quotaPerEnterprise,
          quotaPerRegion: event.quotaPerRegion,
          eligibility: event.eligibility,
        });
        for (const round of event.rounds.getItems()) {
          const roundCopy = tx.create(Round, {
            event: eventCopy,
            name: round.name,
            kind: round.kind,
            level: round.level,
            sequence: round.sequence,
            promotionQuota: round.promotionQuota,
            rubricVersion: round.rubricVersion === null ? null : 1,
          });
          const current = rubrics.find(
            (version) => version.round.id === round.id && version.version === round.rubricVersion,
          );
          if (current)
            tx.create(RubricVersion, {
              round: roundCopy,
              version: 1,
              rubric: current.rubric,
              createdBy: user.id,
            });
        }
      }
      this.record(user, 'competition.clone', copy.id, { from: source.id }, dto, tx);
      return copy;
    });
    return this.getSetup(clone.id);
  }

  async addSector(
    user: AuthUser,
    competitionId: string,
    dto: SectorRequest,
  ): Promise<CompetitionSetup> {
    const competition = await this.loadCompetition(competitionId);
    this.em.create(Sector, { competition, name: dto.name });
    this.record(user, 'sector.create', competition.id, null, dto);
    await this.em.flush();
    return this.getSetup(competition.id);
  }

  async addEvent(user: AuthUser, competitionId: string, dto: EventRequest): Promise<EventView> {
    const competition = await this.loadCompetition(competitionId);
    const event = this.em.create(CompetitionEvent, {
      competition,
      sortOrder: await this.em.count(CompetitionEvent, { competition }),
      ...(await this.eventFields(competition, dto)),
    });
    this.record(user, 'event.create', event.id, null, dto);
    await this.em.flush();
    return this.eventView(competition.id, event.id);
  }

  async updateEvent(
    user: AuthUser,
    competitionId: string,
    eventId: string,
    dto: EventRequest,
  ): Promise<EventView> {
    const competition = await this.loadCompetition(competitionId);
    const event = await this.loadEvent(competition, eventId);
    const before = { ...event, competition: undefined, rounds: undefined };
    this.em.assign(event, await this.eventFields(competition, dto));
    this.record(user, 'event.update', event.id, before, dto);
    await this.em.flush();
    return this.eventView(competition.id, event.id);
  }

  async addRound(
    user: AuthUser,
    competitionId: string,
    eventId: string,
    dto: RoundRequest,
  ): Promise<EventView> {
    const competition = await this.loadCompetition(competitionId);
    const event = await this.loadEvent(competition, eventId);
    const round = this.em.create(Round, {
      event,
      name: dto.name,
      kind: dto.kind,
      level: dto.level,
      promotionQuota: dto.promotionQuota,
      sequence: (await this.em.count(Round, { event })) + 1,
    });
    if (dto.rubric !== undefined) this.saveRubric(user, round, dto.rubric);
    this.record(user, 'round.create', round.id, null, {
      ...dto,
      rubric: dto.rubric === undefined ? undefined : 'v1',
    });
    await this.em.flush();
    return this.eventView(competition.id, event.id);
  }

  async updateRound(
    user: AuthUser,
    competitionId: string,
    roundId: string,
    dto: RoundRequest,
  ): Promise<EventView> {
    const round = await this.loadRound(competitionId, roundId);
    const before = {
      name: round.name,
      kind: round.kind,
      level: round.level,
      promotionQuota: round.promotionQuota,
      rubricVersion: round.rubricVersion,
    };
    round.name = dto.name;
    round.kind = dto.kind;
    round.level = dto.level;
    round.promotionQuota = dto.promotionQuota;
    if (dto.rubric !== undefined) this.saveRubric(user, round, dto.rubric);
    this.record(user, 'round.update', round.id, before, {
      ...dto,
      rubric: undefined,
      rubricVersion: round.rubricVersion,
    });
    await this.em.flush();
    return this.eventView(competitionId, round.event.id);
  }

  async getRubric(
    competitionId: string,
    roundId: string,
    version?: number,
  ): Promise<RubricVersionView> {
    const round = await this.loadRound(competitionId, roundId);
    const wanted = version ?? round.rubricVersion;
    const saved =
      wanted === null ? null : await this.em.findOne(RubricVersion, { round, version: wanted });
    if (!saved) throw new EntityNotFoundError('rubric');
    return {
      roundId: round.id,
      version: saved.version,
      rubric: saved.rubric,
      createdAt: saved.createdAt.toISOString(),
    };
  }

  async addSession(
    user: AuthUser,
    competitionId: string,
    roundId: string,
    dto: SessionRequest,
  ): Promise<EventView> {
    const round = await this.loadRound(competitionId, roundId);
    const session = this.em.create(CompetitionSession, {
      round,
      startsAt: new Date(dto.startsAt),
      endsAt: new Date(dto.endsAt),
      venue: dto.venue,
      stationCount: dto.stationCount,
    });
    this.record(user, 'session.create', session.id, null, dto);
    await this.em.flush();
    return this.eventView(competitionId, round.event.id);
  }

  async getSetup(competitionId: string): Promise<CompetitionSetup> {
    const competition = await this.loadCompetition(competitionId, true);
    const counts: Array<{ event_id: string; count: string }> = await this.em
      .getConnection()
      .execute(
        `select r.event_id, count(*) as count from registration r
         join competition_event e on e.id = r.event_id
        where e.competition_id = ? and r.status not in ('rejected', 'withdrawn')
        group by r.event_id`,
        [competition.id],
      );
    const countByEvent = new Map(counts.map((row) => [row.event_id, Number(row.count)]));
    return {
      id: competition.id,
      name: competition.name,
      year: competition.year,
      status: competition.status,
      organiserId: competition.organiser.id,
      organiserName: competition.organiser.name,
      startsOn: competition.startsOn,
      endsOn: competition.endsOn,
      description: competition.description,
      timezone: competition.timezone,
      registrationClosesAt: competition.registrationClosesAt?.toISOString() ?? null,
      substitutionDeadline: competition.substitutionDeadline?.toISOString() ?? null,
      allowedTransitions: [...COMPETITION_TRANSITIONS[competition.status]],
      eventCount: competition.events.length,
      sectors: competition.sectors
        .getItems()
        .map((sector) => ({ id: sector.id, name: sector.name })),
      events: competition.events
        .getItems()
        .map((event) => this.toEventView(event, countByEvent.get(event.id) ?? 0)),
    };
  }

  private async eventView(competitionId: string, eventId: string): Promise<EventView> {
    const setup = await this.getSetup(competitionId);
    return setup.events.find((event) => event.id === eventId)!;
  }

  private toEventView(event: CompetitionEvent, competitorCount: number): EventView {
    return {
      id: event.id,
      name: event.name,
      occupationCode: event.occupationCode,
      kind: event.kind,
      competitorCount,
      sectorId: event.sector?.id ?? null,
      minTeamSize: event.minTeamSize,
      maxTeamSize: event.maxTeamSize,
      capacity: event.capacity,
      exclusive: event.exclusive,
      quotaPerEnterprise: event.quotaPerEnterprise,
      quotaPerRegion: event.quotaPerRegion,
      eligibility: event.eligibility ?? {
        minAge: null,
        maxAge: null,
        ageReferenceDate: null,
        genderCategory: 'open',
        minSkillLevel: null,
        maxSkillLevel: null,
      },
      rounds: event.rounds.getItems().map((round) => ({
        id: round.id,
        name: round.name,
        kind: round.kind,
        level: round.level,
        sequence: round.sequence,
        promotionQuota: round.promotionQuota,
        rubricVersion: round.rubricVersion,
        sessions: round.sessions.getItems().map((session) => ({
          id: session.id,
          startsAt: session.startsAt.toISOString(),
          endsAt: session.endsAt.toISOString(),
          venue: session.venue,
          stationCount: session.stationCount,
        })),
      })),
    };
  }

  /** Validates with the scoring engine and stores a new version; earlier versions are kept. */
  private saveRubric(user: AuthUser, round: Round, rubric: unknown): void {
    try {
      parseRubric(rubric);
    } catch (error) {
      if (!(error instanceof InvalidRubricError)) throw error;
      throw new RequestValidationError(
        error.issues.map((issue) => ({
          path: issue.path ? `rubric.${issue.path}` : 'rubric',
          message: { 'zh-CN': `评分细则有误：${issue.message}`, en: issue.message },
        })),
      );
    }
    const version = (round.rubricVersion ?? 0) + 1;
    this.em.create(RubricVersion, { round, version, rubric, createdBy: user.id });
    round.rubricVersion = version;
  }

  private async eventFields(competition: Competition, dto: EventRequest) {
    const sector = dto.sectorId
      ? await this.em.findOne(Sector, { id: dto.sectorId, competition })
      : null;
    if (dto.sectorId && !sector) {
      throw new RequestValidationError([
        {
          path: 'sectorId',
          message: { 'zh-CN': '该竞赛没有这个行业分组', en: 'no such sector in this competition' },
        },
      ]);
    }
    return {
      name: dto.name,
      occupationCode: dto.occupationCode,
      kind: dto.kind,
      capacity: dto.capacity,
      sector,
      minTeamSize: dto.kind === 'team' ? dto.minTeamSize : null,
      maxTeamSize: dto.kind === 'team' ? dto.maxTeamSize : null,
      exclusive: dto.exclusive,
      quotaPerEnterprise: dto.quotaPerEnterprise,
      quotaPerRegion: dto.quotaPerRegion,
      eligibility: dto.eligibility,
    };
  }

  private async loadCompetition(competitionId: string, deep = false): Promise<Competition> {
    const competition = await this.em.findOne(
      Competition,
      { id: competitionId },
      {
        populate: deep
          ? [
              'organiser',
              'sectors',
              'events',
              'events.sector',
              'events.rounds',
              'events.rounds.sessions',
            ]
          : ['organiser'],
      },
    );
    if (!competition) throw new EntityNotFoundError('competition', competitionId);
    return competition;
  }

  private async loadEvent(competition: Competition, eventId: string): Promise<CompetitionEvent> {
    const event = await this.em.findOne(CompetitionEvent, { id: eventId, competition });
    if (!event) throw new EntityNotFoundError('event', eventId);
    return event;
  }

  private async loadRound(competitionId: string, roundId: string): Promise<Round> {
    const round = await this.em.findOne(
      Round,
      { id: roundId, event: { competition: competitionId } },
      { populate: ['event'] },
    );
    if (!round) throw new EntityNotFoundError('round', roundId);
    return round;
  }

  private settingsOf(competition: Competition) {
    return {
      name: competition.name,
      year: competition.year,
      startsOn: competition.startsOn,
      endsOn: competition.endsOn,
      description: competition.description,
      registrationClosesAt: competition.registrationClosesAt,
      substitutionDeadline: competition.substitutionDeadline,
    };
  }

  private record(
    user: AuthUser,
    action: string,
    subjectId: string,
    before: unknown,
    after: unknown,
    em?: EntityManager,
  ): void {
    this.audit.record(
      { actorId: user.id, action, subjectType: action.split('.')[0]!, subjectId, before, after },
      em,
    );
  }
}
