import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { sessions, setupTokens, users } from '../../platform/db/schema.js';

export type UserRow = typeof users.$inferSelect;

export async function findUserByEmail(db: DbOrTx, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
  return row;
}

export async function findUser(db: DbOrTx, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function userRoles(db: DbOrTx, userId: string): Promise<string[]> {
  const result = await db.execute<{ role: string }>(sql`SELECT DISTINCT role FROM memberships WHERE user_id = ${userId}`);
  return result.rows.map((r) => r.role);
}

export async function recordLogin(db: DbOrTx, userId: string, totpStep: number | null) {
  await db
    .update(users)
    .set({ lastLoginAt: sql`now()`, ...(totpStep !== null ? { totpLastStep: totpStep } : {}) })
    .where(eq(users.id, userId));
}

// Password and TOTP are the user's own credentials, not part of the record an administrator edits: they leave `version`
// alone, so that an admin's edit (If-Match) is not refused as a conflict because the person set a password meanwhile.
export async function setPasswordHash(db: DbOrTx, userId: string, passwordHash: string) {
  await db
    .update(users)
    .set({ passwordHash, passwordChangedAt: sql`now()`, updatedAt: sql`now()` })
    .where(eq(users.id, userId));
}

export async function setTotp(db: DbOrTx, userId: string, values: { secret: string | null; enabled: boolean; lastStep?: number | null }) {
  await db
    .update(users)
    .set({
      totpSecret: values.secret,
      totpEnabled: values.enabled,
      ...(values.lastStep !== undefined ? { totpLastStep: values.lastStep } : {}),
      updatedAt: sql`now()`,
    })
    .where(eq(users.id, userId));
}

export async function listSessions(db: DbOrTx, userId: string) {
  return db
    .select({ id: sessions.id, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, userAgent: sessions.userAgent })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, sql`now()`)))
    .orderBy(sql`${sessions.lastSeenAt} DESC`);
}

export async function insertSetupToken(db: DbOrTx, userId: string, tokenHash: string, hours: number) {
  // A new link replaces every older unused one.
  await db
    .update(setupTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(setupTokens.userId, userId), isNull(setupTokens.usedAt)));
  const [row] = await db
    .insert(setupTokens)
    .values({ userId, tokenHash, purpose: 'password_setup', expiresAt: sql`now() + make_interval(hours => ${hours})` })
    .returning({ expiresAt: setupTokens.expiresAt });
  return row!.expiresAt;
}

export async function findSetupToken(db: DbOrTx, tokenHash: string) {
  const [row] = await db
    .select({
      id: setupTokens.id,
      userId: setupTokens.userId,
      expiresAt: setupTokens.expiresAt,
      usedAt: setupTokens.usedAt,
      email: users.email,
      displayName: users.displayName,
      active: users.active,
      expired: sql<boolean>`${setupTokens.expiresAt} <= now()`,
    })
    .from(setupTokens)
    .innerJoin(users, eq(users.id, setupTokens.userId))
    .where(eq(setupTokens.tokenHash, tokenHash));
  return row;
}

export async function consumeSetupToken(db: DbOrTx, id: string): Promise<boolean> {
  const rows = await db
    .update(setupTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(setupTokens.id, id), isNull(setupTokens.usedAt)))
    .returning({ id: setupTokens.id });
  return rows.length === 1;
}

export async function closeOtherSessions(db: DbOrTx, userId: string, keepSessionId: string) {
  await db.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)));
}
