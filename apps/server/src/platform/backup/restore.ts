import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { recordAudit } from '../audit/audit.js';
import { verifyAuditChain } from '../audit/verify.js';
import { connect } from '../db/client.js';
import { auditHead, manifestPathOf, serverMajor, sha256File, type AuditHead, type BackupManifest } from './backup.js';
import { assertDatabaseName, databaseTimestamp, errorText, OperatorError } from './operator.js';
import { countTocEntries, findPgTool, lastLines, libpqConnection, PgToolFailed, runPgTool } from './pg-tools.js';

export interface RestoreOptions {
  file: string;
  /** URL (with password) of a database on the server; `database` replaces its name. */
  urlFor(database: string): string;
  /** Where to stay connected while creating, renaming and dropping databases. */
  maintenanceDatabase: string;
  /** The app's database, e.g. `teilhabe`. */
  liveDatabase: string;
  /**
   * true (the embedded cluster): the live database becomes `<live>_before_restore_<ts>` and the restored one takes its
   * name. false (a server from DATABASE_URL): the restored database keeps its new name; the operator switches over.
   */
  swap: boolean;
  /** Default `<live>_restore_<ts>`. */
  targetDatabase?: string;
  now?: Date;
  env?: NodeJS.ProcessEnv;
  log?: (m: string) => void;
}

export interface RestoreResult {
  /** The database that now holds the backup. */
  database: string;
  /** The database that was live before (only with `swap`, and only when there was one). */
  previousDatabase?: string;
  tables: number;
  auditEvents: number;
  /** The audit head as restored, before the `system.restore` event was appended. */
  auditHead: AuditHead | null;
  /** Whether a manifest (`<file>.json`) was found and its checksum and audit head matched. */
  manifest: 'matched' | 'absent';
}

export class RestoreError extends OperatorError {}

const quote = (name: string) => `"${assertDatabaseName(name)}"`;

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'teilhabe-restore' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

