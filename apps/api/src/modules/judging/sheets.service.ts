import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  type JudgedEntry,
  type JudgeQueue,
  type Locale,
  type MarkAck,
  type QueueRound,
  type SheetActionRequest,
  type SheetStatus,
  type SheetSummary,
  type SheetView,
  type SubmitMarksRequest,
  type SubmitMarksResponse,
  type SubmitSheetRequest,
  translateError,
} from '@jingsai/contracts';
import type { AuthUser } from '../../common/auth/auth-user';
import { EntityNotFoundError, ForbiddenError } from '../../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { type ChainBatch, ChainWriter, markSlot } from './chain-writer.service';
import { JudgingAccessService } from './judging-access.service';
import {
  aspectNotAssigned,
  entryAbsent,
  invalidValue,
  JudgingError,
  notAssigned,
  reasonMissing,
  reasonRequired,
  recused,
  roundClosed,
  sheetIncomplete,
  sheetNotOpen,
  sheetTransition,
  signatureMismatch,
  unknownAspect,
} from './judging.errors';
import { iso, isoOrNull, sql } from './judging-sql';
import { RoundContextService, type RoundRubric } from './round-context.service';
import { checkValue, isAssigned, type RubricAspect } from './rubric-aspects';

/** A sheet with its assignment, as the mark path needs it before taking the chain's lock. */
export interface SheetMeta {
  sheetId: string;
  judgeId: string;
  judgeName: string;
  seat: number | null;
  assigned: string[] | null;
  onPanel: boolean;
  recused: boolean;
  entryId: string;
  roundId: string;
  eventId: string;
  competitionId: string;
}

const META_TTL_MS = 15_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** SQL: the entry's enterprise and person, for recusal. */
const ENTRY_INFO = `
  select e.id entry_id, e.session_id, e.station, e.attendance,
         coalesce(p.enterprise_id, t.enterprise_id) enterprise_id, p.id person_id
    from round_entry e
    left join registration reg on reg.id = e.registration_id
    left join person p on p.id = reg.person_id
    left join team t on t.id = e.team_id`;

/** SQL condition: judge `m.judge_id` must stand aside for entry `ei` (competition as ?). */
export const RECUSAL = `(
  exists (select 1 from judging_conflict c
           where c.competition_id = ? and c.judge_id = m.judge_id
             and ((c.kind in ('employer', 'enterprise') and c.enterprise_id = ei.enterprise_id)
               or (c.kind = 'person' and c.person_id = ei.person_id)))
  or exists (select 1 from role_grant g join organisation o on o.id = g.scope_id
              where g.user_id = m.judge_id and g.scope_type = 'organisation'
                and o.kind = 'enterprise' and g.scope_id = ei.enterprise_id))`;

/** Judges' sheets: the queue, the sheet, marks in, submission and the head judge's actions. */
@Injectable()
export class SheetsService {
  private readonly metas = new Map<string, { at: number; meta: SheetMeta }>();
  /** `${userId}|${competitionId}` → holds a judge grant covering the competition (briefly cached) */
  private readonly judgeGrants = new Map<string, { at: number; allowed: boolean }>();

  constructor(
    private readonly em: EntityManager,
    private readonly chain: ChainWriter,
    private readonly rounds: RoundContextService,
    private readonly judgingAccess: JudgingAccessService,
    private readonly audit: AuditService,
  ) {}

  forgetAssignments(): void {
    this.metas.clear();
  }

  /** The grants come with the session on every request; only the scope walk is cached. */
  private async holdsJudgeGrant(user: AuthUser, competitionId: string): Promise<boolean> {
    if (!user.grants.some((grant) => grant.role === 'judge' || grant.role === 'platform_admin'))
      return false;
    const key = `${user.id}|${competitionId}|${user.grants.length}`;
    const cached = this.judgeGrants.get(key);
    if (cached && Date.now() - cached.at < META_TTL_MS) return cached.allowed;
    const allowed = await this.judgingAccess.isJudge(user, competitionId);
    this.judgeGrants.set(key, { at: Date.now(), allowed });
    if (this.judgeGrants.size > 50_000) this.judgeGrants.clear();
    return allowed;
  }

