import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/harness.js';
import type { Database } from '../../platform/db/client.js';
import { makeKreis, makeUser } from '../../seed/factories.js';
import { DEMO_INTERPRETER_EMAIL, germanIban, seedInterpreterDemo } from './interpreters.seed.js';
import { isValidIban } from '@teilhabe/shared/interpreters/format';

let database: Database;
let drop: () => Promise<void>;
let userId: string;
let seconds: number;

beforeAll(async () => {
  ({ database, drop } = await createTestDatabase());
  const tree = await makeKreis(database.db);
  userId = (await makeUser(database.db, { email: DEMO_INTERPRETER_EMAIL, displayName: 'Samir Haddad', memberships: [{ organisationId: tree.orgs.sprachmittlerpool!.id, role: 'interpreter' }] })).id;
  const started = Date.now();
  await database.db.transaction(async (tx) => seedInterpreterDemo(tx, tree));
  seconds = (Date.now() - started) / 1000;
});
afterAll(() => drop());

const one = async <T>(sql: string, params: unknown[] = []) => (await database.pool.query(sql, params)).rows[0] as T;

describe('the interpreter pool demo data', () => {
  it('has about 80 interpreters over the languages in demand, the demo login linked to Samir Haddad', async () => {
    expect((await one<{ n: number }>('SELECT count(*)::int AS n FROM interpreters')).n).toBeGreaterThanOrEqual(78);
    const langs = (await database.pool.query('SELECT DISTINCT language_code FROM interpreter_languages')).rows.map((r) => r.language_code);
    expect(langs).toEqual(expect.arrayContaining(['ar', 'uk', 'ru', 'fa', 'ps', 'tr', 'ku', 'ti', 'so', 'ro', 'bg', 'sq']));
    expect(await one('SELECT first_name, last_name FROM interpreters WHERE user_id = $1', [userId])).toEqual({ first_name: 'Samir', last_name: 'Haddad' });
    const ibans = (await database.pool.query('SELECT iban FROM interpreters')).rows.map((r) => r.iban as string);
    expect(ibans.every(isValidIban)).toBe(true);
    expect(seconds).toBeLessThan(10);
  });

  it('has a year of requests with assignments, fees, cancellations and open work, but no future booking of the demo interpreter', async () => {
    const byStatus = Object.fromEntries((await database.pool.query('SELECT status, count(*)::int AS n FROM interpreter_requests GROUP BY status')).rows.map((r) => [r.status, r.n]));
    expect(byStatus.completed).toBeGreaterThan(400);
    expect(byStatus.cancelled).toBeGreaterThan(20);
    expect(byStatus.unfilled).toBeGreaterThan(10);
    expect(byStatus.open + byStatus.offered + byStatus.assigned).toBeGreaterThan(10);
    expect((await one<{ n: number }>(`SELECT count(*)::int AS n FROM interpreter_assignments WHERE late_cancellation AND payable AND total_cents > 0`)).n).toBeGreaterThan(0);
    expect((await one<{ n: number }>(`SELECT count(*)::int AS n FROM interpreter_assignments a JOIN interpreters i ON i.id = a.interpreter_id WHERE i.user_id = $1 AND a.starts_at > now()`, [userId])).n).toBe(0);
    expect((await one<{ n: number }>(`SELECT count(*)::int AS n FROM interpreter_offers o JOIN interpreters i ON i.id = o.interpreter_id WHERE i.user_id = $1 AND o.status = 'pending'`, [userId])).n).toBeGreaterThanOrEqual(0);
    // No interpreter is booked twice at the same time.
    const overlaps = await one<{ n: number }>(`SELECT count(*)::int AS n FROM interpreter_assignments a JOIN interpreter_assignments b ON a.interpreter_id = b.interpreter_id AND a.id < b.id
      AND a.status <> 'cancelled' AND b.status <> 'cancelled' AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at`);
    expect(overlaps.n).toBe(0);
  });

  it('writes valid German IBANs', () => {
    expect(germanIban('37040044', '532013000')).toBe('DE89370400440532013000');
  });
});
