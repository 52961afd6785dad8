import type pg from 'pg';

export interface ChainReport {
  ok: boolean;
  checked: number;
  firstBroken?: { seq: number; id: string; reason: string };
}

/**
 * Recomputes every row's hash and link in one pass, in chain order. Reports the first row whose stored hash does not
 * match its content, or whose `prev_hash` is not the hash of the row before it (a changed, removed or inserted row).
 */
export async function verifyAuditChain(client: pg.Pool | pg.Client | pg.PoolClient): Promise<ChainReport> {
  const { rows } = await client.query<{ checked: number; seq: number | null; id: string | null; reason: string | null }>(`
    WITH chain AS (
      SELECT a.seq, a.id, a.hash, a.prev_hash, audit_event_hash(a) AS computed,
             lag(a.hash) OVER (ORDER BY a.seq) AS expected_prev,
             row_number() OVER (ORDER BY a.seq) AS n
      FROM audit_events a
    ), broken AS (
      SELECT seq, id,
        CASE WHEN computed <> hash THEN 'Inhalt passt nicht zum gespeicherten Hash (content does not match its hash)'
             ELSE 'Verkettung unterbrochen: prev_hash passt nicht zur Vorgängerzeile (chain link broken)' END AS reason
      FROM chain
      WHERE computed <> hash OR prev_hash <> coalesce(expected_prev, '')
      ORDER BY seq LIMIT 1
    )
    SELECT (SELECT count(*) FROM audit_events)::int AS checked, b.seq, b.id::text, b.reason
    FROM (SELECT 1) one LEFT JOIN broken b ON true`);
  const row = rows[0]!;
  if (row.seq === null) return { ok: true, checked: row.checked };
  return { ok: false, checked: row.checked, firstBroken: { seq: Number(row.seq), id: row.id!, reason: row.reason! } };
}
