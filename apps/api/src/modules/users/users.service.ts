import type {
  GrantRequest,
  PasswordResetResponse,
  RoleGrant as RoleGrantView,
  UserSummary,
} from '@jingsai/contracts';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user';
import {
  ConflictError,
  EntityNotFoundError,
  RequestValidationError,
} from '../../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { hashPassword, temporaryPassword } from '../auth/password';
import { Session } from '../auth/entities/session.entity';
import { Competition } from '../competitions/entities/competition.entity';
import { Organisation } from '../organisations/entities/organisation.entity';
import type { CreateUserDto } from './users.dto';
import { RoleGrant } from './entities/role-grant.entity';
import { User } from './entities/user.entity';

export class UsernameTakenError extends ConflictError {
  override readonly code = 'user.username_taken';
}

@Injectable()
export class UsersService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
  ) {}

  async listUsers(): Promise<UserSummary[]> {
    const users = await this.em.find(
      User,
      {},
      { populate: ['roles'], orderBy: { username: 'asc' } },
    );
    return this.toSummaries(users);
  }

  async createUser(actor: AuthUser | null, dto: CreateUserDto): Promise<UserSummary> {
    if (await this.em.count(User, { username: dto.username })) {
      throw new UsernameTakenError({ username: dto.username });
    }
    await this.assertScopesExist(dto.roles);
    const user = this.em.create(User, {
      username: dto.username,
      displayName: dto.displayName,
      passwordHash: await hashPassword(dto.password),
      // Someone else chose this password: the user replaces it at first sign-in.
      mustChangePassword: actor !== null,
    });
    for (const grant of dto.roles) {
      user.roles.add(this.em.create(RoleGrant, { user, ...grant }));
    }
    this.audit.record({
      actorId: actor?.id ?? null,
      action: 'user.create',
      subjectType: 'user',
      subjectId: user.id,
      after: { username: user.username, displayName: user.displayName, roles: dto.roles },
    });
    await this.em.flush();
    return (await this.toSummaries([user]))[0]!;
  }

  async resetPassword(actor: AuthUser, userId: string): Promise<PasswordResetResponse> {
    const user = await this.em.findOne(User, { id: userId });
    if (!user) throw new EntityNotFoundError('user', userId);
    const password = temporaryPassword();
    user.passwordHash = await hashPassword(password);
    user.mustChangePassword = true;
    this.audit.record({
      actorId: actor.id,
      action: 'user.password_reset',
      subjectType: 'user',
      subjectId: user.id,
    });
    await this.em.flush();
    // The old password may be known to someone else: sign the user out everywhere.
    await this.em.nativeDelete(Session, { user: user.id });
    return { temporaryPassword: password };
  }

  private async assertScopesExist(grants: readonly GrantRequest[]): Promise<void> {
    const issues = [];
    for (const [index, grant] of grants.entries()) {
      const path = `roles[${index}].scopeId`;
      if (grant.scopeType === 'platform') {
        if (grant.scopeId !== null) {
          issues.push({
            path,
            message: { 'zh-CN': '平台级角色不能指定范围', en: 'platform roles take no scope' },
          });
        }
        continue;
      }
      const entity = grant.scopeType === 'competition' ? Competition : Organisation;
      if (!grant.scopeId || !(await this.em.count(entity, { id: grant.scopeId }))) {
        issues.push({ path, message: { 'zh-CN': '所选范围不存在', en: 'no such scope' } });
      }
    }
    if (issues.length > 0) throw new RequestValidationError(issues);
  }

  /** Users with their roles and each scope's display name. */
  async toSummaries(users: User[]): Promise<UserSummary[]> {
    const grants = users.flatMap((user) => user.roles.getItems());
    const names = await this.scopeNames(grants);
    return users.map((user) => ({
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      disabled: user.disabled,
      createdAt: user.createdAt.toISOString(),
      roles: user.roles.getItems().map((grant) => this.toGrantView(grant, names)),
    }));
  }

  toGrantView(
    grant: Pick<RoleGrant, 'role' | 'scopeType' | 'scopeId'>,
    names: Map<string, string>,
  ): RoleGrantView {
    return {
      role: grant.role,
      scopeType: grant.scopeType,
      scopeId: grant.scopeId,
      scopeName: grant.scopeId ? (names.get(grant.scopeId) ?? null) : null,
    };
  }

  async scopeNames(
    grants: ReadonlyArray<Pick<RoleGrant, 'scopeType' | 'scopeId'>>,
  ): Promise<Map<string, string>> {
    const ids = (type: RoleGrant['scopeType']) =>
      grants.flatMap((grant) => (grant.scopeType === type && grant.scopeId ? [grant.scopeId] : []));
    const [competitions, organisations] = await Promise.all([
      this.em.find(Competition, { id: { $in: ids('competition') } }, { fields: ['name'] }),
      this.em.find(Organisation, { id: { $in: ids('organisation') } }, { fields: ['name'] }),
    ]);
    return new Map([...competitions, ...organisations].map((scope) => [scope.id, scope.name]));
  }
}
