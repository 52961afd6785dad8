import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../../test/harness.js';
import { freshUser } from '../../../test/helpers.js';
import { currentTotp, newTotpSecret } from '../../platform/auth/totp.js';
import { SAMPLE_PDF } from '../documents/sample-files.js';

let t: TestApp;
let cm: Agent;
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestApp();
  cm = await t.as('case_manager');
});
afterAll(() => t.close());

async function createPerson(agent: Agent, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await agent.post('/api/v1/people', body, headers);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; displayName: string };
}

async function openCase(agent: Agent, personId: string) {
  const res = await agent.post('/api/v1/cases', { personId, referringBody: 'mbe', firstConcern: 'Arbeitsmarkt, Wohnung' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; phase: string; caseNumber: string };
}

async function phase(agent: Agent, c: { id: string; version: number }, body: Record<string, unknown>) {
  return agent.post(`/api/v1/cases/${c.id}/phase`, body, { 'if-match': String(c.version) });
}

describe('search before create across scripts', () => {
  let hassan: { id: string };
  beforeAll(async () => {
    hassan = await createPerson(cm, {
      givenNames: 'Mohammed',
      familyName: 'Al-Hassan',
      nativeGivenNames: 'محمد',
      nativeFamilyName: 'الحسن',
      birthDate: '1991-04-12',
      sex: 'male',
      nationalities: ['SY'],
      languages: [{ code: 'ar', interpreterNeeded: true }],
    });
  });

  it('warns about "محمد الحسن / Mohammed Al-Hassan" when "Muhammad Alhasan" is typed, with German reasons', async () => {
    const res = await cm.get(`/api/v1/people/search?q=${encodeURIComponent('Muhammad Alhasan')}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.items[0]).toMatchObject({
      person: { id: hassan.id, displayName: 'Mohammed Al-Hassan', nativeName: 'محمد الحسن' },
      likelyDuplicate: true,
    });
    expect(body.items[0].reasons).toEqual(expect.arrayContaining(['gleiche arabische Schreibweise', 'ähnliche Schreibweise']));
    expect(body.outsideScopeNotice).toBeNull();
  });

  it('adds "gleiches Geburtsdatum" and finds the Arabic spelling typed in Arabic', async () => {
    const byDate = (await cm.get(`/api/v1/people/search?q=${encodeURIComponent('Mohamed Hasan')}&birthDate=1991-04-12`)).json();
    expect(byDate.items[0].reasons).toContain('gleiches Geburtsdatum');
    const arabic = (await cm.get(`/api/v1/people/search?q=${encodeURIComponent('محمد الحسن')}`)).json();
    expect(arabic.items[0].person.id).toBe(hassan.id);
  });

  it('shows a likely duplicate in another organisation only as a notice without personal data', async () => {
    const siegburg = await t.asUser(await freshUser(t, 'case_manager', { organisationId: t.tree.orgs.kimSiegburg!.id }));
    const other = await createPerson(siegburg, { givenNames: 'Olena', familyName: 'Kovalenko', nativeGivenNames: 'Олена', nativeFamilyName: 'Коваленко', birthDate: '1985-02-03' });
    const res = await cm.get(`/api/v1/people/search?q=${encodeURIComponent('Olena Kowalenko')}`);
    const body = res.json();
    expect(body.items).toEqual([]);
    expect(body.outsideScopeNotice).toMatch(/mögliche Doppelung in einer anderen Organisation – bitte Koordination ansprechen/i);
    expect(res.body).not.toMatch(/Kovalenko|Olena|1985/);
    expect((await cm.get(`/api/v1/people/${other.id}`)).statusCode).toBe(404);
  });

  it('creates a person once for one idempotency key', async () => {
    const headers = { 'idempotency-key': 'person-create-0001' };
    const body = { givenNames: 'Ayşe', familyName: 'Yılmaz', birthDate: '1979-01-01', birthDateIsPlaceholder: true };
    const a = await createPerson(cm, body, headers);
    const b = await createPerson(cm, body, headers);
    expect(b.id).toBe(a.id);
    expect(await t.auditCount(`action = 'persons.create' AND subject_id = $1`, [a.id])).toBe(1);
  });

  it('keeps sensitive identifiers hidden until revealed on purpose, and records the reveal', async () => {
    const p = await createPerson(cm, { givenNames: 'Dawit', familyName: 'Tesfaye', azrNumber: '123456789012' });
    const plain = (await cm.get(`/api/v1/people/${p.id}`)).json();
    expect(plain.identifiers).toMatchObject({ azrNumber: null, hasAzrNumber: true, revealed: false });
    const revealed = (await cm.get(`/api/v1/people/${p.id}?reveal=identifiers`)).json();
    expect(revealed.identifiers.azrNumber).toBe('123456789012');
    expect(await t.auditCount(`action = 'persons.reveal_identifiers' AND subject_id = $1`, [p.id])).toBe(1);
  });

  it('refuses impossible dates with a German message naming the field', async () => {
    const res = await cm.post('/api/v1/people', { givenNames: 'Test', familyName: 'Person', birthDate: '2999-01-01' });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toHaveProperty('birthDate');
  });
});

describe('cases through all phases', () => {
  it('moves a case from Zugang to Abschluss, recording who and when', async () => {
    const p = await createPerson(cm, { givenNames: 'Samira', familyName: 'Haddad' });
    let c = await openCase(cm, p.id);
    expect(c.phase).toBe('access');
    let res = await phase(cm, c, { to: 'clearing' });
    expect(res.statusCode, res.body).toBe(200);
    c = res.json();
    res = await phase(cm, c, { to: 'intake' });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toHaveProperty('clearingOutcome');
    res = await phase(cm, c, { to: 'intake', clearingOutcome: 'admitted', clearingCriteria: [{ code: 'max_3_years_in_kreis', met: true }] });
    expect(res.statusCode, res.body).toBe(200);
    c = res.json();
    for (const to of ['assessment', 'planning', 'linking', 'monitoring', 'evaluation']) {
      res = await phase(cm, c, { to });
      expect(res.statusCode, `${to} ${res.body}`).toBe(200);
      c = res.json();
    }
    res = await phase(cm, c, { to: 'closed' });
    expect(res.json().fields).toHaveProperty('closureReason');
    res = await phase(cm, c, { to: 'closed', closureReason: 'goals_achieved' });
    expect(res.statusCode, res.body).toBe(200);
    const closed = res.json();
    expect(closed.phase).toBe('closed');
    expect(closed.clearingOutcome).toBe('admitted');
    expect(closed.phaseHistory.map((e: { toPhase: string }) => e.toPhase)).toEqual([
      'access',
      'clearing',
      'intake',
      'assessment',
      'planning',
      'linking',
      'monitoring',
      'evaluation',
      'closed',
    ]);
    expect(closed.phaseHistory[1].actor.id).toBe(t.users.case_manager.id);
    expect(closed.allowedTransitions).toEqual([]);
  });

  it('lets one of two concurrent edits win and answers the other 409, losing nothing', async () => {
    const p = await createPerson(cm, { givenNames: 'Omar', familyName: 'Sharif' });
    const c = await openCase(cm, p.id);
    const [a, b] = await Promise.all([
      cm.patch(`/api/v1/cases/${c.id}`, { firstConcern: 'Wohnung' }, { 'if-match': String(c.version) }),
      cm.patch(`/api/v1/cases/${c.id}`, { referringNote: 'über MBE Troisdorf' }, { 'if-match': String(c.version) }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().code).toBe('version_conflict');
    const now = (await cm.get(`/api/v1/cases/${c.id}`)).json();
    expect(now.version).toBe(c.version + 1);
    // The loser retries on the new version: both changes are kept.
    const retry = await cm.patch(`/api/v1/cases/${c.id}`, a.statusCode === 409 ? { firstConcern: 'Wohnung' } : { referringNote: 'über MBE Troisdorf' }, { 'if-match': String(now.version) });
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toMatchObject({ firstConcern: 'Wohnung', referringNote: 'über MBE Troisdorf' });
  });

  it('opens a case once for one idempotency key', async () => {
    const p = await createPerson(cm, { givenNames: 'Rania', familyName: 'Aziz' });
    const headers = { 'idempotency-key': 'case-open-000001' };
    const body = { personId: p.id, referringBody: 'jobcenter' };
    const a = await cm.post('/api/v1/cases', body, headers);
    const b = await cm.post('/api/v1/cases', body, headers);
    expect(a.statusCode).toBe(201);
    expect(b.json().id).toBe(a.json().id);
    expect((await cm.get(`/api/v1/cases?q=${a.json().caseNumber}`)).json().total).toBe(1);
  });

  it('keeps cases of another organisation invisible (404) and aggregates-only roles out (403)', async () => {
    const p = await createPerson(cm, { givenNames: 'Lina', familyName: 'Barakat' });
    const c = await openCase(cm, p.id);
    const siegburg = await t.asUser(await freshUser(t, 'case_manager', { organisationId: t.tree.orgs.kimSiegburg!.id }));
    expect((await siegburg.get(`/api/v1/cases/${c.id}`)).statusCode).toBe(404);
    expect((await siegburg.post(`/api/v1/cases/${c.id}/contacts`, { occurredAt: new Date().toISOString(), durationMinutes: 30, mode: 'phone' })).statusCode).toBe(404);
    expect((await siegburg.get('/api/v1/cases')).json().items.map((x: { id: string }) => x.id)).not.toContain(c.id);
    // The KI-Leitung sees its own organisation's subtree, which the Troisdorf team is not part of.
    expect((await (await t.as('lead')).get(`/api/v1/cases/${c.id}`)).statusCode).toBe(404);
    const coordinator = await t.as('coordinator');
    expect((await coordinator.get(`/api/v1/cases/${c.id}`)).statusCode).toBe(403);
    // A deputy from another team works on the case like its case manager.
    const deputy = await freshUser(t, 'case_manager', { organisationId: t.tree.orgs.kimSiegburg!.id });
    const set = await cm.put(`/api/v1/cases/${c.id}/deputies`, { deputyIds: [deputy.id] }, { 'if-match': String(c.version) });
    expect(set.statusCode, set.body).toBe(200);
    expect((await (await t.asUser(deputy)).get(`/api/v1/cases/${c.id}`)).statusCode).toBe(200);
  });
});

describe('contacts, goals, assessment and "Meine Fälle"', () => {
  it('hides a note marked "nur ich" from colleagues, shows the contact itself', async () => {
    const p = await createPerson(cm, { givenNames: 'Kiril', familyName: 'Petrow' });
    const c = await openCase(cm, p.id);
    const add = await cm.post(`/api/v1/cases/${c.id}/contacts`, {
      occurredAt: new Date().toISOString(),
      durationMinutes: 45,
      mode: 'in_person',
      interpreterUsed: true,
      lifeDomains: ['work', 'housing'],
      note: 'Vertraulich: gesundheitliche Situation',
      noteConfidentiality: 'author',
    });
    expect(add.statusCode, add.body).toBe(201);
    const colleague = await t.asUser(await freshUser(t, 'case_manager'));
    const seen = (await colleague.get(`/api/v1/cases/${c.id}/contacts`)).json();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ note: null, noteConfidentiality: 'author', mode: 'in_person' });
    expect((await cm.get(`/api/v1/cases/${c.id}/contacts`)).json()[0].note).toBe('Vertraulich: gesundheitliche Situation');
  });

  it('records goals and assessment per Lebensbereich, with versions', async () => {
    const p = await createPerson(cm, { givenNames: 'Hamid', familyName: 'Rahimi' });
    const c = await openCase(cm, p.id);
    const goal = await cm.post(`/api/v1/cases/${c.id}/goals`, {
      lifeDomain: 'language',
      title: 'B1-Sprachkurs abschließen',
      steps: [{ text: 'Anmeldung beim Sprachkursträger' }],
      responsibleOrganisationId: t.tree.orgs.traeger!.id,
      dueDate: '2030-06-30',
    });
    expect(goal.statusCode, goal.body).toBe(201);
    const g = goal.json();
    const upd = await cm.patch(`/api/v1/goals/${g.id}`, { status: 'achieved' }, { 'if-match': String(g.version) });
    expect(upd.json()).toMatchObject({ status: 'achieved', responsibleOrganisation: { name: 'Beratungsverbund Sieg e. V.' } });
    expect((await cm.patch(`/api/v1/goals/${g.id}`, { status: 'open' }, { 'if-match': String(g.version) })).statusCode).toBe(409);
    const a = await cm.put(`/api/v1/cases/${c.id}/assessment`, { lifeDomain: 'work', needLevel: 3, need: 'Anerkennung des Abschlusses', resources: 'Berufserfahrung Elektriker' }, { 'if-match': '0' });
    expect(a.statusCode, a.body).toBe(200);
    const list = (await cm.get(`/api/v1/cases/${c.id}/assessment`)).json();
    expect(list).toHaveLength(9);
    expect(list.find((x: { lifeDomain: string }) => x.lifeDomain === 'work')).toMatchObject({ needLevel: 3, version: 1 });
  });

  it('lists overdue Wiedervorlagen and cases without contact on the start page', async () => {
    const p = await createPerson(cm, { givenNames: 'Nadia', familyName: 'Karimi' });
    const c = await openCase(cm, p.id);
    await t.database.pool.query(`UPDATE cases SET opened_at = now() - interval '60 days' WHERE id = $1`, [c.id]);
    const task = await cm.post(`/api/v1/cases/${c.id}/tasks`, { title: 'Bescheid des Jobcenters nachfragen', dueDate: '2020-01-10' });
    expect(task.statusCode, task.body).toBe(201);
    const mine = (await cm.get('/api/v1/my-cases?weeksWithoutContact=4')).json();
    expect(mine.overdueTasks.map((x: { id: string }) => x.id)).toContain(task.json().id);
    expect(mine.casesWithoutContact.map((x: { id: string }) => x.id)).toContain(c.id);
    const done = await cm.patch(`/api/v1/tasks/${task.json().id}`, { done: true }, { 'if-match': '1' });
    expect(done.json().doneAt).not.toBeNull();
  });
});

describe('break-glass', () => {
  it('gives another team read-only access to one case for 30 minutes after reason and TOTP, notifies the lead, and is reviewed', async () => {
    const p = await createPerson(cm, { givenNames: 'Amal', familyName: 'Nasser' });
    const c = await openCase(cm, p.id);
    const secret = newTotpSecret();
    const other = await freshUser(t, 'case_manager', { organisationId: t.tree.orgs.kimSiegburg!.id, totpSecret: secret });
    const agent = await t.asUser(other);
    expect((await agent.get(`/api/v1/cases/${c.id}`)).statusCode).toBe(404);
    const body = { reasonCategory: 'client_present', justification: 'Die Klientin ist vor Ort, Kollege erkrankt.' };
    expect((await agent.post(`/api/v1/cases/${c.id}/break-glass`, { ...body, totp: '000000' })).statusCode).toBe(400);
    const start = await agent.post(`/api/v1/cases/${c.id}/break-glass`, { ...body, totp: currentTotp(secret) });
    expect(start.statusCode, start.body).toBe(201);
    const session = start.json();
    expect(new Date(session.expiresAt).getTime() - Date.now()).toBeGreaterThan(25 * 60_000);
    const read = await agent.get(`/api/v1/cases/${c.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().can.edit).toBe(false);
    expect(await t.auditCount(`action = 'cases.read_break_glass' AND subject_id = $1`, [c.id])).toBe(1);
    expect((await agent.patch(`/api/v1/cases/${c.id}`, { firstConcern: 'x' }, { 'if-match': String(c.version) })).statusCode).toBe(404);
    expect(await t.auditCount(`action = 'cases.break_glass_start' AND subject_id = $1`, [c.id])).toBe(1);
    const { rows } = await t.database.pool.query(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND kind = 'break_glass'`, [t.users.lead.id]);
    expect(rows[0].n).toBeGreaterThanOrEqual(1);
    const lead = await t.as('lead');
    const list = (await lead.get('/api/v1/break-glass')).json();
    expect(list.map((x: { id: string }) => x.id)).toContain(session.id);
    const review = await lead.post(`/api/v1/break-glass/${session.id}/review`, { outcome: 'justified' }, { 'if-match': String(session.version) });
    expect(review.statusCode, review.body).toBe(200);
    // After 30 minutes the door closes again.
    await t.database.pool.query(`UPDATE break_glass_sessions SET expires_at = now() - interval '1 minute' WHERE id = $1`, [session.id]);
    expect((await agent.get(`/api/v1/cases/${c.id}`)).statusCode).toBe(404);
  });
});

describe('Systembarrieren', () => {
  it('records an anonymised barrier from a case and lists it for the coordination without case data', async () => {
    const p = await createPerson(cm, { givenNames: 'Selam', familyName: 'Haile' });
    const c = await openCase(cm, p.id);
    const withData = await cm.post(`/api/v1/cases/${c.id}/barriers`, { category: 'documents', description: 'Frau Haile, geb. 01.02.1990, wartet auf Pass' });
    expect(withData.statusCode).toBe(400);
    expect(withData.json().fields).toHaveProperty('description');
    const ok = await cm.post(`/api/v1/cases/${c.id}/barriers`, { category: 'language', agency: 'Ausländerbehörde', description: 'Keine Sprachmittlung für Tigrinya bei Vorsprachen.' });
    expect(ok.statusCode, ok.body).toBe(201);
    const list = await (await t.as('coordinator')).get('/api/v1/barriers');
    expect(list.statusCode).toBe(200);
    expect(list.json().items[0]).toMatchObject({ category: 'language', description: 'Keine Sprachmittlung für Tigrinya bei Vorsprachen.' });
    expect(list.body).not.toContain(c.id);
    expect(list.body).not.toContain('Haile');
    expect((await cm.get('/api/v1/barriers')).statusCode).toBe(403);
  });
});

describe('consents, referrals and the partner view', () => {
  let person: { id: string };
  let kase: { id: string };
  let consentId: string;
  let consentVersion: number;
  let referralId: string;
  let partner: Agent;

  beforeAll(async () => {
    person = await createPerson(cm, {
      givenNames: 'Mohammed',
      familyName: 'Al-Hassan',
      nativeGivenNames: 'محمد',
      nativeFamilyName: 'الحسن',
      birthDate: '1991-04-12',
      languages: [{ code: 'ar', interpreterNeeded: true }],
      address: { street: 'Kölner Straße 1', postalCode: '53840', municipalityAgs: '05382068' },
      benefitSystem: 'sgb2',
    });
    kase = await openCase(cm, person.id);
    await cm.post(`/api/v1/cases/${kase.id}/contacts`, { occurredAt: new Date().toISOString(), durationMinutes: 30, mode: 'phone', note: 'Notiz nur intern', noteConfidentiality: 'case' });
    partner = await t.as('partner');
  });

  it('refuses a referral without a valid consent (422 consent_required)', async () => {
    const res = await cm.post(`/api/v1/cases/${kase.id}/referrals`, { recipientOrganisationId: t.tree.orgs.jobcenter!.id, message: 'Bitte Termin zur Arbeitsvermittlung' });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('consent_required');
  });

  it('records a consent for the Jobcenter and refers to it', async () => {
    const res = await cm.post(`/api/v1/people/${person.id}/consents`, {
      recipientOrganisationId: t.tree.orgs.jobcenter!.id,
      caseId: kase.id,
      purpose: 'labour_market',
      categories: ['identity', 'languages'],
      legalBasis: 'sgb10_67b',
      formLanguage: 'ar',
      givenAt: today,
      validUntil: '2099-12-31',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().status).toBe('active');
    consentId = res.json().id;
    consentVersion = res.json().version;
    const health = await cm.post(`/api/v1/people/${person.id}/consents`, {
      recipientOrganisationId: t.tree.orgs.jobcenter!.id,
      purpose: 'health',
      categories: ['health'],
      legalBasis: 'art6_1a',
      givenAt: today,
    });
    expect(health.statusCode).toBe(400);
    expect(health.json().fields).toHaveProperty('legalBasis');
    const ref = await cm.post(`/api/v1/cases/${kase.id}/referrals`, {
      recipientOrganisationId: t.tree.orgs.jobcenter!.id,
      offerName: 'Arbeitsvermittlung U25/Ü25',
      lifeDomain: 'work',
      message: 'Bitte Termin zur Arbeitsvermittlung anbieten',
    });
    expect(ref.statusCode, ref.body).toBe(201);
    expect(ref.json()).toMatchObject({ status: 'requested', consentCovered: true });
    referralId = ref.json().id;
  });

  it('shows the Jobcenter partner only the consented categories, never notes', async () => {
    const list = (await partner.get('/api/v1/partner/referrals')).json();
    expect(list.items.map((x: { id: string }) => x.id)).toContain(referralId);
    const res = await partner.get(`/api/v1/partner/referrals/${referralId}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.sharedCategories.sort()).toEqual(['identity', 'languages']);
    expect(Object.keys(body.person).sort()).toEqual(['identity', 'languages']);
    expect(body.person.identity).toMatchObject({ givenNames: 'Mohammed', familyName: 'Al-Hassan', birthDate: '1991-04-12' });
    expect(res.body).not.toMatch(/Kölner Straße|Notiz nur intern|sgb2/);
    // The partner has no access to the case itself.
    expect((await partner.get(`/api/v1/cases/${kase.id}`)).statusCode).toBe(403);
    expect(await t.auditCount(`action = 'referrals.partner_read' AND subject_id = $1 AND outcome = 'success'`, [referralId])).toBe(1);
  });

  it('lets the partner accept with a feedback note, but not make moves of the case manager', async () => {
    const bad = await partner.post(`/api/v1/partner/referrals/${referralId}/status`, { status: 'completed' }, { 'if-match': '1' });
    expect(bad.statusCode).toBe(400);
    const ok = await partner.post(`/api/v1/partner/referrals/${referralId}/status`, { status: 'accepted', feedbackNote: 'Termin am 12. um 10 Uhr' }, { 'if-match': '1' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'accepted', feedbackNote: 'Termin am 12. um 10 Uhr' });
    const cmView = (await cm.get(`/api/v1/cases/${kase.id}/referrals`)).json();
    expect(cmView[0]).toMatchObject({ status: 'accepted', feedbackNote: 'Termin am 12. um 10 Uhr' });
  });

  it('after withdrawal the partner gets 404 on the very next request, and the attempt is audited as denied', async () => {
    const w = await cm.post(`/api/v1/consents/${consentId}/withdraw`, {}, { 'if-match': String(consentVersion) });
    expect(w.statusCode, w.body).toBe(200);
    expect(w.json().status).toBe('withdrawn');
    const res = await partner.get(`/api/v1/partner/referrals/${referralId}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('not_found');
    expect(await t.auditCount(`action = 'referrals.partner_read' AND subject_id = $1 AND outcome = 'denied'`, [referralId])).toBe(1);
    expect((await partner.get('/api/v1/partner/referrals')).json().items.map((x: { id: string }) => x.id)).not.toContain(referralId);
    expect((await partner.post(`/api/v1/partner/referrals/${referralId}/status`, { status: 'completed' }, { 'if-match': '2' })).statusCode).toBe(404);
  });

  it('exports Art. 15 as JSON and PDF with the data, the documents, the recipients and the partner’s access', async () => {
    const up = await cm.post(`/api/v1/people/${person.id}/documents?filename=Aufenthaltstitel.pdf`, SAMPLE_PDF, { 'content-type': 'application/octet-stream' });
    expect(up.statusCode, up.body).toBe(201);
    const json = await cm.get(`/api/v1/people/${person.id}/export.json`);
    expect(json.statusCode, json.body).toBe(200);
    const data = json.json();
    expect(data.person.displayName).toBe('Mohammed Al-Hassan');
    expect(data.consents).toHaveLength(1);
    expect(data.documents).toEqual([expect.objectContaining({ filename: 'Aufenthaltstitel.pdf', belongsTo: 'Stammdaten', mediaType: 'application/pdf' })]);
    expect(data.accessLog.map((e: { action: string }) => e.action)).toContain('Dokument hochgeladen');
    expect(data.referrals[0].recipientOrganisation.name).toBe('Jobcenter Rhein-Sieg');
    expect(data.recipients.map((r: { organisation: string }) => r.organisation)).toContain('Jobcenter Rhein-Sieg');
    const partnerReads = data.accessLog.filter((e: { action: string }) => e.action.startsWith('Einsicht durch Partnerstelle'));
    expect(partnerReads.every((e: { organisation: string }) => e.organisation === 'Jobcenter Rhein-Sieg')).toBe(true);
    expect(partnerReads.map((e: { outcome: string }) => e.outcome)).toEqual(expect.arrayContaining(['success', 'denied']));
    expect(partnerReads.at(-1).outcome).toBe('denied');
    const pdf = await cm.get(`/api/v1/people/${person.id}/export.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'art15-')), 'a.pdf');
    fs.writeFileSync(file, pdf.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8');
    expect(text).toContain('Mohammed Al-Hassan');
    expect(text).toContain('Einsicht durch Partnerstelle');
    expect(text).toContain('Jobcenter Rhein-Sieg');
    expect(text).toContain('Test partner');
    expect(text).toContain('Aufenthaltstitel.pdf');
    expect(text).toContain('Dokument hochgeladen');
  });
});
