import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../../test/harness.js';
import { freshUser } from '../../../test/helpers.js';
import { currentTotp, newTotpSecret } from '../../platform/auth/totp.js';

let t: TestApp;
let cm: Agent;
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestApp();
  cm = await t.as('case_manager');
});
afterAll(() => t.close());

async function openCaseFor(agent: Agent, givenNames: string, familyName: string) {
  const p = await agent.post('/api/v1/people', { givenNames, familyName });
  expect(p.statusCode, p.body).toBe(201);
  const c = await agent.post('/api/v1/cases', { personId: p.json().id, referringBody: 'mbe' });
  expect(c.statusCode, c.body).toBe(201);
  return { personId: p.json().id as string, ...(c.json() as { id: string; version: number; caseNumber: string }) };
}

async function notificationsOf(userId: string, kind: string) {
  const { rows } = await t.database.pool.query<{ title: string; body: string; link: string }>(
    `SELECT title, body, link FROM notifications WHERE user_id = $1 AND kind = $2 ORDER BY created_at`,
    [userId, kind],
  );
  return rows;
}

describe('deputies (Vertretungen)', () => {
  it('lets the case manager add and remove a deputy from the same team, audited, with 409 on a stale version', async () => {
    const c = await openCaseFor(cm, 'Hamid', 'Rahimi');
    const colleague = await freshUser(t, 'case_manager');
    const candidates = await cm.get(`/api/v1/cases/${c.id}/deputy-candidates`);
    expect(candidates.statusCode, candidates.body).toBe(200);
    const ids = candidates.json().map((u: { id: string }) => u.id);
    expect(ids).toContain(colleague.id);
    expect(ids).not.toContain(t.users.case_manager.id);
    const add = await cm.put(`/api/v1/cases/${c.id}/deputies`, { deputyIds: [colleague.id] }, { 'if-match': String(c.version) });
    expect(add.statusCode, add.body).toBe(200);
    expect(add.json().deputies.map((d: { id: string }) => d.id)).toEqual([colleague.id]);
    expect(add.json().can.manageTeam).toBe(true);
    const stale = await cm.put(`/api/v1/cases/${c.id}/deputies`, { deputyIds: [] }, { 'if-match': String(c.version) });
    expect(stale.statusCode).toBe(409);
    const remove = await cm.put(`/api/v1/cases/${c.id}/deputies`, { deputyIds: [] }, { 'if-match': String(add.json().version) });
    expect(remove.statusCode, remove.body).toBe(200);
    expect(remove.json().deputies).toEqual([]);
    const { rows } = await t.database.pool.query(`SELECT details FROM audit_events WHERE action = 'cases.team_change' AND subject_id = $1 ORDER BY seq`, [c.id]);
    expect(rows.map((r) => r.details)).toEqual([
      expect.objectContaining({ added: [colleague.id], removed: [] }),
      expect.objectContaining({ added: [], removed: [colleague.id] }),
    ]);
  });

  it('refuses team changes by a deputy or colleague (403) and by other teams (404); the KI-Leitung may change its area', async () => {
    const c = await openCaseFor(cm, 'Zainab', 'Karimi');
    const colleague = await t.asUser(await freshUser(t, 'case_manager'));
    const detail = (await colleague.get(`/api/v1/cases/${c.id}`)).json();
    expect(detail.can).toMatchObject({ edit: true, manageTeam: false });
    expect((await colleague.put(`/api/v1/cases/${c.id}/deputies`, { deputyIds: [] }, { 'if-match': String(c.version) })).statusCode).toBe(403);
    const siegburg = await t.asUser(await freshUser(t, 'case_manager', { organisationId: t.tree.orgs.kimSiegburg!.id }));
    expect((await siegburg.put(`/api/v1/cases/${c.id}/deputies`, { deputyIds: [] }, { 'if-match': String(c.version) })).statusCode).toBe(404);
    expect((await siegburg.get(`/api/v1/cases/${c.id}/deputy-candidates`)).statusCode).toBe(404);

    // A case of the KIM team under the KI: the lead sees it and may set its deputies.
    const kreisCm = await t.asUser(await freshUser(t, 'case_manager', { organisationId: t.tree.orgs.kimKreis!.id }));
    const k = await openCaseFor(kreisCm, 'Omid', 'Ahmadi');
    const deputy = await freshUser(t, 'case_manager', { organisationId: t.tree.orgs.kimKreis!.id });
    const lead = await t.as('lead');
    const leadView = (await lead.get(`/api/v1/cases/${k.id}`)).json();
    expect(leadView.can).toMatchObject({ edit: false, manageTeam: true });
    expect((await lead.get(`/api/v1/cases/${k.id}/deputy-candidates`)).json().map((u: { id: string }) => u.id)).toContain(deputy.id);
    const set = await lead.put(`/api/v1/cases/${k.id}/deputies`, { deputyIds: [deputy.id] }, { 'if-match': String(k.version) });
    expect(set.statusCode, set.body).toBe(200);
    expect((await (await t.asUser(deputy)).get(`/api/v1/cases/${k.id}`)).statusCode).toBe(200);
  });
});

