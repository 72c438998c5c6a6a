import type {
  CreateTeamRequest,
  ReviewTeamRequest,
  TeamQuery,
  TeamStatus,
  TeamView,
  UpdateTeamRequest,
  WithdrawTeamRequest,
} from '@jingsai/contracts';
import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user';
import {
  DomainError,
  EntityNotFoundError,
  type FieldIssue,
  ForbiddenError,
} from '../../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { CompetitionEvent } from '../competitions/entities/competition-event.entity';
import { Competition } from '../competitions/entities/competition.entity';
import { Organisation } from '../organisations/entities/organisation.entity';
import { OrganisationsService } from '../organisations/organisations.service';
import { Registration } from '../registrations/entities/registration.entity';
import { Team } from '../registrations/entities/team.entity';
import {
  type RegistrationActor,
  RegistrationAccessService,
} from '../registrations/registration-access.service';
import { TEAM_MEMBER_STATUSES, teamIsComplete } from './team-membership';

/** The team change breaks a rule; each problem at the field it concerns. */
export class TeamInvalidError extends DomainError {
  readonly status = 409;
  readonly code = 'team.invalid';

  constructor(override readonly issues: FieldIssue[]) {
    super({ count: issues.length });
  }
}

/** The team's state does not allow this step (e.g. reviewing a team still forming). */
export class TeamStateError extends DomainError {
  readonly status = 409;
  readonly code = 'team.status_change';
  override readonly issues: FieldIssue[];

  constructor(status: TeamStatus, zh: string, en: string) {
    super({ status });
    this.issues = [{ path: 'status', message: { 'zh-CN': zh, en } }];
  }
}

const issue = (path: string, zh: string, en: string): FieldIssue => ({
  path,
  message: { 'zh-CN': zh, en },
});

type TeamWithEvent = Team & { event: CompetitionEvent; enterprise: Organisation };

/**
 * Teams in team events. A coordinator (own enterprise only) or an organiser forms a team from
 * registrations of that event and enterprise, names a captain among them and submits it once
 * min ≤ members ≤ max; an organiser approves it (approving its members' entries) or rejects it
 * with a reason. A change of members by the enterprise sends a submitted or rejected team back
 * to "forming"; an approved team can only be changed by an organiser and must stay complete.
 * Every change is audited before → after.
 */
@Injectable()
export class TeamsService {
  constructor(
    private readonly em: EntityManager,
    private readonly registrationAccess: RegistrationAccessService,
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditService,
  ) {}

  async listTeams(user: AuthUser, competitionId: string, query: TeamQuery): Promise<TeamView[]> {
    const competition = await this.loadCompetition(competitionId);
    const actor = await this.registrationAccess.actorFor(user, competition);
    const enterpriseFilter = actor.organiser
      ? query.enterpriseId
        ? { enterprise: query.enterpriseId }
        : {}
      : {
          enterprise: {
            $in: [...actor.enterprises].filter(
              (id) => !query.enterpriseId || id === query.enterpriseId,
            ),
          },
        };
    const teams = await this.em.find(
      Team,
      { competition, ...(query.eventId ? { event: query.eventId } : {}), ...enterpriseFilter },
      { populate: ['event', 'enterprise'], orderBy: { createdAt: 'asc', name: 'asc', id: 'asc' } },
    );
    return this.toViews(this.em, teams as TeamWithEvent[]);
  }

  async getTeam(user: AuthUser, competitionId: string, teamId: string): Promise<TeamView> {
    const competition = await this.loadCompetition(competitionId);
    const actor = await this.registrationAccess.actorFor(user, competition);
    const team = await this.loadTeam(this.em, actor, competitionId, teamId);
    return (await this.toViews(this.em, [team]))[0]!;
  }

