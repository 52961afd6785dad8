import { sql, type SQL } from 'drizzle-orm';
import type { AuditQuery } from '@teilhabe/shared';
import type { DbOrTx } from '../../platform/db/client.js';

export interface AuditRow {
  seq: number;
  id: string;
  occurredAt: Date;
  actorId: string | null;
  actorEmail: string | null;
  actorRole: string | null;
  organisationId: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  outcome: 'success' | 'denied' | 'failure';
  requestId: string | null;
  details: Record<string, unknown>;
}

function where(q: Omit<AuditQuery, 'limit' | 'offset'>): SQL {
  const parts: SQL[] = [sql`true`];
  if (q.actorId) parts.push(sql`a.actor_id = ${q.actorId}`);
  if (q.action) parts.push(sql`a.action LIKE ${q.action.replaceAll('_', '\\_') + '%'}`);
  if (q.subjectType) parts.push(sql`a.subject_type = ${q.subjectType}`);
  if (q.subjectId) parts.push(sql`a.subject_id = ${q.subjectId}`);
  if (q.from) parts.push(sql`a.occurred_at >= ${q.from}::timestamptz`);
  if (q.to) parts.push(sql`a.occurred_at <= ${q.to}::timestamptz`);
  return sql.join(parts, sql` AND `);
}

const columns = sql`a.seq, a.id, a.occurred_at AS "occurredAt", a.actor_id AS "actorId", u.email AS "actorEmail", a.actor_role AS "actorRole",
  a.organisation_id AS "organisationId", a.action, a.subject_type AS "subjectType", a.subject_id AS "subjectId", a.outcome,
  a.request_id AS "requestId", a.details`;

export async function queryAudit(db: DbOrTx, q: AuditQuery) {
  const filter = where(q);
  const [rows, count] = await Promise.all([
    db.execute(sql`SELECT ${columns} FROM audit_events a LEFT JOIN users u ON u.id = a.actor_id
                   WHERE ${filter} ORDER BY a.seq DESC LIMIT ${q.limit} OFFSET ${q.offset}`),
    db.execute<{ total: number }>(sql`SELECT count(*)::int AS total FROM audit_events a WHERE ${filter}`),
  ]);
  return { items: rows.rows as unknown as AuditRow[], total: count.rows[0]?.total ?? 0 };
}

/** Streams in pages so a large export never holds the whole log in memory at once. */
export async function* exportAudit(db: DbOrTx, q: Omit<AuditQuery, 'limit' | 'offset'>, pageSize = 5000) {
  const filter = where(q);
  let before = Number.MAX_SAFE_INTEGER;
  for (;;) {
    const rows = (
      await db.execute(sql`SELECT ${columns} FROM audit_events a LEFT JOIN users u ON u.id = a.actor_id
                           WHERE ${filter} AND a.seq < ${before} ORDER BY a.seq DESC LIMIT ${pageSize}`)
    ).rows as unknown as AuditRow[];
    if (!rows.length) return;
    yield rows;
    before = rows[rows.length - 1]!.seq;
  }
}
