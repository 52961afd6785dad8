/**
 * Sign-in, sessions, TOTP, password policy and set-up links through the real routes (research-security §3.2, §3.3).
 * Every login comes from a client address of its own, so throttles of one test never touch another.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { currentTotp, newTotpSecret } from '../src/platform/auth/totp.js';
import { makeUser } from '../src/seed/factories.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from './harness.js';
import { expectGermanError, freshIp, freshUser, loginVia, send, unique } from './helpers.js';
import { createUserWithSetupLink } from './route-samples.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** A six-digit code that is not valid for this secret in the ±1 window around now. */
function wrongCode(secret: string): string {
  const valid = new Set([-30_000, 0, 30_000].map((d) => currentTotp(secret, Date.now() + d)));
  for (let i = 0; ; i++) {
    const code = String((123_456 + i * 7_919) % 1_000_000).padStart(6, '0');
    if (!valid.has(code)) return code;
  }
}

const withoutRequestId = (res: LightMyRequestResponse) => ({ ...res.json(), requestId: undefined });

async function sessionStatus(agent: { get(url: string): Promise<LightMyRequestResponse> }) {
  return (await agent.get('/api/v1/auth/session')).statusCode;
}

describe('login', () => {
  it('sets an httpOnly, SameSite=Lax session cookie (no Secure on http) and returns the CSRF token', async () => {
    const user = await freshUser(t);
    const { res, cookie, agent } = await loginVia(t, { email: user.email, password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      status: 'ok',
      csrfToken: expect.any(String),
      user: { id: user.id, email: user.email, roles: ['case_manager'] },
    });
    expect(body.csrfToken.length).toBeGreaterThanOrEqual(22);
    expect(cookie).toBeDefined();
    expect(cookie!.name).toBe('teilhabe_session');
    expect(cookie!.httpOnly).toBe(true);
    expect(cookie!.sameSite).toBe('Lax');
    expect(cookie!.secure).toBeFalsy();
    expect(cookie!.path).toBe('/');
    expect(cookie!.domain).toBeUndefined();
    // ≥ 128 bits of randomness, and never in the body (S-01, S-03)
    expect(cookie!.value).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    expect(res.body).not.toContain(cookie!.value);
    expect(body.csrfToken).not.toBe(cookie!.value);
    expect(await sessionStatus(agent!)).toBe(200);
    // The login is recorded, with the session's actor.
    const { rows } = await t.database.pool.query(
      `SELECT outcome, subject_id FROM audit_events WHERE action = 'auth.login' AND actor_id = $1`,
      [user.id],
    );
    expect(rows).toEqual([{ outcome: 'success', subject_id: user.id }]);
  });

  it('uses a __Host- cookie with Secure when the public URL is https', async () => {
    const https = await createTestApp({ publicUrl: 'https://teilhabe.example', secureCookies: true });
    try {
      const res = await send(https, {
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: https.users.case_manager.email, password: TEST_PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      const cookie = res.cookies.find((c) => c.name.startsWith('__Host-'));
      expect(cookie).toMatchObject({ name: '__Host-teilhabe', secure: true, httpOnly: true, sameSite: 'Lax', path: '/' });
      expect(cookie!.domain).toBeUndefined();
      expect(res.headers['strict-transport-security']).toBeDefined();
    } finally {
      await https.close();
    }
  });

  it('gives the same answer for a wrong password and an unknown e-mail address (A-05)', async () => {
    const user = await freshUser(t);
    const wrong = await loginVia(t, { email: user.email, password: 'ganz-falsches-Passwort' });
    const unknown = await loginVia(t, { email: `${unique('niemand')}@test.example`, password: 'ganz-falsches-Passwort' });
    const inactive = await loginVia(t, { email: (await freshUser(t, 'case_manager', { active: false })).email, password: TEST_PASSWORD });
    for (const res of [wrong, unknown, inactive]) {
      expect(res.res.statusCode).toBe(401);
      expect(res.cookie).toBeUndefined();
      expectGermanError(res.res, 401);
    }
    expect(withoutRequestId(unknown.res)).toEqual(withoutRequestId(wrong.res));
    expect(withoutRequestId(inactive.res)).toEqual(withoutRequestId(wrong.res));
    expect(Object.keys(wrong.res.headers).sort()).toEqual(Object.keys(unknown.res.headers).sort());
    // Each failure is audited with its real reason, for the operator only.
    const { rows } = await t.database.pool.query(
      `SELECT details->>'reason' AS reason FROM audit_events WHERE action = 'auth.login_failed' AND request_id = ANY($1) ORDER BY seq`,
      [[wrong, unknown, inactive].map((r) => r.res.headers['x-request-id'])],
    );
    expect(rows.map((r) => r.reason)).toEqual(['wrong_password', 'unknown_account', 'inactive']);
  });

  it('locks an account after 5 failures: the 6th attempt, even with the right password, gets 429 with Retry-After', async () => {
    const user = await freshUser(t);
    for (let i = 0; i < 5; i++) {
      const { res } = await loginVia(t, { email: user.email, password: `falsch-${i}-aber-lang-genug` });
      expect(res.statusCode, `attempt ${i + 1}`).toBe(401);
    }
    const { res, cookie } = await loginVia(t, { email: user.email, password: TEST_PASSWORD });
    expect(expectGermanError(res, 429).code).toBe('too_many_requests');
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(cookie).toBeUndefined();
    expect(await t.auditCount(`action = 'auth.login_throttled' AND request_id = $1`, [res.headers['x-request-id']])).toBe(1);
    // Once the lock has expired, the right password works again (and clears the account's failures).
    await t.database.pool.query(`UPDATE login_throttle SET locked_until = now() - interval '1 second' WHERE key = $1`, [
      `account:${user.email}`,
    ]);
    expect((await loginVia(t, { email: user.email, password: TEST_PASSWORD })).res.statusCode).toBe(200);
    const { rows } = await t.database.pool.query('SELECT count(*)::int AS n FROM login_throttle WHERE key = $1', [`account:${user.email}`]);
    expect(rows[0].n).toBe(0);
  });

  it('throttles one client address that tries many accounts, and ignores a forged X-Forwarded-For (B-19)', async () => {
    const ip = freshIp();
    for (let i = 0; i < 5; i++) {
      const { res } = await loginVia(t, { email: `${unique('probe')}@test.example`, password: 'ein-Passwort-zum-Raten' }, ip);
      expect(res.statusCode).toBe(401);
    }
    const user = await freshUser(t);
    const blocked = await loginVia(t, { email: user.email, password: TEST_PASSWORD }, ip);
    expect(blocked.res.statusCode).toBe(429);
    expect(Number(blocked.res.headers['retry-after'])).toBeGreaterThan(0);
    const spoofed = await loginVia(t, { email: user.email, password: TEST_PASSWORD }, ip, { 'x-forwarded-for': '1.2.3.4' });
    expect(spoofed.res.statusCode).toBe(429);
    // The same user from another address is not affected.
    expect((await loginVia(t, { email: user.email, password: TEST_PASSWORD })).res.statusCode).toBe(200);
  });

  it('refuses a 1 MB password with 400 before any verification, and an empty one', async () => {
    const user = await freshUser(t);
    const ip = freshIp();
    for (const password of ['x'.repeat(1_000_000), 'ä'.repeat(513), '']) {
      const { res } = await loginVia(t, { email: user.email, password }, ip);
      const body = expectGermanError(res, 400);
      expect(body.fields).toHaveProperty('password');
    }
    // Refused by the schema: no attempt was counted, no failure recorded.
    const { rows } = await t.database.pool.query('SELECT count(*)::int AS n FROM login_throttle WHERE key IN ($1, $2)', [
      `account:${user.email}`,
      `ip:${ip}`,
    ]);
    expect(rows[0].n).toBe(0);
    expect(await t.auditCount(`action = 'auth.login_failed' AND actor_id = $1`, [user.id])).toBe(0);
  });

  it('does not adopt a session token chosen by the client (session fixation, S-01)', async () => {
    const user = await freshUser(t);
    const planted = 'A'.repeat(43);
    const res = await send(t, {
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: TEST_PASSWORD },
      headers: { cookie: `teilhabe_session=${planted}` },
    });
    expect(res.statusCode).toBe(200);
    const issued = res.cookies.find((c) => c.name === 'teilhabe_session')!.value;
    expect(issued).not.toBe(planted);
    expect(
      (await send(t, { method: 'GET', url: '/api/v1/auth/session', headers: { cookie: `teilhabe_session=${planted}` } })).statusCode,
    ).toBe(401);
    // A second login opens a second, different session.
    const again = await loginVia(t, { email: user.email, password: TEST_PASSWORD });
    expect(again.cookie!.value).not.toBe(issued);
  });
});

describe('TOTP', () => {
  it('asks for the code, accepts the current one once and refuses its reuse (A-03)', async () => {
    const secret = newTotpSecret();
    const admin = await freshUser(t, 'admin', { totpSecret: secret });
    const first = await loginVia(t, { email: admin.email, password: TEST_PASSWORD });
    expect(first.res.statusCode).toBe(200);
    expect(first.res.json()).toEqual({ status: 'totp_required' });
    expect(first.res.headers['set-cookie']).toBeUndefined();

    const code = currentTotp(secret);
    const ok = await loginVia(t, { email: admin.email, password: TEST_PASSWORD, totp: code });
    expect(ok.res.statusCode).toBe(200);
    expect(ok.res.json()).toMatchObject({ status: 'ok', user: { roles: ['admin'], totpEnabled: true, totpSetupRequired: false } });
    expect(await sessionStatus(ok.agent!)).toBe(200);

    const reuse = await loginVia(t, { email: admin.email, password: TEST_PASSWORD, totp: code });
    expect(expectGermanError(reuse.res, 401).code).toBe('unauthenticated');
    expect(reuse.cookie).toBeUndefined();
    // A code from three steps ago is refused as well.
    const old = await loginVia(t, { email: admin.email, password: TEST_PASSWORD, totp: currentTotp(secret, Date.now() - 90_000) });
    expect(old.res.statusCode).toBe(401);
    // Malformed codes are input errors (B-16).
    for (const totp of ['1234567', 'abcdef', '12 345']) {
      const bad = await loginVia(t, { email: admin.email, password: TEST_PASSWORD, totp });
      expect(expectGermanError(bad.res, 400).fields).toHaveProperty('totp');
    }
  });

  it('counts wrong codes toward the throttle', async () => {
    const secret = newTotpSecret();
    const lead = await freshUser(t, 'lead', { totpSecret: secret });
    for (let i = 0; i < 5; i++) {
      const { res } = await loginVia(t, { email: lead.email, password: TEST_PASSWORD, totp: wrongCode(secret) });
      expect(res.statusCode, `attempt ${i + 1}`).toBe(401);
    }
    expect(await t.auditCount(`action = 'auth.totp_failed' AND actor_id = $1`, [lead.id])).toBe(5);
    const { res } = await loginVia(t, { email: lead.email, password: TEST_PASSWORD, totp: currentTotp(secret) });
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBeDefined();
  });

  it('lets an admin without TOTP do nothing but set it up, then everything', async () => {
    const admin = await freshUser(t, 'admin');
    const { res, agent } = await loginVia(t, { email: admin.email, password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ totpEnabled: false, totpSetupRequired: true });
    const refused = await agent!.get('/api/v1/users');
    expect(expectGermanError(refused, 403).code).toBe('totp_setup_required');
    expect((await agent!.post('/api/v1/users', { email: 'x@test.example', displayName: 'X', memberships: [] })).json().code).toBe(
      'totp_setup_required',
    );
    expect((await agent!.get('/api/v1/auth/session')).json().user.totpSetupRequired).toBe(true);

    const setup = await agent!.post('/api/v1/auth/totp/setup', {});
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUrl, qrSvg } = setup.json();
    expect(otpauthUrl).toContain(`secret=${secret}`);
    expect(otpauthUrl).toContain('issuer=Teilhabe');
    expect(qrSvg).toMatch(/^<svg/);
    const wrong = await agent!.post('/api/v1/auth/totp/confirm', { code: wrongCode(secret) });
    expect(expectGermanError(wrong, 400).fields).toHaveProperty('code');
    expect((await agent!.get('/api/v1/users')).statusCode).toBe(403);

    const code = currentTotp(secret);
    expect((await agent!.post('/api/v1/auth/totp/confirm', { code })).statusCode).toBe(200);
    expect((await agent!.get('/api/v1/users')).statusCode).toBe(200);
    // From now on the login asks for a code, and the one used for the confirmation cannot be replayed.
    expect((await loginVia(t, { email: admin.email, password: TEST_PASSWORD })).res.json()).toEqual({ status: 'totp_required' });
    expect((await loginVia(t, { email: admin.email, password: TEST_PASSWORD, totp: code })).res.statusCode).toBe(401);
    // The admin cannot switch it off again (409), a case manager could.
    expect((await agent!.post('/api/v1/auth/totp/disable', { password: TEST_PASSWORD })).statusCode).toBe(409);
    const { rows } = await t.database.pool.query('SELECT totp_enabled FROM users WHERE id = $1', [admin.id]);
    expect(rows[0].totp_enabled).toBe(true);
  });
});

