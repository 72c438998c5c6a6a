import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type {
  DeclareConflictRequest,
  JudgeConflictView,
  PanelProposal,
  PanelView,
  ProposePanelRequest,
  RoundJudgingSettings,
  SavePanelRequest,
  SetHeadJudgeRequest,
  UpdateRoundJudgingSettings,
} from '@jingsai/contracts';
import type { AuthUser } from '../../common/auth/auth-user';
import {
  ForbiddenError,
  RequestValidationError,
  type FieldIssue,
} from '../../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { ChainWriter } from './chain-writer.service';
import { JudgingAccessService } from './judging-access.service';
import { iso, isoOrNull, sql } from './judging-sql';
import { RoundContextService } from './round-context.service';
import { RECUSAL, SheetsService } from './sheets.service';

const issue = (path: string, zh: string, en: string): FieldIssue => ({
  path,
  message: { 'zh-CN': zh, en },
});

/** Panels (裁判组): who judges a round, which seat, sessions, stations and aspects; head judges; recusal. */
@Injectable()
export class PanelsService {
  constructor(
    private readonly em: EntityManager,
    private readonly rounds: RoundContextService,
    private readonly judgingAccess: JudgingAccessService,
    private readonly sheets: SheetsService,
    private readonly chain: ChainWriter,
    private readonly audit: AuditService,
  ) {}

  async panel(user: AuthUser, roundId: string): Promise<PanelView> {
    const round = await this.rounds.round(roundId);
    await this.judgingAccess.requireStaff(user, round.eventId, round.competitionId);
    return this.panelView(roundId);
  }

  private async panelView(roundId: string): Promise<PanelView> {
    const round = await this.rounds.round(roundId);
    const members = await sql<{
      judge_id: string;
      seat: number;
      session_ids: string[] | null;
      stations: number[] | null;
      aspect_ids: string[] | null;
      display_name: string;
      sheets: number;
    }>(
      this.em,
      `select m.judge_id, m.seat, m.session_ids, m.stations, m.aspect_ids, u.display_name,
              (select count(*) from judging_sheet s where s.round_id = m.round_id and s.judge_id = m.judge_id)::int sheets
         from judging_panel_member m join user_account u on u.id = m.judge_id
        where m.round_id = ? order by m.seat`,
      [roundId],
    );
    const recused = await this.recusedCounts(roundId, round.competitionId);
    const candidates = await this.candidates(round.competitionId);
    const [head] = await sql<{ user_id: string; display_name: string }>(
      this.em,
      `select h.user_id, u.display_name from judging_head_judge h join user_account u on u.id = h.user_id
        where h.event_id = ?`,
      [round.eventId],
    );
    return {
      roundId,
      eventId: round.eventId,
      competitionId: round.competitionId,
      assignments: members.map((member) => ({
        judgeUserId: member.judge_id,
        seat: member.seat,
        sessionIds: member.session_ids,
        stations: member.stations,
        aspectIds: member.aspect_ids,
        judgeName: member.display_name,
        sheetCount: member.sheets,
        recusedCount: recused.get(member.judge_id) ?? 0,
      })),
      candidates,
      headJudge: head ? { userId: head.user_id, name: head.display_name } : null,
    };
  }

  private async recusedCounts(
    roundId: string,
    competitionId: string,
  ): Promise<Map<string, number>> {
    const rows = await sql<{ judge_id: string; n: number }>(
      this.em,
      `select m.judge_id, count(*)::int n
         from judging_panel_member m
         join (select e.id entry_id, coalesce(p.enterprise_id, t.enterprise_id) enterprise_id, p.id person_id
                 from round_entry e left join registration reg on reg.id = e.registration_id
                 left join person p on p.id = reg.person_id left join team t on t.id = e.team_id
                where e.round_id = ?) ei on true
        where m.round_id = ? and ${RECUSAL}
        group by m.judge_id`,
      [roundId, roundId, competitionId],
    );
    return new Map(rows.map((row) => [row.judge_id, row.n]));
  }

  /** Users with a judge grant on the competition, with the enterprises they stand aside for. */
  private async candidates(competitionId: string): Promise<PanelView['candidates']> {
    const judges = await sql<{ id: string; display_name: string; username: string }>(
      this.em,
      `select distinct u.id, u.display_name, u.username from role_grant g join user_account u on u.id = g.user_id
        where g.role = 'judge' and g.scope_type = 'competition' and g.scope_id = ? order by u.display_name`,
      [competitionId],
    );
    const enterprises = await sql<{ judge_id: string; id: string; name: string }>(
      this.em,
      `select c.judge_id, o.id, o.name from judging_conflict c join organisation o on o.id = c.enterprise_id
        where c.competition_id = ? and c.kind = 'employer'`,
      [competitionId],
    );
    return judges.map((judge) => ({
      userId: judge.id,
      name: judge.display_name,
      username: judge.username,
      enterprises: enterprises
        .filter((row) => row.judge_id === judge.id)
        .map((row) => ({ id: row.id, name: row.name })),
    }));
  }

