/**
 * The audit trail (DESIGN §2.5, research-security G-01…G-04): written in the transaction of the change, append-only,
 * hash-chained and verifiable, filterable, exportable as CSV.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditWriter } from '../src/platform/audit/audit.js';
import { verifyAuditChain } from '../src/platform/audit/verify.js';
import { loadSession, openSession } from '../src/platform/auth/sessions.js';
import type { AuthedContext } from '../src/platform/http/context.js';
import { createOrganisation } from '../src/modules/organisations/organisations.service.js';
import { makeUser } from '../src/seed/factories.js';
import { createTestApp, TEST_PASSWORD, type Agent, type TestApp } from './harness.js';
import { freshIp, freshUser, send, unique } from './helpers.js';

let t: TestApp;
let admin: Agent;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.as('admin');
});
afterAll(() => t.close());

const q = <T extends Record<string, unknown> = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  t.database.pool.query<T>(text, params).then((r) => r.rows);

async function orgCount(name: string) {
  return (await q<{ n: number }>('SELECT count(*)::int AS n FROM organisations WHERE name = $1', [name]))[0]!.n;
}

/** A request context for an admin, as the choke point builds it, inside a transaction of our own. */
async function adminActor() {
  const policy = { idleMinutes: 30, absoluteHours: 12 };
  const session = await openSession(t.database.db, t.users.admin.id, policy, 'vitest');
  return (await loadSession(t.database.db, session.token, policy))!.actor;
}

/** Runs `fn` with the given SQL executed as superuser around it, with the audit triggers temporarily disabled. */
async function withTriggersOff(statements: string[], params: unknown[][] = []) {
  const client = await t.database.pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update');
    await client.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_chain');
    for (const [i, s] of statements.entries()) await client.query(s, params[i] ?? []);
    await client.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update');
    await client.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_chain');
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  } finally {
    client.release();
  }
}

