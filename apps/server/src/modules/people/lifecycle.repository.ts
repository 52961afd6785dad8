import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { evaluationOrganisations, personScope } from '../cases/case-scope.repository.js';
import { personErasureRequests, personLegalHolds, personMerges, retentionRules, type MergeMoved } from './lifecycle.schema.js';

/** Persons a KI-Leitung decides about: everyone registered or with a case in the Kreis (their evaluation area). */
function approvalScope(actor: Actor, alias: string) {
  if (!actor.permissions.has('persons.lifecycle')) return sql`false`;
  const p = sql.raw(`"${alias}"`);
  return sql`(${p}.organisation_id IN ${evaluationOrganisations(actor)}
    OR EXISTS (SELECT 1 FROM cases ac WHERE ac.person_id = ${p}.id AND ac.organisation_id IN ${evaluationOrganisations(actor)}))`;
}

export type LifecyclePersonRow = { id: string; display_name: string; organisation_id: string; merged_into_id: string | null; anonymised_at: Date | null };

/** The person if the actor sees it as a record (scope) or decides about it (KI-Leitung). */
export async function findPersonForLifecycle(db: DbOrTx, actor: Actor, id: string): Promise<LifecyclePersonRow | undefined> {
  const result = await db.execute<LifecyclePersonRow>(sql`
    SELECT p.id, trim(p.given_names || ' ' || p.family_name) AS display_name, p.organisation_id, p.merged_into_id, p.anonymised_at
    FROM persons p WHERE p.id = ${id}::uuid AND (${personScope(actor, 'p')} OR ${approvalScope(actor, 'p')})`);
  return result.rows[0];
}

export async function findPersonForApproval(db: DbOrTx, actor: Actor, id: string): Promise<LifecyclePersonRow | undefined> {
  const result = await db.execute<LifecyclePersonRow>(sql`
    SELECT p.id, trim(p.given_names || ' ' || p.family_name) AS display_name, p.organisation_id, p.merged_into_id, p.anonymised_at
    FROM persons p WHERE p.id = ${id}::uuid AND ${approvalScope(actor, 'p')}`);
  return result.rows[0];
}

export async function personName(db: DbOrTx, id: string) {
  const result = await db.execute<{ display_name: string }>(sql`SELECT trim(given_names || ' ' || family_name) AS display_name FROM persons WHERE id = ${id}::uuid`);
  return result.rows[0]?.display_name ?? '';
}

// ── merges ──

export type MergeRow = typeof personMerges.$inferSelect;

export async function insertMerge(db: DbOrTx, values: typeof personMerges.$inferInsert) {
  const [row] = await db.insert(personMerges).values(values).returning();
  return row!;
}

export async function findMerge(db: DbOrTx, id: string) {
  const [row] = await db.select().from(personMerges).where(eq(personMerges.id, id));
  return row;
}

export async function updateMerge(db: DbOrTx, id: string, version: number, values: Partial<typeof personMerges.$inferInsert>) {
  const [row] = await db
    .update(personMerges)
    .set({ ...values, version: sql`${personMerges.version} + 1` })
    .where(and(eq(personMerges.id, id), eq(personMerges.version, version)))
    .returning();
  return row;
}

export async function mergesOfPerson(db: DbOrTx, personId: string) {
  const result = await db.execute<{ id: string }>(sql`
    SELECT id FROM person_merges WHERE source_person_id = ${personId}::uuid OR target_person_id = ${personId}::uuid ORDER BY requested_at DESC LIMIT 50`);
  return result.rows.map((r) => r.id);
}

export async function pendingMergeBetween(db: DbOrTx, a: string, b: string) {
  const result = await db.execute<{ id: string }>(sql`
    SELECT id FROM person_merges WHERE status = 'pending'
      AND ((source_person_id = ${a}::uuid AND target_person_id = ${b}::uuid) OR (source_person_id = ${b}::uuid AND target_person_id = ${a}::uuid))`);
  return result.rows[0]?.id;
}