  /**
   * Creates the missing sheets of a round: one per panel judge × entry they cover (their
   * sessions and stations), never for an entry they must stand aside from.
   */
  async ensureSheets(roundId: string, em: EntityManager = this.em): Promise<void> {
    const round = await this.rounds.round(roundId, em);
    await sql(
      em,
      `insert into judging_sheet (id, event_id, round_id, entry_id, judge_id, status, created_at, updated_at)
       select gen_random_uuid(), ?, ?, ei.entry_id, m.judge_id, 'open', now(), now()
         from (${ENTRY_INFO} where e.round_id = ?) ei
         join judging_panel_member m on m.round_id = ?
        where (m.session_ids is null or jsonb_exists(m.session_ids, ei.session_id::text))
          and (m.stations is null or m.stations @> to_jsonb(ei.station))
          and not ${RECUSAL}
       on conflict (entry_id, judge_id) do nothing`,
      [round.eventId, roundId, roundId, roundId, round.competitionId],
    );
  }

  async meta(sheetId: string): Promise<SheetMeta | null> {
    if (!UUID.test(sheetId)) return null;
    const cached = this.metas.get(sheetId);
    if (cached && Date.now() - cached.at < META_TTL_MS) return cached.meta;
    const [row] = await sql<{
      id: string;
      judge_id: string;
      judge_name: string;
      seat: number | null;
      aspect_ids: string[] | null;
      on_panel: boolean;
      recused: boolean;
      entry_id: string;
      round_id: string;
      event_id: string;
      competition_id: string;
    }>(
      this.em,
      `select s.id, s.judge_id, u.display_name judge_name, m.seat, m.aspect_ids,
              m.id is not null on_panel, s.entry_id, s.round_id, s.event_id, ev.competition_id,
              ${RECUSAL.replaceAll('m.judge_id', 's.judge_id').replace('c.competition_id = ?', 'c.competition_id = ev.competition_id')} recused
         from judging_sheet s
         join user_account u on u.id = s.judge_id
         join competition_event ev on ev.id = s.event_id
         join (${ENTRY_INFO}) ei on ei.entry_id = s.entry_id
         left join judging_panel_member m on m.round_id = s.round_id and m.judge_id = s.judge_id
        where s.id = ?`,
      [sheetId],
    );
    if (!row) return null;
    const meta: SheetMeta = {
      sheetId: row.id,
      judgeId: row.judge_id,
      judgeName: row.judge_name,
      seat: row.seat,
      assigned: row.aspect_ids,
      onPanel: row.on_panel,
      recused: row.recused,
      entryId: row.entry_id,
      roundId: row.round_id,
      eventId: row.event_id,
      competitionId: row.competition_id,
    };
    this.metas.set(sheetId, { at: Date.now(), meta });
    if (this.metas.size > 50_000) this.metas.clear();
    return meta;
  }

  // ------------------------------------------------------------------ queue and sheet

  async queue(user: AuthUser): Promise<JudgeQueue> {
    const rounds = await sql<{ round_id: string; seat: number }>(
      this.em,
      'select round_id, seat from judging_panel_member where judge_id = ?',
      [user.id],
    );
    const result: QueueRound[] = [];
    for (const { round_id: roundId, seat } of rounds) {
      const round = await this.rounds.round(roundId);
      if (!(await this.judgingAccess.isJudge(user, round.competitionId))) continue;
      await this.ensureSheets(roundId);
      const rubric = await this.rounds.rubricOrNull(roundId);
      const [member] = await sql<{ aspect_ids: string[] | null }>(
        this.em,
        'select aspect_ids from judging_panel_member where round_id = ? and judge_id = ?',
        [roundId, user.id],
      );
      const required = rubric ? this.requiredAspects(rubric, member?.aspect_ids ?? null) : [];
      const revealed = await this.isRevealed(roundId);
      const sheets = await this.sheetRows(`s.round_id = ? and s.judge_id = ?`, [roundId, user.id]);
      result.push({
        competitionId: round.competitionId,
        competitionName: round.competitionName,
        eventId: round.eventId,
        eventName: round.eventName,
        roundId,
        roundName: round.roundName,
        seat,
        phase: round.phase,
        sheets: sheets
          .filter((sheet) => !sheet.recused)
          .map((sheet) => ({
            sheetId: sheet.id,
            entry: this.entryView(sheet, revealed),
            status: sheet.status,
            marked: markedCount(sheet, required),
            required: required.length,
            remarkReason: sheet.remark_reason,
            updatedAt: iso(sheet.updated_at),
          })),
      });
    }
    return { rounds: result };
  }

