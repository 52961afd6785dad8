import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_PHASES } from '@teilhabe/shared';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { seedKimDemo } from './kim.seed.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await t.database.db.transaction(async (tx) => seedKimDemo(tx as unknown as typeof t.database.db, t.tree));
}, 180_000);
afterAll(() => t.close());

describe('KIM demo data', () => {
  it('has about 300 persons with names in Arabic, Persian and Cyrillic script besides Latin', async () => {
    const { rows } = await t.database.pool.query<{ n: number; arab: number; cyrl: number; persian: number }>(`
      SELECT count(*)::int AS n,
             count(*) FILTER (WHERE native_script = 'Arab')::int AS arab,
             count(*) FILTER (WHERE native_script = 'Cyrl')::int AS cyrl,
             count(*) FILTER (WHERE native_family_name ~ '[پچژگکی]')::int AS persian
      FROM persons`);
    expect(rows[0]!.n).toBe(300);
    expect(rows[0]!.arab).toBeGreaterThan(60);
    expect(rows[0]!.cyrl).toBeGreaterThan(30);
    expect(rows[0]!.persian).toBeGreaterThan(20);
  });

  it('has cases in every phase, with contacts, goals, consents and referrals', async () => {
    const { rows } = await t.database.pool.query<{ phase: string; n: number }>(`SELECT phase, count(*)::int AS n FROM cases GROUP BY phase`);
    for (const phase of CASE_PHASES) expect(rows.find((r) => r.phase === phase)?.n ?? 0, phase).toBeGreaterThanOrEqual(5);
    for (const table of ['case_contacts', 'case_goals', 'case_assessments', 'case_tasks', 'consents', 'referrals']) {
      const { rows: c } = await t.database.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
      expect(c[0]!.n, table).toBeGreaterThan(10);
    }
  });

  it('is the same on every run (seeded random)', async () => {
    const digest = `SELECT md5(string_agg(p.given_names || ' ' || p.family_name || ' ' || coalesce(p.birth_date::text, '') || ' ' || coalesce(c.phase, '-'),
                      ',' ORDER BY p.given_names, p.family_name, p.birth_date, c.phase)) AS d
                    FROM persons p LEFT JOIN cases c ON c.person_id = p.id`;
    const { rows } = await t.database.pool.query<{ d: string }>(digest);
    const again = await createTestApp();
    try {
      await again.database.db.transaction(async (tx) => seedKimDemo(tx as unknown as typeof again.database.db, again.tree));
      const { rows: other } = await again.database.pool.query<{ d: string }>(digest);
      expect(other[0]!.d).toBe(rows[0]!.d);
    } finally {
      await again.close();
    }
  }, 120_000);

  it('lets the demo case manager find the journey person across scripts', async () => {
    const cm = await t.as('case_manager');
    const res = (await cm.get(`/api/v1/people/search?q=${encodeURIComponent('Muhammad Alhasan')}`)).json();
    expect(res.items[0].person.displayName).toBe('Mohammed Al-Hassan');
    expect(res.items[0].reasons).toContain('gleiche arabische Schreibweise');
    const elsewhere = (await cm.get(`/api/v1/people/search?q=${encodeURIComponent('Олена Коваленко')}`)).json();
    expect(elsewhere.outsideScopeNotice).not.toBeNull();
    const mine = (await cm.get('/api/v1/my-cases')).json();
    expect(mine.overdueTasks.length + mine.casesWithoutContact.length).toBeGreaterThan(0);
  });

  it('gives the coordination the Kreis-wide Beratungszahlen of a period with small cells suppressed, and no records', async () => {
    const coordinator = await t.as('coordinator');
    const from = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date().toISOString().slice(0, 10);
    const res = await coordinator.get(`/api/v1/evaluation?from=${from}&to=${to}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.scope).toBe('ganzer Kreis');
    const persons = body.totals.find((c: { label: string }) => c.label === 'beratene Personen');
    expect(persons.value).toBeGreaterThan(100);
    const byGemeinde = body.tables.find((x: { key: string }) => x.key === 'gemeinde');
    expect(byGemeinde.rows.map((r: { label: string }) => r.label)).toContain('Troisdorf');
    for (const table of body.tables) {
      for (const cell of table.rows) if (cell.value !== null) expect(cell.value === 0 || cell.value >= 5, `${table.key} ${cell.label}`).toBe(true);
      expect(table.rows.filter((c: { suppressed: boolean }) => c.suppressed).length).not.toBe(1);
    }
    expect(res.body).not.toMatch(/Al-Hassan|Kovalenko/);
    // Aggregates only: the coordination never reaches a case record.
    expect((await coordinator.get('/api/v1/cases')).statusCode).toBe(403);
    expect((await coordinator.get(`/api/v1/evaluation?from=${to}&to=${from}`)).statusCode).toBe(400);
  });
});
