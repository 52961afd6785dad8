/**
 * Benchmark: ranking interpreters for one request (`rankCandidatesFor`: one SQL query + the pure ranking function) with
 * 2,000 interpreters and 50,000 existing assignments, in a temporary embedded PostgreSQL. Budget: p95 ≤ 100 ms.
 *
 *   npm run bench:matching                  # defaults
 *   INTERPRETERS=500 ASSIGNMENTS=10000 npm run bench:matching
 *
 * Prints progress, appends a line to bench/RESULTS.md and ends with one JSON line:
 * {"interpreters", "assignments", "p50_ms", "p95_ms"}.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { DEFAULT_INTERPRETER_POOL_SETTINGS } from '@teilhabe/shared';
import { addDays, berlinToday, berlinWallTimeToInstant, isoWeekday } from '@teilhabe/shared/interpreters/workdays';
import type { Tx } from '../apps/server/src/platform/db/client.js';
import { AuditWriter } from '../apps/server/src/platform/audit/audit.js';
import type { RequestContext } from '../apps/server/src/platform/http/context.js';
import { makeKreis } from '../apps/server/src/seed/factories.js';
import * as repo from '../apps/server/src/modules/interpreters/interpreters.repository.js';
import { rankCandidatesFor } from '../apps/server/src/modules/interpreters/requests.service.js';
import { withBenchDatabase } from './database.js';
import { appendResult } from './results.js';

const INTERPRETERS = Number(process.env.INTERPRETERS ?? 2000);
const ASSIGNMENTS = Number(process.env.ASSIGNMENTS ?? 50_000);
const RUNS = Number(process.env.RUNS ?? 200);
const LANGS: [string, number][] = [['ar', 20], ['uk', 12], ['ru', 8], ['fa', 12], ['ps', 5], ['tr', 10], ['ku', 8], ['ti', 5], ['so', 4], ['ro', 6], ['bg', 5], ['sq', 5]];

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function main() {
  const log = (m: string) => process.stderr.write(`${m}\n`);
  await withBenchDatabase('matching', { max: 4, log }, async (database) => {
    const db = database.db;
    const tree = await makeKreis(db);
    const random = rng(4711);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const weighted = () => {
      let r = random() * LANGS.reduce((s, [, w]) => s + w, 0);
      for (const [code, w] of LANGS) if ((r -= w) <= 0) return code;
      return 'ar';
    };

    log(`Lege ${INTERPRETERS} Sprachmittler:innen an …`);
    const slots = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, from: '08:00', to: '18:00' }));
    const ids = await repo.bulkInsertInterpreters(
      db,
      Array.from({ length: INTERPRETERS }, (_, i) => ({
        firstName: `Vorname${i}`,
        lastName: `Nachname${i}`,
        homeAgs: pick(tree.kommunen).ags,
        gender: random() < 0.6 ? 'female' : 'male',
        basicTrainingOn: '2023-01-01',
        advancedTrainingOn: random() < 0.4 ? '2024-01-01' : null,
        confidentialitySignedOn: '2023-01-01',
        availability: slots,
        absences: random() < 0.1 ? [{ from: addDays(berlinToday(), 5), to: addDays(berlinToday(), 20) }] : [],
        servedAgs: [pick(tree.kommunen).ags],
        maxTravelKm: 20,
      })),
    );
    const languageRows = ids.flatMap(({ id }) => {
      const first = weighted();
      const second = weighted();
      return [{ interpreterId: id, languageCode: first, dialects: [], level: 'native' }, ...(second !== first && random() < 0.5 ? [{ interpreterId: id, languageCode: second, dialects: [], level: 'C1' }] : [])];
    });
    await repo.bulkInsertLanguages(db, languageRows);

    log(`Lege ${ASSIGNMENTS} Einsätze (mit Anfragen) über ±6 Monate an …`);
    const institution = await repo.findOrCreateInstitution(db, { name: 'Bench-Schule', kind: 'schule', ags: tree.kommunen[0]!.ags });
    const numbers = await repo.reserveRequestNumbers(db, ASSIGNMENTS);
    const now = Date.now();
    const requests = Array.from({ length: ASSIGNMENTS }, (_, i) => {
      const startsAt = new Date(now + Math.floor((random() * 365 - 182) * 86_400_000 / 1_800_000) * 1_800_000);
      return {
        reference: `SM-B-${numbers[i]}`,
        channel: 'public',
        status: 'completed',
        institutionId: institution.id,
        contactName: 'Bench',
        contactEmail: 'bench@example.org',
        contactPhone: '0',
        languageCode: weighted(),
        startsAt,
        endsAt: new Date(startsAt.getTime() + 3_600_000),
        durationMinutes: 60,
        mode: 'in_person',
        ags: tree.kommunen[0]!.ags,
        topic: 'elterngespraech_schule',
      };
    });
    const requestIds = await repo.bulkInsertRequests(db, requests);
    await repo.bulkInsertAssignments(
      db,
      requests.map((r, i) => ({
        requestId: requestIds[i]!.id,
        interpreterId: pick(ids).id,
        status: r.startsAt.getTime() < now ? 'completed' : 'confirmed',
        startsAt: r.startsAt,
        endsAt: r.endsAt,
        feeTier: 'basic',
        actualMinutes: r.startsAt.getTime() < now ? 60 : null,
      })),
    );
    await database.pool.query('ANALYZE');

    // The request to rank: Arabic, 10:00 in two weeks, on site in a Kommune of the Kreis.
    let date = addDays(berlinToday(), 14);
    while (isoWeekday(date) > 5) date = addDays(date, 1);
    const startsAt = berlinWallTimeToInstant(date, '10:00');
    const request = await repo.insertRequest(db, {
      reference: 'SM-B-ZIEL',
      channel: 'public',
      institutionId: institution.id,
      contactName: 'Bench',
      contactEmail: 'bench@example.org',
      contactPhone: '0',
      languageCode: 'ar',
      dialect: null,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3_600_000),
      durationMinutes: 60,
      mode: 'in_person',
      ags: tree.kommunen[3]!.ags,
      topic: 'elterngespraech_schule',
    });
    const ctx = { actor: null, tx: db as unknown as Tx, audit: new AuditWriter(db, { actor: null }), requestId: 'bench', ip: '127.0.0.1' } satisfies RequestContext;

    log(`Messe ${RUNS} Rankings (nach 20 Aufwärmläufen) …`);
    let candidates = 0;
    for (let i = 0; i < 20; i++) await rankCandidatesFor(ctx, request, DEFAULT_INTERPRETER_POOL_SETTINGS);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const ranked = await rankCandidatesFor(ctx, request, DEFAULT_INTERPRETER_POOL_SETTINGS);
      times.push(performance.now() - t0);
      candidates = ranked.length;
    }
    times.sort((a, b) => a - b);
    // The share of the one SQL query (candidate facts) in the total, for the log only.
    const sqlTimes: number[] = [];
    const month = { from: new Date(startsAt.getTime() - 30 * 86_400_000), to: new Date(startsAt.getTime() + 30 * 86_400_000) };
    for (let i = 0; i < Math.min(RUNS, 50); i++) {
      const t0 = performance.now();
      await repo.candidateFacts(db, { languageCode: 'ar', requestId: request.id, windowStart: startsAt, windowEnd: request.endsAt, monthStart: month.from, monthEnd: month.to, institutionId: institution.id, caseId: null });
      sqlTimes.push(performance.now() - t0);
    }
    sqlTimes.sort((a, b) => a - b);
    log(`davon SQL-Abfrage: p50 ${percentile(sqlTimes, 50).toFixed(1)} ms, p95 ${percentile(sqlTimes, 95).toFixed(1)} ms`);
    const result = {
      interpreters: INTERPRETERS,
      assignments: ASSIGNMENTS,
      p50_ms: Math.round(percentile(times, 50) * 100) / 100,
      p95_ms: Math.round(percentile(times, 95) * 100) / 100,
    };
    log(`${candidates} Kandidat:innen für Arabisch; p50 ${result.p50_ms} ms, p95 ${result.p95_ms} ms (Budget p95 ≤ 100 ms)`);

    const cpu = os.cpus()[0]?.model ?? 'unbekannt';
    const line = `| ${new Date().toISOString().slice(0, 10)} | matching | ${os.cpus().length} × ${cpu} | ${INTERPRETERS} Sprachmittler:innen, ${ASSIGNMENTS} Einsätze, ${candidates} Kandidat:innen | p50 ${result.p50_ms} ms, p95 ${result.p95_ms} ms (Budget p95 ≤ 100 ms) |\n`;
    appendResult(line);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  });
}

await main();