  /** Whether the round's current draw has been revealed (names may then be shown). */
  async isRevealed(roundId: string): Promise<boolean> {
    const [row] = await sql<{ revealed: boolean }>(
      this.em,
      `select exists (select 1 from draw where round_id = ? and superseded_at is null
                         and revealed_at is not null) revealed`,
      [roundId],
    );
    return row?.revealed ?? false;
  }

  async sheetRows(where: string, params: unknown[]) {
    return sql<SheetRow>(
      this.em,
      `select s.id, s.status, s.remark_reason, s.judge_id, s.round_id,
              -- the last status change or mark (marks do not touch the sheet row: see ChainWriter)
              greatest(s.updated_at,
                       (select max(k.server_time) from judging_mark k where k.sheet_id = s.id)) updated_at,
              u.display_name judge_name, m.seat,
              e.id entry_id, e.anonymous_code, e.session_id, e.station, e.attendance,
              coalesce(reg.candidate_number, t.candidate_number) candidate_number,
              coalesce(p.name, t.name) entry_name, o.name enterprise_name,
              array(select distinct k.aspect_id from judging_mark k where k.sheet_id = s.id) marked_aspects,
              false recused,
              to_char(cs.starts_at at time zone 'Asia/Shanghai', 'MM-DD HH24:MI') || ' ' || cs.venue session_label
         from judging_sheet s
         join user_account u on u.id = s.judge_id
         join round_entry e on e.id = s.entry_id
         left join judging_panel_member m on m.round_id = s.round_id and m.judge_id = s.judge_id
         left join competition_session cs on cs.id = e.session_id
         left join registration reg on reg.id = e.registration_id
         left join person p on p.id = reg.person_id
         left join team t on t.id = e.team_id
         left join organisation o on o.id = coalesce(p.enterprise_id, t.enterprise_id)
        where ${where}
        order by e.session_id nulls last, e.station nulls last, e.anonymous_code`,
      params,
    );
  }

  entryView(row: SheetRow, revealed: boolean): JudgedEntry {
    return {
      entryId: row.entry_id,
      anonymousCode: row.anonymous_code,
      sessionId: row.session_id,
      sessionLabel: row.session_label,
      station: row.station,
      attendance: row.attendance,
      candidateNumber: revealed ? row.candidate_number : null,
      name: revealed ? row.entry_name : null,
      enterprise: revealed ? row.enterprise_name : null,
    };
  }

  /** Each panel judge's required aspects in the round (none while it has no rubric). */
  async requiredByJudge(roundId: string): Promise<Map<string, RubricAspect[]>> {
    const rubric = await this.rounds.rubricOrNull(roundId);
    const panel = await sql<{ judge_id: string; aspect_ids: string[] | null }>(
      this.em,
      'select judge_id, aspect_ids from judging_panel_member where round_id = ?',
      [roundId],
    );
    return new Map(
      panel.map((member) => [
        member.judge_id,
        rubric ? this.requiredAspects(rubric, member.aspect_ids) : [],
      ]),
    );
  }

  /** Every judge's sheet of one entry, as the head judge's desk shows them. */
  async entrySheets(roundId: string, entryId: string): Promise<SheetSummary[]> {
    const required = await this.requiredByJudge(roundId);
    const rows = await this.sheetRows('s.round_id = ? and s.entry_id = ?', [roundId, entryId]);
    return rows
      .map((row) => sheetSummary(row, required.get(row.judge_id) ?? []))
      .sort((a, b) => a.seat - b.seat);
  }

  /** The aspects a judge must mark before submitting (deductions may stay blank). */
  requiredAspects(rubric: RoundRubric, assigned: string[] | null): RubricAspect[] {
    return rubric.aspects.filter(
      (aspect) =>
        isAssigned(aspect, assigned) &&
        aspect.aspect.kind !== 'imported' &&
        aspect.aspect.kind !== 'deduction',
    );
  }

