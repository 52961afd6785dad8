import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { DEFAULT_DEMO_PASSWORD } from '../config.js';
import { verifyAuditChain } from '../platform/audit/verify.js';
import { openCluster, parsePostmasterPid } from '../platform/backup/cluster.js';
import { errorText, OperatorError } from '../platform/backup/operator.js';
import { currentTotp } from '../platform/auth/totp.js';
import { option, runCli, say, wantsHelp } from './run.js';
import { acceptableTotp, totpStepAt } from './totp-code.js';

const HELP = `npm run crash-test [-- --requests 400 --kill-after 150 --concurrency 16 --mode both|node|group --keep]

Absturztest: startet Teilhabe (node apps/server/src/main.ts) mit eigenem, leerem Datenordner, meldet sich als
Demo-Administration an (richtet dafür TOTP ein), schickt viele gleichzeitige POST /api/v1/organisations, merkt sich
jede mit 2xx bestätigte ID und beendet den Server mitten im Schwung mit SIGKILL. Dann Neustart auf demselben
Datenordner, erneute Anmeldung, und jede bestätigte Organisation muss da sein; die Audit-Kette muss stimmen.
Zwei Runden (--mode both): "node" tötet nur den Node-Prozess – sein PostgreSQL läuft weiter und der Neustart muss es
beenden; "group" tötet die ganze Prozessgruppe samt PostgreSQL – der Neustart muss die WAL-Wiederherstellung schaffen.
Letzte Zeile: {"acknowledged": N, "lost": 0, "audit_chain": "ok"}. Exit-Code 0 nur ohne Verlust und mit intakter Kette.

Crash test: starts Teilhabe (node apps/server/src/main.ts) with its own empty data folder, signs in as the demo
administrator (setting up TOTP), sends many concurrent POST /api/v1/organisations, records every id acknowledged with
2xx, and kills the server with SIGKILL mid-burst. Then it restarts on the same data folder, signs in again, and every
acknowledged organisation must be there; the audit chain must verify.
Two rounds (--mode both): "node" kills only the Node process – its PostgreSQL keeps running and the restart must stop
it; "group" kills the whole process group including PostgreSQL – the restart must recover from the WAL.
Last line: {"acknowledged": N, "lost": 0, "audit_chain": "ok"}. Exit code 0 only with nothing lost and the chain intact.`;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const ADMIN = 'admin@teilhabe.example';
type KillMode = 'node' | 'group';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat[stat.lastIndexOf(')') + 2] !== 'Z'; // a zombie has exited
  } catch {
    return false;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The app as a child process in its own process group, so it can be killed like a crashed server. */
class AppProcess {
  private output = '';
  readonly exited: Promise<number | null>;
  private constructor(
    readonly child: ChildProcess,
    readonly base: string,
  ) {
    const keep = (d: Buffer) => (this.output = (this.output + d.toString()).slice(-20_000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  }

  static async start(dataDir: string): Promise<AppProcess> {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      TEILHABE_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      TEILHABE_SEED_DEMO: 'true',
      DEMO_PASSWORD: DEFAULT_DEMO_PASSWORD,
      LOG_LEVEL: 'warn',
    };
    delete env.DATABASE_URL;
    delete env.LOG_REQUESTS;
    const child = spawn(process.execPath, ['--import', 'tsx', path.join('apps', 'server', 'src', 'main.ts')], {
      cwd: ROOT,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const app = new AppProcess(child, `http://127.0.0.1:${port}`);
    let gone = false;
    void app.exited.then(() => (gone = true));
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (gone) throw new Error(`Teilhabe startete nicht / did not start:\n${app.output}`);
      try {
        const res = await fetch(`${app.base}/readyz`);
        if (res.ok) return app;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        app.kill('group');
        throw new Error(`Teilhabe wurde nicht bereit / did not become ready:\n${app.output}`);
      }
      await sleep(100);
    }
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  kill(mode: KillMode) {
    try {
      process.kill(mode === 'group' ? -this.pid : this.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const stopped = await Promise.race([this.exited.then(() => true), sleep(30_000).then(() => false)]);
    if (!stopped) {
      this.kill('group');
      await this.exited;
    }
  }

  log(): string {
    return this.output;
  }
}

/** Signed in like a browser: the session cookie, and the CSRF token as a header on writes. */
class Session {
  constructor(
    readonly base: string,
    readonly cookie: string,
    readonly csrfToken: string,
  ) {}

  fetch(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
    return fetch(`${this.base}${url}`, {
      method,
      headers: {
        cookie: this.cookie,
        ...(method === 'GET' ? {} : { 'x-csrf-token': this.csrfToken, 'content-type': 'application/json' }),
        ...headers,
      },
      body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
    });
  }
}

async function login(base: string, email: string, password: string, totp?: string): Promise<Session> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, ...(totp ? { totp } : {}) }),
  });
  const body = (await res.json()) as { status?: string; csrfToken?: string; message?: string };
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]!)[0];
  if (res.status !== 200 || body.status !== 'ok' || !cookie || !body.csrfToken) {
    throw new Error(`Anmeldung fehlgeschlagen / login failed (${res.status}): ${JSON.stringify(body)}`);
  }
  return new Session(base, cookie, body.csrfToken);
}

