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
  type RegistrationHistoryEntry,
  type ReviewRegistrationRequest,
  type RuleError,
  type SelfRegistrationRequest,
  type SubstituteRegistrationRequest,
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
import { AuditEntry } from '../audit/entities/audit-entry.entity';
import { hashPassword } from '../auth/password';
import { CompetitionEvent } from '../competitions/entities/competition-event.entity';
import { Competition } from '../competitions/entities/competition.entity';
import { Organisation } from '../organisations/entities/organisation.entity';
import { OrganisationsService } from '../organisations/organisations.service';
import { releaseRoundEntries } from '../draw/round-entry-release';
import { releaseFromTeam } from '../teams/team-membership';
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

export class SubstitutionClosedError extends DomainError {
  readonly status = 409;
  readonly code = 'registration.substitution_closed';
}

/** When substitutions close: the competition's deadline, else the start of its first day. */
export function substitutionDeadlineOf(
  competition: Pick<Competition, 'substitutionDeadline' | 'startsOn'>,
): Date | null {
  if (competition.substitutionDeadline) return competition.substitutionDeadline;
  // startsOn is a calendar day in China (UTC+8, no daylight saving).
  return competition.startsOn ? new Date(`${competition.startsOn}T00:00:00+08:00`) : null;
}

/** "2026-05-01 18:00" in Beijing time. */
function formatShanghai(date: Date): string {
  return new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
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

    const {
      enterprise,
      person: found,
      documentHash,
    } = await this.checkPerson(tx, actor, competition, event, input, problems, at, account);
    let person = found;

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

    person = this.recordPerson(tx, person, input, documentHash, enterprise, account);

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

  /**
   * The rules about who the person is, shared by entering and substituting: the enterprise (and
   * that a coordinator enters only their own workers), the document against the person on
   * record, eligibility, and entries already made (duplicate, exclusivity). Problems are
   * appended; `ignoreRegistrationId` leaves out the entry being substituted.
   */
  private async checkPerson(
    tx: EntityManager,
    actor: RegistrationActor,
    competition: Competition,
    event: CompetitionEvent,
    input: PersonInput,
    problems: FieldIssue[],
    at: (field: string) => string,
    account?: User,
    ignoreRegistrationId?: string,
  ): Promise<{ enterprise: Organisation | null; person: Person | null; documentHash: string }> {
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
    const person = await tx.findOne(Person, { documentHash });
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
        {
          person,
          competition,
          status: { $in: ACTIVE },
          ...(ignoreRegistrationId ? { id: { $ne: ignoreRegistrationId } } : {}),
        },
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

    return { enterprise, person, documentHash };
  }

  /** The person on record, created or brought up to date from what was entered. */
  private recordPerson(
    tx: EntityManager,
    existing: Person | null,
    input: PersonInput,
    documentHash: string,
    enterprise: Organisation | null,
    account?: User,
  ): Person {
    const person =
      existing ??
      tx.create(Person, {
        name: input.name,
        documentType: input.documentType,
        documentHash,
        documentEncrypted: this.cipher.encrypt(input.documentNumber),
        documentMasked: maskDocument(input.documentType, input.documentNumber),
      });
    person.enterprise = enterprise;
    person.mobile = input.mobile;
    person.skillLevel = input.skillLevel;
    person.birthDate = input.birthDate ?? person.birthDate;
    person.gender = input.gender ?? person.gender;
    if (account) person.user = account;
    return person;
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
      if (dto.decision === 'rejected') {
        await releaseFromTeam(tx, this.audit, entry, user.id, 'rejected');
        await releaseRoundEntries(tx, this.audit, entry, user.id, 'rejected');
      }
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
      await releaseFromTeam(tx, this.audit, entry, user.id, 'withdrawn');
      await releaseRoundEntries(tx, this.audit, entry, user.id, 'withdrawn');
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

  // ── substitution (换人) ───────────────────────────────────────────────────

  /**
   * Before the substitution deadline, an organiser or the coordinator of the same enterprise
   * replaces the worker of a submitted or approved entry with another worker of that enterprise
   * who passes the same rules as a new entry (document, eligibility, duplicates, exclusivity).
   * The entry keeps its id, status, team, captaincy and number; the replaced worker is in the
   * audit log and the entry's history.
   */
  async substituteRegistration(
    user: AuthUser,
    competitionId: string,
    registrationId: string,
    dto: SubstituteRegistrationRequest,
  ): Promise<RegistrationView> {
    const competition = await this.loadCompetition(competitionId);
    const actor = await this.registrationAccess.actorFor(user, competition);
    const deadline = substitutionDeadlineOf(competition);
    if (
      competition.status === 'running' ||
      competition.status === 'finished' ||
      (deadline !== null && deadline <= new Date())
    ) {
      throw new SubstitutionClosedError({
        // A running or finished competition without a deadline: the competition has begun.
        deadline: deadline ? formatShanghai(deadline) : (competition.startsOn ?? '—'),
      });
    }
    const registration = await this.em.transactional(async (tx) => {
      const entry = await this.loadRegistration(tx, competitionId, registrationId);
      const enterpriseId = entry.person.enterprise?.id ?? null;
      if (!actor.organiser && !(enterpriseId && actor.enterprises.has(enterpriseId)))
        throw new EntityNotFoundError('registration', registrationId);
      if (entry.status !== 'submitted' && entry.status !== 'approved')
        throw new StatusChangeError({ from: entry.status, to: 'substituted' });
      const event = await this.lockEvent(tx, competition, entry.event.id);
      const problems: FieldIssue[] = [];
      const at = (field: string) => (field ? `person.${field}` : 'person');
      if (dto.person.enterpriseId !== enterpriseId) {
        problems.push(
          issue(
            at('enterpriseId'),
            `替换人员须为同一企业（${entry.person.enterprise?.name ?? '—'}）的职工`,
            `The replacement must work for the same enterprise (${entry.person.enterprise?.name ?? '—'})`,
          ),
        );
      }
      const checked = await this.checkPerson(
        tx,
        actor,
        competition,
        event,
        dto.person,
        problems,
        at,
        undefined,
        entry.id,
      );
      if (checked.person?.id === entry.person.id) {
        problems.push(
          issue(
            at('documentNumber'),
            '替换人员与原报名人员相同',
            'The replacement is the same worker',
          ),
        );
      } else if (checked.person) {
        const earlier = await tx.findOne(Registration, { event, person: checked.person });
        if (earlier && earlier.id !== entry.id && !ACTIVE.includes(earlier.status)) {
          problems.push(
            issue(
              at(''),
              '该职工在此项目已有一条已退出或被驳回的报名，请由组织者重新录入其报名，而不是换人',
              'This worker has a withdrawn or rejected entry in this event: enter them again instead of substituting',
            ),
          );
        }
      }
      if (problems.length > 0) throw new RegistrationRejectedError(problems);

      const replaced = {
        personId: entry.person.id,
        name: entry.person.name,
        document: entry.person.documentMasked,
      };
      const person = this.recordPerson(
        tx,
        checked.person,
        dto.person,
        checked.documentHash,
        checked.enterprise,
      );
      entry.person = person;
      await tx.flush();
      this.audit.record(
        {
          actorId: user.id,
          action: 'registration.substitute',
          subjectType: 'registration',
          subjectId: entry.id,
          before: replaced,
          after: {
            personId: person.id,
            name: person.name,
            document: person.documentMasked,
            reason: dto.reason,
          },
        },
        tx,
      );
      return entry;
    });
    return this.toView(registration, actor.organiser);
  }

  /** Every recorded change of an entry, oldest first (organisers, and the enterprise's coordinator). */
  async registrationHistory(
    user: AuthUser,
    competitionId: string,
    registrationId: string,
  ): Promise<RegistrationHistoryEntry[]> {
    const competition = await this.loadCompetition(competitionId);
    const actor = await this.registrationAccess.actorFor(user, competition);
    const entry = await this.loadRegistration(this.em, competitionId, registrationId);
    const enterpriseId = entry.person.enterprise?.id ?? null;
    if (!actor.organiser && !(enterpriseId && actor.enterprises.has(enterpriseId)))
      throw new EntityNotFoundError('registration', registrationId);
    const changes = await this.em.find(
      AuditEntry,
      { subjectType: 'registration', subjectId: entry.id },
      { orderBy: { id: 'asc' } },
    );
    const actorIds = [
      ...new Set(changes.flatMap((change) => (change.actorId ? [change.actorId] : []))),
    ];
    const names = new Map(
      (await this.em.find(User, { id: { $in: actorIds } })).map((u) => [u.id, u.displayName]),
    );
    return changes.map((change) => ({
      at: change.at.toISOString(),
      action: change.action,
      actorName: change.actorId ? (names.get(change.actorId) ?? null) : null,
      before: change.before,
      after: change.after,
    }));
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
    await this.em.populate(entry, ['event', 'person', 'person.enterprise', 'team']);
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
      teamId: entry.team?.id ?? null,
      teamName: entry.team?.name ?? null,
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