describe('a change and its audit row commit together', () => {
  it('rolls back both when the transaction fails after the audit write (service level)', async () => {
    const actor = await adminActor();
    const requestId = randomUUID();
    const name = `Team ${unique('rollback')}`;
    let seenInside = 0;
    await expect(
      t.database.db.transaction(async (tx) => {
        const ctx: AuthedContext = { actor, tx, audit: new AuditWriter(tx, { actor, requestId }), requestId, ip: '127.0.0.1' };
        const org = await createOrganisation(ctx, { parentId: t.tree.ki.id, kind: 'team', name });
        const inside = await tx.execute<{ n: number }>(
          sql`SELECT count(*)::int AS n FROM audit_events WHERE request_id = ${requestId} AND subject_id = ${org.id}`,
        );
        seenInside = inside.rows[0]!.n;
        throw new Error('Absturz nach dem Audit-Eintrag');
      }),
    ).rejects.toThrow('Absturz nach dem Audit-Eintrag');
    expect(seenInside).toBe(1);
    expect(await orgCount(name)).toBe(0);
    expect(await t.auditCount('request_id = $1', [requestId])).toBe(0);
    expect((await verifyAuditChain(t.database.pool)).ok).toBe(true);
  });

  it('answers with an error and stores nothing when the commit fails after the audit write (route level)', async () => {
    await q(`CREATE FUNCTION test_fail_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
             BEGIN RAISE EXCEPTION 'injected failure at commit'; END $$`);
    await q(`CREATE CONSTRAINT TRIGGER test_fail_at_commit AFTER INSERT ON audit_events DEFERRABLE INITIALLY DEFERRED
             FOR EACH ROW WHEN (NEW.action = 'organisations.create') EXECUTE FUNCTION test_fail_at_commit()`);
    const name = `Team ${unique('commit')}`;
    try {
      const before = await t.auditCount();
      const res = await admin.post('/api/v1/organisations', { parentId: t.tree.ki.id, kind: 'team', name });
      expect(res.statusCode).toBeGreaterThanOrEqual(500);
      expect(res.body).not.toContain(name);
      expect(Object.keys(res.json()).sort()).toEqual(['code', 'message', 'requestId']);
      expect(await orgCount(name)).toBe(0);
      expect(await t.auditCount()).toBe(before);
    } finally {
      await q('DROP TRIGGER test_fail_at_commit ON audit_events');
      await q('DROP FUNCTION test_fail_at_commit()');
    }
    expect((await admin.post('/api/v1/organisations', { parentId: t.tree.ki.id, kind: 'team', name })).statusCode).toBe(201);
  });

  it('fails closed when the audit write itself fails: no change, no data returned (G-01)', async () => {
    await q(`CREATE FUNCTION test_fail_audit() RETURNS trigger LANGUAGE plpgsql AS $$
             BEGIN RAISE EXCEPTION 'audit store unavailable'; END $$`);
    await q(`CREATE TRIGGER test_fail_audit BEFORE INSERT ON audit_events FOR EACH ROW
             WHEN (NEW.action IN ('users.create', 'notifications.read')) EXECUTE FUNCTION test_fail_audit()`);
    const email = `${unique('failclosed')}@test.example`;
    try {
      const res = await admin.post('/api/v1/users', {
        email,
        displayName: 'Nie Gespeichert',
        memberships: [{ organisationId: t.tree.ki.id, role: 'finance' }],
      });
      expect(res.statusCode).toBeGreaterThanOrEqual(500);
      expect(res.body).not.toContain('einrichten');
      expect(res.body).not.toContain(email);
      expect((await q<{ n: number }>('SELECT count(*)::int AS n FROM users WHERE email = $1', [email]))[0]!.n).toBe(0);
      expect(
        (
          await q<{ n: number }>('SELECT count(*)::int AS n FROM setup_tokens t JOIN users u ON u.id = t.user_id WHERE u.email = $1', [
            email,
          ])
        )[0]!.n,
      ).toBe(0);
    } finally {
      await q('DROP TRIGGER test_fail_audit ON audit_events');
      await q('DROP FUNCTION test_fail_audit()');
    }
  });
});

describe('append-only', () => {
  it('refuses UPDATE, DELETE and TRUNCATE on audit_events in the database', async () => {
    await admin.post('/api/v1/organisations', { parentId: t.tree.ki.id, kind: 'team', name: `Team ${unique()}` });
    const count = await t.auditCount();
    expect(count).toBeGreaterThan(0);
    for (const statement of [
      `UPDATE audit_events SET action = 'harmless' WHERE seq = (SELECT max(seq) FROM audit_events)`,
      `UPDATE audit_events SET details = '{}'`,
      `DELETE FROM audit_events WHERE seq = (SELECT min(seq) FROM audit_events)`,
      'DELETE FROM audit_events',
      'TRUNCATE audit_events',
    ]) {
      await expect(t.database.pool.query(statement), statement).rejects.toMatchObject({
        code: '42501',
        message: expect.stringMatching(/append-only/),
      });
    }
    // Through the ORM as well.
    await expect(t.database.db.execute(sql`DELETE FROM audit_events`)).rejects.toBeDefined();
    expect(await t.auditCount()).toBe(count);
    expect((await verifyAuditChain(t.database.pool)).ok).toBe(true);
  });
});

