// Samples of the funding and staffing routes for the route-walking tests (apps/server/test/route-samples.ts spreads
// them into ROUTE_SAMPLES). Type-only imports: nothing of the test harness is loaded at run time.
import type { RouteSample } from '../../../test/route-samples.js';
import type { Agent, TestApp } from '../../../test/harness.js';
import { SAMPLE_PDF } from '../documents/sample-files.js';

let counter = 0;
const next = () => `${++counter}${Math.random().toString(36).slice(2, 6)}`;
const SOME_ID = '00000000-0000-4000-8000-000000000001';
const ifMatch = (v: number | string) => ({ 'if-match': String(v) });
const octet = { 'content-type': 'application/octet-stream' };

async function ok<T>(res: { statusCode: number; body: string; json(): unknown }, what: string): Promise<T> {
  if (res.statusCode >= 300) throw new Error(`${what} failed: ${res.statusCode} ${res.body}`);
  return res.json() as T;
}

const programmeCache = new WeakMap<TestApp, Map<string, string>>();
async function programmeId(t: TestApp, code: string): Promise<string> {
  let map = programmeCache.get(t);
  if (!map) {
    const list = await ok<{ id: string; code: string }[]>(await (await t.as('finance')).get('/api/v1/funding/programmes'), 'programmes');
    map = new Map(list.map((p) => [p.code, p.id]));
    programmeCache.set(t, map);
  }
  return map.get(code)!;
}

export function sampleGrantBody(t: TestApp, programme = SOME_ID) {
  return {
    programmeId: programme,
    organisationId: t.tree.ki.id,
    title: 'KIM 2021/2022',
    fileNumber: '36.09-TEST',
    decisionDate: '2021-01-28',
    approvalStart: '2021-01-01',
    approvalEnd: '2022-12-31',
    financingType: 'fixed',
    reportDueDate: '2023-06-30',
    calloffDates: ['2021-03-15'],
    positions: [
      { budgetYear: 2021, category: 'personnel', amountCents: 90_600_000 },
      { budgetYear: 2021, category: 'material', amountCents: 9_120_000 },
      { budgetYear: 2021, category: 'pass_through', amountCents: 5_000_000 },
      { budgetYear: 2022, category: 'personnel', amountCents: 90_600_000 },
    ],
  };
}

type GrantRef = { id: string; version: number };

async function draftGrant(t: TestApp, code = 'KIM'): Promise<GrantRef> {
  return ok(
    await (
      await t.as('finance')
    ).post('/api/v1/funding/grants', { ...sampleGrantBody(t, await programmeId(t, code)), title: `Bescheid ${next()}` }),
    'grant create',
  );
}

async function approvedGrant(t: TestApp, code = 'KIM'): Promise<GrantRef> {
  const g = await draftGrant(t, code);
  return ok(await (await t.as('lead')).post(`/api/v1/funding/grants/${g.id}/approve`, {}, ifMatch(g.version)), 'grant approve');
}

const bookingBody = { category: 'material', bookingDate: '2021-05-10', amountCents: 12_345, payee: 'Druckerei', receiptNo: 'RE-1' };
const onwardBody = (t: TestApp) => ({
  budgetYear: 2021,
  recipientOrganisationId: t.tree.orgs.traeger!.id,
  amountCents: 100_000,
  purpose: 'Sprachcafé',
  agreementDate: '2021-04-01',
  reportDueDate: '2022-03-31',
});

async function onwardGrant(t: TestApp, stage: 'open' | 'received' | 'checked') {
  const g = await approvedGrant(t);
  const finance = await t.as('finance');
  let o = (
    await ok<{ onwardGrant: { id: string; version: number } }>(
      await finance.post(`/api/v1/funding/grants/${g.id}/onward-grants`, onwardBody(t)),
      'onward',
    )
  ).onwardGrant;
  if (stage === 'open') return o;
  o = (
    await ok<{ onwardGrant: { id: string; version: number } }>(
      await finance.patch(`/api/v1/funding/onward-grants/${o.id}`, { reportReceivedDate: '2022-03-01' }, ifMatch(o.version)),
      'onward received',
    )
  ).onwardGrant;
  if (stage === 'received') return o;
  return ok<{ id: string; version: number }>(
    await finance.post(`/api/v1/funding/onward-grants/${o.id}/check`, {}, ifMatch(o.version)),
    'onward check',
  );
}