  async sheet(user: AuthUser, sheetId: string): Promise<SheetView> {
    const meta = await this.meta(sheetId);
    if (!meta) throw new EntityNotFoundError('sheet', sheetId);
    const own = meta.judgeId === user.id;
    if (own) {
      if (!(await this.judgingAccess.isJudge(user, meta.competitionId))) throw new ForbiddenError();
    } else if (!(await this.mayReview(user, meta))) throw new ForbiddenError();
    return this.sheetView(meta, own);
  }

  /** Someone else's sheet: head judge and organisers always, the arbitration group once appealed. */
  private async mayReview(user: AuthUser, meta: SheetMeta): Promise<boolean> {
    if (await this.judgingAccess.isHeadJudge(user, meta.eventId, meta.competitionId)) return true;
    if (await this.judgingAccess.isOrganiser(user, meta.competitionId)) return true;
    return this.judgingAccess.arbitratesEntry(user, meta.competitionId, meta.entryId, false);
  }

  async sheetView(meta: SheetMeta, own: boolean): Promise<SheetView> {
    const round = await this.rounds.round(meta.roundId);
    const rubric = await this.rounds.rubric(meta.roundId);
    const [row] = await this.sheetRows('s.id = ?', [meta.sheetId]);
    if (!row) throw new EntityNotFoundError('sheet', meta.sheetId);
    const revealed = await this.isRevealed(meta.roundId);
    const marks = await sql<{
      id: string;
      aspect_id: string;
      attempt: number | null;
      value: string;
      supersedes: string | null;
      reason: string | null;
      device_id: string | null;
      client_time: Date | null;
      server_time: Date;
    }>(
      this.em,
      `select distinct on (aspect_id, attempt) id, aspect_id, attempt, value, supersedes, reason,
              device_id, client_time, server_time
         from judging_mark where sheet_id = ? order by aspect_id, attempt, seq desc`,
      [meta.sheetId],
    );
    const history = await sql<{
      at: Date;
      kind: 'mark' | 'status';
      what: string;
      value: string | null;
      reason: string | null;
      by_name: string;
      device_id: string | null;
      seq: string;
    }>(
      this.em,
      `select k.server_time at, 'mark' kind, k.aspect_id what, k.value, k.reason,
              u.display_name by_name, k.device_id, k.seq
         from judging_mark k join user_account u on u.id = k.recorded_by where k.sheet_id = ?
       union all
       select v.at, 'status', v.status, null, v.reason, u.display_name, v.device_id, v.seq
         from judging_sheet_event v join user_account u on u.id = v.actor_id where v.sheet_id = ?
       order by seq`,
      [meta.sheetId, meta.sheetId],
    );
    const status = row.status;
    return {
      sheetId: meta.sheetId,
      competitionId: meta.competitionId,
      eventId: meta.eventId,
      roundId: meta.roundId,
      roundName: round.roundName,
      judgeUserId: meta.judgeId,
      judgeName: meta.judgeName,
      seat: meta.seat ?? 0,
      entry: this.entryView(row, revealed),
      status,
      remarkReason: row.remark_reason,
      aspects: rubric.aspects
        .filter((aspect) => isAssigned(aspect, meta.assigned) && aspect.aspect.kind !== 'imported')
        .map((aspect) => aspect.view),
      marks: marks.map((mark) => ({
        markId: mark.id,
        aspectId: mark.aspect_id,
        attempt: mark.attempt,
        value: mark.value,
        supersedes: mark.supersedes,
        reason: mark.reason,
        deviceId: mark.device_id,
        clientTime: isoOrNull(mark.client_time),
        serverTime: iso(mark.server_time),
      })),
      canMark:
        own &&
        meta.onPanel &&
        !meta.recused &&
        row.attendance !== 'absent' &&
        markable(status, round.phase),
      history: history.map((item) => ({
        at: iso(item.at),
        kind: item.kind,
        what: item.what,
        value: item.value,
        reason: item.reason,
        byName: item.by_name,
        deviceId: item.device_id,
      })),
      rubricId: rubric.rubric.id,
      rubricVersion: rubric.version,
    };
  }

