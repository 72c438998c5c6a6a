import {
  type BatchRegistrationRequest,
  checkEligibility,
  type CreateRegistrationRequest,
  maskDocument,
  maskMobile,
  type OpenCompetition,
  type PersonInput,
  type RegistrationPage,
  type RegistrationQuery,
  type RegistrationSource,
  type RegistrationStatus,
  type RegistrationView,
  type ReviewRegistrationRequest,
  type RuleError,
  type SelfRegistrationRequest,
  type WithdrawRegistrationRequest,
} from '@jingsai/contracts';
import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user';
import { PersonalDataCipher } from '../../common/crypto/personal-data-cipher';
import {
  DomainError,
  EntityNotFoundError,
  type FieldIssue,
} from '../../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { hashPassword } from '../auth/password';
import { CompetitionEvent } from '../competitions/entities/competition-event.entity';
import { Competition } from '../competitions/entities/competition.entity';
import { Organisation } from '../organisations/entities/organisation.entity';
import { OrganisationsService } from '../organisations/organisations.service';
import { RoleGrant } from '../users/entities/role-grant.entity';
import { User } from '../users/entities/user.entity';
import { UsernameTakenError } from '../users/users.service';
import { Person } from './entities/person.entity';
import { Registration } from './entities/registration.entity';
import { type RegistrationActor, RegistrationAccessService } from './registration-access.service';

/** Every reason an entry was refused, each at the field it concerns. */
export class RegistrationRejectedError extends DomainError {
  readonly status = 409;
  readonly code = 'registration.rejected';

  constructor(override readonly issues: FieldIssue[]) {
    super({ count: issues.length });
  }
}

export class StatusChangeError extends DomainError {
  readonly status = 409;
  readonly code = 'registration.status_change';
}

const ACTIVE: RegistrationStatus[] = ['submitted', 'approved', 'waitlisted'];

const issue = (path: string, zh: string, en: string): FieldIssue => ({
  path,
  message: { 'zh-CN': zh, en },
});
const ruleIssue = (path: string, error: RuleError): FieldIssue => ({
  path,
  message: error.message,
});

/**
 * Entries into a competition's events: by an organiser, by an enterprise coordinator for their
 * own workers, or by the competitor on the public page; then review, withdrawal and listing.
 * Every change is audited with before → after. Document numbers leave only masked, except to the
 * competition's organisers.
 */
@Injectable()
export class RegistrationsService {
  constructor(
    private readonly em: EntityManager,
    private readonly registrationAccess: RegistrationAccessService,
    private readonly organisations: OrganisationsService,
    private readonly cipher: PersonalDataCipher,
    private readonly audit: AuditService,
  ) {}

  // ── entering ──────────────────────────────────────────────────────────────

  async createRegistration(
    user: AuthUser,
    competitionId: string,
    dto: CreateRegistrationRequest,
  ): Promise<RegistrationView> {
    const competition = await this.loadCompetition(competitionId);
    const actor = await this.registrationAccess.actorFor(user, competition);
    const registration = await this.em.transactional(async (tx) => {
      const event = await this.lockEvent(tx, competition, dto.eventId);
      const problems: FieldIssue[] = [];
      const entry = await this.enter(
        tx,
        actor,
        competition,
        event,
        dto.person,
        actor.organiser ? 'organiser' : 'coordinator',
        problems,
        'person',
      );
      if (!entry) throw new RegistrationRejectedError(problems);
      return entry;
    });
    return this.toView(registration, actor.organiser);
  }

  /** A coordinator's list of workers for one event: all are entered, or none (each problem listed by row). */
  async createBatch(
    user: AuthUser,
    competitionId: string,
    dto: BatchRegistrationRequest,
  ): Promise<RegistrationView[]> {
    const competition = await this.loadCompetition(competitionId);
    const actor = await this.registrationAccess.actorFor(user, competition);
    const entries = await this.em.transactional(async (tx) => {
      const event = await this.lockEvent(tx, competition, dto.eventId);
      const problems: FieldIssue[] = [];
      const seen = new Map<string, number>();
      const created: Registration[] = [];
      for (const [index, person] of dto.people.entries()) {
        const key = `${person.documentType}:${person.documentNumber}`;
        const earlier = seen.get(key);
        if (earlier !== undefined) {
          problems.push(
            issue(
              `people[${index}].documentNumber`,
              `与第 ${earlier + 1} 行证件号重复`,
              `same document as row ${earlier + 1}`,
            ),
          );
          continue;
        }
        seen.set(key, index);
        const entry = await this.enter(
          tx,
          actor,
          competition,
          event,
          person,
          actor.organiser ? 'organiser' : 'coordinator',
          problems,
          `people[${index}]`,
        );
        if (entry) created.push(entry);
      }
      if (problems.length > 0) throw new RegistrationRejectedError(problems);
      return created;
    });
    return Promise.all(entries.map((entry) => this.toView(entry, actor.organiser)));
  }