  async createTeam(
    user: AuthUser,
    competitionId: string,
    dto: CreateTeamRequest,
  ): Promise<TeamView> {
    const competition = await this.loadCompetition(competitionId);
    const actor = await this.registrationAccess.actorFor(user, competition);
    const enterpriseId = await this.enterpriseFor(actor, competition, dto.enterpriseId);
    const team = await this.writeTeam(async (tx) => {
      const event = await tx.findOne(
        CompetitionEvent,
        { id: dto.eventId, competition },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!event)
        throw new TeamInvalidError([
          issue('eventId', '该竞赛没有这个项目', 'no such event in this competition'),
        ]);
      if (event.kind !== 'team')
        throw new TeamInvalidError([
          issue(
            'eventId',
            `“${event.name}”是个人项目，不能组队`,
            `"${event.name}" is an individual event: it has no teams`,
          ),
        ]);
      await this.checkNameFree(tx, event, dto.name, null);
      const created = tx.create(Team, {
        competition,
        event,
        enterprise: tx.getReference(Organisation, enterpriseId),
        name: dto.name,
      }) as TeamWithEvent;
      const problems: FieldIssue[] = [];
      for (const [index, registrationId] of dto.memberRegistrationIds.entries()) {
        await this.addMemberTo(
          tx,
          created,
          registrationId,
          problems,
          `memberRegistrationIds[${index}]`,
        );
      }
      if (dto.captainRegistrationId !== null) {
        if (!dto.memberRegistrationIds.includes(dto.captainRegistrationId)) {
          problems.push(
            issue(
              'captainRegistrationId',
              '队长须为本队队员',
              'The captain must be a member of the team',
            ),
          );
        } else created.captainRegistrationId = dto.captainRegistrationId;
      }
      if (problems.length > 0) throw new TeamInvalidError(problems);
      await tx.flush();
      this.audit.record(
        {
          actorId: user.id,
          action: 'team.create',
          subjectType: 'team',
          subjectId: created.id,
          before: null,
          after: {
            name: created.name,
            eventId: event.id,
            enterpriseId,
            members: dto.memberRegistrationIds,
            captainRegistrationId: created.captainRegistrationId,
          },
        },
        tx,
      );
      return created;
    });
    return (await this.toViews(this.em, [team]))[0]!;
  }

  async updateTeam(
    user: AuthUser,
    competitionId: string,
    teamId: string,
    dto: UpdateTeamRequest,
  ): Promise<TeamView> {
    return this.changeTeam(user, competitionId, teamId, 'team.update', async (tx, team) => {
      if (dto.name !== undefined && dto.name !== team.name) {
        await this.checkNameFree(tx, team.event, dto.name, team.id);
        team.name = dto.name;
      }
      if (dto.captainRegistrationId !== undefined) {
        if (dto.captainRegistrationId !== null) {
          const member = await tx.count(Registration, { id: dto.captainRegistrationId, team });
          if (!member)
            throw new TeamInvalidError([
              issue(
                'captainRegistrationId',
                '队长须为本队队员',
                'The captain must be a member of the team',
              ),
            ]);
        }
        team.captainRegistrationId = dto.captainRegistrationId;
      }
    });
  }

  async addMember(
    user: AuthUser,
    competitionId: string,
    teamId: string,
    registrationId: string,
  ): Promise<TeamView> {
    return this.changeTeam(user, competitionId, teamId, 'team.add_member', async (tx, team) => {
      const problems: FieldIssue[] = [];
      await this.addMemberTo(tx, team, registrationId, problems, 'registrationId');
      if (problems.length > 0) throw new TeamInvalidError(problems);
    });
  }

  async removeMember(
    user: AuthUser,
    competitionId: string,
    teamId: string,
    registrationId: string,
  ): Promise<TeamView> {
    return this.changeTeam(user, competitionId, teamId, 'team.remove_member', async (tx, team) => {
      const entry = await tx.findOne(Registration, { id: registrationId, team });
      if (!entry)
        throw new TeamInvalidError([
          issue('registrationId', '该报名不是本队队员', 'This entry is not a member of the team'),
        ]);
      entry.team = null;
      if (team.captainRegistrationId === entry.id) team.captainRegistrationId = null;
    });
  }

  async submitTeam(user: AuthUser, competitionId: string, teamId: string): Promise<TeamView> {
    const competition = await this.loadCompetition(competitionId);
    const actor = await this.registrationAccess.actorFor(user, competition);
    const team = await this.writeTeam(async (tx) => {
      const team = await this.loadTeam(tx, actor, competitionId, teamId, true);
      if (team.status !== 'forming' && team.status !== 'rejected')
        throw new TeamStateError(
          team.status,
          '只有组建中或被驳回的队伍可以提交',
          'Only a team that is forming or was rejected can be submitted',
        );
      const members = await tx.find(Registration, { team });
      const problems = this.completenessProblems(team, members);
      if (problems.length > 0) throw new TeamInvalidError(problems);
      const before = { status: team.status, reason: team.reason };
      team.status = 'submitted';
      team.reason = null;
      this.audit.record(
        {
          actorId: user.id,
          action: 'team.submit',
          subjectType: 'team',
          subjectId: team.id,
          before,
          after: { status: team.status, members: members.map((member) => member.id) },
        },
        tx,
      );
      return team;
    });
    return (await this.toViews(this.em, [team]))[0]!;
  }

