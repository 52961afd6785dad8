import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.js';
import { organisationSubtree } from '../../platform/access/scope.js';

/**
 * Record scope of case data, ANDed into every query that reads cases, persons or anything hanging off them
 * (DESIGN §2.3): out of scope means "not found". `alias` is the SQL alias of the cases / persons row in the query.
 *
 * - case_manager and lead: cases owned by their organisations and everything below them in the tree;
 * - anyone: cases they manage or deputise for, wherever they sit;
 * - anyone: the one case of an active break-glass session (read-only; writes check `caseWriteScope`).
 * Roles without `cases.read` (coordination, Kreis, partners) get nothing here: they see aggregates or consented extracts.
 */
export function caseScope(actor: Actor, alias = 'cases'): SQL {
  if (!actor.permissions.has('cases.read')) return sql`false`;
  const c = sql.raw(`"${alias}"`);
  return sql`(${c}.organisation_id IN ${organisationSubtree(actor)}
    OR ${c}.case_manager_id = ${actor.userId}::uuid
    OR EXISTS (SELECT 1 FROM case_team ct WHERE ct.case_id = ${c}.id AND ct.user_id = ${actor.userId}::uuid)
    OR EXISTS (SELECT 1 FROM break_glass_sessions bg WHERE bg.case_id = ${c}.id AND bg.user_id = ${actor.userId}::uuid
               AND bg.ended_at IS NULL AND bg.expires_at > now()))`;
}

/** Cases the actor may change: like `caseScope`, but never through break-glass and only with `cases.write`. */
export function caseWriteScope(actor: Actor, alias = 'cases'): SQL {
  if (!actor.permissions.has('cases.write')) return sql`false`;
  const c = sql.raw(`"${alias}"`);
  return sql`(${c}.organisation_id IN ${organisationSubtree(actor)}
    OR ${c}.case_manager_id = ${actor.userId}::uuid
    OR EXISTS (SELECT 1 FROM case_team ct WHERE ct.case_id = ${c}.id AND ct.user_id = ${actor.userId}::uuid))`;
}

/** Persons in scope: registered with one of the actor's organisations (subtree), or with a case in scope. */
export function personScope(actor: Actor, alias = 'persons'): SQL {
  if (!actor.permissions.has('persons.read')) return sql`false`;
  const p = sql.raw(`"${alias}"`);
  return sql`(${p}.organisation_id IN ${organisationSubtree(actor)}
    OR EXISTS (SELECT 1 FROM cases sc WHERE sc.person_id = ${p}.id AND ${caseScope(actor, 'sc')}))`;
}

/** Persons the actor may change: registered in their subtree or with a case they may change. */
export function personWriteScope(actor: Actor, alias = 'persons'): SQL {
  if (!actor.permissions.has('persons.write')) return sql`false`;
  const p = sql.raw(`"${alias}"`);
  return sql`(${p}.organisation_id IN ${organisationSubtree(actor)}
    OR EXISTS (SELECT 1 FROM cases sw WHERE sw.person_id = ${p}.id AND ${caseWriteScope(actor, 'sw')}))`;
}

/**
 * Organisations whose cases count in the actor's aggregated figures: for coordination and KI-Leitung the whole Kreis
 * (the root above their organisation), for case managers their own subtree. Aggregates only: never record-level.
 */
export function evaluationOrganisations(actor: Actor): SQL {
  if (actor.organisationIds.length === 0) return sql`(SELECT NULL::uuid WHERE false)`;
  if (!actor.roles.some((r) => r === 'coordinator' || r === 'lead')) return organisationSubtree(actor);
  const ids = sql.join(actor.organisationIds.map((id) => sql`${id}::uuid`), sql`, `);
  return sql`(
    WITH RECURSIVE up AS (
      SELECT id, parent_id FROM organisations WHERE id IN (${ids})
      UNION SELECT o.id, o.parent_id FROM organisations o JOIN up ON o.id = up.parent_id
    ), down AS (
      SELECT id FROM up WHERE parent_id IS NULL
      UNION SELECT o.id FROM organisations o JOIN down d ON o.parent_id = d.id
    ) SELECT id FROM down)`;
}

/** Normal read scope without break-glass: does the actor already reach the case? */
export function caseScopeWithoutBreakGlass(actor: Actor, alias = 'cases'): SQL {
  if (!actor.permissions.has('cases.read')) return sql`false`;
  const c = sql.raw(`"${alias}"`);
  return sql`(${c}.organisation_id IN ${organisationSubtree(actor)}
    OR ${c}.case_manager_id = ${actor.userId}::uuid
    OR EXISTS (SELECT 1 FROM case_team ct WHERE ct.case_id = ${c}.id AND ct.user_id = ${actor.userId}::uuid))`;
}
