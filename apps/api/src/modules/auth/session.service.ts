import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { createHmac, randomBytes } from 'node:crypto';
import type { AuthUser } from '../../common/auth/auth-user';
import { APP_CONFIG, type AppConfig } from '../../common/config/app-config';
import { User } from '../users/entities/user.entity';
import { Session } from './entities/session.entity';
import { SessionCache } from './session-cache';

export const SESSION_TTL_MS = 7 * 24 * 60 * 60_000;

export interface NewSession {
  token: string;
  expiresAt: Date;
}

@Injectable()
export class SessionService {
  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cache: SessionCache,
  ) {}

  private hashToken(token: string): string {
    return createHmac('sha256', this.config.sessionSecret).update(token).digest('hex');
  }

  async open(
    user: User,
    meta: { ip: string | null; userAgent: string | null },
  ): Promise<NewSession> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
    const session = this.em.create(Session, {
      tokenHash: this.hashToken(token),
      user,
      expiresAt,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    });
    this.em.persist(session);
    return { token, expiresAt };
  }

  /**
   * The signed-in user behind a session token, with their grants. Every authenticated request
   * runs this, so it is one SQL statement rather than an entity load with populated relations,
   * and most often not even that: the answer is kept in the SessionCache.
   */
  async resolve(token: string): Promise<AuthUser | null> {
    const tokenHash = this.hashToken(token);
    const cached = this.cache.get(tokenHash);
    if (cached) return cached;
    const readStarted = this.cache.readStarts();
    const [row] = await this.em.execute<
      Array<{
        session_id: string;
        expires_at: Date;
        id: string;
        username: string;
        display_name: string;
        must_change_password: boolean;
        grants: AuthUser['grants'];
      }>
    >(
      `select s.id as session_id, s.expires_at, u.id, u.username, u.display_name, u.must_change_password,
              coalesce(
                json_agg(json_build_object('role', g.role, 'scopeType', g.scope_type,
                                           'scopeId', g.scope_id))
                  filter (where g.id is not null),
                '[]') as grants
         from session s
         join user_account u on u.id = s.user_id and not u.disabled
         left join role_grant g on g.user_id = u.id
        where s.token_hash = ? and s.expires_at > now()
        group by s.id, u.id`,
      [tokenHash],
    );
    if (!row) return null;
    const user: AuthUser = {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      mustChangePassword: row.must_change_password,
      sessionId: row.session_id,
      grants: row.grants,
    };
    this.cache.set(tokenHash, user, new Date(row.expires_at), readStarted);
    return user;
  }

  async close(auth: AuthUser): Promise<void> {
    await this.em.nativeDelete(Session, { id: auth.sessionId });
    this.cache.forgetUser(auth.id);
  }

  /** Signs a user out everywhere except, optionally, the session doing it. */
  async closeAllFor(userId: string, exceptSessionId?: string): Promise<void> {
    await this.em.nativeDelete(Session, {
      user: userId,
      ...(exceptSessionId ? { id: { $ne: exceptSessionId } } : {}),
    });
    this.cache.forgetUser(userId);
  }
}