/** TOTP as a person would: set it up with the secret the server shows, confirm with a code; the step used is returned. */
async function setUpTotp(session: Session): Promise<{ secret: string; step: number }> {
  const setup = await session.fetch('POST', '/api/v1/auth/totp/setup');
  if (setup.status !== 200) throw new Error(`TOTP-Einrichtung / setup: ${setup.status} ${await setup.text()}`);
  const { secret } = (await setup.json()) as { secret: string };
  const now = Date.now();
  const confirm = await session.fetch('POST', '/api/v1/auth/totp/confirm', { code: currentTotp(secret, now) });
  if (confirm.status !== 200) throw new Error(`TOTP-Bestätigung / confirm: ${confirm.status} ${await confirm.text()}`);
  return { secret, step: totpStepAt(now) };
}

/** A TOTP login needs a time step not used before; wait for the next one when needed. */
async function loginWithTotp(base: string, totp: { secret: string; step: number }): Promise<Session> {
  let next = acceptableTotp(totp.secret, totp.step);
  if ('waitMs' in next) {
    say(`  Warte ${Math.ceil(next.waitMs / 1000)} s auf den nächsten TOTP-Code / waiting for the next TOTP code …`);
    await sleep(next.waitMs + 100);
    next = acceptableTotp(totp.secret, totp.step);
  }
  if ('waitMs' in next) throw new Error('kein TOTP-Code / no TOTP code');
  const session = await login(base, ADMIN, DEFAULT_DEMO_PASSWORD, next.code);
  totp.step = next.step;
  return session;
}

interface Burst {
  acknowledged: string[];
  rejected: Map<number, number>;
  failed: number;
  sent: number;
}

