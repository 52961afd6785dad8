import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connect, migrateDatabase, type Database } from '../apps/server/src/platform/db/client.js';
import { ensureDatabase, startEmbeddedPostgres } from '../apps/server/src/platform/db/embedded.js';

/**
 * Runs a benchmark against a fresh, migrated database `bench` in a temporary embedded PostgreSQL (fsync off), and
 * removes cluster and folder afterwards, also when the benchmark fails. `beforeMigrate` can attach listeners to the pool.
 * With BENCH_DATABASE_URL set (an empty database on a PostgreSQL server) the benchmark runs there instead, and the
 * data stay for a closer look afterwards.
 */
export async function withBenchDatabase<T>(
  name: string,
  opts: { max: number; log: (message: string) => void; beforeMigrate?: (database: Database) => void },
  run: (database: Database) => Promise<T>,
): Promise<T> {
  const serverUrl = process.env.BENCH_DATABASE_URL;
  if (serverUrl) {
    opts.log(`Benchmark auf ${serverUrl.replace(/\/\/[^@]*@/, '//')} (bleibt danach bestehen) …`);
    return inDatabase(serverUrl, opts, run);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `teilhabe-bench-${name}-`));
  fs.chmodSync(dir, 0o755);
  opts.log(`Starte eingebettetes PostgreSQL in ${dir} …`);
  const pg = await startEmbeddedPostgres(dir, { fsync: false });
  try {
    await ensureDatabase(pg.url('postgres'), 'bench');
    return await inDatabase(pg.url('bench'), opts, run);
  } finally {
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function inDatabase<T>(url: string, opts: { max: number; beforeMigrate?: (database: Database) => void }, run: (database: Database) => Promise<T>): Promise<T> {
  const database = connect(url, { max: opts.max });
  try {
    opts.beforeMigrate?.(database);
    await migrateDatabase(database);
    return await run(database);
  } finally {
    await database.close();
  }
}
