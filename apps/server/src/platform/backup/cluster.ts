import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config.js';
import { DataDirLockedError, lockDataDir, startEmbeddedPostgres } from '../db/embedded.js';
import { databaseOf, OperatorError, withDatabase } from './operator.js';

/** The database the app uses in its embedded cluster (see platform/runtime.ts). */
export const EMBEDDED_DATABASE = 'teilhabe';

/**
 * The PostgreSQL server holding an installation's data, opened the way the app opens it:
 * - `server`: DATABASE_URL's server;
 * - `embedded`: the data folder's cluster, started by this process (the app is not running; we hold its lock);
 * - `app-running`: the cluster the running app started in the data folder, which we connect to alongside it.
 */
export interface Cluster {
  kind: 'server' | 'embedded' | 'app-running';
  /** The app's database on this server. */
  database: string;
  /** A URL (with password) of any database on this server. */
  url(database?: string): string;
  /** A database to stay connected to while creating, renaming or dropping others. */
  maintenanceDatabase: string;
  dataDir?: string;
  /** PID of the running app (kind `app-running`). */
  appPid?: number;
  close(): Promise<void>;
}

export interface PostmasterInfo {
  pid: number;
  dataDir: string;
  port: number;
  host: string;
  status: string;
}

/** `postmaster.pid`: pid, data folder, start time, port, socket folder, listen address, shared memory key, status. */
export function parsePostmasterPid(text: string): PostmasterInfo | undefined {
  const lines = text.split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return undefined;
  const listen = (lines[5] ?? '').trim().split(/[\s,]+/)[0] ?? '';
  const host = !listen || listen === '*' || listen === '0.0.0.0' ? '127.0.0.1' : listen === '::' ? '::1' : listen;
  return { pid, dataDir: lines[1] ?? '', port, host, status: (lines[7] ?? '').trim() };
}

export class NoClusterError extends OperatorError {}
export class AppRunningError extends OperatorError {}

function readLockPid(dataDir: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(path.join(dataDir, 'teilhabe.pid'), 'utf8'));
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** The app holds the data folder: find its PostgreSQL through `postmaster.pid` and the password file. */
async function attachToRunningApp(dataDir: string, timeoutMs: number): Promise<Cluster> {
  const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
  const deadline = Date.now() + timeoutMs;
  let info: PostmasterInfo | undefined;
  for (;;) {
    try {
      info = parsePostmasterPid(fs.readFileSync(pidFile, 'utf8'));
    } catch {
      info = undefined;
    }
    if (info && info.status === 'ready') break;
    if (Date.now() > deadline) {
      throw new OperatorError(
        `Teilhabe läuft mit dem Datenordner ${dataDir}, aber dessen PostgreSQL ist (noch) nicht bereit. Bitte gleich erneut versuchen.\n` +
          `Teilhabe is running on the data folder ${dataDir}, but its PostgreSQL is not ready (yet). Please try again in a moment.`,
        2,
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const password = fs.readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim();
  const host = info.host.includes(':') ? `[${info.host}]` : info.host;
  const base = `postgres://postgres:${encodeURIComponent(password)}@${host}:${info.port}/postgres`;
  return {
    kind: 'app-running',
    database: EMBEDDED_DATABASE,
    maintenanceDatabase: 'postgres',
    url: (database = EMBEDDED_DATABASE) => withDatabase(base, database),
    dataDir,
    appPid: readLockPid(dataDir),
    close: async () => {},
  };
}

/**
 * Connects to the cluster of an installation whether or not the app is running: DATABASE_URL's server; else the
 * embedded cluster in the data folder — started here under the app's lock when the app is not running, or shared
 * with the running app (unless `exclusive`, which refuses then).
 */
export async function openCluster(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  opts: { exclusive?: boolean; allowCreate?: boolean; log?: (m: string) => void; waitForAppMs?: number } = {},
): Promise<Cluster> {
  if (config.databaseUrl) {
    const serverUrl = config.databaseUrl;
    const database = databaseOf(serverUrl);
    return {
      kind: 'server',
      database,
      // Connecting to the app's own database needs no extra rights; CREATE DATABASE works from any database.
      maintenanceDatabase: database,
      url: (db = database) => withDatabase(serverUrl, db),
      close: async () => {},
    };
  }
  const dataDir = config.dataDir;
  const hasCluster = fs.existsSync(path.join(dataDir, 'pg', 'PG_VERSION'));
  if (!hasCluster && !opts.allowCreate) {
    throw new NoClusterError(
      `Im Datenordner ${dataDir} gibt es keine Teilhabe-Datenbank (pg/PG_VERSION fehlt). TEILHABE_DATA_DIR oder DATABASE_URL prüfen.\n` +
        `There is no Teilhabe database in the data folder ${dataDir} (pg/PG_VERSION is missing). Check TEILHABE_DATA_DIR or DATABASE_URL.`,
      2,
    );
  }
  let unlock: () => void;
  try {
    unlock = lockDataDir(dataDir);
  } catch (e) {
    if (!(e instanceof DataDirLockedError)) throw e;
    if (opts.exclusive) {
      const pid = readLockPid(dataDir);
      throw new AppRunningError(
        `Teilhabe läuft gerade mit dem Datenordner ${dataDir}${pid ? ` (PID ${pid})` : ''}. Bitte die Anwendung zuerst beenden (Strg+C bzw. systemctl stop) und dann erneut versuchen.\n` +
          `Teilhabe is running on the data folder ${dataDir}${pid ? ` (PID ${pid})` : ''}. Stop the application first (Ctrl+C or systemctl stop), then try again.`,
        3,
      );
    }
    return attachToRunningApp(dataDir, opts.waitForAppMs ?? 30_000);
  }
  try {
    const embedded = await startEmbeddedPostgres(dataDir, { log: opts.log });
    return {
      kind: 'embedded',
      database: EMBEDDED_DATABASE,
      maintenanceDatabase: 'postgres',
      url: (database = EMBEDDED_DATABASE) => embedded.url(database),
      dataDir,
      async close() {
        await embedded.stop();
        unlock();
      },
    };
  } catch (e) {
    unlock();
    throw e;
  }
}
