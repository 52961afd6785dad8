import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { evaluationOrganisations } from './case-scope.repository.js';
import { structuralBarriers } from './cases.schema.js';

export async function insertBarrier(db: DbOrTx, values: typeof structuralBarriers.$inferInsert) {
  const [row] = await db.insert(structuralBarriers).values(values).returning();
  return row!;
}

export type BarrierRow = {
  id: string;
  category: string;
  agency: string;
  life_domain: string | null;
  description: string;
  organisation_name: string;
  created_at: Date;
  total: number;
};

/** Barriers reported in the actor's evaluation area (the Kreis for coordination), newest first; no case link shown. */
export async function listBarriers(db: DbOrTx, actor: Actor, limit: number, offset: number) {
  const result = await db.execute<BarrierRow>(sql`
    SELECT b.id, b.category, b.agency, b.life_domain, b.description, o.name AS organisation_name, b.created_at,
           count(*) OVER ()::int AS total
    FROM structural_barriers b JOIN organisations o ON o.id = b.organisation_id
    WHERE b.organisation_id IN ${evaluationOrganisations(actor)}
    ORDER BY b.created_at DESC LIMIT ${limit} OFFSET ${offset}`);
  return { rows: result.rows, total: result.rows[0]?.total ?? 0 };
}

/** Barriers reported from one case (the caller checked that the case is in scope). */
export async function listBarriersOfCase(db: DbOrTx, caseId: string) {
  const result = await db.execute<BarrierRow>(sql`
    SELECT b.id, b.category, b.agency, b.life_domain, b.description, o.name AS organisation_name, b.created_at, 0 AS total
    FROM structural_barriers b JOIN organisations o ON o.id = b.organisation_id
    WHERE b.case_id = ${caseId}::uuid
    ORDER BY b.created_at DESC LIMIT 200`);
  return result.rows;
}