  async savePanel(user: AuthUser, roundId: string, request: SavePanelRequest): Promise<PanelView> {
    const round = await this.rounds.round(roundId);
    await this.judgingAccess.requireOrganiser(user, round.competitionId);
    const candidates = new Set((await this.candidates(round.competitionId)).map((c) => c.userId));
    const issues: FieldIssue[] = [];
    const seats = new Set<number>();
    const judges = new Set<string>();
    const rubric = await this.rounds.rubricOrNull(roundId);
    const nodeIds = new Set(rubric?.aspects.flatMap((aspect) => aspect.path) ?? []);
    request.assignments.forEach((assignment, i) => {
      if (!candidates.has(assignment.judgeUserId))
        issues.push(
          issue(
            `assignments[${i}].judgeUserId`,
            '该用户不是本竞赛的裁判',
            'This user is not a judge of the competition',
          ),
        );
      if (judges.has(assignment.judgeUserId))
        issues.push(
          issue(
            `assignments[${i}].judgeUserId`,
            '同一裁判不能重复安排',
            'A judge can be on the panel once',
          ),
        );
      if (seats.has(assignment.seat))
        issues.push(issue(`assignments[${i}].seat`, '席位号重复', 'The seat number is taken'));
      for (const id of assignment.aspectIds ?? []) {
        if (rubric && !nodeIds.has(id))
          issues.push(
            issue(
              `assignments[${i}].aspectIds`,
              `评分标准中没有“${id}”`,
              `The rubric has no "${id}"`,
            ),
          );
      }
      seats.add(assignment.seat);
      judges.add(assignment.judgeUserId);
    });
    if (issues.length > 0) throw new RequestValidationError(issues);
    const before = await this.panelView(roundId);
    await this.em.transactional(async (tx) => {
      await sql(tx, 'delete from judging_panel_member where round_id = ?', [roundId]);
      for (const assignment of request.assignments) {
        await sql(
          tx,
          `insert into judging_panel_member (id, round_id, judge_id, seat, session_ids, stations, aspect_ids, created_at)
           values (gen_random_uuid(), ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, now())`,
          [
            roundId,
            assignment.judgeUserId,
            assignment.seat,
            json(assignment.sessionIds),
            json(assignment.stations),
            json(assignment.aspectIds),
          ],
        );
      }
      await this.sheets.ensureSheets(roundId, tx);
      this.audit.record(
        {
          actorId: user.id,
          action: 'judging.panel.save',
          subjectType: 'round',
          subjectId: roundId,
          before: before.assignments,
          after: request.assignments,
        },
        tx,
      );
    });
    this.sheets.forgetAssignments();
    return this.panelView(roundId);
  }

