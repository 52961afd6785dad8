import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from './actor.js';

/**
 * The organisations an actor may see records of: their own organisations and everything below them in the tree.
 * Used inside queries (`AND org_id IN (…)`), never as a check after loading.
 */
export function organisationSubtree(actor: Actor): SQL {
  if (actor.organisationIds.length === 0) return sql`(SELECT NULL::uuid WHERE false)`;
  return sql`(
    WITH RECURSIVE subtree AS (
      SELECT id FROM organisations WHERE id IN (${sql.join(
        actor.organisationIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})
      UNION SELECT o.id FROM organisations o JOIN subtree s ON o.parent_id = s.id
    ) SELECT id FROM subtree)`;
}

/**
 * Every organisation of the actor's Kreis (tenant): up to the root of each of their organisations, then the whole
 * tree below it. For records that belong to the Kreis as a whole (grants, the Stellenplan); never another Kreis'.
 */
export function tenantOrganisations(actor: Actor): SQL {
  if (actor.organisationIds.length === 0) return sql`(SELECT NULL::uuid WHERE false)`;
  const ids = sql.join(
    actor.organisationIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  return sql`(
    WITH RECURSIVE up AS (
      SELECT id, parent_id FROM organisations WHERE id IN (${ids})
      UNION SELECT o.id, o.parent_id FROM organisations o JOIN up ON o.id = up.parent_id
    ), down AS (
      SELECT id FROM up WHERE parent_id IS NULL
      UNION SELECT o.id FROM organisations o JOIN down d ON o.parent_id = d.id
    ) SELECT id FROM down)`;
}
