import { z } from 'zod';

/**
 * Judging (评分): panels, judges' sheets and marks, the head judge's review, publication,
 * result versions, appeals (申诉), theory imports and the audit chain.
 *
 * All paths are under /api/v1. "judge" means a user with a `judge` grant on the competition who
 * is on the round's panel; "head judge" a user named head judge of the event (with a
 * `head_judge` grant on the competition); "organiser" an organiser covering the competition.
 * Platform admins may do everything an organiser may. Every error body is ErrorResponse
 * (errors.ts) with the message in the caller's language (Accept-Language).
 *
 * Judges (tablet)
 *   GET  /judging/me/queue                      judge              → JudgeQueue
 *   GET  /judging/sheets/:sheetId               the sheet's judge, head judge, organiser,
 *                                               arbitrator (appealed entry) → SheetView
 *   POST /judging/marks                         judge              SubmitMarksRequest → SubmitMarksResponse
 *        (always 200 with one ack per mark unless the body itself is malformed (400) or the
 *        caller is not signed in (401); a mark the judge may not enter is acked 'rejected'.)
 *   POST /judging/sheets/:sheetId/submit        the sheet's judge  SubmitSheetRequest → SheetView
 *        (sign: the judge types their name as shown in `SheetView.judgeName`; idempotent by key)
 *   POST /judging/me/conflicts                  judge              DeclareConflictRequest → JudgeConflictView
 *
 * Panels (organiser)
 *   GET  /judging/rounds/:roundId/panel          organiser, head judge → PanelView
 *   PUT  /judging/rounds/:roundId/panel          organiser         SavePanelRequest → PanelView
 *   POST /judging/rounds/:roundId/panel/proposal organiser         ProposePanelRequest → PanelProposal
 *        (a proposal only; the organiser confirms it by PUT …/panel with its assignments)
 *   PUT  /judging/events/:eventId/head-judge     organiser         SetHeadJudgeRequest → PanelView['headJudge']
 *   GET  /judging/competitions/:competitionId/conflicts   organiser → JudgeConflictView[]
 *   POST /judging/competitions/:competitionId/conflicts   organiser DeclareConflictRequest & {judgeUserId} → JudgeConflictView
 *   GET  /judging/rounds/:roundId/settings       organiser, head judge → RoundJudgingSettings
 *   PUT  /judging/rounds/:roundId/settings       organiser         UpdateRoundJudgingSettings → RoundJudgingSettings
 *
 * Head judge (裁判长)
 *   GET  /judging/rounds/:roundId/sheets         head judge, organiser → RoundSheetsView (live, every sheet)
 *   GET  /judging/rounds/:roundId/discrepancies  head judge, organiser → Discrepancy[]
 *   POST /judging/sheets/:sheetId/lock           head judge  SheetActionRequest → SheetView
 *   POST /judging/sheets/:sheetId/unlock         head judge  SheetActionRequest (reason required) → SheetView
 *   POST /judging/sheets/:sheetId/remark         head judge, arbitrator (appealed entry)  SheetActionRequest (reason required) → SheetView
 *        (re-mark request: reopens the judge's sheet; the judge sees `remarkReason` in the queue)
 *   POST /judging/rounds/:roundId/reviews        head judge  ReconcileRequest → Discrepancy[] (accept marks as they stand)
 *   POST /judging/rounds/:roundId/verify         head judge  RoundTransitionRequest → RoundJudgingSettings
 *   POST /judging/rounds/:roundId/unverify       head judge  RoundTransitionRequest (reason required) → RoundJudgingSettings
 *   POST /judging/rounds/:roundId/publish        head judge, organiser  RoundTransitionRequest → ResultVersionSummary
 *        (needs phase 'verified'; re-publishing after an appeal creates the next version)
 *
 * Results (published versions are public: names only once the draw is revealed)
 *   GET  /judging/rounds/:roundId/results                     public → ResultVersionSummary[]
 *   GET  /judging/rounds/:roundId/results/:version            public → ResultVersionView
 *   GET  /judging/rounds/:roundId/results/diff?from=1&to=2    public → ResultDiff
 *
 * Appeals (申诉)
 *   POST /judging/rounds/:roundId/appeals        competitor (own entry) or coordinator (their enterprise's entry)
 *                                                FileAppealRequest → AppealView (within the window after publication)
 *   GET  /judging/rounds/:roundId/appeals        head judge, arbitrator, organiser: all; competitor/coordinator: their own → AppealView[]
 *   GET  /judging/appeals/:appealId              head judge, arbitrator, organiser → AppealCase
 *        (the appeal, the result it is against and every judge's sheet of the entry)
 *   POST /judging/appeals/:appealId/review       head judge, arbitrator  (no body) → AppealView (status under_review)
 *   POST /judging/appeals/:appealId/decide       head judge, arbitrator  DecideAppealRequest → AppealView
 *   GET  /judging/me/appeals                     arbitrator → ArbitrationAppeal[] (appeals of the
 *                                                competitions whose arbitration group the caller is in)
 *
 * Arbitration group (仲裁组): users with an `arbitrator` grant on the competition. They see and
 * decide the competition's appeals (every event), open the sheets of an appealed entry, and ask
 * for a re-mark of such a sheet while its appeal is open (POST /judging/sheets/:sheetId/remark,
 * which for them also reopens a locked sheet). They never mark, lock, verify or publish.
 *
 * Theory results (理论成绩)
 *   POST /judging/rounds/:roundId/theory-import  organiser, head judge
 *        multipart: file (.xlsx: columns 准考证号/candidate number, 成绩/score), aspectId (optional when
 *        the rubric has one imported aspect), dryRun ('true' checks only) → TheoryImportReport
 *        (all or nothing: any bad row → nothing stored, 422 with the report in `issues` and in the body)
 *
 * Audit chain (审计链)
 *   GET  /judging/events/:eventId/audit/verify   platform admin, organiser → ChainVerification
 *   CLI: npm run audit:verify -- <eventId>      (exit 0 intact, 1 problems found, 2 usage)
 */

