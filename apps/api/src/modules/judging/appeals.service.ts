import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type {
  AppealCase,
  AppealDecider,
  AppealView,
  ArbitrationAppeal,
  DecideAppealRequest,
  FileAppealRequest,
} from '@jingsai/contracts';
import type { AuthUser } from '../../common/auth/auth-user';
import { EntityNotFoundError, ForbiddenError } from '../../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { OrganisationsService } from '../organisations/organisations.service';
import { JudgingAccessService } from './judging-access.service';
import { appealNotPublished, appealTransition, appealWindowClosed } from './judging.errors';
import { isoOrNull, iso, sql } from './judging-sql';
import { ResultsService } from './results.service';
import { RoundContextService } from './round-context.service';
import { SheetsService } from './sheets.service';

interface AppealRow {
  id: string;
  round_id: string;
  entry_id: string;
  anonymous_code: string | null;
  candidate_number: string | null;
  competitor_name: string | null;
  filed_by_name: string;
  filed_by: string;
  filed_at: string;
  against_version: number;
  reason: string;
  status: AppealView['status'];
  decided_by_name: string | null;
  decided_as: AppealDecider | null;
  decided_at: string | null;
  decision_reason: string | null;
  result_version: number | null;
}

const APPEAL_SELECT = `
  select a.id, a.round_id, a.entry_id, e.anonymous_code,
         coalesce(reg.candidate_number, t.candidate_number) candidate_number,
         coalesce(p.name, t.name) competitor_name, f.display_name filed_by_name, a.filed_by,
         a.filed_at, a.against_version, a.reason, a.status, d.display_name decided_by_name,
         a.decided_as, a.decided_at,
         a.decision_reason, a.result_version
    from judging_appeal a
    join round_entry e on e.id = a.entry_id
    left join registration reg on reg.id = e.registration_id
    left join person p on p.id = reg.person_id
    left join team t on t.id = e.team_id
    join user_account f on f.id = a.filed_by
    left join user_account d on d.id = a.decided_by`;

/**
 * Appeals (申诉): a competitor, or their enterprise's coordinator, files one within the round's
 * window after publication; the event's head judge or the competition's arbitration group (仲裁组)
 * reviews it (re-marks go through re-mark requests, corrections carry reasons) and records the
 * decision, and the head judge's republication makes a new version.
 */
@Injectable()
export class AppealsService {
  constructor(
    private readonly em: EntityManager,
    private readonly rounds: RoundContextService,
    private readonly judgingAccess: JudgingAccessService,
    private readonly organisations: OrganisationsService,
    private readonly sheets: SheetsService,
    private readonly results: ResultsService,
    private readonly audit: AuditService,
  ) {}

  async file(user: AuthUser, roundId: string, request: FileAppealRequest): Promise<AppealView> {
    const round = await this.rounds.round(roundId);
    const [entry] = await sql<{ person_user_id: string | null; enterprise_id: string | null }>(
      this.em,
      `select p.user_id person_user_id, coalesce(p.enterprise_id, t.enterprise_id) enterprise_id
         from round_entry e
         left join registration reg on reg.id = e.registration_id
         left join person p on p.id = reg.person_id
         left join team t on t.id = e.team_id
        where e.id = ? and e.round_id = ?`,
      [request.entryId, roundId],
    );
    if (!entry) throw new EntityNotFoundError('round entry', request.entryId);
    if (!(await this.mayAppealFor(user, round.competitionId, entry))) throw new ForbiddenError();
    const [state] = await sql<{
      published_at: string | null;
      appeal_window_hours: number;
      result_version: number | null;
    }>(
      this.em,
      'select published_at, appeal_window_hours, result_version from judging_round where round_id = ?',
      [roundId],
    );
    if (!state?.published_at || state.result_version === null) throw appealNotPublished();
    const closes = new Date(state.published_at).getTime() + state.appeal_window_hours * 3_600_000;
    if (Date.now() > closes) throw appealWindowClosed(state.appeal_window_hours);
    const [row] = await sql<{ id: string }>(
      this.em,
      `insert into judging_appeal (id, round_id, entry_id, filed_by, filed_at, against_version, reason, status)
       values (gen_random_uuid(), ?, ?, ?, now(), ?, ?, 'filed') returning id`,
      [roundId, request.entryId, user.id, state.result_version, request.reason],
    );
    this.audit.record({
      actorId: user.id,
      action: 'judging.appeal.file',
      subjectType: 'judging_appeal',
      subjectId: row!.id,
      after: request,
    });
    await this.em.flush();
    return this.view(row!.id);
  }

  /** The competitor themself, or a coordinator whose enterprise (or a parent) the entry belongs to. */
  private async mayAppealFor(
    user: AuthUser,
    competitionId: string,
    entry: { person_user_id: string | null; enterprise_id: string | null },
  ): Promise<boolean> {
    if (entry.person_user_id === user.id) return true;
    if (!entry.enterprise_id) return false;
    const coordinatorOf = user.grants.flatMap((grant) =>
      grant.role === 'coordinator' && grant.scopeType === 'organisation' && grant.scopeId
        ? [grant.scopeId]
        : [],
    );
    if (coordinatorOf.length === 0) return false;
    const covered = await this.organisations.descendantIds(coordinatorOf);
    void competitionId;
    return covered.includes(entry.enterprise_id);
  }