  /** The public page: a worker creates an account and enters one event (submitted for review). */
  async selfRegister(
    competitionId: string,
    dto: SelfRegistrationRequest,
  ): Promise<RegistrationView> {
    const competition = await this.loadCompetition(competitionId);
    const passwordHash = await hashPassword(dto.password);
    const registration = await this.em.transactional(async (tx) => {
      if (await tx.count(User, { username: dto.username }))
        throw new UsernameTakenError({ username: dto.username });
      const event = await this.lockEvent(tx, competition, dto.eventId);
      const user = tx.create(User, {
        username: dto.username,
        displayName: dto.person.name,
        passwordHash,
      });
      tx.create(RoleGrant, {
        user,
        role: 'competitor',
        scopeType: 'competition',
        scopeId: competition.id,
      });
      const actor: RegistrationActor = { userId: null, organiser: false, enterprises: new Set() };
      const problems: FieldIssue[] = [];
      const entry = await this.enter(
        tx,
        actor,
        competition,
        event,
        dto.person,
        'self',
        problems,
        'person',
        user,
      );
      if (!entry) throw new RegistrationRejectedError(problems);
      return entry;
    });
    return this.toView(registration, false);
  }

  /**
   * Checks one person against the event's rules and, if all pass, records the person (found again
   * by document) and the entry. Problems are appended under `path`; returns null when refused.
   */
  private async enter(
    tx: EntityManager,
    actor: RegistrationActor,
    competition: Competition,
    event: CompetitionEvent,
    input: PersonInput,
    source: RegistrationSource,
    problems: FieldIssue[],
    path: string,
    account?: User,
  ): Promise<Registration | null> {
    const before = problems.length;
    const at = (field: string) => (field ? `${path}.${field}` : path);

    const acceptsEntries =
      competition.status === 'registration_open' ||
      (actor.organiser &&
        (competition.status === 'draft' || competition.status === 'registration_closed'));
    const pastDeadline =
      !actor.organiser &&
      competition.registrationClosesAt !== null &&
      competition.registrationClosesAt < new Date();
    if (!acceptsEntries || pastDeadline) {
      problems.push(issue(at(''), '报名未开放或已截止', 'registration is not open'));
      return null;
    }

    const enterprise = await tx.findOne(Organisation, {
      id: input.enterpriseId,
      kind: 'enterprise',
    });
    if (!enterprise) {
      problems.push(issue(at('enterpriseId'), '没有这个企业', 'no such enterprise'));
    } else if (!actor.organiser && actor.userId && !actor.enterprises.has(enterprise.id)) {
      problems.push(
        issue(
          at('enterpriseId'),
          '只能为本企业职工报名',
          'you can only enter workers of your own enterprise',
        ),
      );
    }

    const documentHash = this.cipher.lookupHash(input.documentType, input.documentNumber);
    let person = await tx.findOne(Person, { documentHash });
    if (person) {
      if (person.name !== input.name) {
        problems.push(
          issue(
            at('documentNumber'),
            '该证件号已登记为另一姓名，请核对或联系组织者',
            'this document is registered under another name; check it or contact the organiser',
          ),
        );
      } else if (
        !actor.organiser &&
        person.enterprise &&
        enterprise &&
        person.enterprise.id !== enterprise.id
      ) {
        problems.push(
          issue(
            at('enterpriseId'),
            '该职工已登记在其他企业，请联系组织者变更',
            'this worker is registered with another enterprise; ask the organiser to move them',
          ),
        );
      } else if (account && person.user) {
        problems.push(
          issue(
            at('documentNumber'),
            '该证件号已有账号，请直接登录报名',
            'this person already has an account: sign in to enter',
          ),
        );
      }
    }

    if (input.birthDate && input.gender) {
      const eligibility = event.eligibility;
      const referenceDate =
        eligibility?.ageReferenceDate ??
        competition.startsOn ??
        new Date().toISOString().slice(0, 10);
      for (const error of checkEligibility(
        { birthDate: input.birthDate, gender: input.gender, skillLevel: input.skillLevel },
        { ...eligibility, referenceDate, genderCategory: eligibility?.genderCategory ?? 'open' },
      )) {
        problems.push(ruleIssue(at(''), error));
      }
    } else if (
      event.eligibility &&
      (event.eligibility.minAge !== null ||
        event.eligibility.maxAge !== null ||
        event.eligibility.genderCategory !== 'open')
    ) {
      problems.push(
        issue(
          at('birthDate'),
          '该项目有年龄或性别要求，请填写出生日期和性别',
          'this event has age or gender rules: give the birth date and gender',
        ),
      );
    }

    if (person) {
      const existing = await tx.find(
        Registration,
        { person, competition, status: { $in: ACTIVE } },
        { populate: ['event'] },
      );
      if (existing.some((entry) => entry.event.id === event.id)) {
        problems.push(issue(at(''), '该选手已报名此项目', 'already entered in this event'));
      } else if (
        existing.length > 0 &&
        (event.exclusive || existing.some((entry) => entry.event.exclusive))
      ) {
        problems.push(
          issue(
            at(''),
            `该选手已报名“${existing[0]!.event.name}”，不能兼报`,
            `already entered in "${existing[0]!.event.name}"; entering more than one event is not allowed here`,
          ),
        );
      }
    }

    if (enterprise && event.quotaPerEnterprise !== null) {
      const used = await tx.count(Registration, {
        event,
        status: { $in: ACTIVE },
        person: { enterprise },
      });
      // Earlier rows of the same batch are already flushed in this transaction, so they count.
      if (used >= event.quotaPerEnterprise) {
        problems.push(
          issue(
            at(''),
            `本企业在该项目的名额（${event.quotaPerEnterprise} 人）已满`,
            `the enterprise's quota for this event (${event.quotaPerEnterprise}) is used up`,
          ),
        );
      }
    }
    if (enterprise?.region && event.quotaPerRegion !== null) {
      const used = await tx.count(Registration, {
        event,
        status: { $in: ACTIVE },
        person: { enterprise: { region: enterprise.region } },
      });
      if (used >= event.quotaPerRegion) {
        problems.push(
          issue(
            at(''),
            `${enterprise.region}在该项目的名额（${event.quotaPerRegion} 人）已满`,
            `the region's quota for this event (${event.quotaPerRegion}) is used up`,
          ),
        );
      }
    }

    if (problems.length > before) return null;

    const encrypted = this.cipher.encrypt(input.documentNumber);
    if (!person) {
      person = tx.create(Person, {
        name: input.name,
        documentType: input.documentType,
        documentHash,
        documentEncrypted: encrypted,
        documentMasked: maskDocument(input.documentType, input.documentNumber),
      });
    }
    person.enterprise = enterprise;
    person.mobile = input.mobile;
    person.skillLevel = input.skillLevel;
    person.birthDate = input.birthDate ?? person.birthDate;
    person.gender = input.gender ?? person.gender;
    if (account) person.user = account;

    const taken =
      event.capacity !== null &&
      (await tx.count(Registration, { event, status: { $in: ['submitted', 'approved'] } })) >=
        event.capacity;
    const previous = await tx.findOne(Registration, { event, person });
    const entry = previous ?? tx.create(Registration, { competition, event, person });
    const beforeState = previous ? { status: previous.status, reason: previous.reason } : null;
    entry.status = taken ? 'waitlisted' : actor.organiser ? 'approved' : 'submitted';
    entry.reason = taken ? '项目名额已满，列入候补 / The event is full: waitlisted' : null;
    entry.source = source;
    entry.submittedBy = actor.userId ?? account?.id ?? null;
    await tx.flush();
    this.audit.record(
      {
        actorId: actor.userId ?? account?.id ?? null,
        action: previous ? 'registration.reenter' : 'registration.create',
        subjectType: 'registration',
        subjectId: entry.id,
        before: beforeState,
        after: { status: entry.status, eventId: event.id, personId: person.id, source },
      },
      tx,
    );
    return entry;
  }

