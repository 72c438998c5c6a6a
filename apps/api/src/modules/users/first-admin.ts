import type { EntityManager } from '@mikro-orm/postgresql';
import { hashPassword, temporaryPassword } from '../auth/password';
import { RoleGrant } from './entities/role-grant.entity';
import { User } from './entities/user.entity';

export interface CreatedAdmin {
  username: string;
  password: string;
}

/**
 * Creates the platform admin account when none exists, with a one-time password that is shown
 * once and must be changed at first sign-in. Returns null when an admin already exists.
 */
export async function ensureFirstAdmin(
  em: EntityManager,
  username = 'admin',
): Promise<CreatedAdmin | null> {
  if (await em.count(RoleGrant, { role: 'platform_admin' })) return null;
  const password = temporaryPassword();
  await createPlatformAdmin(em, username, password, true);
  return { username, password };
}

export async function createPlatformAdmin(
  em: EntityManager,
  username: string,
  password: string,
  mustChangePassword: boolean,
): Promise<User> {
  const existing = await em.findOne(User, { username });
  const user =
    existing ??
    em.create(User, {
      username,
      displayName: '平台管理员',
      passwordHash: await hashPassword(password),
    });
  user.passwordHash = await hashPassword(password);
  user.mustChangePassword = mustChangePassword;
  user.disabled = false;
  if (!(await em.count(RoleGrant, { user, role: 'platform_admin' }))) {
    em.create(RoleGrant, { user, role: 'platform_admin', scopeType: 'platform', scopeId: null });
  }
  await em.flush();
  return user;
}
