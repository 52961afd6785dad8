import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Schedule } from '@teilhabe/shared';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import type {} from '../../../test/global-setup.js';
import { seedDirectoryDemo } from '../../seed/directory-demo.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDirectoryDemo(t.database.db, t.tree);
});
afterAll(() => t.close());

describe('the directory demo data', () => {
  it('has a few hundred offers in all 19 Kommunen, some translated into English and Arabic, deterministic', async () => {
    const { rows } = await t.database.pool.query<{ n: number; published: number; gemeinden: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'published')::int AS published,
              (SELECT count(DISTINCT ags)::int FROM offer_locations) AS gemeinden FROM offers`,
    );
    expect(rows[0]!.n).toBeGreaterThanOrEqual(250);
    expect(rows[0]!.n).toBeLessThanOrEqual(450);
    expect(rows[0]!.published).toBeGreaterThan(rows[0]!.n * 0.75);
    expect(rows[0]!.gemeinden).toBe(19);
    const tr = await t.database.pool.query<{ n: number }>(
      `SELECT count(DISTINCT offer_id)::int AS n FROM offer_translations a WHERE lang = 'en' AND EXISTS (SELECT 1 FROM offer_translations b WHERE b.offer_id = a.offer_id AND b.lang = 'ar')`,
    );
    expect(tr.rows[0]!.n).toBeGreaterThanOrEqual(12);
    const schedules = await t.database.pool.query<{ schedule: unknown }>('SELECT schedule FROM offers');
    for (const r of schedules.rows) expect(Schedule.safeParse(r.schedule).success, JSON.stringify(r.schedule)).toBe(true);
  });

  it('shows gaps and possible Doppelstrukturen in the coverage matrix', async () => {
    const m = (await (await t.as('coordinator')).get('/api/v1/coverage/matrix')).json();
    expect(m.gaps).toBeGreaterThan(10);
    const much = m.rows.find((r: { ags: string }) => r.ags === '05382036');
    expect(much.cells.find((c: { handlungsfeld: string }) => c.handlungsfeld === 'wohnen').gap).toBe(true);
    expect(m.duplicates.length).toBeGreaterThan(0);
    expect(m.duplicates.some((d: { ags: string }) => d.ags === '05382068')).toBe(true);
  });

  it('answers the public list in Arabic with translated titles where they exist', async () => {
    const res = (await t.anonymous.get('/api/v1/public/offers?lang=ar&limit=100')).json() as { items: { translated: boolean }[]; total: number };
    expect(res.total).toBeGreaterThan(200);
    expect(res.items.some((i) => i.translated)).toBe(true);
    expect(res.items.some((i) => !i.translated)).toBe(true);
  });
});