  // ------------------------------------------------------------------ marks

  /**
   * Stores a batch of marks. Each is checked against the caller's assignment and the rubric,
   * then appended to its event's chain; the answer acknowledges each mark by its key: stored,
   * duplicate (the key was stored before: a retry) or rejected with the reason.
   */
  async submitMarks(
    user: AuthUser,
    request: SubmitMarksRequest,
    locale: Locale,
  ): Promise<SubmitMarksResponse> {
    const acks = new Map<number, MarkAck>();
    const reject = (index: number, key: string, error: JudgingError | ForbiddenError) =>
      acks.set(index, {
        key,
        status: 'rejected',
        markId: null,
        error: { code: error.code, message: translateError(error.code, locale, error.params) },
      });
    const byEvent = new Map<
      string,
      Array<{ index: number; meta: SheetMeta; aspect: RubricAspect }>
    >();
    const judgeChecked = new Map<string, boolean>();
    for (const [index, mark] of request.marks.entries()) {
      const meta = await this.meta(mark.sheetId);
      if (!meta || meta.judgeId !== user.id || !meta.onPanel) {
        reject(index, mark.key, notAssigned());
        continue;
      }
      let isJudge = judgeChecked.get(meta.competitionId);
      if (isJudge === undefined) {
        isJudge = await this.holdsJudgeGrant(user, meta.competitionId);
        judgeChecked.set(meta.competitionId, isJudge);
      }
      if (!isJudge) {
        reject(index, mark.key, notAssigned());
        continue;
      }
      if (meta.recused) {
        reject(index, mark.key, recused());
        continue;
      }
      const rubric = await this.rounds.rubric(meta.roundId);
      const aspect = rubric.byId.get(mark.aspectId);
      if (!aspect) {
        reject(index, mark.key, unknownAspect(mark.aspectId));
        continue;
      }
      if (!isAssigned(aspect, meta.assigned) || aspect.aspect.kind === 'imported') {
        reject(index, mark.key, aspectNotAssigned(mark.aspectId));
        continue;
      }
      const attemptOk =
        aspect.attempts === 0
          ? mark.attempt === undefined || mark.attempt === 1
          : mark.attempt !== undefined && mark.attempt <= aspect.attempts;
      const problem = checkValue(aspect, mark.value);
      if (!attemptOk || problem) {
        reject(
          index,
          mark.key,
          invalidValue({
            aspect: mark.aspectId,
            value: attemptOk ? mark.value : `#${mark.attempt ?? '?'}`,
            ...(problem ?? { min: '1', max: String(aspect.attempts), step: '1' }),
          }),
        );
        continue;
      }
      const list = byEvent.get(meta.eventId) ?? [];
      list.push({ index, meta, aspect });
      byEvent.set(meta.eventId, list);
    }
    await Promise.all(
      [...byEvent].map(async ([eventId, items]) => {
        const results = await this.chain.submit(eventId, {
          sheetIds: items.map((item) => item.meta.sheetId),
          keys: items.map((item) => request.marks[item.index]!.key),
          run: (batch) => items.map((item) => this.appendMark(batch, user, request, item)),
        });
        results.forEach((result, i) => {
          const item = items[i]!;
          const key = request.marks[item.index]!.key;
          if (result instanceof JudgingError) reject(item.index, key, result);
          else acks.set(item.index, { key, status: result.status, markId: result.id, error: null });
        });
      }),
    );
    return { acks: request.marks.map((_, index) => acks.get(index)!) };
  }

