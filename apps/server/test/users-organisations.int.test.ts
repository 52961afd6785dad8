/**
 * Users and organisations through the API: creation, conflicts, optimistic locking (If-Match), idempotent creates,
 * self-protection of admins, and the real Kommunen of the Rhein-Sieg-Kreis.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type Agent, type TestApp } from './harness.js';
import { dataFingerprint, expectGermanError, freshUser, send, unique } from './helpers.js';

let t: TestApp;
let admin: Agent;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.as('admin');
});
afterAll(() => t.close());

const newUserBody = (overrides: Record<string, unknown> = {}) => ({
  email: `${unique('person')}@test.example`,
  displayName: 'Ayşe Yılmaz',
  memberships: [
    { organisationId: t.tree.orgs.kimSiegburg!.id, role: 'case_manager' },
    { organisationId: t.tree.ki.id, role: 'coordinator' },
  ],
  ...overrides,
});

async function userRow(id: string) {
  const { rows } = await t.database.pool.query('SELECT display_name, active, version FROM users WHERE id = $1', [id]);
  return rows[0];
}

describe('creating users', () => {
  it('creates a user with memberships, a one-time set-up link and an audit row', async () => {
    const body = newUserBody();
    const res = await admin.post('/api/v1/users', body);
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created.user).toMatchObject({
      email: body.email,
      displayName: 'Ayşe Yılmaz',
      active: true,
      passwordSet: false,
      totpEnabled: false,
      version: 1,
      lastLoginAt: null,
      can: { edit: true, deactivate: true },
    });
    expect(created.user.memberships).toEqual(
      expect.arrayContaining([
        { organisationId: t.tree.orgs.kimSiegburg!.id, organisationName: 'KIM Case Management Siegburg', role: 'case_manager' },
        { organisationId: t.tree.ki.id, organisationName: 'Kommunales Integrationszentrum', role: 'coordinator' },
      ]),
    );
    expect(created.setupUrl).toMatch(new RegExp(`^${t.config.publicUrl}/einrichten/[A-Za-z0-9_-]{43}$`));
    expect(created.emailSent).toBe(false);
    expect(new Date(created.setupExpiresAt).getTime() - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    expect((await admin.get(`/api/v1/users/${created.user.id}`)).json()).toEqual(created.user);

    const { rows } = await t.database.pool.query(
      `SELECT action, actor_id, subject_type, outcome, details FROM audit_events WHERE subject_id = $1`,
      [created.user.id],
    );
    expect(rows).toEqual([
      {
        action: 'users.create',
        actor_id: t.users.admin.id,
        subject_type: 'user',
        outcome: 'success',
        details: { roles: expect.arrayContaining([`case_manager@${t.tree.orgs.kimSiegburg!.id}`]) },
      },
    ]);
    // No name or e-mail address in the audit details.
    expect(JSON.stringify(rows)).not.toContain(body.email);
    expect(JSON.stringify(rows)).not.toContain('Yılmaz');
  });

  it('refuses a duplicate e-mail address (in any case) with 409 naming email', async () => {
    const body = newUserBody();
    expect((await admin.post('/api/v1/users', body)).statusCode).toBe(201);
    const before = await dataFingerprint(t);
    for (const email of [body.email, body.email.toUpperCase(), `  ${body.email}  `]) {
      const res = await admin.post('/api/v1/users', { ...body, email });
      const error = expectGermanError(res, 409);
      expect(error.code).toBe('conflict');
      expect(Object.keys(error.fields ?? {})).toEqual(['email']);
    }
    expect(await dataFingerprint(t)).toEqual(before);
  });

  it('answers concurrent creates with the same e-mail address with one 201 and otherwise 409, never a 500', async () => {
    const body = newUserBody();
    const admins = [
      admin,
      ...(await Promise.all([1, 2, 3, 4, 5].map(async () => t.asUser(await freshUser(t, 'admin', { totpSecret: 'JBSWY3DPEHPK3PXP' }))))),
    ];
    const results = await Promise.all(admins.map((a, i) => a.post('/api/v1/users', { ...body, displayName: `Doppelt ${i}` })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    for (const r of results.filter((r) => r.statusCode === 409)) expect(expectGermanError(r, 409).code).toBe('conflict');
    const { rows } = await t.database.pool.query('SELECT count(*)::int AS n FROM users WHERE email = $1', [body.email]);
    expect(rows[0].n).toBe(1);
  });

  it('refuses an unknown or inactive organisation with 400 naming the membership', async () => {
    const inactive = await admin.post('/api/v1/organisations', { parentId: t.tree.ki.id, kind: 'team', name: 'Aufgelöstes Team' });
    const inactiveId = inactive.json().id;
    expect((await admin.patch(`/api/v1/organisations/${inactiveId}`, { active: false }, { 'if-match': '1' })).statusCode).toBe(200);
    const before = await dataFingerprint(t);
    const unknownId = '7d4f3c1e-3b7a-4c55-9a59-5a1f0e1d2c3b';
    const cases: [Record<string, unknown>[], string][] = [
      [[{ organisationId: unknownId, role: 'case_manager' }], 'memberships.0.organisationId'],
      [
        [
          { organisationId: t.tree.ki.id, role: 'finance' },
          { organisationId: unknownId, role: 'finance' },
        ],
        'memberships.1.organisationId',
      ],
      [[{ organisationId: inactiveId, role: 'finance' }], 'memberships.0.organisationId'],
    ];
    for (const [memberships, field] of cases) {
      const res = await admin.post('/api/v1/users', newUserBody({ memberships }));
      expect(Object.keys(expectGermanError(res, 400).fields ?? {})).toEqual([field]);
    }
    // Schema-level errors name the nested path too.
    const badRole = await admin.post('/api/v1/users', newUserBody({ memberships: [{ organisationId: t.tree.ki.id, role: 'superadmin' }] }));
    expect(Object.keys(expectGermanError(badRole, 400).fields ?? {})).toEqual(['memberships.0.role']);
    const none = await admin.post('/api/v1/users', newUserBody({ memberships: [] }));
    expect(Object.keys(expectGermanError(none, 400).fields ?? {})).toEqual(['memberships']);
    expect(await dataFingerprint(t)).toEqual(before);
  });

  it('creates once per Idempotency-Key: a repeat gets the same answer, a different body gets 422', async () => {
    const key = `create-${unique()}`;
    const body = newUserBody();
    const first = await admin.post('/api/v1/users', body, { 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    const second = await admin.post('/api/v1/users', body, { 'idempotency-key': key });
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    const count = async (email: string) =>
      (await t.database.pool.query('SELECT count(*)::int AS n FROM users WHERE email = $1', [email])).rows[0].n;
    expect(await count(body.email)).toBe(1);
    expect(await t.auditCount(`action = 'users.create' AND subject_id = $1`, [first.json().user.id])).toBe(1);

    const other = newUserBody();
    const mismatch = await admin.post('/api/v1/users', other, { 'idempotency-key': key });
    expect(expectGermanError(mismatch, 422).code).toBe('idempotency_mismatch');
    expect(await count(other.email)).toBe(0);

    // Two concurrent repeats still create one user.
    const racing = newUserBody();
    const raceKey = `race-${unique()}`;
    const [a, b] = await Promise.all([
      admin.post('/api/v1/users', racing, { 'idempotency-key': raceKey }),
      admin.post('/api/v1/users', racing, { 'idempotency-key': raceKey }),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json()).toEqual(b.json());
    expect(await count(racing.email)).toBe(1);
  });
});

describe('updating users', () => {
  it('needs If-Match: without it 428, with a stale version 409 and nothing changes', async () => {
    const user = await freshUser(t);
    const missing = await admin.patch(`/api/v1/users/${user.id}`, { displayName: 'Neu' });
    expect(expectGermanError(missing, 428).code).toBe('precondition_required');
    const ok = await admin.patch(`/api/v1/users/${user.id}`, { displayName: 'Erste Änderung' }, { 'if-match': '1' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ displayName: 'Erste Änderung', version: 2 });
    const before = await dataFingerprint(t);
    for (const stale of ['1', '"1"', 'W/"1"', '0', '3']) {
      const res = await admin.patch(`/api/v1/users/${user.id}`, { displayName: 'Zweite Änderung', active: false }, { 'if-match': stale });
      expect(expectGermanError(res, 409).code, stale).toBe('version_conflict');
    }
    expect(await dataFingerprint(t)).toEqual(before);
    expect(await userRow(user.id)).toEqual({ display_name: 'Erste Änderung', active: true, version: 2 });
    // A quoted ETag of the current version works.
    expect((await admin.patch(`/api/v1/users/${user.id}`, { displayName: 'Zweite Änderung' }, { 'if-match': '"2"' })).statusCode).toBe(200);
  });

  it('lets exactly one of two concurrent updates of the same version win', async () => {
    const user = await freshUser(t);
    const other = await t.asUser(await freshUser(t, 'admin', { totpSecret: 'JBSWY3DPEHPK3PXP' }));
    const [a, b] = await Promise.all([
      admin.patch(`/api/v1/users/${user.id}`, { displayName: 'Version A' }, { 'if-match': '1' }),
      other.patch(`/api/v1/users/${user.id}`, { displayName: 'Version B' }, { 'if-match': '1' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const winner = a.statusCode === 200 ? a : b;
    const loser = a.statusCode === 200 ? b : a;
    expect(loser.json().code).toBe('version_conflict');
    expect(await userRow(user.id)).toEqual({ display_name: winner.json().displayName, active: true, version: 2 });
    expect(await t.auditCount(`action = 'users.update' AND subject_id = $1`, [user.id])).toBe(1);
  });

  it('does not let an admin change their own roles or lock themselves out', async () => {
    const self = await freshUser(t, 'admin', { totpSecret: 'JBSWY3DPEHPK3PXP' });
    const agent = await t.asUser(self);
    const before = await dataFingerprint(t);
    const roles = await agent.patch(
      `/api/v1/users/${self.id}`,
      { memberships: [{ organisationId: t.tree.kreis.id, role: 'lead' }] },
      { 'if-match': '1' },
    );
    expect(expectGermanError(roles, 403).code).toBe('forbidden');
    const deactivate = await agent.patch(`/api/v1/users/${self.id}`, { active: false }, { 'if-match': '1' });
    expect(expectGermanError(deactivate, 403).code).toBe('forbidden');
    expect(await dataFingerprint(t)).toEqual(before);
    expect((await agent.get(`/api/v1/users/${self.id}`)).json().can).toEqual({ edit: true, deactivate: false });
    // Their own display name is fine.
    expect((await agent.patch(`/api/v1/users/${self.id}`, { displayName: 'Admin Zwei' }, { 'if-match': '1' })).statusCode).toBe(200);
    // Another admin may change their roles.
    expect(
      (
        await admin.patch(
          `/api/v1/users/${self.id}`,
          {
            memberships: [
              { organisationId: t.tree.kreis.id, role: 'admin' },
              { organisationId: t.tree.ki.id, role: 'finance' },
            ],
          },
          { 'if-match': '2' },
        )
      ).statusCode,
    ).toBe(200);
  });

  it('takes role changes into effect at once: the user’s sessions end (Z-06)', async () => {
    const user = await freshUser(t, 'case_manager');
    const session = await t.asUser(user);
    expect((await session.get('/api/v1/organisations')).statusCode).toBe(200);
    const res = await admin.patch(
      `/api/v1/users/${user.id}`,
      { memberships: [{ organisationId: t.tree.orgs.sprachmittlerpool!.id, role: 'interpreter' }] },
      { 'if-match': '1' },
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().memberships).toEqual([
      { organisationId: t.tree.orgs.sprachmittlerpool!.id, organisationName: 'Sprachmittlerpool', role: 'interpreter' },
    ]);
    expect((await session.get('/api/v1/organisations')).statusCode).toBe(401);
    const fresh = await t.asUser(user);
    expect((await fresh.get('/api/v1/organisations')).statusCode).toBe(403);
    expect(await t.auditCount(`action = 'users.roles_changed' AND subject_id = $1`, [user.id])).toBe(1);
  });

  it('lists and searches users page by page', async () => {
    const lead = await t.as('lead');
    const page = await lead.get('/api/v1/users?limit=3&offset=1');
    expect(page.statusCode).toBe(200);
    const body = page.json();
    expect(body.items).toHaveLength(3);
    expect(body).toMatchObject({ limit: 3, offset: 1 });
    expect(body.total).toBeGreaterThanOrEqual(9);
    // Read-only roles see no edit flags.
    expect(body.items[0].can).toEqual({ edit: false, deactivate: false });
    const search = await lead.get(`/api/v1/users?q=${encodeURIComponent('finance@test')}`);
    expect(search.json().items.map((u: { email: string }) => u.email)).toEqual(['finance@test.example']);
  });
});

describe('organisations', () => {
  /** The shipped NRW statistics file (RFC 4180; some names are quoted and contain commas). */
  function gemeindenCsv() {
    const text = fs.readFileSync(path.resolve(import.meta.dirname, '../data/nrw/nrw-gemeinden.csv'), 'utf8');
    const [header, ...lines] = text.split(/\r?\n/).filter(Boolean);
    const cols = header!.split(',');
    return lines
      .map((l) => l.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/))
      .map((c) => ({
        ags: c[cols.indexOf('ags')]!,
        kreisAgs: c[cols.indexOf('kreis_ags')]!,
        name: c[cols.indexOf('gemeinde_name')]!,
        population: Number(c[cols.indexOf('einwohner_zensus_2022')]),
      }));
  }
  /** The 19 Gemeinden of the Rhein-Sieg-Kreis as the file lists them (Zensus 2022 population). */
  const kreisFromCsv = () => gemeindenCsv().filter((g) => g.kreisAgs === '05382');

  it('lists the 19 Kommunen of the Rhein-Sieg-Kreis with their real AGS and population', async () => {
    const res = await (await t.as('municipality')).get('/api/v1/organisations?kind=kommune');
    expect(res.statusCode).toBe(200);
    const kommunen = res.json() as { name: string; ags: string; population: number; parentId: string; kind: string }[];
    const expected = kreisFromCsv();
    expect(expected).toHaveLength(19);
    expect(kommunen).toHaveLength(19);
    for (const g of expected) {
      const k = kommunen.find((o) => o.ags === g.ags);
      expect(k, g.name).toBeDefined();
      expect(k!.name.endsWith(g.name), `${k!.name} / ${g.name}`).toBe(true);
      expect(k!.population, g.name).toBe(g.population);
      expect(k!.parentId).toBe(t.tree.kreis.id);
    }
    expect(kommunen.find((k) => k.name === 'Stadt Troisdorf')).toMatchObject({ ags: '05382068', population: 75_335 });
    const all = (await admin.get('/api/v1/organisations')).json() as { kind: string; name: string; population: number }[];
    const kreis = all.find((o) => o.kind === 'kreis')!;
    expect(kreis.name).toBe('Rhein-Sieg-Kreis');
    expect(kreis.population).toBe(expected.reduce((s, g) => s + g.population, 0));
    // Sorted by name, German collation aside.
    expect(all.length).toBeGreaterThan(25);
  });

  it('takes a Kommune’s population from the statistics, and refuses AGS outside NRW or unknown', async () => {
    const koeln = await admin.post('/api/v1/organisations', {
      parentId: t.tree.kreis.id,
      kind: 'kommune',
      name: 'Stadt Köln',
      ags: '05315000',
    });
    expect(koeln.statusCode, koeln.body).toBe(201);
    const koelnCsv = gemeindenCsv().find((g) => g.ags === '05315000')!;
    expect(koelnCsv.name).toBe('Köln');
    expect(koelnCsv.population).toBeGreaterThan(1_000_000);
    expect(koeln.json()).toMatchObject({ ags: '05315000', population: koelnCsv.population, kind: 'kommune', version: 1 });
    const before = await dataFingerprint(t);
    for (const ags of ['09162000', '5382068', '05382068x', '11000000']) {
      const res = await admin.post('/api/v1/organisations', { parentId: t.tree.kreis.id, kind: 'kommune', name: 'Irgendwo', ags });
      expect(Object.keys(expectGermanError(res, 400).fields ?? {}), ags).toEqual(['ags']);
    }
    const unknown = await admin.post('/api/v1/organisations', {
      parentId: t.tree.kreis.id,
      kind: 'kommune',
      name: 'Nirgendwo',
      ags: '05999999',
    });
    expect(expectGermanError(unknown, 400).fields).toEqual({ ags: expect.stringMatching(/NRW/) });
    const missing = await admin.post('/api/v1/organisations', { parentId: t.tree.kreis.id, kind: 'kommune', name: 'Ohne Schlüssel' });
    expect(Object.keys(expectGermanError(missing, 400).fields ?? {})).toEqual(['ags']);
    const forged = await admin.post('/api/v1/organisations', {
      parentId: t.tree.kreis.id,
      kind: 'kommune',
      name: 'Bonn',
      ags: '05314000',
      population: 1,
    });
    expect(Object.keys(expectGermanError(forged, 400).fields ?? {})).toEqual(['population']);
    const twice = await admin.post('/api/v1/organisations', {
      parentId: t.tree.kreis.id,
      kind: 'kommune',
      name: 'Troisdorf noch einmal',
      ags: '05382068',
    });
    expect(expectGermanError(twice, 409).code).toBe('conflict');
    const secondKreis = await admin.post('/api/v1/organisations', { parentId: t.tree.kreis.id, kind: 'kreis', name: 'Zweiter Kreis' });
    expect(Object.keys(expectGermanError(secondKreis, 400).fields ?? {})).toEqual(['kind']);
    const orphan = await admin.post('/api/v1/organisations', {
      parentId: '7d4f3c1e-3b7a-4c55-9a59-5a1f0e1d2c3b',
      kind: 'team',
      name: 'Waise',
    });
    expect(Object.keys(expectGermanError(orphan, 400).fields ?? {})).toEqual(['parentId']);
    expect(await dataFingerprint(t)).toEqual(before);
  });

  it('refuses to move an organisation under itself or its own descendants (409)', async () => {
    const create = async (name: string, parentId: string) =>
      (await admin.post('/api/v1/organisations', { parentId, kind: 'team', name })).json();
    const parent = await create('Team Eltern', t.tree.ki.id);
    const child = await create('Team Kind', parent.id);
    const grandchild = await create('Team Enkel', child.id);
    const before = await dataFingerprint(t);
    for (const target of [child.id, grandchild.id, parent.id]) {
      const res = await admin.patch(`/api/v1/organisations/${parent.id}`, { parentId: target }, { 'if-match': '1' });
      const error = expectGermanError(res, 409);
      expect(error.code).toBe('conflict');
      expect(Object.keys(error.fields ?? {})).toEqual(['parentId']);
    }
    const kreisMove = await admin.patch(`/api/v1/organisations/${t.tree.kreis.id}`, { parentId: parent.id }, { 'if-match': '1' });
    expect(Object.keys(expectGermanError(kreisMove, 400).fields ?? {})).toEqual(['parentId']);
    const kreisOff = await admin.patch(`/api/v1/organisations/${t.tree.kreis.id}`, { active: false }, { 'if-match': '1' });
    expect(expectGermanError(kreisOff, 409).code).toBe('conflict');
    expect(await dataFingerprint(t)).toEqual(before);
    // Moving the grandchild up is fine, and bumps its version.
    const up = await admin.patch(`/api/v1/organisations/${grandchild.id}`, { parentId: parent.id }, { 'if-match': '1' });
    expect(up.statusCode).toBe(200);
    expect(up.json()).toMatchObject({ parentId: parent.id, version: 2 });
  });

  it('takes the roles of a deactivated organisation’s members away at once, without breaking their session (Z-06)', async () => {
    const team = (await admin.post('/api/v1/organisations', { parentId: t.tree.ki.id, kind: 'team', name: 'Team auf Zeit' })).json();
    const member = await freshUser(t, 'case_manager', { organisationId: team.id });
    const session = await t.asUser(member);
    expect((await session.get('/api/v1/organisations')).statusCode).toBe(200);
    expect((await admin.patch(`/api/v1/organisations/${team.id}`, { active: false }, { 'if-match': '1' })).statusCode).toBe(200);
    const me = await session.get('/api/v1/auth/session');
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json().user).toMatchObject({ roles: [], permissions: [], memberships: [] });
    expect(expectGermanError(await session.get('/api/v1/organisations'), 403).code).toBe('forbidden');
    const login = await send(t, { method: 'POST', url: '/api/v1/auth/login', payload: { email: member.email, password: TEST_PASSWORD } });
    expect(login.statusCode, login.body).toBe(200);
    expect(login.json().user.roles).toEqual([]);
    // The administration still sees the membership, to move it elsewhere.
    expect((await admin.get(`/api/v1/users/${member.id}`)).json().memberships).toEqual([
      { organisationId: team.id, organisationName: 'Team auf Zeit', role: 'case_manager' },
    ]);
  });

  it('needs If-Match for updates and refuses a stale version', async () => {
    const org = (await admin.post('/api/v1/organisations', { parentId: t.tree.ki.id, kind: 'team', name: 'Team Versionen' })).json();
    expect(expectGermanError(await admin.patch(`/api/v1/organisations/${org.id}`, { name: 'Neu' }), 428).code).toBe(
      'precondition_required',
    );
    expect((await admin.patch(`/api/v1/organisations/${org.id}`, { name: 'Team Versionen 2' }, { 'if-match': '1' })).statusCode).toBe(200);
    const stale = await admin.patch(`/api/v1/organisations/${org.id}`, { name: 'Team Versionen 3' }, { 'if-match': '1' });
    expect(expectGermanError(stale, 409).code).toBe('version_conflict');
    expect((await admin.get(`/api/v1/organisations/${org.id}`)).json()).toMatchObject({ name: 'Team Versionen 2', version: 2 });
    const unknown = await admin.patch(
      '/api/v1/organisations/7d4f3c1e-3b7a-4c55-9a59-5a1f0e1d2c3b',
      { name: 'X-Team' },
      { 'if-match': '1' },
    );
    expect(expectGermanError(unknown, 404).code).toBe('not_found');
  });
});

