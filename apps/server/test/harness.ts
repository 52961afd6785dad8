import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
// Brings the `inject('adminUrl' | 'templateDb')` types into every program that uses the harness.
import type {} from './global-setup.js';
import type { LightMyRequestResponse } from 'fastify';
import type { Role } from '@teilhabe/shared';
import { loadConfig, type Config } from '../src/config.js';
import { connect, type Database } from '../src/platform/db/client.js';
import { buildApp, sessionCookieName, type App } from '../src/platform/http/app.js';
import { openSession } from '../src/platform/auth/sessions.js';
import { modules } from '../src/modules/index.js';
import { makeKreis, makeUser, type KreisTree } from '../src/seed/factories.js';
import { newTotpSecret } from '../src/platform/auth/totp.js';

export const TEST_PASSWORD = 'Korrekt-Pferd-Batterie-42';

/** A fresh database for one test file, cloned from the migrated template. */
export async function createTestDatabase(): Promise<{ database: Database; url: string; drop(): Promise<void> }> {
  const adminUrl = inject('adminUrl');
  const template = inject('templateDb');
  const name = `teilhabe_t${template.split('_').pop()}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = connect(url.toString(), { max: 5 });
  return {
    database,
    url: url.toString(),
    async drop() {
      await database.close().catch(() => {});
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  organisationId: string;
  totpSecret?: string;
}

/** Sends requests like a browser would: with the session cookie and the CSRF header. */
export class Agent {
  constructor(
    readonly app: App,
    readonly cookie: string | undefined,
    readonly csrfToken: string | undefined,
    readonly user?: TestUser,
  ) {}

  request(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrfToken && method !== 'GET') h['x-csrf-token'] ??= this.csrfToken;
    if (body !== undefined && typeof body !== 'string' && !Buffer.isBuffer(body)) h['content-type'] ??= 'application/json';
    return this.app.inject({
      method: method as 'GET',
      url,
      headers: h,
      payload: body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
    });
  }
  get(url: string, headers?: Record<string, string>) {
    return this.request('GET', url, undefined, headers);
  }
  post(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('POST', url, body ?? {}, headers);
  }
  patch(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('PATCH', url, body ?? {}, headers);
  }
  put(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('PUT', url, body ?? {}, headers);
  }
  delete(url: string, headers?: Record<string, string>) {
    return this.request('DELETE', url, undefined, headers);
  }
}

export interface TestApp {
  app: App;
  database: Database;
  config: Config;
  tree: KreisTree;
  /** One user per role, in the organisations the demo uses; admin and lead have TOTP set up. */
  users: Record<Role, TestUser>;
  anonymous: Agent;
  /** A signed-in agent for a role (session opened directly; the login route has its own tests). */
  as(role: Role): Promise<Agent>;
  asUser(user: TestUser): Promise<Agent>;
  /** Signs in through POST /api/v1/auth/login. */
  login(email: string, password: string, totp?: string): Promise<{ response: LightMyRequestResponse; agent: Agent }>;
  auditCount(where?: string, params?: unknown[]): Promise<number>;
  close(): Promise<void>;
}

const ROLE_ORG: Record<Role, (t: KreisTree) => string> = {
  admin: (t) => t.kreis.id,
  lead: (t) => t.ki.id,
  case_manager: (t) => t.orgs.kimTroisdorf!.id,
  coordinator: (t) => t.orgs.kimKreis!.id,
  finance: (t) => t.ki.id,
  interpreter_coordinator: (t) => t.orgs.sprachmittlerpool!.id,
  interpreter: (t) => t.orgs.sprachmittlerpool!.id,
  partner: (t) => t.orgs.jobcenter!.id,
  municipality: (t) => t.kommunen.find((k) => k.name.endsWith('Troisdorf'))!.id,
};

export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const { database, drop } = await createTestDatabase();
  const config: Config = { ...loadConfig({}), seedDemo: false, logLevel: 'silent', publicUrl: 'http://localhost:3000', ...overrides };
  const tree = await makeKreis(database.db);
  const users = {} as Record<Role, TestUser>;
  for (const [role, org] of Object.entries(ROLE_ORG) as [Role, (t: KreisTree) => string][]) {
    const totpSecret = role === 'admin' || role === 'lead' ? newTotpSecret() : undefined;
    const organisationId = org(tree);
    const row = await makeUser(database.db, {
      email: `${role}@test.example`,
      displayName: `Test ${role}`,
      password: TEST_PASSWORD,
      memberships: [{ organisationId, role }],
      totpSecret,
    });
    users[role] = { id: row.id, email: row.email, role, organisationId, totpSecret };
  }
  const app = await buildApp({ config, database, modules, logger: false });
  await app.ready();
  const cookieName = sessionCookieName(config);

  const asUser = async (user: TestUser) => {
    const s = await openSession(database.db, user.id, { idleMinutes: config.sessionIdleMinutes, absoluteHours: config.sessionAbsoluteHours }, 'vitest');
    return new Agent(app, `${cookieName}=${s.token}`, s.csrfToken, user);
  };

  return {
    app,
    database,
    config,
    tree,
    users,
    anonymous: new Agent(app, undefined, undefined),
    as: (role) => asUser(users[role]),
    asUser,
    async login(email, password, totp) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ email, password, ...(totp ? { totp } : {}) }),
      });
      const set = response.cookies.find((c) => c.name === cookieName);
      const body = response.json() as { csrfToken?: string };
      return { response, agent: new Agent(app, set ? `${cookieName}=${set.value}` : undefined, body.csrfToken) };
    },
    async auditCount(where = 'true', params = []) {
      const r = await database.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE ${where}`, params);
      return r.rows[0]!.n;
    },
    async close() {
      await app.close();
      await drop();
    },
  };
}
