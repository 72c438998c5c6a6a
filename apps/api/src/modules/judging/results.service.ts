import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type {
  Discrepancy,
  JudgingRoundSummary,
  ReconcileRequest,
  ResultDiff,
  ResultRow,
  ResultVersionSummary,
  ResultVersionView,
  RoundJudgingSettings,
  RoundSheetsView,
  RoundTransitionRequest,
} from '@jingsai/contracts';
import type { EntryResult, NodeResult } from '@jingsai/scoring';
import type { AuthUser } from '../../common/auth/auth-user';
import { EntityNotFoundError, RequestValidationError } from '../../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { ChainWriter } from './chain-writer.service';
import { JudgingAccessService } from './judging-access.service';
import { phaseTransition, reasonMissing, resultsIncomplete } from './judging.errors';
import { iso, sql } from './judging-sql';
import { PanelsService } from './panels.service';
import { RoundContextService } from './round-context.service';
import { RoundScoringService, type RoundScore } from './round-scoring.service';
import { SheetsService, sheetSummary } from './sheets.service';

/** The head judge's side: live sheets, discrepancies, reconciliation, verification, publication. */
@Injectable()
export class ResultsService {
  constructor(
    private readonly em: EntityManager,
    private readonly rounds: RoundContextService,
    private readonly judgingAccess: JudgingAccessService,
    private readonly sheets: SheetsService,
    private readonly panels: PanelsService,
    private readonly scoring: RoundScoringService,
    private readonly chain: ChainWriter,
    private readonly audit: AuditService,
  ) {}

  /**
   * Every round of the competition's events with its judging phase, for finding a round's review
   * or results pages. Any signed-in user may list them (round names and phases are not private);
   * what they may do there is decided per round (`canReview`, `canVerifyAudit`).
   */
  async listRounds(user: AuthUser, competitionId: string): Promise<JudgingRoundSummary[]> {
    const [competition] = await sql(this.em, 'select 1 from competition where id = ?', [
      competitionId,
    ]);
    if (!competition) throw new EntityNotFoundError('competition', competitionId);
    const rows = await sql<{
      event_id: string;
      event_name: string;
      round_id: string;
      round_name: string;
      phase: JudgingRoundSummary['phase'] | null;
      result_version: number | null;
      published_at: string | null;
      appeal_window_hours: number | null;
    }>(
      this.em,
      `select e.id as event_id, e.name as event_name, r.id as round_id, r.name as round_name,
              j.phase, j.result_version, j.published_at, j.appeal_window_hours
         from round r
         join competition_event e on e.id = r.event_id
         left join judging_round j on j.round_id = r.id
        where e.competition_id = ?
        order by e.sort_order, e.name, r.sequence`,
      [competitionId],
    );
    const organiser = await this.judgingAccess.isOrganiser(user, competitionId);
    const arbitrator = await this.judgingAccess.isArbitrator(user, competitionId);
    const headJudgeOf = new Map<string, boolean>();
    const summaries: JudgingRoundSummary[] = [];
    for (const row of rows) {
      if (!organiser && !headJudgeOf.has(row.event_id)) {
        headJudgeOf.set(
          row.event_id,
          await this.judgingAccess.isHeadJudge(user, row.event_id, competitionId),
        );
      }
      const publishedAt = row.published_at === null ? null : new Date(row.published_at);
      summaries.push({
        competitionId,
        eventId: row.event_id,
        eventName: row.event_name,
        roundId: row.round_id,
        roundName: row.round_name,
        phase: row.phase ?? 'draft',
        resultVersion: row.result_version,
        publishedAt: publishedAt?.toISOString() ?? null,
        appealsCloseAt:
          publishedAt === null
            ? null
            : new Date(
                publishedAt.getTime() + (row.appeal_window_hours ?? 72) * 3_600_000,
              ).toISOString(),
        canReview: organiser || headJudgeOf.get(row.event_id) === true,
        canArbitrate: arbitrator,
        canVerifyAudit: organiser,
      });
    }
    return summaries;
  }