  /**
   * A balanced proposal: each entry gets `judgesPerEntry` judges (default all), never one who
   * must stand aside; the least-loaded eligible judges are chosen. Returned, not saved.
   */
  async proposePanel(
    user: AuthUser,
    roundId: string,
    request: ProposePanelRequest,
  ): Promise<PanelProposal> {
    const round = await this.rounds.round(roundId);
    await this.judgingAccess.requireOrganiser(user, round.competitionId);
    const candidates = (await this.candidates(round.competitionId)).map((c) => c.userId);
    const judges = request.judgeUserIds?.filter((id) => candidates.includes(id)) ?? candidates;
    const perEntry = Math.min(request.judgesPerEntry ?? judges.length, judges.length);
    const entries = await sql<{
      id: string;
      anonymous_code: string | null;
      station: number | null;
    }>(
      this.em,
      'select id, anonymous_code, station from round_entry where round_id = ? order by station nulls last, anonymous_code',
      [roundId],
    );
    const conflicts = await sql<{ judge_id: string; entry_id: string }>(
      this.em,
      `select m.judge_id, ei.entry_id
         from (select unnest(?::uuid[]) judge_id) m
         join (select e.id entry_id, coalesce(p.enterprise_id, t.enterprise_id) enterprise_id, p.id person_id
                 from round_entry e left join registration reg on reg.id = e.registration_id
                 left join person p on p.id = reg.person_id left join team t on t.id = e.team_id
                where e.round_id = ?) ei on true
        where ${RECUSAL}`,
      [judges, roundId, round.competitionId],
    );
    const blocked = new Set(conflicts.map((row) => `${row.judge_id}|${row.entry_id}`));
    const load = new Map(
      judges.map((id) => [id, { entries: 0, recused: 0, stations: new Set<number>() }]),
    );
    const shortfalls: PanelProposal['shortfalls'] = [];
    for (const entry of entries) {
      const eligible = judges.filter((id) => !blocked.has(`${id}|${entry.id}`));
      for (const id of judges) if (blocked.has(`${id}|${entry.id}`)) load.get(id)!.recused++;
      const chosen = eligible
        .sort((a, b) => load.get(a)!.entries - load.get(b)!.entries || a.localeCompare(b))
        .slice(0, perEntry);
      for (const id of chosen) {
        load.get(id)!.entries++;
        if (entry.station !== null) load.get(id)!.stations.add(entry.station);
      }
      if (chosen.length < perEntry)
        shortfalls.push({ entryId: entry.id, code: entry.anonymous_code, judges: chosen.length });
    }
    const everyStation = perEntry === judges.length;
    return {
      assignments: judges.map((id, i) => ({
        judgeUserId: id,
        seat: i + 1,
        sessionIds: null,
        stations: everyStation ? null : [...load.get(id)!.stations].sort((a, b) => a - b),
        aspectIds: null,
      })),
      load: judges.map((id) => ({
        judgeUserId: id,
        entries: load.get(id)!.entries,
        recused: load.get(id)!.recused,
      })),
      shortfalls,
    };
  }

  async setHeadJudge(
    user: AuthUser,
    eventId: string,
    request: SetHeadJudgeRequest,
  ): Promise<PanelView['headJudge']> {
    const event = await this.rounds.event(eventId);
    await this.judgingAccess.requireOrganiser(user, event.competitionId);
    const [target] = await sql<{ display_name: string }>(
      this.em,
      `select u.display_name from user_account u join role_grant g on g.user_id = u.id
        where u.id = ? and g.role = 'head_judge' and g.scope_type = 'competition' and g.scope_id = ?`,
      [request.userId, event.competitionId],
    );
    if (!target)
      throw new RequestValidationError([
        issue(
          'userId',
          '该用户没有本竞赛的裁判长权限',
          'This user has no head-judge grant on the competition',
        ),
      ]);
    await sql(
      this.em,
      `insert into judging_head_judge (event_id, user_id, assigned_by, assigned_at) values (?, ?, ?, now())
       on conflict (event_id) do update set user_id = excluded.user_id, assigned_by = excluded.assigned_by, assigned_at = now()`,
      [eventId, request.userId, user.id],
    );
    this.audit.record({
      actorId: user.id,
      action: 'judging.head_judge.set',
      subjectType: 'competition_event',
      subjectId: eventId,
      after: { userId: request.userId },
    });
    await this.em.flush();
    return { userId: request.userId, name: target.display_name };
  }

  async conflicts(user: AuthUser, competitionId: string): Promise<JudgeConflictView[]> {
    await this.judgingAccess.requireOrganiser(user, competitionId);
    const rows = await sql<ConflictRow>(
      this.em,
      `select c.*, o.name enterprise_name from judging_conflict c left join organisation o on o.id = c.enterprise_id
        where c.competition_id = ? order by c.created_at`,
      [competitionId],
    );
    return rows.map(conflictView);
  }

  /** A judge declares their own conflict, or an organiser declares one for a judge. */
  async declareConflict(
    user: AuthUser,
    request: DeclareConflictRequest,
    byOrganiser: boolean,
  ): Promise<JudgeConflictView> {
    let judgeId = user.id;
    if (byOrganiser) {
      await this.judgingAccess.requireOrganiser(user, request.competitionId);
      if (!request.judgeUserId)
        throw new RequestValidationError([issue('judgeUserId', '请选择裁判', 'Choose the judge')]);
      judgeId = request.judgeUserId;
    } else if (!(await this.judgingAccess.isJudge(user, request.competitionId))) {
      throw new ForbiddenError();
    }
    if (request.enterpriseId) {
      const [org] = await sql(this.em, 'select 1 from organisation where id = ?', [
        request.enterpriseId,
      ]);
      if (!org)
        throw new RequestValidationError([
          issue('enterpriseId', '单位不存在', 'No such enterprise'),
        ]);
    }
    if (request.personId) {
      const [person] = await sql(this.em, 'select 1 from person where id = ?', [request.personId]);
      if (!person)
        throw new RequestValidationError([issue('personId', '人员不存在', 'No such person')]);
    }
    const [row] = await sql<ConflictRow>(
      this.em,
      `insert into judging_conflict (id, competition_id, judge_id, kind, enterprise_id, person_id, reason, created_by, created_at)
       values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, now()) returning *`,
      [
        request.competitionId,
        judgeId,
        request.kind,
        request.kind === 'person' ? null : (request.enterpriseId ?? null),
        request.kind === 'person' ? (request.personId ?? null) : null,
        request.reason ?? null,
        user.id,
      ],
    );
    this.audit.record({
      actorId: user.id,
      action: 'judging.conflict.declare',
      subjectType: 'judging_conflict',
      subjectId: row!.id,
      after: request,
    });
    await this.em.flush();
    this.sheets.forgetAssignments();
    return conflictView({ ...row!, enterprise_name: null });
  }

