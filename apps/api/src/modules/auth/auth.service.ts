import type { SessionUser } from '@jingsai/contracts';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { User } from '../users/entities/user.entity';
import { UsersService } from '../users/users.service';
import type { ChangePasswordDto, LoginDto } from './auth.dto';
import { LoginThrottleService } from './login-throttle.service';
import { burnPasswordCheck, hashPassword, verifyPassword } from './password';
import { type NewSession, SessionService } from './session.service';

export class InvalidCredentialsError extends DomainError {
  readonly status = 401;
  readonly code = 'auth.invalid_credentials';
}

export class WrongCurrentPasswordError extends DomainError {
  readonly status = 400;
  readonly code = 'auth.wrong_current_password';
}

export class PasswordReusedError extends DomainError {
  readonly status = 400;
  readonly code = 'auth.password_reused';
}

export interface ClientMeta {
  ip: string;
  userAgent: string | null;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly em: EntityManager,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottleService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  async login(
    dto: LoginDto,
    client: ClientMeta,
  ): Promise<{ session: NewSession; user: SessionUser }> {
    await this.throttle.assertAllowed(dto.username, client.ip);
    const user = await this.em.findOne(
      User,
      { username: dto.username },
      { populate: ['passwordHash', 'roles'] },
    );
    const valid =
      user && !user.disabled ? await verifyPassword(user.passwordHash, dto.password) : false;
    if (!user) await burnPasswordCheck(dto.password);
    if (!user || !valid) {
      await this.throttle.recordFailure(dto.username, client.ip);
      throw new InvalidCredentialsError();
    }
    await this.throttle.recordSuccess(dto.username, client.ip);
    const session = await this.sessions.open(user, client);
    this.audit.record({
      actorId: user.id,
      action: 'auth.login',
      subjectType: 'user',
      subjectId: user.id,
      ip: client.ip,
    });
    await this.em.flush();
    return { session, user: await this.toSessionUser(user) };
  }

  logout(auth: AuthUser): Promise<void> {
    return this.sessions.close(auth);
  }

  async getSessionUser(auth: AuthUser): Promise<SessionUser> {
    const user = await this.em.findOneOrFail(User, { id: auth.id }, { populate: ['roles'] });
    return this.toSessionUser(user);
  }

  async changePassword(auth: AuthUser, dto: ChangePasswordDto): Promise<void> {
    const user = await this.em.findOneOrFail(User, { id: auth.id }, { populate: ['passwordHash'] });
    if (!(await verifyPassword(user.passwordHash, dto.currentPassword)))
      throw new WrongCurrentPasswordError();
    if (dto.currentPassword === dto.newPassword) throw new PasswordReusedError();
    user.passwordHash = await hashPassword(dto.newPassword);
    user.mustChangePassword = false;
    this.audit.record({
      actorId: user.id,
      action: 'user.password_change',
      subjectType: 'user',
      subjectId: user.id,
    });
    await this.em.flush();
    await this.sessions.closeAllFor(user.id, auth.sessionId);
  }

  private async toSessionUser(user: User): Promise<SessionUser> {
    const grants = user.roles.getItems();
    const names = await this.users.scopeNames(grants);
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      mustChangePassword: user.mustChangePassword,
      roles: grants.map((grant) => this.users.toGrantView(grant, names)),
    };
  }
}
