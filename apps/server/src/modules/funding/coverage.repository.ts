import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { fundingCoverageAllocations, fundingGrants } from './funding.schema.js';
import { tenantOrganisations } from '../../platform/access/scope.js';

export type AllocationRow = typeof fundingCoverageAllocations.$inferSelect;

/** Allocations of lump-sum grants of the actor's Kreis (all years, or one). */
export async function listAllocations(db: DbOrTx, actor: Actor, filter: { year?: number; lumpSumGrantIds?: string[] } = {}) {
  return db
    .select({ allocation: fundingCoverageAllocations })
    .from(fundingCoverageAllocations)
    .innerJoin(fundingGrants, eq(fundingGrants.id, fundingCoverageAllocations.lumpSumGrantId))
    .where(
      and(
        sql`${fundingGrants.organisationId} IN ${tenantOrganisations(actor)}`,
        filter.year ? eq(fundingCoverageAllocations.year, filter.year) : undefined,
        filter.lumpSumGrantIds ? inArray(fundingCoverageAllocations.lumpSumGrantId, filter.lumpSumGrantIds) : undefined,
      ),
    )
    .orderBy(asc(fundingCoverageAllocations.year), asc(fundingCoverageAllocations.createdAt))
    .then((rows) => rows.map((r) => r.allocation));
}

export async function findAllocation(db: DbOrTx, actor: Actor, id: string) {
  const [row] = await listAllocationsById(db, actor, id);
  return row;
}

async function listAllocationsById(db: DbOrTx, actor: Actor, id: string) {
  return db
    .select({ allocation: fundingCoverageAllocations })
    .from(fundingCoverageAllocations)
    .innerJoin(fundingGrants, eq(fundingGrants.id, fundingCoverageAllocations.lumpSumGrantId))
    .where(and(eq(fundingCoverageAllocations.id, id), sql`${fundingGrants.organisationId} IN ${tenantOrganisations(actor)}`))
    .then((rows) => rows.map((r) => r.allocation));
}

export async function insertAllocation(
  db: DbOrTx,
  values: Omit<typeof fundingCoverageAllocations.$inferInsert, 'id' | 'version' | 'createdAt' | 'updatedAt'>,
) {
  const [row] = await db.insert(fundingCoverageAllocations).values(values).returning();
  return row!;
}

export async function updateAllocation(
  db: DbOrTx,
  id: string,
  version: number,
  values: Partial<Pick<AllocationRow, 'amountCents' | 'cancelled' | 'note'>>,
) {
  const [row] = await db
    .update(fundingCoverageAllocations)
    .set({ ...values, version: sql`${fundingCoverageAllocations.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(fundingCoverageAllocations.id, id), eq(fundingCoverageAllocations.version, version)))
    .returning();
  return row;
}

/** Lump-sum money already assigned (not cancelled), optionally for one programme and year, without one allocation. */
export async function allocatedCents(
  db: DbOrTx,
  lumpSumGrantId: string,
  filter: { programmeId?: string; year?: number; exceptId?: string } = {},
) {
  const [row] = await db
    .select({ total: sql<number>`coalesce(sum(${fundingCoverageAllocations.amountCents}), 0)::bigint`.mapWith(Number) })
    .from(fundingCoverageAllocations)
    .where(
      and(
        eq(fundingCoverageAllocations.lumpSumGrantId, lumpSumGrantId),
        eq(fundingCoverageAllocations.cancelled, false),
        filter.programmeId ? eq(fundingCoverageAllocations.programmeId, filter.programmeId) : undefined,
        filter.year ? eq(fundingCoverageAllocations.year, filter.year) : undefined,
        filter.exceptId ? ne(fundingCoverageAllocations.id, filter.exceptId) : undefined,
      ),
    );
  return row?.total ?? 0;
}