/** Decimal strings only: scores are never floats. */
export const DecimalString = z
  .string()
  .trim()
  .regex(/^-?\d{1,9}(\.\d{1,6})?$/, {
    message: 'must be a decimal number such as 8.5 / 须为小数，例如 8.5',
  });

export const SHEET_STATUSES = ['open', 'submitted', 'locked', 'reopened'] as const;
export const SheetStatus = z.enum(SHEET_STATUSES);
export type SheetStatus = z.infer<typeof SheetStatus>;

export const ROUND_JUDGING_PHASES = ['draft', 'verified', 'published'] as const;
export const RoundJudgingPhase = z.enum(ROUND_JUDGING_PHASES);
export type RoundJudgingPhase = z.infer<typeof RoundJudgingPhase>;

export const ENTRY_ATTENDANCES = ['expected', 'present', 'absent'] as const;

export const LocalisedText = z.object({ zh: z.string(), en: z.string() });
export type LocalisedText = z.infer<typeof LocalisedText>;

/** What a judge sees of an entry: never a name or enterprise while the draw is not revealed. */
export const JudgedEntry = z.object({
  entryId: z.uuid(),
  anonymousCode: z.string().nullable(),
  sessionId: z.uuid().nullable(),
  sessionLabel: z.string().nullable(),
  station: z.number().int().nullable(),
  attendance: z.enum(ENTRY_ATTENDANCES),
  /** Only once the draw is revealed (and always for head judges / organisers after reveal). */
  candidateNumber: z.string().nullable(),
  name: z.string().nullable(),
  enterprise: z.string().nullable(),
});
export type JudgedEntry = z.infer<typeof JudgedEntry>;

export const QueueSheet = z.object({
  sheetId: z.uuid(),
  entry: JudgedEntry,
  status: SheetStatus,
  /** Aspects of this judge marked so far / assigned. */
  marked: z.number().int(),
  required: z.number().int(),
  /** Set while a re-mark request (or unlock) is pending: the head judge's reason. */
  remarkReason: z.string().nullable(),
  updatedAt: z.string(),
});
export type QueueSheet = z.infer<typeof QueueSheet>;

