/**
 * Benchmark: requests per second of the authenticated, scoped and audited case list (GET /api/v1/cases, page of 50)
 * against a bare Fastify + pg endpoint that runs the same SQL (no session, no scope parameters built per request,
 * no transaction, no audit row), both on loopback, measured with autocannon in one run. Target ratio ≥ 0.5.
 *
 *   npm run bench:api
 *   npm run bench:api -- --cases 20000 --seconds 10 --connections 10
 *
 * Appends a line to bench/RESULTS.md; the last line printed is JSON {"app_rps", "bare_rps", "ratio"}.
 */
import os from 'node:os';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import { loadConfig } from '../apps/server/src/config.js';
import { buildActor } from '../apps/server/src/platform/access/actor.js';
import { openSession } from '../apps/server/src/platform/auth/sessions.js';
import type { DbOrTx } from '../apps/server/src/platform/db/client.js';
import { buildApp, sessionCookieName } from '../apps/server/src/platform/http/app.js';
import { modules } from '../apps/server/src/modules/index.js';
import { makeKreis, makeUser } from '../apps/server/src/seed/factories.js';
import { listCases } from '../apps/server/src/modules/cases/cases.repository.js';
import { withBenchDatabase } from './database.js';
import { appendResult } from './results.js';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const CASES = Number(arg('cases', '20000'));
const SECONDS = Number(arg('seconds', '10'));
const CONNECTIONS = Number(arg('connections', '10'));

/** The part of autocannon's result used here (the package ships no types). */
interface CannonResult {
  requests: { average: number };
  non2xx: number;
}
type Cannon = (opts: Record<string, unknown>, done: (err: unknown, result: CannonResult) => void) => void;

function run(url: string, headers: Record<string, string>): Promise<CannonResult> {
  return new Promise((resolve, reject) => {
    (autocannon as unknown as Cannon)({ url, connections: CONNECTIONS, duration: SECONDS, headers }, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

async function main() {
  const log = (m: string) => process.stderr.write(`${m}\n`);
  await withBenchDatabase('api', { max: 10, log }, async (database) => {
    const db = database.db;
    const tree = await makeKreis(db);
    const team = tree.orgs.kimTroisdorf!.id;
    const user = await makeUser(db, { email: 'cm@bench.example', displayName: 'Case Managerin', memberships: [{ organisationId: team, role: 'case_manager' }] });
    log(`Lege ${CASES} Personen und Fälle an …`);
    await database.pool.query(`INSERT INTO persons (organisation_id, given_names, family_name, search_text)
      SELECT '${team}', 'Vorname' || i, 'Nachname' || i, 'vorname' || i || ' nachname' || i FROM generate_series(1, ${CASES}) i`);
    await database.pool.query(`WITH p AS (SELECT id, row_number() OVER (ORDER BY id) r FROM persons)
      INSERT INTO cases (case_number, person_id, organisation_id, case_manager_id, phase, referring_body, opened_at)
      SELECT 'B-' || r, id, '${team}', '${user.id}', (ARRAY['access','clearing','intake','assessment','planning','linking','monitoring','evaluation'])[1 + r % 8],
             'self', date '2024-01-01' + (r % 600)::int FROM p`);
    await database.pool.query('VACUUM ANALYZE');

    // The app exactly as in production (sessions, CSRF, choke point, transaction, audit), without request logging.
    const config = { ...loadConfig({}), seedDemo: false, logLevel: 'silent' as const };
    const app = await buildApp({ config, database, modules, logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const appPort = (app.server.address() as { port: number }).port;
    const session = await openSession(db, user.id, { idleMinutes: config.sessionIdleMinutes, absoluteHours: config.sessionAbsoluteHours }, 'bench');
    const cookie = `${sessionCookieName(config)}=${session.token}`;

    // The same SQL the repository runs for this user, captured once and replayed by the bare endpoint.
    const actor = buildActor({
      userId: user.id,
      email: user.email,
      displayName: user.displayName,
      locale: 'de',
      memberships: [{ organisationId: team, organisationName: 'KIM Troisdorf', role: 'case_manager' }],
      sessionId: 'bench',
      sessionHash: 'bench',
      totpEnabled: false,
      totpSetupRequired: false,
      authenticatedAt: new Date(),
    });
    const captured: SQL[] = [];
    const recorder = { execute: async (q: SQL) => (captured.push(q), { rows: [] }) } as unknown as DbOrTx;
    await listCases(recorder, actor, { limit: 50, offset: 0 });
    const dialect = new PgDialect();
    const [page, count] = captured.map((q) => dialect.sqlToQuery(q));
    const bare = Fastify({ logger: false });
    bare.get('/cases', async () => {
      const [rows, total] = await Promise.all([database.pool.query(page!.sql, page!.params), database.pool.query(count!.sql, count!.params)]);
      return { items: rows.rows, total: total.rows[0] };
    });
    await bare.listen({ port: 0, host: '127.0.0.1' });
    const barePort = (bare.server.address() as { port: number }).port;

    const check = await fetch(`http://127.0.0.1:${appPort}/api/v1/cases?limit=50`, { headers: { cookie } });
    const body = (await check.json()) as { items: unknown[]; total: number };
    if (check.status !== 200 || body.items.length !== 50) throw new Error(`App answered ${check.status}`);
    log(`Fallliste: ${body.total} Fälle, Seite mit ${body.items.length}. Je ${SECONDS} s, ${CONNECTIONS} Verbindungen …`);
    await run(`http://127.0.0.1:${barePort}/cases`, {}); // warm-up of both paths
    await run(`http://127.0.0.1:${appPort}/api/v1/cases?limit=50`, { cookie });
    const bareResult = await run(`http://127.0.0.1:${barePort}/cases`, {});
    const appResult = await run(`http://127.0.0.1:${appPort}/api/v1/cases?limit=50`, { cookie });
    if (appResult.non2xx > 0) throw new Error(`${appResult.non2xx} Antworten der App waren keine 2xx`);
    const audited = await database.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'cases.list'`);
    const result = {
      app_rps: Math.round(appResult.requests.average),
      bare_rps: Math.round(bareResult.requests.average),
      ratio: Math.round((appResult.requests.average / bareResult.requests.average) * 100) / 100,
    };
    log(`Audit-Zeilen der Fallliste: ${audited.rows[0]!.n}`);
    const cpu = os.cpus()[0]?.model ?? 'unbekannt';
    const line = `| ${new Date().toISOString().slice(0, 10)} | api | ${os.cpus().length} × ${cpu} | GET /api/v1/cases (50 je Seite) bei ${CASES} Fällen, ${CONNECTIONS} Verbindungen, ${SECONDS} s | App ${result.app_rps} req/s, bare Fastify+pg ${result.bare_rps} req/s, Verhältnis ${result.ratio} (Ziel ≥ 0,5) |\n`;
    appendResult(line);
    await app.close();
    await bare.close();
    process.stdout.write(`${JSON.stringify(result)}\n`);
  });
}

await main();
