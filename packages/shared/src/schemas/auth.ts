import { z } from 'zod';
import { ROLES } from '../access/permissions.js';
import { Email } from './common.js';

export const PASSWORD_MIN_LENGTH = 12;
/** Passwords are capped in bytes before hashing so a 1 MB password never reaches argon2 (B-15). */
export const PASSWORD_MAX_BYTES = 1024;

export const Password = z
  .string()
  .min(1, { message: 'Pflichtfeld' })
  .refine((s) => new TextEncoder().encode(s).length <= PASSWORD_MAX_BYTES, {
    message: `Höchstens ${PASSWORD_MAX_BYTES} Byte`,
  });

export const TotpCode = z.string().regex(/^\d{6}$/, { message: 'Der Code besteht aus 6 Ziffern' });

export const LoginBody = z.strictObject({
  email: Email,
  password: Password,
  totp: TotpCode.optional(),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const Membership = z.object({
  organisationId: z.string(),
  organisationName: z.string(),
  role: z.enum(ROLES),
});
export type Membership = z.infer<typeof Membership>;

export const Me = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  locale: z.enum(['de', 'en']),
  roles: z.array(z.enum(ROLES)),
  permissions: z.array(z.string()),
  memberships: z.array(Membership),
  totpEnabled: z.boolean(),
  /** true while an admin or lead has not set up TOTP yet: only the TOTP set-up is allowed then. */
  totpSetupRequired: z.boolean(),
});
export type Me = z.infer<typeof Me>;

export const LoginResponse = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok'), csrfToken: z.string(), user: Me }),
  z.object({ status: z.literal('totp_required') }),
]);
export type LoginResponse = z.infer<typeof LoginResponse>;

export const SessionResponse = z.object({ csrfToken: z.string(), user: Me });

export const PasswordChangeBody = z.strictObject({ currentPassword: Password, newPassword: Password });

export const TotpSetupResponse = z.object({ secret: z.string(), otpauthUrl: z.string(), qrSvg: z.string() });
export const TotpConfirmBody = z.strictObject({ code: TotpCode });
export const TotpDisableBody = z.strictObject({ password: Password });

export const SetupTokenInfo = z.object({ email: z.string(), displayName: z.string(), totpRequired: z.boolean() });
export const SetupCompleteBody = z.strictObject({ password: Password });

export const SessionInfo = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  current: z.boolean(),
  userAgent: z.string().nullable(),
});
