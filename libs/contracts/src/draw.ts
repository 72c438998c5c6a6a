import { z } from 'zod';

/**
 * Draw (抽签), check-in (检录) and exports of a round. A draw is a deterministic function of a
 * seed and its recorded inputs; the code ↔ competitor mapping is shown to organisers only until
 * an audited reveal.
 */

/** A seed read aloud at a public draw, or left out for a random one. */
export const DrawSeed = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z-]{1,64}$/, {
    message:
      'the seed must be 1–64 letters, digits or hyphens / 种子须为 1–64 位字母、数字或连字符',
  });

export const RunDrawRequest = z.strictObject({
  seed: DrawSeed.optional(),
});
export type RunDrawRequest = z.output<typeof RunDrawRequest>;

export const VerifyDrawRequest = z.strictObject({
  /** Check a seed someone holds against the recorded result; the draw's own seed if left out. */
  seed: DrawSeed.optional(),
});
export type VerifyDrawRequest = z.output<typeof VerifyDrawRequest>;

export const ATTENDANCES = ['expected', 'present', 'absent'] as const;
export const Attendance = z.enum(ATTENDANCES);
export type Attendance = z.infer<typeof Attendance>;

export const PlacementSession = z.object({
  id: z.uuid(),
  venue: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
});
export type PlacementSession = z.infer<typeof PlacementSession>;

/** One drawn entry. Identity fields are null for callers who may not see the mapping yet. */
export const DrawEntryView = z.object({
  id: z.uuid(),
  anonymousCode: z.string().nullable(),
  session: PlacementSession.nullable(),
  station: z.number().int().nullable(),
  attendance: Attendance,
  candidateNumber: z.string().nullable(),
  /** Competitor name, or team name in a team event. */
  name: z.string().nullable(),
  enterpriseName: z.string().nullable(),
});
export type DrawEntryView = z.infer<typeof DrawEntryView>;

export const DrawSummary = z.object({
  id: z.uuid(),
  /** Null for callers who may not see it before the reveal. */
  seed: z.string().nullable(),
  digest: z.string(),
  entryCount: z.number().int(),
  createdAt: z.string(),
  supersededAt: z.string().nullable(),
  revealedAt: z.string().nullable(),
});
export type DrawSummary = z.infer<typeof DrawSummary>;

/** One page of a draw's entries, by session and station. */
export const RoundDrawQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  offset: z.coerce.number().int().min(0).default(0),
});
export type RoundDrawQuery = z.output<typeof RoundDrawQuery>;

export const RoundDrawView = z.object({
  roundId: z.uuid(),
  roundName: z.string(),
  eventId: z.uuid(),
  eventName: z.string(),
  eventKind: z.enum(['individual', 'team']),
  /** Whether the caller sees who is behind each code. */
  mappingVisible: z.boolean(),
  /** Whether the caller may run, verify and reveal. */
  canManage: z.boolean(),
  capacity: z.number().int(),
  current: DrawSummary.nullable(),
  /** How many entries the current draw placed; `entries` is one page of them. */
  entryTotal: z.number().int(),
  /** Earlier draws of this round, superseded by a redraw (newest first). */
  history: z.array(DrawSummary),
  entries: z.array(DrawEntryView),
});
export type RoundDrawView = z.infer<typeof RoundDrawView>;

export const DrawVerification = z.object({
  drawId: z.uuid(),
  seed: z.string(),
  recordedDigest: z.string(),
  recomputedDigest: z.string(),
  /** The recomputed result equals the recorded one. */
  matches: z.boolean(),
  /** For the current draw: entries whose stored code, session or station differ from the recomputation. */
  storedMismatches: z.number().int(),
});
export type DrawVerification = z.infer<typeof DrawVerification>;

/**
 * Everything needed to recompute a draw away from the platform (`draw-verify` CLI): the seed,
 * the inputs and the result. Organisers get it at once, officials after the reveal.
 */