/** Concurrent creates; after `killAfter` acknowledgements the server is killed while the others are in flight. */
async function burst(
  session: Session,
  parentId: string,
  round: number,
  opts: { requests: number; killAfter: number; concurrency: number; kill: () => void },
): Promise<Burst> {
  const result: Burst = { acknowledged: [], rejected: new Map(), failed: 0, sent: 0 };
  let next = 0;
  let killed = false;
  const worker = async () => {
    while (!killed && next < opts.requests) {
      const i = next++;
      result.sent++;
      try {
        const res = await session.fetch(
          'POST',
          '/api/v1/organisations',
          { parentId, kind: 'team', name: `Absturztest ${round}-${i} (${process.pid})` },
          { 'idempotency-key': `crash-test-${process.pid}-${round}-${i}` },
        );
        if (res.status >= 200 && res.status < 300) {
          const { id } = (await res.json()) as { id: string };
          result.acknowledged.push(id);
          if (!killed && result.acknowledged.length >= opts.killAfter) {
            killed = true;
            opts.kill();
          }
        } else {
          result.rejected.set(res.status, (result.rejected.get(res.status) ?? 0) + 1);
          await res.body?.cancel();
        }
      } catch {
        result.failed++; // the connection died with the server: not acknowledged
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  if (!killed) opts.kill();
  return result;
}

async function auditCheck(dataDir: string, acknowledged: string[]): Promise<{ chainOk: boolean; detail: string; withoutAudit: number }> {
  const cluster = await openCluster({ databaseUrl: undefined, dataDir });
  const client = new pg.Client({ connectionString: cluster.url() });
  await client.connect();
  try {
    const report = await verifyAuditChain(client);
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM unnest($1::text[]) AS a(id)
       WHERE NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.action = 'organisations.create' AND e.subject_id = a.id)`,
      [acknowledged],
    );
    const detail = report.ok
      ? `${report.checked} Ereignisse / events`
      : `seq ${report.firstBroken!.seq}, id ${report.firstBroken!.id}: ${report.firstBroken!.reason}`;
    return { chainOk: report.ok, detail, withoutAudit: rows[0]!.n };
  } finally {
    await client.end();
    await cluster.close();
  }
}

/** Processes still working in the test's data folder (a postmaster or its children) after the app has stopped. */
function processesUsing(dir: string): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid || !isRunning(pid)) continue;
    try {
      const cwd = fs.readlinkSync(`/proc/${pid}/cwd`);
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cwd === dir || cwd.startsWith(`${dir}/`) || cmd.includes(`${dir}/`)) found.push(pid);
    } catch {
      // gone, or not ours to inspect
    }
  }
  return found;
}

runCli(async (args) => {
  if (wantsHelp(args)) {
    say(HELP);
    return 0;
  }
  const num = (name: string, fallback: number) => {
    const raw = option(args, name);
    const value = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(value) || value < 1)
      throw new OperatorError(`--${name} muss eine positive ganze Zahl sein / must be a positive integer`, 3);
    return value;
  };
  const requests = num('requests', 400);
  const killAfter = Math.min(num('kill-after', 150), requests);
  const concurrency = num('concurrency', 16);
  const modeArg = option(args, 'mode') ?? 'both';
  if (!['both', 'node', 'group'].includes(modeArg)) throw new OperatorError('--mode: both | node | group', 3);
  const modes: KillMode[] = modeArg === 'both' ? ['node', 'group'] : [modeArg as KillMode];
  const keep = args.includes('--keep');

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'teilhabe-crash-'));
  // As root, PostgreSQL runs as the postgres user and must be able to enter the folder.
  fs.chmodSync(dataDir, 0o755);
  let app: AppProcess | undefined;
  let cleaning: Promise<void> | undefined;
  const cleanup = () =>
    (cleaning ??= (async () => {
      await app?.stop().catch(() => {});
      await sleep(200);
      for (const pid of processesUsing(dataDir)) {
        say(`Beende übrig gebliebenen Prozess / killing leftover process ${pid}`);
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone
        }
      }
      if (!keep) fs.rmSync(dataDir, { recursive: true, force: true });
    })());
  const onSignal = (signal: NodeJS.Signals) => {
    say(`\n${signal}: räume auf / cleaning up …`);
    void cleanup().then(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  let acknowledged = 0;
  let lost = 0;
  let chainOk = true;
  let roundsVerified = 0;
  let problems = 0;
  try {
    say(`Absturztest / crash test: Datenordner / data folder ${dataDir}`);
    app = await AppProcess.start(dataDir);
    say(`Teilhabe läuft / is running: ${app.base} (PID ${app.pid})`);
    const first = await login(app.base, ADMIN, DEFAULT_DEMO_PASSWORD);
    const totp = await setUpTotp(first);
    let session = await loginWithTotp(app.base, totp);
    say(`Angemeldet als / signed in as ${ADMIN} (Passwort + TOTP / password + TOTP)`);

    for (const [index, mode] of modes.entries()) {
      const round = index + 1;
      const orgs = (await (await session.fetch('GET', '/api/v1/organisations')).json()) as { id: string; kind: string }[];
      const kreis = orgs.find((o) => o.kind === 'kreis');
      if (!kreis) throw new Error('Kein Kreis in GET /api/v1/organisations / no Kreis found');
      const before = orgs.length;

      const running = app;
      const b = await burst(session, kreis.id, round, { requests, killAfter, concurrency, kill: () => running.kill(mode) });
      await Promise.race([running.exited, sleep(10_000)]);
      const rejected = [...b.rejected].map(([s, n]) => `${n}× ${s}`).join(', ') || '0';
      say(
        `Runde/round ${round} (${mode === 'node' ? 'SIGKILL Node-Prozess / node process' : 'SIGKILL Prozessgruppe / process group'}): ` +
          `${b.sent} gesendet/sent, ${b.acknowledged.length} bestätigt/acknowledged, abgelehnt/rejected ${rejected}, ${b.failed} abgebrochen/cut off`,
      );
      if (b.rejected.size) problems++;

      const pm = (() => {
        try {
          return parsePostmasterPid(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8'));
        } catch {
          return undefined;
        }
      })();
      const leftover = pm && isRunning(pm.pid) ? pm.pid : undefined;
      if (leftover) say(`  PostgreSQL (PID ${leftover}) läuft nach dem Absturz weiter / is still running after the crash`);
      else say('  PostgreSQL läuft nicht mehr / is no longer running');

      app = await AppProcess.start(dataDir);
      say(`  Neustart / restarted: ${app.base} (PID ${app.pid})`);
      if (leftover && isRunning(leftover)) {
        say(`  FEHLER: der alte PostgreSQL-Prozess ${leftover} läuft noch / ERROR: the old PostgreSQL process still runs`);
        problems++;
      }

      session = await loginWithTotp(app.base, totp);
      const after = (await (await session.fetch('GET', '/api/v1/organisations')).json()) as { id: string }[];
      const present = new Set(after.map((o) => o.id));
      const missing = b.acknowledged.filter((id) => !present.has(id));
      const check = await auditCheck(dataDir, b.acknowledged);
      acknowledged += b.acknowledged.length;
      lost += missing.length;
      chainOk &&= check.chainOk;
      roundsVerified++;
      if (check.withoutAudit) problems++;
      say(
        `  Nach dem Neustart / after restart: ${after.length - before} neue Organisationen/new organisations, ` +
          `${missing.length} bestätigte fehlen/acknowledged missing, ${check.withoutAudit} ohne Audit-Ereignis/without audit event, ` +
          `Audit-Kette/audit chain ${check.chainOk ? 'ok' : 'UNTERBROCHEN/BROKEN'} (${check.detail})`,
      );
      for (const id of missing.slice(0, 10)) say(`    fehlt / missing: ${id}`);
    }
  } catch (e) {
    problems++;
    say(`Absturztest abgebrochen / crash test aborted: ${errorText(e)}`);
    if (app) say(app.log().slice(-3000));
  } finally {
    await cleanup();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
  const orphans = processesUsing(dataDir);
  if (orphans.length) problems++;
  say(
    orphans.length
      ? `Noch laufende Prozesse / processes still running: ${orphans.join(', ')}`
      : 'Aufgeräumt: kein PostgreSQL-Prozess übrig / cleaned up: no PostgreSQL process left',
  );
  if (keep) say(`Datenordner bleibt / data folder kept: ${dataDir}`);
  // A round that never got to its check counts as not verified: the chain is reported "ok" only when every round checked it.
  const chain = chainOk && roundsVerified === modes.length ? 'ok' : 'broken';
  say(`{"acknowledged": ${acknowledged}, "lost": ${lost}, "audit_chain": "${chain}"}`);
  return lost === 0 && chain === 'ok' && problems === 0 && acknowledged > 0 ? 0 : 1;
});
