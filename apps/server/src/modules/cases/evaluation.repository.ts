import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { evaluationOrganisations } from './case-scope.repository.js';

export type CaseFigureRow = {
  dim: string;
  key: string | null;
  n: number;
};

/**
 * Case figures of a period by every dimension at once: one pass over the active cases with their persons (hashed
 * GROUPING SETS, one count each) and one pass over the cases alone for the totals and distinct persons. Only counts leave the
 * database; the service suppresses small cells. Same answers as the plain recount `caseFiguresSql`.
 */
export async function caseFigures(db: DbOrTx, actor: Actor, from: string, to: string): Promise<CaseFigureRow[]> {
  // The hash tables of the grouping sets and the residence-status sort fit in memory instead of spilling to disk.
  await db.execute(sql`SELECT set_config('work_mem', '64MB', true)`);
  const result = await db.execute<CaseFigureRow & { new_cases: number; ongoing: number; closed: number }>(
    caseFiguresFastSql(actor, from, to),
  );
  const rows: CaseFigureRow[] = [];
  for (const r of result.rows) {
    if (r.dim === 'total') {
      rows.push(
        { dim: 'total', key: 'new', n: r.new_cases },
        { dim: 'total', key: 'ongoing', n: r.ongoing },
        { dim: 'total', key: 'closed', n: r.closed },
        { dim: 'total', key: 'persons', n: r.n },
      );
    } else rows.push({ dim: r.dim, key: r.key, n: r.n });
  }
  return rows;
}

export function caseFiguresFastSql(actor: Actor, from: string, to: string) {
  return sql`
    SELECT CASE
             WHEN GROUPING(municipality_ags) = 0 THEN 'gemeinde'
             WHEN GROUPING(age_band) = 0 THEN 'age'
             WHEN GROUPING(sex) = 0 THEN 'sex'
             WHEN GROUPING(nationality) = 0 THEN 'nationality'
             WHEN GROUPING(status_code) = 0 THEN 'status'
             WHEN GROUPING(referring_body) = 0 THEN 'referring'
             ELSE 'closure' END AS dim,
           coalesce(municipality_ags, age_band, sex, nationality, status_code, referring_body, closure_reason) AS key,
           count(*)::int AS n, 0 AS new_cases, 0 AS ongoing, 0 AS closed
    FROM (${activeCases(actor, from, to)}) sc
    GROUP BY GROUPING SETS ((municipality_ags), (age_band), (sex), (nationality), (status_code), (referring_body), (closure_reason))
    UNION ALL
    SELECT 'total', NULL, count(DISTINCT c.person_id)::int,
           count(*) FILTER (WHERE c.opened_at >= ${from}::date)::int,
           count(*) FILTER (WHERE c.closed_at IS NULL OR c.closed_at > ${to}::date)::int,
           count(*) FILTER (WHERE c.closed_at <= ${to}::date)::int
    FROM cases c
    WHERE c.organisation_id IN ${evaluationOrganisations(actor)}
      AND c.opened_at <= ${to}::date AND (c.closed_at IS NULL OR c.closed_at >= ${from}::date)`;
}

/** The date `years` before `iso`: born after it means younger than `years` on `iso` (age bands by plain comparison). */
function yearsBefore(iso: string, years: number): string {
  return `${Number(iso.slice(0, 4)) - years}${iso.slice(4)}`.replace(/-02-29$/, '-02-28');
}

/** The cases active in the period with the attributes of their person (age on `to`, residence status valid on `to`). */
function activeCases(actor: Actor, from: string, to: string) {
  return sql`
      SELECT c.person_id, c.opened_at, c.closed_at, c.referring_body, c.closure_reason,
             p.municipality_ags, p.sex, p.nationalities[1] AS nationality,
             CASE WHEN p.birth_date IS NULL OR p.birth_date_precision = 'unknown' THEN 'unbekannt'
                  WHEN p.birth_date > ${yearsBefore(to, 18)}::date THEN 'unter 18'
                  WHEN p.birth_date > ${yearsBefore(to, 27)}::date THEN '18–26'
                  WHEN p.birth_date > ${yearsBefore(to, 45)}::date THEN '27–44'
                  WHEN p.birth_date > ${yearsBefore(to, 65)}::date THEN '45–64'
                  ELSE '65 und älter' END AS age_band,
             CASE WHEN cs.valid_from IS NULL OR cs.valid_from <= ${to}::date THEN cs.status_code
                  ELSE (SELECT s.status_code FROM person_residence_statuses s
                        WHERE s.person_id = c.person_id AND (s.valid_from IS NULL OR s.valid_from <= ${to}::date)
                        ORDER BY s.valid_from DESC NULLS LAST, s.created_at DESC LIMIT 1) END AS status_code
      FROM cases c
      JOIN persons p ON p.id = c.person_id
      -- The current status (kept by trigger) is the one valid at the end of the period unless it starts later.
      LEFT JOIN person_current_residence_status cs ON cs.person_id = c.person_id
      WHERE c.organisation_id IN ${evaluationOrganisations(actor)}
        AND c.opened_at <= ${to}::date AND (c.closed_at IS NULL OR c.closed_at >= ${from}::date)`;
}