describe('the hash chain', () => {
  it('verifies a fresh chain, and names exactly the row that was changed behind its back', async () => {
    for (let i = 0; i < 6; i++)
      await admin.post('/api/v1/organisations', { parentId: t.tree.ki.id, kind: 'team', name: `Team ${unique('chain')}` });
    const fresh = await verifyAuditChain(t.database.pool);
    expect(fresh).toEqual({ ok: true, checked: await t.auditCount() });

    const seqs = (await q<{ seq: string }>('SELECT seq::text FROM audit_events a ORDER BY a.seq')).map((r) => Number(r.seq));
    expect(seqs.length).toBeGreaterThan(5);
    const victim = seqs[Math.floor(seqs.length / 2)]!;
    const [original] = await q<{ details: unknown; id: string }>('SELECT details, id FROM audit_events WHERE seq = $1', [victim]);

    await withTriggersOff([`UPDATE audit_events SET details = '{"ended": 0}' WHERE seq = $1`], [[victim]]);
    const tampered = await verifyAuditChain(t.database.pool);
    expect(tampered.ok).toBe(false);
    expect(tampered.firstBroken).toMatchObject({ seq: victim, id: original!.id, reason: expect.stringMatching(/Hash/) });

    // The same finding through the API, recorded as a failed verification.
    const api = await admin.get('/api/v1/audit-events/verify');
    expect(api.statusCode).toBe(200);
    expect(api.json()).toMatchObject({ ok: false, firstBroken: { seq: victim } });
    expect(await t.auditCount(`action = 'audit.verify' AND outcome = 'failure'`)).toBe(1);

    // Putting the content back restores the chain.
    await withTriggersOff([`UPDATE audit_events SET details = $2 WHERE seq = $1`], [[victim, JSON.stringify(original!.details)]]);
    expect((await verifyAuditChain(t.database.pool)).ok).toBe(true);
  });

  it('detects a deleted row at its successor, and a row re-hashed by a forger at the next link', async () => {
    const seqs = (await q<{ seq: string }>('SELECT seq::text FROM audit_events a ORDER BY a.seq')).map((r) => Number(r.seq));
    const victim = seqs[2]!;
    // Saved as JSON so the timestamp keeps its microseconds (a JS Date would lose them and break the hash).
    const [row] = await q<{ j: unknown }>('SELECT to_jsonb(a) AS j FROM audit_events a WHERE seq = $1', [victim]);
    await withTriggersOff(['DELETE FROM audit_events WHERE seq = $1'], [[victim]]);
    const report = await verifyAuditChain(t.database.pool);
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({ seq: seqs[3], reason: expect.stringMatching(/Verkettung/) });
    await withTriggersOff(
      ['INSERT INTO audit_events SELECT * FROM jsonb_populate_record(NULL::audit_events, $1::jsonb)'],
      [[JSON.stringify(row!.j)]],
    );
    expect((await verifyAuditChain(t.database.pool)).ok).toBe(true);

    // A forger who also recomputes the changed row's own hash still breaks the link to the next row.
    const target = seqs[4]!;
    const [saved] = await q<{ details: unknown; hash: string }>('SELECT details, hash FROM audit_events WHERE seq = $1', [target]);
    await withTriggersOff([
      `UPDATE audit_events SET details = '{"forged": true}' WHERE seq = ${target}`,
      `UPDATE audit_events a SET hash = audit_event_hash(a) WHERE seq = ${target}`,
    ]);
    const forged = await verifyAuditChain(t.database.pool);
    expect(forged.firstBroken).toMatchObject({ seq: seqs[5], reason: expect.stringMatching(/Verkettung/) });
    await withTriggersOff(
      [`UPDATE audit_events SET details = $2, hash = $3 WHERE seq = $1`],
      [[target, JSON.stringify(saved!.details), saved!.hash]],
    );
    expect((await verifyAuditChain(t.database.pool)).ok).toBe(true);
  });

  it('stays valid with 20 concurrent writers, in commit order', async () => {
    const before = await t.auditCount();
    const names = Array.from({ length: 14 }, () => `Team ${unique('parallel')}`);
    const results = await Promise.all([
      ...names.map((name) => admin.post('/api/v1/organisations', { parentId: t.tree.ki.id, kind: 'team', name })),
      ...Array.from({ length: 6 }, () =>
        send(t, {
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: `${unique('nobody')}@test.example`, password: 'falsches-Passwort-1' },
          remoteAddress: freshIp(),
        }),
      ),
    ]);
    expect(results.map((r) => r.statusCode)).toEqual([...names.map(() => 201), ...Array.from({ length: 6 }, () => 401)]);
    expect(await t.auditCount()).toBe(before + 20);
    const report = await verifyAuditChain(t.database.pool);
    expect(report).toEqual({ ok: true, checked: before + 20 });
    const rows = await q<{ seq: string; occurred_at: Date }>('SELECT seq::text, occurred_at FROM audit_events a ORDER BY a.seq');
    for (let i = 1; i < rows.length; i++)
      expect(rows[i]!.occurred_at.getTime(), JSON.stringify(rows)).toBeGreaterThanOrEqual(rows[i - 1]!.occurred_at.getTime());
  });
});

