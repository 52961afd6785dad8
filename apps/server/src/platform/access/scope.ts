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
