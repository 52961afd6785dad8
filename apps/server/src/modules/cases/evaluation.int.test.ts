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
  ['2024-02-15', '2025-07-10'],
  ['2025-06-30', '2026-03-01'],
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

  it('stay equal when cases, persons and goals change, move, merge or go (the monthly sums equal a rebuild)', async () => {
    const pool = t.database.pool;
    const { rows: some } = await pool.query<{ id: string; person_id: string }>(`SELECT id, person_id FROM cases ORDER BY id LIMIT 30`);
    const caseIds = some.map((c) => c.id);
    const personIds = some.map((c) => c.person_id);
    // Persons move, change sex, nationality and birth date (one onto an age-band limit, one to unknown).
    await pool.query(`UPDATE persons SET municipality_ags = '05382068', sex = 'diverse', nationalities = ARRAY['UA'] WHERE id = ANY($1::uuid[])`, [personIds.slice(0, 5)]);
    await pool.query(`UPDATE persons SET birth_date = date '2008-12-31', birth_date_precision = 'day' WHERE id = $1::uuid`, [personIds[5]]);
    await pool.query(`UPDATE persons SET birth_date_precision = 'unknown' WHERE id = $1::uuid`, [personIds[6]]);
    // Cases close mid-month, reopen, close before their opening, change organisation and referring body.
    await pool.query(`UPDATE cases SET closed_at = date '2025-04-17', closure_reason = 'moved', phase = 'closed' WHERE id = ANY($1::uuid[])`, [caseIds.slice(7, 12)]);
    await pool.query(`UPDATE cases SET closed_at = NULL, closure_reason = NULL, phase = 'monitoring' WHERE id = $1::uuid`, [caseIds[7]]);
    await pool.query(`UPDATE cases SET closed_at = opened_at - 40, closure_reason = 'other', phase = 'closed' WHERE id = $1::uuid`, [caseIds[12]]);
    await pool.query(`UPDATE cases SET organisation_id = $2::uuid, referring_body = 'schule' WHERE id = ANY($1::uuid[])`, [caseIds.slice(13, 16), t.tree.orgs.kimSiegburg!.id]);
    // Goals change status, appear and go.
    await pool.query(`UPDATE case_goals SET status = 'achieved' WHERE case_id = ANY($1::uuid[])`, [caseIds.slice(8, 11)]);
    await pool.query(`INSERT INTO case_goals (case_id, life_domain, title, status) SELECT id, 'work', 'Prüfziel', 'dropped' FROM unnest($1::uuid[]) id`, [caseIds.slice(9, 12)]);
    await pool.query(`DELETE FROM case_goals WHERE case_id = $1::uuid`, [caseIds[10]]);
    // A duplicate merge moves cases to another person; one case goes entirely.
    await pool.query(`UPDATE cases SET person_id = $2::uuid WHERE id = ANY($1::uuid[])`, [caseIds.slice(16, 19), personIds[20]]);
    await pool.query(`DELETE FROM case_goals WHERE case_id = $1::uuid`, [caseIds[25]]);
    await pool.query(`DELETE FROM case_contacts WHERE case_id = $1::uuid`, [caseIds[25]]);
    await pool.query(`DELETE FROM cases WHERE id = $1::uuid`, [caseIds[25]]);

    const drift = await pool.query(`
      WITH rebuilt AS (
        SELECT s.organisation_id, date_trunc('month', e.day)::date AS month, k.dim, k.key,
               count(*) FILTER (WHERE e.kind = 'opened')::int AS opened, count(*) FILTER (WHERE e.kind = 'closed')::int AS closed
        FROM case_evaluation_source s
        CROSS JOIN LATERAL (VALUES ('opened', s.opened_at), ('closed', s.closed_at)) e(kind, day)
        CROSS JOIN LATERAL case_evaluation_keys(s.municipality_ags, s.sex, s.nationality, s.status_code, s.referring_body,
                                                s.closure_reason, s.birth_date, s.goal_statuses) k
        WHERE e.day IS NOT NULL
        GROUP BY 1, 2, 3, 4)
      SELECT * FROM (SELECT * FROM rebuilt EXCEPT SELECT * FROM case_evaluation_monthly WHERE opened <> 0 OR closed <> 0) a
      UNION ALL
      SELECT * FROM (SELECT * FROM case_evaluation_monthly WHERE opened <> 0 OR closed <> 0 EXCEPT SELECT * FROM rebuilt) b`);
    expect(drift.rows).toEqual([]);
    const multi = await pool.query(`
      SELECT f.case_id FROM case_evaluation_facts f
      WHERE f.multi <> ((SELECT count(*) FROM cases c WHERE c.person_id = f.person_id) > 1)`);
    expect(multi.rows).toEqual([]);
    await expectSameFigures(actorOf(t.tree.orgs.kimKreis!.id, 'coordinator'), PERIODS);
    await expectSameFigures(actorOf(t.tree.orgs.kimSiegburg!.id, 'case_manager'), PERIODS);
  });
});