  // ── review and withdrawal ────────────────────────────────────────────────

  async reviewRegistration(
    user: AuthUser,
    competitionId: string,
    registrationId: string,
    dto: ReviewRegistrationRequest,
  ): Promise<RegistrationView> {
    const registration = await this.em.transactional(async (tx) => {
      const entry = await this.loadRegistration(tx, competitionId, registrationId);
      if (entry.status === 'withdrawn')
        throw new StatusChangeError({ from: entry.status, to: dto.decision });
      if (
        dto.decision === 'approved' &&
        entry.status !== 'approved' &&
        entry.event.capacity !== null
      ) {
        await tx.findOne(
          CompetitionEvent,
          { id: entry.event.id },
          { lockMode: LockMode.PESSIMISTIC_WRITE },
        );
        const approved = await tx.count(Registration, { event: entry.event, status: 'approved' });
        if (approved >= entry.event.capacity) {
          throw new RegistrationRejectedError([
            issue(
              'decision',
              `项目名额（${entry.event.capacity} 人）已满，可列入候补`,
              `the event is full (${entry.event.capacity}); waitlist instead`,
            ),
          ]);
        }
      }
      const before = { status: entry.status, reason: entry.reason };
      entry.status = dto.decision;
      entry.reason = dto.reason;
      this.audit.record(
        {
          actorId: user.id,
          action: 'registration.review',
          subjectType: 'registration',
          subjectId: entry.id,
          before,
          after: { status: entry.status, reason: entry.reason },
        },
        tx,
      );
      return entry;
    });
    return this.toView(registration, true);
  }

