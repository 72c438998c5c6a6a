import { z } from 'zod';
import { ResultPhase, StagePerformance, StandingRow, StandingsView } from './standings';

/**
 * The live scoreboard protocol (socket.io, path `/socket.io`, default namespace) and the HTTP
 * shapes around it. docs/realtime.md describes the exchange; these types are the one source of
 * truth for the server (apps/api/src/modules/scoreboard) and the client (apps/web/src/lib/scoreboard).
 *
 * Every board is one feed per event and view (`public` or `staff`) with its own `seq`, which
 * grows by exactly one with every delta. A client applies a delta only when its `seq` is the one
 * after the last it applied; anything else means "ask again with `lastSeq`".
 */

/**
 * One row-level change: the whole row (a new entry, or `row: null` when the entry left the
 * board), or `set`: only the fields of an existing row that changed (most often just `rank` for
 * the rows a mark pushed down), merged into the row the client has.
 */
export const RowChange = z.union([
  z.object({ entryId: z.uuid(), row: StandingRow.nullable() }),
  z.object({ entryId: z.uuid(), set: StandingRow.partial() }),
]);
export type RowChange = z.infer<typeof RowChange>;

/** The ceremony after a freeze: how many hidden changes are still to be shown. */
export const RevealState = z.object({
  startedAt: z.string(),
  /** Rows whose hidden result has not been shown yet. */
  remaining: z.number().int().min(0),
  /** The entry shown by the last step (the big screen highlights it). */
  lastEntryId: z.uuid().nullable(),
});
export type RevealState = z.infer<typeof RevealState>;

/** The board-level facts besides the rows; carried whole in a snapshot, when changed in a delta. */
export const BoardMeta = z.object({
  eventName: z.string(),
  phase: ResultPhase,
  resultVersion: z.number().int().nullable(),
  stage: StagePerformance.nullable(),
  /** True while the public board is frozen (封榜); staff boards are never frozen. */
  frozen: z.boolean(),
  freezeAt: z.string().nullable(),
  reveal: RevealState.nullable(),
});
export type BoardMeta = z.infer<typeof BoardMeta>;

export const ScoreboardSnapshot = BoardMeta.extend({
  competitionId: z.uuid(),
  eventId: z.uuid(),
  view: StandingsView,
  seq: z.number().int().min(0),
  rows: z.array(StandingRow),
});
export type ScoreboardSnapshot = z.infer<typeof ScoreboardSnapshot>;

export const ScoreboardDelta = z.object({
  eventId: z.uuid(),
  view: StandingsView,
  seq: z.number().int().min(1),
  changes: z.array(RowChange),
  /** Only the board-level fields that changed. */
  meta: BoardMeta.partial().optional(),
});
export type ScoreboardDelta = z.infer<typeof ScoreboardDelta>;

export const JoinBoardRequest = z.object({
  eventId: z.uuid(),
  view: StandingsView.default('public'),
  /** The last seq this client applied, when it rejoins; omitted for a first join. */
  lastSeq: z.number().int().min(0).optional(),
});
export type JoinBoardRequest = z.input<typeof JoinBoardRequest>;

export const WatchCompetitionRequest = z.object({ competitionId: z.uuid() });
export type WatchCompetitionRequest = z.infer<typeof WatchCompetitionRequest>;

export const SocketError = z.object({ code: z.string(), message: z.string() });
export type SocketError = z.infer<typeof SocketError>;

/** Answer to a join: the board, or the deltas after `lastSeq` when the server still has them all. */
export type JoinBoardAck =
  | { ok: true; snapshot: ScoreboardSnapshot }
  | { ok: true; deltas: ScoreboardDelta[] }
  | { ok: false; error: SocketError };

/** One event's line in the competition overview. */
export const EventProgress = z.object({
  eventId: z.uuid(),
  name: z.string(),
  phase: ResultPhase,
  entries: z.number().int(),
  complete: z.number().int(),
  frozen: z.boolean(),
  seq: z.number().int(),
});
export type EventProgress = z.infer<typeof EventProgress>;

export const CompetitionOverview = z.object({
  competitionId: z.uuid(),
  name: z.string(),
  events: z.array(EventProgress),
});
export type CompetitionOverview = z.infer<typeof CompetitionOverview>;

export type WatchCompetitionAck =
  { ok: true; overview: CompetitionOverview } | { ok: false; error: SocketError };

/** Live audience-vote counts of one event. */
export const VoteTally = z.object({
  eventId: z.uuid(),
  enabled: z.boolean(),
  open: z.boolean(),
  closesAt: z.string().nullable(),
  total: z.number().int(),
  counts: z.array(z.object({ entryId: z.uuid(), votes: z.number().int() })),
});
export type VoteTally = z.infer<typeof VoteTally>;

/** A heartbeat per joined board every few seconds: a client behind `seq` rejoins with lastSeq. */
export const BoardTick = z.object({ eventId: z.uuid(), view: StandingsView, seq: z.number() });
export type BoardTick = z.infer<typeof BoardTick>;

export interface ScoreboardServerToClientEvents {
  'scoreboard:delta': (delta: ScoreboardDelta) => void;
  'scoreboard:tick': (tick: BoardTick) => void;
  'scoreboard:progress': (progress: EventProgress & { competitionId: string }) => void;
  'scoreboard:votes': (tally: VoteTally) => void;
}

export interface ScoreboardClientToServerEvents {
  'scoreboard:join': (request: JoinBoardRequest, ack: (answer: JoinBoardAck) => void) => void;
  'scoreboard:leave': (request: { eventId: string; view?: StandingsView }) => void;
  'scoreboard:watch': (
    request: WatchCompetitionRequest,
    ack: (answer: WatchCompetitionAck) => void,
  ) => void;
}

/** Room names, shared so that tests and tools can name them too. */
export const scoreboardRoom = {
  board: (eventId: string, view: StandingsView) => `board:${eventId}:${view}`,
  competition: (competitionId: string) => `competition:${competitionId}`,
};

// ---------------------------------------------------------------------------------------------
// HTTP: freeze, reveal, audience vote.

const isoDateTime = z.iso.datetime({
  offset: true,
  error: 'Must be a date and time with a time zone / 须为带时区的日期时间',
});

export const FreezeRequest = z.object({
  /** null lifts a freeze that has not been revealed (the public board catches up at once). */
  freezeAt: isoDateTime.nullable(),
});
export type FreezeRequest = z.infer<typeof FreezeRequest>;

export const VoteSettingsRequest = z
  .object({
    enabled: z.boolean(),
    closesAt: isoDateTime.nullable(),
  })
  .refine((value) => !value.enabled || value.closesAt !== null, {
    path: ['closesAt'],
    message: 'An open vote needs a closing time / 开启投票须设置截止时间',
  });
export type VoteSettingsRequest = z.infer<typeof VoteSettingsRequest>;

export const CastVoteRequest = z.object({
  entryId: z.uuid({ error: 'Choose a competitor / 请选择选手' }),
});
export type CastVoteRequest = z.infer<typeof CastVoteRequest>;

export const EventScoreboardSettings = z.object({
  eventId: z.uuid(),
  eventName: z.string(),
  freezeAt: z.string().nullable(),
  frozen: z.boolean(),
  reveal: RevealState.nullable(),
  revealedAt: z.string().nullable(),
  voteEnabled: z.boolean(),
  voteClosesAt: z.string().nullable(),
});
export type EventScoreboardSettings = z.infer<typeof EventScoreboardSettings>;
