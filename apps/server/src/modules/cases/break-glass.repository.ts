import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { caseScopeWithoutBreakGlass, evaluationOrganisations } from './case-scope.repository.js';
import { breakGlassSessions } from './cases.schema.js';

/** The case by id regardless of scope, only to decide about a break-glass request (never returned to the client). */
export async function unsafeFindCaseForBreakGlass(db: DbOrTx, actor: Actor, id: string) {
  const result = await db.execute<{ id: string; case_number: string; organisation_id: string; in_scope: boolean }>(sql`
    SELECT c.id, c.case_number, c.organisation_id, ${caseScopeWithoutBreakGlass(actor, 'c')} AS in_scope
    FROM cases c WHERE c.id = ${id}::uuid`);
  return result.rows[0];
}

export async function insertSession(db: DbOrTx, values: typeof breakGlassSessions.$inferInsert) {
  const [row] = await db.insert(breakGlassSessions).values(values).returning();
  return row!;
}

export type SessionViewRow = {
  id: string;
  case_id: string;
  case_number: string;
  user_id: string;
  user_name: string;
  reason_category: string;
  justification: string;
  started_at: Date;
  expires_at: Date;
  ended_at: Date | null;
  review_outcome: string | null;
  review_note: string;
  version: number;
};

const sessionSelect = sql`
  SELECT b.id, b.case_id, c.case_number, b.user_id, u.display_name AS user_name, b.reason_category, b.justification,
         b.started_at, b.expires_at, b.ended_at, b.review_outcome, b.review_note, b.version
  FROM break_glass_sessions b JOIN cases c ON c.id = b.case_id JOIN users u ON u.id = b.user_id`;

/** Sessions on cases in the reviewer's area (the Kreis for the KI-Leitung), unreviewed first. */
export async function listSessionsForReview(db: DbOrTx, actor: Actor): Promise<SessionViewRow[]> {
  const result = await db.execute<SessionViewRow>(sql`${sessionSelect}
    WHERE c.organisation_id IN ${evaluationOrganisations(actor)}
    ORDER BY b.review_outcome IS NOT NULL, b.started_at DESC LIMIT 200`);
  return result.rows;
}

export async function findSessionForReview(db: DbOrTx, actor: Actor, id: string): Promise<SessionViewRow | undefined> {
  const result = await db.execute<SessionViewRow>(sql`${sessionSelect} WHERE b.id = ${id}::uuid AND c.organisation_id IN ${evaluationOrganisations(actor)}`);
  return result.rows[0];
}

export async function findOwnSession(db: DbOrTx, actor: Actor, id: string): Promise<SessionViewRow | undefined> {
  const result = await db.execute<SessionViewRow>(sql`${sessionSelect} WHERE b.id = ${id}::uuid AND b.user_id = ${actor.userId}::uuid`);
  return result.rows[0];
}

export async function updateSession(db: DbOrTx, id: string, version: number, values: Partial<typeof breakGlassSessions.$inferInsert>) {
  const [row] = await db
    .update(breakGlassSessions)
    .set({ ...values, version: sql`${breakGlassSessions.version} + 1` })
    .where(and(eq(breakGlassSessions.id, id), eq(breakGlassSessions.version, version)))
    .returning();
  return row;
}

/** Active KI-Leitung accounts of the Kreis the case's organisation belongs to (they are told about break-glass). */
export async function leadsOfCaseOrganisation(db: DbOrTx, caseOrganisationId: string): Promise<string[]> {
  const leads = await db.execute<{ id: string }>(sql`
    WITH RECURSIVE up AS (
      SELECT id, parent_id FROM organisations WHERE id = ${caseOrganisationId}::uuid
      UNION SELECT o.id, o.parent_id FROM organisations o JOIN up ON o.id = up.parent_id
    ), down AS (
      SELECT id FROM up WHERE parent_id IS NULL
      UNION SELECT o.id FROM organisations o JOIN down d ON o.parent_id = d.id
    )
    SELECT DISTINCT u.id FROM users u JOIN memberships m ON m.user_id = u.id
    WHERE m.role = 'lead' AND u.active AND m.organisation_id IN (SELECT id FROM down)`);
  return leads.rows.map((r) => r.id);
}

/** The actor's own running session on a case (for the read-only banner), if any. */
export async function activeOwnSession(db: DbOrTx, actor: Actor, caseId: string): Promise<{ id: string; expires_at: Date } | undefined> {
  const result = await db.execute<{ id: string; expires_at: Date }>(sql`
    SELECT b.id, b.expires_at FROM break_glass_sessions b
    WHERE b.case_id = ${caseId}::uuid AND b.user_id = ${actor.userId}::uuid AND b.ended_at IS NULL AND b.expires_at > now()
    ORDER BY b.expires_at DESC LIMIT 1`);
  return result.rows[0];
}