export const QueueRound = z.object({
  competitionId: z.uuid(),
  competitionName: z.string(),
  eventId: z.uuid(),
  eventName: z.string(),
  roundId: z.uuid(),
  roundName: z.string(),
  seat: z.number().int(),
  phase: RoundJudgingPhase,
  sheets: z.array(QueueSheet),
});
export type QueueRound = z.infer<typeof QueueRound>;

export const JudgeQueue = z.object({ rounds: z.array(QueueRound) });
export type JudgeQueue = z.infer<typeof JudgeQueue>;

/** One level descriptor of a judgement aspect (e.g. 3 = 优秀). */
export const LevelDescriptor = z.object({
  value: z.string(),
  label: LocalisedText.nullable(),
});

/** An aspect as the tablet needs it, flattened from the rubric. */
export const SheetAspect = z.object({
  aspectId: z.string(),
  moduleName: LocalisedText,
  criterionName: LocalisedText,
  name: LocalisedText,
  kind: z.enum(['measurement', 'judgement', 'deduction', 'time', 'imported']),
  /** Allowed range and step of a mark (null where the rubric leaves it open). */
  min: z.string().nullable(),
  max: z.string().nullable(),
  step: z.string().nullable(),
  /** Judgement levels (scale min..top by step) with descriptors when the rubric has them. */
  levels: z.array(LevelDescriptor).nullable(),
  /** Attempts of the node this aspect belongs to (1 when none). */
  attempts: z.number().int(),
  /** The aspect's points (informative). */
  points: z.string().nullable(),
  /** e.g. measurement rule or deduction per occurrence, as a sentence. */
  hint: LocalisedText.nullable(),
});
export type SheetAspect = z.infer<typeof SheetAspect>;

export const CurrentMark = z.object({
  markId: z.uuid(),
  aspectId: z.string(),
  attempt: z.number().int().nullable(),
  value: z.string(),
  /** The mark this one corrected, and why. */
  supersedes: z.uuid().nullable(),
  reason: z.string().nullable(),
  deviceId: z.string().nullable(),
  clientTime: z.string().nullable(),
  serverTime: z.string(),
});
export type CurrentMark = z.infer<typeof CurrentMark>;

export const SheetHistoryItem = z.object({
  at: z.string(),
  kind: z.enum(['mark', 'status']),
  /** status: the new status; mark: the aspect id */
  what: z.string(),
  value: z.string().nullable(),
  reason: z.string().nullable(),
  byName: z.string(),
  deviceId: z.string().nullable(),
});

export const SheetView = z.object({
  sheetId: z.uuid(),
  competitionId: z.uuid(),
  eventId: z.uuid(),
  roundId: z.uuid(),
  roundName: z.string(),
  judgeUserId: z.uuid(),
  judgeName: z.string(),
  seat: z.number().int(),
  entry: JudgedEntry,
  status: SheetStatus,
  remarkReason: z.string().nullable(),
  /** The aspects this judge marks on this sheet (their assignment), in rubric order. */
  aspects: z.array(SheetAspect),
  /** The judge's current mark per aspect (and attempt): the latest of the append-only marks. */
  marks: z.array(CurrentMark),
  /** Whether the caller may enter marks now (their sheet, open or reopened, round not published). */
  canMark: z.boolean(),
  history: z.array(SheetHistoryItem),
  /** Rubric the aspects come from. */
  rubricId: z.string(),
  rubricVersion: z.number().int(),
});
export type SheetView = z.infer<typeof SheetView>;

export const MarkInput = z.strictObject({
  /** Client-generated idempotency key (uuid): a retry with the same key is acked 'duplicate'. */
  key: z.uuid({ message: 'key must be a uuid / 幂等键须为 UUID' }),
  sheetId: z.uuid(),
  aspectId: z.string().min(1).max(100),
  attempt: z.number().int().min(1).max(100).optional(),
  value: DecimalString,
  /**
   * Why a stored mark is changed. Required when correcting a mark on a reopened sheet (after a
   * re-mark request or unlock); while the sheet is still open a new mark simply supersedes.
   */
  reason: z.string().trim().max(500).optional(),
  /** When the judge entered it on the device (ISO 8601). */
  clientTime: z.iso.datetime({ offset: true }).optional(),
});
export type MarkInput = z.output<typeof MarkInput>;