  async roundSheets(user: AuthUser, roundId: string): Promise<RoundSheetsView> {
    const round = await this.rounds.round(roundId);
    await this.judgingAccess.requireStaff(user, round.eventId, round.competitionId);
    await this.sheets.ensureSheets(roundId);
    const revealed = await this.sheets.isRevealed(roundId);
    const rows = await this.sheets.sheetRows('s.round_id = ?', [roundId]);
    const panel = await sql<{ judge_id: string; seat: number; display_name: string }>(
      this.em,
      `select m.judge_id, m.seat, u.display_name from judging_panel_member m
         join user_account u on u.id = m.judge_id where m.round_id = ? order by m.seat`,
      [roundId],
    );
    const required = await this.sheets.requiredByJudge(roundId);
    const score = await this.scoring.live(roundId);
    const entries = await sql<{ id: string }>(
      this.em,
      'select id from round_entry where round_id = ? order by station nulls last, anonymous_code nulls last, id',
      [roundId],
    );
    const byEntry = new Map<string, typeof rows>();
    for (const row of rows) byEntry.set(row.entry_id, [...(byEntry.get(row.entry_id) ?? []), row]);
    const entryRows = await this.entryRows(roundId);
    return {
      roundId,
      eventId: round.eventId,
      competitionId: round.competitionId,
      roundName: round.roundName,
      settings: await this.panels.settingsView(roundId),
      seats: panel.map((member) => ({
        seat: member.seat,
        judgeUserId: member.judge_id,
        judgeName: member.display_name,
      })),
      rows: entries.map(({ id }) => {
        const sheets = byEntry.get(id) ?? [];
        const figures = figuresOf(score, id);
        return {
          entry: this.sheets.entryView(entryRows.get(id)!, revealed),
          sheets: sheets.map((sheet) => sheetSummary(sheet, required.get(sheet.judge_id) ?? [])),
          ...figures,
        };
      }),
    };
  }

  /** Entry rows for views, also for entries with no sheet yet. */
  private async entryRows(roundId: string) {
    const rows = await sql<{
      entry_id: string;
      anonymous_code: string | null;
      session_id: string | null;
      station: number | null;
      attendance: 'expected' | 'present' | 'absent';
      candidate_number: string | null;
      entry_name: string | null;
      enterprise_name: string | null;
    }>(
      this.em,
      `select e.id entry_id, e.anonymous_code, e.session_id, e.station, e.attendance,
              coalesce(reg.candidate_number, t.candidate_number) candidate_number,
              coalesce(p.name, t.name) entry_name, o.name enterprise_name
         from round_entry e
         left join registration reg on reg.id = e.registration_id
         left join person p on p.id = reg.person_id
         left join team t on t.id = e.team_id
         left join organisation o on o.id = coalesce(p.enterprise_id, t.enterprise_id)
        where e.round_id = ?`,
      [roundId],
    );
    return new Map(
      rows.map((row) => [
        row.entry_id,
        {
          ...row,
          session_label: null,
          id: '',
          status: 'open' as const,
          remark_reason: null,
          updated_at: new Date(0),
          judge_id: '',
          round_id: roundId,
          judge_name: '',
          seat: null,
          marked_aspects: [],
          recused: false,
        },
      ]),
    );
  }

  /** Nodes needing the head judge (spread over the limit, refused missing judges) and pending marks. */
  async discrepancies(user: AuthUser, roundId: string): Promise<Discrepancy[]> {
    const round = await this.rounds.round(roundId);
    await this.judgingAccess.requireStaff(user, round.eventId, round.competitionId);
    return this.findDiscrepancies(roundId);
  }

