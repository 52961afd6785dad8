import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import {
  DEFAULT_INTERPRETER_POOL_SETTINGS,
  InterpreterPoolSettings,
  type InterpreterLanguageLevel,
  type InterpreterOfferStatus,
} from '@teilhabe/shared';
import type { DbOrTx } from '../../platform/db/client.js';
import { settings } from '../../platform/db/schema.js';
import {
  interpreterAssignments,
  interpreterExclusions,
  interpreterInstitutions,
  interpreterLanguages,
  interpreterOffers,
  interpreterRequests,
  interpreters,
} from './interpreters.schema.js';

export type InterpreterRow = typeof interpreters.$inferSelect;
export type InterpreterInsert = typeof interpreters.$inferInsert;
export type RequestRow = typeof interpreterRequests.$inferSelect;
export type RequestInsert = typeof interpreterRequests.$inferInsert;
export type AssignmentRow = typeof interpreterAssignments.$inferSelect;
export type OfferRow = typeof interpreterOffers.$inferSelect;
export type InstitutionRow = typeof interpreterInstitutions.$inferSelect;

export interface LanguageRow {
  code: string;
  dialects: string[];
  level: InterpreterLanguageLevel;
}

const rows = <T>(result: { rows: unknown[] }) => result.rows as T[];

// ── Settings ─────────────────────────────────────────────────────────────────────────────────────────────────────

const SETTINGS_KEY = 'interpreters.pool';

/** The pool's rules; version 0 means "still the defaults". Stored values are parsed, never trusted blindly. */
export async function readPoolSettings(db: DbOrTx): Promise<{ value: InterpreterPoolSettings; version: number }> {
  const [row] = await db.select().from(settings).where(eq(settings.key, SETTINGS_KEY));
  if (!row) return { value: DEFAULT_INTERPRETER_POOL_SETTINGS, version: 0 };
  const parsed = InterpreterPoolSettings.safeParse({ ...DEFAULT_INTERPRETER_POOL_SETTINGS, ...(row.value as object) });
  return { value: parsed.success ? parsed.data : DEFAULT_INTERPRETER_POOL_SETTINGS, version: row.version };
}