async function newProgramme(t: TestApp) {
  return ok<{ id: string; version: number; versions: { id: string; version: number }[] }>(
    await (await t.as('finance')).post('/api/v1/funding/programmes', programmeBody()),
    'programme create',
  );
}
const programmeBody = () => ({
  code: `TEST_${next().toUpperCase()}`,
  name: 'Testprogramm',
  shortName: 'Test',
  grantGiver: 'Bezirksregierung Arnsberg',
  firstVersion: { validFrom: '2021-01-01', legalReference: '§ 44 LHO' },
});

async function post(t: TestApp, agent?: Agent) {
  const a = agent ?? (await t.as('finance'));
  return ok<{ id: string; version: number; fundings: { id: string; version: number }[]; occupancies: { id: string; version: number }[] }>(
    await a.post('/api/v1/staffing/posts', {
      organisationId: t.tree.ki.id,
      postNumber: `T-${next()}`,
      title: 'Case Management',
      postType: 'case_management',
      fteMilli: 1000,
      payGrade: 'S 12',
    }),
    'post create',
  );
}

let payGradeYear = 2040;

/** An Integrationspauschale grant and a funded post with uncovered cost in 2021, for an allocation that fits. */
async function allocationSetup(t: TestApp) {
  const finance = await t.as('finance');
  await finance.post('/api/v1/staffing/pay-grades', { year: 2021, payGrade: 'S 15', annualCostCents: 10_000_000 });
  const p = await ok<{ id: string }>(
    await finance.post('/api/v1/staffing/posts', {
      organisationId: t.tree.ki.id,
      postNumber: `T-${next()}`,
      title: 'Case Management',
      postType: 'case_management',
      fteMilli: 1000,
      payGrade: 'S 15',
    }),
    'post',
  );
  await ok(
    await finance.post(`/api/v1/staffing/posts/${p.id}/fundings`, {
      programmeId: await programmeId(t, 'KIM_B2'),
      fteMilli: 1000,
      validFrom: '2021-01-01',
    }),
    'funding',
  );
  await ok(
    await finance.post(`/api/v1/staffing/posts/${p.id}/occupancies`, {
      holderName: 'Test Person',
      fteMilli: 1000,
      contractStart: '2021-01-01',
      contractEnd: '2021-12-31',
    }),
    'occupancy',
  );
  const ipBody = {
    ...sampleGrantBody(t, await programmeId(t, 'IP_14C')),
    title: `Integrationspauschale ${next()}`,
    approvalStart: '2019-01-01',
    approvalEnd: '2021-11-30',
    useByDate: '2021-11-30',
    calloffDates: [],
    positions: [{ budgetYear: 2021, category: 'material', amountCents: 190_000_000 }],
  };
  const ip = await ok<GrantRef>(await finance.post('/api/v1/funding/grants', ipBody), 'ip');
  await ok(await (await t.as('lead')).post(`/api/v1/funding/grants/${ip.id}/approve`, {}, ifMatch(ip.version)), 'ip approve');
  return { lumpSumGrantId: ip.id, programmeId: await programmeId(t, 'KIM_B2'), year: 2021, amountCents: 10_000 };
}

