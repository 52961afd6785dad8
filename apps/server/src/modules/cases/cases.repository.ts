import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.js';
import { organisationSubtree } from '../../platform/access/scope.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { memberships, organisations, users } from '../../platform/db/schema.js';
import { caseScope, caseScopeWithoutBreakGlass, caseWriteScope } from './case-scope.repository.js';
import { caseAssessments, caseContacts, caseGoals, casePhaseEvents, cases, caseTasks, caseTeam } from './cases.schema.js';

export type CaseRow = typeof cases.$inferSelect;
export type CaseInsert = typeof cases.$inferInsert;

/** A case as the case views need it: the row plus person, organisation and case manager names. */
export type CaseViewRow = {
  id: string;
  case_number: string;
  person_id: string;
  organisation_id: string;
  organisation_name: string;
  case_manager_id: string;
  case_manager_name: string;
  phase: string;
  phase_changed_at: Date;
  referring_body: string;
  referring_note: string;
  first_concern: string;
  opened_at: string;
  clearing_outcome: string | null;
  clearing_criteria: { code: string; met: boolean }[];
  closed_at: string | null;
  closure_reason: string | null;
  closure_note: string;
  review_due_at: string | null;
  version: number;
  given_names: string;
  family_name: string;
  native_given_names: string;
  native_family_name: string;
  birth_date: string | null;
  birth_date_precision: string;
  birth_date_is_placeholder: boolean;
  person_organisation_id: string;
  person_organisation_name: string;
  last_contact_at: Date | null;
  total?: number;
};

const caseViewSelect = sql`
  SELECT c.id, c.case_number, c.person_id, c.organisation_id, o.name AS organisation_name, c.case_manager_id,
         u.display_name AS case_manager_name, c.phase, c.phase_changed_at, c.referring_body, c.referring_note, c.first_concern,
         c.opened_at, c.clearing_outcome, c.clearing_criteria, c.closed_at, c.closure_reason, c.closure_note, c.review_due_at,
         c.version, p.given_names, p.family_name, p.native_given_names, p.native_family_name, p.birth_date,
         p.birth_date_precision, p.birth_date_is_placeholder, p.organisation_id AS person_organisation_id,
         po.name AS person_organisation_name,
         (SELECT max(k.occurred_at) FROM case_contacts k WHERE k.case_id = c.id) AS last_contact_at
  FROM cases c
  JOIN persons p ON p.id = c.person_id
  JOIN organisations o ON o.id = c.organisation_id
  JOIN organisations po ON po.id = p.organisation_id
  JOIN users u ON u.id = c.case_manager_id`;

export async function findCaseInScope(db: DbOrTx, actor: Actor, id: string): Promise<CaseViewRow | undefined> {
  const result = await db.execute<CaseViewRow>(sql`${caseViewSelect} WHERE c.id = ${id}::uuid AND p.anonymised_at IS NULL AND ${caseScope(actor, 'c')}`);
  return result.rows[0];
}

/** The case if the actor may change it (never through break-glass). */
export async function findCaseForWrite(db: DbOrTx, actor: Actor, id: string): Promise<CaseRow | undefined> {
  const [row] = await db.select().from(cases).where(and(eq(cases.id, id), caseWriteScope(actor)));
  return row;
}

/** Whether the actor reaches the case only through an active break-glass session. */
export async function isBreakGlassOnly(db: DbOrTx, actor: Actor, id: string): Promise<boolean> {
  const [row] = await db.select({ id: cases.id }).from(cases).where(and(eq(cases.id, id), caseWriteScope(actor)));
  return !row;
}

/** Whether the actor reaches the case in their regular scope (not through break-glass). */
export async function isInRegularScope(db: DbOrTx, actor: Actor, id: string): Promise<boolean> {
  const [row] = await db.select({ id: cases.id }).from(cases).where(and(eq(cases.id, id), caseScopeWithoutBreakGlass(actor)));
  return !!row;
}

export async function insertCase(db: DbOrTx, values: Omit<CaseInsert, 'caseNumber'>): Promise<CaseRow> {
  const [row] = await db
    .insert(cases)
    .values({
      ...values,
      // Aktenzeichen: KIM-<year>-<running number>, unique across the Kreis.
      caseNumber: sql`'KIM-' || to_char(now() AT TIME ZONE 'Europe/Berlin', 'YYYY') || '-' || lpad(nextval('case_number_seq')::text, 5, '0')`,
    })
    .returning();
  return row!;
}

