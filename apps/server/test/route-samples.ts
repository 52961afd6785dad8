/**
 * ROUTE SAMPLES — the table the route-walking tests (access-matrix, bad-input) use to call every route.
 *
 *   >>> A module that adds a route adds its entry here. <<<
 *
 * access-matrix.int.test.ts fails when a mutating route (POST/PUT/PATCH/DELETE) of `app.routeRegistry` has no entry,
 * when an entry lacks `body` or `success`, and when an entry names a route that no longer exists.
 * GET routes need an entry only when they require query parameters or headers.
 *
 * Keys are `METHOD url` exactly as the registry spells them (`POST /api/v1/users/:id/setup-link`).
 * - `body`: a syntactically valid body, so a 401/403 can never be blamed on bad input. `{}` when the route takes none.
 *   It may still fail a business rule (unknown ids, wrong password): only its shape must be right.
 * - `headers`: headers the route needs besides cookie and CSRF (e.g. `If-Match`).
 * - `params`: valid values for path parameters that are not ids (ids and tokens are filled in at random), e.g. a
 *   category, so the route-walking calls reach the route's logic instead of a 400 for the parameter.
 * - `success`: prepares ONE request that must succeed (2xx) — with real ids, a role that may do it, a fresh user where
 *   the request changes or ends something. The access matrix checks it writes ≥ 1 audit row; the bad-input suite uses
 *   its agent, URL and headers as "the role that is allowed" and replaces the body.
 * - `secretFields`: body fields that are hashed, never stored or shown (passwords). The bad-input corpus does not send
 *   NUL / lone surrogates there: any string is a valid password and a wrong one is a (recorded) failed attempt.
 */
import { sql } from 'drizzle-orm';
import type { Role } from '@teilhabe/shared';
import { currentTotp, newTotpSecret } from '../src/platform/auth/totp.js';
import { makeOrganisation } from '../src/seed/factories.js';
import { type Agent, TEST_PASSWORD, type TestApp } from './harness.js';
import { freshUser, unique } from './helpers.js';
import { DIRECTORY_ROUTE_SAMPLES } from '../src/modules/directory/directory.route-samples.js';
import { INTERPRETERS_PUBLIC_API_ROUTES, INTERPRETERS_ROUTE_SAMPLES } from '../src/modules/interpreters/interpreters.route-samples.js';
import { SURVEY_ROUTE_SAMPLES } from '../src/modules/surveys/surveys.route-samples.js';
import { KIM_ROUTE_SAMPLES } from '../src/modules/cases/kim.route-samples.js';
import { FUNDING_ROUTE_SAMPLES } from '../src/modules/funding/funding.route-samples.js';
import { LIFECYCLE_ROUTE_SAMPLES } from '../src/modules/people/lifecycle.route-samples.js';

export interface SuccessCase {
  /** The signed-in caller, or `undefined` for a public route (sent without cookie). */
  agent?: Agent;
  /** The URL with real ids filled in. */
  url: string;
  body: unknown;
  headers?: Record<string, string>;
  /** Expected status; 200 unless given. */
  status?: number;
}

export interface RouteSample {
  body?: (t: TestApp) => unknown;
  query?: string;
  headers?: Record<string, string>;
  /** Path parameters other than ids, e.g. `{ category: 'identity' }`. */
  params?: Record<string, string>;
  success?: (t: TestApp) => Promise<SuccessCase>;
  secretFields?: string[];
  /** The body is a file (uploads), not JSON: the bad-input suite sends non-file content instead of its JSON corpus. */
  rawBody?: boolean;
}

export const NEW_PASSWORD = 'Sonnenblumen-Feld-am-Rhein-7';

async function agentFor(t: TestApp, role: Role) {
  return t.asUser(await freshUser(t, role));
}

/** Creates a user through the API and returns the set-up token from the link the admin is shown. */
export async function createUserWithSetupLink(t: TestApp, role: Role = 'case_manager') {
  const admin = await t.as('admin');
  const email = `${unique('setup')}@test.example`;
  const res = await admin.post('/api/v1/users', {
    email,
    displayName: 'Neue Kollegin',
    memberships: [{ organisationId: t.users[role].organisationId, role }],
  });
  if (res.statusCode !== 201) throw new Error(`user create failed: ${res.statusCode} ${res.body}`);
  const body = res.json() as { user: { id: string }; setupUrl: string };
  const token = body.setupUrl.split('/').pop()!;
  return { email, userId: body.user.id, token, setupUrl: body.setupUrl };
}