  async list(user: AuthUser, roundId: string): Promise<AppealView[]> {
    const round = await this.rounds.round(roundId);
    const staff =
      (await this.judgingAccess.isHeadJudge(user, round.eventId, round.competitionId)) ||
      (await this.judgingAccess.isArbitrator(user, round.competitionId)) ||
      (await this.judgingAccess.isOrganiser(user, round.competitionId));
    const rows = await sql<AppealRow>(
      this.em,
      `${APPEAL_SELECT} where a.round_id = ? ${staff ? '' : 'and (a.filed_by = ? or p.user_id = ?)'} order by a.filed_at`,
      staff ? [roundId] : [roundId, user.id, user.id],
    );
    return rows.map(appealView);
  }

  /** The appeal with what it is about: the result it is against and the entry's sheets. */
  async appealCase(user: AuthUser, appealId: string): Promise<AppealCase> {
    const row = await this.row(appealId);
    const round = await this.rounds.round(row.round_id);
    const canDecide =
      (await this.judgingAccess.isHeadJudge(user, round.eventId, round.competitionId)) ||
      (await this.judgingAccess.isArbitrator(user, round.competitionId));
    if (!canDecide) await this.judgingAccess.requireOrganiser(user, round.competitionId);
    const against = await this.results.version(row.round_id, row.against_version);
    return {
      appeal: appealView(row),
      competitionId: round.competitionId,
      eventId: round.eventId,
      againstVersion: row.against_version,
      result: against.rows.find((result) => result.entryId === row.entry_id) ?? null,
      sheets: await this.sheets.entrySheets(row.round_id, row.entry_id),
      canDecide,
    };
  }

  /**
   * The appeals of every competition whose arbitration group the caller is in (by a grant on the
   * competition), open ones first, newest first within each.
   */
  async arbitrationAppeals(user: AuthUser): Promise<ArbitrationAppeal[]> {
    const competitionIds = user.grants.flatMap((grant) =>
      grant.role === 'arbitrator' && grant.scopeType === 'competition' && grant.scopeId
        ? [grant.scopeId]
        : [],
    );
    if (competitionIds.length === 0) return [];
    const rows = await sql<
      AppealRow & {
        competition_id: string;
        competition_name: string;
        event_name: string;
        round_name: string;
      }
    >(
      this.em,
      `select x.*, c.id competition_id, c.name competition_name, ev.name event_name,
              r.name round_name
         from (${APPEAL_SELECT}) x
         join round r on r.id = x.round_id
         join competition_event ev on ev.id = r.event_id
         join competition c on c.id = ev.competition_id
        where c.id = any(?::uuid[])
        order by x.status in ('filed', 'under_review') desc, x.filed_at desc
        limit 500`,
      [competitionIds],
    );
    return rows.map((row) => ({
      ...appealView(row),
      competitionId: row.competition_id,
      competitionName: row.competition_name,
      eventName: row.event_name,
      roundName: row.round_name,
    }));
  }

  async review(user: AuthUser, appealId: string): Promise<AppealView> {
    return this.change(user, appealId, 'under_review', null);
  }

  async decide(
    user: AuthUser,
    appealId: string,
    request: DecideAppealRequest,
  ): Promise<AppealView> {
    return this.change(user, appealId, request.decision, request.reason);
  }

  private async change(
    user: AuthUser,
    appealId: string,
    to: AppealView['status'],
    reason: string | null,
  ): Promise<AppealView> {
    const current = await this.view(appealId);
    const round = await this.rounds.round(current.roundId);
    const decidedAs = await this.judgingAccess.requireAppealDecider(
      user,
      round.eventId,
      round.competitionId,
    );
    const allowed =
      to === 'under_review'
        ? current.status === 'filed'
        : current.status === 'filed' || current.status === 'under_review';
    if (!allowed) throw appealTransition(current.status, to);
    await sql(
      this.em,
      to === 'under_review'
        ? `update judging_appeal set status = ? where id = ?`
        : `update judging_appeal set status = ?, decided_by = ?, decided_as = ?, decided_at = now(),
                  decision_reason = ? where id = ?`,
      to === 'under_review' ? [to, appealId] : [to, user.id, decidedAs, reason, appealId],
    );
    this.audit.record({
      actorId: user.id,
      action: `judging.appeal.${to}`,
      subjectType: 'judging_appeal',
      subjectId: appealId,
      before: { status: current.status },
      after: { status: to, reason, as: decidedAs },
    });
    await this.em.flush();
    return this.view(appealId);
  }

  private async view(appealId: string): Promise<AppealView> {
    return appealView(await this.row(appealId));
  }

  private async row(appealId: string): Promise<AppealRow> {
    const [row] = await sql<AppealRow>(this.em, `${APPEAL_SELECT} where a.id = ?`, [appealId]);
    if (!row) throw new EntityNotFoundError('appeal', appealId);
    return row;
  }
}

function appealView(row: AppealRow): AppealView {
  return {
    id: row.id,
    roundId: row.round_id,
    entryId: row.entry_id,
    entryCode: row.candidate_number ?? row.anonymous_code,
    competitorName: row.competitor_name,
    filedByName: row.filed_by_name,
    filedAt: iso(row.filed_at),
    reason: row.reason,
    status: row.status,
    decidedByName: row.decided_by_name,
    decidedAs: row.decided_as,
    decidedAt: isoOrNull(row.decided_at),
    decisionReason: row.decision_reason,
    resultVersion: row.result_version,
  };
}
