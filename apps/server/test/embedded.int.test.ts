import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig, type Config } from '../src/config.js';
import { openCluster, parsePostmasterPid } from '../src/platform/backup/cluster.js';
import { migrateDatabase } from '../src/platform/db/client.js';
import { DataDirLockedError } from '../src/platform/db/embedded.js';
import { openDatabase } from '../src/platform/runtime.js';

/** The embedded PostgreSQL in a data folder: one app per folder, stale locks taken over, a killed app's server handled. */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
// Several tests start the real app as a process (compiling it with tsx), and crash recovery checkpoints with fsync.
vi.setConfig({ testTimeout: 120_000 });

let template: string;
let dir: string;
let config: Config;
const children: ChildProcess[] = [];

function tempDataDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'teilhabe-embedded-test-'));
  fs.chmodSync(d, 0o755); // as root, PostgreSQL runs as the postgres user and must enter the folder
  return d;
}

const configFor = (dataDir: string): Config => ({ ...loadConfig({}), dataDir, databaseUrl: undefined, seedDemo: false });

// initdb and the migrations take seconds: every test starts from a copy of one migrated data folder.
beforeAll(async () => {
  template = tempDataDir();
  const handle = await openDatabase(configFor(template));
  await migrateDatabase(handle.database);
  await handle.close();
});
afterAll(() => fs.rmSync(template, { recursive: true, force: true }));

beforeEach(() => {
  dir = tempDataDir();
  fs.cpSync(template, dir, { recursive: true });
  config = configFor(dir);
});

afterEach(async () => {
  for (const child of children.splice(0)) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // gone
    }
  }
  stopPostmasterOf(dir);
  fs.rmSync(dir, { recursive: true, force: true });
});

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat[stat.lastIndexOf(')') + 2] !== 'Z';
  } catch {
    return false;
  }
}

function postmaster(dataDir: string) {
  try {
    return parsePostmasterPid(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8'));
  } catch {
    return undefined;
  }
}

/** A failed test must not leave a PostgreSQL running in a deleted folder. */
function stopPostmasterOf(dataDir: string) {
  const pm = postmaster(dataDir);
  if (pm && running(pm.pid)) process.kill(pm.pid, 'SIGQUIT');
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** The real app (main.ts) as a separate process in its own process group; resolves when it serves or exits. */
async function startApp(
  dataDir: string,
): Promise<{ child: ChildProcess; exit: Promise<{ code: number | null; output: string }>; ready: Promise<boolean> }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TEILHABE_DATA_DIR: dataDir,
    PORT: String(await freePort()),
    TEILHABE_SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  let onReady: (ok: boolean) => void = () => {};
  const ready = new Promise<boolean>((r) => (onReady = r));
  const collect = (d: Buffer) => {
    output += d.toString();
    if (output.includes('Teilhabe läuft auf')) onReady(true);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exit = new Promise<{ code: number | null; output: string }>((resolve) =>
    child.on('exit', (code) => {
      onReady(false);
      resolve({ code, output });
    }),
  );
  return { child, exit, ready };
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql)).rows;
  } finally {
    await c.end();
  }
}

describe('the data-folder lock', () => {
  it('refuses a second app on a data folder in use, in the same process and as another process', async () => {
    const first = await openDatabase(config);
    try {
      const second = await openDatabase(config).catch((e: unknown) => e);
      expect(second).toBeInstanceOf(DataDirLockedError);
      expect((second as Error).message).toMatch(
        /Teilhabe läuft bereits mit dem Datenordner .*\nTeilhabe is already running on the data folder/,
      );

      const app = await startApp(dir);
      const { code, output } = await app.exit;
      expect(code).toBe(1);
      expect(output).toContain(`Teilhabe läuft bereits mit dem Datenordner ${dir} (PID ${process.pid})`);
      expect(output).toContain(`Teilhabe is already running on the data folder ${dir} (PID ${process.pid})`);
      // The refused app touched nothing: the first one still works.
      expect(await query<{ ok: number }>(first.database.url, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
    } finally {
      await first.close();
    }
    expect(fs.existsSync(path.join(dir, 'teilhabe.pid'))).toBe(false);
  });

  it('takes over a lock file left by a process that is gone', async () => {
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((r) => gone.on('exit', r));
    fs.writeFileSync(path.join(dir, 'teilhabe.pid'), String(gone.pid));

    const handle = await openDatabase(config);
    try {
      expect(fs.readFileSync(path.join(dir, 'teilhabe.pid'), 'utf8')).toBe(String(process.pid));
      expect(await query<{ ok: number }>(handle.database.url, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
    } finally {
      await handle.close();
    }
  });
});

describe('a stale postmaster.pid', () => {
  it('is ignored when its PID now belongs to another program (a reboot), and that program is left alone', async () => {
    const other = spawn('sleep', ['60']);
    children.push(other);
    fs.writeFileSync(path.join(dir, 'pg', 'postmaster.pid'), `${other.pid}\n${dir}/pg\n1760000000\n5432\n\n127.0.0.1\n  0  0\nready   \n`);
    const handle = await openDatabase(config);
    try {
      expect(postmaster(dir)!.pid).toBe(handle.embedded!.pid);
      expect(running(other.pid!)).toBe(true);
    } finally {
      await handle.close();
      other.kill();
    }
  });
});

describe('a killed app', () => {
  for (const how of ['node', 'group'] as const) {
    const what = how === 'node' ? 'only the Node process (its PostgreSQL keeps running)' : 'its whole process group (PostgreSQL included)';
    it(`restarts cleanly after SIGKILL of ${what}, with the data written before the kill`, async () => {
      const app = await startApp(dir);
      expect(await app.ready).toBe(true);

      // While the app runs, tools reach its cluster through postmaster.pid and the password file.
      const cluster = await openCluster({ databaseUrl: undefined, dataDir: dir });
      expect(cluster.kind).toBe('app-running');
      expect(cluster.appPid).toBe(app.child.pid);
      await query(cluster.url(), `CREATE TABLE crash_marker (note text); INSERT INTO crash_marker VALUES ('vor dem Absturz')`);
      const before = postmaster(dir)!;
      expect(running(before.pid)).toBe(true);

      process.kill(how === 'node' ? app.child.pid! : -app.child.pid!, 'SIGKILL');
      await app.exit;
      expect(running(before.pid)).toBe(how === 'node');

      const handle = await openDatabase(config);
      try {
        expect(running(before.pid)).toBe(false);
        expect(postmaster(dir)!.pid).toBe(handle.embedded!.pid);
        expect(await query(handle.database.url, 'SELECT note FROM crash_marker')).toEqual([{ note: 'vor dem Absturz' }]);
      } finally {
        await handle.close();
      }
      expect(running(handle.embedded!.pid)).toBe(false);
      expect(fs.existsSync(path.join(dir, 'pg', 'postmaster.pid'))).toBe(false);
    });
  }

  it('lets tools start the cluster themselves when the app is not running, holding the lock meanwhile', async () => {
    const cluster = await openCluster({ databaseUrl: undefined, dataDir: dir });
    try {
      expect(cluster.kind).toBe('embedded');
      await expect(openDatabase(config)).rejects.toBeInstanceOf(DataDirLockedError);
      expect(await query<{ db: string }>(cluster.url(), 'SELECT current_database() AS db')).toEqual([{ db: 'teilhabe' }]);
    } finally {
      await cluster.close();
    }
    const again = await openDatabase(config);
    await again.close();
  });
});
