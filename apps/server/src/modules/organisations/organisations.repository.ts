import { and, asc, eq, sql } from 'drizzle-orm';
import type { OrganisationKind } from '@teilhabe/shared';
import type { DbOrTx } from '../../platform/db/client.js';
import { organisations } from '../../platform/db/schema.js';

export type OrganisationRow = typeof organisations.$inferSelect;

export async function listOrganisations(db: DbOrTx, filter: { kind?: OrganisationKind } = {}) {
  return db
    .select()
    .from(organisations)
    .where(filter.kind ? eq(organisations.kind, filter.kind) : undefined)
    .orderBy(asc(organisations.name));
}

export async function findOrganisation(db: DbOrTx, id: string) {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, id));
  return row;
}

export async function insertOrganisation(
  db: DbOrTx,
  values: { parentId: string | null; kind: OrganisationKind; name: string; ags?: string | null; population?: number | null },
) {
  const [row] = await db.insert(organisations).values(values).returning();
  return row!;
}

/** Updates only when the stored version is the one the client saw; returns undefined on a version conflict. */
export async function updateOrganisation(
  db: DbOrTx,
  id: string,
  version: number,
  values: Partial<Pick<OrganisationRow, 'name' | 'parentId' | 'active'>>,
) {
  const [row] = await db
    .update(organisations)
    .set({ ...values, version: sql`${organisations.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(organisations.id, id), eq(organisations.version, version)))
    .returning();
  return row;
}

/** True when `candidate` is `id` itself or lies below it: moving an organisation there would create a cycle. */
export async function isInSubtree(db: DbOrTx, id: string, candidate: string): Promise<boolean> {
  const result = await db.execute<{ found: boolean }>(sql`
    WITH RECURSIVE subtree AS (
      SELECT id FROM organisations WHERE id = ${id}
      UNION SELECT o.id FROM organisations o JOIN subtree s ON o.parent_id = s.id
    ) SELECT EXISTS (SELECT 1 FROM subtree WHERE id = ${candidate}) AS found`);
  return result.rows[0]?.found ?? false;
}