/** Saves when the stored version is `version` (0 = not stored yet); false on a version conflict. */
export async function writePoolSettings(db: DbOrTx, value: InterpreterPoolSettings, version: number): Promise<number | null> {
  if (version === 0) {
    const inserted = await db.insert(settings).values({ key: SETTINGS_KEY, value, version: 1 }).onConflictDoNothing().returning({ version: settings.version });
    return inserted[0]?.version ?? null;
  }
  const updated = await db
    .update(settings)
    .set({ value, version: sql`${settings.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(settings.key, SETTINGS_KEY), eq(settings.version, version)))
    .returning({ version: settings.version });
  return updated[0]?.version ?? null;
}

// ── Interpreters ─────────────────────────────────────────────────────────────────────────────────────────────────

const languagesJson = sql`coalesce((SELECT json_agg(json_build_object('code', l.language_code, 'dialects', l.dialects, 'level', l.level) ORDER BY l.language_code)
  FROM interpreter_languages l WHERE l.interpreter_id = i.id), '[]'::json)`;

export interface InterpreterListRow {
  id: string;
  firstName: string;
  lastName: string;
  gender: string;
  homeAgs: string;
  basicTrainingOn: string | null;
  advancedTrainingOn: string | null;
  confidentialitySignedOn: string | null;
  active: boolean;
  userId: string | null;
  languages: LanguageRow[];
}

export async function listInterpreters(
  db: DbOrTx,
  filter: { q?: string; language?: string; active: 'true' | 'false' | 'all'; limit: number; offset: number },
) {
  const conditions: SQL[] = [sql`true`];
  if (filter.active !== 'all') conditions.push(sql`i.active = ${filter.active === 'true'}`);
  if (filter.q) conditions.push(sql`(i.first_name || ' ' || i.last_name) ILIKE ${'%' + filter.q.replace(/[\\%_]/g, '\\$&') + '%'}`);
  if (filter.language) conditions.push(sql`EXISTS (SELECT 1 FROM interpreter_languages l WHERE l.interpreter_id = i.id AND l.language_code = ${filter.language})`);
  const where = sql.join(conditions, sql` AND `);
  const [items, count] = await Promise.all([
    db.execute(sql`
      SELECT i.id, i.first_name AS "firstName", i.last_name AS "lastName", i.gender, i.home_ags AS "homeAgs",
             i.basic_training_on AS "basicTrainingOn", i.advanced_training_on AS "advancedTrainingOn",
             i.confidentiality_signed_on AS "confidentialitySignedOn", i.active, i.user_id AS "userId", ${languagesJson} AS languages
      FROM interpreters i WHERE ${where}
      ORDER BY lower(i.last_name), lower(i.first_name), i.id LIMIT ${filter.limit} OFFSET ${filter.offset}`),
    db.execute<{ total: number }>(sql`SELECT count(*)::int AS total FROM interpreters i WHERE ${where}`),
  ]);
  return { items: rows<InterpreterListRow>(items), total: count.rows[0]?.total ?? 0 };
}

export async function findInterpreter(db: DbOrTx, id: string) {
  const [row] = await db.select().from(interpreters).where(eq(interpreters.id, id));
  return row;
}

export async function findInterpreterByUser(db: DbOrTx, userId: string) {
  const [row] = await db.select().from(interpreters).where(eq(interpreters.userId, userId));
  return row;
}

export async function findInterpreterByCalendarHash(db: DbOrTx, hash: string) {
  const [row] = await db.select().from(interpreters).where(and(eq(interpreters.calendarTokenHash, hash), eq(interpreters.active, true)));
  return row;
}

/** Locks the interpreter's row: two acceptances for the same person run one after the other (overlap check). */
export async function lockInterpreter(db: DbOrTx, id: string) {
  await db.execute(sql`SELECT id FROM interpreters WHERE id = ${id} FOR UPDATE`);
}

export async function languagesOf(db: DbOrTx, interpreterId: string): Promise<LanguageRow[]> {
  const result = await db
    .select({ code: interpreterLanguages.languageCode, dialects: interpreterLanguages.dialects, level: interpreterLanguages.level })
    .from(interpreterLanguages)
    .where(eq(interpreterLanguages.interpreterId, interpreterId))
    .orderBy(asc(interpreterLanguages.languageCode));
  return result as LanguageRow[];
}

export async function exclusionsOf(db: DbOrTx, interpreterId: string) {
  return db
    .select({
      id: interpreterExclusions.id,
      createdAt: interpreterExclusions.createdAt,
      requestReference: sql<string | null>`(SELECT r.reference FROM interpreter_requests r WHERE r.case_id = ${interpreterExclusions.caseId} ORDER BY r.created_at LIMIT 1)`,
      institutionId: interpreterExclusions.institutionId,
      institutionName: interpreterInstitutions.name,
      caseId: interpreterExclusions.caseId,
      note: interpreterExclusions.note,
    })
    .from(interpreterExclusions)
    .leftJoin(interpreterInstitutions, eq(interpreterInstitutions.id, interpreterExclusions.institutionId))
    .where(eq(interpreterExclusions.interpreterId, interpreterId))
    .orderBy(asc(interpreterExclusions.createdAt));
}

export async function insertInterpreter(db: DbOrTx, values: InterpreterInsert) {
  const [row] = await db.insert(interpreters).values(values).returning();
  return row!;
}

export async function updateInterpreter(db: DbOrTx, id: string, version: number, values: Partial<InterpreterInsert>) {
  const [row] = await db
    .update(interpreters)
    .set({ ...values, version: sql`${interpreters.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(interpreters.id, id), eq(interpreters.version, version)))
    .returning();
  return row;
}

export async function setCalendarTokenHash(db: DbOrTx, id: string, hash: string | null) {
  await db.update(interpreters).set({ calendarTokenHash: hash, updatedAt: sql`now()` }).where(eq(interpreters.id, id));
}

export async function replaceLanguages(db: DbOrTx, interpreterId: string, languages: readonly LanguageRow[]) {
  await db.delete(interpreterLanguages).where(eq(interpreterLanguages.interpreterId, interpreterId));
  if (languages.length) {
    await db.insert(interpreterLanguages).values(languages.map((l) => ({ interpreterId, languageCode: l.code, dialects: [...l.dialects], level: l.level })));
  }
}

export async function replaceExclusions(db: DbOrTx, interpreterId: string, list: readonly { institutionId: string | null; caseId: string | null; note?: string }[]) {
  await db.delete(interpreterExclusions).where(eq(interpreterExclusions.interpreterId, interpreterId));
  if (list.length) await db.insert(interpreterExclusions).values(list.map((e) => ({ interpreterId, institutionId: e.institutionId, caseId: e.caseId, note: e.note ?? null })));
}

export async function insertExclusion(db: DbOrTx, values: { interpreterId: string; institutionId: string | null; caseId: string | null; note: string }) {
  const [row] = await db.insert(interpreterExclusions).values(values).returning();
  return row!;
}

export async function findExclusion(db: DbOrTx, interpreterId: string, exclusionId: string) {
  const [row] = await db
    .select()
    .from(interpreterExclusions)
    .where(and(eq(interpreterExclusions.interpreterId, interpreterId), eq(interpreterExclusions.id, exclusionId)));
  return row;
}

export async function hasExclusion(db: DbOrTx, interpreterId: string, target: { institutionId: string | null; caseId: string | null }) {
  const [row] = await db
    .select({ id: interpreterExclusions.id })
    .from(interpreterExclusions)
    .where(
      and(
        eq(interpreterExclusions.interpreterId, interpreterId),
        target.institutionId ? eq(interpreterExclusions.institutionId, target.institutionId) : eq(interpreterExclusions.caseId, target.caseId!),
      ),
    );
  return !!row;
}

export async function deleteExclusion(db: DbOrTx, exclusionId: string) {
  await db.delete(interpreterExclusions).where(eq(interpreterExclusions.id, exclusionId));
}

/** True when the user exists, is active and holds the `interpreter` role somewhere. */
export async function isInterpreterUser(db: DbOrTx, userId: string): Promise<boolean> {
  const result = await db.execute(sql`SELECT 1 FROM users u JOIN memberships m ON m.user_id = u.id WHERE u.id = ${userId} AND u.active AND m.role = 'interpreter'`);
  return result.rows.length > 0;
}

export async function existingInstitutionIds(db: DbOrTx, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const result = await db.select({ id: interpreterInstitutions.id }).from(interpreterInstitutions).where(inArray(interpreterInstitutions.id, [...ids]));
  return new Set(result.map((r) => r.id));
}

/** Users with the interpreter-coordination role: they are told when interpreters answer. */
export async function coordinatorUserIds(db: DbOrTx): Promise<string[]> {
  const result = await db.execute<{ id: string }>(
    sql`SELECT DISTINCT u.id FROM users u JOIN memberships m ON m.user_id = u.id WHERE u.active AND m.role = 'interpreter_coordinator'`,
  );
  return result.rows.map((r) => r.id);
}

/** Sum of payable amounts of one interpreter between two instants (by appointment start). */
export async function payableTotalCents(db: DbOrTx, interpreterId: string, from: Date, to: Date): Promise<number> {
  const result = await db.execute<{ total: number }>(sql`
    SELECT coalesce(sum(total_cents), 0)::int AS total FROM interpreter_assignments
    WHERE interpreter_id = ${interpreterId} AND payable AND starts_at >= ${from.toISOString()} AND starts_at < ${to.toISOString()}`);
  return result.rows[0]?.total ?? 0;
}

// ── Institutions ─────────────────────────────────────────────────────────────────────────────────────────────────

export async function findOrCreateInstitution(db: DbOrTx, values: { name: string; kind: string; ags: string | null; organisationId?: string | null }) {
  if (values.organisationId) {
    const [existing] = await db.select().from(interpreterInstitutions).where(eq(interpreterInstitutions.organisationId, values.organisationId));
    if (existing) return existing;
    const [row] = await db.insert(interpreterInstitutions).values({ ...values, organisationId: values.organisationId }).returning();
    return row!;
  }
  const match = sql`lower(${interpreterInstitutions.name}) = lower(${values.name}) AND ${interpreterInstitutions.ags} IS NOT DISTINCT FROM ${values.ags}`;
  const [existing] = await db.select().from(interpreterInstitutions).where(match);
  if (existing) return existing;
  const [row] = await db.insert(interpreterInstitutions).values({ name: values.name, kind: values.kind, ags: values.ags }).onConflictDoNothing().returning();
  if (row) return row;
  const [raced] = await db.select().from(interpreterInstitutions).where(match);
  return raced!;
}

export async function listInstitutions(db: DbOrTx, q: string | undefined) {
  return db
    .select()
    .from(interpreterInstitutions)
    .where(q ? sql`${interpreterInstitutions.name} ILIKE ${'%' + q.replace(/[\\%_]/g, '\\$&') + '%'}` : undefined)
    .orderBy(asc(interpreterInstitutions.name))
    .limit(200);
}

export async function findInstitution(db: DbOrTx, id: string) {
  const [row] = await db.select().from(interpreterInstitutions).where(eq(interpreterInstitutions.id, id));
  return row;
}

/** The requesting organisation and the AGS of the nearest Kommune above it (its Gemeinde). */
export async function organisationForRequest(db: DbOrTx, organisationId: string) {
  const result = await db.execute<{ id: string; name: string; kind: string; ags: string | null }>(sql`
    WITH RECURSIVE up AS (
      SELECT id, parent_id, kind, ags, 0 AS depth FROM organisations WHERE id = ${organisationId}
      UNION ALL SELECT o.id, o.parent_id, o.kind, o.ags, up.depth + 1 FROM organisations o JOIN up ON o.id = up.parent_id
    )
    SELECT o.id, o.name, o.kind, (SELECT ags FROM up WHERE kind = 'kommune' ORDER BY depth LIMIT 1) AS ags
    FROM organisations o WHERE o.id = ${organisationId}`);
  return result.rows[0];
}

// ── Requests ─────────────────────────────────────────────────────────────────────────────────────────────────────

/** Who sees which requests: the coordination all of them, requesters those of their organisations or their own. */
export type RequestScope = { kind: 'all' } | { kind: 'requester'; userId: string; organisations: SQL };

function scopeCondition(scope: RequestScope): SQL {
  if (scope.kind === 'all') return sql`true`;
  return sql`(r.requested_by = ${scope.userId} OR r.requester_organisation_id IN ${scope.organisations})`;
}

export async function nextRequestReference(db: DbOrTx, year: number): Promise<string> {
  const result = await db.execute<{ n: number }>(sql`SELECT nextval('interpreter_request_number')::int AS n`);
  return `SM-${year}-${String(result.rows[0]!.n).padStart(5, '0')}`;
}

export async function insertRequest(db: DbOrTx, values: RequestInsert) {
  const [row] = await db.insert(interpreterRequests).values(values).returning();
  return row!;
}

export async function findRequest(db: DbOrTx, id: string, scope: RequestScope, opts: { lock?: boolean } = {}) {
  const result = await db.execute(sql`SELECT r.id FROM interpreter_requests r WHERE r.id = ${id} AND ${scopeCondition(scope)} ${opts.lock ? sql`FOR UPDATE` : sql``}`);
  if (!result.rows.length) return undefined;
  const [row] = await db.select().from(interpreterRequests).where(eq(interpreterRequests.id, id));
  return row;
}

export async function findRequestByReference(db: DbOrTx, reference: string) {
  const [row] = await db.select().from(interpreterRequests).where(eq(interpreterRequests.reference, reference));
  return row;
}

export async function findRequestByStatusToken(db: DbOrTx, hash: string, opts: { lock?: boolean } = {}) {
  const query = db.select().from(interpreterRequests).where(eq(interpreterRequests.statusTokenHash, hash));
  const [row] = opts.lock ? await query.for('update') : await query;
  return row;
}

export async function updateRequest(db: DbOrTx, id: string, values: Partial<RequestInsert>) {
  const [row] = await db
    .update(interpreterRequests)
    .set({ ...values, version: sql`${interpreterRequests.version} + 1`, updatedAt: sql`now()` })
    .where(eq(interpreterRequests.id, id))
    .returning();
  return row!;
}

export interface RequestListRow {
  id: string;
  reference: string;
  channel: string;
  status: string;
  institutionName: string;
  languageCode: string;
  dialect: string | null;
  startsAt: string;
  durationMinutes: number;
  mode: string;
  ags: string | null;
  interpreterFirstName: string | null;
  interpreterLastName: string | null;
  pendingOffers: number;
  createdAt: string;
}

export async function listRequests(
  db: DbOrTx,
  scope: RequestScope,
  filter: { status: string; language?: string; from?: Date; to?: Date; limit: number; offset: number },
) {
  const conditions: SQL[] = [scopeCondition(scope)];
  if (filter.status === 'active') conditions.push(sql`r.status IN ('open', 'offered', 'assigned')`);
  else if (filter.status !== 'all') conditions.push(sql`r.status = ${filter.status}`);
  if (filter.language) conditions.push(sql`r.language_code = ${filter.language}`);
  if (filter.from) conditions.push(sql`r.starts_at >= ${filter.from.toISOString()}`);
  if (filter.to) conditions.push(sql`r.starts_at < ${filter.to.toISOString()}`);
  const where = sql.join(conditions, sql` AND `);
  const [items, count] = await Promise.all([
    db.execute(sql`
      SELECT r.id, r.reference, r.channel, r.status, inst.name AS "institutionName", r.language_code AS "languageCode", r.dialect,
             r.starts_at AS "startsAt", r.duration_minutes AS "durationMinutes", r.mode, r.ags,
             i.first_name AS "interpreterFirstName", i.last_name AS "interpreterLastName",
             (SELECT count(*)::int FROM interpreter_offers o WHERE o.request_id = r.id AND o.status = 'pending') AS "pendingOffers",
             r.created_at AS "createdAt"
      FROM interpreter_requests r
      JOIN interpreter_institutions inst ON inst.id = r.institution_id
      LEFT JOIN interpreter_assignments a ON a.request_id = r.id AND a.status <> 'cancelled'
      LEFT JOIN interpreters i ON i.id = a.interpreter_id
      WHERE ${where}
      ORDER BY r.starts_at, r.id LIMIT ${filter.limit} OFFSET ${filter.offset}`),
    db.execute<{ total: number }>(sql`SELECT count(*)::int AS total FROM interpreter_requests r WHERE ${where}`),
  ]);
  return { items: rows<RequestListRow>(items), total: count.rows[0]?.total ?? 0 };
}

// ── Offers ───────────────────────────────────────────────────────────────────────────────────────────────────────

export async function offersOfRequest(db: DbOrTx, requestId: string) {
  return db
    .select({
      id: interpreterOffers.id,
      interpreterId: interpreterOffers.interpreterId,
      firstName: interpreters.firstName,
      lastName: interpreters.lastName,
      status: interpreterOffers.status,
      offeredAt: interpreterOffers.offeredAt,
      respondedAt: interpreterOffers.respondedAt,
      declineReason: interpreterOffers.declineReason,
    })
    .from(interpreterOffers)
    .innerJoin(interpreters, eq(interpreters.id, interpreterOffers.interpreterId))
    .where(eq(interpreterOffers.requestId, requestId))
    .orderBy(asc(interpreterOffers.offeredAt), asc(interpreters.lastName));
}

export async function insertOffers(db: DbOrTx, requestId: string, interpreterIds: readonly string[], offeredBy: string) {
  return db
    .insert(interpreterOffers)
    .values(interpreterIds.map((interpreterId) => ({ requestId, interpreterId, offeredBy })))
    .returning();
}

export async function findOfferOf(db: DbOrTx, offerId: string, interpreterId: string) {
  const [row] = await db
    .select()
    .from(interpreterOffers)
    .where(and(eq(interpreterOffers.id, offerId), eq(interpreterOffers.interpreterId, interpreterId)))
    .for('update');
  return row;
}

export async function updateOffer(db: DbOrTx, id: string, values: Partial<typeof interpreterOffers.$inferInsert>) {
  await db.update(interpreterOffers).set(values).where(eq(interpreterOffers.id, id));
}

/** Withdraws the other pending offers of a request (someone accepted, or the request ended). */
export async function withdrawPendingOffers(db: DbOrTx, requestId: string, exceptOfferId?: string) {
  await db.execute(sql`
    UPDATE interpreter_offers SET status = 'withdrawn', responded_at = now()
    WHERE request_id = ${requestId} AND status = 'pending' ${exceptOfferId ? sql`AND id <> ${exceptOfferId}` : sql``}`);
}

export async function pendingOfferCount(db: DbOrTx, requestId: string): Promise<number> {
  const result = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM interpreter_offers WHERE request_id = ${requestId} AND status = 'pending'`);
  return result.rows[0]?.n ?? 0;
}

// ── What an interpreter sees of requests: joined, projected, own rows only ──────────────────────────────────────

export interface OwnAppointmentRow {
  id: string;
  status: string;
  startsAt: Date;
  endsAt: Date;
  durationMinutes: number;
  mode: string;
  street: string | null;
  ags: string | null;
  institutionName: string;
  contactName: string;
  contactPhone: string;
  languageCode: string;
  dialect: string | null;
}

const appointmentColumns = sql`r.starts_at AS "startsAt", r.ends_at AS "endsAt", r.duration_minutes AS "durationMinutes", r.mode, r.street, r.ags,
  inst.name AS "institutionName", r.contact_name AS "contactName", r.contact_phone AS "contactPhone", r.language_code AS "languageCode", r.dialect`;

const toDates = <T extends { startsAt: unknown; endsAt: unknown }>(r: T) => ({ ...r, startsAt: new Date(r.startsAt as string), endsAt: new Date(r.endsAt as string) });

export async function ownOffers(db: DbOrTx, interpreterId: string, since: Date) {
  const result = await db.execute(sql`
    SELECT o.id, o.status, o.offered_at AS "offeredAt", ${appointmentColumns}
    FROM interpreter_offers o JOIN interpreter_requests r ON r.id = o.request_id JOIN interpreter_institutions inst ON inst.id = r.institution_id
    WHERE o.interpreter_id = ${interpreterId} AND o.status = 'pending' AND r.starts_at >= ${since.toISOString()}
    ORDER BY r.starts_at`);
  return rows<OwnAppointmentRow & { offeredAt: string }>(result).map(toDates);
}

export interface OwnAssignmentRow extends OwnAppointmentRow {
  requestId: string;
  requestStatus: string;
  actualMinutes: number | null;
  travelKm: number | null;
  travelMinutes: number | null;
  totalCents: number | null;
  cancelReason: string | null;
  version: number;
  updatedAt: Date;
}

const ownAssignmentSelect = sql`
  SELECT a.id, a.status, a.request_id AS "requestId", r.status AS "requestStatus", a.actual_minutes AS "actualMinutes", a.travel_km AS "travelKm",
         a.travel_minutes AS "travelMinutes", a.total_cents AS "totalCents", a.cancel_reason AS "cancelReason", a.version,
         a.updated_at AS "updatedAt", ${appointmentColumns}
  FROM interpreter_assignments a JOIN interpreter_requests r ON r.id = a.request_id JOIN interpreter_institutions inst ON inst.id = r.institution_id`;

function hydrateOwn(row: OwnAssignmentRow): OwnAssignmentRow {
  return { ...toDates(row), updatedAt: new Date(row.updatedAt as unknown as string) };
}

export async function ownAssignments(db: DbOrTx, interpreterId: string, filter: { from?: Date; to?: Date; statuses?: string[] }) {
  const conditions: SQL[] = [sql`a.interpreter_id = ${interpreterId}`];
  if (filter.from) conditions.push(sql`a.starts_at >= ${filter.from.toISOString()}`);
  if (filter.to) conditions.push(sql`a.starts_at < ${filter.to.toISOString()}`);
  if (filter.statuses) conditions.push(sql`a.status IN (${sql.join(filter.statuses.map((s) => sql`${s}`), sql`, `)})`);
  const result = await db.execute(sql`${ownAssignmentSelect} WHERE ${sql.join(conditions, sql` AND `)} ORDER BY a.starts_at`);
  return rows<OwnAssignmentRow>(result).map(hydrateOwn);
}

/** One assignment of this interpreter; another interpreter's id matches nothing (→ 404). */
export async function ownAssignment(db: DbOrTx, interpreterId: string, assignmentId: string) {
  const result = await db.execute(sql`${ownAssignmentSelect} WHERE a.id = ${assignmentId} AND a.interpreter_id = ${interpreterId}`);
  const row = rows<OwnAssignmentRow>(result)[0];
  return row ? hydrateOwn(row) : undefined;
}

// ── Assignments ──────────────────────────────────────────────────────────────────────────────────────────────────

export async function insertAssignment(db: DbOrTx, values: typeof interpreterAssignments.$inferInsert) {
  const [row] = await db.insert(interpreterAssignments).values(values).returning();
  return row!;
}

export async function activeAssignmentOfRequest(db: DbOrTx, requestId: string, opts: { lock?: boolean } = {}) {
  const query = db
    .select()
    .from(interpreterAssignments)
    .where(and(eq(interpreterAssignments.requestId, requestId), sql`${interpreterAssignments.status} <> 'cancelled'`));
  const [row] = opts.lock ? await query.for('update') : await query;
  return row;
}

/** The latest assignment of a request, cancelled ones included (to show a late cancellation's fee). */
export async function latestAssignmentOfRequest(db: DbOrTx, requestId: string) {
  const result = await db.execute<{ id: string }>(sql`
    SELECT id FROM interpreter_assignments WHERE request_id = ${requestId}
    ORDER BY (status <> 'cancelled') DESC, created_at DESC LIMIT 1`);
  const id = result.rows[0]?.id;
  if (!id) return undefined;
  const [row] = await db.select().from(interpreterAssignments).where(eq(interpreterAssignments.id, id));
  return row;
}

export async function findAssignment(db: DbOrTx, id: string, opts: { lock?: boolean } = {}) {
  const query = db.select().from(interpreterAssignments).where(eq(interpreterAssignments.id, id));
  const [row] = opts.lock ? await query.for('update') : await query;
  return row;
}

export async function updateAssignment(db: DbOrTx, id: string, version: number | null, values: Partial<typeof interpreterAssignments.$inferInsert>) {
  const [row] = await db
    .update(interpreterAssignments)
    .set({ ...values, version: sql`${interpreterAssignments.version} + 1`, updatedAt: sql`now()` })
    .where(version === null ? eq(interpreterAssignments.id, id) : and(eq(interpreterAssignments.id, id), eq(interpreterAssignments.version, version)))
    .returning();
  return row;
}

/** A confirmed or completed assignment of the interpreter that overlaps [from, to) (the caller adds the travel buffer). */
export async function overlappingAssignment(db: DbOrTx, interpreterId: string, from: Date, to: Date) {
  const result = await db.execute<{ startsAt: string; endsAt: string }>(sql`
    SELECT starts_at AS "startsAt", ends_at AS "endsAt" FROM interpreter_assignments
    WHERE interpreter_id = ${interpreterId} AND status <> 'cancelled' AND starts_at < ${to.toISOString()} AND ends_at > ${from.toISOString()}
    ORDER BY starts_at LIMIT 1`);
  const row = result.rows[0];
  return row ? { startsAt: new Date(row.startsAt), endsAt: new Date(row.endsAt) } : undefined;
}

// ── Matching facts: one query ───────────────────────────────────────────────────────────────────────────────────

export interface CandidateRow {
  id: string;
  firstName: string;
  lastName: string;
  gender: string;
  homeAgs: string;
  servedAgs: string[];
  maxTravelKm: number | null;
  remoteOk: boolean;
  availability: { weekday: number; from: string; to: string }[];
  absences: { from: string; to: string }[];
  basicTrainingOn: string | null;
  advancedTrainingOn: string | null;
  confidentialitySignedOn: string | null;
  level: InterpreterLanguageLevel;
  dialects: string[];
  minutesThisMonth: number;
  overlapStart: string | null;
  overlapEnd: string | null;
  excluded: boolean;
  offerStatus: InterpreterOfferStatus | null;
}

/**
 * Everything the ranking needs about every active interpreter of the language, in one round trip: the minutes of the
 * appointment's month, the first overlapping assignment (window already widened by the travel buffer), exclusions and
 * earlier offers for this request.
 */
export async function candidateFacts(
  db: DbOrTx,
  input: {
    languageCode: string;
    requestId: string | null;
    windowStart: Date;
    windowEnd: Date;
    monthStart: Date;
    monthEnd: Date;
    institutionId: string | null;
    caseId: string | null;
    excludeAssignmentOfRequest?: string | null;
  },
): Promise<CandidateRow[]> {
  const result = await db.execute(sql`
    SELECT i.id, i.first_name AS "firstName", i.last_name AS "lastName", i.gender, i.home_ags AS "homeAgs", i.served_ags AS "servedAgs",
           i.max_travel_km AS "maxTravelKm", i.remote_ok AS "remoteOk", i.availability, i.absences,
           i.basic_training_on AS "basicTrainingOn", i.advanced_training_on AS "advancedTrainingOn",
           i.confidentiality_signed_on AS "confidentialitySignedOn", l.level, l.dialects,
           coalesce(m.minutes, 0)::int AS "minutesThisMonth", ov.starts_at AS "overlapStart", ov.ends_at AS "overlapEnd",
           EXISTS (SELECT 1 FROM interpreter_exclusions e WHERE e.interpreter_id = i.id
                   AND (e.institution_id = ${input.institutionId}::uuid OR e.case_id = ${input.caseId}::uuid)) AS excluded,
           (SELECT o.status FROM interpreter_offers o WHERE o.request_id = ${input.requestId}::uuid AND o.interpreter_id = i.id) AS "offerStatus"
    FROM interpreter_languages l
    JOIN interpreters i ON i.id = l.interpreter_id AND i.active
    LEFT JOIN LATERAL (
      SELECT sum(coalesce(a.actual_minutes, extract(epoch FROM a.ends_at - a.starts_at) / 60)) AS minutes
      FROM interpreter_assignments a
      WHERE a.interpreter_id = i.id AND (a.status <> 'cancelled' OR a.payable)
        AND a.starts_at >= ${input.monthStart.toISOString()} AND a.starts_at < ${input.monthEnd.toISOString()}
    ) m ON true
    LEFT JOIN LATERAL (
      SELECT a.starts_at, a.ends_at FROM interpreter_assignments a
      WHERE a.interpreter_id = i.id AND a.status <> 'cancelled'
        AND a.starts_at < ${input.windowEnd.toISOString()} AND a.ends_at > ${input.windowStart.toISOString()}
        ${input.excludeAssignmentOfRequest ? sql`AND a.request_id <> ${input.excludeAssignmentOfRequest}::uuid` : sql``}
      ORDER BY a.starts_at LIMIT 1
    ) ov ON true
    WHERE l.language_code = ${input.languageCode}`);
  return rows<CandidateRow>(result);
}

// ── Payouts, budget, statements ─────────────────────────────────────────────────────────────────────────────────

export interface PayoutAggregateRow {
  interpreterId: string;
  firstName: string;
  lastName: string;
  accountHolder: string | null;
  iban: string | null;
  assignments: number;
  feeCents: number;
  travelCents: number;
  totalCents: number;
  yearTotalCents: number;
}

export async function payoutAggregates(db: DbOrTx, month: { from: Date; to: Date }, year: { from: Date; to: Date }) {
  const result = await db.execute(sql`
    SELECT i.id AS "interpreterId", i.first_name AS "firstName", i.last_name AS "lastName", i.account_holder AS "accountHolder", i.iban,
           count(*)::int AS assignments, sum(a.fee_cents)::int AS "feeCents", sum(a.travel_cents)::int AS "travelCents",
           sum(a.total_cents)::int AS "totalCents",
           (SELECT coalesce(sum(y.total_cents), 0)::int FROM interpreter_assignments y
            WHERE y.interpreter_id = i.id AND y.payable AND y.starts_at >= ${year.from.toISOString()} AND y.starts_at < ${year.to.toISOString()}) AS "yearTotalCents"
    FROM interpreter_assignments a JOIN interpreters i ON i.id = a.interpreter_id
    WHERE a.payable AND a.starts_at >= ${month.from.toISOString()} AND a.starts_at < ${month.to.toISOString()}
    GROUP BY i.id ORDER BY lower(i.last_name), lower(i.first_name), i.id`);
  return rows<PayoutAggregateRow>(result);
}

export interface StatementRow {
  id: string;
  reference: string;
  startsAt: Date;
  durationMinutes: number;
  mode: string;
  ags: string | null;
  institutionName: string;
  languageCode: string;
  status: string;
  outcome: string | null;
  lateCancellation: boolean;
  actualMinutes: number | null;
  travelKm: number | null;
  travelMinutes: number | null;
  feeCents: number;
  travelCents: number;
  totalCents: number;
}

export async function statementRows(db: DbOrTx, interpreterId: string, month: { from: Date; to: Date }) {
  const result = await db.execute(sql`
    SELECT a.id, r.reference, a.starts_at AS "startsAt", r.duration_minutes AS "durationMinutes", r.mode, r.ags, inst.name AS "institutionName",
           r.language_code AS "languageCode", a.status, a.outcome, a.late_cancellation AS "lateCancellation", a.actual_minutes AS "actualMinutes",
           a.travel_km AS "travelKm", a.travel_minutes AS "travelMinutes", a.fee_cents AS "feeCents", a.travel_cents AS "travelCents", a.total_cents AS "totalCents"
    FROM interpreter_assignments a JOIN interpreter_requests r ON r.id = a.request_id JOIN interpreter_institutions inst ON inst.id = r.institution_id
    WHERE a.interpreter_id = ${interpreterId} AND a.payable AND a.starts_at >= ${month.from.toISOString()} AND a.starts_at < ${month.to.toISOString()}
    ORDER BY a.starts_at`);
  return rows<StatementRow>(result).map((r) => ({ ...r, startsAt: new Date(r.startsAt as unknown as string) }));
}

export async function budgetFigures(db: DbOrTx, year: { from: Date; to: Date }) {
  const [spent, byMonth, committed] = await Promise.all([
    db.execute<{ total: number }>(sql`
      SELECT coalesce(sum(total_cents), 0)::int AS total FROM interpreter_assignments
      WHERE payable AND starts_at >= ${year.from.toISOString()} AND starts_at < ${year.to.toISOString()}`),
    db.execute<{ month: string; total: number }>(sql`
      SELECT to_char(starts_at AT TIME ZONE 'Europe/Berlin', 'YYYY-MM') AS month, sum(total_cents)::int AS total FROM interpreter_assignments
      WHERE payable AND starts_at >= ${year.from.toISOString()} AND starts_at < ${year.to.toISOString()} GROUP BY 1 ORDER BY 1`),
    db.execute<{ feeTier: string; mode: string; minutes: number; n: number }>(sql`
      SELECT a.fee_tier AS "feeTier", r.mode, r.duration_minutes AS minutes, count(*)::int AS n
      FROM interpreter_assignments a JOIN interpreter_requests r ON r.id = a.request_id
      WHERE a.status = 'confirmed' AND a.starts_at >= ${year.from.toISOString()} AND a.starts_at < ${year.to.toISOString()}
      GROUP BY 1, 2, 3`),
  ]);
  return { spentCents: spent.rows[0]?.total ?? 0, byMonth: byMonth.rows, committed: committed.rows };
}

// ── Calendar feed ───────────────────────────────────────────────────────────────────────────────────────────────

export interface FeedRow {
  id: string;
  status: string;
  startsAt: Date;
  endsAt: Date;
  mode: string;
  street: string | null;
  ags: string | null;
  institutionName: string;
  languageCode: string;
  dialect: string | null;
  version: number;
  updatedAt: Date;
}

/** Assignments for the feed: from 60 days back, confirmed, completed and recently cancelled (so calendars drop them). */
export async function feedAssignments(db: DbOrTx, interpreterId: string, since: Date) {
  const result = await db.execute(sql`
    SELECT a.id, a.status, a.starts_at AS "startsAt", a.ends_at AS "endsAt", r.mode, r.street, r.ags, inst.name AS "institutionName",
           r.language_code AS "languageCode", r.dialect, a.version, a.updated_at AS "updatedAt"
    FROM interpreter_assignments a JOIN interpreter_requests r ON r.id = a.request_id JOIN interpreter_institutions inst ON inst.id = r.institution_id
    WHERE a.interpreter_id = ${interpreterId} AND a.starts_at >= ${since.toISOString()}
    ORDER BY a.starts_at LIMIT 1000`);
  return rows<FeedRow>(result).map((r) => ({ ...toDates(r), updatedAt: new Date(r.updatedAt as unknown as string) }));
}

// ── Statistics: one grouped query ────────────────────────────────────────────────────────────────────────────────

export interface StatisticsRow {
  dimension: 'total' | 'language' | 'kind' | 'ags' | 'month' | 'lead';
  key: string | null;
  requests: number;
  fulfilled: number;
  cancelled: number;
  unfilled: number;
  minutes: number;
  medianLeadDays: number | null;
  averageLeadDays: number | null;
}

export async function statistics(db: DbOrTx, year: { from: Date; to: Date }) {
  const result = await db.execute(sql`
    WITH base AS (
      SELECT r.language_code, inst.kind, coalesce(r.ags, inst.ags) AS ags,
             to_char(r.starts_at AT TIME ZONE 'Europe/Berlin', 'YYYY-MM') AS month,
             r.status,
             (r.starts_at AT TIME ZONE 'Europe/Berlin')::date - (r.created_at AT TIME ZONE 'Europe/Berlin')::date AS lead_days,
             CASE WHEN a.status = 'completed' THEN coalesce(a.actual_minutes, 0) ELSE 0 END AS minutes
      FROM interpreter_requests r
      JOIN interpreter_institutions inst ON inst.id = r.institution_id
      LEFT JOIN interpreter_assignments a ON a.request_id = r.id AND (a.status <> 'cancelled')
      WHERE r.starts_at >= ${year.from.toISOString()} AND r.starts_at < ${year.to.toISOString()}
    ), bucketed AS (
      SELECT *, CASE WHEN lead_days < 5 THEN 'unter_5' WHEN lead_days < 8 THEN '5_7' WHEN lead_days < 15 THEN '8_14' WHEN lead_days < 29 THEN '15_28' ELSE 'ueber_28' END AS lead_bucket
      FROM base
    )
    SELECT CASE WHEN GROUPING(language_code) = 0 THEN 'language' WHEN GROUPING(kind) = 0 THEN 'kind' WHEN GROUPING(ags) = 0 THEN 'ags'
                WHEN GROUPING(month) = 0 THEN 'month' WHEN GROUPING(lead_bucket) = 0 THEN 'lead' ELSE 'total' END AS dimension,
           coalesce(language_code, kind, ags, month, lead_bucket) AS key,
           count(*)::int AS requests,
           count(*) FILTER (WHERE status IN ('assigned', 'completed'))::int AS fulfilled,
           count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled,
           count(*) FILTER (WHERE status = 'unfilled')::int AS unfilled,
           sum(minutes)::int AS minutes,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY lead_days)::float AS "medianLeadDays",
           avg(lead_days)::float AS "averageLeadDays"
    FROM bucketed
    GROUP BY GROUPING SETS ((language_code), (kind), (ags), (month), (lead_bucket), ())`);
  return rows<StatisticsRow>(result);
}

/** The AGS of the Kreis this installation serves (the root organisation); the pool serves its Gemeinden. */
export async function tenantKreis(db: DbOrTx): Promise<{ ags: string; name: string } | undefined> {
  const result = await db.execute<{ ags: string; name: string }>(sql`SELECT ags, name FROM organisations WHERE kind = 'kreis' AND parent_id IS NULL ORDER BY created_at LIMIT 1`);
  return result.rows[0];
}

// ── Bulk writes for the demo seed and the matching benchmark ────────────────────────────────────────────────────

const CHUNK = 1000;

async function chunked<T, R>(items: readonly T[], write: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(...(await write(items.slice(i, i + CHUNK))));
  return out;
}

export function bulkInsertInterpreters(db: DbOrTx, rows: readonly InterpreterInsert[]) {
  return chunked(rows, (c) => db.insert(interpreters).values(c).returning({ id: interpreters.id }));
}

export function bulkInsertLanguages(db: DbOrTx, rows: readonly (typeof interpreterLanguages.$inferInsert)[]) {
  return chunked(rows, (c) => db.insert(interpreterLanguages).values(c).returning({ id: interpreterLanguages.interpreterId }));
}

export function bulkInsertInstitutions(db: DbOrTx, rows: readonly (typeof interpreterInstitutions.$inferInsert)[]) {
  return chunked(rows, (c) => db.insert(interpreterInstitutions).values(c).returning({ id: interpreterInstitutions.id }));
}

export function bulkInsertRequests(db: DbOrTx, rows: readonly RequestInsert[]) {
  return chunked(rows, (c) => db.insert(interpreterRequests).values(c).returning({ id: interpreterRequests.id }));
}

export function bulkInsertAssignments(db: DbOrTx, rows: readonly (typeof interpreterAssignments.$inferInsert)[]) {
  return chunked(rows, (c) => db.insert(interpreterAssignments).values(c).returning({ id: interpreterAssignments.id }));
}

export function bulkInsertOffers(db: DbOrTx, rows: readonly (typeof interpreterOffers.$inferInsert)[]) {
  return chunked(rows, (c) => db.insert(interpreterOffers).values(c).returning({ id: interpreterOffers.id }));
}

export async function reserveRequestNumbers(db: DbOrTx, count: number): Promise<number[]> {
  const result = await db.execute<{ n: number }>(sql`SELECT nextval('interpreter_request_number')::int AS n FROM generate_series(1, ${count})`);
  return result.rows.map((r) => r.n);
}

export async function userIdByEmail(db: DbOrTx, email: string): Promise<string | undefined> {
  const result = await db.execute<{ id: string }>(sql`SELECT id FROM users WHERE lower(email) = lower(${email})`);
  return result.rows[0]?.id;
}
