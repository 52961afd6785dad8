// Samples of the KIM routes (people, cases, consents, referrals) for the route-walking tests
// (apps/server/test/route-samples.ts spreads them into ROUTE_SAMPLES). Type-only imports of the test harness.
import type { RouteSample } from '../../../test/route-samples.js';
import type { Agent, TestApp } from '../../../test/harness.js';
import { currentTotp, newTotpSecret } from '../../platform/auth/totp.js';
import { makeUser } from '../../seed/factories.js';

const today = () => new Date().toISOString().slice(0, 10);
let counter = 0;

async function cmAgent(t: TestApp): Promise<Agent> {
  return t.as('case_manager');
}

async function created<T>(res: { statusCode: number; body: string; json(): unknown }, what: string): Promise<T> {
  if (res.statusCode !== 201) throw new Error(`${what} failed: ${res.statusCode} ${res.body}`);
  return res.json() as T;
}

async function newPerson(t: TestApp) {
  counter += 1;
  return created<{ id: string; version: number }>(
    await (await cmAgent(t)).post('/api/v1/people', { givenNames: `Erika ${counter}`, familyName: 'Mustermann' }),
    'person create',
  );
}

async function newCase(t: TestApp) {
  const person = await newPerson(t);
  const c = await created<{ id: string; version: number }>(await (await cmAgent(t)).post('/api/v1/cases', { personId: person.id, referringBody: 'self' }), 'case open');
  return { person, case: c };
}

function consentBody(t: TestApp) {
  return { recipientOrganisationId: t.tree.orgs.jobcenter!.id, purpose: 'labour_market', categories: ['identity'], legalBasis: 'sgb10_67b', givenAt: today() };
}

async function newReferral(t: TestApp) {
  const { person, case: c } = await newCase(t);
  const cm = await cmAgent(t);
  const consent = await created<{ id: string; version: number }>(await cm.post(`/api/v1/people/${person.id}/consents`, consentBody(t)), 'consent');
  const referral = await created<{ id: string; version: number }>(
    await cm.post(`/api/v1/cases/${c.id}/referrals`, { recipientOrganisationId: t.tree.orgs.jobcenter!.id, message: 'Bitte um einen Termin' }),
    'referral',
  );
  return { person, case: c, consent, referral };
}

/** A case manager of another team, with TOTP set up: the one who needs break-glass for a Troisdorf case. */
async function siegburgManagerWithTotp(t: TestApp) {
  counter += 1;
  const secret = newTotpSecret();
  const user = await makeUser(t.database.db, {
    email: `bg${counter}-${Math.random().toString(36).slice(2, 8)}@test.example`,
    displayName: 'Notfall Siegburg',
    password: null,
    memberships: [{ organisationId: t.tree.orgs.kimSiegburg!.id, role: 'case_manager' }],
    totpSecret: secret,
  });
  const agent = await t.asUser({ id: user.id, email: user.email, role: 'case_manager', organisationId: t.tree.orgs.kimSiegburg!.id });
  return { agent, secret };
}

async function newBreakGlass(t: TestApp) {
  const { case: c } = await newCase(t);
  const { agent, secret } = await siegburgManagerWithTotp(t);
  const session = await created<{ id: string }>(
    await agent.post(`/api/v1/cases/${c.id}/break-glass`, { reasonCategory: 'crisis', justification: 'Akute Krise, zuständige Fachkraft nicht erreichbar.', totp: currentTotp(secret) }),
    'break-glass',
  );
  return { agent, sessionId: session.id, caseId: c.id };
}

const contactBody = () => ({ occurredAt: new Date().toISOString(), durationMinutes: 30, mode: 'phone', lifeDomains: ['work'], note: 'kurz telefoniert' });
const goalBody = () => ({ lifeDomain: 'language', title: 'Sprachkurs B1 beginnen', steps: [{ text: 'Anmeldung', done: false }], dueDate: '2030-01-31' });

