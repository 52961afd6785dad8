import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const RESULTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'RESULTS.md');
const HEADER = '# Benchmark-Ergebnisse\n\n| Datum | Benchmark | Maschine (nproc × CPU) | Daten | Ergebnis |\n|---|---|---|---|---|\n';

/** Appends one table row to bench/RESULTS.md, creating the file with its header when it is missing. */
export function appendResult(line: string): void {
  if (!fs.existsSync(RESULTS)) fs.writeFileSync(RESULTS, HEADER);
  fs.appendFileSync(RESULTS, line);
}
