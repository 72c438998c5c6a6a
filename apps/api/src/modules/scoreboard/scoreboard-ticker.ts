import type { StandingsView } from '@jingsai/contracts';
import {
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ScoreboardBroadcaster } from './scoreboard-broadcaster';
import { ScoreboardFeedService } from './scoreboard-feed.service';

export const TICK_MS = 3000;
const BOARD_ROOM = /^board:([0-9a-f-]{36}):(public|staff)$/;

/**
 * Every few seconds each process tells its own viewers the current seq of the boards they
 * watch, read from Postgres. A viewer that missed a delta (a lost broadcast, Redis away, a
 * process that died between commit and send) sees it is behind and rejoins with its last seq.
 *
 * A board whose latest delta this process sent itself gets no tick: its viewers here had it
 * (or joined after it and got a snapshot at least as new), so the tick would tell them nothing,
 * and with 10,000 viewers it costs as much as a delta.
 */
@Injectable()
export class ScoreboardTicker implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private busy = false;

  constructor(
    private readonly broadcaster: ScoreboardBroadcaster,
    private readonly feeds: ScoreboardFeedService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async tick(): Promise<void> {
    const server = this.broadcaster.attached;
    if (!server || this.busy) return;
    this.busy = true;
    try {
      const boards: Array<{ room: string; eventId: string; view: StandingsView }> = [];
      for (const [room, members] of server.of('/').adapter.rooms) {
        const match = BOARD_ROOM.exec(room);
        if (match && members.size > 0)
          boards.push({ room, eventId: match[1]!, view: match[2] as StandingsView });
      }
      const seqs = await this.feeds.currentSeqs(boards);
      for (const board of boards) {
        const seq = seqs.get(`${board.eventId}:${board.view}`);
        if (seq !== undefined && seq !== this.broadcaster.lastSent(board.room))
          server.local
            .to(board.room)
            .emit('scoreboard:tick', { eventId: board.eventId, view: board.view, seq });
      }
    } catch (error) {
      this.feeds.logFailure('tick', error);
    } finally {
      this.busy = false;
    }
  }
}