export const SubmitMarksRequest = z.strictObject({
  deviceId: z.string().trim().min(1).max(100),
  marks: z.array(MarkInput).min(1).max(500),
});
export type SubmitMarksRequest = z.output<typeof SubmitMarksRequest>;

export const MARK_ACK_STATUSES = ['stored', 'duplicate', 'rejected'] as const;
export const MarkAck = z.object({
  key: z.string(),
  status: z.enum(MARK_ACK_STATUSES),
  /** stored / duplicate: the stored mark's id */
  markId: z.uuid().nullable(),
  /** rejected: why, with the code of ERROR_MESSAGES and the message in the caller's language */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type MarkAck = z.infer<typeof MarkAck>;

export const SubmitMarksResponse = z.object({ acks: z.array(MarkAck) });
export type SubmitMarksResponse = z.infer<typeof SubmitMarksResponse>;

export const SubmitSheetRequest = z.strictObject({
  /** idempotency key (uuid) so a retried submit is not applied twice */
  key: z.uuid(),
  /** The judge's name typed as a signature; must equal the judge's display name. */
  signature: z.string().trim().min(1).max(100),
  deviceId: z.string().trim().min(1).max(100),
  clientTime: z.iso.datetime({ offset: true }).optional(),
});
export type SubmitSheetRequest = z.output<typeof SubmitSheetRequest>;

export const SheetActionRequest = z.strictObject({
  reason: z.string().trim().max(500).optional(),
});
export type SheetActionRequest = z.output<typeof SheetActionRequest>;

// ---------------------------------------------------------------- panels

export const PanelAssignment = z.strictObject({
  judgeUserId: z.uuid(),
  seat: z.number().int().min(1).max(99),
  /** null: every session of the round */
  sessionIds: z.array(z.uuid()).nullable().default(null),
  /** null: every station */
  stations: z.array(z.number().int().min(1)).nullable().default(null),
  /** null: every aspect of the rubric; else aspect (or criterion/module) ids */
  aspectIds: z.array(z.string().min(1)).nullable().default(null),
});
export type PanelAssignment = z.output<typeof PanelAssignment>;

export const SavePanelRequest = z.strictObject({
  assignments: z.array(PanelAssignment).max(200),
});
export type SavePanelRequest = z.output<typeof SavePanelRequest>;

export const PanelJudge = z.object({
  userId: z.uuid(),
  name: z.string(),
  username: z.string(),
  /** The judge's own enterprise (回避), from their declared conflicts. */
  enterprises: z.array(z.object({ id: z.uuid(), name: z.string() })),
});
export type PanelJudge = z.infer<typeof PanelJudge>;

export const PanelView = z.object({
  roundId: z.uuid(),
  eventId: z.uuid(),
  competitionId: z.uuid(),
  assignments: z.array(
    PanelAssignment.extend({
      judgeName: z.string(),
      /** Entries this judge is assigned to (after recusal). */
      sheetCount: z.number().int(),
      /** Entries left out for recusal (回避). */
      recusedCount: z.number().int(),
    }),
  ),
  /** Users with a judge grant on the competition, to choose from. */
  candidates: z.array(PanelJudge),
  headJudge: z.object({ userId: z.uuid(), name: z.string() }).nullable(),
});
export type PanelView = z.infer<typeof PanelView>;

export const ProposePanelRequest = z.strictObject({
  /** How many judges mark each entry (default: every chosen judge, i.e. full panel). */
  judgesPerEntry: z.number().int().min(1).max(50).optional(),
  /** Judges to use; default: every user with a judge grant on the competition. */
  judgeUserIds: z.array(z.uuid()).optional(),
});
export type ProposePanelRequest = z.output<typeof ProposePanelRequest>;

export const PanelProposal = z.object({
  assignments: z.array(PanelAssignment),
  /** Per judge: entries they would mark and the ones they must not (recusal). */
  load: z.array(
    z.object({ judgeUserId: z.uuid(), entries: z.number().int(), recused: z.number().int() }),
  ),
  /** Entries that cannot get enough judges because of recusal. */
  shortfalls: z.array(
    z.object({ entryId: z.uuid(), code: z.string().nullable(), judges: z.number().int() }),
  ),
});
export type PanelProposal = z.infer<typeof PanelProposal>;

export const SetHeadJudgeRequest = z.strictObject({ userId: z.uuid() });
export type SetHeadJudgeRequest = z.output<typeof SetHeadJudgeRequest>;

export const DeclareConflictRequest = z
  .strictObject({
    competitionId: z.uuid(),
    /** Only when an organiser declares it for a judge. */
    judgeUserId: z.uuid().optional(),
    kind: z.enum(['employer', 'enterprise', 'person']),
    enterpriseId: z.uuid().optional(),
    personId: z.uuid().optional(),
    reason: z.string().trim().max(500).optional(),
  })
  .refine((value) => (value.kind === 'person' ? !!value.personId : !!value.enterpriseId), {
    path: ['kind'],
    message:
      'name the enterprise (employer/enterprise) or the person / 须指明单位（本单位/利益相关单位）或人员',
  });
export type DeclareConflictRequest = z.output<typeof DeclareConflictRequest>;

export const JudgeConflictView = z.object({
  id: z.uuid(),
  competitionId: z.uuid(),
  judgeUserId: z.uuid(),
  kind: z.enum(['employer', 'enterprise', 'person']),
  enterpriseId: z.uuid().nullable(),
  enterpriseName: z.string().nullable(),
  personId: z.uuid().nullable(),
  reason: z.string().nullable(),
  createdAt: z.string(),
});
export type JudgeConflictView = z.infer<typeof JudgeConflictView>;

export const RoundJudgingSettings = z.object({
  roundId: z.uuid(),
  phase: RoundJudgingPhase,
  /** Speech contests, quizzes: the public board shows submitted sheets' totals live. */
  livePublicScoring: z.boolean(),
  /** Hours after publication during which appeals may be filed. */
  appealWindowHours: z.number().int(),
  /** The entry on stage now (live public scoring). */
  currentEntryId: z.uuid().nullable(),
  verifiedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  /** Latest published result version, if any. */
  resultVersion: z.number().int().nullable(),
});
export type RoundJudgingSettings = z.infer<typeof RoundJudgingSettings>;

export const UpdateRoundJudgingSettings = z.strictObject({
  livePublicScoring: z.boolean().optional(),
  appealWindowHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 30)
    .optional(),
  currentEntryId: z.uuid().nullable().optional(),
});
export type UpdateRoundJudgingSettings = z.output<typeof UpdateRoundJudgingSettings>;

// ---------------------------------------------------------------- head judge

export const SheetSummary = z.object({
  sheetId: z.uuid(),
  judgeUserId: z.uuid(),
  judgeName: z.string(),
  seat: z.number().int(),
  status: SheetStatus,
  marked: z.number().int(),
  required: z.number().int(),
  remarkReason: z.string().nullable(),
  updatedAt: z.string(),
});
export type SheetSummary = z.infer<typeof SheetSummary>;

export const RoundSheetsRow = z.object({
  entry: JudgedEntry,
  sheets: z.array(SheetSummary),
  /** Engine figures, live: total and status of the entry. */
  total: z.string().nullable(),
  rank: z.number().int().nullable(),
  status: z.enum(['complete', 'incomplete', 'needs_review', 'absent']),
});
export type RoundSheetsRow = z.infer<typeof RoundSheetsRow>;

export const RoundSheetsView = z.object({
  roundId: z.uuid(),
  eventId: z.uuid(),
  competitionId: z.uuid(),
  roundName: z.string(),
  settings: RoundJudgingSettings,
  rows: z.array(RoundSheetsRow),
  /** Seats of the panel, in order, for column headings. */
  seats: z.array(
    z.object({ seat: z.number().int(), judgeUserId: z.uuid(), judgeName: z.string() }),
  ),
});
export type RoundSheetsView = z.infer<typeof RoundSheetsView>;

export const Discrepancy = z.object({
  entry: JudgedEntry,
  /** Rubric node with the problem, and attempt when relevant. */
  nodeId: z.string(),
  nodeName: LocalisedText,
  attempt: z.number().int().nullable(),
  kind: z.enum(['spread_exceeded', 'missing_marks', 'other']),
  /** The engine's explanation (zh/en). */
  message: LocalisedText,
  /** Marks per seat for the node (when it is an aspect). */
  marks: z.array(
    z.object({ seat: z.number().int(), judgeName: z.string(), value: z.string().nullable() }),
  ),
  reviewed: z.boolean(),
});
export type Discrepancy = z.infer<typeof Discrepancy>;

export const ReconcileRequest = z.strictObject({
  entryId: z.uuid(),
  nodeId: z.string().min(1),
  attempt: z.number().int().min(1).optional(),
  note: z.string().trim().min(1, { message: 'a note is required / 须填写说明' }).max(500),
});
export type ReconcileRequest = z.output<typeof ReconcileRequest>;

export const RoundTransitionRequest = z.strictObject({
  reason: z.string().trim().max(500).optional(),
});
export type RoundTransitionRequest = z.output<typeof RoundTransitionRequest>;

// ---------------------------------------------------------------- results

export const ResultRow = z.object({
  entryId: z.uuid(),
  code: z.string(),
  name: z.string().nullable(),
  enterprise: z.string().nullable(),
  total: z.string().nullable(),
  rank: z.number().int().nullable(),
  award: z.string().nullable(),
  advances: z.boolean(),
  status: z.enum(['complete', 'incomplete', 'needs_review', 'absent']),
});
export type ResultRow = z.infer<typeof ResultRow>;

export const ResultVersionSummary = z.object({
  roundId: z.uuid(),
  version: z.number().int(),
  publishedAt: z.string(),
  publishedByName: z.string(),
  reason: z.string().nullable(),
  /** Appeals decided since the previous version. */
  appealIds: z.array(z.uuid()),
  /** Entries promoted to the next round by this version. */
  promoted: z.number().int(),
});
export type ResultVersionSummary = z.infer<typeof ResultVersionSummary>;

export const ResultVersionView = ResultVersionSummary.extend({
  rows: z.array(ResultRow),
});
export type ResultVersionView = z.infer<typeof ResultVersionView>;

export const ResultDiff = z.object({
  roundId: z.uuid(),
  from: z.number().int(),
  to: z.number().int(),
  changes: z.array(
    z.object({
      entryId: z.uuid(),
      code: z.string(),
      name: z.string().nullable(),
      field: z.enum(['total', 'rank', 'award', 'advances', 'status', 'added', 'removed']),
      before: z.string().nullable(),
      after: z.string().nullable(),
    }),
  ),
});
export type ResultDiff = z.infer<typeof ResultDiff>;

// ---------------------------------------------------------------- appeals

export const APPEAL_STATUSES = ['filed', 'under_review', 'upheld', 'rejected'] as const;
export const AppealStatus = z.enum(APPEAL_STATUSES);
export type AppealStatus = z.infer<typeof AppealStatus>;

export const FileAppealRequest = z.strictObject({
  entryId: z.uuid(),
  reason: z
    .string()
    .trim()
    .min(5, {
      message: 'describe the grounds (at least 5 characters) / 请说明申诉理由（至少 5 个字）',
    })
    .max(2000),
});
export type FileAppealRequest = z.output<typeof FileAppealRequest>;

export const DecideAppealRequest = z.strictObject({
  decision: z.enum(['upheld', 'rejected']),
  reason: z.string().trim().min(1, { message: 'a reason is required / 须填写理由' }).max(2000),
});
export type DecideAppealRequest = z.output<typeof DecideAppealRequest>;

/** In which capacity an appeal was decided: the event's head judge or the arbitration group. */
export const APPEAL_DECIDERS = ['head_judge', 'arbitrator'] as const;
export const AppealDecider = z.enum(APPEAL_DECIDERS);
export type AppealDecider = z.infer<typeof AppealDecider>;

export const AppealView = z.object({
  id: z.uuid(),
  roundId: z.uuid(),
  entryId: z.uuid(),
  entryCode: z.string().nullable(),
  competitorName: z.string().nullable(),
  filedByName: z.string(),
  filedAt: z.string(),
  reason: z.string(),
  status: AppealStatus,
  decidedByName: z.string().nullable(),
  decidedAs: AppealDecider.nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
  /** The result version published after this decision, once republished. */
  resultVersion: z.number().int().nullable(),
});
export type AppealView = z.infer<typeof AppealView>;

/** What the head judge or arbitration group reviews: the appeal, the result and the sheets concerned. */
export const AppealCase = z.object({
  appeal: AppealView,
  competitionId: z.uuid(),
  eventId: z.uuid(),
  /** The published version the appeal is against, and the entry's row in it. */
  againstVersion: z.number().int(),
  result: ResultRow.nullable(),
  /** Every judge's sheet of the appealed entry (open one to see its marks and history). */
  sheets: z.array(SheetSummary),
  /** The caller may open a review, decide, and ask for re-marks while the appeal is open. */
  canDecide: z.boolean(),
});
export type AppealCase = z.infer<typeof AppealCase>;

/** An appeal in the arbitration group's list, with where it belongs. */
export const ArbitrationAppeal = AppealView.extend({
  competitionId: z.uuid(),
  competitionName: z.string(),
  eventName: z.string(),
  roundName: z.string(),
});
export type ArbitrationAppeal = z.infer<typeof ArbitrationAppeal>;

// ---------------------------------------------------------------- theory import

export const TheoryImportRow = z.object({
  row: z.number().int(),
  candidateNumber: z.string().nullable(),
  score: z.string().nullable(),
  status: z.enum(['ok', 'error']),
  message: LocalisedText.nullable(),
});
export type TheoryImportRow = z.infer<typeof TheoryImportRow>;

export const TheoryImportReport = z.object({
  roundId: z.uuid(),
  aspectId: z.string(),
  dryRun: z.boolean(),
  /** true only when every row was valid and the marks were stored */
  imported: z.boolean(),
  total: z.number().int(),
  errors: z.number().int(),
  rows: z.array(TheoryImportRow),
});
export type TheoryImportReport = z.infer<typeof TheoryImportReport>;

// ---------------------------------------------------------------- audit chain

export const CHAIN_PROBLEM_KINDS = [
  'altered',
  'deleted',
  'inserted',
  'reordered',
  'head_mismatch',
] as const;

export const ChainProblem = z.object({
  kind: z.enum(CHAIN_PROBLEM_KINDS),
  /** Chain position (1-based) where it was found */
  seq: z.number().int().nullable(),
  table: z.enum(['judging_mark', 'judging_sheet_event', 'judging_review', 'judging_chain_head']),
  rowId: z.string().nullable(),
  message: LocalisedText,
});
export type ChainProblem = z.infer<typeof ChainProblem>;

export const ChainVerification = z.object({
  eventId: z.uuid(),
  ok: z.boolean(),
  /** Rows checked (marks + sheet status changes) */
  rows: z.number().int(),
  headSeq: z.number().int(),
  headHash: z.string().nullable(),
  checkedAt: z.string(),
  problems: z.array(ChainProblem),
});
export type ChainVerification = z.infer<typeof ChainVerification>;

// ---------------------------------------------------------------- rounds overview (web addition)

/**
 * How the head judge, organiser, competitor or coordinator
 * finds a round's review / results pages:
 *
 *   GET /judging/competitions/:competitionId/rounds   any signed-in user → JudgingRoundSummary[]
 *       (every round of the competition's events, in event then round order; `canReview` is
 *       true for the event's head judge and the competition's organisers / platform admins;
 *       `canArbitrate` for the competition's arbitration group; `canVerifyAudit` for organisers /
 *       platform admins)
 */
export const JudgingRoundSummary = z.object({
  competitionId: z.uuid(),
  eventId: z.uuid(),
  eventName: z.string(),
  roundId: z.uuid(),
  roundName: z.string(),
  phase: RoundJudgingPhase,
  resultVersion: z.number().int().nullable(),
  publishedAt: z.string().nullable(),
  /** When the appeal window closes (publishedAt + appealWindowHours), once published. */
  appealsCloseAt: z.string().nullable(),
  canReview: z.boolean(),
  /** The caller is in the competition's arbitration group: the round's appeals screen. */
  canArbitrate: z.boolean(),
  canVerifyAudit: z.boolean(),
});
export type JudgingRoundSummary = z.infer<typeof JudgingRoundSummary>;
