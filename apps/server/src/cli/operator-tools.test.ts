import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { matchTotp, newTotpSecret } from '../platform/auth/totp.js';
import { resolveBackupPath } from '../platform/backup/backup.js';
import { parsePostmasterPid } from '../platform/backup/cluster.js';
import { backupFileName, databaseTimestamp, formatBytes, maskUrl, OperatorError, withDatabase } from '../platform/backup/operator.js';
import { countTocEntries, findPgTool, libpqConnection, parsePgVersion } from '../platform/backup/pg-tools.js';
import { option, positional } from './run.js';
import { acceptableTotp, demoAddress, TOTP_PERIOD_MS } from './totp-code.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'teilhabe-cli-unit-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A stand-in for pg_dump that only answers --version. */
function fakeTool(name: string, versionLine: string): string {
  const file = path.join(tmp, `${name}-${Math.random().toString(36).slice(2)}`);
  fs.writeFileSync(file, `#!/bin/sh\necho '${versionLine}'\n`, { mode: 0o755 });
  return file;
}

describe('finding pg_dump', () => {
  it('reads the major version from Debian and upstream version lines', () => {
    expect(parsePgVersion('pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)')).toEqual({ major: 15, version: '15.20' });
    expect(parsePgVersion('pg_restore (PostgreSQL) 17.2')).toEqual({ major: 17, version: '17.2' });
    expect(parsePgVersion('pg_dump (PostgreSQL) 18beta1')).toEqual({ major: 18, version: '18' });
    expect(parsePgVersion('command not found')).toBeUndefined();
  });

  it('uses PG_DUMP when it is new enough for the server', () => {
    const file = fakeTool('pg_dump', 'pg_dump (PostgreSQL) 16.4');
    expect(findPgTool('pg_dump', 15, { PG_DUMP: file, PATH: '' })).toMatchObject({ path: file, major: 16 });
  });

  it('refuses a pg_dump older than the server, naming it and how to install a current one (exit code 2)', () => {
    const file = fakeTool('pg_dump', 'pg_dump (PostgreSQL) 14.9');
    const error = (() => {
      try {
        findPgTool('pg_dump', 15, { PG_DUMP: file, PATH: '' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(OperatorError);
    expect((error as OperatorError).exitCode).toBe(2);
    const message = (error as Error).message;
    expect(message).toContain(`${file} (14.9)`);
    expect(message).toMatch(/wurde nicht gefunden[\s\S]*apt-get install postgresql-client[\s\S]*was not found[\s\S]*PG_DUMP=/);
  });

  it('points to the PostgreSQL apt repository when the server is newer than Debian ships', () => {
    expect(() => findPgTool('pg_dump', 99, { PG_DUMP: path.join(tmp, 'missing'), PATH: '' })).toThrow(/postgresql-client-99/);
  });
});

describe('connection for pg_dump', () => {
  it('keeps the password out of the command line', () => {
    const conn = libpqConnection('postgres://teilhabe:p%40ss%3Aword@db.example:6432/teilhabe?ssl=true');
    expect(conn.uri).toBe('postgresql://teilhabe@db.example:6432/teilhabe?sslmode=require');
    expect(conn.env.PGPASSWORD).toBe('p@ss:word');
  });

  it('prints URLs without their password', () => {
    expect(maskUrl('postgres://u:secret@h:5432/teilhabe')).toBe('postgres://u:****@h:5432/teilhabe');
    expect(withDatabase('postgres://u:secret@h:5432/teilhabe?sslmode=require', 'teilhabe_restore_1')).toBe(
      'postgres://u:secret@h:5432/teilhabe_restore_1?sslmode=require',
    );
  });
});

describe('names and listings', () => {
  const when = new Date(2026, 4, 21, 14, 30, 5);

  it('names backups and databases by local time', () => {
    expect(backupFileName(when)).toBe('teilhabe-20260521-143005.dump');
    expect(databaseTimestamp(when)).toBe('20260521_143005');
  });

  it('puts a backup into <dataDir>/backups, the given file, or the given folder', () => {
    expect(resolveBackupPath('/srv/teilhabe/data', undefined, when)).toBe('/srv/teilhabe/data/backups/teilhabe-20260521-143005.dump');
    expect(resolveBackupPath('/x', path.join(tmp, 'mine.dump'), when)).toBe(path.join(tmp, 'mine.dump'));
    expect(resolveBackupPath('/x', tmp, when)).toBe(path.join(tmp, 'teilhabe-20260521-143005.dump'));
  });

  it('counts the tables in a pg_restore --list', () => {
    const list = [
      ';',
      '; Archive created at 2026-05-21 14:30:05 CEST',
      '215; 1259 16385 TABLE public audit_events postgres',
      '216; 1259 16400 TABLE public users postgres',
      '3301; 0 16385 TABLE DATA public audit_events postgres',
      '3302; 0 16400 TABLE DATA public users postgres',
      '3400; 2606 16641 FK CONSTRAINT public memberships memberships_user_id_fk postgres',
    ].join('\n');
    expect(countTocEntries(list)).toEqual({ tables: 2, tableData: 2 });
  });

  it('reads port, address and state from postmaster.pid', () => {
    const text = '4242\n/tmp/data/pg\n1760000000\n54321\n\n127.0.0.1\n  1234567     98304\nready   \n';
    expect(parsePostmasterPid(text)).toEqual({ pid: 4242, dataDir: '/tmp/data/pg', port: 54321, host: '127.0.0.1', status: 'ready' });
    expect(parsePostmasterPid('garbage')).toBeUndefined();
  });

  it('formats sizes for people', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(56_177)).toBe('55 KiB');
    expect(formatBytes(3 * 1024 * 1024 * 1024)).toBe('3.0 GiB');
  });

  it('reads options and the positional file argument', () => {
    expect(option(['--out', 'x.dump'], 'out')).toBe('x.dump');
    expect(option(['--out=y.dump'], 'out')).toBe('y.dump');
    expect(positional(['--out', 'x.dump', 'file.dump', '--keep'], ['out'])).toEqual(['file.dump']);
  });
});

describe('demo TOTP codes', () => {
  const secret = newTotpSecret();
  const now = 1_800_000_000_000 + 7_000;
  const step = Math.floor(now / TOTP_PERIOD_MS);

  it('gives the current code, which the server accepts', () => {
    const result = acceptableTotp(secret, null, now);
    expect(result).toMatchObject({ step });
    expect(matchTotp(secret, (result as { code: string }).code, null, now)).toBe(step);
  });

  it('gives the next window’s code when the current one was used, and the server accepts it now', () => {
    const result = acceptableTotp(secret, step, now) as { code: string; step: number };
    expect(result.step).toBe(step + 1);
    expect(matchTotp(secret, result.code, step, now)).toBe(step + 1);
  });

  it('says how long to wait when the next window was used too', () => {
    expect(acceptableTotp(secret, step + 1, now)).toEqual({ waitMs: (step + 1) * TOTP_PERIOD_MS - now });
  });

  it('serves only demo accounts', () => {
    expect(demoAddress('admin')).toBe('admin@teilhabe.example');
    expect(demoAddress('Lead@Teilhabe.example')).toBe('lead@teilhabe.example');
    expect(() => demoAddress('jana.adler@rhein-sieg-kreis.de')).toThrow(/Nur für Demo-Zugänge[\s\S]*Only for demo accounts/);
  });
});
