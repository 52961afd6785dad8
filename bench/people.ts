/**
 * Benchmark: person search before create (transliteration-aware, fuzzy) on N persons, in a temporary embedded
 * PostgreSQL. In the same run it measures three searchers on the same 1,000 variant queries:
 *   - ours: GET /people/search's service (sound keys + pg_trgm + ranking, scope and audit included),
 *   - Fuse.js on the largest subset it handles in memory (--fuse-persons, default 20,000, targets included),
 *   - plain ILIKE '%query%' on the Latin name.
 * Queries come from the spelling clusters (CSV in the format of data/names): a target person is stored with the
 * original-script name and the most frequent Latin spelling; the query is another spelling of both names.
 * Recall = share of queries whose target is among the first 20 hits. Fuse.js and ILIKE scan every row per query; on
 * large data they answer the first `--slow-queries` (300) queries only.
 *
 *   npm run bench:people -- --persons 100000 --clusters apps/server/data/names/wikidata-name-transliteration-variants.csv
 *
 * --debug sorts every miss by cause (below the threshold, crowded out, not a candidate); --dump FILE writes each
 * query's candidates for offline tuning of the ranking (bench/rerank.ts).
 *
 * Appends a line to bench/RESULTS.md; the last line printed is JSON:
 * {"persons", "p50_ms", "p95_ms", "recall", "fuse_p95_ms", "fuse_recall", "ilike_p95_ms", "ilike_recall"}.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import Fuse from 'fuse.js';
import { buildActor } from '../apps/server/src/platform/access/actor.js';
import { AuditWriter } from '../apps/server/src/platform/audit/audit.js';
import type { Database } from '../apps/server/src/platform/db/client.js';
import type { AuthedContext } from '../apps/server/src/platform/http/context.js';
import { makeKreis } from '../apps/server/src/seed/factories.js';
import { parseCsv } from '../apps/server/src/seed/geo.js';
import { ORIGIN_GROUPS, pick, seededRandom, type NamePair } from '../apps/server/src/modules/cases/kim.names.js';
import { bulkInsertPersons, type PersonInsert } from '../apps/server/src/modules/people/people.repository.js';
import { scoreMatch, SHOW_THRESHOLD } from '../apps/server/src/modules/people/names/match.js';
import { nameVariants, searchCandidates, searchFields, searchPersons } from '../apps/server/src/modules/people/people.service.js';
import { withBenchDatabase } from './database.js';
import { appendResult } from './results.js';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const here = path.dirname(fileURLToPath(import.meta.url));
const PERSONS = Number(arg('persons', '100000'));
const CLUSTERS = arg('clusters', path.join(here, '../apps/server/data/names/wikidata-name-transliteration-variants.csv'));
const QUERIES = Number(arg('queries', '1000'));
const FUSE_PERSONS = Math.min(PERSONS, Number(arg('fuse-persons', '20000')));
/** Fuse.js and ILIKE scan everything per query: on large data they answer a sample of the queries. */
const SLOW_QUERIES = Number(arg('slow-queries', '300'));
const K = 20;
/** --seed N: another draw of persons and queries (to check that a ranking change holds beyond the default draw). */
const DEFAULT_SEED = 20261121;
const SEED = Number(arg('seed', String(DEFAULT_SEED)));
/** --debug: print the missed queries and the slowest ones (stderr), to see which spelling families the keys miss. */
const DEBUG = args.includes('--debug');
/** --dump FILE: write every query's candidates (before ranking) and its target as JSON, to tune the ranking offline. */
const DUMP = arg('dump', '');
/** --dump-candidates N: how many candidates per query the dump keeps (more than the search uses, to try a larger limit). */
const DUMP_CANDIDATES = Number(arg('dump-candidates', '120'));