  private async findDiscrepancies(roundId: string): Promise<Discrepancy[]> {
    const score = await this.scoring.live(roundId);
    if (!score) return [];
    const revealed = await this.sheets.isRevealed(roundId);
    const entryRows = await this.entryRows(roundId);
    const names = new Map<string, { zh: string; en: string }>();
    for (const module of score.rubric.rubric.modules) {
      names.set(module.id, module.name);
      for (const criterion of module.criteria) {
        names.set(criterion.id, criterion.name);
        for (const aspect of criterion.aspects) names.set(aspect.id, aspect.name);
      }
    }
    const reviewed = new Set(
      (
        await sql<{ entry_id: string; node_id: string; attempt: number | null }>(
          this.em,
          'select entry_id, node_id, attempt from judging_review where round_id = ?',
          [roundId],
        )
      ).map((row) => `${row.entry_id}|${row.node_id}|${row.attempt ?? ''}`),
    );
    const marks = await sql<{
      entry_id: string;
      aspect_id: string;
      attempt: number | null;
      judge_id: string;
      value: string;
      display_name: string;
    }>(
      this.em,
      `select distinct on (k.sheet_id, k.aspect_id, k.attempt) k.entry_id, k.aspect_id, k.attempt, k.judge_id, k.value, u.display_name
         from judging_mark k join user_account u on u.id = k.judge_id
        where k.round_id = ? and k.sheet_id is not null order by k.sheet_id, k.aspect_id, k.attempt, k.seq desc`,
      [roundId],
    );
    const result: Discrepancy[] = [];
    for (const entry of score.result.entries) {
      if (entry.entry.status === 'dns') continue;
      const info = entryRows.get(entry.entry.id);
      if (!info) continue;
      for (const node of leafProblems(entry.result)) {
        const issue = node.issue;
        const kind: Discrepancy['kind'] =
          issue?.code === 'spread_exceeded'
            ? 'spread_exceeded'
            : issue?.code === 'no_marks' ||
                issue?.code === 'marks_pending' ||
                issue?.code === 'judge_absent'
              ? 'missing_marks'
              : 'other';
        result.push({
          entry: this.sheets.entryView(info, revealed),
          nodeId: node.node,
          nodeName: names.get(node.node) ?? { zh: node.node, en: node.node },
          attempt: node.attempt ?? null,
          kind,
          message: describeIssue(node),
          marks: marks
            .filter(
              (mark) =>
                mark.entry_id === entry.entry.id &&
                mark.aspect_id === node.node &&
                (mark.attempt ?? null) === (node.attempt ?? null),
            )
            .map((mark) => ({
              seat: score.seats.get(mark.judge_id) ?? 0,
              judgeName: mark.display_name,
              value: mark.value,
            }))
            .sort((a, b) => a.seat - b.seat),
          reviewed: reviewed.has(`${entry.entry.id}|${node.node}|${node.attempt ?? ''}`),
        });
      }
    }
    return result;
  }

  /** Reconcile: the head judge accepts a node's marks as they stand, with a note (chained). */
  async reconcile(
    user: AuthUser,
    roundId: string,
    request: ReconcileRequest,
  ): Promise<Discrepancy[]> {
    const round = await this.rounds.round(roundId);
    await this.judgingAccess.requireHeadJudge(user, round.eventId, round.competitionId);
    const [entry] = await sql(this.em, 'select 1 from round_entry where id = ? and round_id = ?', [
      request.entryId,
      roundId,
    ]);
    if (!entry) throw new EntityNotFoundError('round entry', request.entryId);
    const rubric = await this.rounds.rubric(roundId);
    const nodes = new Set(rubric.aspects.flatMap((aspect) => aspect.path));
    if (!nodes.has(request.nodeId))
      throw new RequestValidationError([
        {
          path: 'nodeId',
          message: {
            'zh-CN': `评分标准中没有“${request.nodeId}”`,
            en: `The rubric has no "${request.nodeId}"`,
          },
        },
      ]);
    await this.chain.submit(round.eventId, {
      sheetIds: [],
      keys: [],
      run: (batch) => {
        batch.append(
          'judging_review',
          {
            round_id: roundId,
            entry_id: request.entryId,
            node_id: request.nodeId,
            attempt: request.attempt ?? null,
            note: request.note,
            actor_id: user.id,
            at: batch.now,
          },
          'review',
        );
      },
    });
    return this.findDiscrepancies(roundId);
  }

  /** draft → verified: every entry present must be complete and every sheet submitted or locked. */
  async verify(
    user: AuthUser,
    roundId: string,
    request: RoundTransitionRequest,
  ): Promise<RoundJudgingSettings> {
    const round = await this.rounds.round(roundId);
    await this.judgingAccess.requireHeadJudge(user, round.eventId, round.competitionId);
    if (round.phase !== 'draft') throw phaseTransition(round.phase, 'verified');
    await this.requireReady(roundId);
    await this.transition(user, roundId, round.eventId, 'verified', request.reason ?? null);
    return this.panels.settingsView(roundId);
  }

  /** verified → draft, with a reason (e.g. a late correction). */
  async unverify(
    user: AuthUser,
    roundId: string,
    request: RoundTransitionRequest,
  ): Promise<RoundJudgingSettings> {
    const round = await this.rounds.round(roundId);
    await this.judgingAccess.requireHeadJudge(user, round.eventId, round.competitionId);
    if (!request.reason) throw reasonMissing();
    if (round.phase !== 'verified') throw phaseTransition(round.phase, 'draft');
    await this.transition(user, roundId, round.eventId, 'draft', request.reason);
    return this.panels.settingsView(roundId);
  }

