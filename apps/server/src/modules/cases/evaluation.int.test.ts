import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { buildActor, type Actor } from '../../platform/access/actor.js';
import { caseFigures, caseFiguresRecount, type CaseFigureRow } from './evaluation.repository.js';
import { seedKimDemo } from './kim.seed.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await t.database.db.transaction(async (tx) => seedKimDemo(tx as unknown as typeof t.database.db, t.tree));
}, 180_000);
afterAll(() => t.close());

const actorOf = (organisationId: string, role: 'coordinator' | 'case_manager'): Actor =>
  buildActor({
    userId: '00000000-0000-4000-8000-000000000001',
    email: 'pruefung@teilhabe.example',
    displayName: 'Prüfung',
    locale: 'de',
    memberships: [{ organisationId, organisationName: 'Prüfung', role }],
    sessionId: 'test',
    sessionHash: 'test',
    totpEnabled: false,
    totpSetupRequired: false,
    authenticatedAt: new Date(),
  });

const sorted = (rows: CaseFigureRow[]) => rows.map((r) => `${r.dim}|${r.key ?? ''}|${r.n}`).sort();

async function expectSameFigures(actor: Actor, periods: [string, string][]) {
  for (const [from, to] of periods) {
    const [fast, recount] = await t.database.db.transaction(async (tx) => [
      await caseFigures(tx, actor, from, to),
      await caseFiguresRecount(tx, actor, from, to),
    ]);
    expect(sorted(fast), `${from} – ${to}`).toEqual(sorted(recount));
  }
}

const PERIODS: [string, string][] = [
  ['2020-01-01', '2030-12-31'],
  ['2024-01-01', '2024-12-31'],
  ['2025-03-01', '2025-04-30'],
  ['2026-01-01', '2026-12-31'],
  ['2026-11-21', '2026-11-21'],
];

describe('evaluation case figures', () => {
  it('equal a plain recount on the demo data, for the Kreis coordination and for one team', async () => {
    const coordination = actorOf(t.tree.orgs.kimKreis!.id, 'coordinator');
    const team = actorOf(t.tree.orgs.kimTroisdorf!.id, 'case_manager');
    const { rows } = await t.database.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases`);
    expect(rows[0]!.n).toBeGreaterThan(50);
    await expectSameFigures(coordination, PERIODS);
    await expectSameFigures(team, PERIODS);
  });

  it('stay equal when residence statuses change, start in the future or are removed', async () => {
    const pool = t.database.pool;
    const { rows: persons } = await pool.query<{ id: string }>(`SELECT id FROM persons ORDER BY id LIMIT 40`);
    const ids = persons.map((p) => p.id);
    // A later status for some, a status that starts only after the periods for others, one without a start date.
    await pool.query(`INSERT INTO person_residence_statuses (person_id, status_code, valid_from)
      SELECT id, 'niederlassungserlaubnis', date '2025-06-01' FROM unnest($1::uuid[]) WITH ORDINALITY u(id, i) WHERE i % 3 = 0`, [ids]);
    await pool.query(`INSERT INTO person_residence_statuses (person_id, status_code, valid_from)
      SELECT id, 'deutsch', date '2031-01-01' FROM unnest($1::uuid[]) WITH ORDINALITY u(id, i) WHERE i % 3 = 1`, [ids]);
    await pool.query(`INSERT INTO person_residence_statuses (person_id, status_code, valid_from)
      SELECT id, 'duldung', NULL FROM unnest($1::uuid[]) WITH ORDINALITY u(id, i) WHERE i % 3 = 2`, [ids]);
    await pool.query(`UPDATE person_residence_statuses SET valid_from = date '2024-06-30' WHERE status_code = 'niederlassungserlaubnis' AND person_id = ANY($1::uuid[])`, [ids]);
    await pool.query(`DELETE FROM person_residence_statuses WHERE person_id = ANY($1::uuid[]) AND status_code = 'duldung' AND valid_from IS NULL`, [ids.slice(0, 20)]);
    const { rows: current } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM person_current_residence_status c
       WHERE c.status_code IS DISTINCT FROM (SELECT s.status_code FROM person_residence_statuses s WHERE s.person_id = c.person_id
                                             ORDER BY s.valid_from DESC NULLS LAST, s.created_at DESC LIMIT 1)`,
    );
    expect(current[0]!.n).toBe(0);
    await expectSameFigures(actorOf(t.tree.orgs.kimKreis!.id, 'coordinator'), PERIODS);
  });
});
