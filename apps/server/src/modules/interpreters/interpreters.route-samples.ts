// Samples of the interpreter pool's routes for the route-walking tests (apps/server/test/route-samples.ts spreads them
// into ROUTE_SAMPLES). Type-only imports of the harness: nothing of it is loaded at run time.
import { randomBytes } from 'node:crypto';
import type { RouteSample } from '../../../test/route-samples.js';
import type { Agent, TestApp } from '../../../test/harness.js';
import { makeUser } from '../../seed/factories.js';
import { SAMPLE_PDF } from '../documents/sample-files.js';
import { futureWeekdayAt, makeAssignment, makeInterpreter, makeOffer, makeRequest, TROISDORF_AGS } from './interpreters.factories.js';
import * as repo from './interpreters.repository.js';
import { hashToken } from './interpreters.service.js';

let counter = 0;

/** A signed-in interpreter of its own, linked to a fresh interpreter record. */
async function ownInterpreter(t: TestApp): Promise<{ agent: Agent; interpreterId: string }> {
  counter += 1;
  const suffix = `${counter}-${randomBytes(3).toString('hex')}`;
  const user = await makeUser(t.database.db, {
    email: `sprachmittlung-${suffix}@test.example`,
    displayName: `Sprachmittler:in ${suffix}`,
    memberships: [{ organisationId: t.tree.orgs.sprachmittlerpool!.id, role: 'interpreter' }],
  });
  const interpreter = await makeInterpreter(t.database.db, { firstName: 'Probe', lastName: `Person ${suffix}`, userId: user.id });
  const agent = await t.asUser({ id: user.id, email: user.email, role: 'interpreter', organisationId: t.tree.orgs.sprachmittlerpool!.id });
  return { agent, interpreterId: interpreter.id };
}

/** A request 5+ working days ahead on a weekday at 10:00 (Troisdorf, Arabic) — offerable to any Arabic interpreter. */
async function futureRequest(t: TestApp, extra = 3) {
  return makeRequest(t.database.db, { startsAt: futureWeekdayAt(extra + (counter++ % 5)).startsAt });
}

const pastRequest = (t: TestApp) => makeRequest(t.database.db, { startsAt: new Date(Date.now() - 3 * 3_600_000) });

export function samplePublicRequestBody(over: Record<string, unknown> = {}) {
  return {
    institutionName: 'Grundschule Probe',
    institutionKind: 'schule',
    institutionAgs: TROISDORF_AGS,
    contactName: 'Frau Probe',
    contactEmail: 'probe@schule.example',
    contactPhone: '02241 000000',
    languageCode: 'ar',
    date: futureWeekdayAt(3).date,
    time: '10:00',
    durationMinutes: 60,
    mode: 'in_person',
    street: 'Schulweg 1',
    ags: TROISDORF_AGS,
    topic: 'elterngespraech_schule',
    genderPreference: 'none',
    noLegalConsequences: true,
    privacyAccepted: true,
    ...over,
  };
}

function staffRequestBody() {
  const { institutionName: _n, institutionKind: _k, institutionAgs: _a, ...rest } = samplePublicRequestBody();
  return rest;
}

/** A public request with a status token the test knows. */
async function requestWithToken(t: TestApp, startsAt: Date, assignedTo?: string) {
  const token = randomBytes(32).toString('base64url');
  const request = await makeRequest(t.database.db, { startsAt, statusTokenHash: hashToken(token) });
  if (assignedTo) await makeAssignment(t.database.db, request, assignedTo);
  return { token, request };
}