export async function insertNotification(t: TestApp, userId: string) {
  const { rows } = await t.database.db.execute<{ id: string }>(
    sql`INSERT INTO notifications (user_id, kind, title, body) VALUES (${userId}, 'test', 'Neue Aufgabe', 'Bitte prüfen') RETURNING id`,
  );
  return rows[0]!.id;
}

export const ROUTE_SAMPLES: Record<string, RouteSample> = {
  // ── auth ─────────────────────────────────────────────────────────────────────────────────────────────────────
  'POST /api/v1/auth/login': {
    body: () => ({ email: 'niemand@test.example', password: 'irgendein-Passwort-1' }),
    secretFields: ['password'],
    success: async (t) => ({ url: '/api/v1/auth/login', body: { email: (await freshUser(t)).email, password: TEST_PASSWORD } }),
  },
  'POST /api/v1/auth/logout': {
    body: () => ({}),
    success: async (t) => ({ agent: await agentFor(t, 'case_manager'), url: '/api/v1/auth/logout', body: {} }),
  },
  'POST /api/v1/auth/logout-all': {
    body: () => ({}),
    success: async (t) => ({ agent: await agentFor(t, 'case_manager'), url: '/api/v1/auth/logout-all', body: {} }),
  },
  'POST /api/v1/auth/password': {
    body: () => ({ currentPassword: 'falsches-Passwort-123', newPassword: NEW_PASSWORD }),
    secretFields: ['currentPassword', 'newPassword'],
    success: async (t) => ({
      agent: await agentFor(t, 'case_manager'),
      url: '/api/v1/auth/password',
      body: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD },
    }),
  },
  'POST /api/v1/auth/totp/setup': {
    body: () => ({}),
    success: async (t) => ({ agent: await agentFor(t, 'case_manager'), url: '/api/v1/auth/totp/setup', body: {} }),
  },
  'POST /api/v1/auth/totp/confirm': {
    body: () => ({ code: '123456' }),
    success: async (t) => {
      const agent = await agentFor(t, 'case_manager');
      const setup = await agent.post('/api/v1/auth/totp/setup', {});
      const { secret } = setup.json() as { secret: string };
      return { agent, url: '/api/v1/auth/totp/confirm', body: { code: currentTotp(secret) } };
    },
  },
  'POST /api/v1/auth/totp/disable': {
    body: () => ({ password: 'falsches-Passwort-123' }),
    secretFields: ['password'],
    success: async (t) => ({
      agent: await t.asUser(await freshUser(t, 'case_manager', { totpSecret: newTotpSecret() })),
      url: '/api/v1/auth/totp/disable',
      body: { password: TEST_PASSWORD },
    }),
  },
  'POST /api/v1/auth/setup/:token': {
    body: () => ({ password: NEW_PASSWORD }),
    secretFields: ['password'],
    success: async (t) => {
      const { token } = await createUserWithSetupLink(t);
      return { url: `/api/v1/auth/setup/${token}`, body: { password: NEW_PASSWORD } };
    },
  },

  // ── users ────────────────────────────────────────────────────────────────────────────────────────────────────
  'POST /api/v1/users': {
    body: (t) => ({
      email: `${unique('sample')}@test.example`,
      displayName: 'Beispiel Person',
      memberships: [{ organisationId: t.tree.ki.id, role: 'case_manager' }],
    }),
    success: async (t) => ({
      agent: await t.as('admin'),
      url: '/api/v1/users',
      body: {
        email: `${unique('neu')}@test.example`,
        displayName: 'Neue Person',
        memberships: [{ organisationId: t.tree.ki.id, role: 'finance' }],
      },
      status: 201,
    }),
  },
  'PATCH /api/v1/users/:id': {
    body: () => ({ displayName: 'Geänderter Name' }),
    headers: { 'if-match': '1' },
    success: async (t) => ({
      agent: await t.as('admin'),
      url: `/api/v1/users/${(await freshUser(t)).id}`,
      body: { displayName: 'Geänderter Name' },
      headers: { 'if-match': '1' },
    }),
  },
  'POST /api/v1/users/:id/setup-link': {
    body: () => ({}),
    success: async (t) => ({ agent: await t.as('admin'), url: `/api/v1/users/${(await freshUser(t)).id}/setup-link`, body: {} }),
  },

  'POST /api/v1/users/role-grants/:id/approve': {
    body: () => ({}),
    success: async (t) => ({ agent: await t.as('admin'), url: `/api/v1/users/role-grants/${await pendingAdminGrant(t)}/approve`, body: {} }),
  },
  'POST /api/v1/users/role-grants/:id/reject': {
    body: () => ({}),
    success: async (t) => ({ agent: await t.as('admin'), url: `/api/v1/users/role-grants/${await pendingAdminGrant(t)}/reject`, body: {} }),
  },

  // ── organisations ────────────────────────────────────────────────────────────────────────────────────────────
  'POST /api/v1/organisations': {
    body: (t) => ({ parentId: t.tree.kreis.id, kind: 'team', name: `Team ${unique()}` }),
    success: async (t) => ({
      agent: await t.as('admin'),
      url: '/api/v1/organisations',
      body: { parentId: t.tree.ki.id, kind: 'team', name: `Team ${unique()}` },
      status: 201,
    }),
  },
  'PATCH /api/v1/organisations/:id': {
    body: () => ({ name: 'Umbenanntes Team' }),
    headers: { 'if-match': '1' },
    success: async (t) => {
      const org = await makeOrganisation(t.database.db, { name: `Team ${unique()}`, kind: 'team', parentId: t.tree.ki.id });
      return {
        agent: await t.as('admin'),
        url: `/api/v1/organisations/${org.id}`,
        body: { name: 'Umbenanntes Team' },
        headers: { 'if-match': '1' },
      };
    },
  },

  // ── audit ────────────────────────────────────────────────────────────────────────────────────────────────────
  'GET /api/v1/audit-events': { query: 'limit=5' },

  // ── notifications ────────────────────────────────────────────────────────────────────────────────────────────
  'POST /api/v1/notifications/:id/read': {
    body: () => ({}),
    success: async (t) => {
      const user = await freshUser(t, 'interpreter');
      const id = await insertNotification(t, user.id);
      return { agent: await t.asUser(user), url: `/api/v1/notifications/${id}/read`, body: {} };
    },
  },

  // ── directory (Netzwerk und Angebote) ─────────────────────────────────────────────────────────────────────────
  ...DIRECTORY_ROUTE_SAMPLES,
  ...INTERPRETERS_ROUTE_SAMPLES,
  ...SURVEY_ROUTE_SAMPLES,
  ...KIM_ROUTE_SAMPLES,
  ...LIFECYCLE_ROUTE_SAMPLES,
  ...FUNDING_ROUTE_SAMPLES,
};