describe('barriers of a case', () => {
  it('lists the barriers reported from the case on its page, and nobody outside the case sees that list', async () => {
    const c = await openCaseFor(cm, 'Abeba', 'Tesfaye');
    const ok = await cm.post(`/api/v1/cases/${c.id}/barriers`, { category: 'waiting_time', agency: 'Ausländerbehörde', description: 'Termine zur Verlängerung erst nach vier Monaten.' });
    expect(ok.statusCode, ok.body).toBe(201);
    const list = await cm.get(`/api/v1/cases/${c.id}/barriers`);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual([expect.objectContaining({ category: 'waiting_time', agency: 'Ausländerbehörde', organisationName: 'KIM Case Management Troisdorf' })]);
    const siegburg = await t.asUser(await freshUser(t, 'case_manager', { organisationId: t.tree.orgs.kimSiegburg!.id }));
    expect((await siegburg.get(`/api/v1/cases/${c.id}/barriers`)).statusCode).toBe(404);
  });
});

describe('break-glass step-up and banner data', () => {
  it('marks the case as seen through break-glass, refuses a reused code, and tells the lead with a link to /notfallzugriffe', async () => {
    const kreisCm = await t.asUser(await freshUser(t, 'case_manager', { organisationId: t.tree.orgs.kimKreis!.id }));
    const c = await openCaseFor(kreisCm, 'Nour', 'Haddad');
    const secret = newTotpSecret();
    const other = await t.asUser(await freshUser(t, 'case_manager', { organisationId: t.tree.orgs.kimSiegburg!.id, totpSecret: secret }));
    const body = { reasonCategory: 'staff_absence', justification: 'Zuständige Kollegin ist krank, Termin heute.' };
    const code = currentTotp(secret);
    const start = await other.post(`/api/v1/cases/${c.id}/break-glass`, { ...body, totp: code });
    expect(start.statusCode, start.body).toBe(201);
    const view = (await other.get(`/api/v1/cases/${c.id}`)).json();
    expect(view.breakGlass).toEqual({ id: start.json().id, expiresAt: start.json().expiresAt });
    expect(view.can.edit).toBe(false);
    expect((await kreisCm.get(`/api/v1/cases/${c.id}`)).json().breakGlass).toBeNull();
    // The same code again: refused (the step is used), also on another case.
    const c2 = await openCaseFor(kreisCm, 'Rami', 'Khalil');
    const again = await other.post(`/api/v1/cases/${c2.id}/break-glass`, { ...body, totp: code });
    expect(again.statusCode).toBe(400);
    expect(again.json().fields).toHaveProperty('totp');
    // Without a second factor: 403 step_up_required.
    const noTotp = await t.asUser(await freshUser(t, 'case_manager', { organisationId: t.tree.orgs.kimSiegburg!.id }));
    const refused = await noTotp.post(`/api/v1/cases/${c.id}/break-glass`, { ...body, totp: '123456' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('step_up_required');
    const notes = await notificationsOf(t.users.lead.id, 'break_glass');
    expect(notes.find((n) => n.title.includes(c.caseNumber))).toMatchObject({ link: '/notfallzugriffe' });
  });
});

describe('referral notifications', () => {
  it('tells the partner about a new referral and the case manager about the partner’s answer, in-app', async () => {
    const c = await openCaseFor(cm, 'Samir', 'Yousef');
    const consent = await cm.post(`/api/v1/people/${c.personId}/consents`, {
      recipientOrganisationId: t.tree.orgs.jobcenter!.id,
      caseId: c.id,
      purpose: 'labour_market',
      categories: ['identity'],
      legalBasis: 'sgb10_67b',
      givenAt: today,
      validUntil: '2099-12-31',
    });
    expect(consent.statusCode, consent.body).toBe(201);
    const ref = await cm.post(`/api/v1/cases/${c.id}/referrals`, { recipientOrganisationId: t.tree.orgs.jobcenter!.id, offerName: 'Berufsberatung', message: 'Bitte Beratungstermin anbieten' });
    expect(ref.statusCode, ref.body).toBe(201);
    const forPartner = await notificationsOf(t.users.partner.id, 'referral_new');
    const note = forPartner.find((n) => n.link === `/vermittlungen/${ref.json().id}`);
    expect(note).toMatchObject({ title: 'Neue Vermittlung: Berufsberatung' });
    // The notice itself names nobody.
    expect(`${note!.title} ${note!.body}`).not.toMatch(/Samir|Yousef/);
    const partner = await t.as('partner');
    const answer = await partner.post(`/api/v1/partner/referrals/${ref.json().id}/status`, { status: 'accepted', feedbackNote: 'Termin folgt per Post' }, { 'if-match': String(ref.json().version) });
    expect(answer.statusCode, answer.body).toBe(200);
    const forCm = await notificationsOf(t.users.case_manager.id, 'referral_answer');
    expect(forCm.find((n) => n.link === `/faelle/${c.id}`)).toMatchObject({ title: expect.stringContaining('angenommen') });
  });
});
