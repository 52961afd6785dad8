// Samples of the document, merge, erasure and retention routes for the route-walking tests
// (apps/server/test/route-samples.ts spreads them into ROUTE_SAMPLES). Type-only imports of the test harness.
import type { RouteSample } from '../../../test/route-samples.js';
import type { TestApp } from '../../../test/harness.js';
import { SAMPLE_PDF } from '../documents/sample-files.js';

let counter = 0;
const octet = { 'content-type': 'application/octet-stream' };

async function created<T>(res: { statusCode: number; body: string; json(): unknown }, what: string): Promise<T> {
  if (res.statusCode >= 300) throw new Error(`${what} failed: ${res.statusCode} ${res.body}`);
  return res.json() as T;
}

async function newPerson(t: TestApp) {
  counter += 1;
  return created<{ id: string }>(await (await t.as('case_manager')).post('/api/v1/people', { givenNames: `Doppel ${counter}`, familyName: 'Beispiel' }), 'person');
}

async function newCase(t: TestApp) {
  const person = await newPerson(t);
  return created<{ id: string }>(await (await t.as('case_manager')).post('/api/v1/cases', { personId: person.id, referringBody: 'self' }), 'case');
}

async function pendingMerge(t: TestApp) {
  const [a, b] = [await newPerson(t), await newPerson(t)];
  return created<{ id: string; version: number }>(
    await (await t.as('case_manager')).post(`/api/v1/people/${a.id}/merges`, { duplicatePersonId: b.id, reason: 'Doppelt angelegt' }),
    'merge request',
  );
}

async function upload(t: TestApp, base: string) {
  return created<{ id: string }>(await (await t.as('case_manager')).post(`${base}/documents?filename=a.pdf`, SAMPLE_PDF, octet), 'upload');
}