const GERMAN_GIVEN = 'Anna Maria Lena Laura Julia Sarah Lisa Katharina Sophie Hannah Lea Johanna Emma Mia Clara Paula Marie Nina Sabine Petra Monika Andrea Claudia Susanne Birgit Ursula Renate Heike Kerstin Jana Thomas Michael Andreas Stefan Christian Markus Peter Frank Jürgen Klaus Wolfgang Uwe Jan Tobias Lukas Felix Jonas Leon Paul Max Elias Tim David Niklas Florian Sebastian Daniel Matthias Martin Alexander Dominik Philipp Benedikt Moritz Jakob Simon'.split(' ');
const GERMAN_FAMILY = 'Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange Schmitt Werner Schmitz Krause Meier Lehmann Schmid Schulze Maier Köhler Herrmann König Walter Mayer Huber Kaiser Fuchs Peters Lang Scholz Möller Weiß Jung Hahn Schubert Vogel Friedrich Keller Günther Frank Berger Winkler Roth Beck Lorenz Baumann Franke Albrecht Schuster Simon Ludwig Böhm Winter Kraus Martin Schumacher Krämer Vogt Stein Jäger Otto Sommer Groß Seidel Heinrich Brandt Haas Schreiber Graf Schulte Dietrich Ziegler Kuhn Kühn Pohl Engel Horn Busch Bergmann Thomas Voigt Sauer Arnold Wolff Pfeiffer'.split(' ');

interface Cluster {
  script: string;
  native: string;
  variants: { latin: string; count: number }[];
}