/** Pending requests about persons in the KI-Leitung's area. */
export async function pendingMergeIds(db: DbOrTx, actor: Actor) {
  const result = await db.execute<{ id: string }>(sql`
    SELECT m.id FROM person_merges m JOIN persons p ON p.id = m.target_person_id
    WHERE m.status = 'pending' AND ${approvalScope(actor, 'p')} ORDER BY m.requested_at LIMIT 200`);
  return result.rows.map((r) => r.id);
}

const ids = (list: string[]) => sql.join(list.map((id) => sql`${id}::uuid`), sql`, `);

/** Re-points everything of `from` to `to` and returns what moved (documents are moved by the caller). */
export async function movePersonRecords(db: DbOrTx, from: string, to: string): Promise<Omit<MergeMoved, 'documents'>> {
  const moved = async (table: string) =>
    (await db.execute<{ id: string }>(sql`UPDATE ${sql.raw(table)} SET person_id = ${to}::uuid WHERE person_id = ${from}::uuid RETURNING id`)).rows.map((r) => r.id);
  const cases = await moved('cases');
  const consents = await moved('consents');
  const referrals = await moved('referrals');
  const residenceStatuses = await moved('person_residence_statuses');
  const relations: MergeMoved['relations'] = [];
  const droppedRelations: MergeMoved['droppedRelations'] = [];
  const rows = await db.execute<{ id: string; person_id: string; related_person_id: string; kind: string; family_role: string | null }>(sql`
    SELECT id, person_id, related_person_id, kind, family_role FROM person_relations
    WHERE person_id = ${from}::uuid OR related_person_id = ${from}::uuid`);
  for (const r of rows.rows) {
    const column = r.person_id === from ? 'person_id' : 'related_person_id';
    const personId = column === 'person_id' ? to : r.person_id;
    const relatedPersonId = column === 'related_person_id' ? to : r.related_person_id;
    const clash = await db.execute(sql`SELECT 1 FROM person_relations WHERE person_id = ${personId}::uuid AND related_person_id = ${relatedPersonId}::uuid AND kind = ${r.kind}`);
    if (personId === relatedPersonId || clash.rows.length) {
      droppedRelations.push({ personId: r.person_id, relatedPersonId: r.related_person_id, kind: r.kind, familyRole: r.family_role });
      await db.execute(sql`DELETE FROM person_relations WHERE id = ${r.id}::uuid`);
    } else {
      await db.execute(sql`UPDATE person_relations SET ${sql.raw(column)} = ${to}::uuid WHERE id = ${r.id}::uuid`);
      relations.push({ id: r.id, column });
    }
  }
  return { cases, consents, referrals, residenceStatuses, relations, droppedRelations };
}

/** Moves exactly the recorded rows back from `to` to `from` (rows that moved on since stay where they are). */
export async function moveRecordsBack(db: DbOrTx, moved: MergeMoved, from: string, to: string) {
  for (const [table, list] of [
    ['cases', moved.cases],
    ['consents', moved.consents],
    ['referrals', moved.referrals],
    ['person_residence_statuses', moved.residenceStatuses],
  ] as const) {
    if (list.length) await db.execute(sql`UPDATE ${sql.raw(table)} SET person_id = ${from}::uuid WHERE person_id = ${to}::uuid AND id IN (${ids(list)})`);
  }
  if (moved.documents.length) {
    await db.execute(sql`UPDATE documents SET owner_id = ${from}::uuid WHERE owner_type = 'person' AND owner_id = ${to}::uuid AND id IN (${ids(moved.documents)})`);
  }
  for (const r of moved.relations) {
    await db.execute(sql`UPDATE person_relations SET ${sql.raw(r.column)} = ${from}::uuid WHERE id = ${r.id}::uuid AND ${sql.raw(r.column)} = ${to}::uuid`);
  }
  for (const r of moved.droppedRelations) {
    await db.execute(sql`
      INSERT INTO person_relations (person_id, related_person_id, kind, family_role)
      VALUES (${r.personId}::uuid, ${r.relatedPersonId}::uuid, ${r.kind}, ${r.familyRole}) ON CONFLICT DO NOTHING`);
  }
}

