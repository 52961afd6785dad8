/**
 * Benchmark: the public offer directory with 5,000 published offers in a temporary embedded PostgreSQL — the list
 * (filters, pages, languages) and the German full-text search, each through the whole Fastify stack (app.inject:
 * routing, rate limit, transaction, Zod response check, JSON). Budget: p95 ≤ 50 ms.
 *
 *   npm run bench:directory                 # defaults
 *   OFFERS=20000 RUNS=500 npm run bench:directory
 *
 * Prints progress to stderr, appends a line to bench/RESULTS.md and ends with one JSON line: {"offers", "p50_ms", "p95_ms"}.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../apps/server/src/config.js';
import { buildApp } from '../apps/server/src/platform/http/app.js';
import { modules } from '../apps/server/src/modules/index.js';
import { makeKreis } from '../apps/server/src/seed/factories.js';
import { generateOffers, insertGeneratedOffers, makeDemoProviders, prng } from '../apps/server/src/seed/directory-demo.js';
import { AuditWriter } from '../apps/server/src/platform/audit/audit.js';
import type { Tx } from '../apps/server/src/platform/db/client.js';
import type { RequestContext } from '../apps/server/src/platform/http/context.js';
import { listPublicOffers } from '../apps/server/src/modules/directory/directory.service.js';
import type { PublicLang } from '@teilhabe/shared';
import { withBenchDatabase } from './database.js';
import { appendResult } from './results.js';

const OFFERS = Number(process.env.OFFERS ?? 5000);
const RUNS = Number(process.env.RUNS ?? 300);
const SEARCHES = ['Sprachkurse', 'Beratung', 'Elterncafé', 'Hausaufgaben', 'Mietführerschein', 'Gesundheitslotsen', 'Fußball', 'Deutschkurs Kinderbetreuung', 'Bewerbung', 'Asylverfahren'];
const FIELDS = ['', '', 'sprache', 'beratung', 'familie_fruehe_hilfen', 'arbeit_ausbildung'];
const LANGS = ['de', 'de', 'en', 'ar', 'uk'];

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const round = (n: number) => Math.round(n * 100) / 100;

async function main() {
  const log = (m: string) => process.stderr.write(`${m}\n`);
  await withBenchDatabase('directory', { max: 8, log }, async (database) => {
    const tree = await makeKreis(database.db);
    const rng = prng(5000);

    log(`Lege Akteure und ${OFFERS} veröffentlichte Angebote an …`);
    const providers = await makeDemoProviders(database.db, tree, rng);
    // generateOffers scales with the largest town; ask for enough, then cut to exactly OFFERS.
    const totalPopulation = tree.kommunen.reduce((s, k) => s + k.population, 0);
    const largest = Math.max(...tree.kommunen.map((k) => k.population));
    let offers = generateOffers(rng, tree.kommunen, providers, { perLargestTown: Math.ceil((OFFERS * largest * 1.05) / totalPopulation), allPublished: true });
    while (offers.length < OFFERS) offers = offers.concat(generateOffers(rng, tree.kommunen, providers, { perLargestTown: 40, allPublished: true }));
    offers = offers.slice(0, OFFERS).map((o) => ({ ...o, values: { ...o.values, validTo: null } }));
    await insertGeneratedOffers(database.db, offers, 1000);
    await database.pool.query('ANALYZE');
    const { rows } = await database.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM offers WHERE status = 'published'`);
    log(`${rows[0]!.n} veröffentlichte Angebote, ${offers.reduce((s, o) => s + o.translations.length, 0)} Übersetzungen.`);

    const app = await buildApp({ config: { ...loadConfig({}), seedDemo: false, logLevel: 'silent' }, database, modules, logger: false });
    await app.ready();
    let client = 0;
    // A distinct client address per request, as from many visitors: the rate limit (per address) is part of the path, not the bottleneck.
    const get = async (url: string) => {
      client++;
      const res = await app.inject({ method: 'GET', url, remoteAddress: `10.${(client >> 16) & 255}.${(client >> 8) & 255}.${client & 255}` });
      if (res.statusCode !== 200) throw new Error(`${url} → ${res.statusCode} ${res.body.slice(0, 200)}`);
      return res;
    };
    const ags = tree.kommunen.map((k) => k.ags);
    const listUrl = (i: number) => {
      const p = new URLSearchParams({ lang: LANGS[i % LANGS.length]!, limit: '20', offset: String((i % 5) * 20) });
      const field = FIELDS[i % FIELDS.length]!;
      if (field) p.set('handlungsfeld', field);
      if (i % 3 === 0) p.set('ags', ags[i % ags.length]!);
      return `/api/v1/public/offers?${p}`;
    };
    const searchUrl = (i: number) => {
      const p = new URLSearchParams({ lang: LANGS[i % LANGS.length]!, q: SEARCHES[i % SEARCHES.length]!, limit: '20' });
      if (i % 4 === 0) p.set('ags', ags[i % ags.length]!);
      return `/api/v1/public/offers?${p}`;
    };

    log(`Messe je ${RUNS} Abrufe von Liste und Suche (nach 30 Aufwärmläufen) …`);
    for (let i = 0; i < 30; i++) {
      await get(listUrl(i));
      await get(searchUrl(i));
    }
    const list: number[] = [];
    const search: number[] = [];
    let hits = 0;
    for (let i = 0; i < RUNS; i++) {
      let t0 = performance.now();
      await get(listUrl(i));
      list.push(performance.now() - t0);
      t0 = performance.now();
      const res = await get(searchUrl(i));
      search.push(performance.now() - t0);
      hits += (res.json() as { total: number }).total;
    }
    // The share of the service (SQL + presenting) in a search, without HTTP, transaction and response check: log only.
    const ctx = { actor: null, tx: database.db as unknown as Tx, audit: new AuditWriter(database.db, { actor: null }), requestId: 'bench', ip: '127.0.0.1' } satisfies RequestContext;
    const direct: number[] = [];
    for (let i = 0; i < Math.min(RUNS, 100); i++) {
      const t0 = performance.now();
      await listPublicOffers(ctx, { q: SEARCHES[i % SEARCHES.length]!, lang: LANGS[i % LANGS.length] as PublicLang, limit: 20, offset: 0 });
      direct.push(performance.now() - t0);
    }
    direct.sort((a, b) => a - b);
    log(`davon Dienst (SQL + Präsentation) bei der Suche: p50 ${round(percentile(direct, 50))} ms, p95 ${round(percentile(direct, 95))} ms`);
    const all = [...list, ...search].sort((a, b) => a - b);
    list.sort((a, b) => a - b);
    search.sort((a, b) => a - b);
    log(`Liste: p50 ${round(percentile(list, 50))} ms, p95 ${round(percentile(list, 95))} ms`);
    log(`Suche: p50 ${round(percentile(search, 50))} ms, p95 ${round(percentile(search, 95))} ms (im Mittel ${Math.round(hits / RUNS)} Treffer)`);
    const result = { offers: rows[0]!.n, p50_ms: round(percentile(all, 50)), p95_ms: round(percentile(all, 95)) };
    log(`gesamt: p50 ${result.p50_ms} ms, p95 ${result.p95_ms} ms (Budget p95 ≤ 50 ms)`);
    await app.close();

    const cpu = os.cpus()[0]?.model ?? 'unbekannt';
    const load = os.loadavg()[0]!.toFixed(1);
    const line =
      `| ${new Date().toISOString().slice(0, 10)} | directory (öffentliche Liste + Suche, app.inject) | ${os.cpus().length} × ${cpu} (Last ${load}) | ${result.offers} veröffentlichte Angebote, je ${RUNS} Abrufe | ` +
      `p50 ${result.p50_ms} ms, p95 ${result.p95_ms} ms (Liste p95 ${round(percentile(list, 95))} ms, Suche p95 ${round(percentile(search, 95))} ms; Budget p95 ≤ 50 ms) |\n`;
    appendResult(line);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  });
}

await main();