export const DrawRecord = z.object({
  drawId: z.uuid(),
  roundId: z.uuid(),
  createdAt: z.string(),
  seed: z.string(),
  digest: z.string(),
  input: z.object({
    entrants: z.array(z.string()),
    sessions: z.array(z.object({ id: z.string(), stationCount: z.number().int() })),
    numberPrefix: z.string().nullable(),
  }),
  placements: z.array(
    z.object({
      entrantId: z.string(),
      candidateNumber: z.string().nullable(),
      anonymousCode: z.string(),
      sessionId: z.string(),
      station: z.number().int(),
    }),
  ),
});
export type DrawRecord = z.infer<typeof DrawRecord>;

/** What a competitor sees of their own placement in a round. */
export const MyPlacement = z.object({
  registrationId: z.uuid(),
  competitionId: z.uuid(),
  eventName: z.string(),
  roundName: z.string(),
  teamName: z.string().nullable(),
  candidateNumber: z.string().nullable(),
  /** Their own code, once the mapping is revealed. */
  anonymousCode: z.string().nullable(),
  session: PlacementSession.nullable(),
  station: z.number().int().nullable(),
  attendance: Attendance,
});
export type MyPlacement = z.infer<typeof MyPlacement>;

// ── check-in ───────────────────────────────────────────────────────────────

export const CheckInQuery = z.strictObject({
  number: z
    .string()
    .trim()
    .min(1, { message: 'enter a candidate number / 请输入参赛号' })
    .max(20, { message: 'a candidate number has at most 20 characters / 参赛号最多 20 位' }),
});
export type CheckInQuery = z.output<typeof CheckInQuery>;

export const CheckInPerson = z.object({
  personId: z.uuid(),
  name: z.string(),
  enterpriseName: z.string().nullable(),
  documentType: z.string().nullable(),
  /** Always masked at the check-in desk. */
  documentMasked: z.string().nullable(),
  hasPhoto: z.boolean(),
});
export type CheckInPerson = z.infer<typeof CheckInPerson>;

export const CheckInCard = z.object({
  entryId: z.uuid(),
  roundId: z.uuid(),
  eventName: z.string(),
  roundName: z.string(),
  candidateNumber: z.string(),
  teamName: z.string().nullable(),
  people: z.array(CheckInPerson),
  session: PlacementSession.nullable(),
  station: z.number().int().nullable(),
  attendance: Attendance,
  checkedInAt: z.string().nullable(),
});
export type CheckInCard = z.infer<typeof CheckInCard>;

export const MarkAttendanceRequest = z.strictObject({
  /** 'expected' undoes an earlier present/absent. */
  attendance: Attendance,
});
export type MarkAttendanceRequest = z.output<typeof MarkAttendanceRequest>;

export const SessionProgress = z.object({
  session: PlacementSession,
  expected: z.number().int(),
  present: z.number().int(),
  absent: z.number().int(),
  total: z.number().int(),
});
export type SessionProgress = z.infer<typeof SessionProgress>;

export const CheckInProgress = z.object({
  roundId: z.uuid(),
  sessions: z.array(SessionProgress),
});
export type CheckInProgress = z.infer<typeof CheckInProgress>;

export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;

// ── exports ────────────────────────────────────────────────────────────────

export const EXPORT_KINDS = ['roster', 'sign-in', 'stations'] as const;
export const ExportKind = z.enum(EXPORT_KINDS);
export type ExportKind = z.infer<typeof ExportKind>;

export const ExportQuery = z.strictObject({
  sessionId: z.uuid().optional(),
  /** Organisers only: the roster with full document numbers (audited). */
  full: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
});
export type ExportQuery = z.output<typeof ExportQuery>;

export const ExportRow = z.object({
  candidateNumber: z.string().nullable(),
  teamName: z.string().nullable(),
  name: z.string(),
  gender: z.enum(['male', 'female']).nullable(),
  enterpriseName: z.string().nullable(),
  region: z.string().nullable(),
  documentType: z.string().nullable(),
  documentNumber: z.string().nullable(),
  mobile: z.string().nullable(),
  station: z.number().int().nullable(),
});
export type ExportRow = z.infer<typeof ExportRow>;

export const ExportSheet = z.object({
  kind: ExportKind,
  competitionName: z.string(),
  eventName: z.string(),
  roundName: z.string(),
  full: z.boolean(),
  sessions: z.array(z.object({ session: PlacementSession, rows: z.array(ExportRow) })),
});
export type ExportSheet = z.infer<typeof ExportSheet>;