export const FUNDING_ROUTE_SAMPLES: Record<string, RouteSample> = {
  // ── programmes ──
  'POST /api/v1/funding/programmes': {
    body: () => programmeBody(),
    success: async (t) => ({ agent: await t.as('finance'), url: '/api/v1/funding/programmes', body: programmeBody(), status: 201 }),
  },
  'PATCH /api/v1/funding/programmes/:id': {
    body: () => ({ name: 'Umbenanntes Programm' }),
    headers: ifMatch(1),
    success: async (t) => {
      const p = await newProgramme(t);
      return {
        agent: await t.as('lead'),
        url: `/api/v1/funding/programmes/${p.id}`,
        body: { name: 'Umbenanntes Programm' },
        headers: ifMatch(p.version),
      };
    },
  },
  'POST /api/v1/funding/programmes/:id/versions': {
    body: () => ({ validFrom: '2031-01-01', legalReference: '§ 9 TIntG', flatRatePerFteCents: 6_000_000 }),
    success: async (t) => ({
      agent: await t.as('finance'),
      url: `/api/v1/funding/programmes/${(await newProgramme(t)).id}/versions`,
      body: { validFrom: '2031-01-01', legalReference: '§ 9 TIntG', flatRatePerFteCents: 6_000_000 },
      status: 201,
    }),
  },
  'PATCH /api/v1/funding/programme-versions/:id': {
    body: () => ({ notes: 'Neue Pauschale laut Erlass' }),
    headers: ifMatch(1),
    success: async (t) => {
      const v = (await newProgramme(t)).versions[0]!;
      return {
        agent: await t.as('finance'),
        url: `/api/v1/funding/programme-versions/${v.id}`,
        body: { notes: 'Neue Pauschale laut Erlass' },
        headers: ifMatch(v.version),
      };
    },
  },

  // ── grants ──
  'POST /api/v1/funding/grants': {
    body: (t) => sampleGrantBody(t),
    success: async (t) => ({
      agent: await t.as('finance'),
      url: '/api/v1/funding/grants',
      body: sampleGrantBody(t, await programmeId(t, 'KIM')),
      status: 201,
    }),
  },
  'PATCH /api/v1/funding/grants/:id': {
    body: () => ({ conditions: 'ANBest-G Nr. 1–9' }),
    headers: ifMatch(1),
    success: async (t) => {
      const g = await draftGrant(t);
      return {
        agent: await t.as('finance'),
        url: `/api/v1/funding/grants/${g.id}`,
        body: { conditions: 'ANBest-G Nr. 1–9' },
        headers: ifMatch(g.version),
      };
    },
  },
  'POST /api/v1/funding/grants/:id/amendments': {
    body: (t) => ({
      ...sampleGrantBody(t),
      programmeId: undefined,
      organisationId: undefined,
      title: undefined,
      reason: 'Höhere Zuweisung',
    }),
    headers: ifMatch(2),
    success: async (t) => {
      const g = await approvedGrant(t);
      const body = {
        ...sampleGrantBody(t),
        programmeId: undefined,
        organisationId: undefined,
        title: undefined,
        reason: 'Höhere Zuweisung',
      };
      return {
        agent: await t.as('finance'),
        url: `/api/v1/funding/grants/${g.id}/amendments`,
        body: JSON.parse(JSON.stringify(body)),
        headers: ifMatch(g.version),
        status: 201,
      };
    },
  },
  'POST /api/v1/funding/grants/:id/approve': {
    body: () => ({}),
    headers: ifMatch(1),
    success: async (t) => {
      const g = await draftGrant(t);
      return { agent: await t.as('lead'), url: `/api/v1/funding/grants/${g.id}/approve`, body: {}, headers: ifMatch(g.version) };
    },
  },
  'POST /api/v1/funding/grants/:id/bookings': {
    body: () => bookingBody,
    success: async (t) => ({
      agent: await t.as('finance'),
      url: `/api/v1/funding/grants/${(await approvedGrant(t)).id}/bookings`,
      body: bookingBody,
      status: 201,
    }),
  },
  'PATCH /api/v1/funding/bookings/:id': {
    body: () => ({ description: 'Korrigierte Beschreibung' }),
    headers: ifMatch(1),
    success: async (t) => {
      const g = await approvedGrant(t);
      const finance = await t.as('finance');
      const b = (
        await ok<{ booking: { id: string; version: number } }>(
          await finance.post(`/api/v1/funding/grants/${g.id}/bookings`, bookingBody),
          'booking',
        )
      ).booking;
      return {
        agent: finance,
        url: `/api/v1/funding/bookings/${b.id}`,
        body: { description: 'Korrigierte Beschreibung' },
        headers: ifMatch(b.version),
      };
    },
  },
  'POST /api/v1/funding/grants/:id/calloffs': {
    body: () => ({ budgetYear: 2021, callDate: '2021-03-15', amountCents: 100_000 }),
    success: async (t) => ({
      agent: await t.as('finance'),
      url: `/api/v1/funding/grants/${(await approvedGrant(t)).id}/calloffs`,
      body: { budgetYear: 2021, callDate: '2021-03-15', amountCents: 100_000 },
      status: 201,
    }),
  },
  'PATCH /api/v1/funding/calloffs/:id': {
    body: () => ({ status: 'submitted' }),
    headers: ifMatch(1),
    success: async (t) => {
      const g = await approvedGrant(t);
      const finance = await t.as('finance');
      const c = await ok<{ id: string; version: number }>(
        await finance.post(`/api/v1/funding/grants/${g.id}/calloffs`, { budgetYear: 2021, callDate: '2021-03-15', amountCents: 100_000 }),
        'calloff',
      );
      return { agent: finance, url: `/api/v1/funding/calloffs/${c.id}`, body: { status: 'submitted' }, headers: ifMatch(c.version) };
    },
  },
  'POST /api/v1/funding/grants/:id/onward-grants': {
    body: (t) => onwardBody(t),
    success: async (t) => ({
      agent: await t.as('finance'),
      url: `/api/v1/funding/grants/${(await approvedGrant(t)).id}/onward-grants`,
      body: onwardBody(t),
      status: 201,
    }),
  },
  'PATCH /api/v1/funding/onward-grants/:id': {
    body: () => ({ reportReceivedDate: '2022-03-01' }),
    headers: ifMatch(1),
    success: async (t) => {
      const o = await onwardGrant(t, 'open');
      return {
        agent: await t.as('finance'),
        url: `/api/v1/funding/onward-grants/${o.id}`,
        body: { reportReceivedDate: '2022-03-01' },
        headers: ifMatch(o.version),
      };
    },
  },
  'POST /api/v1/funding/onward-grants/:id/check': {
    body: () => ({ note: 'Belege geprüft' }),
    headers: ifMatch(2),
    success: async (t) => {
      const o = await onwardGrant(t, 'received');
      return {
        agent: await t.as('finance'),
        url: `/api/v1/funding/onward-grants/${o.id}/check`,
        body: { note: 'Belege geprüft' },
        headers: ifMatch(o.version),
      };
    },
  },
  'POST /api/v1/funding/onward-grants/:id/confirm': {
    body: () => ({}),
    headers: ifMatch(3),
    success: async (t) => {
      const o = await onwardGrant(t, 'checked');
      return { agent: await t.as('lead'), url: `/api/v1/funding/onward-grants/${o.id}/confirm`, body: {}, headers: ifMatch(o.version) };
    },
  },

  // ── coverage, reports, settings ──
  'POST /api/v1/funding/coverage/allocations': {
    body: () => ({ lumpSumGrantId: SOME_ID, programmeId: SOME_ID, year: 2021, amountCents: 10_000 }),
    success: async (t) => ({
      agent: await t.as('finance'),
      url: '/api/v1/funding/coverage/allocations',
      body: await allocationSetup(t),
      status: 201,
    }),
  },
  'PATCH /api/v1/funding/coverage/allocations/:id': {
    body: () => ({ note: 'Kreistagsbeschluss vom 04.03.2021' }),
    headers: ifMatch(1),
    success: async (t) => {
      const finance = await t.as('finance');
      const report = await ok<{ allocations: { id: string; version: number }[] }>(
        await finance.post('/api/v1/funding/coverage/allocations', await allocationSetup(t)),
        'allocation',
      );
      const a = report.allocations[report.allocations.length - 1]!;
      return {
        agent: finance,
        url: `/api/v1/funding/coverage/allocations/${a.id}`,
        body: { note: 'Kreistagsbeschluss vom 04.03.2021' },
        headers: ifMatch(a.version),
      };
    },
  },
  'PUT /api/v1/funding/grants/:id/reports/:year': {
    body: () => ({ narrative: 'Sachbericht: Im Jahr 2021 wurden alle Stellen besetzt und die Lenkungsgruppe tagte viermal.' }),
    headers: ifMatch(0),
    success: async (t) => ({
      agent: await t.as('finance'),
      url: `/api/v1/funding/grants/${(await draftGrant(t)).id}/reports/2021`,
      body: { narrative: 'Sachbericht: Im Jahr 2021 wurden alle Stellen besetzt und die Lenkungsgruppe tagte viermal.' },
      headers: ifMatch(0),
    }),
  },
  'POST /api/v1/funding/grants/:id/reports/:year/finalise': {
    body: () => ({}),
    headers: ifMatch(1),
    success: async (t) => {
      const g = await approvedGrant(t);
      await ok(
        await (
          await t.as('finance')
        ).put(
          `/api/v1/funding/grants/${g.id}/reports/2021`,
          { narrative: 'Sachbericht: Im Jahr 2021 wurden alle Stellen besetzt und die Lenkungsgruppe tagte viermal.' },
          ifMatch(0),
        ),
        'narrative',
      );
      return { agent: await t.as('lead'), url: `/api/v1/funding/grants/${g.id}/reports/2021/finalise`, body: {}, headers: ifMatch(1) };
    },
  },
  'PUT /api/v1/funding/settings': {
    body: () => ({ overspendMode: 'warn', tolerancePercent: 0 }),
    headers: ifMatch(0),
    success: async (t) => {
      const lead = await t.as('lead');
      const current = await ok<{ version: number }>(await lead.get('/api/v1/funding/settings'), 'settings');
      return {
        agent: lead,
        url: '/api/v1/funding/settings',
        body: { overspendMode: 'warn', tolerancePercent: 0 },
        headers: ifMatch(current.version),
      };
    },
  },

  // GET routes with required query parameters
  'GET /api/v1/funding/budget-overview': { query: 'year=2021' },
  'GET /api/v1/funding/budget-overview.xlsx': { query: 'year=2021' },
  'GET /api/v1/funding/budget-overview.pdf': { query: 'year=2021' },
  'GET /api/v1/funding/coverage': { query: 'year=2021' },
  'GET /api/v1/funding/grants/:id/calloff-suggestion': { query: 'budgetYear=2021&callDate=2021-03-15' },

  // ── staffing ──
  'POST /api/v1/staffing/posts': {
    body: (t) => ({
      organisationId: t.tree.ki.id,
      postNumber: `T-${next()}`,
      title: 'Case Management',
      postType: 'case_management',
      fteMilli: 500,
      payGrade: 'S 12',
    }),
    success: async (t) => ({
      agent: await t.as('finance'),
      url: '/api/v1/staffing/posts',
      body: {
        organisationId: t.tree.ki.id,
        postNumber: `T-${next()}`,
        title: 'Case Management',
        postType: 'case_management',
        fteMilli: 500,
        payGrade: 'S 12',
      },
      status: 201,
    }),
  },
  'PATCH /api/v1/staffing/posts/:id': {
    body: () => ({ title: 'Case Management Troisdorf' }),
    headers: ifMatch(1),
    success: async (t) => {
      const p = await post(t);
      return {
        agent: await t.as('lead'),
        url: `/api/v1/staffing/posts/${p.id}`,
        body: { title: 'Case Management Troisdorf' },
        headers: ifMatch(p.version),
      };
    },
  },
  'POST /api/v1/staffing/posts/:id/fundings': {
    body: () => ({ programmeId: SOME_ID, fteMilli: 500, validFrom: '2021-01-01' }),
    success: async (t) => ({
      agent: await t.as('finance'),
      url: `/api/v1/staffing/posts/${(await post(t)).id}/fundings`,
      body: { programmeId: await programmeId(t, 'KIM_B2'), fteMilli: 500, validFrom: '2021-01-01' },
      status: 201,
    }),
  },
  'PATCH /api/v1/staffing/fundings/:id': {
    body: () => ({ validTo: '2022-12-31' }),
    headers: ifMatch(1),
    success: async (t) => {
      const finance = await t.as('finance');
      const p = await post(t, finance);
      const withFunding = await ok<{ fundings: { id: string; version: number }[] }>(
        await finance.post(`/api/v1/staffing/posts/${p.id}/fundings`, {
          programmeId: await programmeId(t, 'KIM_B2'),
          fteMilli: 500,
          validFrom: '2021-01-01',
        }),
        'funding',
      );
      const f = withFunding.fundings[0]!;
      return { agent: finance, url: `/api/v1/staffing/fundings/${f.id}`, body: { validTo: '2022-12-31' }, headers: ifMatch(f.version) };
    },
  },
  'POST /api/v1/staffing/posts/:id/occupancies': {
    body: () => ({ holderName: 'Leyla Demir', fteMilli: 500, contractStart: '2021-01-01', contractEnd: '2022-12-31' }),
    success: async (t) => ({
      agent: await t.as('finance'),
      url: `/api/v1/staffing/posts/${(await post(t)).id}/occupancies`,
      body: { holderName: 'Leyla Demir', fteMilli: 500, contractStart: '2021-01-01', contractEnd: '2022-12-31' },
      status: 201,
    }),
  },
  'PATCH /api/v1/staffing/occupancies/:id': {
    body: () => ({ contractEnd: '2023-12-31' }),
    headers: ifMatch(1),
    success: async (t) => {
      const finance = await t.as('finance');
      const p = await post(t, finance);
      const held = await ok<{ occupancies: { id: string; version: number }[] }>(
        await finance.post(`/api/v1/staffing/posts/${p.id}/occupancies`, {
          holderName: 'Leyla Demir',
          fteMilli: 500,
          contractStart: '2021-01-01',
          contractEnd: '2022-12-31',
        }),
        'occupancy',
      );
      const o = held.occupancies[0]!;
      return {
        agent: finance,
        url: `/api/v1/staffing/occupancies/${o.id}`,
        body: { contractEnd: '2023-12-31' },
        headers: ifMatch(o.version),
      };
    },
  },
  'POST /api/v1/staffing/pay-grades': {
    body: () => ({ year: 2031, payGrade: 'EG 9c', annualCostCents: 7_500_000 }),
    success: async (t) => ({
      agent: await t.as('finance'),
      url: '/api/v1/staffing/pay-grades',
      body: { year: ++payGradeYear, payGrade: 'EG 9c', annualCostCents: 7_500_000 },
      status: 201,
    }),
  },
  'PATCH /api/v1/staffing/pay-grades/:id': {
    body: () => ({ annualCostCents: 7_600_000 }),
    headers: ifMatch(1),
    success: async (t) => {
      const finance = await t.as('finance');
      const g = await ok<{ id: string; version: number }>(
        await finance.post('/api/v1/staffing/pay-grades', { year: ++payGradeYear, payGrade: 'EG 11', annualCostCents: 7_500_000 }),
        'pay grade',
      );
      return {
        agent: finance,
        url: `/api/v1/staffing/pay-grades/${g.id}`,
        body: { annualCostCents: 7_600_000 },
        headers: ifMatch(g.version),
      };
    },
  },
  // ── documents of a Bescheid ──
  'POST /api/v1/funding/grants/:id/documents': {
    body: () => SAMPLE_PDF,
    query: 'filename=bescheid.pdf',
    headers: octet,
    rawBody: true,
    success: async (t) => ({
      agent: await t.as('finance'),
      url: `/api/v1/funding/grants/${(await draftGrant(t)).id}/documents?filename=bescheid.pdf`,
      body: SAMPLE_PDF,
      headers: octet,
      status: 201,
    }),
  },
  'DELETE /api/v1/funding/grants/:id/documents/:documentId': {
    body: () => ({}),
    success: async (t) => {
      const finance = await t.as('finance');
      const g = await draftGrant(t);
      const d = await ok<{ id: string }>(
        await finance.post(`/api/v1/funding/grants/${g.id}/documents?filename=bescheid.pdf`, SAMPLE_PDF, octet),
        'upload',
      );
      return { agent: finance, url: `/api/v1/funding/grants/${g.id}/documents/${d.id}`, body: {} };
    },
  },
};