describe('reading the audit trail', () => {
  let subject: string;
  let lead: Agent;
  beforeAll(async () => {
    lead = await t.as('lead');
    const res = await admin.post('/api/v1/users', {
      email: `${unique('filter')}@test.example`,
      displayName: 'Gefilterte Person',
      memberships: [{ organisationId: t.tree.ki.id, role: 'finance' }],
    });
    subject = res.json().user.id;
    await admin.patch(`/api/v1/users/${subject}`, { displayName: 'Umbenannte Person' }, { 'if-match': '1' });
    await lead.get('/api/v1/audit-events'); // lead may read the trail
    await lead.post('/api/v1/organisations', { parentId: t.tree.ki.id, kind: 'team', name: 'Verboten' }); // access.denied
  });

  type Item = {
    seq: number;
    actorId: string | null;
    actorEmail: string | null;
    action: string;
    subjectType: string | null;
    subjectId: string | null;
    occurredAt: string;
    outcome: string;
  };
  const list = async (query: string) => {
    const res = await lead.get(`/api/v1/audit-events?${query}`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    return res.json() as { items: Item[]; total: number; limit: number; offset: number };
  };

  it('filters by actor', async () => {
    const { items, total } = await list(`actorId=${t.users.lead.id}`);
    expect(total).toBeGreaterThan(0);
    expect(items.every((i) => i.actorId === t.users.lead.id && i.actorEmail === t.users.lead.email)).toBe(true);
    expect(items.map((i) => i.action)).toContain('access.denied');
    expect(items.find((i) => i.action === 'access.denied')!.outcome).toBe('denied');
  });

  it('filters by action prefix, taking "_" literally', async () => {
    const { items } = await list('action=users.');
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(items.every((i) => i.action.startsWith('users.'))).toBe(true);
    expect(new Set(items.map((i) => i.action))).toEqual(new Set(['users.create', 'users.update']));
    expect((await list('action=users.create')).items.every((i) => i.action === 'users.create')).toBe(true);
    expect((await list('action=auth.login_')).items.every((i) => i.action.startsWith('auth.login_'))).toBe(true);
    expect((await list('action=users_create')).total).toBe(0);
  });

  it('filters by subject', async () => {
    const { items, total } = await list(`subjectType=user&subjectId=${subject}`);
    expect(total).toBe(2);
    expect(items.map((i) => i.action)).toEqual(['users.update', 'users.create']); // newest first
    expect(items.every((i) => i.subjectId === subject)).toBe(true);
  });

  it('filters by time and pages newest first', async () => {
    const all = await list('limit=500');
    expect(all.total).toBeGreaterThan(10);
    const seqs = all.items.map((i) => i.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    const pivot = all.items[5]!;
    const from = await list(`from=${encodeURIComponent(pivot.occurredAt)}&limit=500`);
    expect(from.items.every((i) => i.occurredAt >= pivot.occurredAt)).toBe(true);
    expect(from.items.map((i) => i.seq)).toContain(pivot.seq);
    expect(from.total).toBeLessThan(all.total);
    const to = await list(`to=${encodeURIComponent(pivot.occurredAt)}&limit=500`);
    expect(to.items.every((i) => i.occurredAt <= pivot.occurredAt)).toBe(true);
    expect(from.total + to.total).toBeGreaterThanOrEqual(all.total);
    expect((await list('from=2999-01-01T00:00:00Z')).total).toBe(0);
    const page = await list('limit=2&offset=1');
    expect(page).toMatchObject({ limit: 2, offset: 1 });
    expect(page.items.map((i) => i.seq)).toEqual(all.items.slice(1, 3).map((i) => i.seq));
  });
});

/** RFC 4180 reader for the test: quoted fields, doubled quotes, CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

describe('CSV export', () => {
  it('has a BOM, a header row, RFC 4180 quoting, and exactly the filtered rows', async () => {
    const user = await admin.post('/api/v1/users', {
      email: `${unique('csv')}@test.example`,
      displayName: 'CSV Person',
      memberships: [
        { organisationId: t.tree.ki.id, role: 'finance' },
        { organisationId: t.tree.kreis.id, role: 'coordinator' },
      ],
    });
    const id = user.json().user.id as string;
    const res = await admin.get(`/api/v1/audit-events/export.csv?subjectType=user&subjectId=${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="audit-protokoll-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const text = res.body.replace(/^\uFEFF/, '');
    expect(text.endsWith('\r\n')).toBe(true);
    // Records end in CRLF (outside quoted fields no bare LF).
    expect(/(^|[^\r])\n/.test(text.replace(/"(?:[^"]|"")*"/g, ''))).toBe(false);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([
      'Nr',
      'Zeit (UTC)',
      'Akteur:in',
      'E-Mail',
      'Rolle',
      'Aktion',
      'Gegenstand',
      'Gegenstand-ID',
      'Ergebnis',
      'Request-ID',
      'Details',
    ]);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toHaveLength(header!.length);
    const [db] = await q<{ seq: string; details: unknown; occurred_at: Date }>(
      `SELECT seq::text, details, occurred_at FROM audit_events WHERE subject_id = $1`,
      [id],
    );
    expect(row![0]).toBe(db!.seq);
    expect(row![1]).toBe(db!.occurred_at.toISOString());
    expect(row![2]).toBe(t.users.admin.id);
    expect(row![3]).toBe(t.users.admin.email);
    expect(row![5]).toBe('users.create');
    // The details are JSON with quotes and commas: quoted, quotes doubled, and they read back unchanged.
    expect(res.body).toContain('"{""roles"":[""');
    expect(JSON.parse(row![10]!)).toEqual(db!.details);
    // The export itself is audited, with the row count and the filter.
    const [exported] = await q<{ details: { rows: number; filter: { subjectId: string } } }>(
      `SELECT details FROM audit_events WHERE action = 'audit.export' ORDER BY seq DESC LIMIT 1`,
    );
    expect(exported!.details).toMatchObject({ rows: 1, filter: { subjectId: id } });
  });

  it('neutralises values a spreadsheet would run as a formula', async () => {
    const row = await makeUser(t.database.db, {
      email: '-2+3@test.example',
      displayName: 'Formel',
      password: TEST_PASSWORD,
      memberships: [{ organisationId: t.tree.kreis.id, role: 'admin' }],
      totpSecret: 'JBSWY3DPEHPK3PXP',
    });
    const formula = await t.asUser({ id: row.id, email: row.email, role: 'admin', organisationId: t.tree.kreis.id });
    expect((await formula.post('/api/v1/organisations', { parentId: t.tree.ki.id, kind: 'team', name: 'Formel-Team' })).statusCode).toBe(
      201,
    );
    const res = await admin.get(`/api/v1/audit-events/export.csv?actorId=${row.id}`);
    const [, ...rows] = parseCsv(res.body.replace(/^\uFEFF/, ''));
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r[3]).toBe("'-2+3@test.example");
  });

  it('is refused to roles without audit.read', async () => {
    const res = await (await freshUser(t, 'coordinator').then((u) => t.asUser(u))).get('/api/v1/audit-events/export.csv');
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain('Nr,');
  });
});