describe('granting the administration role needs a second administrator (Z-05)', () => {
  it('holds the admin role until another admin approves; requester and person concerned cannot approve', async () => {
    const second = await freshUser(t, 'admin', { totpSecret: 'JBSWY3DPEHPK3PXP' });
    const secondAgent = await t.asUser(second);
    const target = await freshUser(t, 'case_manager');

    const res = await admin.patch(
      `/api/v1/users/${target.id}`,
      { memberships: [{ organisationId: target.organisationId, role: 'case_manager' }, { organisationId: t.tree.kreis.id, role: 'admin' }] },
      { 'if-match': '1' },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().memberships.map((m: { role: string }) => m.role)).toEqual(['case_manager']);
    const [grant] = res.json().pendingRoleGrants;
    expect(grant).toMatchObject({ role: 'admin', organisationId: t.tree.kreis.id, canDecide: false });
    // The role is not in effect: the user still cannot manage users.
    const targetSession = await t.asUser(target);
    expect((await targetSession.get('/api/v1/users')).statusCode).toBe(403);

    // The requester cannot approve their own request.
    expect(expectGermanError(await admin.post(`/api/v1/users/role-grants/${grant.id}/approve`), 403).code).toBe('forbidden');
    // The second admin sees it as decidable and approves.
    const pending = (await secondAgent.get('/api/v1/users/role-grants')).json();
    expect(pending.find((g: { id: string }) => g.id === grant.id)).toMatchObject({ canDecide: true, requestedByName: expect.any(String) });
    const approved = await secondAgent.post(`/api/v1/users/role-grants/${grant.id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().memberships.map((m: { role: string }) => m.role).sort()).toEqual(['admin', 'case_manager']);
    expect(approved.json().pendingRoleGrants).toEqual([]);
    // Decided once: a second decision is 404.
    expect((await secondAgent.post(`/api/v1/users/role-grants/${grant.id}/reject`)).statusCode).toBe(404);
    // The role change ended the user's sessions (Z-06).
    expect((await targetSession.get('/api/v1/users')).statusCode).toBe(401);
    expect(await t.auditCount(`action = 'users.role_grant_requested' AND subject_id = $1`, [target.id])).toBe(1);
    expect(await t.auditCount(`action = 'users.role_grant_approved' AND subject_id = $1`, [target.id])).toBe(1);
  });

  it('applies other roles at once and drops a rejected admin grant; removing the admin role needs no approval', async () => {
    const second = await t.asUser(await freshUser(t, 'admin', { totpSecret: 'JBSWY3DPEHPK3PXP' }));
    const created = await admin.post('/api/v1/users', newUserBody({
      memberships: [{ organisationId: t.tree.ki.id, role: 'finance' }, { organisationId: t.tree.kreis.id, role: 'admin' }],
    }));
    expect(created.statusCode, created.body).toBe(201);
    const user = created.json().user;
    expect(user.memberships.map((m: { role: string }) => m.role)).toEqual(['finance']);
    expect(user.pendingRoleGrants).toHaveLength(1);
    const rejected = await second.post(`/api/v1/users/role-grants/${user.pendingRoleGrants[0].id}/reject`);
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json().memberships.map((m: { role: string }) => m.role)).toEqual(['finance']);
    expect(rejected.json().pendingRoleGrants).toEqual([]);

    const existingAdmin = await freshUser(t, 'admin', { totpSecret: 'JBSWY3DPEHPK3PXP' });
    const demoted = await admin.patch(`/api/v1/users/${existingAdmin.id}`, { memberships: [{ organisationId: t.tree.ki.id, role: 'coordinator' }] }, { 'if-match': '1' });
    expect(demoted.statusCode).toBe(200);
    expect(demoted.json().memberships.map((m: { role: string }) => m.role)).toEqual(['coordinator']);
  });
});
