// Samples of the survey routes for the route-walking tests (spread into apps/server/test/route-samples.ts).
// Type-only imports: nothing of the test harness is loaded at run time.
import type { RouteSample } from '../../../test/route-samples.js';
import type { TestApp } from '../../../test/harness.js';

const sampleSurvey = () => ({ title: 'Abfrage Ehrenamt', questions: [{ id: 'anzahl', type: 'number', label: 'Wie viele Ehrenamtliche gibt es?' }] });

async function draftSurvey(t: TestApp) {
  const res = await (await t.as('coordinator')).post('/api/v1/surveys', sampleSurvey());
  if (res.statusCode !== 201) throw new Error(`survey create failed: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; version: number };
}

async function openSurvey(t: TestApp) {
  const survey = await draftSurvey(t);
  const res = await (await t.as('coordinator')).post(`/api/v1/surveys/${survey.id}/send`, { deadline: '2099-12-31' }, { 'if-match': String(survey.version) });
  if (res.statusCode !== 200) throw new Error(`survey send failed: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; version: number };
}

export const SURVEY_ROUTE_SAMPLES: Record<string, RouteSample> = {
  'POST /api/v1/surveys': {
    body: () => sampleSurvey(),
    success: async (t) => ({ agent: await t.as('coordinator'), url: '/api/v1/surveys', body: sampleSurvey(), status: 201 }),
  },
  'POST /api/v1/surveys/from-template': {
    body: () => ({ template: 'integrationsarbeit' }),
    success: async (t) => ({ agent: await t.as('coordinator'), url: '/api/v1/surveys/from-template', body: { template: 'integrationsarbeit' }, status: 201 }),
  },
  'PATCH /api/v1/surveys/:id': {
    body: () => ({ title: 'Abfrage Ehrenamt 2026' }),
    headers: { 'if-match': '1' },
    success: async (t) => {
      const s = await draftSurvey(t);
      return { agent: await t.as('coordinator'), url: `/api/v1/surveys/${s.id}`, body: { title: 'Abfrage Ehrenamt 2026' }, headers: { 'if-match': String(s.version) } };
    },
  },
  'POST /api/v1/surveys/:id/send': {
    body: () => ({ deadline: '2099-12-31' }),
    headers: { 'if-match': '1' },
    success: async (t) => {
      const s = await draftSurvey(t);
      return { agent: await t.as('coordinator'), url: `/api/v1/surveys/${s.id}/send`, body: { deadline: '2099-12-31' }, headers: { 'if-match': String(s.version) } };
    },
  },
  'POST /api/v1/surveys/:id/remind': {
    body: () => ({}),
    success: async (t) => {
      const s = await openSurvey(t);
      return { agent: await t.as('coordinator'), url: `/api/v1/surveys/${s.id}/remind`, body: {} };
    },
  },
  'POST /api/v1/surveys/:id/close': {
    body: () => ({}),
    headers: { 'if-match': '1' },
    success: async (t) => {
      const s = await openSurvey(t);
      return { agent: await t.as('coordinator'), url: `/api/v1/surveys/${s.id}/close`, body: {}, headers: { 'if-match': String(s.version) } };
    },
  },
  'PUT /api/v1/surveys/:id/responses/:organisationId': {
    body: () => ({ answers: {}, submit: false }),
    headers: { 'if-match': '1' },
    success: async (t) => {
      const s = await openSurvey(t);
      const agent = await t.as('municipality');
      const organisationId = t.users.municipality.organisationId;
      const current = (await agent.get(`/api/v1/surveys/${s.id}/responses/${organisationId}`)).json() as { version: number };
      return {
        agent,
        url: `/api/v1/surveys/${s.id}/responses/${organisationId}`,
        body: { answers: {}, submit: false },
        headers: { 'if-match': String(current.version) },
      };
    },
  },
};
