import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { connect, migrateDatabase } from '../src/platform/db/client.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/platform/db/embedded.js';

/**
 * One PostgreSQL for the whole integration run: the embedded one (default) or TEST_DATABASE_URL's server.
 * A template database is migrated once; every test file clones it (CREATE DATABASE … TEMPLATE …) in ~100 ms.
 */
export default async function setup(project: TestProject) {
  let embedded: EmbeddedPostgres | undefined;
  let dir: string | undefined;
  let adminUrl: string;
  if (process.env.TEST_DATABASE_URL) {
    adminUrl = process.env.TEST_DATABASE_URL;
  } else {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'teilhabe-test-'));
    fs.chmodSync(dir, 0o755);
    embedded = await startEmbeddedPostgres(dir, { fsync: false });
    adminUrl = embedded.url('postgres');
  }
  const template = `teilhabe_tpl_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  const url = new URL(adminUrl);
  url.pathname = `/${template}`;
  const database = connect(url.toString(), { max: 2 });
  await migrateDatabase(database);
  await database.close();
  project.provide('adminUrl', adminUrl);
  project.provide('templateDb', template);

  return async () => {
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`,
      [template, `teilhabe_t${process.pid}_%`],
    );
    for (const row of rows) await admin.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
    await admin.end();
    await embedded?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
    templateDb: string;
  }
}
