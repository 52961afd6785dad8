/**
 * The access matrix: walks every route of `app.routeRegistry` (DESIGN §2 "One choke point", research-security Z-01,
 * Z-02, Z-03, Z-09, G-01). The snapshots in __snapshots__/ are the reviewed permission surface: a changed snapshot is
 * a permission change and needs review.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLE_PERMISSIONS, ROLES, TOTP_REQUIRED_ROLES, type Access, type Permission, type Role } from '@teilhabe/shared';
import { newTotpSecret } from '../src/platform/auth/totp.js';
import { createTestApp, type Agent, type TestApp } from './harness.js';
import { auditRowsOf, dataFingerprint, expectGermanError, fillParams, freshUser, send, withoutCsrf } from './helpers.js';
import { insertNotification, MUTATING_METHODS, PUBLIC_API_ROUTES, ROUTE_SAMPLES, routeKey } from './route-samples.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type RouteEntry = { method: string; url: string; access: Access | undefined };
const routes = (): RouteEntry[] => t.app.routeRegistry;
const isMutating = (r: RouteEntry) => MUTATING_METHODS.has(r.method);
const isPermission = (a: Access | undefined): a is Permission => !!a && (PERMISSIONS as readonly string[]).includes(a);

/** A valid request for a route as the registry lists it: random ids, the sample body and headers. */
function sampleRequest(route: RouteEntry) {
  const sample = ROUTE_SAMPLES[routeKey(route)];
  const url = fillParams(route.url, sample?.params) + (sample?.query ? `?${sample.query}` : '');
  const payload = isMutating(route) ? (sample?.body?.(t) ?? {}) : undefined;
  return { method: route.method, url, payload, headers: sample?.headers };
}

/** A signed-in agent of a user of its own with this role (admin and lead with TOTP set up). */
async function ownAgent(role: Role): Promise<Agent> {
  return t.asUser(await freshUser(t, role, { totpSecret: TOTP_REQUIRED_ROLES.includes(role) ? newTotpSecret() : undefined }));
}