describe('password policy (A-01)', () => {
  async function change(newPassword: string) {
    const user = await freshUser(t);
    const agent = await t.asUser(user);
    const res = await agent.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword });
    return { user, agent, res };
  }

  it.each([
    ['11 characters', 'Abcdefghij1'],
    ['a context word', 'Integrationszentrum2025!'],
    ['a common password', '!!iloveyou2024'],
    ['a single repeated character', 'ääääääääääääää'],
  ])('refuses %s with 400 naming newPassword', async (_name, password) => {
    const { res, user } = await change(password);
    const body = expectGermanError(res, 400);
    expect(Object.keys(body.fields ?? {})).toEqual(['newPassword']);
    // The old password still works.
    expect((await loginVia(t, { email: user.email, password: TEST_PASSWORD })).res.statusCode).toBe(200);
  });

  it('refuses a password that is only the user’s own name', async () => {
    const row = await makeUser(t.database.db, {
      email: `maria.schmidt@${unique('kreis')}.example`,
      displayName: 'Maria Schmidt',
      password: TEST_PASSWORD,
      memberships: [{ organisationId: t.tree.ki.id, role: 'finance' }],
    });
    const agent = await t.asUser({ id: row.id, email: row.email, role: 'finance', organisationId: t.tree.ki.id });
    const res = await agent.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'MariaSchmidt2025!' });
    expect(expectGermanError(res, 400).fields).toHaveProperty('newPassword');
  });

  it.each([
    ['128 characters', 'Lang-'.repeat(25) + 'xyz'],
    ['emoji and umlauts', 'Größenwahn 🦊 in Köln – ça va'],
    ['Arabic and Cyrillic', 'مرحبا-Привет-Dobrý-den'],
  ])('accepts %s, and the user can sign in with it', async (_name, password) => {
    expect([...password].length).toBeGreaterThanOrEqual(12);
    const { res, user } = await change(password);
    expect(res.statusCode, res.body).toBe(200);
    expect((await loginVia(t, { email: user.email, password })).res.statusCode).toBe(200);
    expect((await loginVia(t, { email: user.email, password: TEST_PASSWORD })).res.statusCode).toBe(401);
    // NFC and NFD spellings are different passwords only if the user typed them differently; the stored hash is argon2id.
    const { rows } = await t.database.pool.query('SELECT password_hash FROM users WHERE id = $1', [user.id]);
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('refuses a 1 MB password with 400 from the schema (capped at 1024 bytes, not characters)', async () => {
    for (const password of ['x'.repeat(1_000_000), 'x'.repeat(1025), 'ä'.repeat(600)]) {
      const { res } = await change(password);
      const body = expectGermanError(res, 400);
      expect(body.fields?.newPassword).toMatch(/1024 Byte/);
    }
    expect((await change('x'.repeat(1000) + 'yz')).res.statusCode).toBe(200);
  });

  it('refuses a wrong current password and ends the other sessions after a change', async () => {
    const user = await freshUser(t);
    const a = await t.asUser(user);
    const b = await t.asUser(user);
    const wrong = await a.post('/api/v1/auth/password', { currentPassword: 'nicht-das-richtige', newPassword: 'Ein-neues-gutes-Passwort' });
    expect(expectGermanError(wrong, 400).fields).toHaveProperty('currentPassword');
    expect(await sessionStatus(b)).toBe(200);
    expect(
      (await a.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Ein-neues-gutes-Passwort' })).statusCode,
    ).toBe(200);
    expect(await sessionStatus(a)).toBe(200);
    expect(await sessionStatus(b)).toBe(401);
  });
});

describe('sessions', () => {
  it('logout ends the session on the server: the same cookie then gets 401', async () => {
    const user = await freshUser(t);
    const { agent } = await loginVia(t, { email: user.email, password: TEST_PASSWORD });
    expect(await sessionStatus(agent!)).toBe(200);
    const out = await agent!.post('/api/v1/auth/logout', {});
    expect(out.statusCode).toBe(200);
    const cleared = out.cookies.find((c) => c.name === 'teilhabe_session');
    expect(cleared?.value).toBe('');
    expect(await sessionStatus(agent!)).toBe(401);
    expect((await agent!.post('/api/v1/auth/logout', {})).statusCode).toBe(401);
  });

  it('logout-all ends every session of the user, and only theirs', async () => {
    const user = await freshUser(t);
    const other = await t.asUser(await freshUser(t));
    const sessions = [
      await t.asUser(user),
      await t.asUser(user),
      (await loginVia(t, { email: user.email, password: TEST_PASSWORD })).agent!,
    ];
    const list = await sessions[0]!.get('/api/v1/auth/sessions');
    expect(list.json()).toHaveLength(3);
    expect(list.json().filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    const res = await sessions[0]!.post('/api/v1/auth/logout-all', {});
    expect(res.json()).toEqual({ ok: true, ended: 3 });
    for (const s of sessions) expect(await sessionStatus(s)).toBe(401);
    expect(await sessionStatus(other)).toBe(200);
  });

  it('ends a session idle for more than 30 minutes, not one idle for 29', async () => {
    const user = await freshUser(t);
    const { agent } = await loginVia(t, { email: user.email, password: TEST_PASSWORD });
    await t.database.pool.query(`UPDATE sessions SET last_seen_at = now() - interval '29 minutes' WHERE user_id = $1`, [user.id]);
    expect(await sessionStatus(agent!)).toBe(200);
    await t.database.pool.query(`UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE user_id = $1`, [user.id]);
    const res = await agent!.get('/api/v1/auth/session');
    expect(expectGermanError(res, 401).code).toBe('unauthenticated');
    expect(res.cookies.find((c) => c.name === 'teilhabe_session')?.value).toBe('');
  });

  it('ends a session after its absolute lifetime even while it is in use', async () => {
    const user = await freshUser(t);
    const { agent } = await loginVia(t, { email: user.email, password: TEST_PASSWORD });
    const { rows } = await t.database.pool.query(
      `SELECT extract(epoch FROM expires_at - created_at)::int AS s FROM sessions WHERE user_id = $1`,
      [user.id],
    );
    expect(rows[0].s).toBe(t.config.sessionAbsoluteHours * 3600);
    await t.database.pool.query(`UPDATE sessions SET expires_at = now() - interval '1 second', last_seen_at = now() WHERE user_id = $1`, [
      user.id,
    ]);
    expect(await sessionStatus(agent!)).toBe(401);
  });

  it('ends all sessions of a user the moment an admin deactivates them (A-06, Z-06)', async () => {
    const victim = await freshUser(t);
    const sessions = [
      await t.asUser(victim),
      await t.asUser(victim),
      (await loginVia(t, { email: victim.email, password: TEST_PASSWORD })).agent!,
    ];
    for (const s of sessions) expect(await sessionStatus(s)).toBe(200);
    const admin = await t.as('admin');
    const res = await admin.patch(`/api/v1/users/${victim.id}`, { active: false }, { 'if-match': '1' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().active).toBe(false);
    for (const s of sessions) expect(await sessionStatus(s)).toBe(401);
    const audit = await t.database.pool.query(`SELECT details FROM audit_events WHERE action = 'users.deactivate' AND subject_id = $1`, [
      victim.id,
    ]);
    expect(audit.rows[0].details).toMatchObject({ endedSessions: 3 });
    expect((await loginVia(t, { email: victim.email, password: TEST_PASSWORD })).res.statusCode).toBe(401);
    // Reactivation does not bring the old sessions back.
    expect((await admin.patch(`/api/v1/users/${victim.id}`, { active: true }, { 'if-match': '2' })).statusCode).toBe(200);
    for (const s of sessions) expect(await sessionStatus(s)).toBe(401);
    expect((await loginVia(t, { email: victim.email, password: TEST_PASSWORD })).res.statusCode).toBe(200);
  });
});

describe('set-up links', () => {
  it('let a new user choose their password exactly once; the password is never shown or logged', async () => {
    const responses: string[] = [];
    const keep = (res: LightMyRequestResponse) => {
      responses.push(res.body, JSON.stringify(res.headers));
      return res;
    };
    const { email, token, setupUrl, userId } = await createUserWithSetupLink(t, 'coordinator');
    expect(setupUrl).toBe(`${t.config.publicUrl}/einrichten/${token}`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Only a hash of the token is stored.
    const stored = await t.database.pool.query('SELECT token_hash FROM setup_tokens WHERE user_id = $1', [userId]);
    expect(JSON.stringify(stored.rows)).not.toContain(token);

    const info = keep(await send(t, { method: 'GET', url: `/api/v1/auth/setup/${token}` }));
    expect(info.statusCode).toBe(200);
    expect(info.json()).toEqual({ email, displayName: 'Neue Kollegin', totpRequired: false });
    // Without a password nobody can sign in yet.
    expect((await loginVia(t, { email, password: 'irgendein-langes-Passwort' })).res.statusCode).toBe(401);

    const weak = keep(
      await send(t, { method: 'POST', url: `/api/v1/auth/setup/${token}`, payload: { password: 'Integrationszentrum2025!' } }),
    );
    expect(expectGermanError(weak, 400).fields).toHaveProperty('password');

    const password = 'Mein-eigenes-Passwort-für-Teilhabe';
    const done = keep(await send(t, { method: 'POST', url: `/api/v1/auth/setup/${token}`, payload: { password } }));
    expect(done.statusCode).toBe(200);
    expect(done.json()).toEqual({ ok: true });

    const reuse = keep(
      await send(t, { method: 'POST', url: `/api/v1/auth/setup/${token}`, payload: { password: 'Ein-anderes-Passwort-123' } }),
    );
    expect(expectGermanError(reuse, 410).message).toMatch(/bereits verwendet/);
    expect(keep(await send(t, { method: 'GET', url: `/api/v1/auth/setup/${token}` })).statusCode).toBe(410);

    const login = await loginVia(t, { email, password });
    keep(login.res);
    expect(login.res.statusCode).toBe(200);
    expect(login.res.json().user.roles).toEqual(['coordinator']);
    expect((await loginVia(t, { email, password: 'Ein-anderes-Passwort-123' })).res.statusCode).toBe(401);

    for (const body of responses) expect(body).not.toContain(password);
    const audit = await t.database.pool.query(`SELECT string_agg(to_jsonb(a)::text, '\n') AS all FROM audit_events a`);
    expect(audit.rows[0].all).toContain('auth.password_set');
    for (const secret of [password, 'Integrationszentrum2025!', 'Ein-anderes-Passwort-123', TEST_PASSWORD, token]) {
      expect(audit.rows[0].all).not.toContain(secret);
    }
  });

  it('tells an admin-to-be that TOTP will be required', async () => {
    const { token } = await createUserWithSetupLink(t, 'lead');
    expect((await send(t, { method: 'GET', url: `/api/v1/auth/setup/${token}` })).json().totpRequired).toBe(true);
  });

  it('expire after 24 hours, are replaced by a newer link, and die with the account', async () => {
    const admin = await t.as('admin');
    const first = await createUserWithSetupLink(t);
    const { rows } = await t.database.pool.query(
      `SELECT extract(epoch FROM expires_at - created_at)::int AS s FROM setup_tokens WHERE user_id = $1`,
      [first.userId],
    );
    expect(rows[0].s).toBe(24 * 3600);
    const renewed = await admin.post(`/api/v1/users/${first.userId}/setup-link`, {});
    expect(renewed.statusCode).toBe(200);
    const second = renewed.json().setupUrl.split('/').pop();
    expect(second).not.toBe(first.token);
    expect((await send(t, { method: 'GET', url: `/api/v1/auth/setup/${first.token}` })).statusCode).toBe(410);
    expect((await send(t, { method: 'GET', url: `/api/v1/auth/setup/${second}` })).statusCode).toBe(200);

    await t.database.pool.query(`UPDATE setup_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1 AND used_at IS NULL`, [
      first.userId,
    ]);
    const expired = await send(t, {
      method: 'POST',
      url: `/api/v1/auth/setup/${second}`,
      payload: { password: 'Ein-gutes-neues-Passwort' },
    });
    expect(expectGermanError(expired, 410).message).toMatch(/abgelaufen/);

    const other = await createUserWithSetupLink(t);
    const user = (await admin.get(`/api/v1/users/${other.userId}`)).json();
    expect((await admin.patch(`/api/v1/users/${other.userId}`, { active: false }, { 'if-match': String(user.version) })).statusCode).toBe(
      200,
    );
    expect(
      (await send(t, { method: 'POST', url: `/api/v1/auth/setup/${other.token}`, payload: { password: 'Ein-gutes-neues-Passwort' } }))
        .statusCode,
    ).toBe(404);
    const { rows: pw } = await t.database.pool.query('SELECT password_hash FROM users WHERE id = $1', [other.userId]);
    expect(pw[0].password_hash).toBeNull();
  });
});
