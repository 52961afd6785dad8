import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';

export interface ThrottlePolicy {
  maxFailures: number;
  lockMinutes: number;
}

/** Seconds until the account or the address may try again; 0 when neither is locked. */
export async function lockedFor(db: DbOrTx, keys: string[]): Promise<number> {
  const result = await db.execute<{ seconds: number | null }>(sql`
    SELECT ceil(extract(epoch FROM max(locked_until) - now()))::int AS seconds
    FROM login_throttle WHERE key IN (${sql.join(keys.map((k) => sql`${k}`), sql`, `)}) AND locked_until > now()`);
  return Math.max(0, result.rows[0]?.seconds ?? 0);
}

/**
 * Counts a failed attempt for each key; the failure that reaches the limit locks the key for `lockMinutes`.
 * Counting windows last as long as a lock, so slow guessing is counted too.
 */
export async function recordFailure(db: DbOrTx, keys: string[], policy: ThrottlePolicy): Promise<void> {
  for (const key of keys) {
    await db.execute(sql`
      INSERT INTO login_throttle (key, failures, first_failure_at, locked_until)
      VALUES (${key}, 1, now(), CASE WHEN ${policy.maxFailures} <= 1 THEN now() + make_interval(mins => ${policy.lockMinutes}) END)
      ON CONFLICT (key) DO UPDATE SET
        failures = CASE WHEN login_throttle.first_failure_at < now() - make_interval(mins => ${policy.lockMinutes})
                          OR login_throttle.locked_until < now() THEN 1 ELSE login_throttle.failures + 1 END,
        first_failure_at = CASE WHEN login_throttle.first_failure_at < now() - make_interval(mins => ${policy.lockMinutes})
                          OR login_throttle.locked_until < now() THEN now() ELSE login_throttle.first_failure_at END,
        locked_until = CASE
          WHEN (CASE WHEN login_throttle.first_failure_at < now() - make_interval(mins => ${policy.lockMinutes})
                       OR login_throttle.locked_until < now() THEN 1 ELSE login_throttle.failures + 1 END) >= ${policy.maxFailures}
          THEN now() + make_interval(mins => ${policy.lockMinutes})
          ELSE NULL END`);
  }
}

export async function clearFailures(db: DbOrTx, keys: string[]): Promise<void> {
  await db.execute(sql`DELETE FROM login_throttle WHERE key IN (${sql.join(keys.map((k) => sql`${k}`), sql`, `)})`);
}