describe('the route registry', () => {
  it('matches the reviewed snapshot of routes and their access (a change here is a permission change)', () => {
    const routesWithAccess = routes()
      .map((r) => `${r.method.padEnd(6)} ${r.url}  →  ${r.access}`)
      .sort();
    // Every route declares a known access level; the app already refuses to boot otherwise.
    for (const r of routes())
      expect(r.access === 'public' || r.access === 'authenticated' || isPermission(r.access), routeKey(r)).toBe(true);
    expect(new Set(routesWithAccess).size).toBe(routesWithAccess.length);
    expect(routesWithAccess).toMatchSnapshot();
  });

  it('matches the reviewed snapshot of which role holds which permission', () => {
    const matrix = Object.fromEntries(PERMISSIONS.map((p) => [p, ROLES.filter((r) => ROLE_PERMISSIONS[r].includes(p))]));
    for (const role of ROLES) for (const p of ROLE_PERMISSIONS[role]) expect(PERMISSIONS).toContain(p);
    // The technical administration never holds case data permissions (Z-05).
    expect(ROLE_PERMISSIONS.admin.filter((p) => /^(persons|cases|referrals|barriers)\./.test(p))).toEqual([]);
    expect(matrix).toMatchSnapshot();
  });

  it('has a sample body and a success case for every mutating route, and no samples for routes that are gone', () => {
    const keys = new Set(routes().map(routeKey));
    const missing = routes()
      .filter(isMutating)
      .filter((r) => !ROUTE_SAMPLES[routeKey(r)]?.body || !ROUTE_SAMPLES[routeKey(r)]?.success)
      .map(routeKey);
    expect(missing, 'add these routes to apps/server/test/route-samples.ts').toEqual([]);
    const stale = Object.keys(ROUTE_SAMPLES).filter((k) => !keys.has(k));
    expect(stale, 'these samples name routes that no longer exist').toEqual([]);
  });

  it('exposes no public API routes beyond the reviewed list and read-only GETs under /api/v1/public/ (Z-09)', () => {
    const publicApi = routes()
      .filter((r) => r.access === 'public' && r.url.startsWith('/api/'))
      .map(routeKey)
      .filter((k) => !/^GET \/api\/v1\/public\//.test(k) && !/^GET \/api\/(docs|openapi\.json)/.test(k))
      .sort();
    expect(publicApi, 'a public route that is not a GET under /api/v1/public/ goes into PUBLIC_API_ROUTES after review').toEqual(
      [...PUBLIC_API_ROUTES].sort(),
    );
    // Outside the API only GETs (the app shell, assets, public pages) are public.
    expect(
      routes()
        .filter((r) => r.access === 'public' && !r.url.startsWith('/api/') && r.method !== 'GET')
        .map(routeKey),
    ).toEqual([]);
  });
});

describe('anonymous callers', () => {
  it('get 401 with a German error on every non-public route, even with a valid body', async () => {
    const checked: string[] = [];
    for (const route of routes().filter((r) => r.access !== 'public')) {
      for (const cookie of [undefined, 'teilhabe_session=gefälschtes-token-das-es-nicht-gibt-0123456789']) {
        const req = sampleRequest(route);
        const res = await send(t, { ...req, headers: { ...req.headers, ...(cookie ? { cookie: encodeURI(cookie) } : {}) } });
        const body = expectGermanError(res, 401);
        expect(body.code, routeKey(route)).toBe('unauthenticated');
        expect(Object.keys(body).sort(), routeKey(route)).toEqual(['code', 'message', 'requestId']);
      }
      checked.push(routeKey(route));
    }
    expect(checked.length).toBeGreaterThanOrEqual(17);
    // HEAD, which Fastify adds to every GET route, is guarded the same way.
    for (const route of routes().filter((r) => r.access !== 'public' && r.method === 'GET')) {
      const res = await send(t, { ...sampleRequest(route), method: 'HEAD' });
      expect(res.statusCode, `HEAD ${route.url}`).toBe(401);
      expect(res.body).toBe('');
    }
  });

  it('reach every public route without being asked to sign in, and never get a server error', async () => {
    for (const route of routes().filter((r) => r.access === 'public')) {
      const req = sampleRequest(route);
      const res = await send(t, { ...req, url: req.url.replace('*', 'index.css') });
      // (The login itself answers 401 to wrong credentials; what must not come is a refusal for want of a session.)
      const code = String(res.headers['content-type'] ?? '').startsWith('application/json')
        ? (res.json() as { code?: string }).code
        : undefined;
      expect(['csrf_invalid', 'totp_setup_required', 'forbidden'], routeKey(route)).not.toContain(code);
      expect(
        [401, 403].includes(res.statusCode) && route.url !== '/api/v1/auth/login',
        `${routeKey(route)} ${res.body.slice(0, 200)}`,
      ).toBe(false);
      expect(res.statusCode, routeKey(route)).toBeLessThan(500);
    }
    const health = await send(t, { method: 'GET', url: '/healthz' });
    expect(health.json()).toEqual({ status: 'ok' });
    const openapi = await send(t, { method: 'GET', url: '/api/openapi.json' });
    expect(openapi.statusCode).toBe(200);
    expect(Object.keys(openapi.json().paths)).toContain('/api/v1/users');
  });
});

describe('permissions', () => {
  const agents = {} as Record<Role, Agent>;
  beforeAll(async () => {
    for (const role of ROLES) agents[role] = await t.as(role);
  });

  it('refuse every role that lacks the route’s permission with 403 and record the denial', async () => {
    let denials = 0;
    for (const route of routes().filter((r) => isPermission(r.access))) {
      const permission = route.access as Permission;
      const lacking = ROLES.filter((r) => !ROLE_PERMISSIONS[r].includes(permission));
      expect(lacking.length, routeKey(route)).toBeGreaterThan(0);
      for (const role of lacking) {
        const res = await send(t, { ...sampleRequest(route), agent: agents[role] });
        const body = expectGermanError(res, 403);
        expect(body.code, `${role} ${routeKey(route)}`).toBe('forbidden');
        const audit = await auditRowsOf(t, res);
        expect(audit, `${role} ${routeKey(route)}`).toEqual([
          expect.objectContaining({ action: 'access.denied', outcome: 'denied', details: expect.objectContaining({ permission }) }),
        ]);
        denials++;
      }
    }
    expect(denials).toBeGreaterThan(50);
  });

  it('let every role that holds the permission past the access check', async () => {
    let passes = 0;
    for (const route of routes().filter((r) => isPermission(r.access))) {
      for (const role of ROLES.filter((r) => ROLE_PERMISSIONS[r].includes(route.access as Permission))) {
        const res = await send(t, { ...sampleRequest(route), agent: agents[role] });
        expect([401, 403], `${role} ${routeKey(route)} → ${res.statusCode} ${res.body.slice(0, 200)}`).not.toContain(res.statusCode);
        expect(res.statusCode, `${role} ${routeKey(route)} ${res.body.slice(0, 200)}`).toBeLessThan(500);
        passes++;
      }
    }
    expect(passes).toBeGreaterThan(10);
  });

  it('let every role use the routes open to any signed-in user', async () => {
    for (const route of routes().filter((r) => r.access === 'authenticated')) {
      for (const role of ROLES) {
        // A user of its own: these routes log out, start TOTP set-up and the like.
        const res = await send(t, { ...sampleRequest(route), agent: await ownAgent(role) });
        expect([401, 403], `${role} ${routeKey(route)} → ${res.statusCode} ${res.body.slice(0, 200)}`).not.toContain(res.statusCode);
        expect(res.statusCode, `${role} ${routeKey(route)}`).toBeLessThan(500);
      }
    }
  });
});

describe('CSRF protection', () => {
  it('refuses every signed-in mutating request without a valid x-csrf-token, and changes nothing', async () => {
    const mutating = routes().filter((r) => isMutating(r) && r.access !== 'public');
    expect(mutating.length).toBeGreaterThanOrEqual(10);
    // One user of its own per role, all signed in before the fingerprint is taken.
    const agents = {} as Record<Role, Agent>;
    for (const role of ROLES) agents[role] = await ownAgent(role);
    const other = await t.as('finance');
    const before = await dataFingerprint(t);
    for (const route of mutating) {
      // As a role that may call the route: the CSRF check alone must stop it.
      const role =
        route.access === 'authenticated' ? 'case_manager' : ROLES.find((r) => ROLE_PERMISSIONS[r].includes(route.access as Permission))!;
      const req = sampleRequest(route);
      const variants: Record<string, string>[] = [
        {},
        { 'x-csrf-token': 'falsch' },
        { 'x-csrf-token': other.csrfToken! },
        { 'x-csrf-token': '' },
      ];
      for (const headers of variants) {
        const res = await send(t, { ...req, agent: withoutCsrf(agents[role]), headers: { ...req.headers, ...headers } });
        const body = expectGermanError(res, 403, `${role} ${routeKey(route)}`);
        expect(body.code, routeKey(route)).toBe('csrf_invalid');
      }
    }
    expect(await dataFingerprint(t)).toEqual(before);
    // The sessions survived the refused logouts.
    for (const role of ROLES) expect((await agents[role].get('/api/v1/auth/session')).statusCode, role).toBe(200);
  });
});

describe('audit of successful changes', () => {
  it.each(Object.entries(ROUTE_SAMPLES).filter(([key]) => MUTATING_METHODS.has(key.split(' ')[0]!)))(
    '%s writes at least one audit row in the same request',
    async (key, sample) => {
      const method = key.split(' ')[0]!;
      const ok = await sample.success!(t);
      const before = await t.auditCount();
      const res = await send(t, { method, url: ok.url, payload: ok.body, agent: ok.agent, headers: ok.headers });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(ok.status ?? 200);
      expect(await t.auditCount()).toBeGreaterThan(before);
      const rows = await auditRowsOf(t, res);
      expect(rows.filter((r) => r.outcome === 'success').length, JSON.stringify(rows)).toBeGreaterThanOrEqual(1);
      expect(
        rows.every((r) => /^[a-z_]+\.[a-z_]+$/.test(r.action)),
        JSON.stringify(rows),
      ).toBe(true);
    },
  );
});

describe('record scope', () => {
  it('answers 404 (not 403) for another user’s notification and leaves it unread', async () => {
    const owner = await freshUser(t, 'case_manager');
    const id = await insertNotification(t, owner.id);
    const intruder = await t.as('coordinator');
    const res = await intruder.post(`/api/v1/notifications/${id}/read`, {});
    expect(expectGermanError(res, 404).code).toBe('not_found');
    const { rows } = await t.database.pool.query('SELECT read_at FROM notifications WHERE id = $1', [id]);
    expect(rows[0].read_at).toBeNull();
    // A random id gives the same answer: the caller cannot tell "not yours" from "does not exist".
    const random = await intruder.post(`/api/v1/notifications/${fillParams(':id')}/read`, {});
    expect(random.statusCode).toBe(404);
    expect({ ...random.json(), requestId: 0 }).toEqual({ ...res.json(), requestId: 0 });
    // The intruder's list does not show it; the owner's list does, as unread, and the owner can mark it read.
    const list = await intruder.get('/api/v1/notifications');
    expect(list.json().items.map((n: { id: string }) => n.id)).not.toContain(id);
    const ownerAgent = await t.asUser(owner);
    expect((await ownerAgent.get('/api/v1/notifications')).json()).toMatchObject({ unread: 1, items: [{ id, readAt: null }] });
    expect((await ownerAgent.post(`/api/v1/notifications/${id}/read`, {})).statusCode).toBe(200);
    expect((await ownerAgent.get('/api/v1/notifications')).json()).toMatchObject({
      unread: 0,
      items: [{ id, readAt: expect.any(String) }],
    });
  });
});
