import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.js';
import type { DbOrTx, Tx } from '../../platform/db/client.js';
import { tenantOrganisations } from '../../platform/access/scope.js';

/** An activity figure for the Sachbericht, counted from another module's table when that table exists. */
export interface ActivitySpec {
  label: string;
  table: string;
  dateColumn: string;
  /** A fixed condition on columns of the table (only literal SQL written here, never user input). */
  where?: { columns: string[]; sql: string };
  source: string;
  /** Root programme codes whose Sachbericht shows the figure. */
  programmes: readonly string[];
}

export const ACTIVITY_SPECS: readonly ActivitySpec[] = [
  {
    label: 'Neu aufgenommene Fälle im Case Management',
    table: 'cases',
    dateColumn: 'opened_at',
    source: 'Fallbegleitung (KIM)',
    programmes: ['KIM', 'DURCHSTARTEN'],
  },
  {
    label: 'Beratungskontakte im Case Management',
    table: 'case_contacts',
    dateColumn: 'occurred_at',
    source: 'Fallbegleitung (KIM)',
    programmes: ['KIM', 'DURCHSTARTEN'],
  },
  {
    label: 'Gemeldete Systembarrieren',
    table: 'structural_barriers',
    dateColumn: 'created_at',
    source: 'Fallbegleitung (KIM)',
    programmes: ['KIM'],
  },
  {
    label: 'Durchgeführte Sprachmittlereinsätze',
    table: 'interpreter_assignments',
    dateColumn: 'starts_at',
    where: { columns: ['completed_at'], sql: 'completed_at IS NOT NULL' },
    source: 'Sprachmittlerpool',
    programmes: ['KI_GRUND'],
  },
  {
    label: 'Veröffentlichte Angebote im Integrationsverzeichnis',
    table: 'offers',
    dateColumn: 'created_at',
    where: { columns: ['status'], sql: "status = 'published'" },
    source: 'Angebotsverzeichnis',
    programmes: ['KI_GRUND', 'KOMM_AN', 'IFKUF', 'GLA', 'DURCHSTARTEN'],
  },
  {
    label: 'Fachveranstaltungen und Qualifizierungen',
    table: 'events',
    dateColumn: 'starts_at',
    source: 'Veranstaltungen',
    programmes: ['KI_GRUND', 'KIM', 'KOMM_AN', 'IFKUF', 'GLA'],
  },
  {
    label: 'Elterngruppen (Rucksack, Griffbereit)',
    table: 'parent_groups',
    dateColumn: 'starts_on',
    source: 'Elternprogramme (IfKuF)',
    programmes: ['IFKUF'],
  },
];

const IDENT = /^[a-z_][a-z0-9_]*$/;

/** Which of `columns` the table has; empty when the table does not exist (its module is not installed yet). */
async function existingColumns(db: DbOrTx, table: string, columns: string[]): Promise<Set<string>> {
  const result = await db.execute<{ column_name: string }>(sql`
    SELECT column_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = ${table} AND column_name IN (${sql.join(
      columns.map((c) => sql`${c}`),
      sql`, `,
    )})`);
  return new Set(result.rows.map((r) => r.column_name));
}

/**
 * Counts rows of the spec's table dated in `year`, limited to the actor's Kreis when the table has an
 * `organisation_id`. Returns null when the table or a column is missing; a failing count never aborts the request
 * (it runs in a savepoint).
 */
export async function countActivity(tx: Tx, actor: Actor, spec: ActivitySpec, year: number): Promise<number | null> {
  const needed = [spec.dateColumn, ...(spec.where?.columns ?? [])];
  if (![spec.table, ...needed].every((n) => IDENT.test(n))) return null;
  const present = await existingColumns(tx, spec.table, [...needed, 'organisation_id']);
  if (!needed.every((c) => present.has(c))) return null;
  const scope = present.has('organisation_id') ? sql` AND organisation_id IN ${tenantOrganisations(actor)}` : sql``;
  const where = spec.where ? sql` AND ${sql.raw(spec.where.sql)}` : sql``;
  try {
    return await tx.transaction(async (sp) => {
      const result = await sp.execute<{ n: number }>(sql`
        SELECT count(*)::int AS n FROM ${sql.identifier(spec.table)}
        WHERE ${sql.identifier(spec.dateColumn)} >= ${`${year}-01-01`}::date AND ${sql.identifier(spec.dateColumn)} < ${`${year + 1}-01-01`}::date${where}${scope}`);
      return result.rows[0]?.n ?? 0;
    });
  } catch {
    return null;
  }
}