export async function updateCase(db: DbOrTx, id: string, version: number, values: Partial<CaseInsert>): Promise<CaseRow | undefined> {
  const [row] = await db
    .update(cases)
    .set({ ...values, version: sql`${cases.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(cases.id, id), eq(cases.version, version)))
    .returning();
  return row;
}

export async function insertPhaseEvent(db: DbOrTx, values: typeof casePhaseEvents.$inferInsert) {
  await db.insert(casePhaseEvents).values(values);
}

export async function listPhaseEvents(db: DbOrTx, caseId: string) {
  return db
    .select({
      fromPhase: casePhaseEvents.fromPhase,
      toPhase: casePhaseEvents.toPhase,
      actorId: casePhaseEvents.actorId,
      actorName: users.displayName,
      occurredAt: casePhaseEvents.occurredAt,
      note: casePhaseEvents.note,
    })
    .from(casePhaseEvents)
    .leftJoin(users, eq(users.id, casePhaseEvents.actorId))
    .where(eq(casePhaseEvents.caseId, caseId))
    .orderBy(asc(casePhaseEvents.occurredAt));
}

export async function listDeputies(db: DbOrTx, caseId: string) {
  return db
    .select({ id: users.id, displayName: users.displayName })
    .from(caseTeam)
    .innerJoin(users, eq(users.id, caseTeam.userId))
    .where(eq(caseTeam.caseId, caseId))
    .orderBy(asc(users.displayName));
}

export async function replaceDeputies(db: DbOrTx, caseId: string, userIds: string[]) {
  await db.delete(caseTeam).where(eq(caseTeam.caseId, caseId));
  if (userIds.length) await db.insert(caseTeam).values(userIds.map((userId) => ({ caseId, userId, role: 'deputy' })));
}

/** Active users holding the case_manager role (any organisation): they may manage or deputise cases. */
export async function findCaseManagers(db: DbOrTx, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectDistinct({ id: users.id })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(and(inArray(users.id, ids), eq(users.active, true), eq(memberships.role, 'case_manager')));
  return rows.map((r) => r.id);
}

export async function isOrganisationInSubtree(db: DbOrTx, actor: Actor, organisationId: string): Promise<boolean> {
  const result = await db.execute<{ ok: boolean }>(sql`SELECT ${organisationId}::uuid IN ${organisationSubtree(actor)} AS ok`);
  return result.rows[0]?.ok ?? false;
}

export interface CaseListFilter {
  phase?: string;
  mine?: boolean;
  open?: boolean;
  q?: string;
  personId?: string;
  limit: number;
  offset: number;
}

export async function listCases(db: DbOrTx, actor: Actor, filter: CaseListFilter): Promise<{ rows: CaseViewRow[]; total: number }> {
  const conditions: SQL[] = [sql`p.anonymised_at IS NULL`, caseScope(actor, 'c')];
  if (filter.phase) conditions.push(sql`c.phase = ${filter.phase}`);
  if (filter.open) conditions.push(sql`c.phase <> 'closed'`);
  if (filter.personId) conditions.push(sql`c.person_id = ${filter.personId}::uuid`);
  if (filter.mine) {
    conditions.push(sql`(c.case_manager_id = ${actor.userId}::uuid OR EXISTS (SELECT 1 FROM case_team ct WHERE ct.case_id = c.id AND ct.user_id = ${actor.userId}::uuid))`);
  }
  if (filter.q) {
    const like = `%${filter.q.replace(/[%_\\]/g, '')}%`;
    conditions.push(sql`(c.case_number ILIKE ${like} OR p.search_text LIKE lower(${like}))`);
  }
  // The page is chosen on the cases alone; names and the last contact are looked up for those 50 rows only.
  const result = await db.execute<CaseViewRow>(sql`
    ${caseViewSelect}
    JOIN (SELECT c.id, (c.phase = 'closed') AS closed_first, c.opened_at AS o, c.case_number AS n
          FROM cases c JOIN persons p ON p.id = c.person_id
          WHERE ${sql.join(conditions, sql` AND `)}
          ORDER BY c.phase = 'closed', c.opened_at DESC, c.case_number DESC
          LIMIT ${filter.limit} OFFSET ${filter.offset}) page ON page.id = c.id
    ORDER BY page.closed_first, page.o DESC, page.n DESC`);
  const count = await db.execute<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM cases c JOIN persons p ON p.id = c.person_id WHERE ${sql.join(conditions, sql` AND `)}`);
  return { rows: result.rows, total: count.rows[0]?.n ?? 0 };
}

// ── Contacts ──────────────────────────────────────────────────────────────────────────────────────────────────

export async function insertContact(db: DbOrTx, values: typeof caseContacts.$inferInsert) {
  const [row] = await db.insert(caseContacts).values(values).returning();
  return row!;
}

export type ContactViewRow = {
  id: string;
  occurred_at: Date;
  duration_minutes: number;
  mode: string;
  participants: string;
  interpreter_used: boolean;
  life_domains: string[];
  note: string | null;
  note_confidentiality: string;
  author_id: string;
  author_name: string;
  created_at: Date;
};

/** Contacts of a case; the note only where its confidentiality lets the actor read it (author / team / case). */
export async function listContacts(db: DbOrTx, actor: Actor, caseId: string): Promise<ContactViewRow[]> {
  const result = await db.execute<ContactViewRow>(sql`
    SELECT k.id, k.occurred_at, k.duration_minutes, k.mode, k.participants, k.interpreter_used, k.life_domains,
           CASE WHEN k.author_id = ${actor.userId}::uuid
                  OR k.note_confidentiality = 'case'
                  OR (k.note_confidentiality = 'team' AND k.author_organisation_id IN ${organisationSubtree(actor)})
                THEN k.note ELSE NULL END AS note,
           k.note_confidentiality, k.author_id, u.display_name AS author_name, k.created_at
    FROM case_contacts k JOIN users u ON u.id = k.author_id
    WHERE k.case_id = ${caseId}::uuid
    ORDER BY k.occurred_at DESC`);
  return result.rows;
}

// ── Goals ─────────────────────────────────────────────────────────────────────────────────────────────────────

export type GoalRow = typeof caseGoals.$inferSelect & { responsibleOrganisationName: string | null };

export async function listGoals(db: DbOrTx, caseId: string): Promise<GoalRow[]> {
  const rows = await db
    .select({ goal: caseGoals, responsibleOrganisationName: organisations.name })
    .from(caseGoals)
    .leftJoin(organisations, eq(organisations.id, caseGoals.responsibleOrganisationId))
    .where(eq(caseGoals.caseId, caseId))
    .orderBy(asc(caseGoals.lifeDomain), asc(caseGoals.createdAt));
  return rows.map((r) => ({ ...r.goal, responsibleOrganisationName: r.responsibleOrganisationName }));
}

export async function findGoal(db: DbOrTx, id: string) {
  const [row] = await db.select().from(caseGoals).where(eq(caseGoals.id, id));
  return row;
}

export async function insertGoal(db: DbOrTx, values: typeof caseGoals.$inferInsert) {
  const [row] = await db.insert(caseGoals).values(values).returning();
  return row!;
}

export async function updateGoal(db: DbOrTx, id: string, version: number, values: Partial<typeof caseGoals.$inferInsert>) {
  const [row] = await db
    .update(caseGoals)
    .set({ ...values, version: sql`${caseGoals.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(caseGoals.id, id), eq(caseGoals.version, version)))
    .returning();
  return row;
}

export async function organisationExists(db: DbOrTx, id: string): Promise<boolean> {
  const [row] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, id));
  return !!row;
}

// ── Assessment ────────────────────────────────────────────────────────────────────────────────────────────────

export async function listAssessments(db: DbOrTx, caseId: string) {
  return db.select().from(caseAssessments).where(eq(caseAssessments.caseId, caseId));
}

/** Saves one Lebensbereich. `version` 0 creates it; otherwise it must match. Undefined on a version conflict. */
export async function saveAssessment(
  db: DbOrTx,
  caseId: string,
  lifeDomain: string,
  version: number,
  values: { needLevel: number; need: string; resources: string; updatedBy: string },
) {
  if (version === 0) {
    const [row] = await db.insert(caseAssessments).values({ caseId, lifeDomain, ...values }).onConflictDoNothing().returning();
    return row;
  }
  const [row] = await db
    .update(caseAssessments)
    .set({ ...values, version: sql`${caseAssessments.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(caseAssessments.caseId, caseId), eq(caseAssessments.lifeDomain, lifeDomain), eq(caseAssessments.version, version)))
    .returning();
  return row;
}

// ── Tasks (Wiedervorlagen) ────────────────────────────────────────────────────────────────────────────────────

export type TaskViewRow = {
  id: string;
  case_id: string;
  case_number: string;
  given_names: string;
  family_name: string;
  title: string;
  due_date: string;
  done_at: Date | null;
  assignee_id: string;
  assignee_name: string;
  version: number;
};

const taskSelect = sql`
  SELECT t.id, t.case_id, c.case_number, p.given_names, p.family_name, t.title, t.due_date, t.done_at, t.assignee_id,
         u.display_name AS assignee_name, t.version
  FROM case_tasks t JOIN cases c ON c.id = t.case_id JOIN persons p ON p.id = c.person_id JOIN users u ON u.id = t.assignee_id`;

export async function insertTask(db: DbOrTx, values: typeof caseTasks.$inferInsert) {
  const [row] = await db.insert(caseTasks).values(values).returning();
  return row!;
}

export async function listTasksOfCase(db: DbOrTx, caseId: string): Promise<TaskViewRow[]> {
  const result = await db.execute<TaskViewRow>(sql`${taskSelect} WHERE t.case_id = ${caseId}::uuid ORDER BY t.done_at IS NOT NULL, t.due_date`);
  return result.rows;
}

/** A task of a case the actor may change. */
export async function findTaskForWrite(db: DbOrTx, actor: Actor, id: string): Promise<TaskViewRow | undefined> {
  const result = await db.execute<TaskViewRow>(sql`${taskSelect} WHERE t.id = ${id}::uuid AND ${caseWriteScope(actor, 'c')}`);
  return result.rows[0];
}

export async function updateTask(db: DbOrTx, id: string, version: number, values: Partial<typeof caseTasks.$inferInsert>) {
  const [row] = await db
    .update(caseTasks)
    .set({ ...values, version: sql`${caseTasks.version} + 1` })
    .where(and(eq(caseTasks.id, id), eq(caseTasks.version, version)))
    .returning();
  return row;
}

/** Open tasks of the actor due up to `until` (inclusive), in cases still in scope. */
export async function openTasksOf(db: DbOrTx, actor: Actor, until: string): Promise<TaskViewRow[]> {
  const result = await db.execute<TaskViewRow>(sql`${taskSelect}
    WHERE t.assignee_id = ${actor.userId}::uuid AND t.done_at IS NULL AND t.due_date <= ${until}::date AND ${caseScope(actor, 'c')}
    ORDER BY t.due_date LIMIT 100`);
  return result.rows;
}

/** Open cases of the actor (managed or deputised) without a contact since `since`. */
export async function myCasesWithoutContactSince(db: DbOrTx, actor: Actor, since: Date): Promise<CaseViewRow[]> {
  const result = await db.execute<CaseViewRow>(sql`${caseViewSelect}
    WHERE c.phase <> 'closed' AND p.anonymised_at IS NULL
      AND (c.case_manager_id = ${actor.userId}::uuid OR EXISTS (SELECT 1 FROM case_team ct WHERE ct.case_id = c.id AND ct.user_id = ${actor.userId}::uuid))
      AND NOT EXISTS (SELECT 1 FROM case_contacts k WHERE k.case_id = c.id AND k.occurred_at >= ${since.toISOString()}::timestamptz)
      AND c.opened_at <= ${since.toISOString().slice(0, 10)}::date
    ORDER BY c.opened_at LIMIT 100`);
  return result.rows;
}

export async function myReviewsDue(db: DbOrTx, actor: Actor, until: string): Promise<CaseViewRow[]> {
  const result = await db.execute<CaseViewRow>(sql`${caseViewSelect}
    WHERE c.phase <> 'closed' AND p.anonymised_at IS NULL AND c.review_due_at <= ${until}::date
      AND (c.case_manager_id = ${actor.userId}::uuid OR EXISTS (SELECT 1 FROM case_team ct WHERE ct.case_id = c.id AND ct.user_id = ${actor.userId}::uuid))
    ORDER BY c.review_due_at LIMIT 100`);
  return result.rows;
}

export async function myCasesByPhase(db: DbOrTx, actor: Actor) {
  const result = await db.execute<{ phase: string; count: number }>(sql`
    SELECT c.phase, count(*)::int AS count FROM cases c
    WHERE c.case_manager_id = ${actor.userId}::uuid OR EXISTS (SELECT 1 FROM case_team ct WHERE ct.case_id = c.id AND ct.user_id = ${actor.userId}::uuid)
    GROUP BY c.phase`);
  return result.rows;
}

export async function listCasesOfPerson(db: DbOrTx, actor: Actor, personId: string) {
  const result = await db.execute<{ id: string; case_number: string; phase: string; organisation_name: string }>(sql`
    SELECT c.id, c.case_number, c.phase, o.name AS organisation_name
    FROM cases c JOIN organisations o ON o.id = c.organisation_id
    WHERE c.person_id = ${personId}::uuid AND ${caseScope(actor, 'c')}
    ORDER BY c.opened_at DESC`);
  return result.rows;
}

export async function userDisplayName(db: DbOrTx, id: string): Promise<string | undefined> {
  const [row] = await db.select({ displayName: users.displayName }).from(users).where(eq(users.id, id));
  return row?.displayName;
}

export async function casesOfPersonUnscoped(db: DbOrTx, personId: string) {
  return db.select({ id: cases.id }).from(cases).where(eq(cases.personId, personId)).orderBy(desc(cases.openedAt));
}

/** A Kreis setting (platform `settings` table), e.g. the KIM admission criteria. */
export async function readSetting(db: DbOrTx, key: string): Promise<unknown> {
  const result = await db.execute<{ value: unknown }>(sql`SELECT value FROM settings WHERE key = ${key}`);
  return result.rows[0]?.value;
}

/** Active users holding a role in one organisation (demo data, defaults). */
export async function usersWithRoleIn(db: DbOrTx, organisationId: string, role: string) {
  return db
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.role, role), eq(users.active, true)))
    .orderBy(asc(users.createdAt));
}