  async withdrawRegistration(
    user: AuthUser,
    competitionId: string,
    registrationId: string,
    dto: WithdrawRegistrationRequest,
  ): Promise<RegistrationView> {
    const competition = await this.loadCompetition(competitionId);
    // Resolved before the transaction: inside it only the transaction's EntityManager may be used.
    const actor = await this.registrationAccess.actorFor(user, competition).catch(() => null);
    const registration = await this.em.transactional(async (tx) => {
      const entry = await this.loadRegistration(tx, competitionId, registrationId);
      const own = entry.person.user?.id === user.id;
      const allowed =
        own || actor?.organiser || actor?.enterprises.has(entry.person.enterprise?.id ?? '');
      if (!allowed) throw new EntityNotFoundError('registration', registrationId);
      if (entry.status === 'withdrawn' || entry.status === 'rejected')
        throw new StatusChangeError({ from: entry.status, to: 'withdrawn' });
      const before = { status: entry.status, reason: entry.reason };
      entry.status = 'withdrawn';
      entry.reason = dto.reason;
      this.audit.record(
        {
          actorId: user.id,
          action: 'registration.withdraw',
          subjectType: 'registration',
          subjectId: entry.id,
          before,
          after: { status: entry.status, reason: entry.reason },
        },
        tx,
      );
      return entry;
    });
    return this.toView(registration, actor?.organiser ?? false);
  }

  // ── reading ───────────────────────────────────────────────────────────────