  private appendMark(
    batch: ChainBatch,
    user: AuthUser,
    request: SubmitMarksRequest,
    item: { index: number; meta: SheetMeta; aspect: RubricAspect },
  ): { status: 'stored' | 'duplicate'; id: string } | JudgingError {
    const mark = request.marks[item.index]!;
    const existing = batch.keys.get(mark.key);
    if (existing) return { status: 'duplicate', id: existing };
    const sheet = batch.sheets.get(item.meta.sheetId);
    if (!sheet) return notAssigned();
    if (sheet.attendance === 'absent') return entryAbsent();
    if (!markable(sheet.status, sheet.phase)) {
      return sheet.status === 'open' || sheet.status === 'reopened'
        ? roundClosed(sheet.phase)
        : sheetNotOpen(sheet.status);
    }
    const attempt = item.aspect.attempts === 0 ? null : (mark.attempt ?? null);
    const slot = markSlot(sheet.id, mark.aspectId, attempt);
    const previous = batch.current.get(slot);
    const reason = mark.reason && mark.reason.length > 0 ? mark.reason : null;
    if (previous && sheet.status === 'reopened' && !reason) return reasonRequired();
    const row = batch.append(
      'judging_mark',
      {
        round_id: sheet.roundId,
        entry_id: sheet.entryId,
        sheet_id: sheet.id,
        judge_id: user.id,
        aspect_id: mark.aspectId,
        attempt,
        value: mark.value,
        source: 'judge',
        idempotency_key: mark.key,
        supersedes: previous?.id ?? null,
        reason,
        recorded_by: user.id,
        device_id: request.deviceId,
        client_time: mark.clientTime ? new Date(mark.clientTime) : null,
        server_time: batch.now,
      },
      'mark',
    );
    const id = row['id'] as string;
    batch.keys.set(mark.key, id);
    batch.current.set(slot, { id, value: mark.value });
    return { status: 'stored', id };
  }

  // ------------------------------------------------------------------ sheet status

  /** The judge submits and signs their sheet: every required aspect must be marked. */
  async submitSheet(
    user: AuthUser,
    sheetId: string,
    request: SubmitSheetRequest,
  ): Promise<SheetView> {
    const meta = await this.meta(sheetId);
    if (!meta || meta.judgeId !== user.id || !meta.onPanel) throw notAssigned();
    if (!(await this.judgingAccess.isJudge(user, meta.competitionId))) throw notAssigned();
    if (request.signature.trim() !== meta.judgeName.trim()) throw signatureMismatch(meta.judgeName);
    const rubric = await this.rounds.rubric(meta.roundId);
    const required = this.requiredAspects(rubric, meta.assigned);
    await this.chain.submit(meta.eventId, {
      sheetIds: [sheetId],
      keys: [request.key],
      run: (batch) => {
        if (batch.keys.has(request.key)) return;
        const sheet = batch.sheets.get(sheetId);
        if (!sheet) throw notAssigned();
        if (!markable(sheet.status, sheet.phase)) {
          throw sheet.status === 'open' || sheet.status === 'reopened'
            ? roundClosed(sheet.phase)
            : sheetTransition(sheet.status, 'submitted');
        }
        const missing = required.filter((aspect) =>
          aspect.attempts === 0
            ? !batch.current.has(markSlot(sheetId, aspect.aspect.id, null))
            : ![...Array(aspect.attempts).keys()].some((i) =>
                batch.current.has(markSlot(sheetId, aspect.aspect.id, i + 1)),
              ),
        );
        if (missing.length > 0) throw sheetIncomplete(missing.length);
        this.appendStatus(batch, user.id, sheetId, 'submitted', 'submit', null, {
          signature: request.signature.trim(),
          device_id: request.deviceId,
          idempotency_key: request.key,
        });
      },
    });
    this.forgetSheet(sheetId);
    return this.sheetView(meta, true);
  }