export async function setMergedInto(db: DbOrTx, personId: string, into: string | null) {
  await db.execute(sql`UPDATE persons SET merged_into_id = ${into}::uuid, version = version + 1, updated_at = now() WHERE id = ${personId}::uuid`);
}

// ── erasure, legal hold ──

export type ErasureRow = typeof personErasureRequests.$inferSelect;

export async function insertErasure(db: DbOrTx, values: typeof personErasureRequests.$inferInsert) {
  const [row] = await db.insert(personErasureRequests).values(values).returning();
  return row!;
}

export async function findErasure(db: DbOrTx, id: string) {
  const [row] = await db.select().from(personErasureRequests).where(eq(personErasureRequests.id, id));
  return row;
}

export async function updateErasure(db: DbOrTx, id: string, version: number, values: Partial<typeof personErasureRequests.$inferInsert>) {
  const [row] = await db
    .update(personErasureRequests)
    .set({ ...values, version: sql`${personErasureRequests.version} + 1` })
    .where(and(eq(personErasureRequests.id, id), eq(personErasureRequests.version, version)))
    .returning();
  return row;
}

export async function erasuresOfPerson(db: DbOrTx, personId: string) {
  return db.select().from(personErasureRequests).where(eq(personErasureRequests.personId, personId)).orderBy(sql`requested_at DESC`).limit(20);
}

export async function pendingErasures(db: DbOrTx, actor: Actor) {
  const result = await db.execute<{ id: string }>(sql`
    SELECT e.id FROM person_erasure_requests e JOIN persons p ON p.id = e.person_id
    WHERE e.status = 'pending' AND ${approvalScope(actor, 'p')} ORDER BY e.requested_at LIMIT 200`);
  return result.rows.map((r) => r.id);
}

export async function findLegalHold(db: DbOrTx, personId: string) {
  const [row] = await db.select().from(personLegalHolds).where(eq(personLegalHolds.personId, personId));
  return row;
}

export async function setLegalHold(db: DbOrTx, personId: string, reason: string, userId: string) {
  await db
    .insert(personLegalHolds)
    .values({ personId, reason, setBy: userId })
    .onConflictDoUpdate({ target: personLegalHolds.personId, set: { reason, setBy: userId, setAt: new Date() } });
}

export async function clearLegalHold(db: DbOrTx, personId: string) {
  const rows = await db.delete(personLegalHolds).where(eq(personLegalHolds.personId, personId)).returning({ id: personLegalHolds.personId });
  return rows.length > 0;
}

/** Case facts that decide about erasure: open cases and the last closure date. */
export async function caseFacts(db: DbOrTx, personId: string) {
  const result = await db.execute<{ open: number; last_closed: string | null }>(sql`
    SELECT count(*) FILTER (WHERE closed_at IS NULL)::int AS open, max(closed_at)::text AS last_closed FROM cases WHERE person_id = ${personId}::uuid`);
  return result.rows[0] ?? { open: 0, last_closed: null };
}

/** Recipient organisations of earlier shares (consents and referrals) of the person. */
export async function shareRecipients(db: DbOrTx, personId: string) {
  const result = await db.execute<{ id: string; name: string }>(sql`
    SELECT DISTINCT o.id, o.name FROM organisations o
    WHERE o.id IN (SELECT recipient_organisation_id FROM consents WHERE person_id = ${personId}::uuid
                   UNION SELECT recipient_organisation_id FROM referrals WHERE person_id = ${personId}::uuid)
    ORDER BY o.name`);
  return result.rows;
}

/**
 * Anonymisation in place: identifying data goes, what the evaluation counts stays (organisation, Gemeinde, year of
 * birth, sex, nationalities, languages, case phases and dates, categories).
 */
