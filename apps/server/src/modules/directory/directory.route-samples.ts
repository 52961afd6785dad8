// Samples of the directory's mutating routes for the route-walking tests (apps/server/test/route-samples.ts spreads
// them into ROUTE_SAMPLES). Type-only imports: nothing of the test harness is loaded at run time.
import type { RouteSample } from '../../../test/route-samples.js';
import type { Agent, TestApp } from '../../../test/harness.js';

let counter = 0;
const uniqueName = (prefix: string) => `${prefix} ${++counter}-${Math.random().toString(36).slice(2, 7)}`;

const troisdorf = (t: TestApp) => t.tree.kommunen.find((k) => k.ags === '05382068')!;

export function sampleOfferBody(t: TestApp) {
  return {
    organisationId: troisdorf(t).id,
    title: 'Sprachcafé am Nachmittag',
    description: 'Deutsch üben in entspannter Runde.',
    handlungsfelder: ['sprache'],
    languages: ['de'],
    locations: [{ ags: troisdorf(t).ags }],
  };
}

async function createOffer(t: TestApp, agent?: Agent): Promise<{ id: string; version: number }> {
  const a = agent ?? (await t.as('coordinator'));
  const res = await a.post('/api/v1/directory/offers', { ...sampleOfferBody(t), title: uniqueName('Sprachcafé') });
  if (res.statusCode !== 201) throw new Error(`offer create failed: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; version: number };
}

async function createContact(t: TestApp, agent: Agent) {
  const res = await agent.post(`/api/v1/directory/akteure/${troisdorf(t).id}/contacts`, { name: uniqueName('Kontakt'), role: 'ansprechperson' });
  if (res.statusCode !== 201) throw new Error(`contact create failed: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; version: number };
}

export const DIRECTORY_ROUTE_SAMPLES: Record<string, RouteSample> = {
  'POST /api/v1/directory/offers': {
    body: (t) => sampleOfferBody(t),
    success: async (t) => ({ agent: await t.as('municipality'), url: '/api/v1/directory/offers', body: sampleOfferBody(t), status: 201 }),
  },
  'PATCH /api/v1/directory/offers/:id': {
    body: () => ({ title: 'Sprachcafé am Abend' }),
    headers: { 'if-match': '1' },
    success: async (t) => {
      const agent = await t.as('municipality');
      const offer = await createOffer(t, agent);
      return { agent, url: `/api/v1/directory/offers/${offer.id}`, body: { title: 'Sprachcafé am Abend' }, headers: { 'if-match': String(offer.version) } };
    },
  },
  'POST /api/v1/directory/offers/:id/publish': {
    body: () => ({}),
    headers: { 'if-match': '1' },
    success: async (t) => {
      const offer = await createOffer(t, await t.as('municipality'));
      return { agent: await t.as('coordinator'), url: `/api/v1/directory/offers/${offer.id}/publish`, body: {}, headers: { 'if-match': String(offer.version) } };
    },
  },
  'POST /api/v1/directory/offers/:id/archive': {
    body: () => ({}),
    headers: { 'if-match': '1' },
    success: async (t) => {
      const agent = await t.as('municipality');
      const offer = await createOffer(t, agent);
      return { agent, url: `/api/v1/directory/offers/${offer.id}/archive`, body: {}, headers: { 'if-match': String(offer.version) } };
    },
  },
  'POST /api/v1/directory/offers/:id/review': {
    body: () => ({}),
    headers: { 'if-match': '1' },
    success: async (t) => {
      const agent = await t.as('municipality');
      const offer = await createOffer(t, agent);
      return { agent, url: `/api/v1/directory/offers/${offer.id}/review`, body: {}, headers: { 'if-match': String(offer.version) } };
    },
  },
  'POST /api/v1/directory/offers/:id/request-publication': {
    body: () => ({}),
    success: async (t) => {
      const agent = await t.as('municipality');
      const offer = await createOffer(t, agent);
      return { agent, url: `/api/v1/directory/offers/${offer.id}/request-publication`, body: {} };
    },
  },
  'PUT /api/v1/directory/settings': {
    body: () => ({ fourEyes: false }),
    headers: { 'if-match': '0' },
    success: async (t) => {
      const agent = await t.as('admin');
      const current = (await (await t.as('coordinator')).get('/api/v1/directory/settings')).json() as { version: number };
      return { agent, url: '/api/v1/directory/settings', body: { fourEyes: false }, headers: { 'if-match': String(current.version) } };
    },
  },
  'POST /api/v1/directory/akteure': {
    body: (t) => ({ parentId: troisdorf(t).id, kind: 'verein', name: 'Beispielverein e. V.' }),
    success: async (t) => ({
      agent: await t.as('municipality'),
      url: '/api/v1/directory/akteure',
      body: { parentId: troisdorf(t).id, kind: 'verein', name: uniqueName('Verein') },
      status: 201,
    }),
  },
  'PUT /api/v1/directory/akteure/:id/profile': {
    body: () => ({ description: 'Integrationsarbeit vor Ort' }),
    headers: { 'if-match': '0' },
    success: async (t) => {
      const agent = await t.as('municipality');
      const current = (await agent.get(`/api/v1/directory/akteure/${troisdorf(t).id}`)).json() as { profile: { version: number } };
      return {
        agent,
        url: `/api/v1/directory/akteure/${troisdorf(t).id}/profile`,
        body: { description: 'Integrationsarbeit vor Ort' },
        headers: { 'if-match': String(current.profile.version) },
      };
    },
  },
  'POST /api/v1/directory/akteure/:id/contacts': {
    body: () => ({ name: 'Maria Beispiel', role: 'integrationsbeauftragte' }),
    success: async (t) => ({
      agent: await t.as('municipality'),
      url: `/api/v1/directory/akteure/${troisdorf(t).id}/contacts`,
      body: { name: 'Maria Beispiel', role: 'integrationsbeauftragte' },
      status: 201,
    }),
  },
  'PATCH /api/v1/directory/contacts/:id': {
    body: () => ({ isPublic: true }),
    headers: { 'if-match': '1' },
    success: async (t) => {
      const agent = await t.as('municipality');
      const contact = await createContact(t, agent);
      return { agent, url: `/api/v1/directory/contacts/${contact.id}`, body: { isPublic: true }, headers: { 'if-match': String(contact.version) } };
    },
  },
  'DELETE /api/v1/directory/contacts/:id': {
    body: () => ({}),
    headers: { 'if-match': '1' },
    success: async (t) => {
      const agent = await t.as('municipality');
      const contact = await createContact(t, agent);
      return { agent, url: `/api/v1/directory/contacts/${contact.id}`, body: {}, headers: { 'if-match': String(contact.version) } };
    },
  },
};