  /**
   * Head judge: lock (no judge can change it), unlock or request a re-mark (with a reason). The
   * arbitration group may request a re-mark of an entry with an open appeal; theirs reopens a
   * locked sheet too (the appeal is why it reopens).
   */
  async changeSheet(
    user: AuthUser,
    sheetId: string,
    action: 'lock' | 'unlock' | 'remark',
    request: SheetActionRequest,
  ): Promise<SheetView> {
    const meta = await this.meta(sheetId);
    if (!meta) throw new EntityNotFoundError('sheet', sheetId);
    const actingAs = await this.sheetActor(user, meta, action);
    const reason = request.reason && request.reason.length > 0 ? request.reason : null;
    if (action !== 'lock' && !reason) throw reasonMissing();
    const target: SheetStatus = action === 'lock' ? 'locked' : 'reopened';
    const before = await this.chain.submit(meta.eventId, {
      sheetIds: [sheetId],
      keys: [],
      run: (batch) => {
        const sheet = batch.sheets.get(sheetId);
        if (!sheet) throw new EntityNotFoundError('sheet', sheetId);
        const allowed =
          action === 'lock'
            ? sheet.status !== 'locked'
            : action === 'unlock'
              ? sheet.status === 'locked'
              : sheet.status !== 'locked' || actingAs === 'arbitrator';
        if (!allowed) throw sheetTransition(sheet.status, target);
        const from = sheet.status;
        this.appendStatus(batch, user.id, sheetId, target, action, reason, {});
        return from;
      },
    });
    this.audit.record({
      actorId: user.id,
      action: `judging.sheet.${action}`,
      subjectType: 'judging_sheet',
      subjectId: sheetId,
      before: { status: before },
      after: { status: target, reason, as: actingAs },
    });
    await this.em.flush();
    return this.sheetView(meta, false);
  }

  private async sheetActor(
    user: AuthUser,
    meta: SheetMeta,
    action: 'lock' | 'unlock' | 'remark',
  ): Promise<'head_judge' | 'arbitrator'> {
    if (await this.judgingAccess.isHeadJudge(user, meta.eventId, meta.competitionId))
      return 'head_judge';
    if (
      action === 'remark' &&
      (await this.judgingAccess.arbitratesEntry(user, meta.competitionId, meta.entryId, true))
    )
      return 'arbitrator';
    throw new ForbiddenError();
  }

  private appendStatus(
    batch: ChainBatch,
    actorId: string,
    sheetId: string,
    status: SheetStatus,
    action: string,
    reason: string | null,
    extra: { signature?: string; device_id?: string; idempotency_key?: string },
  ): void {
    batch.append(
      'judging_sheet_event',
      {
        sheet_id: sheetId,
        status,
        action,
        reason,
        signature: extra.signature ?? null,
        actor_id: actorId,
        device_id: extra.device_id ?? null,
        idempotency_key: extra.idempotency_key ?? null,
        at: batch.now,
      },
      `sheet_${action}`,
    );
    if (extra.idempotency_key) batch.keys.set(extra.idempotency_key, sheetId);
    batch.setStatus(sheetId, status, status === 'reopened' ? reason : null);
  }

  private forgetSheet(sheetId: string): void {
    this.metas.delete(sheetId);
  }
}

export interface SheetRow {
  id: string;
  status: SheetStatus;
  remark_reason: string | null;
  updated_at: Date;
  judge_id: string;
  round_id: string;
  judge_name: string;
  seat: number | null;
  entry_id: string;
  anonymous_code: string | null;
  session_id: string | null;
  session_label: string | null;
  station: number | null;
  attendance: 'expected' | 'present' | 'absent';
  candidate_number: string | null;
  entry_name: string | null;
  enterprise_name: string | null;
  /** Aspects with at least one mark on the sheet (any attempt; deductions included). */
  marked_aspects: string[];
  recused: boolean;
}

/** A sheet's line on the head judge's desk. */
export function sheetSummary(row: SheetRow, required: readonly RubricAspect[]): SheetSummary {
  return {
    sheetId: row.id,
    judgeUserId: row.judge_id,
    judgeName: row.judge_name,
    seat: row.seat ?? 0,
    status: row.status,
    marked: markedCount(row, required),
    required: required.length,
    remarkReason: row.remark_reason,
    updatedAt: iso(row.updated_at),
  };
}

/**
 * A sheet's progress as "marked / required": the required aspects (see `requiredAspects`) that
 * have a mark, so deductions and further attempts never push it past the required count.
 */
export function markedCount(
  row: Pick<SheetRow, 'marked_aspects'>,
  required: readonly RubricAspect[],
): number {
  const marked = new Set(row.marked_aspects);
  return required.filter((aspect) => marked.has(aspect.aspect.id)).length;
}

/** Marks may be entered on an open sheet of a round in draft, or on a sheet reopened later. */
export function markable(status: SheetStatus, phase: string): boolean {
  if (status === 'reopened') return true;
  return status === 'open' && phase === 'draft';
}
