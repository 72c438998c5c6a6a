import { z } from 'zod';
import { RoleGrant } from './roles';

/** Passwords: at least 10 characters, with a letter and a digit. */
export const Password = z
  .string()
  .min(10)
  .max(200)
  .regex(/[A-Za-z]/, { message: 'must contain a letter / 须包含字母' })
  .regex(/\d/, { message: 'must contain a digit / 须包含数字' });

export const Username = z
  .string()
  .trim()
  .min(3)
  .max(64)
  .regex(/^[A-Za-z0-9_.@-]+$/, {
    message: 'letters, digits and _ . @ - only / 只能包含字母、数字和 _ . @ -',
  });

export const LoginRequest = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const SessionUser = z.object({
  id: z.string().uuid(),
  username: z.string(),
  displayName: z.string(),
  mustChangePassword: z.boolean(),
  roles: z.array(RoleGrant),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const ChangePasswordRequest = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: Password,
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

export const PasswordResetResponse = z.object({
  /** Shown once to the admin, who hands it to the user; the user must change it at next sign-in. */
  temporaryPassword: z.string(),
});
export type PasswordResetResponse = z.infer<typeof PasswordResetResponse>;

/** The session cookie's name, shared so tests and the socket layer agree. */
export const SESSION_COOKIE = 'jingsai_session';