/**
 * The plain recount of the case figures (a materialised CTE scanned twice, DISTINCT persons inline): the reference
 * the fast `caseFigures` is tested against.
 */
export async function caseFiguresRecount(db: DbOrTx, actor: Actor, from: string, to: string): Promise<CaseFigureRow[]> {
  return (await db.execute<CaseFigureRow>(caseFiguresSql(actor, from, to))).rows;
}

export function caseFiguresSql(actor: Actor, from: string, to: string) {
  return sql`
    WITH sc AS (
      SELECT c.id, c.person_id, c.opened_at, c.closed_at, c.referring_body, c.closure_reason, c.clearing_outcome,
             p.municipality_ags, p.sex, p.nationalities[1] AS nationality,
             CASE WHEN p.birth_date IS NULL OR p.birth_date_precision = 'unknown' THEN 'unbekannt'
                  WHEN p.birth_date > ${yearsBefore(to, 18)}::date THEN 'unter 18'
                  WHEN p.birth_date > ${yearsBefore(to, 27)}::date THEN '18–26'
                  WHEN p.birth_date > ${yearsBefore(to, 45)}::date THEN '27–44'
                  WHEN p.birth_date > ${yearsBefore(to, 65)}::date THEN '45–64'
                  ELSE '65 und älter' END AS age_band,
             rs.status_code
      FROM cases c
      JOIN persons p ON p.id = c.person_id
      LEFT JOIN (
        SELECT DISTINCT ON (s.person_id) s.person_id, s.status_code FROM person_residence_statuses s
        WHERE s.valid_from IS NULL OR s.valid_from <= ${to}::date
        ORDER BY s.person_id, s.valid_from DESC NULLS LAST, s.created_at DESC) rs ON rs.person_id = p.id
      WHERE c.organisation_id IN ${evaluationOrganisations(actor)}
        AND c.opened_at <= ${to}::date AND (c.closed_at IS NULL OR c.closed_at >= ${from}::date)
    )
    SELECT 'total' AS dim, k AS key, n::int AS n FROM (
      SELECT count(*) FILTER (WHERE opened_at >= ${from}::date) AS new_cases,
             count(*) FILTER (WHERE closed_at IS NULL OR closed_at > ${to}::date) AS ongoing,
             count(*) FILTER (WHERE closed_at <= ${to}::date) AS closed,
             count(DISTINCT person_id) AS persons
      FROM sc) t
    CROSS JOIN LATERAL (VALUES ('new', t.new_cases), ('ongoing', t.ongoing), ('closed', t.closed), ('persons', t.persons)) v(k, n)
    UNION ALL
    SELECT CASE
             WHEN GROUPING(municipality_ags) = 0 THEN 'gemeinde'
             WHEN GROUPING(age_band) = 0 THEN 'age'
             WHEN GROUPING(sex) = 0 THEN 'sex'
             WHEN GROUPING(nationality) = 0 THEN 'nationality'
             WHEN GROUPING(status_code) = 0 THEN 'status'
             WHEN GROUPING(referring_body) = 0 THEN 'referring'
             ELSE 'closure' END AS dim,
           coalesce(municipality_ags, age_band, sex, nationality, status_code, referring_body, closure_reason) AS key,
           count(*)::int AS n
    FROM sc
    GROUP BY GROUPING SETS ((municipality_ags), (age_band), (sex), (nationality), (status_code), (referring_body), (closure_reason))`;
}

/** Contacts of the period by mode, interpreter and Lebensbereich (daily counts), goal attainment of cases closed in it. */
export async function activityFigures(db: DbOrTx, actor: Actor, from: string, to: string): Promise<CaseFigureRow[]> {
  const result = await db.execute<CaseFigureRow>(sql`
    SELECT d.dim, d.key, sum(d.n)::int AS n
    FROM case_contact_daily d
    WHERE d.day BETWEEN ${from}::date AND ${to}::date AND d.organisation_id IN ${evaluationOrganisations(actor)}
    GROUP BY d.dim, d.key
    HAVING sum(d.n) <> 0
    UNION ALL
    SELECT 'goal', g.status, count(*)::int
    FROM case_goals g JOIN cases c ON c.id = g.case_id
    WHERE c.closed_at BETWEEN ${from}::date AND ${to}::date AND c.organisation_id IN ${evaluationOrganisations(actor)}
    GROUP BY g.status`);
  return result.rows;
}
