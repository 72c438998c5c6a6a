import { z } from 'zod';

/**
 * The people who use Jingsai. Audiences need no account and therefore have no role.
 * A role is always granted within a scope: the whole platform, an organisation (a union or an
 * enterprise) or one competition.
 */
export const ROLES = [
  'platform_admin',
  'organiser',
  'coordinator',
  'head_judge',
  /** Arbitration group (仲裁组) of a competition: reviews and decides appeals, never marks. */
  'arbitrator',
  'judge',
  'competitor',
] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const SCOPE_TYPES = ['platform', 'organisation', 'competition'] as const;
export const ScopeType = z.enum(SCOPE_TYPES);
export type ScopeType = z.infer<typeof ScopeType>;

export const RoleGrant = z.object({
  role: Role,
  scopeType: ScopeType,
  /** null for platform-wide grants */
  scopeId: z.string().uuid().nullable(),
  /** Human name of the scope (organisation or competition name) for display. */
  scopeName: z.string().nullable(),
});
export type RoleGrant = z.infer<typeof RoleGrant>;