  /** Organisers only (checked by the route). Approving a team approves its members' entries. */
  async reviewTeam(
    user: AuthUser,
    competitionId: string,
    teamId: string,
    dto: ReviewTeamRequest,
  ): Promise<TeamView> {
    const competition = await this.loadCompetition(competitionId);
    const actor = await this.registrationAccess.actorFor(user, competition);
    if (!actor.organiser) throw new ForbiddenError();
    const team = await this.writeTeam(async (tx) => {
      const team = await this.loadTeam(tx, actor, competitionId, teamId, true);
      if (team.status !== 'submitted')
        throw new TeamStateError(
          team.status,
          '只有已提交的队伍可以审核',
          'Only a submitted team can be reviewed',
        );
      const members = await tx.find(Registration, { team });
      if (dto.decision === 'approved') {
        const problems = this.completenessProblems(team, members);
        if (problems.length > 0) throw new TeamInvalidError(problems);
        for (const member of members) {
          if (member.status === 'approved') continue;
          const before = { status: member.status, reason: member.reason };
          member.status = 'approved';
          member.reason = null;
          this.audit.record(
            {
              actorId: user.id,
              action: 'registration.review',
              subjectType: 'registration',
              subjectId: member.id,
              before,
              after: { status: member.status, reason: null, teamId: team.id },
            },
            tx,
          );
        }
      }
      const before = { status: team.status, reason: team.reason };
      team.status = dto.decision;
      team.reason = dto.reason;
      this.audit.record(
        {
          actorId: user.id,
          action: 'team.review',
          subjectType: 'team',
          subjectId: team.id,
          before,
          after: { status: team.status, reason: team.reason },
        },
        tx,
      );
      return team;
    });
    return (await this.toViews(this.em, [team]))[0]!;
  }

  /** The team leaves the competition; its members' entries stay and may join another team. */
  async withdrawTeam(
    user: AuthUser,
    competitionId: string,
    teamId: string,
    dto: WithdrawTeamRequest,
  ): Promise<TeamView> {
    const competition = await this.loadCompetition(competitionId);
    const actor = await this.registrationAccess.actorFor(user, competition);
    const team = await this.writeTeam(async (tx) => {
      const team = await this.loadTeam(tx, actor, competitionId, teamId, true);
      if (team.status === 'withdrawn')
        throw new TeamStateError(team.status, '队伍已退出', 'The team has already withdrawn');
      const members = await tx.find(Registration, { team });
      const before = {
        status: team.status,
        reason: team.reason,
        members: members.map((member) => member.id),
        captainRegistrationId: team.captainRegistrationId,
      };
      for (const member of members) member.team = null;
      team.captainRegistrationId = null;
      team.status = 'withdrawn';
      team.reason = dto.reason;
      this.audit.record(
        {
          actorId: user.id,
          action: 'team.withdraw',
          subjectType: 'team',
          subjectId: team.id,
          before,
          after: { status: team.status, reason: team.reason, members: [] },
        },
        tx,
      );
      return team;
    });
    return (await this.toViews(this.em, [team]))[0]!;
  }

  // ── helpers ───────────────────────────────────────────────────────────────

  /**
   * A change of name, captain or members. The enterprise may change a forming, submitted or
   * rejected team (which then forms again and is submitted anew); an approved team only an
   * organiser may change, and it must stay complete.
   */
  private async changeTeam(
    user: AuthUser,
    competitionId: string,
    teamId: string,
    action: string,
    change: (tx: EntityManager, team: TeamWithEvent) => Promise<void>,
  ): Promise<TeamView> {
    const competition = await this.loadCompetition(competitionId);
    const actor = await this.registrationAccess.actorFor(user, competition);
    const team = await this.writeTeam(async (tx) => {
      const team = await this.loadTeam(tx, actor, competitionId, teamId, true);
      if (team.status === 'withdrawn')
        throw new TeamStateError(
          team.status,
          '队伍已退出，不能修改',
          'The team has withdrawn: it cannot be changed',
        );
      if (team.status === 'approved' && !actor.organiser)
        throw new TeamStateError(
          team.status,
          '队伍已审核通过，如需调整请联系组织者',
          'The team is approved: ask the organiser to change it',
        );
      const membersBefore = (await tx.find(Registration, { team })).map((member) => member.id);
      const before = {
        name: team.name,
        status: team.status,
        captainRegistrationId: team.captainRegistrationId,
        members: membersBefore,
      };
      await change(tx, team);
      await tx.flush();
      const members = await tx.find(Registration, { team });
      const membersAfter = members.map((member) => member.id);
      const membershipChanged =
        membersAfter.length !== membersBefore.length ||
        membersAfter.some((id) => !membersBefore.includes(id));
      if (team.status === 'approved') {
        const problems = this.completenessProblems(team, members);
        if (problems.length > 0) throw new TeamInvalidError(problems);
      } else if (
        (team.status === 'submitted' || team.status === 'rejected') &&
        (membershipChanged || team.captainRegistrationId !== before.captainRegistrationId)
      ) {
        team.status = 'forming';
      }
      this.audit.record(
        {
          actorId: user.id,
          action,
          subjectType: 'team',
          subjectId: team.id,
          before,
          after: {
            name: team.name,
            status: team.status,
            captainRegistrationId: team.captainRegistrationId,
            members: membersAfter,
          },
        },
        tx,
      );
      return team;
    });
    return (await this.toViews(this.em, [team]))[0]!;
  }