export const INTERPRETERS_ROUTE_SAMPLES: Record<string, RouteSample> = {
  // ── public ─────────────────────────────────────────────────────────────────────────────────────────────────
  'POST /api/v1/public/interpreter-requests': {
    body: () => samplePublicRequestBody(),
    success: async () => ({ url: '/api/v1/public/interpreter-requests', body: samplePublicRequestBody(), status: 201 }),
  },
  'POST /api/v1/public/interpreter-requests/:token/cancel': {
    body: () => ({ reason: 'Termin fällt aus' }),
    success: async (t) => {
      const { token } = await requestWithToken(t, futureWeekdayAt(4).startsAt);
      return { url: `/api/v1/public/interpreter-requests/${token}/cancel`, body: { reason: 'Termin fällt aus' } };
    },
  },
  'POST /api/v1/public/interpreter-requests/:token/feedback': {
    body: () => ({ tookPlace: true, rating: 5 }),
    success: async (t) => {
      const interpreter = await makeInterpreter(t.database.db, { lastName: `Feedback ${++counter}` });
      const { token } = await requestWithToken(t, new Date(Date.now() - 3_600_000), interpreter.id);
      return { url: `/api/v1/public/interpreter-requests/${token}/feedback`, body: { tookPlace: true, rating: 5 } };
    },
  },

  // ── the interpreter's own area ─────────────────────────────────────────────────────────────────────────────
  'PATCH /api/v1/interpreters/me': {
    body: () => ({ absences: [{ from: '2030-07-01', to: '2030-07-14', note: 'Urlaub' }] }),
    headers: { 'if-match': '1' },
    success: async (t) => ({
      agent: (await ownInterpreter(t)).agent,
      url: '/api/v1/interpreters/me',
      body: { absences: [{ from: '2030-07-01', to: '2030-07-14', note: 'Urlaub' }] },
      headers: { 'if-match': '1' },
    }),
  },
  'POST /api/v1/interpreters/me/offers/:id/accept': {
    body: () => ({}),
    success: async (t) => {
      const { agent, interpreterId } = await ownInterpreter(t);
      const offer = await makeOffer(t.database.db, (await futureRequest(t)).id, interpreterId, t.users.interpreter_coordinator.id);
      return { agent, url: `/api/v1/interpreters/me/offers/${offer.id}/accept`, body: {} };
    },
  },
  'POST /api/v1/interpreters/me/offers/:id/decline': {
    body: () => ({ reason: 'Keine Zeit' }),
    success: async (t) => {
      const { agent, interpreterId } = await ownInterpreter(t);
      const offer = await makeOffer(t.database.db, (await futureRequest(t)).id, interpreterId, t.users.interpreter_coordinator.id);
      return { agent, url: `/api/v1/interpreters/me/offers/${offer.id}/decline`, body: { reason: 'Keine Zeit' } };
    },
  },
  'POST /api/v1/interpreters/me/assignments/:id/complete': {
    body: () => ({ actualMinutes: 60, travelKm: 5, travelMinutes: 15 }),
    success: async (t) => {
      const { agent, interpreterId } = await ownInterpreter(t);
      const assignment = await makeAssignment(t.database.db, await pastRequest(t), interpreterId);
      return { agent, url: `/api/v1/interpreters/me/assignments/${assignment.id}/complete`, body: { actualMinutes: 60, travelKm: 5, travelMinutes: 15 } };
    },
  },
  'POST /api/v1/interpreters/me/assignments/:id/cancel': {
    body: () => ({ reason: 'Krankheit' }),
    success: async (t) => {
      const { agent, interpreterId } = await ownInterpreter(t);
      const assignment = await makeAssignment(t.database.db, await futureRequest(t), interpreterId);
      return { agent, url: `/api/v1/interpreters/me/assignments/${assignment.id}/cancel`, body: { reason: 'Krankheit' } };
    },
  },
  'POST /api/v1/interpreters/me/calendar-token': {
    body: () => ({}),
    success: async (t) => ({ agent: (await ownInterpreter(t)).agent, url: '/api/v1/interpreters/me/calendar-token', body: {} }),
  },
  'POST /api/v1/interpreters/me/calendar-token/revoke': {
    body: () => ({}),
    success: async (t) => ({ agent: (await ownInterpreter(t)).agent, url: '/api/v1/interpreters/me/calendar-token/revoke', body: {} }),
  },

  // ── the pool ───────────────────────────────────────────────────────────────────────────────────────────────
  'POST /api/v1/interpreters': {
    body: () => ({ firstName: 'Neu', lastName: 'Person', homeAgs: TROISDORF_AGS, gender: 'female', languages: [{ code: 'uk', level: 'native' }] }),
    success: async (t) => ({
      agent: await t.as('interpreter_coordinator'),
      url: '/api/v1/interpreters',
      body: { firstName: 'Neu', lastName: `Person ${++counter}`, homeAgs: TROISDORF_AGS, gender: 'female', languages: [{ code: 'uk', level: 'native' }], iban: 'DE89370400440532013000' },
      status: 201,
    }),
  },
  'PATCH /api/v1/interpreters/:id': {
    body: () => ({ maxTravelKm: 30 }),
    headers: { 'if-match': '1' },
    success: async (t) => ({
      agent: await t.as('interpreter_coordinator'),
      url: `/api/v1/interpreters/${(await makeInterpreter(t.database.db, { lastName: `Patch ${++counter}` })).id}`,
      body: { maxTravelKm: 30 },
      headers: { 'if-match': '1' },
    }),
  },
  'POST /api/v1/interpreters/:id/exclusions': {
    body: () => ({ institutionId: '00000000-0000-4000-8000-000000000001', reason: 'Arbeitet dort in Teilzeit' }),
    success: async (t) => {
      const interpreter = await makeInterpreter(t.database.db, { lastName: `Ausschluss ${++counter}` });
      const request = await futureRequest(t);
      return {
        agent: await t.as('interpreter_coordinator'),
        url: `/api/v1/interpreters/${interpreter.id}/exclusions`,
        body: { institutionId: request.institutionId, reason: 'Arbeitet dort in Teilzeit' },
        status: 201,
      };
    },
  },
  'DELETE /api/v1/interpreters/:id/exclusions/:exclusionId': {
    body: () => ({}),
    success: async (t) => {
      const interpreter = await makeInterpreter(t.database.db, { lastName: `Ausschluss ${++counter}` });
      const request = await futureRequest(t);
      const exclusion = await repo.insertExclusion(t.database.db, { interpreterId: interpreter.id, institutionId: request.institutionId, caseId: null, note: 'Befangen' });
      return { agent: await t.as('interpreter_coordinator'), url: `/api/v1/interpreters/${interpreter.id}/exclusions/${exclusion.id}`, body: {} };
    },
  },
  'POST /api/v1/interpreters/:id/documents': {
    body: () => SAMPLE_PDF,
    query: 'filename=verschwiegenheit.pdf',
    headers: { 'content-type': 'application/octet-stream' },
    rawBody: true,
    success: async (t) => ({
      agent: await t.as('interpreter_coordinator'),
      url: `/api/v1/interpreters/${(await makeInterpreter(t.database.db, { lastName: `Dokument ${++counter}` })).id}/documents?filename=verschwiegenheit.pdf`,
      body: SAMPLE_PDF,
      headers: { 'content-type': 'application/octet-stream' },
      status: 201,
    }),
  },
  'DELETE /api/v1/interpreters/:id/documents/:documentId': {
    body: () => ({}),
    success: async (t) => {
      const agent = await t.as('interpreter_coordinator');
      const interpreter = await makeInterpreter(t.database.db, { lastName: `Dokument ${++counter}` });
      const res = await agent.post(`/api/v1/interpreters/${interpreter.id}/documents?filename=verschwiegenheit.pdf`, SAMPLE_PDF, { 'content-type': 'application/octet-stream' });
      if (res.statusCode !== 201) throw new Error(`upload failed: ${res.statusCode} ${res.body}`);
      return { agent, url: `/api/v1/interpreters/${interpreter.id}/documents/${(res.json() as { id: string }).id}`, body: {} };
    },
  },
  'POST /api/v1/interpreters/:id/calendar-token': {
    body: () => ({}),
    success: async (t) => ({
      agent: await t.as('interpreter_coordinator'),
      url: `/api/v1/interpreters/${(await makeInterpreter(t.database.db, { lastName: `Feed ${++counter}` })).id}/calendar-token`,
      body: {},
    }),
  },
  'POST /api/v1/interpreters/:id/calendar-token/revoke': {
    body: () => ({}),
    success: async (t) => ({
      agent: await t.as('interpreter_coordinator'),
      url: `/api/v1/interpreters/${(await makeInterpreter(t.database.db, { lastName: `Revoke ${++counter}` })).id}/calendar-token/revoke`,
      body: {},
    }),
  },
  'PUT /api/v1/interpreter-settings': {
    body: () => ({
      leadTimeWorkdays: 5,
      closedDays: ['12-24', '12-31'],
      travelBufferMinutes: 30,
      lateCancellationHours: 24,
      tariff: { mode: 'per_assignment', basicCents: 2500, advancedCents: 4000, halfHourBasicCents: 750, halfHourAdvancedCents: 1000, travelPerKmCents: 30, travelPerMinuteCents: 0 },
      volunteerCapCents: 84000,
      capWarningPercent: 80,
      annualBudgetCents: 5000000,
    }),
    headers: { 'if-match': '0' },
    success: async (t) => {
      const agent = await t.as('interpreter_coordinator');
      const { version, ...value } = (await agent.get('/api/v1/interpreter-settings')).json() as Record<string, unknown> & { version: number };
      return { agent, url: '/api/v1/interpreter-settings', body: value, headers: { 'if-match': String(version) } };
    },
  },

  // ── requests ───────────────────────────────────────────────────────────────────────────────────────────────
  'POST /api/v1/interpreter-requests': {
    body: () => staffRequestBody(),
    success: async (t) => ({ agent: await t.as('partner'), url: '/api/v1/interpreter-requests', body: staffRequestBody(), status: 201 }),
  },
  'POST /api/v1/interpreter-requests/:id/cancel': {
    body: () => ({ reason: 'Termin entfällt' }),
    success: async (t) => ({ agent: await t.as('interpreter_coordinator'), url: `/api/v1/interpreter-requests/${(await futureRequest(t)).id}/cancel`, body: { reason: 'Termin entfällt' } }),
  },
  'POST /api/v1/interpreter-requests/:id/offers': {
    body: () => ({ interpreterIds: ['00000000-0000-4000-8000-000000000000'] }),
    success: async (t) => {
      const interpreter = await makeInterpreter(t.database.db, { lastName: `Angebot ${++counter}` });
      return { agent: await t.as('interpreter_coordinator'), url: `/api/v1/interpreter-requests/${(await futureRequest(t)).id}/offers`, body: { interpreterIds: [interpreter.id] } };
    },
  },
  'POST /api/v1/interpreter-requests/:id/unfilled': {
    body: () => ({ reason: 'Niemand verfügbar' }),
    success: async (t) => ({ agent: await t.as('interpreter_coordinator'), url: `/api/v1/interpreter-requests/${(await futureRequest(t)).id}/unfilled`, body: { reason: 'Niemand verfügbar' } }),
  },
  'POST /api/v1/interpreter-assignments/:id/complete': {
    body: () => ({ actualMinutes: 45 }),
    headers: { 'if-match': '1' },
    success: async (t) => {
      const interpreter = await makeInterpreter(t.database.db, { lastName: `Abschluss ${++counter}` });
      const assignment = await makeAssignment(t.database.db, await pastRequest(t), interpreter.id);
      return { agent: await t.as('interpreter_coordinator'), url: `/api/v1/interpreter-assignments/${assignment.id}/complete`, body: { actualMinutes: 45 }, headers: { 'if-match': '1' } };
    },
  },
  'POST /api/v1/interpreter-assignments/:id/cancel': {
    body: () => ({ reason: 'Umbesetzung' }),
    success: async (t) => {
      const interpreter = await makeInterpreter(t.database.db, { lastName: `Umbesetzung ${++counter}` });
      const assignment = await makeAssignment(t.database.db, await futureRequest(t), interpreter.id);
      return { agent: await t.as('interpreter_coordinator'), url: `/api/v1/interpreter-assignments/${assignment.id}/cancel`, body: { reason: 'Umbesetzung' } };
    },
  },

  // ── GETs that need query parameters ────────────────────────────────────────────────────────────────────────
  'GET /api/v1/interpreter-payouts': { query: 'month=2026-01' },
  'GET /api/v1/interpreter-payouts/export': { query: 'month=2026-01&format=csv' },
  'GET /api/v1/interpreter-payouts/budget': { query: 'year=2026' },
  'GET /api/v1/interpreter-payouts/statements/:id': { query: 'month=2026-01' },
  'GET /api/v1/interpreter-statistics': { query: 'year=2026' },
  'GET /api/v1/interpreter-statistics/export': { query: 'year=2026' },
};

/** The unauthenticated write surface of the pool (reviewed: rate-limited, honeypot, idempotency key, audited). */
export const INTERPRETERS_PUBLIC_API_ROUTES = [
  'POST /api/v1/public/interpreter-requests',
  'POST /api/v1/public/interpreter-requests/:token/cancel',
  'POST /api/v1/public/interpreter-requests/:token/feedback',
] as const;
