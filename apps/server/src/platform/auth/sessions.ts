import { and, eq, lt, sql } from 'drizzle-orm';
import { isRole } from '@teilhabe/shared';
import type { DbOrTx } from '../db/client.js';
import { sessions } from '../db/schema.js';
import { buildActor, type Actor, type ActorMembership } from '../access/actor.js';
import { TOTP_REQUIRED_ROLES } from '@teilhabe/shared';
import { newToken, sha256 } from './tokens.js';

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

export interface LoadedSession {
  actor: Actor;
  csrfToken: string;
}

/** Opens a session: a fresh token every login (no fixation), expiring after the absolute lifetime. */
export async function openSession(
  db: DbOrTx,
  userId: string,
  policy: SessionPolicy,
  userAgent: string | undefined,
): Promise<{ token: string; csrfToken: string; sessionId: string }> {
  const token = newToken();
  const csrfToken = newToken();
  const [row] = await db
    .insert(sessions)
    .values({
      tokenHash: sha256(token),
      userId,
      csrfToken,
      userAgent: userAgent?.slice(0, 300) ?? null,
      expiresAt: sql`now() + make_interval(hours => ${policy.absoluteHours})`,
    })
    .returning({ id: sessions.id });
  return { token, csrfToken, sessionId: row!.id };
}

interface SessionRow {
  session_id: string;
  csrf_token: string;
  last_seen_at: Date;
  authenticated_at: Date;
  user_id: string;
  email: string;
  display_name: string;
  locale: string;
  totp_enabled: boolean;
  memberships: ActorMembership[];
  [key: string]: unknown;
}

/** Resolves a cookie token to an actor. Expired, idle, or deactivated → null (the caller answers 401). */
export async function loadSession(db: DbOrTx, token: string, policy: SessionPolicy): Promise<LoadedSession | null> {
  const tokenHash = sha256(token);
  const result = await db.execute<SessionRow>(sql`
    SELECT s.id AS session_id, s.csrf_token, s.last_seen_at, s.authenticated_at,
           u.id AS user_id, u.email, u.display_name, u.locale, u.totp_enabled,
           coalesce(json_agg(json_build_object('organisationId', m.organisation_id, 'organisationName', o.name, 'role', m.role)
             ORDER BY o.name, m.role) FILTER (WHERE m.user_id IS NOT NULL), '[]'::json) AS memberships
    FROM sessions s
    JOIN users u ON u.id = s.user_id
    -- Memberships in a deactivated organisation grant nothing (and have no name to show).
    LEFT JOIN (memberships m JOIN organisations o ON o.id = m.organisation_id AND o.active) ON m.user_id = u.id
    WHERE s.token_hash = ${tokenHash}
      AND s.expires_at > now()
      AND s.last_seen_at > now() - make_interval(mins => ${policy.idleMinutes})
      AND u.active
    GROUP BY s.id, u.id`);
  const row = result.rows[0];
  if (!row) return null;
  // Sliding idle timeout; written at most once a minute to keep reads cheap.
  if (Date.now() - new Date(row.last_seen_at).getTime() > 60_000) {
    await db.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.id, row.session_id));
  }
  const memberships = row.memberships.filter((m) => isRole(m.role));
  const needsTotp = memberships.some((m) => TOTP_REQUIRED_ROLES.includes(m.role));
  const actor = buildActor({
    userId: row.user_id,
    email: row.email,
    displayName: row.display_name,
    locale: row.locale === 'en' ? 'en' : 'de',
    memberships,
    sessionId: row.session_id,
    sessionHash: tokenHash,
    totpEnabled: row.totp_enabled,
    totpSetupRequired: needsTotp && !row.totp_enabled,
    authenticatedAt: new Date(row.authenticated_at),
  });
  return { actor, csrfToken: row.csrf_token };
}

export async function closeSession(db: DbOrTx, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function closeAllSessions(db: DbOrTx, userId: string): Promise<number> {
  const rows = await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id });
  return rows.length;
}

export async function purgeExpiredSessions(db: DbOrTx): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, sql`now()`));
}

export async function markReauthenticated(db: DbOrTx, sessionId: string, userId: string): Promise<void> {
  await db
    .update(sessions)
    .set({ authenticatedAt: sql`now()` })
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)));
}
