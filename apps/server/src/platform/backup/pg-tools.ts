import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { OperatorError } from './operator.js';

/**
 * pg_dump and pg_restore are not part of the embedded PostgreSQL package: they come from the machine
 * (Debian: `apt-get install postgresql-client`). A dump must be written by a pg_dump at least as new as the server,
 * and read by a pg_restore at least as new as the pg_dump that wrote it.
 */
export type PgToolName = 'pg_dump' | 'pg_restore';

export interface PgTool {
  name: PgToolName;
  path: string;
  major: number;
  version: string;
}

export function parsePgVersion(output: string): { major: number; version: string } | undefined {
  const match = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(output);
  if (!match) return undefined;
  const major = Number(match[1]);
  // Before PostgreSQL 10 the major version had two parts (9.6); those are all too old for us anyway.
  return { major, version: [match[1], match[2], match[3]].filter((p) => p !== undefined).join('.') };
}

const ENV_NAME: Record<PgToolName, string> = { pg_dump: 'PG_DUMP', pg_restore: 'PG_RESTORE' };

function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Debian and Ubuntu install each major version under /usr/lib/postgresql/<major>/bin; newest first. */
function versionedInstalls(name: string, roots = ['/usr/lib/postgresql']): string[] {
  const found: { major: number; file: string }[] = [];
  for (const root of roots) {
    let entries: string[] = [];
    try {
      entries = fs.readdirSync(root);
    } catch {
      continue;
    }
    for (const entry of entries) {
      const file = path.join(root, entry, 'bin', name);
      if (/^\d+$/.test(entry) && fs.existsSync(file)) found.push({ major: Number(entry), file });
    }
  }
  return found.sort((a, b) => b.major - a.major).map((f) => f.file);
}

function probe(name: PgToolName, file: string): PgTool | undefined {
  try {
    const out = execFileSync(file, ['--version'], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'pipe'] });
    const parsed = parsePgVersion(out);
    return parsed ? { name, path: file, ...parsed } : undefined;
  } catch {
    return undefined;
  }
}

export function pgToolMissingMessage(name: PgToolName, serverMajor: number, found: PgTool[]): string {
  const seen = found.length ? found.map((t) => `${t.path} (${t.version})`).join(', ') : undefined;
  const newer = serverMajor > 15;
  return [
    `${name} (PostgreSQL-Client ab Version ${serverMajor}) wurde nicht gefunden${seen ? `; vorhanden, aber zu alt: ${seen}` : ''}.`,
    `Installation unter Debian/Ubuntu:  sudo apt-get install postgresql-client` +
      (newer ? `  (für Version ${serverMajor} aus dem PostgreSQL-Repository apt.postgresql.org: postgresql-client-${serverMajor})` : ''),
    `Oder den Pfad angeben: ${ENV_NAME[name]}=/pfad/zu/${name}`,
    `${name} (PostgreSQL client, version ${serverMajor} or newer) was not found${seen ? `; present but too old: ${seen}` : ''}.`,
    `Install it on Debian/Ubuntu:  sudo apt-get install postgresql-client` +
      (newer ? `  (for version ${serverMajor} from the PostgreSQL repository apt.postgresql.org: postgresql-client-${serverMajor})` : ''),
    `Or point to it: ${ENV_NAME[name]}=/path/to/${name}`,
  ].join('\n');
}

/**
 * Finds a usable pg_dump/pg_restore: `$PG_DUMP`/`$PG_RESTORE` when set (and only that), else the one on PATH, else
 * Debian's versioned installs. Debian's /usr/bin/pg_dump is a wrapper that picks a version by itself; we resolve
 * it to a versioned binary so the version we check is the version that runs.
 */
export function findPgTool(name: PgToolName, serverMajor: number, env: NodeJS.ProcessEnv = process.env, besideDir?: string): PgTool {
  const explicit = env[ENV_NAME[name]];
  const candidates: string[] = [];
  if (explicit) {
    candidates.push(explicit);
  } else {
    // pg_restore from the same installation as the pg_dump that was chosen.
    if (besideDir && fs.existsSync(path.join(besideDir, name))) candidates.push(path.join(besideDir, name));
    const fromPath = onPath(name, env);
    const wrapped = fromPath && fs.realpathSync(fromPath).endsWith('pg_wrapper');
    if (fromPath && !wrapped) candidates.push(fromPath);
    candidates.push(...versionedInstalls(name));
    if (fromPath && wrapped) candidates.push(fromPath);
  }
  const probed: PgTool[] = [];
  for (const file of candidates) {
    const tool = probe(name, file);
    if (!tool) continue;
    if (tool.major >= serverMajor) return tool;
    probed.push(tool);
  }
  throw new OperatorError(pgToolMissingMessage(name, serverMajor, probed), 2);
}

/**
 * libpq reads the connection from a URI without the password (that goes into PGPASSWORD, never into argv where
 * `ps` shows it). node-postgres' `ssl=true` and `sslmode=no-verify` have libpq spellings.
 */
export function libpqConnection(url: string): { uri: string; env: Record<string, string> } {
  const u = new URL(url);
  const env: Record<string, string> = { PGAPPNAME: 'teilhabe-backup' };
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  u.password = '';
  const ssl = u.searchParams.get('ssl');
  if (ssl !== null) {
    u.searchParams.delete('ssl');
    if (ssl === 'true' || ssl === '1') u.searchParams.set('sslmode', u.searchParams.get('sslmode') ?? 'require');
  }
  if (u.searchParams.get('sslmode') === 'no-verify') u.searchParams.set('sslmode', 'require');
  if (u.protocol === 'postgres:') return { uri: `postgresql:${u.toString().slice('postgres:'.length)}`, env };
  return { uri: u.toString(), env };
}

export class PgToolFailed extends Error {
  constructor(
    readonly tool: PgTool,
    readonly code: number | null,
    readonly stderr: string,
  ) {
    super(
      `${tool.name} ${tool.version} endete mit Code ${code} / exited with code ${code}: ${lastLines(stderr, 12) || '(keine Ausgabe / no output)'}`,
    );
  }
}

export function lastLines(text: string, n: number): string {
  return text.trim().split('\n').slice(-n).join('\n');
}

/** Runs a PostgreSQL client program; stdout is returned, stderr is kept for the error. Never prompts for a password. */
export function runPgTool(
  tool: PgTool,
  args: string[],
  opts: { env?: Record<string, string> } = {},
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool.path, ['--no-password', ...args], {
      env: { ...process.env, ...opts.env, LC_MESSAGES: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-20_000)));
    child.on('error', reject);
    child.on('close', (code) => {
      const stdout = Buffer.concat(out).toString('utf8');
      if (code === 0) resolve({ stdout, stderr });
      else reject(new PgToolFailed(tool, code, stderr));
    });
  });
}

/** The entries of a custom-format archive's table of contents (`pg_restore --list`). */
export function countTocEntries(list: string): { tables: number; tableData: number } {
  let tables = 0;
  let tableData = 0;
  for (const line of list.split('\n')) {
    if (/^\d+;\s+\d+\s+\d+\s+TABLE DATA\s/.test(line)) tableData++;
    else if (/^\d+;\s+\d+\s+\d+\s+TABLE\s/.test(line)) tables++;
  }
  return { tables, tableData };
}