  /** Runs a change in a transaction; a name taken meanwhile becomes a clear 409. */
  private async writeTeam(
    work: (tx: EntityManager) => Promise<TeamWithEvent>,
  ): Promise<TeamWithEvent> {
    try {
      return await this.em.transactional(work);
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException)
        throw new TeamInvalidError([
          issue('name', '该项目已有同名队伍', 'The event already has a team of that name'),
        ]);
      throw error;
    }
  }

  private async addMemberTo(
    tx: EntityManager,
    team: TeamWithEvent,
    registrationId: string,
    problems: FieldIssue[],
    path: string,
  ): Promise<void> {
    const entry = await tx.findOne(
      Registration,
      { id: registrationId, competition: team.competition },
      { populate: ['person', 'team'] },
    );
    if (!entry || entry.event.id !== team.event.id) {
      problems.push(
        issue(path, '该报名不属于此项目', 'This entry is not an entry of the team’s event'),
      );
      return;
    }
    if (entry.person.enterprise?.id !== team.enterprise.id) {
      problems.push(
        issue(
          path,
          `“${entry.person.name}”不是本企业职工，不能加入本队`,
          `"${entry.person.name}" does not work for the team's enterprise`,
        ),
      );
      return;
    }
    if (!(TEAM_MEMBER_STATUSES as readonly string[]).includes(entry.status)) {
      problems.push(
        issue(
          path,
          `“${entry.person.name}”的报名已退出或被驳回，不能入队`,
          `"${entry.person.name}"'s entry is withdrawn or rejected`,
        ),
      );
      return;
    }
    if (entry.team) {
      problems.push(
        issue(
          path,
          entry.team.id === team.id
            ? `“${entry.person.name}”已在本队`
            : `“${entry.person.name}”已在“${entry.team.name}”队，一人只能加入一支队伍`,
          entry.team.id === team.id
            ? `"${entry.person.name}" is already in this team`
            : `"${entry.person.name}" is already in the team "${entry.team.name}"; a person can be in one team only`,
        ),
      );
      return;
    }
    const size = await tx.count(Registration, { team });
    if (team.event.maxTeamSize !== null && size >= team.event.maxTeamSize) {
      problems.push(
        issue(
          path,
          `队伍最多 ${team.event.maxTeamSize} 人，已满`,
          `A team has at most ${team.event.maxTeamSize} members: this one is full`,
        ),
      );
      return;
    }
    entry.team = team;
    await tx.flush();
  }

  private completenessProblems(team: TeamWithEvent, members: Registration[]): FieldIssue[] {
    const problems: FieldIssue[] = [];
    const { minTeamSize, maxTeamSize } = team.event;
    const min = Math.max(1, minTeamSize ?? 1);
    if (members.length < min || (maxTeamSize !== null && members.length > maxTeamSize)) {
      problems.push(
        issue(
          'members',
          `队伍须有 ${min}${maxTeamSize !== null ? `–${maxTeamSize}` : ' 人以上'} 人，现有 ${members.length} 人`,
          `A team needs ${min}${maxTeamSize !== null ? `–${maxTeamSize}` : ' or more'} members; this one has ${members.length}`,
        ),
      );
    }
    if (
      !team.captainRegistrationId ||
      !members.some((member) => member.id === team.captainRegistrationId)
    ) {
      problems.push(
        issue('captainRegistrationId', '请指定一名队员为队长', 'Name one of the members captain'),
      );
    }
    for (const member of members) {
      if (!(TEAM_MEMBER_STATUSES as readonly string[]).includes(member.status)) {
        problems.push(
          issue(
            'members',
            '有队员的报名已退出或被驳回',
            "A member's entry is withdrawn or rejected",
          ),
        );
        break;
      }
    }
    return problems;
  }

  /** The team's enterprise: one the coordinator represents, or one under the organiser's union. */
  private async enterpriseFor(
    actor: RegistrationActor,
    competition: Competition,
    enterpriseId: string | undefined,
  ): Promise<string> {
    if (!actor.organiser) {
      const own = [...actor.enterprises];
      const chosen = enterpriseId ?? (own.length === 1 ? own[0] : undefined);
      if (!chosen || !actor.enterprises.has(chosen))
        throw new TeamInvalidError([
          issue(
            'enterpriseId',
            '只能为本企业组队',
            'You can only form teams of your own enterprise',
          ),
        ]);
      const enterprise = await this.em.findOne(Organisation, { id: chosen, kind: 'enterprise' });
      if (!enterprise)
        throw new TeamInvalidError([issue('enterpriseId', '请选择企业', 'Choose the enterprise')]);
      return chosen;
    }
    if (!enterpriseId)
      throw new TeamInvalidError([
        issue('enterpriseId', '请选择队伍所属企业', 'Choose the team’s enterprise'),
      ]);
    const below = new Set(await this.organisations.descendantIds([competition.organiser.id]));
    const enterprise = await this.em.findOne(Organisation, {
      id: enterpriseId,
      kind: 'enterprise',
    });
    if (!enterprise || !below.has(enterprise.id))
      throw new TeamInvalidError([
        issue('enterpriseId', '没有这个参赛企业', 'No such enterprise can enter this competition'),
      ]);
    return enterprise.id;
  }

  private async checkNameFree(
    tx: EntityManager,
    event: CompetitionEvent,
    name: string,
    selfId: string | null,
  ): Promise<void> {
    const clash = await tx.count(Team, {
      event,
      name,
      ...(selfId ? { id: { $ne: selfId } } : {}),
    });
    if (clash)
      throw new TeamInvalidError([
        issue(
          'name',
          `该项目已有名为“${name}”的队伍`,
          `The event already has a team called "${name}"`,
        ),
      ]);
  }

  private async loadCompetition(competitionId: string): Promise<Competition> {
    const competition = await this.em.findOne(
      Competition,
      { id: competitionId },
      { populate: ['organiser'] },
    );
    if (!competition) throw new EntityNotFoundError('competition', competitionId);
    return competition;
  }

  /** The team, if the caller may see it (organisers: any; coordinators: their enterprise's); else 404. */
  private async loadTeam(
    em: EntityManager,
    actor: RegistrationActor,
    competitionId: string,
    teamId: string,
    lock = false,
  ): Promise<TeamWithEvent> {
    // Serialises changes to one team: the row is locked first, then its event and enterprise read.
    if (lock)
      await em.findOne(
        Team,
        { id: teamId, competition: competitionId },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
    const team = await em.findOne(
      Team,
      { id: teamId, competition: competitionId },
      { populate: ['event', 'enterprise'] },
    );
    if (!team || (!actor.organiser && !actor.enterprises.has(team.enterprise.id)))
      throw new EntityNotFoundError('team', teamId);
    return team as TeamWithEvent;
  }

  private async toViews(em: EntityManager, teams: TeamWithEvent[]): Promise<TeamView[]> {
    if (teams.length === 0) return [];
    const members = await em.find(
      Registration,
      { team: { $in: teams.map((team) => team.id) } },
      { populate: ['person'], orderBy: { createdAt: 'asc', id: 'asc' } },
    );
    return teams.map((team) => {
      const own = members.filter((member) => member.team?.id === team.id);
      return {
        id: team.id,
        competitionId: team.competition.id,
        eventId: team.event.id,
        eventName: team.event.name,
        enterpriseId: team.enterprise.id,
        enterpriseName: team.enterprise.name,
        name: team.name,
        status: team.status,
        reason: team.reason,
        captainRegistrationId: team.captainRegistrationId,
        candidateNumber: team.candidateNumber,
        minSize: team.event.minTeamSize,
        maxSize: team.event.maxTeamSize,
        complete: teamIsComplete(
          team.event,
          own.map((member) => member.id),
          team.captainRegistrationId,
        ),
        members: own.map((member) => ({
          registrationId: member.id,
          personId: member.person.id,
          name: member.person.name,
          registrationStatus: member.status,
          captain: member.id === team.captainRegistrationId,
        })),
        createdAt: team.createdAt.toISOString(),
        updatedAt: team.updatedAt.toISOString(),
      };
    });
  }
}