  private async requireReady(roundId: string): Promise<RoundScore> {
    const score = await this.scoring.live(roundId);
    if (!score) throw resultsIncomplete(0);
    const notReady = score.result.entries.filter(
      (entry) => entry.entry.status !== 'dns' && entry.status !== 'complete',
    ).length;
    const [open] = await sql<{ n: number }>(
      this.em,
      `select count(*)::int n from judging_sheet s join round_entry e on e.id = s.entry_id
        where s.round_id = ? and e.attendance <> 'absent' and s.status in ('open', 'reopened')
          and exists (select 1 from judging_panel_member m where m.round_id = s.round_id and m.judge_id = s.judge_id)`,
      [roundId],
    );
    const count = notReady + (open?.n ?? 0);
    if (count > 0) throw resultsIncomplete(count);
    return score;
  }

  private async transition(
    user: AuthUser,
    roundId: string,
    eventId: string,
    to: 'draft' | 'verified',
    reason: string | null,
  ) {
    const before = await this.panels.settingsView(roundId);
    await this.em.transactional(async (tx) => {
      await sql(
        tx,
        `update judging_round set phase = ?, verified_at = ?, verified_by = ?, updated_at = now() where round_id = ?`,
        [to, to === 'verified' ? new Date() : null, to === 'verified' ? user.id : null, roundId],
      );
      await sql(
        tx,
        'insert into scoreboard_change (event_id, reason, created_at) values (?, ?, now())',
        [eventId, to],
      );
      this.audit.record(
        {
          actorId: user.id,
          action: `judging.round.${to}`,
          subjectType: 'round',
          subjectId: roundId,
          before: { phase: before.phase },
          after: { phase: to, reason },
        },
        tx,
      );
    });
    this.chain.outboxCommitted(eventId);
  }

  /**
   * verified → published (or a republication after an appeal): stores an immutable result
   * version and, when the event has a next round, enters the advancing entries into it.
   */
  async publish(
    user: AuthUser,
    roundId: string,
    request: RoundTransitionRequest,
  ): Promise<ResultVersionSummary> {
    const round = await this.rounds.round(roundId);
    const role = await this.judgingAccess.requireStaff(user, round.eventId, round.competitionId);
    void role;
    if (round.phase === 'draft') throw phaseTransition(round.phase, 'published');
    const score = await this.requireReady(roundId);
    const rows = resultRows(score, true);
    const version = await this.em.transactional(async (tx) => {
      const [locked] = await sql<{ phase: string; result_version: number | null }>(
        tx,
        'select phase, result_version from judging_round where round_id = ? for update',
        [roundId],
      );
      if (!locked || locked.phase === 'draft')
        throw phaseTransition(locked?.phase ?? 'draft', 'published');
      const next = (locked.result_version ?? 0) + 1;
      const appeals = await sql<{ id: string }>(
        tx,
        `select id from judging_appeal where round_id = ? and status in ('upheld', 'rejected') and result_version is null`,
        [roundId],
      );
      const promoted = await this.promote(tx, round.eventId, round.sequence, score);
      await sql(
        tx,
        `insert into judging_result_version (id, round_id, version, rows, chain_seq, published_by, published_at, reason, appeal_ids, promoted)
         values (gen_random_uuid(), ?, ?, ?::jsonb, ?, ?, now(), ?, ?::jsonb, ?)`,
        [
          roundId,
          next,
          JSON.stringify(rows),
          score.seq.toString(),
          user.id,
          request.reason ?? null,
          JSON.stringify(appeals.map((a) => a.id)),
          promoted,
        ],
      );
      await sql(tx, `update judging_appeal set result_version = ? where id = any(?::uuid[])`, [
        next,
        appeals.map((a) => a.id),
      ]);
      await sql(
        tx,
        `update judging_round set phase = 'published', published_at = now(), result_version = ?, updated_at = now() where round_id = ?`,
        [next, roundId],
      );
      await sql(
        tx,
        `insert into scoreboard_change (event_id, reason, created_at) values (?, 'published', now())`,
        [round.eventId],
      );
      this.audit.record(
        {
          actorId: user.id,
          action: 'judging.round.publish',
          subjectType: 'round',
          subjectId: roundId,
          after: { version: next, promoted, reason: request.reason ?? null },
        },
        tx,
      );
      return next;
    });
    this.chain.outboxCommitted(round.eventId);
    return this.versionSummary(roundId, version);
  }

