import {
  type EventProgress,
  type ScoreboardClientToServerEvents,
  type ScoreboardDelta,
  scoreboardRoom,
  type ScoreboardServerToClientEvents,
  type VoteTally,
} from '@jingsai/contracts';
import { Inject, Injectable } from '@nestjs/common';
import type { Server } from 'socket.io';
import { REDIS_CLIENT, type RedisClient } from '../../common/redis/redis';

export type ScoreboardServer = Server<
  ScoreboardClientToServerEvents,
  ScoreboardServerToClientEvents
>;

/**
 * Sends to the scoreboard's rooms. With Redis the adapter reaches every API process; while
 * Redis is away a broadcast reaches this process's viewers only (the adapter would otherwise
 * hold it until Redis answers) and the others catch up from the ticks (see ScoreboardTicker).
 */
@Injectable()
export class ScoreboardBroadcaster {
  private server: ScoreboardServer | null = null;

  constructor(@Inject(REDIS_CLIENT) private readonly redis: RedisClient | null) {}

  attach(server: ScoreboardServer): void {
    this.server = server;
  }

  get attached(): ScoreboardServer | null {
    return this.server;
  }

  private target(room: string) {
    if (!this.server) return null;
    const everywhere = !this.redis || this.redis.isReady;
    return everywhere ? this.server.to(room) : this.server.local.to(room);
  }

  /** The seq of the last delta this process sent to each board's room. */
  private readonly sent = new Map<string, number>();

  /**
   * One emit to the room: socket.io serialises the packet and frames it once per broadcast and
   * writes that frame to every socket (no per-socket emit, no compression).
   */
  delta(delta: ScoreboardDelta): void {
    const room = scoreboardRoom.board(delta.eventId, delta.view);
    const target = this.target(room);
    if (!target) return;
    target.emit('scoreboard:delta', delta);
    this.sent.set(room, delta.seq);
  }

  /** The seq of the last delta this process sent to a board's room, if any. */
  lastSent(room: string): number | undefined {
    return this.sent.get(room);
  }

  progress(progress: EventProgress & { competitionId: string }): void {
    this.target(scoreboardRoom.competition(progress.competitionId))?.emit(
      'scoreboard:progress',
      progress,
    );
  }

  votes(tally: VoteTally): void {
    for (const view of ['public', 'staff'] as const)
      this.target(scoreboardRoom.board(tally.eventId, view))?.emit('scoreboard:votes', tally);
  }
}
