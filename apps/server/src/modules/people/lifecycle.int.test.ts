import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../../test/harness.js';
import { newTotpSecret } from '../../platform/auth/totp.js';
import { makeUser } from '../../seed/factories.js';
import { SAMPLE_PDF } from '../documents/sample-files.js';
import { runRetention } from './retention.js';

let t: TestApp;
let cm: Agent;
let lead: Agent;
const today = new Date().toISOString().slice(0, 10);
const octet = { 'content-type': 'application/octet-stream' };
let n = 0;

beforeAll(async () => {
  t = await createTestApp();
  cm = await t.as('case_manager');
  lead = await t.as('lead');
});
afterAll(() => t.close());

async function person(body: Record<string, unknown> = {}) {
  n += 1;
  const res = await cm.post('/api/v1/people', { givenNames: `Leyla ${n}`, familyName: 'Testfall', birthDate: '1990-06-15', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}
async function openCase(personId: string) {
  const res = await cm.post('/api/v1/cases', { personId, referringBody: 'self', firstConcern: 'Wohnung in der Kölner Straße 5' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}
async function consent(personId: string) {
  const res = await cm.post(`/api/v1/people/${personId}/consents`, {
    recipientOrganisationId: t.tree.orgs.jobcenter!.id,
    purpose: 'labour_market',
    categories: ['identity'],
    legalBasis: 'sgb10_67b',
    givenAt: today,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}
const closeCase = (caseId: string, on: string) => t.database.db.execute(sql`UPDATE cases SET phase = 'closed', closure_reason = 'goals_achieved', closed_at = ${on}::date WHERE id = ${caseId}::uuid`);
const personRow = async (id: string) =>
  (await t.database.db.execute<Record<string, unknown>>(sql`SELECT given_names, family_name, birth_date::text, street, phone, merged_into_id, anonymised_at, municipality_ags FROM persons WHERE id = ${id}::uuid`)).rows[0]!;
const ownerOf = async (table: string, id: string) => (await t.database.db.execute<{ person_id: string }>(sql`SELECT person_id FROM ${sql.raw(table)} WHERE id = ${id}::uuid`)).rows[0]!.person_id;

describe('merge of duplicates (four eyes)', () => {
  it('moves cases, consents and documents of the duplicate only after a KI-Leitung approves; unmerge restores them', async () => {
    const a = await person();
    const b = await person({ givenNames: 'Leila', familyName: 'Testfal' });
    const caseB = await openCase(b.id);
    const consentB = await consent(b.id);
    const docB = (await cm.post(`/api/v1/people/${b.id}/documents?filename=pass.pdf`, SAMPLE_PDF, octet)).json();

    const req = await cm.post(`/api/v1/people/${a.id}/merges`, { duplicatePersonId: b.id, reason: 'Gleiche Person, zwei Schreibweisen' });
    expect(req.statusCode, req.body).toBe(201);
    const merge = req.json();
    expect(merge).toMatchObject({ status: 'pending', source: { id: b.id }, target: { id: a.id } });
    expect(await ownerOf('cases', caseB.id)).toBe(b.id);

    // The case manager cannot approve at all, the lead sees it in the pending list.
    expect((await cm.post(`/api/v1/person-merges/${merge.id}/decision`, { decision: 'approve' }, { 'if-match': '1' })).statusCode).toBe(403);
    const pending = (await lead.get('/api/v1/person-approvals')).json();
    expect(pending.merges.map((m: { id: string }) => m.id)).toContain(merge.id);

    const ok = await lead.post(`/api/v1/person-merges/${merge.id}/decision`, { decision: 'approve' }, { 'if-match': String(merge.version) });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'approved', moved: { cases: 1, consents: 1, documents: 1 } });
    expect(await ownerOf('cases', caseB.id)).toBe(a.id);
    expect(await ownerOf('consents', consentB.id)).toBe(a.id);
    expect((await personRow(b.id)).merged_into_id).toBe(a.id);
    expect((await cm.get(`/api/v1/people/${a.id}/documents`)).json().items.map((d: { id: string }) => d.id)).toContain(docB.id);
    expect((await cm.get(`/api/v1/people/${b.id}/lifecycle`)).json().mergedInto).toMatchObject({ id: a.id });
    expect(await t.auditCount(`action = 'persons.merge'`)).toBeGreaterThanOrEqual(1);

    // New data attached to A after the merge stays with A on unmerge.
    const consentA = await consent(a.id);
    const undo = await lead.post(`/api/v1/person-merges/${merge.id}/undo`, {}, { 'if-match': String(ok.json().version) });
    expect(undo.statusCode, undo.body).toBe(200);
    expect(undo.json().status).toBe('undone');
    expect(await ownerOf('cases', caseB.id)).toBe(b.id);
    expect(await ownerOf('consents', consentB.id)).toBe(b.id);
    expect(await ownerOf('consents', consentA.id)).toBe(a.id);
    expect((await personRow(b.id)).merged_into_id).toBeNull();
    expect((await cm.get(`/api/v1/people/${b.id}/documents`)).json().items.map((d: { id: string }) => d.id)).toContain(docB.id);
    expect(await t.auditCount(`action = 'persons.unmerge'`)).toBeGreaterThanOrEqual(1);
  });

  it('refuses approval by the requester, even when they hold the KI-Leitung role', async () => {
    const both = await makeUser(t.database.db, {
      email: 'beides@test.example',
      displayName: 'Test beides',
      password: null,
      memberships: [
        { organisationId: t.tree.orgs.kimTroisdorf!.id, role: 'case_manager' },
        { organisationId: t.tree.ki.id, role: 'lead' },
      ],
      totpSecret: newTotpSecret(),
    });
    const agent = await t.asUser({ id: both.id, email: both.email, role: 'lead', organisationId: t.tree.ki.id });
    const a = await person();
    const b = await person();
    const merge = (await agent.post(`/api/v1/people/${a.id}/merges`, { duplicatePersonId: b.id, reason: 'Doppelt angelegt' })).json();
    const self = await agent.post(`/api/v1/person-merges/${merge.id}/decision`, { decision: 'approve' }, { 'if-match': String(merge.version) });
    expect(self.statusCode).toBe(403);
    expect(self.json().message).toMatch(/Vier-Augen-Prinzip/);
    expect((await personRow(b.id)).merged_into_id).toBeNull();
    const reject = await lead.post(`/api/v1/person-merges/${merge.id}/decision`, { decision: 'reject', note: 'verschiedene Personen' }, { 'if-match': String(merge.version) });
    expect(reject.json().status).toBe('rejected');
  });
});

describe('erasure (four eyes), legal hold, retention', () => {
  it('anonymises on approval, keeps the statistics fields and notifies the recipients of earlier shares (Art. 19)', async () => {
    const partnerUser = await makeUser(t.database.db, {
      email: `partner-art19-${Date.now()}@teilhabe.example`,
      displayName: 'Partner Art. 19',
      memberships: [{ organisationId: t.tree.orgs.jobcenter!.id, role: 'partner' }],
    });
    const p = await person({ address: { street: 'Kölner Straße 5', postalCode: '53840', municipalityAgs: '05382068' }, phone: '0221 12345' });
    const c = await openCase(p.id);
    await consent(p.id);
    await cm.post(`/api/v1/cases/${c.id}/documents?filename=bescheid.pdf`, SAMPLE_PDF, octet);

    expect((await cm.post(`/api/v1/people/${p.id}/erasure-requests`, { reason: 'Antrag der Person' })).json().message).toMatch(/offenen Fall/);
    await closeCase(c.id, '2025-01-10');
    const req = await cm.post(`/api/v1/people/${p.id}/erasure-requests`, { reason: 'Antrag der Person nach Art. 17' });
    expect(req.statusCode, req.body).toBe(201);
    const e = req.json();
    expect(e.notifyOrganisations.map((o: { id: string }) => o.id)).toContain(t.tree.orgs.jobcenter!.id);

    const ok = await lead.post(`/api/v1/erasure-requests/${e.id}/decision`, { decision: 'approve' }, { 'if-match': String(e.version) });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().notifyOrganisations).toContainEqual({ id: t.tree.orgs.jobcenter!.id, name: expect.any(String), notifiedInApp: true });
    const notices = await t.database.db.execute<{ title: string; body: string }>(
      sql`SELECT title, body FROM notifications WHERE user_id = ${partnerUser.id}::uuid AND kind = 'erasure_notice'`,
    );
    expect(notices.rows).toHaveLength(1);
    expect(notices.rows[0]!.body).toMatch(/Art\. 19/);
    // The notice names no person.
    expect(JSON.stringify(notices.rows)).not.toMatch(/Kölner Straße|0221 12345/);
    const row = await personRow(p.id);
    expect(row).toMatchObject({ given_names: 'Anonymisiert', family_name: '', birth_date: '1990-01-01', street: '', phone: '', municipality_ags: '05382068' });
    expect(row.anonymised_at).not.toBeNull();
    const docs = await t.database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM documents WHERE owner_id = ${c.id}::uuid AND octet_length(content) > 0`);
    expect(docs.rows[0]!.n).toBe(0);
    // The case still counts.
    expect((await t.database.db.execute(sql`SELECT 1 FROM cases WHERE id = ${c.id}::uuid AND person_id = ${p.id}::uuid`)).rows.length).toBe(1);
    expect(await t.auditCount(`action = 'persons.anonymise'`)).toBeGreaterThanOrEqual(1);
  });

  it('blocks erasure with a 409 while a legal hold is set; only the KI-Leitung sets it', async () => {
    const p = await person();
    const c = await openCase(p.id);
    await closeCase(c.id, '2025-02-01');
    const e = (await cm.post(`/api/v1/people/${p.id}/erasure-requests`, { reason: 'Antrag der Person' })).json();
    expect((await cm.put(`/api/v1/people/${p.id}/legal-hold`, { reason: 'Gerichtsverfahren' })).statusCode).toBe(403);
    const hold = await lead.put(`/api/v1/people/${p.id}/legal-hold`, { reason: 'Laufendes Gerichtsverfahren' });
    expect(hold.statusCode, hold.body).toBe(200);
    expect(hold.json().legalHold.reason).toBe('Laufendes Gerichtsverfahren');
    const blocked = await lead.post(`/api/v1/erasure-requests/${e.id}/decision`, { decision: 'approve' }, { 'if-match': String(e.version) });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().message).toMatch(/rechtliche Sperre/);
    expect((await personRow(p.id)).anonymised_at).toBeNull();
  });

  it('the requester cannot approve their own erasure request', async () => {
    const p = await person();
    const c = await openCase(p.id);
    await closeCase(c.id, '2025-03-01');
    const both = await makeUser(t.database.db, {
      email: 'beides2@test.example',
      displayName: 'Test beides 2',
      password: null,
      memberships: [
        { organisationId: t.tree.orgs.kimTroisdorf!.id, role: 'case_manager' },
        { organisationId: t.tree.ki.id, role: 'lead' },
      ],
      totpSecret: newTotpSecret(),
    });
    const agent = await t.asUser({ id: both.id, email: both.email, role: 'lead', organisationId: t.tree.ki.id });
    const e = (await agent.post(`/api/v1/people/${p.id}/erasure-requests`, { reason: 'Antrag der Person' })).json();
    expect((await agent.post(`/api/v1/erasure-requests/${e.id}/decision`, { decision: 'approve' }, { 'if-match': String(e.version) })).statusCode).toBe(403);
  });

  it('honours the minimum retention period of the rule', async () => {
    const admin = await t.as('admin');
    const rules = (await admin.get('/api/v1/retention-rules')).json();
    expect(rules[0]).toMatchObject({ recordClass: 'person', anonymiseAfterMonths: 36, isDefault: true });
    const put = await admin.put('/api/v1/retention-rules/person', { anonymiseAfterMonths: 36, minRetentionMonths: 12 }, { 'if-match': '0' });
    expect(put.statusCode, put.body).toBe(200);
    const p = await person();
    const c = await openCase(p.id);
    await closeCase(c.id, today);
    const res = await cm.post(`/api/v1/people/${p.id}/erasure-requests`, { reason: 'Antrag der Person' });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toMatch(/Aufbewahrungsfrist läuft noch bis/);
    await admin.put('/api/v1/retention-rules/person', { anonymiseAfterMonths: 36, minRetentionMonths: 0 }, { 'if-match': String(put.json().version) });
  });

  it('the nightly job anonymises persons 36 months after their last case closed, skips legal holds and open cases, audits each', async () => {
    const due = await person();
    const held = await person();
    const recent = await person();
    const open = await person();
    for (const [p, closed] of [
      [due, '2021-05-01'],
      [held, '2021-05-01'],
      [recent, '2023-06-01'],
    ] as const) {
      const c = await openCase(p.id);
      await closeCase(c.id, closed);
    }
    await openCase(open.id);
    await lead.put(`/api/v1/people/${held.id}/legal-hold`, { reason: 'Aufbewahrung wegen Prüfung' });

    const anonymised = await runRetention(t.database, '2024-06-15');
    expect(anonymised).toContain(due.id);
    expect(anonymised).not.toContain(held.id);
    expect(anonymised).not.toContain(recent.id);
    expect(anonymised).not.toContain(open.id);
    expect((await personRow(due.id)).given_names).toBe('Anonymisiert');
    expect((await personRow(held.id)).anonymised_at).toBeNull();
    const audit = await t.database.db.execute<{ actor_id: string | null }>(
      sql`SELECT actor_id FROM audit_events WHERE action = 'persons.anonymise' AND subject_id = ${due.id}`,
    );
    expect(audit.rows).toEqual([{ actor_id: null }]);
    // Next run: nothing new for these.
    expect(await runRetention(t.database, '2024-06-16')).not.toContain(due.id);
  });
});

describe('after anonymisation', () => {
  it('the person leaves every record view: read and rectification answer 404, the lifecycle still shows the date', async () => {
    const p = await person();
    const before = (await cm.get(`/api/v1/people/${p.id}`)).json();
    const e = (await cm.post(`/api/v1/people/${p.id}/erasure-requests`, { reason: 'Antrag der Person' })).json();
    expect((await lead.post(`/api/v1/erasure-requests/${e.id}/decision`, { decision: 'approve' }, { 'if-match': String(e.version) })).statusCode).toBe(200);
    expect((await cm.get(`/api/v1/people/${p.id}`)).statusCode).toBe(404);
    expect((await cm.patch(`/api/v1/people/${p.id}`, { givenNames: 'Wieder' }, { 'if-match': String(before.version + 1) })).statusCode).toBe(404);
    expect((await cm.get(`/api/v1/people/${p.id}/lifecycle`)).json().anonymisedAt).not.toBeNull();
  });
});