  /** Enters the advancing entries into the event's next round (once; later versions add new ones). */
  private async promote(
    tx: EntityManager,
    eventId: string,
    sequence: number,
    score: RoundScore,
  ): Promise<number> {
    const [next] = await sql<{ id: string }>(
      tx,
      'select id from round where event_id = ? and sequence > ? order by sequence limit 1',
      [eventId, sequence],
    );
    if (!next) return 0;
    const advancing = score.result.standings
      .flatMap((group) => group.standings)
      .filter((standing) => standing.advances)
      .map((standing) => score.entries.get(standing.entry))
      .filter((entry) => entry !== undefined);
    let count = 0;
    for (const entry of advancing) {
      const inserted = await sql(
        tx,
        `insert into round_entry (id, round_id, registration_id, team_id, attendance, created_at)
         values (gen_random_uuid(), ?, ?, ?, 'expected', now()) on conflict do nothing returning id`,
        [next.id, entry.registrationId, entry.teamId],
      );
      count += inserted.length;
    }
    return count;
  }

  // ------------------------------------------------------------------ versions

  async versions(roundId: string): Promise<ResultVersionSummary[]> {
    await this.rounds.round(roundId);
    const rows = await sql<{ version: number }>(
      this.em,
      'select version from judging_result_version where round_id = ? order by version',
      [roundId],
    );
    return Promise.all(rows.map((row) => this.versionSummary(roundId, row.version)));
  }

  async version(roundId: string, version: number): Promise<ResultVersionView> {
    const summary = await this.versionSummary(roundId, version);
    const [row] = await sql<{ rows: ResultRow[] }>(
      this.em,
      'select rows from judging_result_version where round_id = ? and version = ?',
      [roundId, version],
    );
    const revealed = await this.sheets.isRevealed(roundId);
    return {
      ...summary,
      rows: revealed ? row!.rows : await blindRows(this.em, row!.rows),
    };
  }

  private async versionSummary(roundId: string, version: number): Promise<ResultVersionSummary> {
    const [row] = await sql<{
      published_at: Date;
      display_name: string;
      reason: string | null;
      appeal_ids: string[];
      promoted: number;
    }>(
      this.em,
      `select v.published_at, u.display_name, v.reason, v.appeal_ids, v.promoted
         from judging_result_version v join user_account u on u.id = v.published_by
        where v.round_id = ? and v.version = ?`,
      [roundId, version],
    );
    if (!row) throw new EntityNotFoundError('result version', String(version));
    return {
      roundId,
      version,
      publishedAt: iso(row.published_at),
      publishedByName: row.display_name,
      reason: row.reason,
      appealIds: row.appeal_ids,
      promoted: row.promoted,
    };
  }

  async diff(roundId: string, from: number, to: number): Promise<ResultDiff> {
    const before = await this.version(roundId, from);
    const after = await this.version(roundId, to);
    const changes: ResultDiff['changes'] = [];
    const old = new Map(before.rows.map((row) => [row.entryId, row]));
    const fields = ['total', 'rank', 'award', 'advances', 'status'] as const;
    for (const row of after.rows) {
      const previous = old.get(row.entryId);
      if (!previous) {
        changes.push({
          entryId: row.entryId,
          code: row.code,
          name: row.name,
          field: 'added',
          before: null,
          after: row.total,
        });
        continue;
      }
      old.delete(row.entryId);
      for (const field of fields) {
        const a = previous[field] === null ? null : String(previous[field]);
        const b = row[field] === null ? null : String(row[field]);
        if (a !== b)
          changes.push({
            entryId: row.entryId,
            code: row.code,
            name: row.name,
            field,
            before: a,
            after: b,
          });
      }
    }
    for (const row of old.values())
      changes.push({
        entryId: row.entryId,
        code: row.code,
        name: row.name,
        field: 'removed',
        before: row.total,
        after: null,
      });
    return { roundId, from, to, changes };
  }
}

/**
 * Result rows of a round score, best first. With `includeNames` (the draw is revealed, or for
 * storing a version): candidate number, name and enterprise; otherwise the anonymous code only.
 */
