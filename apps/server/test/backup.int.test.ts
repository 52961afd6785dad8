import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it, type TestContext } from 'vitest';
import { recordAudit } from '../src/platform/audit/audit.js';
import { verifyAuditChain } from '../src/platform/audit/verify.js';
import { auditHead, backupDatabase, manifestPathOf, serverMajor, type BackupResult } from '../src/platform/backup/backup.js';
import { databaseOf, databaseTimestamp, OperatorError, withDatabase } from '../src/platform/backup/operator.js';
import { findPgTool } from '../src/platform/backup/pg-tools.js';
import { RestoreError, restoreDatabase } from '../src/platform/backup/restore.js';
import { makeKreis, makeUser } from '../src/seed/factories.js';
import { createTestDatabase } from './harness.js';

/**
 * Backup and restore on real PostgreSQL with the machine's pg_dump/pg_restore (Debian: postgresql-client).
 * Without them the suite skips locally and fails in CI, where they are part of the contract.
 */
const adminUrl = inject('adminUrl');
const maintenanceDatabase = databaseOf(adminUrl);
const urlFor = (db: string) => withDatabase(adminUrl, db);
const inCi = ['true', '1'].includes(process.env.CI ?? '');

let toolsMissing: string | undefined;
let source: Awaited<ReturnType<typeof createTestDatabase>>;
let sourceName: string;
let dir: string;
let backup: BackupResult;
const created = new Set<string>();

function needTools(ctx: TestContext) {
  if (!toolsMissing) return;
  if (inCi) throw new Error(`pg_dump/pg_restore fehlen, in CI sind sie Pflicht / are required in CI:\n${toolsMissing}`);
  ctx.skip(`pg_dump/pg_restore nicht gefunden / not found – apt-get install postgresql-client. ${toolsMissing.split('\n')[0]}`);
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const databaseExists = (name: string) =>
  admin(async (c) => ((await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount ?? 0) > 0);

async function databasesLike(prefix: string): Promise<string[]> {
  return admin(async (c) =>
    (await c.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1) ORDER BY 1', [prefix])).rows.map(
      (r) => r.datname,
    ),
  );
}

/** Row counts of every table outside the system schemas (the app's, drizzle's, pg-boss's). */
async function tableCounts(url: string): Promise<Record<string, number>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ schema: string; name: string }>(
      `SELECT n.nspname AS schema, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
       ORDER BY 1, 2`,
    );
    const counts: Record<string, number> = {};
    for (const r of rows) {
      counts[`${r.schema}.${r.name}`] = Number(
        (await c.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${r.schema}"."${r.name}"`)).rows[0]!.n,
      );
    }
    return counts;
  } finally {
    await c.end();
  }
}

async function withDb<T>(name: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: urlFor(name) });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  const major = await admin((c) => serverMajor(c));
  try {
    findPgTool('pg_dump', major.major);
    findPgTool('pg_restore', major.major);
  } catch (e) {
    toolsMissing = (e as Error).message;
  }
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'teilhabe-backup-test-'));
  source = await createTestDatabase();
  sourceName = databaseOf(source.url);
  const db = source.database.db;
  const tree = await makeKreis(db);
  await makeUser(db, {
    email: 'backup-admin@test.example',
    displayName: 'Backup Admin',
    password: 'Korrekt-Pferd-Batterie-42',
    memberships: [{ organisationId: tree.kreis.id, role: 'admin' }],
  });
  await makeUser(db, {
    email: 'backup-cm@test.example',
    displayName: 'Backup CM',
    memberships: [{ organisationId: tree.orgs.kimTroisdorf!.id, role: 'case_manager' }],
  });
  for (const action of ['users.create', 'organisations.update', 'auth.login']) {
    await recordAudit(db, { actor: null }, { action, subjectType: 'organisation', subjectId: tree.kreis.id, details: { test: true } });
  }
});