  async listRegistrations(
    user: AuthUser,
    competitionId: string,
    query: RegistrationQuery,
  ): Promise<RegistrationPage> {
    const competition = await this.loadCompetition(competitionId);
    const actor = await this.registrationAccess.actorFor(user, competition);
    const where = {
      competition,
      ...(query.eventId ? { event: query.eventId } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(query.q
        ? { $or: [{ person: { name: { $like: `%${query.q}%` } } }, { candidateNumber: query.q }] }
        : {}),
      person: {
        ...(query.enterpriseId ? { enterprise: query.enterpriseId } : {}),
        ...(!actor.organiser
          ? {
              enterprise: {
                $in: [...actor.enterprises].filter(
                  (id) => !query.enterpriseId || id === query.enterpriseId,
                ),
              },
            }
          : {}),
      },
    };
    const [items, total] = await this.em.findAndCount(Registration, where, {
      populate: ['event', 'person', 'person.enterprise'],
      orderBy: { createdAt: 'desc', id: 'asc' },
      limit: query.limit,
      offset: query.offset,
    });
    return {
      total,
      items: await Promise.all(items.map((item) => this.toView(item, actor.organiser))),
    };
  }

  async myRegistrations(user: AuthUser): Promise<RegistrationView[]> {
    const entries = await this.em.find(
      Registration,
      { person: { user: user.id } },
      { populate: ['event', 'person', 'person.enterprise'], orderBy: { createdAt: 'desc' } },
    );
    // A competitor sees their own document in full: it is theirs.
    return Promise.all(entries.map((entry) => this.toView(entry, true)));
  }

  /** Competitions open for self-registration, with the enterprises that can enter them. */
  async listOpenCompetitions(): Promise<OpenCompetition[]> {
    const competitions = await this.em.find(
      Competition,
      {
        status: 'registration_open',
        $or: [{ registrationClosesAt: null }, { registrationClosesAt: { $gt: new Date() } }],
      },
      { populate: ['organiser', 'events'], orderBy: { year: 'desc', name: 'asc' } },
    );
    return Promise.all(
      competitions.map(async (competition) => {
        const below = await this.organisations.descendantIds([competition.organiser.id]);
        const enterprises = await this.em.find(
          Organisation,
          { id: { $in: below }, kind: 'enterprise' },
          { orderBy: { name: 'asc' } },
        );
        return {
          id: competition.id,
          name: competition.name,
          year: competition.year,
          organiserName: competition.organiser.name,
          registrationClosesAt: competition.registrationClosesAt?.toISOString() ?? null,
          events: competition.events
            .getItems()
            .map((event) => ({ id: event.id, name: event.name, kind: event.kind })),
          enterprises: enterprises.map((enterprise) => ({
            id: enterprise.id,
            name: enterprise.name,
            region: enterprise.region,
          })),
        };
      }),
    );
  }

  // ── helpers ───────────────────────────────────────────────────────────────

  private async loadCompetition(competitionId: string): Promise<Competition> {
    const competition = await this.em.findOne(
      Competition,
      { id: competitionId },
      { populate: ['organiser'] },
    );
    if (!competition) throw new EntityNotFoundError('competition', competitionId);
    return competition;
  }

  /** Serialises entries into one event, so quotas and capacity hold under concurrent requests. */
  private async lockEvent(
    tx: EntityManager,
    competition: Competition,
    eventId: string,
  ): Promise<CompetitionEvent> {
    const event = await tx.findOne(
      CompetitionEvent,
      { id: eventId, competition },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (!event)
      throw new RegistrationRejectedError([
        issue('eventId', '该竞赛没有这个项目', 'no such event in this competition'),
      ]);
    return event;
  }

  private async loadRegistration(
    tx: EntityManager,
    competitionId: string,
    registrationId: string,
  ): Promise<Registration> {
    const entry = await tx.findOne(
      Registration,
      { id: registrationId, competition: competitionId },
      { populate: ['event', 'person', 'person.enterprise', 'person.user'] },
    );
    if (!entry) throw new EntityNotFoundError('registration', registrationId);
    return entry;
  }

  private async toView(entry: Registration, unmasked: boolean): Promise<RegistrationView> {
    await this.em.populate(entry, ['event', 'person', 'person.enterprise']);
    const { person } = entry;
    const document =
      unmasked && person.documentEncrypted
        ? this.cipher.decrypt(person.documentEncrypted)
        : person.documentMasked;
    return {
      id: entry.id,
      competitionId: entry.competition.id,
      eventId: entry.event.id,
      eventName: entry.event.name,
      status: entry.status,
      reason: entry.reason,
      source: entry.source,
      candidateNumber: entry.candidateNumber,
      createdAt: entry.createdAt.toISOString(),
      updatedAt: entry.updatedAt.toISOString(),
      person: {
        id: person.id,
        name: person.name,
        enterpriseId: person.enterprise?.id ?? null,
        enterpriseName: person.enterprise?.name ?? null,
        region: person.enterprise?.region ?? null,
        documentType: person.documentType,
        documentNumber: document,
        mobile: person.mobile && !unmasked ? maskMobile(person.mobile) : person.mobile,
        gender: person.gender,
        birthDate: unmasked ? person.birthDate : null,
        skillLevel: person.skillLevel,
      },
    };
  }
}