export const KIM_ROUTE_SAMPLES: Record<string, RouteSample> = {
  // ── people ───────────────────────────────────────────────────────────────────────────────────────────────────
  'GET /api/v1/people/search': { query: 'q=Mustermann' },
  'GET /api/v1/evaluation': { query: 'from=2026-01-01&to=2026-12-31' },
  'GET /api/v1/evaluation.xlsx': { query: 'from=2026-01-01&to=2026-12-31' },
  'GET /api/v1/evaluation.pdf': { query: 'from=2026-01-01&to=2026-12-31' },
  // A real category, so the walks reach the consent check (a random referral id: 404) rather than a 400 for the category.
  'GET /api/v1/partner/referrals/:id/categories/:category': { params: { category: 'identity' } },
  'POST /api/v1/people': {
    body: () => ({ givenNames: 'Erika', familyName: 'Mustermann', birthDate: '1990-05-17', sex: 'female', nationalities: ['SY'], languages: [{ code: 'ar', interpreterNeeded: true }] }),
    success: async (t) => ({ agent: await cmAgent(t), url: '/api/v1/people', body: { givenNames: 'Erika', familyName: 'Mustermann' }, status: 201 }),
  },
  'PATCH /api/v1/people/:id': {
    body: () => ({ familyName: 'Musterfrau', phone: '+49 2241 12345' }),
    headers: { 'if-match': '1' },
    success: async (t) => {
      const p = await newPerson(t);
      return { agent: await cmAgent(t), url: `/api/v1/people/${p.id}`, body: { familyName: 'Musterfrau' }, headers: { 'if-match': String(p.version) } };
    },
  },
  'POST /api/v1/people/:id/residence-statuses': {
    body: () => ({ statusCode: 'gestattung', validFrom: '2024-01-01', validUntil: '2024-12-31' }),
    success: async (t) => ({ agent: await cmAgent(t), url: `/api/v1/people/${(await newPerson(t)).id}/residence-statuses`, body: { statusCode: 'duldung' }, status: 201 }),
  },
  'POST /api/v1/people/:id/relations': {
    body: (t) => ({ relatedPersonId: t.tree.kreis.id, kind: 'family', familyRole: 'child' }),
    success: async (t) => ({
      agent: await cmAgent(t),
      url: `/api/v1/people/${(await newPerson(t)).id}/relations`,
      body: { relatedPersonId: (await newPerson(t)).id, kind: 'household' },
      status: 201,
    }),
  },

  // ── cases ────────────────────────────────────────────────────────────────────────────────────────────────────
  'POST /api/v1/cases': {
    body: (t) => ({ personId: t.tree.kreis.id, referringBody: 'mbe', firstConcern: 'Wohnungssuche' }),
    success: async (t) => ({ agent: await cmAgent(t), url: '/api/v1/cases', body: { personId: (await newPerson(t)).id, referringBody: 'jobcenter' }, status: 201 }),
  },
  'PATCH /api/v1/cases/:id': {
    body: () => ({ firstConcern: 'Arbeit und Wohnen', reviewDueAt: '2030-01-01' }),
    headers: { 'if-match': '1' },
    success: async (t) => {
      const { case: c } = await newCase(t);
      return { agent: await cmAgent(t), url: `/api/v1/cases/${c.id}`, body: { firstConcern: 'Arbeit' }, headers: { 'if-match': String(c.version) } };
    },
  },
  'POST /api/v1/cases/:id/phase': {
    body: () => ({ to: 'clearing', note: 'Erstgespräch geführt' }),
    headers: { 'if-match': '1' },
    success: async (t) => {
      const { case: c } = await newCase(t);
      return { agent: await cmAgent(t), url: `/api/v1/cases/${c.id}/phase`, body: { to: 'clearing' }, headers: { 'if-match': String(c.version) } };
    },
  },
  'PUT /api/v1/cases/:id/deputies': {
    body: (t) => ({ deputyIds: [t.users.case_manager.id] }),
    headers: { 'if-match': '1' },
    success: async (t) => {
      const { case: c } = await newCase(t);
      return { agent: await cmAgent(t), url: `/api/v1/cases/${c.id}/deputies`, body: { deputyIds: [] }, headers: { 'if-match': String(c.version) } };
    },
  },
  'POST /api/v1/cases/:id/contacts': {
    body: () => contactBody(),
    success: async (t) => ({ agent: await cmAgent(t), url: `/api/v1/cases/${(await newCase(t)).case.id}/contacts`, body: contactBody(), status: 201 }),
  },
  'POST /api/v1/cases/:id/goals': {
    body: () => goalBody(),
    success: async (t) => ({ agent: await cmAgent(t), url: `/api/v1/cases/${(await newCase(t)).case.id}/goals`, body: goalBody(), status: 201 }),
  },
  'PATCH /api/v1/goals/:id': {
    body: () => ({ status: 'in_progress', steps: [{ text: 'Anmeldung', done: true }] }),
    headers: { 'if-match': '1' },
    success: async (t) => {
      const cm = await cmAgent(t);
      const goal = await created<{ id: string; version: number }>(await cm.post(`/api/v1/cases/${(await newCase(t)).case.id}/goals`, goalBody()), 'goal');
      return { agent: cm, url: `/api/v1/goals/${goal.id}`, body: { status: 'achieved' }, headers: { 'if-match': String(goal.version) } };
    },
  },
  'PUT /api/v1/cases/:id/assessment': {
    body: () => ({ lifeDomain: 'housing', needLevel: 2, need: 'Wohnung zu klein', resources: 'Unterstützung durch Familie' }),
    headers: { 'if-match': '0' },
    success: async (t) => ({
      agent: await cmAgent(t),
      url: `/api/v1/cases/${(await newCase(t)).case.id}/assessment`,
      body: { lifeDomain: 'housing', needLevel: 2, need: 'Wohnung zu klein', resources: '' },
      headers: { 'if-match': '0' },
    }),
  },
  'POST /api/v1/cases/:id/tasks': {
    body: () => ({ title: 'Bescheid nachfragen', dueDate: '2030-01-15' }),
    success: async (t) => ({ agent: await cmAgent(t), url: `/api/v1/cases/${(await newCase(t)).case.id}/tasks`, body: { title: 'Bescheid nachfragen', dueDate: '2030-01-15' }, status: 201 }),
  },
  'PATCH /api/v1/tasks/:id': {
    body: () => ({ done: true }),
    headers: { 'if-match': '1' },
    success: async (t) => {
      const cm = await cmAgent(t);
      const task = await created<{ id: string; version: number }>(
        await cm.post(`/api/v1/cases/${(await newCase(t)).case.id}/tasks`, { title: 'Anruf', dueDate: '2030-01-15' }),
        'task',
      );
      return { agent: cm, url: `/api/v1/tasks/${task.id}`, body: { done: true }, headers: { 'if-match': String(task.version) } };
    },
  },

  'POST /api/v1/cases/:id/barriers': {
    body: () => ({ category: 'waiting_time', agency: 'Ausländerbehörde', lifeDomain: 'residence', description: 'Termine zur Verlängerung erst nach vier Monaten.' }),
    success: async (t) => ({
      agent: await cmAgent(t),
      url: `/api/v1/cases/${(await newCase(t)).case.id}/barriers`,
      body: { category: 'language', description: 'Keine Sprachmittlung für Tigrinya beim Amt verfügbar.' },
      status: 201,
    }),
  },

  'POST /api/v1/cases/:id/break-glass': {
    body: () => ({ reasonCategory: 'client_present', justification: 'Die Klientin ist vor Ort, die Fachkraft ist krank.', totp: '123456' }),
    success: async (t) => {
      const { case: c } = await newCase(t);
      const { agent, secret } = await siegburgManagerWithTotp(t);
      return {
        agent,
        url: `/api/v1/cases/${c.id}/break-glass`,
        body: { reasonCategory: 'client_present', justification: 'Die Klientin ist vor Ort, die Fachkraft ist krank.', totp: currentTotp(secret) },
        status: 201,
      };
    },
  },
  'POST /api/v1/break-glass/:id/end': {
    body: () => ({}),
    success: async (t) => {
      const { agent, sessionId } = await newBreakGlass(t);
      return { agent, url: `/api/v1/break-glass/${sessionId}/end`, body: {} };
    },
  },
  'POST /api/v1/break-glass/:id/review': {
    body: () => ({ outcome: 'justified', note: 'Klientin war vor Ort.' }),
    headers: { 'if-match': '1' },
    success: async (t) => {
      const { sessionId } = await newBreakGlass(t);
      return { agent: await t.as('lead'), url: `/api/v1/break-glass/${sessionId}/review`, body: { outcome: 'justified' }, headers: { 'if-match': '1' } };
    },
  },

  // ── consents and referrals ───────────────────────────────────────────────────────────────────────────────────
  'POST /api/v1/people/:id/consents': {
    body: (t) => consentBody(t),
    success: async (t) => ({ agent: await cmAgent(t), url: `/api/v1/people/${(await newPerson(t)).id}/consents`, body: consentBody(t), status: 201 }),
  },
  'POST /api/v1/consents/:id/withdraw': {
    body: () => ({}),
    headers: { 'if-match': '1' },
    success: async (t) => {
      const cm = await cmAgent(t);
      const consent = await created<{ id: string; version: number }>(await cm.post(`/api/v1/people/${(await newPerson(t)).id}/consents`, consentBody(t)), 'consent');
      return { agent: cm, url: `/api/v1/consents/${consent.id}/withdraw`, body: {}, headers: { 'if-match': String(consent.version) } };
    },
  },
  'POST /api/v1/cases/:id/referrals': {
    body: (t) => ({ recipientOrganisationId: t.tree.orgs.jobcenter!.id, offerName: 'Arbeitsvermittlung', lifeDomain: 'work', message: 'Bitte um einen Termin' }),
    success: async (t) => {
      const { person, case: c } = await newCase(t);
      const cm = await cmAgent(t);
      await created(await cm.post(`/api/v1/people/${person.id}/consents`, consentBody(t)), 'consent');
      return { agent: cm, url: `/api/v1/cases/${c.id}/referrals`, body: { recipientOrganisationId: t.tree.orgs.jobcenter!.id, message: 'Bitte um einen Termin' }, status: 201 };
    },
  },
  'POST /api/v1/referrals/:id/status': {
    body: () => ({ status: 'cancelled' }),
    headers: { 'if-match': '1' },
    success: async (t) => {
      const { referral } = await newReferral(t);
      return { agent: await cmAgent(t), url: `/api/v1/referrals/${referral.id}/status`, body: { status: 'cancelled' }, headers: { 'if-match': String(referral.version) } };
    },
  },
  'POST /api/v1/partner/referrals/:id/status': {
    body: () => ({ status: 'accepted', feedbackNote: 'Termin vereinbart' }),
    headers: { 'if-match': '1' },
    success: async (t) => {
      const { referral } = await newReferral(t);
      return {
        agent: await t.as('partner'),
        url: `/api/v1/partner/referrals/${referral.id}/status`,
        body: { status: 'accepted', feedbackNote: 'Termin vereinbart' },
        headers: { 'if-match': String(referral.version) },
      };
    },
  },
};
