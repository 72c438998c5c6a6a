import type {
  ScoreboardClientToServerEvents,
  ScoreboardServerToClientEvents,
} from '@jingsai/contracts';
import { io, type Socket } from 'socket.io-client';

type ScoreboardSocket = Socket<ScoreboardServerToClientEvents, ScoreboardClientToServerEvents>;

/** At most one refetch per this long however fast marks come in; the first one at once. */
export const DESK_REFRESH_MS = 1500;

function connect(): ScoreboardSocket {
  // Same origin; the session cookie goes along, which the staff board requires.
  return io({ path: '/socket.io', transports: ['websocket', 'polling'] });
}

/**
 * Tells the head judge's desk when its event changed, by following the event's staff scoreboard
 * (docs/realtime.md): every delta means marks, locks or publication moved the standings, so the
 * desk refetches (throttled). Only the board's `seq` is kept, not its rows: the desk reads its
 * own views. `live` is false while the socket is down or the join was refused, and the desk then
 * falls back on polling.
 */
export class DeskFeed {
  live = $state(false);

  #socket: ScoreboardSocket | null = null;
  #seq: number | null = null;
  #lastRun = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    readonly eventId: string,
    private readonly onChange: () => void,
    private readonly open: () => ScoreboardSocket = connect,
    private readonly throttleMs = DESK_REFRESH_MS,
  ) {}

  /** Connects; returns the cleanup (for `$effect`). */
  start(): () => void {
    const socket = this.open();
    this.#socket = socket;
    socket.on('connect', () => void this.#join());
    socket.on('disconnect', () => (this.live = false));
    socket.on('connect_error', () => (this.live = false));
    socket.on('scoreboard:delta', (delta) => {
      if (delta.eventId !== this.eventId || delta.view !== 'staff') return;
      this.#advance(delta.seq);
    });
    socket.on('scoreboard:tick', (tick) => {
      // a delta that never arrived (Redis away, a process died after commit)
      if (tick.eventId !== this.eventId || tick.view !== 'staff') return;
      if (this.#seq !== null) this.#advance(tick.seq);
    });
    return () => this.stop();
  }

  stop(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#socket?.disconnect();
    this.#socket = null;
    this.live = false;
  }

  async #join(): Promise<void> {
    const socket = this.#socket;
    if (!socket) return;
    try {
      const answer = await socket.emitWithAck('scoreboard:join', {
        eventId: this.eventId,
        view: 'staff',
        ...(this.#seq === null ? {} : { lastSeq: this.#seq }),
      });
      if (!answer.ok) {
        this.live = false;
        return;
      }
      const seq = 'snapshot' in answer ? answer.snapshot.seq : answer.deltas.at(-1)?.seq;
      // The first join only sets the mark; a rejoin that finds news refetches.
      if (this.#seq === null) this.#seq = seq ?? 0;
      else if (seq !== undefined) this.#advance(seq);
      this.live = true;
    } catch {
      this.live = false;
    }
  }

  #advance(seq: number): void {
    if (this.#seq !== null && seq <= this.#seq) return;
    this.#seq = seq;
    this.#changed();
  }

  /** Leading and trailing throttle: at once, then at most once per `throttleMs`. */
  #changed(): void {
    if (this.#timer) return;
    const wait = this.#lastRun + this.throttleMs - Date.now();
    if (wait <= 0) {
      this.#run();
      return;
    }
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#run();
    }, wait);
  }

  #run(): void {
    this.#lastRun = Date.now();
    this.onChange();
  }
}
