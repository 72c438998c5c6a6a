import { z } from 'zod';
import { Password, Username } from './auth';
import { Role, RoleGrant, ScopeType } from './roles';

export const GrantRequest = z.strictObject({
  role: Role,
  scopeType: ScopeType,
  scopeId: z.string().uuid().nullable(),
});
export type GrantRequest = z.infer<typeof GrantRequest>;

export const CreateUserRequest = z.strictObject({
  username: Username,
  displayName: z.string().trim().min(1).max(100),
  password: Password,
  roles: z.array(GrantRequest).max(50).default([]),
});
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

export const UserSummary = z.object({
  id: z.string().uuid(),
  username: z.string(),
  displayName: z.string(),
  disabled: z.boolean(),
  roles: z.array(RoleGrant),
  createdAt: z.string(),
});
export type UserSummary = z.infer<typeof UserSummary>;