export async function anonymisePersonRecords(db: DbOrTx, personId: string) {
  await db.execute(sql`
    UPDATE persons SET given_names = 'Anonymisiert', family_name = '', native_given_names = '', native_family_name = '',
      native_script = NULL, aliases = '[]'::jsonb,
      birth_date = CASE WHEN birth_date IS NULL THEN NULL ELSE make_date(extract(year FROM birth_date)::int, 1, 1) END,
      birth_date_precision = CASE WHEN birth_date IS NULL THEN 'unknown' ELSE 'year' END, birth_date_is_placeholder = false,
      street = '', postal_code = '', phone = '', email = '', azr_number = NULL, bamf_file_number = NULL,
      search_text = '', search_words = '{}', name_keys = '{}', anonymised_at = now(), version = version + 1, updated_at = now()
    WHERE id = ${personId}::uuid`);
  await db.execute(sql`UPDATE person_residence_statuses SET note = '' WHERE person_id = ${personId}::uuid`);
  await db.execute(sql`UPDATE cases SET referring_note = '', first_concern = '', closure_note = '' WHERE person_id = ${personId}::uuid`);
  await db.execute(sql`UPDATE case_contacts SET note = '', participants = '' WHERE case_id IN (SELECT id FROM cases WHERE person_id = ${personId}::uuid)`);
  await db.execute(sql`UPDATE consents SET guardian_name = '', purpose_note = '' WHERE person_id = ${personId}::uuid`);
  await db.execute(sql`UPDATE referrals SET message = '(anonymisiert)', feedback_note = '' WHERE person_id = ${personId}::uuid`);
  const caseIds = (await db.execute<{ id: string }>(sql`SELECT id FROM cases WHERE person_id = ${personId}::uuid`)).rows.map((r) => r.id);
  return caseIds;
}

// ── retention ──

export async function findRetentionRule(db: DbOrTx, recordClass: string) {
  const [row] = await db.select().from(retentionRules).where(eq(retentionRules.recordClass, recordClass));
  return row;
}

export async function upsertRetentionRule(db: DbOrTx, recordClass: string, version: number, values: { anonymiseAfterMonths: number; minRetentionMonths: number; updatedBy: string }) {
  const existing = await findRetentionRule(db, recordClass);
  if (!existing) {
    if (version !== 0) return undefined;
    const [row] = await db.insert(retentionRules).values({ recordClass, ...values }).onConflictDoNothing().returning();
    return row;
  }
  const [row] = await db
    .update(retentionRules)
    .set({ ...values, updatedAt: new Date(), version: sql`${retentionRules.version} + 1` })
    .where(and(eq(retentionRules.recordClass, recordClass), eq(retentionRules.version, version)))
    .returning();
  return row;
}

/** Persons whose last case closed at least `months` ago, none open, not anonymised, not merged, no legal hold. */
export async function unsafePersonsDueForAnonymisation(db: DbOrTx, today: string, months: number) {
  const result = await db.execute<{ id: string }>(sql`
    SELECT p.id FROM persons p
    WHERE p.anonymised_at IS NULL AND p.merged_into_id IS NULL
      AND NOT EXISTS (SELECT 1 FROM person_legal_holds h WHERE h.person_id = p.id)
      AND EXISTS (SELECT 1 FROM cases c WHERE c.person_id = p.id)
      AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.person_id = p.id AND c.closed_at IS NULL)
      AND (SELECT max(c.closed_at) FROM cases c WHERE c.person_id = p.id) + make_interval(months => ${months}::int) <= ${today}::date
    ORDER BY p.id LIMIT 5000`);
  return result.rows.map((r) => r.id);
}

/** Removes a Haushalt/Familie link of the person (either direction); false when there is none. */
export async function deleteRelation(db: DbOrTx, personId: string, relationId: string) {
  const removed = await db.execute(sql`
    DELETE FROM person_relations WHERE id = ${relationId}::uuid
      AND (person_id = ${personId}::uuid OR related_person_id = ${personId}::uuid) RETURNING id`);
  return removed.rows.length > 0;
}
