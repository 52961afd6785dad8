import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { evaluationOrganisations } from './case-scope.repository.js';

export type CaseFigureRow = {
  dim: string;
  key: string | null;
  n: number;
};

/** The first day of the month of an ISO date, and ISO dates shifted by days (UTC, no time zones involved). */
const monthStart = (iso: string) => `${iso.slice(0, 7)}-01`;
const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const AGE_LIMITS = [18, 27, 45, 65] as const;
export const AGE_BANDS = ['unter 18', '18–26', '27–44', '45–64', '65 und älter'] as const;

/** The age band on `to` of everyone born in `year`, for a year that holds none of the band limits. */
function ageBandOfYear(year: number, to: string): string {
  const index = AGE_LIMITS.findIndex((limit) => year > Number(yearsBefore(to, limit).slice(0, 4)));
  return AGE_BANDS[index === -1 ? AGE_BANDS.length - 1 : index]!;
}

type SumRow = { dim: string; key: string; o_to: number; c_to: number; o_from: number; c_from: number };

/**
 * Case figures of a period by every dimension, read from the monthly sums that triggers keep in step with the cases
 * (migration 0015): the cases active in [from, to] are those opened up to `to` minus those closed before `from`.
 * Facts are read only where months cannot answer: the days of a partial month at either edge, the birth years that hold
 * an age-band limit, persons whose current residence status starts after `to`, and persons with several cases (distinct
 * persons). Same answers as the plain recount `caseFiguresSql`, which the tests and `bench:evaluation --compare` check.
 */
export async function caseFigures(db: DbOrTx, actor: Actor, from: string, to: string): Promise<CaseFigureRow[]> {
  const orgRows = await db.execute<{ ids: string[] | null }>(
    sql`SELECT array_agg(o.id) AS ids FROM ${evaluationOrganisations(actor)} o(id)`,
  );
  const orgs = `{${(orgRows.rows[0]?.ids ?? []).join(',')}}`;
  const toFull = monthStart(addDays(to, 1)); // months before this one end on or before `to`
  const fromFull = monthStart(from); // months before this one end before `from`
  const beforeFrom = addDays(from, -1);
  const sums = await db.execute<SumRow>(sql`
    SELECT dim, key, coalesce(sum(o_to), 0)::int AS o_to, coalesce(sum(c_to), 0)::int AS c_to,
           coalesce(sum(o_from), 0)::int AS o_from, coalesce(sum(c_from), 0)::int AS c_from
    FROM (
      SELECT dim, key,
             sum(opened) FILTER (WHERE month < ${toFull}::date) AS o_to, sum(closed) FILTER (WHERE month < ${toFull}::date) AS c_to,
             sum(opened) FILTER (WHERE month < ${fromFull}::date) AS o_from, sum(closed) FILTER (WHERE month < ${fromFull}::date) AS c_from
      FROM case_evaluation_monthly
      WHERE organisation_id = ANY (${orgs}::uuid[]) AND month < ${toFull}::date
      GROUP BY dim, key
      UNION ALL
      SELECT k.dim, k.key,
             count(*) FILTER (WHERE f.opened_at BETWEEN ${toFull}::date AND ${to}::date),
             count(*) FILTER (WHERE f.closed_at BETWEEN ${toFull}::date AND ${to}::date),
             count(*) FILTER (WHERE f.opened_at BETWEEN ${fromFull}::date AND ${beforeFrom}::date),
             count(*) FILTER (WHERE f.closed_at BETWEEN ${fromFull}::date AND ${beforeFrom}::date)
      FROM case_evaluation_facts f
      CROSS JOIN LATERAL case_evaluation_keys(f.municipality_ags, f.sex, f.nationality, f.status_code, f.referring_body,
                                              f.closure_reason, f.birth_date, f.goal_statuses) k
      WHERE f.organisation_id = ANY (${orgs}::uuid[])
        AND (f.opened_at BETWEEN ${toFull}::date AND ${to}::date OR f.closed_at BETWEEN ${toFull}::date AND ${to}::date
             OR f.opened_at BETWEEN ${fromFull}::date AND ${beforeFrom}::date OR f.closed_at BETWEEN ${fromFull}::date AND ${beforeFrom}::date)
      GROUP BY 1, 2
    ) x
    GROUP BY dim, key`);

  // Birth years holding an age-band limit are counted exactly from the facts.
  const limitYears = AGE_LIMITS.map((limit) => Number(yearsBefore(to, limit).slice(0, 4)));
  const yearRanges = sql.join(
    limitYears.map((y) => sql`f.birth_date BETWEEN ${`${y}-01-01`}::date AND ${`${y}-12-31`}::date`),
    sql` OR `,
  );
  const active = sql`f.organisation_id = ANY (${orgs}::uuid[]) AND f.opened_at <= ${to}::date AND (f.closed_at IS NULL OR f.closed_at >= ${from}::date)`;
  const corrections = await db.execute<CaseFigureRow>(sql`
    SELECT 'age' AS dim, ${ageBandSql(sql`f.birth_date`, to)} AS key, count(*)::int AS n
    FROM case_evaluation_facts f WHERE (${yearRanges}) AND ${active}
    GROUP BY 2
    UNION ALL
    -- The current residence status starts after the period: count the case under the status valid on \`to\`.
    SELECT 'status', x.key, sum(x.n)::int
    FROM (
      SELECT f.status_code AS current_code,
             (SELECT s.status_code FROM person_residence_statuses s
              WHERE s.person_id = f.person_id AND (s.valid_from IS NULL OR s.valid_from <= ${to}::date)
              ORDER BY s.valid_from DESC NULLS LAST, s.created_at DESC LIMIT 1) AS code_on_to
      FROM case_evaluation_facts f WHERE f.status_valid_from > ${to}::date AND ${active}
    ) c
    CROSS JOIN LATERAL (VALUES (c.current_code, -1), (c.code_on_to, 1)) x(key, n)
    GROUP BY x.key
    UNION ALL
    -- Surplus cases of persons with several cases active in the period (persons = cases - surplus).
    SELECT 'surplus', NULL, (count(*) - count(DISTINCT f.person_id))::int
    FROM case_evaluation_facts f WHERE f.multi AND ${active}`);

  const byDim = new Map<string, Map<string | null, number>>();
  const add = (dim: string, key: string | null, n: number) => {
    const m = byDim.get(dim) ?? new Map<string | null, number>();
    m.set(key, (m.get(key) ?? 0) + n);
    byDim.set(dim, m);
  };
  let total = { new: 0, ongoing: 0, closed: 0, active: 0 };
  for (const r of sums.rows) {
    const key = r.key === '' ? null : r.key;
    const activeN = r.o_to - r.c_from;
    if (r.dim === 'all') {
      const closed = r.c_to - r.c_from;
      total = { new: r.o_to - r.o_from, closed, active: activeN, ongoing: activeN - closed };
    } else if (r.dim === 'goal') add('goal', key, r.c_to - r.c_from);
    else if (r.dim === 'birth_year') {
      if (key === null) add('age', 'unbekannt', activeN);
      else if (!limitYears.includes(Number(key))) add('age', ageBandOfYear(Number(key), to), activeN);
    } else add(r.dim, key, activeN);
  }
  let surplus = 0;
  for (const r of corrections.rows) {
    if (r.dim === 'surplus') surplus = r.n;
    else add(r.dim, r.key, r.n);
  }
  const rows: CaseFigureRow[] = [
    { dim: 'total', key: 'new', n: total.new },
    { dim: 'total', key: 'ongoing', n: total.ongoing },
    { dim: 'total', key: 'closed', n: total.closed },
    { dim: 'total', key: 'persons', n: total.active - surplus },
  ];
  for (const [dim, counts] of byDim) for (const [key, n] of counts) if (n !== 0) rows.push({ dim, key, n });
  return rows;
}

