import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { recordAudit } from '../audit/audit.js';
import { connect } from '../db/client.js';
import { backupFileName, errorText, OperatorError } from './operator.js';
import { countTocEntries, findPgTool, libpqConnection, PgToolFailed, runPgTool, type PgTool } from './pg-tools.js';

export interface AuditHead {
  seq: number;
  hash: string;
}

/** What a backup contained, written beside it as `<file>.json` so a restore (or an operator) can check it later. */
export interface BackupManifest {
  format: 'teilhabe-backup/1';
  file: string;
  createdAt: string;
  database: string;
  bytes: number;
  sha256: string;
  tables: number;
  auditEvents: number;
  auditHead: AuditHead | null;
  serverVersion: string;
  pgDump: string;
}

export interface BackupResult extends BackupManifest {
  path: string;
  manifestPath: string;
}

export const manifestPathOf = (file: string) => `${file}.json`;

export async function serverMajor(client: pg.ClientBase): Promise<{ major: number; version: string }> {
  const { rows } = await client.query<{ num: string; version: string }>(
    `SELECT current_setting('server_version_num') AS num, current_setting('server_version') AS version`,
  );
  return { major: Math.floor(Number(rows[0]!.num) / 10000), version: rows[0]!.version.split(' ')[0]! };
}

/** The newest link of the audit chain: a backup and its restore must show the same one. */
export async function auditHead(client: pg.ClientBase | pg.Pool): Promise<AuditHead | null> {
  const { rows } = await client.query<{ seq: string; hash: string }>('SELECT seq::text, hash FROM audit_events ORDER BY seq DESC LIMIT 1');
  return rows[0] ? { seq: Number(rows[0].seq), hash: rows[0].hash } : null;
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** `<dataDir>/backups/teilhabe-YYYYMMDD-HHMMSS.dump`, or the given file, or that name inside a given folder. */
export function resolveBackupPath(dataDir: string, out: string | undefined, now: Date): string {
  if (!out) return path.join(dataDir, 'backups', backupFileName(now));
  const resolved = path.resolve(out);
  if (out.endsWith(path.sep) || (fs.existsSync(resolved) && fs.statSync(resolved).isDirectory()))
    return path.join(resolved, backupFileName(now));
  return resolved;
}

/**
 * A consistent `pg_dump --format=custom` of one database. The `system.backup` audit event is written first, so the
 * dump contains it; the dump and the reported audit head come from one exported snapshot, so they match exactly even
 * while the app keeps writing. The file is written beside its final name and renamed once `pg_restore --list` has
 * read it back.
 */
export async function backupDatabase(opts: {
  databaseUrl: string;
  outFile: string;
  env?: NodeJS.ProcessEnv;
  log?: (m: string) => void;
}): Promise<BackupResult> {
  const log = opts.log ?? (() => {});
  const outFile = path.resolve(opts.outFile);
  const client = new pg.Client({ connectionString: opts.databaseUrl, application_name: 'teilhabe-backup' });
  await client.connect();
  let pgDump: PgTool;
  let pgRestore: PgTool;
  let server: { major: number; version: string };
  try {
    server = await serverMajor(client);
    pgDump = findPgTool('pg_dump', server.major, opts.env);
    pgRestore = findPgTool('pg_restore', pgDump.major, opts.env, path.dirname(pgDump.path));
  } catch (e) {
    await client.end();
    throw e;
  }
  log(`pg_dump ${pgDump.version} (${pgDump.path}), Server/server PostgreSQL ${server.version}`);

  const audit = connect(opts.databaseUrl, { max: 1 });
  const partial = `${outFile}.partial`;
  try {
    await recordAudit(audit.db, { actor: null }, { action: 'system.backup', details: { file: path.basename(outFile) } });

    fs.mkdirSync(path.dirname(outFile), { recursive: true, mode: 0o700 });
    // The dump holds personal data: only the owner may read it (pg_dump keeps the mode of an existing file).
    fs.writeFileSync(partial, '', { mode: 0o600 });

    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const snapshot = (await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id')).rows[0]!.id;
    const head = await auditHead(client);
    const events = Number((await client.query<{ n: string }>('SELECT count(*)::text AS n FROM audit_events')).rows[0]!.n);
    const database = (await client.query<{ db: string }>('SELECT current_database() AS db')).rows[0]!.db;

    const conn = libpqConnection(opts.databaseUrl);
    await runPgTool(pgDump, ['--format=custom', `--snapshot=${snapshot}`, `--file=${partial}`, `--dbname=${conn.uri}`], { env: conn.env });
    await client.query('COMMIT');

    const { stdout } = await runPgTool(pgRestore, ['--list', partial]);
    const { tables } = countTocEntries(stdout);
    if (tables === 0) throw new OperatorError('Die Sicherung enthält keine Tabellen.\nThe backup contains no tables.');
    const bytes = fs.statSync(partial).size;
    const sha256 = await sha256File(partial);
    fs.renameSync(partial, outFile);

    const manifest: BackupManifest = {
      format: 'teilhabe-backup/1',
      file: path.basename(outFile),
      createdAt: new Date().toISOString(),
      database,
      bytes,
      sha256,
      tables,
      auditEvents: events,
      auditHead: head,
      serverVersion: server.version,
      pgDump: pgDump.version,
    };
    const manifestPath = manifestPathOf(outFile);
    fs.writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    return { ...manifest, path: outFile, manifestPath };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    fs.rmSync(partial, { force: true });
    // The `system.backup` event above is already committed: say that this backup did not happen.
    await recordAudit(
      audit.db,
      { actor: null },
      {
        action: 'system.backup',
        outcome: 'failure',
        details: { file: path.basename(outFile), error: e instanceof PgToolFailed ? `${e.tool.name}_failed` : 'failed' },
      },
    ).catch(() => {});
    if (e instanceof PgToolFailed || e instanceof OperatorError) throw e;
    throw new OperatorError(`Sicherung fehlgeschlagen / backup failed: ${errorText(e)}`);
  } finally {
    await client.end().catch(() => {});
    await audit.close().catch(() => {});
  }
}
