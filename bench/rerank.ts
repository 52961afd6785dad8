/**
 * Offline ranking check: reads the candidates `npm run bench:people -- --dump FILE` wrote and ranks them again with
 * the current scoring (names/match.ts), without a database. Prints the recall (target among the first 20 in-scope
 * hits) and, with --misses, every miss with the target's rank and the hits ranked above it.
 *
 *   node --import tsx bench/rerank.ts /tmp/people-candidates.json [--misses]
 */
import fs from 'node:fs';
import type { SearchCandidateRow } from '../apps/server/src/modules/people/people.repository.js';
import { rankCandidates } from '../apps/server/src/modules/people/people.service.js';

const [file, ...rest] = process.argv.slice(2);
if (!file) throw new Error('Aufruf: bench/rerank.ts DUMP.json [--misses]');
const dump = JSON.parse(fs.readFileSync(file, 'utf8')) as { q: string; target: string; rows: SearchCandidateRow[] }[];
const K = 20;
let hits = 0;
const causes = new Map<string, number>();
const name = (r: SearchCandidateRow) => `${r.given_names} ${r.family_name} / ${r.native_given_names} ${r.native_family_name}`.trim();
for (const { q, target, rows } of dump) {
  const ranked = rankCandidates(rows, { name: q }).filter((s) => s.row.in_scope);
  const at = ranked.findIndex((s) => s.row.id === target);
  if (at >= 0 && at < K) {
    hits++;
    continue;
  }
  const cause = !rows.some((r) => r.id === target) ? 'kein Kandidat' : at < 0 ? 'unter der Schwelle' : 'verdrängt';
  causes.set(cause, (causes.get(cause) ?? 0) + 1);
  if (rest.includes('--misses')) {
    const t = rows.find((r) => r.id === target);
    const own = at >= 0 ? ranked[at]!.match : null;
    process.stdout.write(`${cause}: "${q}" → ${t ? name(t) : '?'} (Rang ${at + 1}, ${own?.score ?? '–'})\n`);
    for (const s of ranked.slice(0, at >= 0 ? 3 : 0)) process.stdout.write(`    ${s.match.score} ${name(s.row)}\n`);
  }
}
process.stdout.write(`Recall ${(hits / dump.length).toFixed(3)} (${hits}/${dump.length}); ${[...causes].map(([c, n]) => `${c} ${n}`).join(', ')}\n`);
