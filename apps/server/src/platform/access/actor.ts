import { permissionsOf, type Permission, type Role } from '@teilhabe/shared';

export interface ActorMembership {
  organisationId: string;
  organisationName: string;
  role: Role;
}

/** Who is acting: built once per request from the session, never from anything the client sends. */
export interface Actor {
  userId: string;
  email: string;
  displayName: string;
  locale: 'de' | 'en';
  memberships: ActorMembership[];
  roles: Role[];
  permissions: Set<Permission>;
  /** Organisations the actor belongs to directly (the scope roots). */
  organisationIds: string[];
  sessionId: string;
  sessionHash: string;
  totpEnabled: boolean;
  totpSetupRequired: boolean;
  authenticatedAt: Date;
}

export function buildActor(input: Omit<Actor, 'roles' | 'permissions' | 'organisationIds'>): Actor {
  const roles = [...new Set(input.memberships.map((m) => m.role))];
  return {
    ...input,
    roles,
    permissions: permissionsOf(roles),
    organisationIds: [...new Set(input.memberships.map((m) => m.organisationId))],
  };
}

export function hasPermission(actor: Actor | null, permission: Permission): boolean {
  return !!actor && actor.permissions.has(permission);
}

/** The role recorded in audit events: the actor's first role, or the role that grants the permission used. */
export function primaryRole(actor: Actor): Role | null {
  return actor.roles[0] ?? null;
}
