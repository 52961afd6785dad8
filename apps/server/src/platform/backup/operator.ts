/**
 * Small pieces shared by the operator tools (backup, restore, audit verification): errors that carry a bilingual
 * message and an exit code, time stamps for file and database names, and URL helpers.
 */

/** An error an operator can act on: its message is German, then English, and it says what to do. */
export class OperatorError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `20260521-143005` in local time: sorts by time, readable in a file listing. */
export function fileTimestamp(date: Date): string {
  return `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
}

/** `20260521_143005`: the same stamp in a form that is a plain PostgreSQL identifier. */
export function databaseTimestamp(date: Date): string {
  return fileTimestamp(date).replace('-', '_');
}

export function backupFileName(date: Date): string {
  return `teilhabe-${fileTimestamp(date)}.dump`;
}

/** Database names the tools handle are simple, so quoting them as `"…"` is always enough. */
export function assertDatabaseName(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_-]{0,62}$/.test(name)) {
    throw new OperatorError(
      `Ungültiger Datenbankname „${name}“ (erlaubt: A–Z, a–z, 0–9, _ und -; höchstens 63 Zeichen).\nInvalid database name "${name}" (allowed: A–Z, a–z, 0–9, _ and -; at most 63 characters).`,
    );
  }
  return name;
}

/** The URL of another database on the same server. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

export function databaseOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || 'postgres';
}

/** For printing: the password never reaches a terminal or a log. */
export function maskUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '****';
  return u.toString();
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  return e === undefined ? 'unbekannter Fehler / unknown error' : String(e);
}
