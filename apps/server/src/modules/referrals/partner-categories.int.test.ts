// The partner's access per data category (ADR 0012): the extract is consented ∩ the minimal data set of the
// recipient's kind (MINIMAL_CATEGORIES_BY_KIND); GET /partner/referrals/:id/categories/:category answers 200 for a
// released category, 403 `consent_required` (audited as denied, with the category) for one the consent does not
// cover or the recipient's kind does not need, and 404 when no valid consent covers the referral at all.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../../test/harness.js';
import { auditRowsOf, expectGermanError, freshUser } from '../../../test/helpers.js';

let t: TestApp;
let cm: Agent;
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestApp();
  cm = await t.as('case_manager');
});
afterAll(() => t.close());

async function created(res: { statusCode: number; body: string; json(): unknown }) {
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
}

/** A person with data in every category the extract has, and an open case. */
async function personWithCase(givenNames: string) {
  const person = await created(
    await cm.post('/api/v1/people', {
      givenNames,
      familyName: 'Kowalenko',
      birthDate: '1988-02-03',
      languages: [{ code: 'uk', interpreterNeeded: true }],
      address: { street: 'Lindenallee 7', postalCode: '53840', municipalityAgs: '05382068' },
      benefitSystem: 'sgb2',
    }),
  );
  await created(await cm.post(`/api/v1/people/${person.id}/residence-statuses`, { statusCode: 'gestattung', validUntil: '2099-06-30' }));
  const kase = await created(await cm.post('/api/v1/cases', { personId: person.id, referringBody: 'self' }));
  return { person, kase };
}

async function consent(personId: string, recipientOrganisationId: string, categories: string[], legalBasis = 'sgb10_67b') {
  return created(
    await cm.post(`/api/v1/people/${personId}/consents`, { recipientOrganisationId, purpose: 'other', purposeNote: 'Test', categories, legalBasis, givenAt: today }),
  );
}

async function refer(caseId: string, recipientOrganisationId: string) {
  return created(await cm.post(`/api/v1/cases/${caseId}/referrals`, { recipientOrganisationId, message: 'Bitte um einen Termin' }));
}

type AuditRow = { action: string; outcome: string; subject_id: string | null; details: Record<string, unknown> };

