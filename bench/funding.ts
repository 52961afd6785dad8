/**
 * Benchmark: the budget overview (Anlage zum Haushalt) of a Haushaltsjahr and the zahlenmäßiger Verwendungsnachweis
 * of one Bescheid, as the finance user of the KI, on 200 Bescheide of 12 catalogue programmes with 200,000 bookings,
 * in a temporary embedded PostgreSQL. Budget: p95 ≤ 200 ms each.
 *
 *   npm run bench:funding                              # defaults
 *   npm run bench:funding -- --grants 50 --bookings 50000 --runs 20
 *
 * Appends a line to bench/RESULTS.md; the last line printed is JSON
 * {"grants", "bookings", "overview_p95_ms", "report_p95_ms"}.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { buildActor } from '../apps/server/src/platform/access/actor.js';
import { AuditWriter } from '../apps/server/src/platform/audit/audit.js';
import type { AuthedContext } from '../apps/server/src/platform/http/context.js';
import { makeKreis, makeUser } from '../apps/server/src/seed/factories.js';
import { budgetOverview } from '../apps/server/src/modules/funding/overview.service.js';
import { buildReport } from '../apps/server/src/modules/funding/reports.service.js';
import { withBenchDatabase } from './database.js';
import { appendResult } from './results.js';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const GRANTS = Number(arg('grants', '200'));
const BOOKINGS = Number(arg('bookings', '200000'));
const RUNS = Number(arg('runs', '30'));
const PROGRAMMES = 12;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
const round = (ms: number) => Math.round(ms * 10) / 10;

async function time(runs: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    times.push(performance.now() - s);
  }
  const sorted = times.sort((a, b) => a - b);
  return { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)) };
}

async function main() {
  const log = (m: string) => process.stderr.write(`${m}\n`);
  await withBenchDatabase('funding', { max: 4, log }, async (database) => {
    const tree = await makeKreis(database.db);
    const financeUser = await makeUser(database.db, {
      email: 'finanzen@bench.example',
      displayName: 'Finanzen',
      memberships: [{ organisationId: tree.ki.id, role: 'finance' }],
    });
    const q = (text: string) => database.pool.query(text);
    const t0 = performance.now();
    log(`Lege ${GRANTS} Bescheide (${PROGRAMMES} Programme, 2021–2022) und ${BOOKINGS} Buchungen an (SQL generate_series) …`);
    await q(`CREATE TEMP TABLE bench_programmes AS
      SELECT id, row_number() OVER (ORDER BY code) AS r FROM funding_programmes ORDER BY code LIMIT ${PROGRAMMES}`);
    await q(`INSERT INTO funding_grants (programme_id, organisation_id, title)
      SELECT p.id, '${tree.ki.id}', 'Bescheid ' || i
      FROM generate_series(1, ${GRANTS}) i JOIN bench_programmes p ON p.r = 1 + (i % ${PROGRAMMES})`);
    await q(`INSERT INTO funding_grant_revisions (grant_id, revision_no, kind, status, decision_date, file_number, approval_start,
               approval_end, financing_type, use_by_date, report_due_date, calloff_dates)
      SELECT id, 1, 'initial', 'approved', date '2021-01-15', 'AZ-' || left(id::text, 8), date '2021-01-01', date '2022-12-31', 'fixed',
             date '2022-12-31', date '2023-06-30', '["2021-03-15","2021-09-15","2022-03-15","2022-09-15"]'::jsonb
      FROM funding_grants`);
    await q(`INSERT INTO funding_grant_revisions (grant_id, revision_no, kind, status, decision_date, file_number, approval_start,
               approval_end, financing_type, reason)
      SELECT grant_id, 2, 'amendment', 'approved', date '2021-07-01', file_number || '-Ä1', approval_start, approval_end, 'fixed',
             'Aufstockung'
      FROM funding_grant_revisions WHERE abs(hashtext(grant_id::text)) % 4 = 0`);
    await q(`INSERT INTO funding_grant_positions (revision_id, budget_year, category, amount_cents)
      SELECT r.id, y, c, 100 * (5000 + abs(hashtext(r.id::text || y || c)) % 95000)
      FROM funding_grant_revisions r, generate_series(2021, 2022) y,
           unnest(ARRAY['personnel','material','training','pass_through']) c`);
    await q(`WITH g AS (SELECT id, row_number() OVER (ORDER BY id) AS r FROM funding_grants)
      INSERT INTO funding_bookings (grant_id, budget_year, category, kind, status, booking_date, amount_cents, payee, receipt_no)
      SELECT g.id, 2021 + abs(hashtext('y' || i)) % 2,
             (ARRAY['personnel','material','training','pass_through'])[1 + abs(hashtext('c' || i)) % 4],
             CASE WHEN abs(hashtext('k' || i)) % 10 = 0 THEN 'commitment' ELSE 'actual' END,
             CASE WHEN abs(hashtext('k' || i)) % 10 = 0 THEN 'open' WHEN abs(hashtext('k' || i)) % 97 = 1 THEN 'cancelled' ELSE 'booked' END,
             make_date(2021 + abs(hashtext('y' || i)) % 2, 1, 1) + (abs(hashtext('d' || i)) % 365),
             1 + abs(hashtext('a' || i)) % 500000, 'Empfänger ' || (i % 500), 'B-' || i
      FROM generate_series(1, ${BOOKINGS}) i JOIN g ON g.r = 1 + (i % ${GRANTS})`);
    await q('VACUUM ANALYZE');
    log(`  fertig nach ${Math.round((performance.now() - t0) / 1000)} s.`);

    const actor = buildActor({
      userId: financeUser.id,
      email: 'finanzen@bench.example',
      displayName: 'Finanzen',
      locale: 'de',
      memberships: [{ organisationId: tree.ki.id, organisationName: 'KI', role: 'finance' }],
      sessionId: 'bench',
      sessionHash: 'bench',
      totpEnabled: false,
      totpSetupRequired: false,
      authenticatedAt: new Date(),
    });
    const inTx = <T>(fn: (ctx: AuthedContext) => Promise<T>) =>
      database.db.transaction(async (tx) =>
        fn({ actor, tx, audit: new AuditWriter(tx, { actor, requestId: 'bench' }), requestId: 'bench', ip: '' }),
      );
    const {
      rows: [one],
    } = await q(`SELECT grant_id AS id FROM funding_bookings GROUP BY grant_id ORDER BY count(*) DESC, grant_id LIMIT 1`);
    const grantId = (one as { id: string }).id;

    const overview = await inTx((ctx) => budgetOverview(ctx, 2021));
    const report = await inTx((ctx) => buildReport(ctx, grantId, 2021));
    log(
      `Haushaltsübersicht 2021: ${overview.sections.reduce((n, s) => n + s.rows.length, 0)} Programmzeilen, Summe ${overview.grandTotals.totalCents} ct; ` +
        `Verwendungsnachweis 2021: ${report.receipts.length} Belege, Ist ${report.totals.actualCents} ct`,
    );
    if (args.includes('--profile')) {
      // --profile: the steps of both computations one by one (stderr), to see where the time goes.
      const repo = await import('../apps/server/src/modules/funding/grants.repository.js');
      const { programmeTree } = await import('../apps/server/src/modules/funding/programmes.service.js');
      const step = async (label: string, fn: (ctx: AuthedContext) => Promise<unknown>) =>
        log(`  ${label}: p50 ${(await time(10, () => inTx(fn))).p50} ms`);
      await step('leere Transaktion', async () => null);
      await step('Positionen je Bescheid (eine Abfrage)', (ctx) => repo.overviewPositions(ctx.tx, ctx.actor, 2021));
      await step('Programmbaum', (ctx) => programmeTree(ctx.tx));
      await step('Buchungen eines Bescheids 2021', (ctx) => repo.listBookings(ctx.tx, grantId, 2021));
      await step('Mittelabrufe', (ctx) => repo.listCalloffs(ctx.tx, [grantId]));
      await step('Haushaltsübersicht', (ctx) => budgetOverview(ctx, 2021));
      await step('Verwendungsnachweis', (ctx) => buildReport(ctx, grantId, 2021));
    }
    const o = await time(RUNS, () => inTx((ctx) => budgetOverview(ctx, 2021)));
    const r = await time(RUNS, () => inTx((ctx) => buildReport(ctx, grantId, 2021)));
    const load = os.loadavg()[0]!.toFixed(1);
    const result = { grants: GRANTS, bookings: BOOKINGS, overview_p95_ms: o.p95, report_p95_ms: r.p95 };
    const cpu = os.cpus()[0]?.model ?? 'unbekannt';
    const line =
      `| ${new Date().toISOString().slice(0, 10)} | funding | ${os.cpus().length} × ${cpu} (Last ${load}) | ${GRANTS} Bescheide ` +
      `(${PROGRAMMES} Programme, 2021–2022), ${BOOKINGS} Buchungen; Verwendungsnachweis 2021 eines Bescheids mit ${report.receipts.length} Belegen, ` +
      `${RUNS} Läufe | Haushaltsübersicht p50 ${o.p50} ms, p95 ${o.p95} ms; Verwendungsnachweis p50 ${r.p50} ms, p95 ${r.p95} ms ` +
      `(Budget p95 ≤ 200 ms) |\n`;
    appendResult(line);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  });
}

await main();
