import { pickLocale, scoreboardRoom, StandingsView } from '@jingsai/contracts';
import { Inject } from '@nestjs/common';
import { type OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Socket } from 'socket.io';
import type { AuthUser } from '../../common/auth/auth-user';
import { REDIS_CLIENT, type RedisClient } from '../../common/redis/redis';
import { ScoreboardBroadcaster, type ScoreboardServer } from './scoreboard-broadcaster';
import { ScoreboardService } from './scoreboard.service';

interface ViewerData {
  /** Resolved from the handshake's session cookie the first time a staff board is asked for. */
  user?: Promise<AuthUser | null>;
}

type ViewerSocket = Socket & { data: ViewerData };

/**
 * The live scoreboard over socket.io (protocol: docs/realtime.md, types: libs/contracts
 * scoreboard.ts). Thin: each message goes to one ScoreboardService method.
 *
 * The listeners are plain socket.io ones rather than `@SubscribeMessage` handlers: Nest wires
 * RxJS streams per socket and per handler, which at 10,000 viewers per process cost more heap
 * than the viewers themselves (bench/scoreboard). Public viewers are never looked up in the
 * database; the session cookie is resolved only when a staff board is asked for.
 */
@WebSocketGateway({ serveClient: false })
export class ScoreboardGateway implements OnGatewayInit {
  constructor(
    private readonly service: ScoreboardService,
    private readonly broadcaster: ScoreboardBroadcaster,
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient | null,
  ) {}

  afterInit(server: ScoreboardServer): void {
    if (this.redis) this.shareRoomsThroughRedis(server, this.redis);
    this.broadcaster.attach(server);
    server.on('connection', (socket: ViewerSocket) => this.listen(socket));
  }

  /**
   * Rooms are shared across processes once Redis first answers. The streams adapter reads on
   * duplicates of the client; created while Redis is unreachable they would retry for ever and
   * keep a stopping process alive, so the adapter is attached on the first `ready` (until then
   * this process serves its own viewers, which is also what happens whenever Redis is away).
   * Viewers who joined before keep their rooms.
   */
  private shareRoomsThroughRedis(server: ScoreboardServer, redis: RedisClient): void {
    const attach = () => {
      const rooms = new Map<string, Set<string>>();
      for (const [id, socket] of server.of('/').sockets) rooms.set(id, new Set(socket.rooms));
      server.adapter(createAdapter(redis, { onlyPlaintext: true, blockTimeInMs: 1000 }));
      for (const [id, joined] of rooms) void server.of('/').adapter.addAll(id, joined);
    };
    if (redis.isReady) attach();
    else redis.once('ready', attach);
  }

  private listen(socket: ViewerSocket): void {
    const locale = pickLocale(socket.handshake.headers['accept-language']);
    const user = () =>
      (socket.data.user ??= this.service
        .authenticateSocket(socket.handshake.headers.cookie)
        // A failed lookup (database away) counts as signed out; public boards still work.
        .catch(() => null));
    const join = (room: string) => socket.join(room);

    socket.on('scoreboard:join', (body: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return;
      void this.service.joinBoard(user, body, locale, join).then((answer) => ack(answer));
    });
    socket.on('scoreboard:watch', (body: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return;
      void this.service.watchCompetition(body, locale, join).then((answer) => ack(answer));
    });
    socket.on('scoreboard:leave', (body: { eventId?: unknown; view?: unknown } | undefined) => {
      const view = StandingsView.safeParse(body?.view ?? 'public');
      if (typeof body?.eventId === 'string' && view.success)
        void socket.leave(scoreboardRoom.board(body.eventId, view.data));
    });
  }
}
