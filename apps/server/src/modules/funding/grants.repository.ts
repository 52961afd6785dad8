import { aliasedTable, and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { organisations, settings, users } from '../../platform/db/schema.js';
import { tenantOrganisations } from '../../platform/access/scope.js';
import {
  fundingBookings,
  fundingCalloffs,
  fundingGrantPositions,
  fundingGrantRevisions,
  fundingGrants,
  fundingOnwardGrants,
  fundingProgrammes,
  fundingReports,
} from './funding.schema.js';

export type GrantRevisionRow = typeof fundingGrantRevisions.$inferSelect;
export type PositionRow = typeof fundingGrantPositions.$inferSelect;
export type BookingRow = typeof fundingBookings.$inferSelect;
export type CalloffRow = typeof fundingCalloffs.$inferSelect;
export type OnwardGrantRow = typeof fundingOnwardGrants.$inferSelect;
export type ReportRow = typeof fundingReports.$inferSelect;
type RevisionValues = Omit<typeof fundingGrantRevisions.$inferInsert, 'id' | 'grantId' | 'createdAt'>;


const grantColumns = {
  id: fundingGrants.id,
  title: fundingGrants.title,
  programmeId: fundingGrants.programmeId,
  organisationId: fundingGrants.organisationId,
  createdBy: fundingGrants.createdBy,
  version: fundingGrants.version,
  createdAt: fundingGrants.createdAt,
  programmeCode: fundingProgrammes.code,
  programmeName: fundingProgrammes.name,
  programmeShortName: fundingProgrammes.shortName,
  programmeSection: fundingProgrammes.section,
  programmeParentId: fundingProgrammes.parentId,
  passThroughAllowed: fundingProgrammes.passThroughAllowed,
  organisationName: organisations.name,
};
export type GrantRow = Awaited<ReturnType<typeof listGrantRows>>[number];

export async function listGrantRows(db: DbOrTx, actor: Actor, filter: { programmeIds?: string[]; organisationId?: string } = {}) {
  return db
    .select(grantColumns)
    .from(fundingGrants)
    .innerJoin(fundingProgrammes, eq(fundingProgrammes.id, fundingGrants.programmeId))
    .innerJoin(organisations, eq(organisations.id, fundingGrants.organisationId))
    .where(
      and(
        sql`${fundingGrants.organisationId} IN ${tenantOrganisations(actor)}`,
        filter.programmeIds ? inArray(fundingGrants.programmeId, filter.programmeIds) : undefined,
        filter.organisationId ? eq(fundingGrants.organisationId, filter.organisationId) : undefined,
      ),
    )
    .orderBy(asc(fundingProgrammes.sortOrder), asc(fundingGrants.title));
}

/**
 * The budget overview's input in one query: per grant of the actor's Kreis its newest revision (status, file number)
 * and that revision's positions of one budget year, summed per position category.
 */
export async function overviewPositions(db: DbOrTx, actor: Actor, year: number, organisationId?: string) {
  const result = await db.execute<{
    grant_id: string;
    programme_id: string;
    status: string;
    file_number: string;
    category: string;
    amount_cents: string | number;
  }>(sql`
    SELECT g.id AS grant_id, g.programme_id, r.status, r.file_number, p.category, sum(p.amount_cents) AS amount_cents
    FROM ${fundingGrants} g
    JOIN LATERAL (
      SELECT rv.id, rv.status, rv.file_number FROM ${fundingGrantRevisions} rv
      WHERE rv.grant_id = g.id ORDER BY rv.revision_no DESC LIMIT 1
    ) r ON true
    JOIN ${fundingGrantPositions} p ON p.revision_id = r.id AND p.budget_year = ${year}
    WHERE g.organisation_id IN ${tenantOrganisations(actor)}
      ${organisationId ? sql`AND g.organisation_id = ${organisationId}` : sql``}
    GROUP BY g.id, g.programme_id, r.status, r.file_number, p.category`);
  return result.rows.map((r) => ({
    grantId: r.grant_id,
    programmeId: r.programme_id,
    status: r.status,
    fileNumber: r.file_number,
    category: r.category,
    amountCents: Number(r.amount_cents),
  }));
}

/** One grant in the actor's Kreis; `forUpdate` serialises concurrent bookings against the same grant. */
export async function findGrantRow(db: DbOrTx, actor: Actor, id: string, opts: { forUpdate?: boolean } = {}) {
  const query = db
    .select(grantColumns)
    .from(fundingGrants)
    .innerJoin(fundingProgrammes, eq(fundingProgrammes.id, fundingGrants.programmeId))
    .innerJoin(organisations, eq(organisations.id, fundingGrants.organisationId))
    .where(and(eq(fundingGrants.id, id), sql`${fundingGrants.organisationId} IN ${tenantOrganisations(actor)}`));
  const [row] = opts.forUpdate ? await query.for('update', { of: fundingGrants }) : await query;
  return row;
}

const creator = aliasedTable(users, 'creator');
const approver = aliasedTable(users, 'approver');

export async function listRevisions(db: DbOrTx, grantIds: string[]) {
  if (grantIds.length === 0) return [];
  return db
    .select({ revision: fundingGrantRevisions, createdByName: creator.displayName, approvedByName: approver.displayName })
    .from(fundingGrantRevisions)
    .leftJoin(creator, eq(creator.id, fundingGrantRevisions.createdBy))
    .leftJoin(approver, eq(approver.id, fundingGrantRevisions.approvedBy))
    .where(inArray(fundingGrantRevisions.grantId, grantIds))
    .orderBy(asc(fundingGrantRevisions.grantId), asc(fundingGrantRevisions.revisionNo));
}

export async function listPositions(db: DbOrTx, revisionIds: string[]) {
  if (revisionIds.length === 0) return [];
  return db
    .select()
    .from(fundingGrantPositions)
    .where(inArray(fundingGrantPositions.revisionId, revisionIds))
    .orderBy(asc(fundingGrantPositions.budgetYear), asc(fundingGrantPositions.category));
}

export async function insertGrant(
  db: DbOrTx,
  values: { programmeId: string; organisationId: string; title: string; createdBy: string | null },
) {
  const [row] = await db.insert(fundingGrants).values(values).returning();
  return row!;
}

export async function insertRevision(db: DbOrTx, grantId: string, values: RevisionValues) {
  const [row] = await db
    .insert(fundingGrantRevisions)
    .values({ ...values, grantId })
    .returning();
  return row!;
}

export async function updateRevision(db: DbOrTx, revisionId: string, values: Partial<RevisionValues>) {
  await db.update(fundingGrantRevisions).set(values).where(eq(fundingGrantRevisions.id, revisionId));
}

export async function replacePositions(
  db: DbOrTx,
  revisionId: string,
  positions: { budgetYear: number; category: string; amountCents: number }[],
) {
  await db.delete(fundingGrantPositions).where(eq(fundingGrantPositions.revisionId, revisionId));
  if (positions.length) await db.insert(fundingGrantPositions).values(positions.map((p) => ({ ...p, revisionId })));
}

/** Bumps the grant's version when the client's version matches; undefined means someone else changed it first. */
export async function touchGrant(db: DbOrTx, id: string, version: number, values: { title?: string; organisationId?: string } = {}) {
  const [row] = await db
    .update(fundingGrants)
    .set({ ...values, version: sql`${fundingGrants.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(fundingGrants.id, id), eq(fundingGrants.version, version)))
    .returning({ id: fundingGrants.id, version: fundingGrants.version });
  return row;
}

export async function organisationInTenant(db: DbOrTx, actor: Actor, id: string) {
  const [row] = await db
    .select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
    .from(organisations)
    .where(and(eq(organisations.id, id), sql`${organisations.id} IN ${tenantOrganisations(actor)}`));
  return row;
}

// ── bookings ──

export async function listBookings(db: DbOrTx, grantId: string, budgetYear?: number) {
  return db
    .select()
    .from(fundingBookings)
    .where(and(eq(fundingBookings.grantId, grantId), budgetYear ? eq(fundingBookings.budgetYear, budgetYear) : undefined))
    .orderBy(asc(fundingBookings.bookingDate), asc(fundingBookings.createdAt));
}

/** Actual spending and open commitments per budget year and position (cancelled and settled bookings excluded). */
export async function bookingTotals(db: DbOrTx, grantIds: string[]) {
  if (grantIds.length === 0) return [];
  return db
    .select({
      grantId: fundingBookings.grantId,
      budgetYear: fundingBookings.budgetYear,
      category: fundingBookings.category,
      actualCents:
        sql<number>`coalesce(sum(${fundingBookings.amountCents}) FILTER (WHERE ${fundingBookings.kind} = 'actual' AND ${fundingBookings.status} = 'booked'), 0)::bigint`.mapWith(
          Number,
        ),
      committedCents:
        sql<number>`coalesce(sum(${fundingBookings.amountCents}) FILTER (WHERE ${fundingBookings.kind} = 'commitment' AND ${fundingBookings.status} = 'open'), 0)::bigint`.mapWith(
          Number,
        ),
    })
    .from(fundingBookings)
    .where(inArray(fundingBookings.grantId, grantIds))
    .groupBy(fundingBookings.grantId, fundingBookings.budgetYear, fundingBookings.category);
}

export async function insertBooking(
  db: DbOrTx,
  values: Omit<typeof fundingBookings.$inferInsert, 'id' | 'version' | 'createdAt' | 'updatedAt'>,
) {
  const [row] = await db.insert(fundingBookings).values(values).returning();
  return row!;
}

export async function findBooking(db: DbOrTx, actor: Actor, id: string) {
  const [row] = await db
    .select({ booking: fundingBookings })
    .from(fundingBookings)
    .innerJoin(fundingGrants, eq(fundingGrants.id, fundingBookings.grantId))
    .where(and(eq(fundingBookings.id, id), sql`${fundingGrants.organisationId} IN ${tenantOrganisations(actor)}`));
  return row?.booking;
}

export async function updateBooking(
  db: DbOrTx,
  id: string,
  version: number,
  values: Partial<Omit<BookingRow, 'id' | 'version' | 'createdAt' | 'updatedAt' | 'grantId'>>,
) {
  const [row] = await db
    .update(fundingBookings)
    .set({ ...values, version: sql`${fundingBookings.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(fundingBookings.id, id), eq(fundingBookings.version, version)))
    .returning();
  return row;
}

// ── Mittelabruf ──

export async function listCalloffs(db: DbOrTx, grantIds: string[]) {
  if (grantIds.length === 0) return [];
  return db.select().from(fundingCalloffs).where(inArray(fundingCalloffs.grantId, grantIds)).orderBy(asc(fundingCalloffs.callDate));
}

export async function insertCalloff(
  db: DbOrTx,
  values: Omit<typeof fundingCalloffs.$inferInsert, 'id' | 'version' | 'createdAt' | 'updatedAt'>,
) {
  const [row] = await db.insert(fundingCalloffs).values(values).returning();
  return row!;
}

export async function findCalloff(db: DbOrTx, actor: Actor, id: string) {
  const [row] = await db
    .select({ calloff: fundingCalloffs })
    .from(fundingCalloffs)
    .innerJoin(fundingGrants, eq(fundingGrants.id, fundingCalloffs.grantId))
    .where(and(eq(fundingCalloffs.id, id), sql`${fundingGrants.organisationId} IN ${tenantOrganisations(actor)}`));
  return row?.calloff;
}

export async function updateCalloff(
  db: DbOrTx,
  id: string,
  version: number,
  values: Partial<Omit<CalloffRow, 'id' | 'version' | 'createdAt' | 'updatedAt' | 'grantId'>>,
) {
  const [row] = await db
    .update(fundingCalloffs)
    .set({ ...values, version: sql`${fundingCalloffs.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(fundingCalloffs.id, id), eq(fundingCalloffs.version, version)))
    .returning();
  return row;
}

/** Sum of call-offs of a grant and year that still count (not cancelled), optionally without one of them. */
export async function calledOffCents(db: DbOrTx, grantId: string, budgetYear: number, exceptId?: string) {
  const [row] = await db
    .select({ total: sql<number>`coalesce(sum(${fundingCalloffs.amountCents}), 0)::bigint`.mapWith(Number) })
    .from(fundingCalloffs)
    .where(
      and(
        eq(fundingCalloffs.grantId, grantId),
        eq(fundingCalloffs.budgetYear, budgetYear),
        ne(fundingCalloffs.status, 'cancelled'),
        exceptId ? ne(fundingCalloffs.id, exceptId) : undefined,
      ),
    );
  return row?.total ?? 0;
}

// ── Weiterleitung an Dritte ──

const checker = aliasedTable(users, 'checker');
const confirmer = aliasedTable(users, 'confirmer');
const recipient = aliasedTable(organisations, 'recipient');

export async function listOnwardGrants(db: DbOrTx, grantIds: string[], onlyId?: string) {
  if (grantIds.length === 0 && !onlyId) return [];
  return db
    .select({
      onward: fundingOnwardGrants,
      recipientName: recipient.name,
      checkedByName: checker.displayName,
      confirmedByName: confirmer.displayName,
    })
    .from(fundingOnwardGrants)
    .innerJoin(recipient, eq(recipient.id, fundingOnwardGrants.recipientOrganisationId))
    .leftJoin(checker, eq(checker.id, fundingOnwardGrants.checkedBy))
    .leftJoin(confirmer, eq(confirmer.id, fundingOnwardGrants.confirmedBy))
    .where(onlyId ? eq(fundingOnwardGrants.id, onlyId) : inArray(fundingOnwardGrants.grantId, grantIds))
    .orderBy(asc(fundingOnwardGrants.budgetYear), asc(recipient.name));
}

export async function insertOnwardGrant(
  db: DbOrTx,
  values: Omit<typeof fundingOnwardGrants.$inferInsert, 'id' | 'version' | 'createdAt' | 'updatedAt'>,
) {
  const [row] = await db.insert(fundingOnwardGrants).values(values).returning();
  return row!;
}

export async function findOnwardGrant(db: DbOrTx, actor: Actor, id: string) {
  const [row] = await db
    .select({ onward: fundingOnwardGrants })
    .from(fundingOnwardGrants)
    .innerJoin(fundingGrants, eq(fundingGrants.id, fundingOnwardGrants.grantId))
    .where(and(eq(fundingOnwardGrants.id, id), sql`${fundingGrants.organisationId} IN ${tenantOrganisations(actor)}`));
  return row?.onward;
}

export async function updateOnwardGrant(
  db: DbOrTx,
  id: string,
  version: number,
  values: Partial<Omit<OnwardGrantRow, 'id' | 'version' | 'createdAt' | 'updatedAt' | 'grantId'>>,
) {
  const [row] = await db
    .update(fundingOnwardGrants)
    .set({ ...values, version: sql`${fundingOnwardGrants.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(fundingOnwardGrants.id, id), eq(fundingOnwardGrants.version, version)))
    .returning();
  return row;
}

export async function onwardTotal(db: DbOrTx, grantId: string, budgetYear: number, exceptId?: string) {
  const [row] = await db
    .select({ total: sql<number>`coalesce(sum(${fundingOnwardGrants.amountCents}), 0)::bigint`.mapWith(Number) })
    .from(fundingOnwardGrants)
    .where(
      and(
        eq(fundingOnwardGrants.grantId, grantId),
        eq(fundingOnwardGrants.budgetYear, budgetYear),
        exceptId ? ne(fundingOnwardGrants.id, exceptId) : undefined,
      ),
    );
  return row?.total ?? 0;
}

// ── Verwendungsnachweis ──

const finaliser = aliasedTable(users, 'finaliser');

export async function findReport(db: DbOrTx, grantId: string, budgetYear: number) {
  const [row] = await db
    .select({ report: fundingReports, finalisedByName: finaliser.displayName })
    .from(fundingReports)
    .leftJoin(finaliser, eq(finaliser.id, fundingReports.finalisedBy))
    .where(and(eq(fundingReports.grantId, grantId), eq(fundingReports.budgetYear, budgetYear)));
  return row;
}

/** Creates the report row with its first narrative; undefined when someone else created it first. */
export async function insertReport(db: DbOrTx, grantId: string, budgetYear: number, narrative: string) {
  const [row] = await db.insert(fundingReports).values({ grantId, budgetYear, narrative }).onConflictDoNothing().returning();
  return row;
}

export async function updateReport(
  db: DbOrTx,
  id: string,
  version: number,
  values: Partial<Pick<ReportRow, 'narrative' | 'status' | 'finalisedBy' | 'finalisedAt'>>,
) {
  const [row] = await db
    .update(fundingReports)
    .set({ ...values, version: sql`${fundingReports.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(fundingReports.id, id), eq(fundingReports.version, version)))
    .returning();
  return row;
}

/** Reports of all grants of the actor's Kreis, for the deadlines dashboard. */
export async function listReports(db: DbOrTx, grantIds: string[]) {
  if (grantIds.length === 0) return [];
  return db.select().from(fundingReports).where(inArray(fundingReports.grantId, grantIds)).orderBy(desc(fundingReports.budgetYear));
}

// ── settings ──

export async function readSetting(db: DbOrTx, key: string) {
  const [row] = await db.select().from(settings).where(eq(settings.key, key));
  return row;
}

/** Writes a setting when its stored version is `version` (0 = not stored yet); undefined on a conflict. */
export async function writeSetting(db: DbOrTx, key: string, version: number, value: unknown) {
  if (version === 0) {
    const [row] = await db.insert(settings).values({ key, value, version: 1 }).onConflictDoNothing().returning();
    return row;
  }
  const [row] = await db
    .update(settings)
    .set({ value, version: sql`${settings.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(settings.key, key), eq(settings.version, version)))
    .returning();
  return row;
}

/** The name of the actor's Kreis (the root of their organisation tree), for document headers. */
export async function tenantRootName(db: DbOrTx, actor: Actor): Promise<string> {
  const [row] = await db
    .select({ name: organisations.name })
    .from(organisations)
    .where(and(sql`${organisations.id} IN ${tenantOrganisations(actor)}`, sql`${organisations.parentId} IS NULL`))
    .limit(1);
  return row?.name ?? 'Kreis';
}