export const LIFECYCLE_ROUTE_SAMPLES: Record<string, RouteSample> = {
  // ── documents ──
  'POST /api/v1/people/:id/documents': {
    body: () => SAMPLE_PDF,
    query: 'filename=a.pdf',
    headers: octet,
    rawBody: true,
    success: async (t) => ({ agent: await t.as('case_manager'), url: `/api/v1/people/${(await newPerson(t)).id}/documents?filename=a.pdf`, body: SAMPLE_PDF, headers: octet, status: 201 }),
  },
  'DELETE /api/v1/people/:id/documents/:documentId': {
    body: () => ({}),
    success: async (t) => {
      const p = await newPerson(t);
      const d = await upload(t, `/api/v1/people/${p.id}`);
      return { agent: await t.as('case_manager'), url: `/api/v1/people/${p.id}/documents/${d.id}`, body: {} };
    },
  },
  'POST /api/v1/cases/:id/documents': {
    body: () => SAMPLE_PDF,
    query: 'filename=a.pdf',
    headers: octet,
    rawBody: true,
    success: async (t) => ({ agent: await t.as('case_manager'), url: `/api/v1/cases/${(await newCase(t)).id}/documents?filename=a.pdf`, body: SAMPLE_PDF, headers: octet, status: 201 }),
  },
  'DELETE /api/v1/cases/:id/documents/:documentId': {
    body: () => ({}),
    success: async (t) => {
      const c = await newCase(t);
      const d = await upload(t, `/api/v1/cases/${c.id}`);
      return { agent: await t.as('case_manager'), url: `/api/v1/cases/${c.id}/documents/${d.id}`, body: {} };
    },
  },
  // ── merge ──
  'POST /api/v1/people/:id/merges': {
    body: (t) => ({ duplicatePersonId: t.tree.kreis.id, reason: 'Doppelt angelegt' }),
    success: async (t) => ({
      agent: await t.as('case_manager'),
      url: `/api/v1/people/${(await newPerson(t)).id}/merges`,
      body: { duplicatePersonId: (await newPerson(t)).id, reason: 'Doppelt angelegt' },
      status: 201,
    }),
  },
  'POST /api/v1/person-merges/:id/decision': {
    body: () => ({ decision: 'reject' }),
    headers: { 'if-match': '1' },
    success: async (t) => {
      const m = await pendingMerge(t);
      return { agent: await t.as('lead'), url: `/api/v1/person-merges/${m.id}/decision`, body: { decision: 'approve' }, headers: { 'if-match': String(m.version) } };
    },
  },
  'POST /api/v1/person-merges/:id/undo': {
    body: () => ({}),
    headers: { 'if-match': '2' },
    success: async (t) => {
      const m = await pendingMerge(t);
      const lead = await t.as('lead');
      const approved = await created<{ version: number }>(
        await lead.post(`/api/v1/person-merges/${m.id}/decision`, { decision: 'approve' }, { 'if-match': String(m.version) }),
        'merge approve',
      );
      return { agent: lead, url: `/api/v1/person-merges/${m.id}/undo`, body: {}, headers: { 'if-match': String(approved.version) } };
    },
  },
  // ── erasure, legal hold, retention ──
  'POST /api/v1/people/:id/erasure-requests': {
    body: () => ({ reason: 'Antrag der Person' }),
    success: async (t) => ({ agent: await t.as('case_manager'), url: `/api/v1/people/${(await newPerson(t)).id}/erasure-requests`, body: { reason: 'Antrag der Person' }, status: 201 }),
  },
  'POST /api/v1/erasure-requests/:id/decision': {
    body: () => ({ decision: 'reject' }),
    headers: { 'if-match': '1' },
    success: async (t) => {
      const p = await newPerson(t);
      const e = await created<{ id: string; version: number }>(
        await (await t.as('case_manager')).post(`/api/v1/people/${p.id}/erasure-requests`, { reason: 'Antrag der Person' }),
        'erasure request',
      );
      return { agent: await t.as('lead'), url: `/api/v1/erasure-requests/${e.id}/decision`, body: { decision: 'approve' }, headers: { 'if-match': String(e.version) } };
    },
  },
  'PUT /api/v1/people/:id/legal-hold': {
    body: () => ({ reason: 'Gerichtsverfahren' }),
    success: async (t) => ({ agent: await t.as('lead'), url: `/api/v1/people/${(await newPerson(t)).id}/legal-hold`, body: { reason: 'Gerichtsverfahren' } }),
  },
  'DELETE /api/v1/people/:id/legal-hold': {
    body: () => ({}),
    success: async (t) => {
      const p = await newPerson(t);
      const lead = await t.as('lead');
      await created(await lead.put(`/api/v1/people/${p.id}/legal-hold`, { reason: 'Gerichtsverfahren' }), 'legal hold');
      return { agent: lead, url: `/api/v1/people/${p.id}/legal-hold`, body: {} };
    },
  },
  'PUT /api/v1/retention-rules/:recordClass': {
    body: () => ({ anonymiseAfterMonths: 36, minRetentionMonths: 0 }),
    headers: { 'if-match': '0' },
    success: async (t) => {
      const admin = await t.as('admin');
      const rules = await created<{ version: number }[]>(await admin.get('/api/v1/retention-rules'), 'rules');
      return { agent: admin, url: '/api/v1/retention-rules/person', body: { anonymiseAfterMonths: 36, minRetentionMonths: 0 }, headers: { 'if-match': String(rules[0]!.version) } };
    },
  },
  'DELETE /api/v1/people/:id/relations/:relationId': {
    body: () => ({}),
    success: async (t) => {
      const [a, b] = [await newPerson(t), await newPerson(t)];
      const cm = await t.as('case_manager');
      const person = await created<{ relations: { id: string }[] }>(await cm.post(`/api/v1/people/${a.id}/relations`, { relatedPersonId: b.id, kind: 'household' }), 'relation');
      return { agent: cm, url: `/api/v1/people/${a.id}/relations/${person.relations[0]!.id}`, body: {} };
    },
  },
};
