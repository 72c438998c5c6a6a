import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { createHmac, randomBytes } from 'node:crypto';
import type { AuthUser } from '../../common/auth/auth-user';
import { APP_CONFIG, type AppConfig } from '../../common/config/app-config';
import { User } from '../users/entities/user.entity';
import { Session } from './entities/session.entity';

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

  async resolve(token: string): Promise<AuthUser | null> {
    const session = await this.em.findOne(
      Session,
      { tokenHash: this.hashToken(token), expiresAt: { $gt: new Date() } },
      { populate: ['user', 'user.roles'] },
    );
    if (!session || session.user.disabled) return null;
    const { user } = session;
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      mustChangePassword: user.mustChangePassword,
      sessionId: session.id,
      grants: user.roles
        .getItems()
        .map(({ role, scopeType, scopeId }) => ({ role, scopeType, scopeId })),
    };
  }

  async close(sessionId: string): Promise<void> {
    await this.em.nativeDelete(Session, { id: sessionId });
  }

  /** Signs a user out everywhere except, optionally, the session doing it. */
  async closeAllFor(userId: string, exceptSessionId?: string): Promise<void> {
    await this.em.nativeDelete(Session, {
      user: userId,
      ...(exceptSessionId ? { id: { $ne: exceptSessionId } } : {}),
    });
  }
}
