import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.js';
import { organisationSubtree } from '../../platform/access/scope.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { caseScope } from '../cases/case-scope.repository.js';
import { consentIsValid } from '../consents/consents.repository.js';
import { referrals } from '../consents/consents.schema.js';

export type ReferralRow = typeof referrals.$inferSelect;

export type ReferralViewRow = {
  id: string;
  case_id: string;
  person_id: string;
  recipient_organisation_id: string;
  recipient_name: string;
  /** organisations.kind of the recipient: decides its minimal data set (MINIMAL_CATEGORIES_BY_KIND). */
  recipient_kind: string;
  offer_name: string;
  life_domain: string | null;
  message: string;
  status: string;
  status_changed_at: Date;
  feedback_note: string;
  created_at: Date;
  created_by: string | null;
  creator_name: string | null;
  creator_organisation_name: string | null;
  version: number;
  consent_covered: boolean;
};

const viewSelect = sql`
  SELECT r.id, r.case_id, r.person_id, r.recipient_organisation_id, o.name AS recipient_name, o.kind AS recipient_kind, r.offer_name, r.life_domain,
         r.message, r.status, r.status_changed_at, r.feedback_note, r.created_at, r.created_by, u.display_name AS creator_name,
         co.name AS creator_organisation_name, r.version,
         EXISTS (SELECT 1 FROM consents k WHERE k.person_id = r.person_id AND k.recipient_organisation_id = r.recipient_organisation_id
                 AND ${consentIsValid('k')}) AS consent_covered
  FROM referrals r
  JOIN organisations o ON o.id = r.recipient_organisation_id
  JOIN cases c ON c.id = r.case_id
  JOIN organisations co ON co.id = c.organisation_id
  LEFT JOIN users u ON u.id = r.created_by`;

export async function insertReferral(db: DbOrTx, values: typeof referrals.$inferInsert): Promise<ReferralRow> {
  const [row] = await db.insert(referrals).values(values).returning();
  return row!;
}

export async function listReferralsOfCase(db: DbOrTx, caseId: string): Promise<ReferralViewRow[]> {
  const result = await db.execute<ReferralViewRow>(sql`${viewSelect} WHERE r.case_id = ${caseId}::uuid ORDER BY r.created_at DESC`);
  return result.rows;
}

export async function listReferralsOfPerson(db: DbOrTx, personId: string): Promise<ReferralViewRow[]> {
  const result = await db.execute<ReferralViewRow>(sql`${viewSelect} WHERE r.person_id = ${personId}::uuid ORDER BY r.created_at DESC`);
  return result.rows;
}

/** A referral of a case the actor may see (case scope). */
export async function findReferralInCaseScope(db: DbOrTx, actor: Actor, id: string): Promise<ReferralViewRow | undefined> {
  const result = await db.execute<ReferralViewRow>(sql`${viewSelect} WHERE r.id = ${id}::uuid AND ${caseScope(actor, 'c')}`);
  return result.rows[0];
}

/**
 * A referral addressed to the partner's organisation (or a unit below it), whether or not a consent covers it:
 * the service decides between "shown" and "denied + audited".
 */
export async function findReferralAddressedTo(db: DbOrTx, actor: Actor, id: string): Promise<ReferralViewRow | undefined> {
  const result = await db.execute<ReferralViewRow>(sql`${viewSelect} WHERE r.id = ${id}::uuid AND r.recipient_organisation_id IN ${organisationSubtree(actor)}`);
  return result.rows[0];
}

/** Referrals to the partner's organisation that a valid consent covers right now; the others do not exist for them. */
export async function listReferralsForPartner(db: DbOrTx, actor: Actor, limit: number, offset: number) {
  const where = sql`r.recipient_organisation_id IN ${organisationSubtree(actor)}
    AND EXISTS (SELECT 1 FROM consents k WHERE k.person_id = r.person_id AND k.recipient_organisation_id = r.recipient_organisation_id AND ${consentIsValid('k')})`;
  const result = await db.execute<ReferralViewRow & { given_names: string; family_name: string; identity_shared: boolean }>(sql`
    SELECT v.*, p.given_names, p.family_name,
           EXISTS (SELECT 1 FROM consents k WHERE k.person_id = v.person_id AND k.recipient_organisation_id = v.recipient_organisation_id
                   AND ${consentIsValid('k')} AND 'identity' = ANY(k.categories)) AS identity_shared
    FROM (${viewSelect} WHERE ${where}) v JOIN persons p ON p.id = v.person_id
    ORDER BY v.status = 'requested' DESC, v.created_at DESC
    LIMIT ${limit} OFFSET ${offset}`);
  const count = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM referrals r WHERE ${where}`);
  return { rows: result.rows, total: count.rows[0]?.n ?? 0 };
}

export async function updateReferralStatus(
  db: DbOrTx,
  id: string,
  version: number,
  values: { status: string; feedbackNote?: string },
): Promise<ReferralRow | undefined> {
  const [row] = await db
    .update(referrals)
    .set({ ...values, statusChangedAt: sql`now()`, updatedAt: sql`now()`, version: sql`${referrals.version} + 1` })
    .where(and(eq(referrals.id, id), eq(referrals.version, version)))
    .returning();
  return row;
}

/**
 * Active partner accounts that receive referrals to this organisation: members with role `partner` of the
 * organisation itself or of an organisation above it (they see referrals to their units, too).
 */
export async function partnerUsersOf(db: DbOrTx, organisationId: string): Promise<string[]> {
  const result = await db.execute<{ id: string }>(sql`
    WITH RECURSIVE up AS (
      SELECT id, parent_id FROM organisations WHERE id = ${organisationId}::uuid
      UNION SELECT o.id, o.parent_id FROM organisations o JOIN up ON o.id = up.parent_id
    )
    SELECT DISTINCT u.id FROM users u JOIN memberships m ON m.user_id = u.id
    WHERE m.role = 'partner' AND u.active AND m.organisation_id IN (SELECT id FROM up)`);
  return result.rows.map((r) => r.id);
}

/** The case manager of the referral's case (told when the partner answers). */
export async function caseManagerOfCase(db: DbOrTx, caseId: string): Promise<{ id: string; case_number: string } | undefined> {
  const result = await db.execute<{ id: string; case_number: string }>(sql`
    SELECT c.case_manager_id AS id, c.case_number FROM cases c WHERE c.id = ${caseId}::uuid`);
  return result.rows[0];
}

/** Referrals of a person to an organisation (date and offer only), for the Art. 19 notice after an erasure. */
export async function unsafeReferralReferences(db: DbOrTx, personId: string, organisationId: string) {
  const result = await db.execute<{ created_at: Date; offer_name: string }>(sql`
    SELECT created_at, offer_name FROM referrals
    WHERE person_id = ${personId}::uuid AND recipient_organisation_id = ${organisationId}::uuid ORDER BY created_at`);
  return result.rows;
}
