import { and, eq, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { memberships, users } from '../../platform/db/schema.js';
import { fundingGrantRevisions, fundingGrants, fundingOnwardGrants, fundingRemindersSent, fundingReports } from './funding.schema.js';

/** Records that a reminder was sent; false when it had been sent before (the job never repeats itself). */
export async function claimReminder(db: DbOrTx, key: string): Promise<boolean> {
  const rows = await db.insert(fundingRemindersSent).values({ key }).onConflictDoNothing().returning({ key: fundingRemindersSent.key });
  return rows.length === 1;
}

/**
 * Deadlines of the revision in force of every grant of every Kreis (the job runs without an actor, hence
 * "unsafe": callers must address reminders only to users of the grant's own Kreis).
 */
export async function unsafeGrantDeadlines(db: DbOrTx) {
  const result = await db.execute<{
    grant_id: string;
    title: string;
    organisation_id: string;
    report_due_date: string | null;
    calloff_dates: string[];
    last_year: number;
    final: boolean;
  }>(sql`
    SELECT DISTINCT ON (g.id) g.id AS grant_id, g.title, g.organisation_id, r.report_due_date::text AS report_due_date, r.calloff_dates,
      extract(year FROM r.approval_end)::int AS last_year,
      EXISTS (SELECT 1 FROM ${fundingReports} f WHERE f.grant_id = g.id AND f.budget_year = extract(year FROM r.approval_end)::int AND f.status = 'final') AS final
    FROM ${fundingGrants} g JOIN ${fundingGrantRevisions} r ON r.grant_id = g.id
    ORDER BY g.id, (r.status = 'approved') DESC, r.revision_no DESC`);
  return result.rows;
}

/** Pass-through agreements of every Kreis whose recipient's report is still missing. */
export async function unsafeOpenOnwardReports(db: DbOrTx, from: string, to: string) {
  return db
    .select({
      id: fundingOnwardGrants.id,
      grantId: fundingOnwardGrants.grantId,
      reportDueDate: fundingOnwardGrants.reportDueDate,
      organisationId: fundingGrants.organisationId,
    })
    .from(fundingOnwardGrants)
    .innerJoin(fundingGrants, eq(fundingGrants.id, fundingOnwardGrants.grantId))
    .where(
      and(
        sql`${fundingOnwardGrants.reportDueDate} BETWEEN ${from} AND ${to}`,
        sql`${fundingOnwardGrants.reportReceivedDate} IS NULL`,
        ne(fundingOnwardGrants.checkStatus, 'confirmed'),
      ),
    );
}

/** Active users with one of `roles` anywhere in the Kreis that `organisationId` belongs to. */
export async function usersWithRolesInTenantOf(db: DbOrTx, organisationId: string, roles: string[]) {
  const result = await db.execute<{ id: string; email: string }>(sql`
    WITH RECURSIVE up AS (
      SELECT id, parent_id FROM organisations WHERE id = ${organisationId}
      UNION SELECT o.id, o.parent_id FROM organisations o JOIN up ON o.id = up.parent_id
    ), down AS (
      SELECT id FROM up WHERE parent_id IS NULL
      UNION SELECT o.id FROM organisations o JOIN down d ON o.parent_id = d.id
    )
    SELECT DISTINCT u.id, u.email FROM ${users} u JOIN ${memberships} m ON m.user_id = u.id
    WHERE u.active AND m.organisation_id IN (SELECT id FROM down) AND m.role IN (${sql.join(
      roles.map((r) => sql`${r}`),
      sql`, `,
    )})`);
  return result.rows;
}
