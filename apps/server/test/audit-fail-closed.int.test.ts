import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from './harness.js';

let t: TestApp;
let personId: string;
beforeAll(async () => {
  t = await createTestApp();
  const cm = await t.as('case_manager');
  const created = await cm.post('/api/v1/people', { givenNames: 'Leyla', familyName: 'Demir-Probe' });
  expect(created.statusCode).toBe(201);
  personId = created.json().id;
});
afterAll(() => t.close());

const auditActions = async (action: string) =>
  Number((await t.database.db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM audit_events WHERE action = ${action}`)).rows[0]!.n);

describe('audit fails closed (G-01, F-10)', () => {
  it('answers 503 without any personal data and keeps no change while the audit log cannot be written', async () => {
    const cm = await t.as('case_manager');
    await t.database.db.execute(sql`
      CREATE FUNCTION probe_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'Protokoll voll'; END $$;
      CREATE TRIGGER probe_refuse_audit BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION probe_refuse_audit();
    `);
    try {
      const read = await cm.get(`/api/v1/people/${personId}`);
      expect(read.statusCode).toBe(503);
      expect(read.json().code).toBe('service_unavailable');
      expect(read.body).not.toContain('Demir-Probe');

      const write = await cm.patch(`/api/v1/people/${personId}`, { familyName: 'Geändert' }, { 'if-match': '1' });
      expect(write.statusCode).toBe(503);
    } finally {
      await t.database.db.execute(sql`DROP TRIGGER probe_refuse_audit ON audit_events; DROP FUNCTION probe_refuse_audit();`);
    }
    const after = await cm.get(`/api/v1/people/${personId}`);
    expect(after.statusCode).toBe(200);
    expect(after.json().familyName).toBe('Demir-Probe');
  });
});

describe('refused requests are security events (G-04)', () => {
  it('records a CSRF refusal and a validation failure of a signed-in user, naming the field but not its value', async () => {
    const cm = await t.as('case_manager');
    const csrfBefore = await auditActions('request.csrf_rejected');
    const refused = await cm.post('/api/v1/people', { givenNames: 'Ohne', familyName: 'Token' }, { 'x-csrf-token': 'falsch' });
    expect(refused.statusCode).toBe(403);
    expect(await auditActions('request.csrf_rejected')).toBe(csrfBefore + 1);

    const invalidBefore = await auditActions('request.validation_failed');
    const invalid = await cm.post('/api/v1/people', { givenNames: 'Geheim-Wert', familyName: 'X', birthDate: 'gestern' });
    expect(invalid.statusCode).toBe(400);
    expect(await auditActions('request.validation_failed')).toBe(invalidBefore + 1);
    const { rows } = await t.database.db.execute<{ details: { fields: string[] } }>(
      sql`SELECT details FROM audit_events WHERE action = 'request.validation_failed' ORDER BY seq DESC LIMIT 1`,
    );
    expect(rows[0]!.details.fields).toContain('birthDate');
    expect(JSON.stringify(rows[0]!.details)).not.toContain('Geheim-Wert');
  });
});
