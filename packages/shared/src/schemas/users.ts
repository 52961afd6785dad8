import { z } from 'zod';
import { ROLES } from '../access/permissions.js';
import { Email, text, Uuid } from './common.js';
import { Membership } from './auth.js';

export const MembershipInput = z.strictObject({ organisationId: Uuid, role: z.enum(ROLES) });

/** A grant of the administration role waiting for a second administrator (Z-05). */
export const PendingRoleGrant = z.object({
  id: z.string(),
  userId: z.string(),
  userName: z.string(),
  organisationId: z.string(),
  organisationName: z.string(),
  role: z.enum(ROLES),
  requestedBy: z.string(),
  requestedByName: z.string(),
  requestedAt: z.string(),
  /** The signed-in administrator may decide it (not the requester, not the person concerned). */
  canDecide: z.boolean(),
});
export type PendingRoleGrant = z.infer<typeof PendingRoleGrant>;

export const User = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  active: z.boolean(),
  totpEnabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  memberships: z.array(Membership),
  passwordSet: z.boolean(),
  version: z.number().int(),
  can: z.object({ edit: z.boolean(), deactivate: z.boolean() }),
  /** Roles requested for this person that wait for a second administrator. */
  pendingRoleGrants: z.array(PendingRoleGrant).default([]),
});
export type User = z.infer<typeof User>;

export const CreateUserBody = z.strictObject({
  email: Email,
  displayName: text({ min: 2, max: 200 }),
  memberships: z.array(MembershipInput).min(1, { message: 'Mindestens eine Rolle in einer Organisation' }).max(20),
});
export const CreateUserResponse = z.object({ user: User, setupUrl: z.string(), setupExpiresAt: z.string(), emailSent: z.boolean() });

export const UpdateUserBody = z.strictObject({
  displayName: text({ min: 2, max: 200 }).optional(),
  active: z.boolean().optional(),
  memberships: z.array(MembershipInput).min(1, { message: 'Mindestens eine Rolle in einer Organisation' }).max(20).optional(),
});

export const UserListQuery = z.strictObject({
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
