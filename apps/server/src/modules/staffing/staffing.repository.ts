import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { organisations } from '../../platform/db/schema.js';
import { staffingOccupancies, staffingPayGradeCosts, staffingPostFundings, staffingPosts } from './staffing.schema.js';
import { tenantOrganisations } from '../../platform/access/scope.js';

export type PostRow = typeof staffingPosts.$inferSelect;
export type PostFundingRow = typeof staffingPostFundings.$inferSelect;
export type OccupancyRow = typeof staffingOccupancies.$inferSelect;
export type PayGradeCostRow = typeof staffingPayGradeCosts.$inferSelect;
type Mutable<T> = Omit<T, 'id' | 'version' | 'createdAt' | 'updatedAt'>;


const postColumns = { post: staffingPosts, organisationName: organisations.name };

export async function listPosts(db: DbOrTx, actor: Actor, filter: { organisationId?: string; postIds?: string[] } = {}) {
  return db
    .select(postColumns)
    .from(staffingPosts)
    .innerJoin(organisations, eq(organisations.id, staffingPosts.organisationId))
    .where(
      and(
        sql`${staffingPosts.organisationId} IN ${tenantOrganisations(actor)}`,
        filter.organisationId ? eq(staffingPosts.organisationId, filter.organisationId) : undefined,
        filter.postIds ? inArray(staffingPosts.id, filter.postIds) : undefined,
      ),
    )
    .orderBy(asc(staffingPosts.postNumber));
}

export async function findPost(db: DbOrTx, actor: Actor, id: string) {
  const [row] = await listPosts(db, actor, { postIds: [id] });
  return row;
}

export async function organisationInTenant(db: DbOrTx, actor: Actor, id: string) {
  const [row] = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(and(eq(organisations.id, id), sql`${organisations.id} IN ${tenantOrganisations(actor)}`));
  return row;
}

export async function insertPost(db: DbOrTx, values: Mutable<typeof staffingPosts.$inferInsert>) {
  const [row] = await db.insert(staffingPosts).values(values).returning();
  return row!;
}

export async function updatePost(db: DbOrTx, id: string, version: number, values: Partial<Mutable<PostRow>>) {
  const [row] = await db
    .update(staffingPosts)
    .set({ ...values, version: sql`${staffingPosts.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(staffingPosts.id, id), eq(staffingPosts.version, version)))
    .returning();
  return row;
}

export async function postNumberTaken(db: DbOrTx, postNumber: string, exceptId?: string) {
  const rows = await db.select({ id: staffingPosts.id }).from(staffingPosts).where(eq(staffingPosts.postNumber, postNumber));
  return rows.some((r) => r.id !== exceptId);
}

// ── funding assignments ──

export async function listFundings(db: DbOrTx, postIds: string[]) {
  if (postIds.length === 0) return [];
  return db
    .select()
    .from(staffingPostFundings)
    .where(inArray(staffingPostFundings.postId, postIds))
    .orderBy(asc(staffingPostFundings.validFrom));
}

export async function insertFunding(db: DbOrTx, values: Mutable<typeof staffingPostFundings.$inferInsert>) {
  const [row] = await db.insert(staffingPostFundings).values(values).returning();
  return row!;
}

export async function findFunding(db: DbOrTx, actor: Actor, id: string) {
  const [row] = await db
    .select({ funding: staffingPostFundings })
    .from(staffingPostFundings)
    .innerJoin(staffingPosts, eq(staffingPosts.id, staffingPostFundings.postId))
    .where(and(eq(staffingPostFundings.id, id), sql`${staffingPosts.organisationId} IN ${tenantOrganisations(actor)}`));
  return row?.funding;
}

export async function updateFunding(db: DbOrTx, id: string, version: number, values: Partial<Mutable<PostFundingRow>>) {
  const [row] = await db
    .update(staffingPostFundings)
    .set({ ...values, version: sql`${staffingPostFundings.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(staffingPostFundings.id, id), eq(staffingPostFundings.version, version)))
    .returning();
  return row;
}

// ── occupancies ──

export async function listOccupancies(db: DbOrTx, postIds: string[]) {
  if (postIds.length === 0) return [];
  return db
    .select()
    .from(staffingOccupancies)
    .where(inArray(staffingOccupancies.postId, postIds))
    .orderBy(asc(staffingOccupancies.contractStart));
}

export async function insertOccupancy(db: DbOrTx, values: Mutable<typeof staffingOccupancies.$inferInsert>) {
  const [row] = await db.insert(staffingOccupancies).values(values).returning();
  return row!;
}

export async function findOccupancy(db: DbOrTx, actor: Actor, id: string) {
  const [row] = await db
    .select({ occupancy: staffingOccupancies })
    .from(staffingOccupancies)
    .innerJoin(staffingPosts, eq(staffingPosts.id, staffingOccupancies.postId))
    .where(and(eq(staffingOccupancies.id, id), sql`${staffingPosts.organisationId} IN ${tenantOrganisations(actor)}`));
  return row?.occupancy;
}

export async function updateOccupancy(db: DbOrTx, id: string, version: number, values: Partial<Mutable<OccupancyRow>>) {
  const [row] = await db
    .update(staffingOccupancies)
    .set({ ...values, version: sql`${staffingOccupancies.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(staffingOccupancies.id, id), eq(staffingOccupancies.version, version)))
    .returning();
  return row;
}

// ── pay grade cost table ──

export async function listPayGradeCosts(db: DbOrTx, year?: number) {
  return db
    .select()
    .from(staffingPayGradeCosts)
    .where(year ? eq(staffingPayGradeCosts.year, year) : undefined)
    .orderBy(asc(staffingPayGradeCosts.year), asc(staffingPayGradeCosts.payGrade));
}

export async function insertPayGradeCost(db: DbOrTx, values: { year: number; payGrade: string; annualCostCents: number }) {
  const [row] = await db.insert(staffingPayGradeCosts).values(values).onConflictDoNothing().returning();
  return row;
}

export async function findPayGradeCost(db: DbOrTx, id: string) {
  const [row] = await db.select().from(staffingPayGradeCosts).where(eq(staffingPayGradeCosts.id, id));
  return row;
}

export async function updatePayGradeCost(db: DbOrTx, id: string, version: number, annualCostCents: number) {
  const [row] = await db
    .update(staffingPayGradeCosts)
    .set({ annualCostCents, version: sql`${staffingPayGradeCosts.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(staffingPayGradeCosts.id, id), eq(staffingPayGradeCosts.version, version)))
    .returning();
  return row;
}

// ── reminders (run by the daily job, without a request actor) ──

/** Contracts of all Kreise ending between two days, with the post they belong to. */
export async function contractsEndingBetween(db: DbOrTx, from: string, to: string) {
  return db
    .select({ occupancy: staffingOccupancies, post: staffingPosts })
    .from(staffingOccupancies)
    .innerJoin(staffingPosts, eq(staffingPosts.id, staffingOccupancies.postId))
    .where(and(sql`${staffingOccupancies.contractEnd} BETWEEN ${from} AND ${to}`, eq(staffingPosts.active, true)));
}