function loadClusters(file: string): Cluster[] {
  const map = new Map<string, Cluster>();
  for (const r of parseCsv(fs.readFileSync(file, 'utf8'))) {
    if (!/^[\p{L}'ʿ-]+$/u.test(r.latin_variant ?? '')) continue;
    const key = `${r.script}:${r.native}`;
    const c = map.get(key) ?? { script: r.script!, native: r.native!, variants: [] };
    c.variants.push({ latin: r.latin_variant!, count: Number(r.count) });
    map.set(key, c);
  }
  for (const c of map.values()) c.variants.sort((a, b) => b.count - a.count);
  return [...map.values()];
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
const stats = (times: number[]) => {
  const s = [...times].sort((a, b) => a - b);
  return { p50: Math.round(percentile(s, 50) * 100) / 100, p95: Math.round(percentile(s, 95) * 100) / 100 };
};

function personRow(organisationId: string, given: NamePair, family: NamePair, birthYear: number): PersonInsert {
  const names = {
    givenNames: given.latin,
    familyName: family.latin,
    nativeGivenNames: given.native && family.native ? given.native : '',
    nativeFamilyName: given.native && family.native ? family.native : '',
    aliases: [],
  };
  return { ...names, ...searchFields(names), organisationId, birthDate: `${birthYear}-06-15`, birthDatePrecision: 'day' };
}

async function main() {
  const log = (m: string) => process.stderr.write(`${m}\n`);
  const random = seededRandom(SEED);
  const clusters = loadClusters(CLUSTERS);
  const multi = clusters.filter((c) => c.variants.length >= 2);
  log(`${clusters.length} Schreibweisen-Cluster gelesen (${multi.length} mit mehreren Schreibweisen).`);

  const beforeMigrate = (database: Database) => {
    if (DEBUG) database.pool.on('connect', (client) => client.on('notice', (n) => log(String(n.message))));
  };
  await withBenchDatabase('people', { max: 4, log, beforeMigrate }, async (database) => {
    const db = database.db;
    const tree = await makeKreis(db);
    const org = tree.orgs.kimTroisdorf!.id;

    // Targets: one person per query, stored in original script plus the most frequent Latin spelling.
    const queries: { text: string; targetIndex: number }[] = [];
    const targetRows: PersonInsert[] = [];
    const byScript = { Arab: multi.filter((c) => c.script === 'Arab'), Cyrl: multi.filter((c) => c.script === 'Cyrl') };
    for (let i = 0; i < QUERIES; i++) {
      const pool = random() < 0.5 ? byScript.Arab : byScript.Cyrl;
      const a = pick(random, pool);
      const b = pick(random, pool);
      const variant = (c: Cluster) => {
        const others = c.variants.slice(1);
        let r = random() * others.reduce((s, v) => s + v.count, 0);
        for (const v of others) if ((r -= v.count) <= 0) return v.latin;
        return others[0]!.latin;
      };
      targetRows.push(personRow(org, { latin: cap(a.variants[0]!.latin), native: a.native }, { latin: cap(b.variants[0]!.latin), native: b.native }, 1960 + Math.floor(random() * 45)));
      queries.push({ text: `${cap(variant(a))} ${cap(variant(b))}`, targetIndex: i });
    }

    // Background: realistic German, Turkish, Arabic, Persian, Cyrillic and other names, plus the cluster names.
    const clusterPairs = clusters.map((c) => ({ latin: cap(c.variants[0]!.latin), native: c.native }));
    const arabPool = [...ORIGIN_GROUPS.filter((g) => ['syria', 'iraq'].includes(g.key)).flatMap((g) => [...g.male, ...g.female, ...g.family]), ...clusterPairs.filter((_, i) => clusters[i]!.script === 'Arab')];
    const cyrlPool = [...ORIGIN_GROUPS.filter((g) => ['ukraine', 'russia'].includes(g.key)).flatMap((g) => [...g.male, ...g.female, ...g.family]), ...clusterPairs.filter((_, i) => clusters[i]!.script === 'Cyrl')];
    const persianPool = ORIGIN_GROUPS.filter((g) => ['afghanistan', 'iran'].includes(g.key)).flatMap((g) => [...g.male, ...g.female, ...g.family]);
    const turkish = ORIGIN_GROUPS.find((g) => g.key === 'turkey')!;
    const otherLatin = ORIGIN_GROUPS.filter((g) => ['eritrea', 'kurdish', 'westbalkan'].includes(g.key)).flatMap((g) => [...g.male, ...g.female, ...g.family]);
    const background = (): [NamePair, NamePair] => {
      const r = random();
      if (r < 0.3) return [{ latin: pick(random, GERMAN_GIVEN) }, { latin: pick(random, GERMAN_FAMILY) }];
      if (r < 0.45) return [pick(random, [...turkish.male, ...turkish.female]), { latin: pick(random, [...turkish.family.map((f) => f.latin), ...GERMAN_FAMILY]) }];
      if (r < 0.67) return [pick(random, arabPool), pick(random, arabPool)];
      if (r < 0.77) return [pick(random, persianPool), pick(random, persianPool)];
      if (r < 0.92) return [pick(random, cyrlPool), pick(random, cyrlPool)];
      return [pick(random, otherLatin), pick(random, otherLatin)];
    };

    log(`Lege ${PERSONS} Personen an (Suchschlüssel werden in TypeScript berechnet) …`);
    await database.pool.query('DROP INDEX persons_search_trgm_idx; DROP INDEX persons_name_keys_idx; DROP INDEX persons_birth_date_idx; DROP INDEX persons_org_idx');
    const t0 = performance.now();
    const targetIds = (await bulkInsertPersons(db, targetRows.slice(0, 0))).map((r) => r.id);
    const fuseDocs: { id: string; name: string; native: string }[] = [];
    // Targets are spread through the table, not all at the start.
    const slots = new Set<number>();
    while (slots.size < Math.min(QUERIES, PERSONS)) slots.add(Math.floor(random() * PERSONS));
    const targetAt = new Map([...slots].sort((a, b) => a - b).map((slot, i) => [slot, i]));
    const idsOfTarget = new Array<string>(QUERIES);
    const BATCH = 2000;
    for (let start = 0; start < PERSONS; start += BATCH) {
      const rows: PersonInsert[] = [];
      const targetsInBatch: [number, number][] = [];
      for (let i = start; i < Math.min(PERSONS, start + BATCH); i++) {
        const t = targetAt.get(i);
        if (t !== undefined) {
          targetsInBatch.push([rows.length, t]);
          rows.push(targetRows[t]!);
        } else {
          const [g, f] = background();
          rows.push(personRow(org, g, f, 1950 + Math.floor(random() * 60)));
        }
      }
      const ids = await bulkInsertPersons(db, rows);
      for (const [rowIndex, t] of targetsInBatch) idsOfTarget[t] = ids[rowIndex]!.id;
      for (let j = 0; j < rows.length; j++) {
        if (fuseDocs.length < FUSE_PERSONS - QUERIES || targetsInBatch.some(([ri]) => ri === j)) {
          fuseDocs.push({ id: ids[j]!.id, name: `${rows[j]!.givenNames} ${rows[j]!.familyName}`, native: `${rows[j]!.nativeGivenNames ?? ''} ${rows[j]!.nativeFamilyName ?? ''}`.trim() });
        }
      }
      if ((start / BATCH) % 50 === 0) log(`  ${Math.min(PERSONS, start + BATCH)} / ${PERSONS}`);
    }
    targetIds.push(...idsOfTarget);
    log(`  eingefügt in ${Math.round((performance.now() - t0) / 1000)} s; Indizes werden gebaut …`);
    await database.pool.query(`
      CREATE INDEX persons_search_trgm_idx ON persons USING gin (search_text gin_trgm_ops);
      CREATE INDEX persons_name_keys_idx ON persons USING gin (name_keys);
      CREATE INDEX persons_birth_date_idx ON persons (birth_date);
      CREATE INDEX persons_org_idx ON persons (organisation_id);`);
    await database.pool.query('VACUUM ANALYZE persons');
    log(`  fertig nach ${Math.round((performance.now() - t0) / 1000)} s.`);

    const actor = buildActor({
      userId: (await database.pool.query<{ id: string }>(`INSERT INTO users (email, display_name) VALUES ('bench@example.org', 'Bench') RETURNING id`)).rows[0]!.id,
      email: 'bench@example.org',
      displayName: 'Bench',
      locale: 'de',
      memberships: [{ organisationId: org, organisationName: 'KIM Troisdorf', role: 'case_manager' }],
      sessionId: 'bench',
      sessionHash: 'bench',
      totpEnabled: false,
      totpSetupRequired: false,
      authenticatedAt: new Date(),
    });

    // Warm-up, then the measured runs (each in its own transaction, with its audit row, like a request).
    const runOurs = async (q: string) =>
      db.transaction(async (tx) => {
        const ctx: AuthedContext = { actor, tx, audit: new AuditWriter(tx, { actor, requestId: 'bench' }), requestId: 'bench', ip: '' };
        return searchPersons(ctx, { q, limit: K });
      });
    for (const q of queries.slice(0, 20)) await runOurs(q.text);
    log('Eigene Suche …');
    const ours: number[] = [];
    let oursHits = 0;
    const slow: [number, string][] = [];
    const missKinds = new Map<string, number>();
    for (const q of queries) {
      const s = performance.now();
      const result = await runOurs(q.text);
      const ms = performance.now() - s;
      ours.push(ms);
      if (result.items.some((i) => i.person.id === targetIds[q.targetIndex])) oursHits++;
      else if (DEBUG) {
        const t = targetRows[q.targetIndex]!;
        // Ranking or candidate step? The target's own score against the last shown one.
        const own = scoreMatch(
          { name: q.text },
          {
            variants: nameVariants({ givenNames: t.givenNames, familyName: t.familyName, nativeGivenNames: t.nativeGivenNames ?? '', nativeFamilyName: t.nativeFamilyName ?? '', aliases: [] }),
            birthDate: null,
            birthDatePrecision: 'unknown',
            birthDateIsPlaceholder: false,
          },
        ).score;
        const last = result.items.at(-1)?.score ?? 0;
        const why = own < SHOW_THRESHOLD ? 'unter der Anzeigeschwelle' : own <= last ? 'von besseren Treffern verdrängt' : 'nicht unter den Kandidaten';
        missKinds.set(why, (missKinds.get(why) ?? 0) + 1);
        log(`  verfehlt (${why}, ${own} ≤/> ${last}): "${q.text}" → ${t.givenNames} ${t.familyName} / ${t.nativeGivenNames} ${t.nativeFamilyName} (${result.items.length} Treffer)`);
      }
      if (DEBUG) slow.push([ms, q.text]);
    }
    if (DEBUG) {
      log(`Fehlgriffe nach Ursache: ${[...missKinds.entries()].map(([k, n]) => `${k} ${n}`).join(', ')}`);
      const slowest = slow.sort((a, b) => b[0] - a[0]).slice(0, 30);
      for (const [ms, text] of slowest) log(`  langsam: ${ms.toFixed(1)} ms "${text}"`);
      // The plans of the three slowest queries, through auto_explain sent to the client as notices.
      for (const [, text] of slowest.slice(0, 3)) {
        await db.transaction(async (tx) => {
          await tx.execute(sql`LOAD 'auto_explain'`);
          await tx.execute(sql`SET LOCAL auto_explain.log_min_duration = 0; SET LOCAL auto_explain.log_analyze = on; SET LOCAL auto_explain.log_buffers = on; SET LOCAL auto_explain.log_level = 'notice'`);
          const ctx: AuthedContext = { actor, tx, audit: new AuditWriter(tx, { actor, requestId: 'bench' }), requestId: 'bench', ip: '' };
          log(`Plan für "${text}":`);
          await searchPersons(ctx, { q: text, limit: K });
        });
      }
    }

    if (DUMP) {
      const dump = [];
      for (const q of queries) {
        const rows = await db.transaction((tx) => searchCandidates({ tx, actor }, q.text, DUMP_CANDIDATES));
        const t = targetRows[q.targetIndex]!;
        const names = { givenNames: t.givenNames, familyName: t.familyName, nativeGivenNames: t.nativeGivenNames ?? '', nativeFamilyName: t.nativeFamilyName ?? '' };
        dump.push({ q: q.text, target: targetIds[q.targetIndex], names, rows });
      }
      fs.writeFileSync(DUMP, JSON.stringify(dump));
      log(`Kandidaten aller Abfragen in ${DUMP}.`);
    }

    log('ILIKE …');
    const ilike: number[] = [];
    let ilikeHits = 0;
    for (const q of queries.slice(0, PERSONS > 100_000 ? SLOW_QUERIES : queries.length)) {
      const s = performance.now();
      const r = await database.pool.query<{ id: string }>(`SELECT id FROM persons WHERE (given_names || ' ' || family_name) ILIKE $1 LIMIT ${K}`, [`%${q.text}%`]);
      ilike.push(performance.now() - s);
      if (r.rows.some((row) => row.id === targetIds[q.targetIndex])) ilikeHits++;
    }

    log(`Fuse.js auf ${fuseDocs.length} Personen …`);
    const fuseStart = performance.now();
    const fuse = new Fuse(fuseDocs, { keys: ['name', 'native'], threshold: 0.4, ignoreLocation: true });
    log(`  Index in ${Math.round(performance.now() - fuseStart)} ms`);
    const fuseTimes: number[] = [];
    const fuseQueries = queries.slice(0, SLOW_QUERIES);
    let fuseHits = 0;
    for (const q of fuseQueries) {
      const s = performance.now();
      const r = fuse.search(q.text, { limit: K });
      fuseTimes.push(performance.now() - s);
      if (r.some((x) => x.item.id === targetIds[q.targetIndex])) fuseHits++;
    }

    const o = stats(ours);
    const f = stats(fuseTimes);
    const il = stats(ilike);
    const result = {
      persons: PERSONS,
      p50_ms: o.p50,
      p95_ms: o.p95,
      recall: Math.round((oursHits / queries.length) * 1000) / 1000,
      fuse_p95_ms: f.p95,
      fuse_recall: Math.round((fuseHits / fuseQueries.length) * 1000) / 1000,
      ilike_p95_ms: il.p95,
      ilike_recall: Math.round((ilikeHits / ilike.length) * 1000) / 1000,
    };
    const cpu = os.cpus()[0]?.model ?? 'unbekannt';
    const line = `| ${new Date().toISOString().slice(0, 10)} | people | ${os.cpus().length} × ${cpu} | ${PERSONS} Personen, ${queries.length} Schreibweisen-Abfragen (Top ${K})${SEED === DEFAULT_SEED ? '' : `, Ziehung --seed ${SEED}`}; Fuse.js auf ${fuseDocs.length} Personen mit ${fuseQueries.length} Abfragen, ILIKE mit ${ilike.length} | eigene Suche p50 ${result.p50_ms} ms, p95 ${result.p95_ms} ms, Recall ${result.recall}; Fuse.js p95 ${result.fuse_p95_ms} ms, Recall ${result.fuse_recall}; ILIKE p95 ${result.ilike_p95_ms} ms, Recall ${result.ilike_recall} (Budget bei 1 Mio.: p95 ≤ 30 ms, Recall ≥ 0,95) |\n`;
    appendResult(line);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  });
}

await main();
