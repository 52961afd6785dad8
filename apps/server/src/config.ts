import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** A PostgreSQL server; when unset, Teilhabe runs its own embedded PostgreSQL in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  demoPassword: string;
  /** Seed the demo Kreis on a fresh database. */
  seedDemo: boolean;
  publicUrl: string;
  /** Cookies get `Secure` and the `__Host-` prefix when the public URL is https. */
  secureCookies: boolean;
  trustProxy: boolean;
  smtp: { host: string; port: number; from: string; user?: string; password?: string } | undefined;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  logLevel: string;
}

export const DEFAULT_DEMO_PASSWORD = 'Teilhabe-Demo-2026!';

function intEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} muss eine ganze Zahl sein / must be an integer`);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = intEnv(env, 'PORT', 3000);
  const publicUrl = env.PUBLIC_URL ?? `http://localhost:${port}`;
  return {
    port,
    host: env.HOST ?? 'localhost',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.TEILHABE_DATA_DIR ?? 'data'),
    demoPassword: env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD,
    seedDemo: env.TEILHABE_SEED_DEMO !== 'false',
    publicUrl,
    secureCookies: publicUrl.startsWith('https://'),
    trustProxy: env.TRUST_PROXY === 'true',
    smtp: env.SMTP_HOST
      ? {
          host: env.SMTP_HOST,
          port: intEnv(env, 'SMTP_PORT', 587),
          from: env.SMTP_FROM ?? 'teilhabe@localhost',
          user: env.SMTP_USER,
          password: env.SMTP_PASSWORD,
        }
      : undefined,
    sessionIdleMinutes: intEnv(env, 'SESSION_IDLE_MINUTES', 30),
    sessionAbsoluteHours: intEnv(env, 'SESSION_ABSOLUTE_HOURS', 12),
    loginMaxFailures: intEnv(env, 'LOGIN_MAX_FAILURES', 5),
    loginLockMinutes: intEnv(env, 'LOGIN_LOCK_MINUTES', 15),
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}