afterAll(async () => {
  await source.database.close().catch(() => {});
  for (const name of [sourceName, ...created])
    await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).catch(() => {});
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('backs up with a system.backup event inside the dump and reports the audit head', async (ctx) => {
    needTools(ctx);
    backup = await backupDatabase({ databaseUrl: source.url, outFile: path.join(dir, 'teilhabe-test.dump') });
    expect(fs.statSync(backup.path).size).toBe(backup.bytes);
    expect(fs.statSync(backup.path).mode & 0o077).toBe(0);
    expect(backup.tables).toBeGreaterThan(10);
    expect(fs.existsSync(`${backup.path}.partial`)).toBe(false);
    const head = await auditHead(source.database.pool);
    expect(backup.auditHead).toEqual(head);
    const last = await source.database.pool.query<{ action: string; details: { file: string } }>(
      'SELECT action, details FROM audit_events WHERE seq = $1',
      [head!.seq],
    );
    expect(last.rows[0]).toMatchObject({ action: 'system.backup', details: { file: 'teilhabe-test.dump' } });
    expect(JSON.parse(fs.readFileSync(manifestPathOf(backup.path), 'utf8'))).toMatchObject({ sha256: backup.sha256, auditHead: head });
  });

  it('restores into a fresh database with the same rows in every table and the same audit chain', async (ctx) => {
    needTools(ctx);
    const target = `${sourceName}_copy`;
    created.add(target);
    const result = await restoreDatabase({
      file: backup.path,
      urlFor,
      maintenanceDatabase,
      liveDatabase: sourceName,
      swap: false,
      targetDatabase: target,
    });
    expect(result).toMatchObject({ database: target, manifest: 'matched', auditHead: backup.auditHead });

    const before = await tableCounts(source.url);
    const after = await tableCounts(urlFor(target));
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const table of Object.keys(before)) {
      // The restore appends exactly one event of its own: system.restore.
      expect({ table, rows: after[table] }).toEqual({ table, rows: before[table]! + (table === 'public.audit_events' ? 1 : 0) });
    }
    expect(before['public.organisations']).toBeGreaterThan(20);
    expect(before['public.users']).toBe(2);

    await withDb(target, async (c) => {
      expect((await verifyAuditChain(c)).ok).toBe(true);
      const atHead = await c.query<{ hash: string }>('SELECT hash FROM audit_events WHERE seq = $1', [backup.auditHead!.seq]);
      expect(atHead.rows[0]!.hash).toBe(backup.auditHead!.hash);
      const last = await c.query<{ action: string; prev_hash: string }>(
        'SELECT action, prev_hash FROM audit_events ORDER BY seq DESC LIMIT 1',
      );
      expect(last.rows[0]).toEqual({ action: 'system.restore', prev_hash: backup.auditHead!.hash });
    });
    // The source is untouched.
    expect(await auditHead(source.database.pool)).toEqual(backup.auditHead);
  });

  it('swaps the restored database in and keeps the previous one under a new name', async (ctx) => {
    needTools(ctx);
    const live = `${sourceName}_live`;
    created.add(live);
    await admin((c) => c.query(`CREATE DATABASE "${live}" TEMPLATE template0`));
    await withDb(live, (c) => c.query(`CREATE TABLE marker (note text); INSERT INTO marker VALUES ('vorher')`));
    const now = new Date(2031, 0, 2, 3, 4, 5);
    const previous = `${live}_before_restore_${databaseTimestamp(now)}`;
    created.add(previous);

    const result = await restoreDatabase({ file: backup.path, urlFor, maintenanceDatabase, liveDatabase: live, swap: true, now });
    expect(result).toMatchObject({ database: live, previousDatabase: previous });
    expect(await databaseExists(`${live}_restore_${databaseTimestamp(now)}`)).toBe(false);
    await withDb(previous, async (c) => expect((await c.query('SELECT note FROM marker')).rows).toEqual([{ note: 'vorher' }]));
    await withDb(live, async (c) => {
      expect((await verifyAuditChain(c)).ok).toBe(true);
      expect((await c.query('SELECT count(*)::int AS n FROM users')).rows[0].n).toBe(2);
    });
  });

  it('refuses a truncated or bit-flipped dump and leaves no restored database behind', async (ctx) => {
    needTools(ctx);
    const bytes = fs.readFileSync(backup.path);
    const now = new Date(2031, 5, 6, 7, 8, 9);
    const prefix = `${sourceName}_restore_`;

    // Truncated at the end (the table of contents is intact, table data is cut), without its manifest: pg_restore
    // itself must fail, and the database it was filling is dropped again.
    const truncated = path.join(dir, 'truncated.dump');
    fs.writeFileSync(truncated, bytes.subarray(0, bytes.length - 200));
    const steps: string[] = [];
    const failure = await restoreDatabase({
      file: truncated,
      urlFor,
      maintenanceDatabase,
      liveDatabase: sourceName,
      swap: false,
      now,
      log: (m) => steps.push(m),
    }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(RestoreError);
    expect(steps.join('\n')).toMatch(/pg_restore .* → /);
    expect((failure as Error).message).toMatch(
      /wieder entfernt, die laufende Datenbank ist unverändert[\s\S]*removed again, the live database is unchanged/,
    );
    expect((failure as Error).message).toMatch(/could not read from input file|end of file/);

    // Bit-flipped inside the compressed table data, without a manifest: pg_restore fails on the data.
    const dataFlipped = path.join(dir, 'data-flipped.dump');
    const copy = Buffer.from(bytes);
    for (const back of [60, 40, 20]) copy[copy.length - back]! ^= 0xff;
    fs.writeFileSync(dataFlipped, copy);
    await expect(
      restoreDatabase({ file: dataFlipped, urlFor, maintenanceDatabase, liveDatabase: sourceName, swap: false, now }),
    ).rejects.toThrow(/removed again/);

    // Bit-flipped anywhere, with the manifest written by the backup: the checksum stops it before a database exists
    // (a flip in the table of contents can otherwise restore silently with, say, an index missing).
    const flipped = path.join(dir, 'flipped.dump');
    const copy2 = Buffer.from(bytes);
    copy2[Math.floor(copy2.length / 2)]! ^= 0x01;
    fs.writeFileSync(flipped, copy2);
    fs.copyFileSync(manifestPathOf(backup.path), manifestPathOf(flipped));
    await expect(
      restoreDatabase({ file: flipped, urlFor, maintenanceDatabase, liveDatabase: sourceName, swap: false, now }),
    ).rejects.toThrow(/Prüfsumme[\s\S]*checksum/);

    expect(await databasesLike(prefix)).toEqual([]);
    expect(await auditHead(source.database.pool)).toEqual(backup.auditHead);
  });

  it('names the missing pg_dump and writes nothing when it cannot be found', async () => {
    const events = await source.database.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events');
    const error = await backupDatabase({
      databaseUrl: source.url,
      outFile: path.join(dir, 'never.dump'),
      env: { ...process.env, PG_DUMP: path.join(dir, 'no-such-pg_dump') },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OperatorError);
    expect((error as OperatorError).exitCode).toBe(2);
    expect((error as Error).message).toMatch(/apt-get install postgresql-client/);
    expect((error as Error).message).toMatch(/nicht gefunden[\s\S]*not found/);
    expect(fs.existsSync(path.join(dir, 'never.dump'))).toBe(false);
    expect((await source.database.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events')).rows[0]!.n).toBe(
      events.rows[0]!.n,
    );
  });
});