/**
 * Public API routes other than GETs under /api/v1/public/ — the whole unauthenticated write surface (Z-09).
 * Adding one is a reviewed decision (rate limit it, audit it); access-matrix.int.test.ts fails until it is listed here.
 */
export const PUBLIC_API_ROUTES: readonly string[] = [
  'POST /api/v1/auth/login',
  'GET /api/v1/auth/setup/:token',
  'POST /api/v1/auth/setup/:token',
  ...INTERPRETERS_PUBLIC_API_ROUTES,
];

export const MUTATING_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function routeKey(r: { method: string; url: string }) {
  return `${r.method} ${r.url}`;
}

/** A grant of the admin role requested by a second administrator, so the demo admin may decide it. */
async function pendingAdminGrant(t: TestApp): Promise<string> {
  const requester = await t.asUser(await freshUser(t, 'admin', { totpSecret: 'JBSWY3DPEHPK3PXP' }));
  const target = await freshUser(t);
  const res = await requester.patch(`/api/v1/users/${target.id}`, { memberships: [{ organisationId: t.tree.kreis.id, role: 'admin' }] }, { 'if-match': '1' });
  if (res.statusCode !== 200) throw new Error(`grant request failed: ${res.body}`);
  return res.json().pendingRoleGrants[0].id;
}
