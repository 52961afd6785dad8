/**
 * The closed list of permissions. Every route declares exactly one of these (or `public` / `authenticated`);
 * roles map onto them below. A change here is a permission change and shows in the access-matrix snapshot.
 */
export const PERMISSIONS = [
  // platform
  'users.read',
  'users.manage',
  'organisations.read',
  'organisations.manage',
  'audit.read',
  'settings.manage',
  // KIM case management
  'persons.read',
  'persons.write',
  /** Approve merges and erasures of persons (four eyes), set legal holds. */
  'persons.lifecycle',
  /** Retention rules per record class. */
  'retention.manage',
  'cases.read',
  'cases.write',
  'cases.approve',
  'cases.breakglass',
  'cases.evaluation',
  'referrals.receive',
  'barriers.read',
  // network and offers
  'directory.read',
  'directory.write',
  'directory.publish',
  'surveys.manage',
  'surveys.answer',
  'coverage.read',
  // interpreter pool
  'interpreters.manage',
  'interpreters.request',
  'interpreters.self',
  'interpreters.payouts',
  // funding and staffing
  'funding.read',
  'funding.write',
  'funding.approve',
  'staffing.read',
  'staffing.write',
  // monitoring and reports
  'monitoring.read',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

/** What a route declares: a permission, `authenticated` (any signed-in user) or `public` (no session needed). */
export type Access = Permission | 'authenticated' | 'public';

export const ROLES = [
  'admin',
  'lead',
  'case_manager',
  'coordinator',
  'finance',
  'interpreter_coordinator',
  'interpreter',
  'partner',
  'municipality',
] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_LABELS_DE: Record<Role, string> = {
  admin: 'Administration',
  lead: 'KI-Leitung',
  case_manager: 'Case Management (KIM)',
  coordinator: 'Koordination',
  finance: 'Finanzen/Förderung',
  interpreter_coordinator: 'Sprachmittler-Koordination',
  interpreter: 'Sprachmittler:in',
  partner: 'Partnerstelle',
  municipality: 'Kommune',
};

/** Roles whose accounts must use a second factor (TOTP) before they can do anything else. */
export const TOTP_REQUIRED_ROLES: readonly Role[] = ['admin', 'lead'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  // The technical administration manages accounts and settings but never sees case data.
  admin: ['users.read', 'users.manage', 'organisations.read', 'organisations.manage', 'audit.read', 'settings.manage', 'retention.manage'],
  lead: [
    'users.read',
    'organisations.read',
    'audit.read',
    'persons.read',
    'persons.lifecycle',
    'retention.manage',
    'cases.read',
    'cases.approve',
    'cases.breakglass',
    'cases.evaluation',
    'barriers.read',
    'directory.read',
    'directory.write',
    'directory.publish',
    'surveys.manage',
    'coverage.read',
    'interpreters.payouts',
    'funding.read',
    'funding.write',
    'funding.approve',
    'staffing.read',
    'staffing.write',
    'monitoring.read',
  ],
  case_manager: [
    'organisations.read',
    'persons.read',
    'persons.write',
    'cases.read',
    'cases.write',
    'cases.breakglass',
    'cases.evaluation',
    'directory.read',
    'interpreters.request',
  ],
  coordinator: [
    'organisations.read',
    'cases.evaluation',
    'barriers.read',
    'directory.read',
    'directory.write',
    'directory.publish',
    'surveys.manage',
    'coverage.read',
    'funding.read',
    'staffing.read',
    'monitoring.read',
  ],
  finance: [
    'organisations.read',
    'directory.read',
    'interpreters.payouts',
    'funding.read',
    'funding.write',
    'staffing.read',
    'staffing.write',
  ],
  interpreter_coordinator: [
    'organisations.read',
    'directory.read',
    'interpreters.manage',
    'interpreters.request',
    'interpreters.payouts',
  ],
  interpreter: ['interpreters.self'],
  partner: ['referrals.receive', 'directory.read', 'interpreters.request'],
  municipality: ['organisations.read', 'directory.read', 'directory.write', 'surveys.answer', 'coverage.read'],
};

export function permissionsOf(roles: Iterable<Role>): Set<Permission> {
  const result = new Set<Permission>();
  for (const role of roles) for (const p of ROLE_PERMISSIONS[role]) result.add(p);
  return result;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
