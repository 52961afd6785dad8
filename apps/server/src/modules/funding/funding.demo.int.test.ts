import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoDateInBerlin, type BudgetOverview, type CoverageReport, type Grant, type UseOfFundsReport } from '@teilhabe/shared';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { seedStaffingDemo } from '../staffing/staffing.seed.js';
import { runFundingReminders } from './funding.jobs.js';
import { seedFundingDemo } from './funding.seed.js';
import { SEED_004_TOTALS } from './seed004.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await t.database.db.transaction(async (tx) => {
    await seedStaffingDemo(tx as never, t.tree);
    await seedFundingDemo(tx as never, t.tree);
  });
});
afterAll(() => t.close());

describe('the demo KI', () => {
  it('has the seed-004 figures of 2021 and 2022 in its budget overview, to the cent', async () => {
    const agent = await t.as('coordinator');
    for (const year of [2021, 2022] as const) {
      const o: BudgetOverview = (await agent.get(`/api/v1/funding/budget-overview?year=${year}`)).json();
      const programmes = o.sections.find((s) => s.section === 'programme')!;
      expect(programmes.totals.personnelCents).toBe(SEED_004_TOTALS[year].personnelCents);
      expect(programmes.totals.nonPersonnelCents).toBe(SEED_004_TOTALS[year].nonPersonnelCents);
      expect(o.notes.join(' ')).not.toMatch(/noch nicht von der KI-Leitung freigegeben/);
    }
  });

  it('has a Stellenplan whose flat rates add up to the personnel subsidies of 2021', async () => {
    const finance = await t.as('finance');
    const posts = (await finance.get('/api/v1/staffing/posts?year=2021')).json();
    expect(posts.items.length).toBeGreaterThan(25);
    const annual = posts.items.flatMap((p: { fundings: { annualFundingCents: number }[] }) => p.fundings.map((f) => f.annualFundingCents));
    expect(annual.reduce((s: number, v: number) => s + v, 0)).toBe(SEED_004_TOTALS[2021].personnelCents);
    const cm10 = posts.items.find((p: { postNumber: string }) => p.postNumber === 'KIM-CM10');
    expect(cm10.vacancies).toEqual([{ from: '2021-07-01', to: '2021-08-31' }]);
    const teacher = posts.items.find((p: { postNumber: string }) => p.postNumber === 'KI-L1');
    expect(teacher.figures.costCents).toBe(0);
  });

  it('covers part of the KIM Case Management cost with the Integrationspauschale, never below zero', async () => {
    const report: CoverageReport = (await (await t.as('lead')).get('/api/v1/funding/coverage?year=2021')).json();
    const kim = report.rows.find((r) => r.programme.shortName === 'KIM Baustein 2')!;
    expect(kim.coveredByLumpSumCents).toBe(10_000_000);
    expect(kim.ownShareCents).toBe(kim.uncoveredCents - 10_000_000);
    for (const row of report.rows) expect(row.ownShareCents).toBeGreaterThanOrEqual(0);
    expect(report.lumpSums[0]).toMatchObject({ totalCents: 190_000_000, allocatedCents: 10_000_000, remainingCents: 180_000_000 });
  });

  it('shows an Änderungsbescheid for Guter Lebensabend and an open Verwendungsnachweis for KOMM-AN', async () => {
    const finance = await t.as('finance');
    const grants: Grant[] = (await finance.get('/api/v1/funding/grants')).json();
    const gla: Grant = (await finance.get(`/api/v1/funding/grants/${grants.find((g) => g.programme.code === 'GLA')!.id}`)).json();
    expect(gla.revisions.map((r) => r.kind)).toEqual(['initial', 'amendment']);
    const kommAn = grants.find((g) => g.programme.code === 'KOMM_AN')!;
    const report: UseOfFundsReport = (await finance.get(`/api/v1/funding/grants/${kommAn.id}/reports/2021`)).json();
    expect(report.checklist.find((c) => c.key === 'onward')).toMatchObject({ done: false, blocking: true });
    expect(report.totals.approvedCents).toBe((114_000 + 20_000 + 178_600) * 100);
  });

  it('reminds finance and the lead of contract ends once, in-app', async () => {
    const sent = await runFundingReminders(t.database, undefined, isoDateInBerlin());
    expect(sent).toBeGreaterThan(0);
    const { rows } = await t.database.pool.query(
      `SELECT n.title FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.email = $1`,
      [t.users.finance.email],
    );
    expect(rows.map((r) => r.title).join('\n')).toMatch(/Vertrag endet am .*: Stelle KIM-/);
    expect(await runFundingReminders(t.database, undefined, isoDateInBerlin())).toBe(0);
  });
});