export function resultRows(score: RoundScore, includeNames: boolean): ResultRow[] {
  const awardNames = new Map(
    (score.rubric.rubric.awards?.tiers ?? []).map((tier) => [tier.id, tier.name.zh]),
  );
  const results = new Map(score.result.entries.map((entry) => [entry.entry.id, entry]));
  return score.result.standings.flatMap((group) =>
    group.standings.map((standing) => {
      const info = score.entries.get(standing.entry)!;
      const entry = results.get(standing.entry)!;
      return {
        entryId: standing.entry,
        code:
          (includeNames ? info.candidateNumber : null) ?? info.code ?? standing.entry.slice(0, 8),
        name: includeNames ? info.name : null,
        enterprise: includeNames ? info.enterprise : null,
        // an absent entry has no result, whatever the rubric makes of no marks
        total: entry.entry.status === 'dns' ? null : (entry.total?.toString() ?? null),
        rank: standing.place,
        award: standing.award ? (awardNames.get(standing.award) ?? standing.award) : null,
        advances: standing.advances ?? false,
        status: entry.entry.status === 'dns' ? 'absent' : entry.status,
      };
    }),
  );
}

function figuresOf(
  score: RoundScore | null,
  entryId: string,
): {
  total: string | null;
  rank: number | null;
  status: 'complete' | 'incomplete' | 'needs_review' | 'absent';
} {
  if (!score) return { total: null, rank: null, status: 'incomplete' };
  const entry = score.result.entries.find((candidate) => candidate.entry.id === entryId);
  if (!entry) return { total: null, rank: null, status: 'incomplete' };
  const standing = score.result.standings
    .flatMap((group) => group.standings)
    .find((s) => s.entry === entryId);
  return {
    total: entry.total?.toString() ?? null,
    rank: standing?.place ?? null,
    status: entry.entry.status === 'dns' ? 'absent' : entry.status,
  };
}

/** The deepest nodes that are not complete (a parent only inherits its children's status). */
function leafProblems(node: NodeResult): NodeResult[] {
  if (node.status === 'complete') return [];
  const children = [...(node.children ?? []), ...(node.attempts ?? [])];
  const below = children.flatMap(leafProblems);
  if (below.length > 0) return below;
  return node.issue ? [node] : [];
}

function describeIssue(node: NodeResult): { zh: string; en: string } {
  const issue = node.issue;
  switch (issue?.code) {
    case 'spread_exceeded':
      return {
        zh: `分差 ${issue.spread.toString()} 超过允许的 ${issue.limit.toString()}，须裁判长复核`,
        en: `Spread ${issue.spread.toString()} exceeds the limit ${issue.limit.toString()}; the head judge must review`,
      };
    case 'no_marks':
      return { zh: '尚无评分', en: 'No marks yet' };
    case 'marks_pending':
      return {
        zh: `已收到 ${issue.received}/${issue.expected} 个评分`,
        en: `${issue.received} of ${issue.expected} marks received`,
      };
    case 'too_many_marks':
      return {
        zh: `评分过多（${issue.received}/${issue.expected}）`,
        en: `Too many marks (${issue.received} of ${issue.expected})`,
      };
    case 'judge_absent':
      return { zh: '有裁判缺席，须裁判长决定', en: 'A judge is absent; the head judge decides' };
    case 'cannot_trim':
      return {
        zh: `评分数（${issue.received}）不足以去掉最高最低分`,
        en: `Too few marks (${issue.received}) to drop the highest and lowest`,
      };
    case 'marks_differ':
      return { zh: '多次记录的数值不一致', en: 'Recorded values differ' };
    case 'missing_parameter':
      return {
        zh: `缺少参数“${issue.parameter}”`,
        en: `Parameter "${issue.parameter}" is missing`,
      };
    case 'attempts_pending':
      return {
        zh: `完成 ${issue.complete}/${issue.required} 次`,
        en: `${issue.complete} of ${issue.required} attempts complete`,
      };
    case undefined:
      return { zh: '未完成', en: 'Incomplete' };
  }
}

export type { EntryResult };

/** Stored rows as shown while the draw is not revealed: anonymous code, no name or enterprise. */
export async function blindRows(em: EntityManager, rows: ResultRow[]): Promise<ResultRow[]> {
  const codes = await sql<{ id: string; anonymous_code: string | null }>(
    em,
    'select id, anonymous_code from round_entry where id = any(?::uuid[])',
    [rows.map((row) => row.entryId)],
  );
  const codeOf = new Map(codes.map((row) => [row.id, row.anonymous_code]));
  return rows.map((row) => ({
    ...row,
    code: codeOf.get(row.entryId) ?? row.entryId.slice(0, 8),
    name: null,
    enterprise: null,
  }));
}
