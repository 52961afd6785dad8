/**
 * Benchmark: the yearly KIM evaluation (Beratungszahlen by Gemeinde and every other dimension, with suppression)
 * for the Kreis coordination, on 200,000 cases with 2,000,000 contacts over five years, in a temporary embedded
 * PostgreSQL. Budget: p95 ≤ 200 ms.
 *
 *   npm run bench:evaluation                          # defaults
 *   npm run bench:evaluation -- --cases 50000 --contacts 500000
 *
 * Appends a line to bench/RESULTS.md; the last line printed is JSON {"cases", "contacts", "p50_ms", "p95_ms"}.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { buildActor } from '../apps/server/src/platform/access/actor.js';
import { AuditWriter } from '../apps/server/src/platform/audit/audit.js';
import type { AuthedContext } from '../apps/server/src/platform/http/context.js';
import { makeKreis, makeUser } from '../apps/server/src/seed/factories.js';
import { evaluation } from '../apps/server/src/modules/cases/evaluation.service.js';
import { withBenchDatabase } from './database.js';
import { appendResult } from './results.js';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const CASES = Number(arg('cases', '200000'));
const CONTACTS = Number(arg('contacts', '2000000'));
const RUNS = Number(arg('runs', '30'));
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;

async function main() {
  const log = (m: string) => process.stderr.write(`${m}\n`);
  await withBenchDatabase('evaluation', { max: 4, log }, async (database) => {
    const db = database.db;
    const tree = await makeKreis(db);
    const teams = [tree.orgs.kimTroisdorf!.id, tree.orgs.kimSiegburg!.id];
    const manager = await makeUser(db, {
      email: 'cm@bench.example',
      displayName: 'CM',
      memberships: [{ organisationId: teams[0]!, role: 'case_manager' }],
    });
    const coordinatorUser = await makeUser(db, {
      email: 'ko@bench.example',
      displayName: 'Koordination',
      memberships: [{ organisationId: tree.orgs.kimKreis!.id, role: 'coordinator' }],
    });
    const ags = tree.kommunen.map((k) => `'${k.ags}'`).join(',');
    const t0 = performance.now();
    log(`Lege ${Math.round(CASES * 0.9)} Personen, ${CASES} Fälle und ${CONTACTS} Kontakte an (SQL generate_series) …`);
    const q = (text: string) => database.pool.query(text);
    // Deterministic pseudo-random values from the row number (hashtext), spread over five years.
    await q(`INSERT INTO persons (organisation_id, given_names, family_name, birth_date, sex, nationalities, municipality_ags, benefit_system)
      SELECT (ARRAY['${teams[0]}','${teams[1]}']::uuid[])[1 + (i % 2)], 'Vorname' || i, 'Nachname' || i,
             date '1950-01-01' + (abs(hashtext('b' || i)) % 20000),
             (ARRAY['female','male','diverse','unknown'])[1 + abs(hashtext('s' || i)) % 4],
             ARRAY[(ARRAY['SY','AF','UA','TR','IQ','ER','IR','RU','AL','GE','XK','DE'])[1 + abs(hashtext('n' || i)) % 12]],
             (ARRAY[${ags}])[1 + abs(hashtext('g' || i)) % ${tree.kommunen.length}], 'sgb2'
      FROM generate_series(1, ${Math.round(CASES * 0.9)}) i`);
    await q(`INSERT INTO person_residence_statuses (person_id, status_code, valid_from)
      SELECT id, (ARRAY['gestattung','duldung','ae_24','ae_25_2_fluechtling','ae_25_2_subsidiaer','niederlassungserlaubnis','ae_familie','deutsch'])[1 + abs(hashtext(id::text)) % 8],
             date '2020-01-01' + (abs(hashtext('v' || id::text)) % 1500)
      FROM persons`);
    await q(`WITH p AS (SELECT id, organisation_id, row_number() OVER (ORDER BY id) AS r FROM persons)
      INSERT INTO cases (case_number, person_id, organisation_id, case_manager_id, phase, referring_body, opened_at, closed_at, closure_reason, clearing_outcome)
      SELECT 'B-' || i, p.id, p.organisation_id, '${manager.id}',
             CASE WHEN abs(hashtext('c' || i)) % 3 = 0 THEN 'closed' ELSE (ARRAY['access','clearing','intake','assessment','planning','linking','monitoring','evaluation'])[1 + abs(hashtext('ph' || i)) % 8] END,
             (ARRAY['self','mbe','jmd','sozialamt','abh','jobcenter','schule','traeger'])[1 + abs(hashtext('r' || i)) % 8],
             date '2021-01-01' + (abs(hashtext('o' || i)) % 1700),
             NULL, NULL, 'admitted'
      FROM generate_series(1, ${CASES}) i JOIN p ON p.r = 1 + (i % ${Math.round(CASES * 0.9)})`);
    await q(`UPDATE cases SET closed_at = least(opened_at + 30 + abs(hashtext(id::text)) % 500, date '2025-12-31'),
             closure_reason = (ARRAY['goals_achieved','handed_over','moved','contact_lost','withdrawn','status_change','other'])[1 + abs(hashtext('cr' || id::text)) % 7]
             WHERE phase = 'closed'`);
    await q(`WITH c AS (SELECT id, opened_at, coalesce(closed_at, date '2025-12-31') AS until, row_number() OVER (ORDER BY id) AS r FROM cases)
      INSERT INTO case_contacts (case_id, occurred_at, duration_minutes, mode, interpreter_used, life_domains, author_id)
      SELECT c.id, (c.opened_at + (abs(hashtext('k' || i)) % greatest(1, c.until - c.opened_at)))::timestamptz + interval '10 hours',
             15 * (1 + abs(hashtext('d' || i)) % 6),
             (ARRAY['in_person','in_person','phone','video','outreach'])[1 + abs(hashtext('m' || i)) % 5],
             abs(hashtext('iu' || i)) % 3 = 0,
             ARRAY[(ARRAY['residence','language','education','work','income','housing','health','family','social'])[1 + abs(hashtext('l' || i)) % 9]],
             '${manager.id}'
      FROM generate_series(1, ${CONTACTS}) i JOIN c ON c.r = 1 + (i % ${CASES})`);
    await q(`INSERT INTO case_goals (case_id, life_domain, title, status)
      SELECT id, 'work', 'Ziel', (ARRAY['achieved','partly_achieved','not_achieved','dropped'])[1 + abs(hashtext(id::text)) % 4] FROM cases WHERE phase = 'closed'`);
    await q('VACUUM ANALYZE');
    log(`  fertig nach ${Math.round((performance.now() - t0) / 1000)} s.`);

    const actor = buildActor({
      userId: coordinatorUser.id,
      email: 'ko@bench.example',
      displayName: 'Koordination',
      locale: 'de',
      memberships: [{ organisationId: tree.orgs.kimKreis!.id, organisationName: 'KIM-Koordination', role: 'coordinator' }],
      sessionId: 'bench',
      sessionHash: 'bench',
      totpEnabled: false,
      totpSetupRequired: false,
      authenticatedAt: new Date(),
    });
    const run = () =>
      db.transaction(async (tx) => {
        const ctx: AuthedContext = { actor, tx, audit: new AuditWriter(tx, { actor, requestId: 'bench' }), requestId: 'bench', ip: '' };
        return evaluation(ctx, '2024-01-01', '2024-12-31');
      });
    const first = await run();
    const gemeinden = first.tables.find((t) => t.key === 'gemeinde')!;
    log(`Jahresauswertung 2024: ${first.totals.map((t) => `${t.label} ${t.value ?? '–'}`).join(', ')}; ${gemeinden.rows.length} Gemeinden`);
    if (args.includes('--compare')) {
      // --compare: the fast case figures against the plain recount, alternately (same load), and that they agree.
      const { caseFigures, caseFiguresRecount } = await import('../apps/server/src/modules/cases/evaluation.repository.js');
      const norm = (rows: { dim: string; key: string | null; n: number }[]) =>
        JSON.stringify(rows.map((r) => `${r.dim}|${r.key}|${r.n}`).sort());
      const fast: number[] = [];
      const plain: number[] = [];
      for (let i = 0; i < 5; i++) {
        let s = performance.now();
        const a = await db.transaction((tx) => caseFigures(tx, actor, '2024-01-01', '2024-12-31'));
        fast.push(performance.now() - s);
        s = performance.now();
        const b = await db.transaction((tx) => caseFiguresRecount(tx, actor, '2024-01-01', '2024-12-31'));
        plain.push(performance.now() - s);
        if (norm(a) !== norm(b)) log('  ABWEICHUNG zwischen schneller Auswertung und Nachzählung!');
      }
      const med = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!.toFixed(1);
      log(`Fallzahlen: schnell p50 ${med(fast)} ms, Nachzählung p50 ${med(plain)} ms`);
    }
    for (let i = 0; i < 3; i++) await run();
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      await run();
      times.push(performance.now() - s);
    }
    const sorted = [...times].sort((a, b) => a - b);
    const result = {
      cases: CASES,
      contacts: CONTACTS,
      p50_ms: Math.round(percentile(sorted, 50) * 10) / 10,
      p95_ms: Math.round(percentile(sorted, 95) * 10) / 10,
    };
    const cpu = os.cpus()[0]?.model ?? 'unbekannt';
    const line = `| ${new Date().toISOString().slice(0, 10)} | evaluation | ${os.cpus().length} × ${cpu} | ${CASES} Fälle, ${CONTACTS} Kontakte (2021–2025), Jahresauswertung 2024 als Koordination, ${RUNS} Läufe | p50 ${result.p50_ms} ms, p95 ${result.p95_ms} ms (Budget p95 ≤ 200 ms) |\n`;
    appendResult(line);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  });
}

await main();