/** The age band on `to` of a birth date column (NULL = unknown). */
function ageBandSql(birthDate: SQL, to: string): SQL {
  const limits = AGE_LIMITS.map((limit, i) => sql`WHEN ${birthDate} > ${yearsBefore(to, limit)}::date THEN ${AGE_BANDS[i]}`);
  return sql`CASE WHEN ${birthDate} IS NULL THEN 'unbekannt' ${sql.join(limits, sql` `)} ELSE ${AGE_BANDS[AGE_BANDS.length - 1]} END`;
}

/** The date `years` before `iso`: born after it means younger than `years` on `iso` (age bands by plain comparison). */
function yearsBefore(iso: string, years: number): string {
  return `${Number(iso.slice(0, 4)) - years}${iso.slice(4)}`.replace(/-02-29$/, '-02-28');
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
      SELECT c.id, c.person_id, c.opened_at, c.referring_body, c.closure_reason, c.clearing_outcome,
             -- A case closed on a date before its opening counts as closed on its opening day.
             CASE WHEN c.closed_at < c.opened_at THEN c.opened_at ELSE c.closed_at END AS closed_at,
             p.municipality_ags, p.sex, p.nationalities[1] AS nationality,
             ${ageBandSql(sql`CASE WHEN p.birth_date_precision = 'unknown' THEN NULL ELSE p.birth_date END`, to)} AS age_band,
             rs.status_code
      FROM cases c
      JOIN persons p ON p.id = c.person_id
      LEFT JOIN (
        SELECT DISTINCT ON (s.person_id) s.person_id, s.status_code FROM person_residence_statuses s
        WHERE s.valid_from IS NULL OR s.valid_from <= ${to}::date
        ORDER BY s.person_id, s.valid_from DESC NULLS LAST, s.created_at DESC) rs ON rs.person_id = p.id
      WHERE c.organisation_id IN ${evaluationOrganisations(actor)}
        AND c.opened_at <= ${to}::date AND (c.closed_at IS NULL OR greatest(c.closed_at, c.opened_at) >= ${from}::date)
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
    GROUP BY GROUPING SETS ((municipality_ags), (age_band), (sex), (nationality), (status_code), (referring_body), (closure_reason))
    UNION ALL
    SELECT 'goal', g.status, count(*)::int
    FROM case_goals g JOIN sc ON sc.id = g.case_id
    WHERE sc.closed_at BETWEEN ${from}::date AND ${to}::date
    GROUP BY g.status`;
}

/** Contacts of the period by mode, interpreter and Lebensbereich (daily counts kept by triggers, migration 0011). */
export async function activityFigures(db: DbOrTx, actor: Actor, from: string, to: string): Promise<CaseFigureRow[]> {
  const result = await db.execute<CaseFigureRow>(sql`
    SELECT d.dim, d.key, sum(d.n)::int AS n
    FROM case_contact_daily d
    WHERE d.day BETWEEN ${from}::date AND ${to}::date AND d.organisation_id IN ${evaluationOrganisations(actor)}
    GROUP BY d.dim, d.key
    HAVING sum(d.n) <> 0`);
  return result.rows;
}