async function databaseExists(client: pg.Client, name: string): Promise<boolean> {
  return ((await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount ?? 0) > 0;
}

/** A database is renamed only with nobody connected; the app is stopped, so this ends stray sessions only. */
async function endSessions(client: pg.Client, database: string): Promise<void> {
  for (const until = Date.now() + 10_000; Date.now() < until;) {
    const { rowCount } = await client.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [database],
    );
    if (!rowCount) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

function readManifest(file: string): BackupManifest | undefined {
  const manifestPath = manifestPathOf(file);
  if (!fs.existsSync(manifestPath)) return undefined;
  try {
    const parsed = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as BackupManifest;
    return parsed.format === 'teilhabe-backup/1' ? parsed : undefined;
  } catch {
    throw new RestoreError(
      `Die Begleitdatei ${manifestPath} ist beschädigt. Ohne sie wiederherstellen: Datei entfernen und erneut starten.\n` +
        `The manifest ${manifestPath} is damaged. To restore without it, remove the file and run again.`,
    );
  }
}

/**
 * Restores a custom-format dump into a new, empty database with one transaction (all or nothing). A failed restore
 * drops that database again; the live database is never touched before the restored one has passed the audit-chain
 * check. With `swap`, both renames happen in one transaction and the old database is kept.
 */
export async function restoreDatabase(opts: RestoreOptions): Promise<RestoreResult> {
  const log = opts.log ?? (() => {});
  const file = path.resolve(opts.file);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    throw new RestoreError(`Die Sicherungsdatei ${file} gibt es nicht.\nThe backup file ${file} does not exist.`);
  }
  const ts = databaseTimestamp(opts.now ?? new Date());
  const live = assertDatabaseName(opts.liveDatabase);
  const target = assertDatabaseName(opts.targetDatabase ?? `${live}_restore_${ts}`);
  const previous = assertDatabaseName(`${live}_before_restore_${ts}`);
  const maintenanceUrl = opts.urlFor(opts.maintenanceDatabase);

  const manifest = readManifest(file);
  if (manifest) {
    const sum = await sha256File(file);
    if (sum !== manifest.sha256) {
      throw new RestoreError(
        `Die Sicherungsdatei ist beschädigt oder verändert: ihre Prüfsumme passt nicht zu ${path.basename(manifestPathOf(file))}. Es wurde nichts geändert.\n` +
          `The backup file is damaged or was altered: its checksum does not match ${path.basename(manifestPathOf(file))}. Nothing was changed.`,
      );
    }
  }

  const server = await withClient(maintenanceUrl, serverMajor);
  const pgRestore = findPgTool('pg_restore', server.major, opts.env);
  let tables: number;
  try {
    tables = countTocEntries((await runPgTool(pgRestore, ['--list', file])).stdout).tables;
  } catch (e) {
    const detail = e instanceof PgToolFailed ? lastLines(e.stderr, 5) : errorText(e);
    throw new RestoreError(
      `${file} ist keine lesbare Teilhabe-Sicherung (pg_dump --format=custom). Es wurde nichts geändert.\n` +
        `${file} is not a readable Teilhabe backup (pg_dump --format=custom). Nothing was changed.\n${detail}`,
    );
  }

  await withClient(maintenanceUrl, async (c) => {
    if (await databaseExists(c, target)) {
      throw new RestoreError(`Die Datenbank ${target} gibt es schon.\nThe database ${target} already exists.`);
    }
    // template0: an empty database, whatever was added to template1.
    await c.query(`CREATE DATABASE ${quote(target)} TEMPLATE template0`);
  });
  const dropTarget = () =>
    withClient(maintenanceUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${quote(target)} WITH (FORCE)`)).catch((e: unknown) =>
      log(`Konnte ${target} nicht löschen / could not drop ${target}: ${errorText(e)}`),
    );

  log(`pg_restore ${pgRestore.version} → ${target}`);
  let head: AuditHead | null;
  let events: number;
  try {
    const conn = libpqConnection(opts.urlFor(target));
    await runPgTool(pgRestore, ['--exit-on-error', '--single-transaction', '--no-owner', `--dbname=${conn.uri}`, file], { env: conn.env });
    const checked = await withClient(opts.urlFor(target), async (c) => {
      const report = await verifyAuditChain(c);
      return { report, head: await auditHead(c) };
    });
    if (!checked.report.ok) {
      const b = checked.report.firstBroken!;
      throw new RestoreError(
        `Die Audit-Kette der Sicherung ist unterbrochen (seq ${b.seq}, id ${b.id}): ${b.reason}. Wiederherstellung abgebrochen, es wurde nichts geändert.\n` +
          `The backup's audit chain is broken (seq ${b.seq}, id ${b.id}). Restore aborted; nothing was changed.`,
      );
    }
    if (manifest && (manifest.auditHead?.seq !== checked.head?.seq || manifest.auditHead?.hash !== checked.head?.hash)) {
      throw new RestoreError(
        `Das letzte Audit-Ereignis der wiederhergestellten Daten (seq ${checked.head?.seq ?? '–'}) ist nicht das der Sicherung (seq ${manifest.auditHead?.seq ?? '–'}). Wiederherstellung abgebrochen.\n` +
          `The restored data's last audit event (seq ${checked.head?.seq ?? '–'}) is not the backup's (seq ${manifest.auditHead?.seq ?? '–'}). Restore aborted.`,
      );
    }
    head = checked.head;
    events = checked.report.checked;
  } catch (e) {
    await dropTarget();
    if (e instanceof RestoreError) throw e;
    const detail = e instanceof PgToolFailed ? lastLines(e.stderr, 8) : errorText(e);
    throw new RestoreError(
      `Wiederherstellung fehlgeschlagen; die neue Datenbank ${target} wurde wieder entfernt, die laufende Datenbank ist unverändert.\n` +
        `Restore failed; the new database ${target} was removed again, the live database is unchanged.\n${detail}`,
    );
  }

  let database = target;
  let previousDatabase: string | undefined;
  if (opts.swap) {
    await withClient(maintenanceUrl, async (c) => {
      const hadLive = await databaseExists(c, live);
      if (hadLive) await endSessions(c, live);
      await c.query('BEGIN');
      try {
        if (hadLive) await c.query(`ALTER DATABASE ${quote(live)} RENAME TO ${quote(previous)}`);
        await c.query(`ALTER DATABASE ${quote(target)} RENAME TO ${quote(live)}`);
        await c.query('COMMIT');
      } catch (e) {
        await c.query('ROLLBACK').catch(() => {});
        throw new RestoreError(
          `Die Sicherung liegt geprüft in ${target}, aber der Austausch mit ${live} ist fehlgeschlagen (${errorText(e)}). ${live} ist unverändert.\n` +
            `The backup is restored and verified in ${target}, but swapping it with ${live} failed. ${live} is unchanged.`,
        );
      }
      if (hadLive) previousDatabase = previous;
    });
    database = live;
  }

  const audit = connect(opts.urlFor(database), { max: 1 });
  try {
    await recordAudit(
      audit.db,
      { actor: null },
      {
        action: 'system.restore',
        details: { file: path.basename(file), previousDatabase: previousDatabase ?? null, restoredAuditSeq: head?.seq ?? null },
      },
    );
  } finally {
    await audit.close();
  }
  return { database, previousDatabase, tables, auditEvents: events, auditHead: head, manifest: manifest ? 'matched' : 'absent' };
}
