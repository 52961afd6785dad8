import { and, eq, sql } from 'drizzle-orm';
import type { Role } from '@teilhabe/shared';
import type { DbOrTx } from '../../platform/db/client.js';
import { memberships, roleGrantRequests, users } from '../../platform/db/schema.js';

export interface UserWithMemberships {
  id: string;
  email: string;
  displayName: string;
  active: boolean;
  totpEnabled: boolean;
  passwordSet: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
  version: number;
  memberships: { organisationId: string; organisationName: string; role: Role }[];
}

const select = sql`
  SELECT u.id, u.email, u.display_name AS "displayName", u.active, u.totp_enabled AS "totpEnabled",
         (u.password_hash IS NOT NULL) AS "passwordSet", u.last_login_at AS "lastLoginAt", u.created_at AS "createdAt", u.version,
         coalesce((SELECT json_agg(json_build_object('organisationId', m.organisation_id, 'organisationName', o.name, 'role', m.role) ORDER BY o.name, m.role)
                   FROM memberships m JOIN organisations o ON o.id = m.organisation_id WHERE m.user_id = u.id), '[]'::json) AS memberships
  FROM users u`;

function hydrate(row: Record<string, unknown>): UserWithMemberships {
  return {
    ...(row as unknown as UserWithMemberships),
    lastLoginAt: row.lastLoginAt ? new Date(row.lastLoginAt as string) : null,
    createdAt: new Date(row.createdAt as string),
  };
}

export async function listUsers(db: DbOrTx, q: string | undefined, limit: number, offset: number) {
  // The search text is matched literally: % and _ typed by a user are not wildcards.
  const pattern = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : '';
  const filter = q ? sql`WHERE u.email ILIKE ${pattern} OR u.display_name ILIKE ${pattern}` : sql``;
  const [rows, count] = await Promise.all([
    db.execute(sql`${select} ${filter} ORDER BY lower(u.display_name), u.id LIMIT ${limit} OFFSET ${offset}`),
    db.execute<{ total: number }>(sql`SELECT count(*)::int AS total FROM users u ${filter}`),
  ]);
  return { items: rows.rows.map(hydrate), total: count.rows[0]?.total ?? 0 };
}

export async function findUser(db: DbOrTx, id: string) {
  const result = await db.execute(sql`${select} WHERE u.id = ${id}`);
  return result.rows[0] ? hydrate(result.rows[0]) : undefined;
}

export async function emailTaken(db: DbOrTx, email: string): Promise<boolean> {
  const result = await db.execute(sql`SELECT 1 FROM users WHERE lower(email) = ${email.toLowerCase()}`);
  return result.rows.length > 0;
}

export async function insertUser(db: DbOrTx, values: { email: string; displayName: string; passwordHash?: string | null; totpSecret?: string | null; totpEnabled?: boolean }) {
  const [row] = await db.insert(users).values(values).returning({ id: users.id });
  return row!.id;
}

export async function replaceMemberships(db: DbOrTx, userId: string, list: { organisationId: string; role: Role }[]) {
  await db.delete(memberships).where(eq(memberships.userId, userId));
  const unique = new Map(list.map((m) => [`${m.organisationId}:${m.role}`, m]));
  if (unique.size) await db.insert(memberships).values([...unique.values()].map((m) => ({ userId, ...m })));
}

export async function updateUser(db: DbOrTx, id: string, version: number, values: { displayName?: string; active?: boolean }) {
  const rows = await db
    .update(users)
    .set({ ...values, version: sql`${users.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(users.id, id), eq(users.version, version)))
    .returning({ id: users.id });
  return rows.length === 1;
}

export async function existingOrganisationIds(db: DbOrTx, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const result = await db.execute<{ id: string }>(
    sql`SELECT id FROM organisations WHERE active AND id IN (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`,
  );
  return new Set(result.rows.map((r) => r.id));
}

export interface PendingGrantRow {
  id: string;
  userId: string;
  userName: string;
  organisationId: string;
  organisationName: string;
  role: Role;
  requestedBy: string;
  requestedByName: string;
  requestedAt: Date;
}

const pendingSelect = sql`
  SELECT g.id, g.user_id AS "userId", u.display_name AS "userName", g.organisation_id AS "organisationId", o.name AS "organisationName",
         g.role, g.requested_by AS "requestedBy", r.display_name AS "requestedByName", g.created_at AS "requestedAt"
  FROM role_grant_requests g
  JOIN users u ON u.id = g.user_id
  JOIN users r ON r.id = g.requested_by
  JOIN organisations o ON o.id = g.organisation_id
  WHERE g.decision IS NULL`;

export async function pendingGrants(db: DbOrTx, userId?: string): Promise<PendingGrantRow[]> {
  const filter = userId ? sql` AND g.user_id = ${userId}` : sql``;
  const { rows } = await db.execute(sql`${pendingSelect}${filter} ORDER BY g.created_at, g.id`);
  return rows.map((r) => ({ ...(r as unknown as PendingGrantRow), requestedAt: new Date(r.requestedAt as string) }));
}

/** Opens a pending grant unless the same one is already open; returns whether a new one was opened. */
export async function requestGrant(db: DbOrTx, values: { userId: string; organisationId: string; role: Role; requestedBy: string }) {
  const rows = await db.insert(roleGrantRequests).values(values).onConflictDoNothing().returning({ id: roleGrantRequests.id });
  return rows.length === 1;
}

/** Locks a pending grant for its decision; undefined when it does not exist or was decided already. */
export async function lockPendingGrant(db: DbOrTx, id: string) {
  const { rows } = await db.execute<{ id: string; userId: string; organisationId: string; role: Role; requestedBy: string }>(
    sql`SELECT id, user_id AS "userId", organisation_id AS "organisationId", role, requested_by AS "requestedBy"
        FROM role_grant_requests WHERE id = ${id} AND decision IS NULL FOR UPDATE`,
  );
  return rows[0];
}

export async function decideGrant(db: DbOrTx, id: string, decision: 'approved' | 'rejected', decidedBy: string) {
  await db.update(roleGrantRequests).set({ decision, decidedBy, decidedAt: sql`now()` }).where(eq(roleGrantRequests.id, id));
}

export async function addMembership(db: DbOrTx, userId: string, organisationId: string, role: Role) {
  await db.insert(memberships).values({ userId, organisationId, role }).onConflictDoNothing();
}

export async function activeAdminIds(db: DbOrTx): Promise<string[]> {
  const { rows } = await db.execute<{ id: string }>(
    sql`SELECT DISTINCT u.id FROM users u JOIN memberships m ON m.user_id = u.id WHERE m.role = 'admin' AND u.active`,
  );
  return rows.map((r) => r.id);
}
