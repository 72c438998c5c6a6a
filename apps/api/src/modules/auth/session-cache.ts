import type { EventSubscriber, FlushEventArgs } from '@mikro-orm/core';
import { MikroORM } from '@mikro-orm/postgresql';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Client } from 'pg';
import type { AuthUser } from '../../common/auth/auth-user';
import { DATABASE_MODE, type DatabaseMode } from '../../common/database/database-target';
import { RoleGrant } from '../users/entities/role-grant.entity';
import { User } from '../users/entities/user.entity';
import { Session } from './entities/session.entity';

/** The channel the auth triggers notify (migration Migration20261122100000_auth_change_notify). */
export const AUTH_CHANNEL = 'jingsai_auth';
/** A safety net: even without a notification, an entry is used for at most this long. */
export const SESSION_CACHE_TTL_MS = 30_000;
const MAX_ENTRIES = 20_000;
const RECONNECT_MS = 2_000;

interface Entry {
  user: AuthUser;
  /** when this entry stops being used: the TTL, or the session's own expiry if sooner */
  until: number;
}

/**
 * Signed-in users by session token hash, kept in memory so that most requests skip the session
 * query (every judge's mark is a request). Never stale beyond a notification's delivery:
 * triggers on `session`, `role_grant` and `user_account` notify `jingsai_auth` with the user's
 * id on every commit that changes them — through the app or by hand in SQL — and this process
 * LISTENs on its own connection and forgets that user. The cache answers only while that
 * connection is listening, so a process that could miss a change asks the database every time;
 * with the embedded database it stays off.
 */
@Injectable()
export class SessionCache
  implements OnApplicationBootstrap, BeforeApplicationShutdown, EventSubscriber
{
  private readonly logger = new Logger(SessionCache.name);
  private readonly entries = new Map<string, Entry>();
  private listener: Client | null = null;
  private listening = false;
  private closing = false;
  private retry: NodeJS.Timeout | null = null;
  /** Grows with every forgetting: a read that began before one must not be stored. */
  private generation = 0;

  constructor(
    private readonly orm: MikroORM,
    @Inject(DATABASE_MODE) private readonly databaseMode: DatabaseMode,
  ) {}

  /** True while changes are being heard, i.e. while entries may be used. */
  get active(): boolean {
    return this.listening;
  }

  get size(): number {
    return this.entries.size;
  }

  onApplicationBootstrap(): void {
    this.orm.em.getEventManager().registerSubscriber(this);
    if (this.databaseMode === 'server') void this.listen();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    if (this.retry) clearTimeout(this.retry);
    this.stopUsing();
    await this.listener?.end().catch(() => undefined);
  }

  get(tokenHash: string): AuthUser | null {
    if (!this.listening) return null;
    const entry = this.entries.get(tokenHash);
    if (!entry) return null;
    if (entry.until <= Date.now()) {
      this.entries.delete(tokenHash);
      return null;
    }
    return entry.user;
  }

  /** Call before reading a session from the database; pass the answer to `set`. */
  readStarts(): number {
    return this.generation;
  }

  /** Keeps what a read found, unless anything was forgotten since the read began. */
  set(tokenHash: string, user: AuthUser, sessionExpiresAt: Date, readStarted: number): void {
    if (!this.listening || readStarted !== this.generation) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    const until = Math.min(Date.now() + SESSION_CACHE_TTL_MS, sessionExpiresAt.getTime());
    this.entries.set(tokenHash, { user, until });
  }

  /** Forgets every session of a user (their grants, account or sessions changed). */
  forgetUser(userId: string): void {
    this.generation++;
    for (const [key, entry] of this.entries) {
      if (entry.user.id === userId) this.entries.delete(key);
    }
  }

  // EventSubscriber: changes made through this process's ORM are forgotten at once, before
  // their notification comes back.
  afterFlush(args: FlushEventArgs): void {
    for (const changeSet of args.uow.getChangeSets()) {
      const entity: unknown = changeSet.entity;
      if (entity instanceof User) this.forgetUser(entity.id);
      else if (entity instanceof RoleGrant || entity instanceof Session)
        this.forgetUser(entity.user.id);
    }
  }

  private async listen(): Promise<void> {
    const url = this.orm.config.get('clientUrl');
    if (!url || this.closing) return;
    const client = new Client({ connectionString: url });
    client.on('notification', (message) => {
      if (message.channel === AUTH_CHANNEL && message.payload) this.forgetUser(message.payload);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, null));
    try {
      await client.connect();
      await client.query(`listen ${AUTH_CHANNEL}`);
    } catch (error) {
      this.lost(client, error);
      return;
    }
    if (this.closing) {
      await client.end().catch(() => undefined);
      return;
    }
    this.listener = client;
    this.listening = true;
  }

  /** The listening connection is gone: stop using entries (changes could be missed) and retry. */
  private lost(client: Client, error: unknown): void {
    if (this.listener !== null && this.listener !== client) return;
    this.listener = null;
    this.stopUsing();
    client.removeAllListeners('end');
    client.end().catch(() => undefined);
    if (this.closing || this.retry) return;
    if (error) this.logger.warn(`session cache off until the database answers: ${String(error)}`);
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.listen();
    }, RECONNECT_MS);
    this.retry.unref();
  }

  private stopUsing(): void {
    this.generation++;
    this.listening = false;
    this.entries.clear();
  }
}
