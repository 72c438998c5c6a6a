import type {
  CompetitionOverview,
  ScoreboardClientToServerEvents,
  ScoreboardDelta,
  ScoreboardServerToClientEvents,
  ScoreboardSnapshot,
  StandingsView,
  VoteTally,
} from '@jingsai/contracts';
import { io, type Socket } from 'socket.io-client';
import { errorMessage } from '../api';
import { applyDelta } from './board';
import { scoreboardApi } from './scoreboard-api';

type ScoreboardSocket = Socket<ScoreboardServerToClientEvents, ScoreboardClientToServerEvents>;

export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

/** While the socket is down, the public board is re-fetched over HTTP this often. */
export const FALLBACK_POLL_MS = 5000;

function connect(): ScoreboardSocket {
  // Same origin: the API serves the app; the session cookie goes along for staff boards.
  return io({ path: '/socket.io', transports: ['websocket', 'polling'] });
}

/**
 * One event's board, kept live: a snapshot, then deltas applied strictly in seq order (a stale
 * one is ignored, a gap makes it rejoin with its last seq and get what it missed). While the
 * socket is down the public board is re-fetched over HTTP, so a phone never shows a dead board.
 */
export class LiveBoard {
  board = $state.raw<ScoreboardSnapshot | null>(null);
  status = $state<LiveStatus>('connecting');
  error = $state<string | null>(null);
  votes = $state.raw<VoteTally | null>(null);
  /** The rows the last delta touched, for a brief highlight. */
  changed = $state.raw<readonly string[]>([]);

  #socket: ScoreboardSocket | null = null;
  #joining = false;
  #rejoin = false;
  /** Ask for a snapshot rather than the deltas after our seq (our rows went wrong). */
  #fresh = false;
  #buffered: ScoreboardDelta[] = [];
  #poll: ReturnType<typeof setInterval> | null = null;

  constructor(
    readonly eventId: string,
    readonly view: StandingsView = 'public',
    private readonly open: () => ScoreboardSocket = connect,
  ) {}

  /** Connects; returns the cleanup (for `$effect`). */
  start(): () => void {
    const socket = this.open();
    this.#socket = socket;
    socket.on('connect', () => void this.#join());
    socket.on('disconnect', () => {
      this.status = 'reconnecting';
      this.#startPolling();
    });
    socket.on('connect_error', () => {
      this.status = this.board ? 'reconnecting' : 'connecting';
      this.#startPolling();
    });
    socket.on('scoreboard:delta', (delta) => this.#receive(delta));
    socket.on('scoreboard:tick', (tick) => {
      if (
        tick.eventId === this.eventId &&
        tick.view === this.view &&
        this.board &&
        tick.seq > this.board.seq
      )
        void this.#join();
    });
    socket.on('scoreboard:votes', (tally) => {
      if (tally.eventId === this.eventId) this.votes = tally;
    });
    scoreboardApi
      .votes(this.eventId)
      .then((tally) => (this.votes = tally))
      .catch(() => undefined);
    return () => this.stop();
  }

  stop(): void {
    this.#stopPolling();
    this.#socket?.disconnect();
    this.#socket = null;
  }

  async #join(): Promise<void> {
    const socket = this.#socket;
    if (!socket) return;
    if (this.#joining) {
      this.#rejoin = true;
      return;
    }
    this.#joining = true;
    try {
      do {
        this.#rejoin = false;
        const answer = await socket.emitWithAck('scoreboard:join', {
          eventId: this.eventId,
          view: this.view,
          ...(this.board && !this.#fresh ? { lastSeq: this.board.seq } : {}),
        });
        this.#fresh = false;
        if (!answer.ok) {
          this.error = answer.error.message;
          return;
        }
        if ('snapshot' in answer) this.board = answer.snapshot;
        else for (const delta of answer.deltas) this.#apply(delta);
        const buffered = this.#buffered;
        this.#buffered = [];
        for (const delta of buffered) this.#apply(delta);
      } while (this.#rejoin);
      this.error = null;
      this.status = 'live';
      this.#stopPolling();
    } catch (error) {
      this.error = errorMessage(error);
    } finally {
      this.#joining = false;
    }
  }

  #receive(delta: ScoreboardDelta): void {
    if (this.#joining || !this.board) this.#buffered.push(delta);
    else this.#apply(delta);
  }

  #apply(delta: ScoreboardDelta): void {
    if (!this.board) return;
    const outcome = applyDelta(this.board, delta);
    if (outcome.kind === 'applied') {
      this.board = outcome.board;
      this.changed = outcome.changed;
    } else if (outcome.kind === 'gap' || outcome.kind === 'reset') {
      if (outcome.kind === 'reset') this.#fresh = true;
      if (this.#joining) this.#rejoin = true;
      else void this.#join();
    }
  }

  #startPolling(): void {
    if (this.#poll || this.view !== 'public') return;
    const refetch = () =>
      scoreboardApi
        .publicStandings(this.eventId)
        .then((snapshot) => {
          if (!this.board || snapshot.seq > this.board.seq) this.board = snapshot;
          this.error = null;
        })
        .catch((error: unknown) => (this.error = errorMessage(error)));
    if (!this.board) void refetch();
    this.#poll = setInterval(refetch, FALLBACK_POLL_MS);
  }

  #stopPolling(): void {
    if (this.#poll) clearInterval(this.#poll);
    this.#poll = null;
  }
}

/** A competition's overview (every event's progress), kept live over the same protocol. */
export class LiveOverview {
  overview = $state.raw<CompetitionOverview | null>(null);
  error = $state<string | null>(null);

  constructor(
    readonly competitionId: string,
    private readonly open: () => ScoreboardSocket = connect,
  ) {}

  start(): () => void {
    const socket = this.open();
    socket.on('connect', () => {
      void socket
        .emitWithAck('scoreboard:watch', { competitionId: this.competitionId })
        .then((answer) => {
          if (answer.ok) {
            this.overview = answer.overview;
            this.error = null;
          } else this.error = answer.error.message;
        });
    });
    socket.on('scoreboard:progress', (progress) => {
      const current = this.overview;
      if (!current || progress.competitionId !== this.competitionId) return;
      this.overview = {
        ...current,
        events: current.events.map((event) =>
          event.eventId === progress.eventId && progress.seq >= event.seq
            ? { ...event, ...progress }
            : event,
        ),
      };
    });
    socket.on('connect_error', () => {
      if (!this.overview)
        scoreboardApi
          .overview(this.competitionId)
          .then((overview) => (this.overview = overview))
          .catch((error: unknown) => (this.error = errorMessage(error)));
    });
    return () => socket.disconnect();
  }
}