  async settings(user: AuthUser, roundId: string): Promise<RoundJudgingSettings> {
    const round = await this.rounds.round(roundId);
    await this.judgingAccess.requireStaff(user, round.eventId, round.competitionId);
    return this.settingsView(roundId);
  }

  async settingsView(roundId: string, em: EntityManager = this.em): Promise<RoundJudgingSettings> {
    await sql(em, 'insert into judging_round (round_id) values (?) on conflict do nothing', [
      roundId,
    ]);
    const [row] = await sql<{
      phase: RoundJudgingSettings['phase'];
      live_public_scoring: boolean;
      appeal_window_hours: number;
      current_entry_id: string | null;
      verified_at: Date | null;
      published_at: Date | null;
      result_version: number | null;
    }>(em, 'select * from judging_round where round_id = ?', [roundId]);
    return {
      roundId,
      phase: row!.phase,
      livePublicScoring: row!.live_public_scoring,
      appealWindowHours: row!.appeal_window_hours,
      currentEntryId: row!.current_entry_id,
      verifiedAt: isoOrNull(row!.verified_at),
      publishedAt: isoOrNull(row!.published_at),
      resultVersion: row!.result_version,
    };
  }

  async updateSettings(
    user: AuthUser,
    roundId: string,
    request: UpdateRoundJudgingSettings,
  ): Promise<RoundJudgingSettings> {
    const round = await this.rounds.round(roundId);
    const role = await this.judgingAccess.requireStaff(user, round.eventId, round.competitionId);
    // The head judge may move the stage to the next performance; settings are the organiser's.
    const onlyStage =
      request.livePublicScoring === undefined && request.appealWindowHours === undefined;
    if (role !== 'organiser' && !onlyStage) throw new ForbiddenError();
    if (request.currentEntryId) {
      const [entry] = await sql(
        this.em,
        'select 1 from round_entry where id = ? and round_id = ?',
        [request.currentEntryId, roundId],
      );
      if (!entry)
        throw new RequestValidationError([
          issue('currentEntryId', '该选手不在本轮', 'The entry is not in this round'),
        ]);
    }
    const before = await this.settingsView(roundId);
    await sql(
      this.em,
      `update judging_round set live_public_scoring = coalesce(?, live_public_scoring),
              appeal_window_hours = coalesce(?, appeal_window_hours),
              current_entry_id = case when ? then ? else current_entry_id end, updated_at = now()
        where round_id = ?`,
      [
        request.livePublicScoring ?? null,
        request.appealWindowHours ?? null,
        request.currentEntryId !== undefined,
        request.currentEntryId ?? null,
        roundId,
      ],
    );
    await sql(
      this.em,
      `insert into scoreboard_change (event_id, reason, created_at) values (?, 'settings', now())`,
      [round.eventId],
    );
    this.chain.outboxCommitted(round.eventId);
    this.audit.record({
      actorId: user.id,
      action: 'judging.round.settings',
      subjectType: 'round',
      subjectId: roundId,
      before,
      after: request,
    });
    await this.em.flush();
    return this.settingsView(roundId);
  }
}

interface ConflictRow {
  id: string;
  competition_id: string;
  judge_id: string;
  kind: JudgeConflictView['kind'];
  enterprise_id: string | null;
  enterprise_name: string | null;
  person_id: string | null;
  reason: string | null;
  created_at: Date;
}

function conflictView(row: ConflictRow): JudgeConflictView {
  return {
    id: row.id,
    competitionId: row.competition_id,
    judgeUserId: row.judge_id,
    kind: row.kind,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    personId: row.person_id,
    reason: row.reason,
    createdAt: iso(row.created_at),
  };
}

function json(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}