describe('Jobcenter: consented ∩ minimal data set, one category at a time', () => {
  let partner: Agent;
  let personId: string;
  let consentId: string;
  let consentVersion: number;
  let referralId: string;

  beforeAll(async () => {
    partner = await t.as('partner');
    const { person, kase } = await personWithCase('Olena');
    personId = person.id;
    // Residence is consented, but a Jobcenter does not need it: it must stay with the case management.
    const c = await consent(person.id, t.tree.orgs.jobcenter!.id, ['identity', 'languages', 'residence']);
    consentId = c.id;
    consentVersion = c.version;
    referralId = (await refer(kase.id, t.tree.orgs.jobcenter!.id)).id;
  });

  it('shows the consented categories the Jobcenter needs and names the needed ones that are not released', async () => {
    const res = await partner.get(`/api/v1/partner/referrals/${referralId}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.sharedCategories).toEqual(['identity', 'languages']);
    expect(body.withheldCategories).toEqual(['contact', 'benefits', 'education_work', 'goals']);
    expect(Object.keys(body.person).sort()).toEqual(['identity', 'languages']);
    // The consented but unneeded residence status is not in the answer at all.
    expect(res.body).not.toMatch(/residence|Aufenthaltsgestattung|2099-06-30|Lindenallee|sgb2/);
    const [row] = (await auditRowsOf(t, res)) as AuditRow[];
    expect(row).toMatchObject({ action: 'referrals.partner_read', outcome: 'success', details: { categories: ['identity', 'languages'] } });
  });

  it('answers a released category with 200 and only that category’s data, audited with the category', async () => {
    const res = await partner.get(`/api/v1/partner/referrals/${referralId}/categories/identity`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ referralId, category: 'identity' });
    expect(Object.keys(body.person)).toEqual(['identity']);
    expect(body.person.identity).toMatchObject({ givenNames: 'Olena', familyName: 'Kowalenko', birthDate: '1988-02-03' });
    // Same shape as in the extract.
    const extract = (await partner.get(`/api/v1/partner/referrals/${referralId}`)).json();
    expect(body.person.identity).toEqual(extract.person.identity);
    const languages = (await partner.get(`/api/v1/partner/referrals/${referralId}/categories/languages`)).json();
    expect(languages.person).toEqual({ languages: extract.person.languages });
    expect(await auditRowsOf(t, res)).toEqual([
      expect.objectContaining({ action: 'referrals.partner_read', outcome: 'success', subject_id: referralId, details: expect.objectContaining({ category: 'identity', categories: ['identity'] }) }),
    ]);
  });

  it('refuses a category the consent does not cover with 403 consent_required, naming it, and audits the denial', async () => {
    const res = await partner.get(`/api/v1/partner/referrals/${referralId}/categories/contact`);
    const body = expectGermanError(res, 403);
    expect(body.code).toBe('consent_required');
    expect(body.message).toContain('„Anschrift und Erreichbarkeit“');
    expect(body.message).toContain('Einwilligung');
    expect(Object.keys(body.fields ?? {})).toEqual(['category']);
    expect(res.body).not.toMatch(/Lindenallee|53840/);
    // The denied attempt's row survived the error answer: written in the request's transaction, which committed.
    expect(await auditRowsOf(t, res)).toEqual([
      expect.objectContaining({
        action: 'referrals.partner_read',
        outcome: 'denied',
        subject_id: referralId,
        details: expect.objectContaining({ category: 'contact', reason: 'category_not_consented', personId }),
      }),
    ]);
  });

  it('refuses a consented category the Jobcenter does not need (minimal data set) with 403, without revealing the consent', async () => {
    const res = await partner.get(`/api/v1/partner/referrals/${referralId}/categories/residence`);
    const body = expectGermanError(res, 403);
    expect(body.code).toBe('consent_required');
    expect(body.message).toContain('„Aufenthaltsstatus“');
    expect(body.message).toContain('Datenminimierung');
    expect(res.body).not.toMatch(/Aufenthaltsgestattung|2099-06-30/);
    expect(await auditRowsOf(t, res)).toEqual([
      expect.objectContaining({ outcome: 'denied', details: expect.objectContaining({ category: 'residence', reason: 'category_not_needed' }) }),
    ]);
    // Health (Art. 9) is never sent to a Jobcenter: the same answer, whether or not a consent names it.
    const health = await partner.get(`/api/v1/partner/referrals/${referralId}/categories/health`);
    expect(expectGermanError(health, 403).code).toBe('consent_required');
    expect(health.json().message).toContain('Datenminimierung');
  });

  it('answers an unknown category with 400 naming the parameter, and is not the route for other organisations', async () => {
    for (const category of ['gesundheit', 'IDENTITY', 'educationWork', '__proto__', 'identity%00', "identity'%20OR%20'1'%3D'1", '%E0%A4%A']) {
      const bad = await partner.get(`/api/v1/partner/referrals/${referralId}/categories/${category}`);
      const body = expectGermanError(bad, 400, category);
      expect(body.code).toBe('validation_failed');
      if (!category.startsWith('%E0')) expect(body.fields, category).toHaveProperty('category');
      expect(await auditRowsOf(t, bad), category).not.toContainEqual(expect.objectContaining({ action: 'referrals.partner_read' }));
    }
    expect((await partner.get(`/api/v1/partner/referrals/${referralId}/categories/${'x'.repeat(300)}`)).statusCode).toBe(414);
    // A partner of another organisation: the referral is not there for it (404), and nothing is recorded against it.
    const abh = await t.asUser(await freshUser(t, 'partner', { organisationId: t.tree.orgs.abh!.id }));
    const other = await abh.get(`/api/v1/partner/referrals/${referralId}/categories/identity`);
    expect(expectGermanError(other, 404).code).toBe('not_found');
    expect(await auditRowsOf(t, other)).toEqual([]);
  });

  it('after the withdrawal answers 404 on the next request, per category too, and audits the attempt as denied', async () => {
    const w = await cm.post(`/api/v1/consents/${consentId}/withdraw`, {}, { 'if-match': String(consentVersion) });
    expect(w.statusCode, w.body).toBe(200);
    const res = await partner.get(`/api/v1/partner/referrals/${referralId}/categories/identity`);
    expect(expectGermanError(res, 404).code).toBe('not_found');
    expect(res.body).not.toContain('Olena');
    // Exactly the answer of a referral that does not exist: existence stays hidden (DESIGN §2.3).
    const random = await partner.get(`/api/v1/partner/referrals/${randomUUID()}/categories/identity`);
    expect({ ...res.json(), requestId: 0 }).toEqual({ ...random.json(), requestId: 0 });
    expect(await auditRowsOf(t, res)).toEqual([
      expect.objectContaining({ action: 'referrals.partner_read', outcome: 'denied', details: expect.objectContaining({ category: 'identity', reason: 'no_valid_consent' }) }),
    ]);
    // A category the consent never covered: also 404 now, not 403 – without a consent there is no referral to refuse.
    expect((await partner.get(`/api/v1/partner/referrals/${referralId}/categories/contact`)).statusCode).toBe(404);
    const read = await partner.get(`/api/v1/partner/referrals/${referralId}`);
    expect(read.statusCode).toBe(404);
    expect(await auditRowsOf(t, read)).toEqual([expect.objectContaining({ outcome: 'denied', details: expect.objectContaining({ reason: 'no_valid_consent' }) })]);
  });

  it('lists the refused category attempts in the Art. 15 access log', async () => {
    const res = await cm.get(`/api/v1/people/${personId}/export.json`);
    expect(res.statusCode, res.body).toBe(200);
    const partnerReads = res.json().accessLog.filter((e: { action: string }) => e.action.startsWith('Einsicht durch Partnerstelle'));
    expect(partnerReads.filter((e: { outcome: string }) => e.outcome === 'denied').length).toBeGreaterThanOrEqual(6);
    // Each refusal says why: the category and whether the consent or data minimisation withheld it.
    const actions = partnerReads.map((e: { action: string }) => e.action);
    expect(actions).toContain('Einsicht durch Partnerstelle (Aufenthaltsstatus) – verweigert (Datenkategorie wird an diese Art von Stelle nicht übermittelt)');
    expect(actions.some((a: string) => a.endsWith('– verweigert (Datenkategorie nicht von der Einwilligung umfasst)'))).toBe(true);
    expect(actions.some((a: string) => a.endsWith('– verweigert (keine gültige Einwilligung)'))).toBe(true);
    // Recipients list what was shown: identity and languages, never the residence status.
    const jobcenter = res.json().recipients.find((r: { organisation: string; via: string[] }) => r.organisation === 'Jobcenter Rhein-Sieg' && r.via.includes('Einsicht auf Grundlage einer Einwilligung'));
    expect(jobcenter.categories.sort()).toEqual(['Name und Geburtsdatum', 'Sprachen und Sprachmittlungsbedarf']);
  });
});

describe('the route in the OpenAPI document', () => {
  it('documents the category parameter and the answers 200, 403 and 404', () => {
    const doc = t.app.swagger() as unknown as { paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; responses: Record<string, unknown> }>> };
    const route = doc.paths['/api/v1/partner/referrals/{id}/categories/{category}']?.get;
    expect(route).toBeDefined();
    expect(Object.keys(route!.responses).sort()).toEqual(['200', '403', '404']);
    expect(route!.parameters?.filter((p) => p.in === 'path').map((p) => p.name).sort()).toEqual(['category', 'id']);
  });
});

describe('minimal data sets of other kinds of recipient', () => {
  it('shows the Ausländerbehörde identity and residence status, not the consented address', async () => {
    const { person, kase } = await personWithCase('Taras');
    await consent(person.id, t.tree.orgs.abh!.id, ['identity', 'contact', 'residence']);
    const referral = await refer(kase.id, t.tree.orgs.abh!.id);
    const abh = await t.asUser(await freshUser(t, 'partner', { organisationId: t.tree.orgs.abh!.id }));
    const res = await abh.get(`/api/v1/partner/referrals/${referral.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ sharedCategories: ['identity', 'residence'], withheldCategories: ['languages'] });
    expect(res.json().person.residence).toEqual({ status: 'Aufenthaltsgestattung', validUntil: '2099-06-30' });
    expect(res.body).not.toMatch(/Lindenallee/);
    const residence = await abh.get(`/api/v1/partner/referrals/${referral.id}/categories/residence`);
    expect(residence.statusCode, residence.body).toBe(200);
    expect(residence.json().person).toEqual({ residence: { status: 'Aufenthaltsgestattung', validUntil: '2099-06-30' } });
    const contact = await abh.get(`/api/v1/partner/referrals/${referral.id}/categories/contact`);
    expect(expectGermanError(contact, 403).message).toContain('„Ausländerbehörde“');
  });

  it('releases health (Art. 9) to a Wohlfahrtsverband with an explicit consent: 200, with no fields in the extract', async () => {
    const { person, kase } = await personWithCase('Iryna');
    await consent(person.id, t.tree.orgs.traeger!.id, ['identity', 'health'], 'art9_2a');
    const referral = await refer(kase.id, t.tree.orgs.traeger!.id);
    const traeger = await t.asUser(await freshUser(t, 'partner', { organisationId: t.tree.orgs.traeger!.id }));
    const read = await traeger.get(`/api/v1/partner/referrals/${referral.id}`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().sharedCategories).toEqual(['identity', 'health']);
    expect(read.json().withheldCategories).toEqual(['contact', 'residence', 'benefits', 'languages', 'family', 'education_work', 'goals']);
    const health = await traeger.get(`/api/v1/partner/referrals/${referral.id}/categories/health`);
    expect(health.statusCode, health.body).toBe(200);
    expect(health.json()).toEqual({ referralId: referral.id, category: 'health', person: {} });
  });

  it('keeps a referral visible when the consent covers nothing the recipient needs, with an empty extract', async () => {
    const { person, kase } = await personWithCase('Bohdan');
    await consent(person.id, t.tree.orgs.abh!.id, ['goals']);
    const referral = await refer(kase.id, t.tree.orgs.abh!.id);
    const abh = await t.asUser(await freshUser(t, 'partner', { organisationId: t.tree.orgs.abh!.id }));
    const list = (await abh.get('/api/v1/partner/referrals?limit=200')).json();
    expect(list.items.find((x: { id: string }) => x.id === referral.id)).toMatchObject({ personLabel: 'Person (Name nicht freigegeben)' });
    const res = await abh.get(`/api/v1/partner/referrals/${referral.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ sharedCategories: [], withheldCategories: ['identity', 'residence', 'languages'], person: {} });
    expect((await abh.get(`/api/v1/partner/referrals/${referral.id}/categories/goals`)).statusCode).toBe(403);
  });
});
