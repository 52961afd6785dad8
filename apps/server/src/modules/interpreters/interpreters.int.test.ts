import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkdays, berlinToday, berlinWallTimeToInstant, earliestAppointmentDate, formatDateLongDe, isoWeekday } from '@teilhabe/shared/interpreters/workdays';
import { createTestApp, type Agent, type TestApp } from '../../../test/harness.js';
import { dataFingerprint, expectGermanError, freshIp, freshUser, send } from '../../../test/helpers.js';
import { futureWeekdayAt, makeAssignment, makeInterpreter, makeRequest, SIEGBURG_AGS, TROISDORF_AGS } from './interpreters.factories.js';
import type { InterpreterRow } from './interpreters.repository.js';

let t: TestApp;
let coordinator: Agent;
let interpreterAgent: Agent;
let me: InterpreterRow;
let other: InterpreterRow;

/** A weekday at least `extra` working days after the earliest allowed date (always inside Mon–Fri 08–18 slots). */
function futureDate(extra = 2): string {
  let d = addWorkdays(earliestAppointmentDate(berlinToday(), 5, ['12-24', '12-31']), extra);
  while (isoWeekday(d) > 5) d = addWorkdays(d, 1);
  return d;
}

function publicBody(over: Record<string, unknown> = {}) {
  return {
    institutionName: 'Gesamtschule am Rhein',
    institutionKind: 'schule',
    institutionAgs: TROISDORF_AGS,
    contactName: 'Frau Schulz',
    contactEmail: 'schulz@gesamtschule.example',
    contactPhone: '02241 123456',
    languageCode: 'ar',
    dialect: 'Levantinisch (Syrien, Libanon)',
    date: futureDate(),
    time: '10:00',
    durationMinutes: 60,
    mode: 'in_person',
    street: 'Am Bergeracker 1',
    ags: TROISDORF_AGS,
    topic: 'elterngespraech_schule',
    genderPreference: 'none',
    noLegalConsequences: true,
    privacyAccepted: true,
    website: '',
    ...over,
  };
}

const submit = (body: unknown, headers: Record<string, string> = {}, ip = freshIp()) =>
  send(t, { method: 'POST', url: '/api/v1/public/interpreter-requests', payload: body, headers, remoteAddress: ip });

async function pdfText(buffer: Buffer): Promise<string> {
  const file = path.join(os.tmpdir(), `teilhabe-test-${process.pid}-${Date.now()}.pdf`);
  fs.writeFileSync(file, buffer);
  try {
    // Raw content order keeps each table cell together; wrapped cells are joined by collapsing whitespace.
    return execFileSync('pdftotext', ['-raw', file, '-']).toString('utf8').replace(/\s+/g, ' ');
  } finally {
    fs.rmSync(file, { force: true });
  }
}

beforeAll(async () => {
  t = await createTestApp();
  coordinator = await t.as('interpreter_coordinator');
  interpreterAgent = await t.as('interpreter');
  me = await makeInterpreter(t.database.db, { firstName: 'Samir', lastName: 'Haddad', gender: 'male', userId: t.users.interpreter.id, advancedTrainingOn: '2025-03-01', iban: 'DE89370400440532013000' });
  other = await makeInterpreter(t.database.db, { firstName: 'Layla', lastName: 'Nasser', homeAgs: SIEGBURG_AGS });
});
afterAll(() => t.close());

describe('the public request form', () => {
  it('accepts a school’s request without login, and the coordination sees it', async () => {
    const res = await submit(publicBody(), { 'idempotency-key': 'schule-anfrage-0001-4f2c9a' });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json() as { reference: string; statusToken: string; statusUrl: string; status: string };
    expect(created.reference).toMatch(/^SM-\d{4}-\d{5}$/);
    expect(created.statusUrl).toContain(`/sprachmittlung/anfrage/status/${created.statusToken}`);
    const status = await t.anonymous.get(`/api/v1/public/interpreter-requests/${created.statusToken}`);
    expect(status.json()).toMatchObject({ reference: created.reference, status: 'open', languageName: 'Arabisch', interpreterName: null, can: { cancel: true, confirmation: false } });
    const list = await coordinator.get('/api/v1/interpreter-requests?status=open');
    expect(list.json().items.map((r: { reference: string }) => r.reference)).toContain(created.reference);
    // A double submit with the same key answers the first result and writes nothing.
    const before = await dataFingerprint(t);
    const again = await submit(publicBody(), { 'idempotency-key': 'schule-anfrage-0001-4f2c9a' });
    expect(again.statusCode).toBe(201);
    expect(again.json().reference).toBe(created.reference);
    // The replay hands out the same working status link …
    expect(again.json().statusToken).toBe(created.statusToken);
    expect(again.json().statusUrl).toBe(created.statusUrl);
    expect(await dataFingerprint(t)).toEqual(before);
    // … although the idempotency table keeps neither the token nor the key it is derived from.
    const stored = await t.database.pool.query<{ row: string }>(`SELECT row_to_json(k)::text AS row FROM idempotency_keys k WHERE route LIKE '%/public/interpreter-requests'`);
    const storedText = stored.rows.map((r) => r.row).join('\n');
    expect(storedText).toContain(created.reference);
    expect(storedText).not.toContain(created.statusToken);
    expect(storedText).not.toContain('schule-anfrage-0001-4f2c9a');
    // A key too short to keep a status link secret is refused.
    expectGermanError(await submit(publicBody(), { 'idempotency-key': 'kurz-1234' }), 400);
    const mismatch = await submit(publicBody({ durationMinutes: 90 }), { 'idempotency-key': 'schule-anfrage-0001-4f2c9a' });
    expect(expectGermanError(mismatch, 422).code).toBe('idempotency_mismatch');
    expect(await dataFingerprint(t)).toEqual(before);
  });

  it('refuses bad inputs with clear German errors and writes nothing', async () => {
    const before = await dataFingerprint(t);
    const past = expectGermanError(await submit(publicBody({ date: '2020-03-02' })), 422);
    expect(past.message).toMatch(/Vergangenheit/);
    expect(past.fields).toHaveProperty('date');

    const today = berlinToday();
    const earliest = earliestAppointmentDate(today, 5, ['12-24', '12-31']);
    const tooSoon = expectGermanError(await submit(publicBody({ date: addWorkdays(today, 2) })), 422);
    expect(tooSoon.message).toContain('mindestens 5 Werktage');
    expect(tooSoon.message).toContain(`Der früheste mögliche Termin ist ${formatDateLongDe(earliest)}.`);

    const lang = expectGermanError(await submit(publicBody({ languageCode: 'xx' })), 400);
    expect(lang.fields?.languageCode).toMatch(/Unbekannter Sprachcode/);

    const court = expectGermanError(await submit(publicBody({ topic: 'gericht' })), 422);
    expect(court.message).toMatch(/vereidigte Dolmetscher/);
    const legal = expectGermanError(await submit(publicBody({ noLegalConsequences: false })), 422);
    expect(legal.fields).toHaveProperty('noLegalConsequences');

    const bot = expectGermanError(await submit(publicBody({ website: 'http://spam.example' })), 400);
    expect(bot.fields).toHaveProperty('website');
    expectGermanError(await submit(publicBody({ privacyAccepted: false })), 400);
    expectGermanError(await submit(publicBody({ ags: '05111000' })), 400);
    expectGermanError(await submit(publicBody({ date: '2026-02-30' })), 400);
    expectGermanError(await submit({ ...publicBody(), role: 'admin' }), 400);
    expect(await dataFingerprint(t)).toEqual(before);
  });

  it('is rate-limited per address', async () => {
    const ip = freshIp();
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) codes.push((await submit(publicBody({ languageCode: 'xx' }), {}, ip)).statusCode);
    expect(codes.slice(0, 10).every((c) => c === 400)).toBe(true);
    expect(codes[10]).toBe(429);
  });
});

describe('matching, offer and acceptance', () => {
  let requestId: string;
  let token: string;

  it('ranks candidates with German reasons and lets the coordination offer to several', async () => {
    const created = (await submit(publicBody({ time: '11:00' }))).json() as { statusToken: string; reference: string };
    token = created.statusToken;
    const list = await coordinator.get('/api/v1/interpreter-requests?status=open');
    requestId = list.json().items.find((r: { reference: string }) => r.reference === created.reference).id;
    const res = await coordinator.get(`/api/v1/interpreter-requests/${requestId}/candidates`);
    expect(res.statusCode, res.body).toBe(200);
    const candidates = res.json().candidates as { interpreterId: string; eligible: boolean; reasons: { code: string; text: string }[] }[];
    expect(candidates.map((c) => c.interpreterId).sort()).toEqual([me.id, other.id].sort());
    expect(candidates.every((c) => c.eligible)).toBe(true);
    const mine = candidates.find((c) => c.interpreterId === me.id)!;
    expect(mine.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['language', 'dialect', 'availability', 'overlap', 'distance', 'fairness']));
    expect(mine.reasons.find((r) => r.code === 'availability')!.text).toMatch(/^Verfügbar \w+ 11:00–12:00 Uhr$/);

    const offered = await coordinator.post(`/api/v1/interpreter-requests/${requestId}/offers`, { interpreterIds: [me.id, other.id] });
    expect(offered.statusCode, offered.body).toBe(200);
    expect(offered.json()).toMatchObject({ status: 'offered', offers: [{ status: 'pending' }, { status: 'pending' }] });
  });

  it('shows the offer to the interpreter without case or requester data, who accepts; the other offer is withdrawn', async () => {
    const overview = await interpreterAgent.get('/api/v1/interpreters/me');
    expect(overview.statusCode, overview.body).toBe(200);
    const offer = overview.json().offers.find((o: { institutionName: string }) => o.institutionName === 'Gesamtschule am Rhein');
    expect(offer).toBeTruthy();
    expect(JSON.stringify(overview.json())).not.toMatch(/schulz@gesamtschule|caseId|topic|note/);
    const accepted = await interpreterAgent.post(`/api/v1/interpreters/me/offers/${offer.id}/accept`, {});
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'confirmed', institutionName: 'Gesamtschule am Rhein', languageName: 'Arabisch' });
    const request = (await coordinator.get(`/api/v1/interpreter-requests/${requestId}`)).json();
    expect(request.status).toBe('assigned');
    expect(request.assignment.interpreterName).toBe('Samir Haddad');
    expect(request.offers.map((o: { status: string }) => o.status).sort()).toEqual(['accepted', 'withdrawn']);
    // The requester sees who comes (first name, initial) and gets the confirmation as PDF.
    const status = (await t.anonymous.get(`/api/v1/public/interpreter-requests/${token}`)).json();
    expect(status).toMatchObject({ status: 'assigned', interpreterName: 'Samir H.', can: { confirmation: true } });
    expect(JSON.stringify(status)).not.toMatch(/0228|amal\.beispiel|DE89/);
    const pdf = await t.anonymous.get(`/api/v1/public/interpreter-requests/${token}/confirmation`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain('Auftragsbestätigung');
    expect(text).toContain('Samir H.');
    expect(text).not.toContain('Haddad');
  });

  it('refuses an overlapping assignment (travel buffer included) and writes nothing', async () => {
    // Same day, starts 20 minutes after the first one ends: inside the 30-minute buffer.
    const second = (await submit(publicBody({ time: '12:20', institutionName: 'Kita Sonnenschein', institutionKind: 'kita' }))).json() as { reference: string };
    const list = await coordinator.get('/api/v1/interpreter-requests?status=open');
    const id = list.json().items.find((r: { reference: string }) => r.reference === second.reference).id;
    const ranked = (await coordinator.get(`/api/v1/interpreter-requests/${id}/candidates`)).json().candidates;
    const mine = ranked.find((c: { interpreterId: string }) => c.interpreterId === me.id);
    expect(mine.eligible).toBe(false);
    expect(mine.reasons.find((r: { code: string }) => r.code === 'overlap').text).toMatch(/Hat bereits einen Einsatz 11:00–12:00 Uhr/);
    expect(ranked[0].interpreterId).toBe(other.id);
    const before = await dataFingerprint(t);
    const res = await coordinator.post(`/api/v1/interpreter-requests/${id}/offers`, { interpreterIds: [me.id] });
    const body = expectGermanError(res, 409);
    expect(body.message).toMatch(/Samir Haddad kann nicht angefragt werden: Hat bereits einen Einsatz/);
    expect(await dataFingerprint(t)).toEqual(before);
  });
});

describe('the interpreter role', () => {
  it('gets 403 on the pool, requests, payouts and every person or case route, and 404 on other interpreters’ assignments', async () => {
    for (const url of [
      '/api/v1/interpreters',
      `/api/v1/interpreters/${me.id}`,
      `/api/v1/interpreters/${other.id}`,
      '/api/v1/interpreter-requests',
      `/api/v1/interpreter-payouts?month=2026-01`,
      '/api/v1/interpreter-statistics?year=2026',
    ]) {
      expect(expectGermanError(await interpreterAgent.get(url), 403).code, url).toBe('forbidden');
    }
    // Every case, person and consent route that exists, read or write: refused before anything is looked up.
    const personRoutes = t.app.routeRegistry.filter((r) => /^\/api\/v1\/(cases|persons|people|consents|shares|referrals)/.test(r.url));
    for (const route of personRoutes) {
      const url = route.url.replace(/:\w+/g, '00000000-0000-4000-8000-000000000000');
      const res = await interpreterAgent.request(route.method, url, route.method === 'GET' ? undefined : {});
      expect([403, 404], `${route.method} ${route.url}`).toContain(res.statusCode);
    }
    const past = await makeRequest(t.database.db, { startsAt: new Date(Date.now() - 3 * 86_400_000) });
    const theirs = await makeAssignment(t.database.db, past, other.id);
    for (const [method, url, body] of [
      ['GET', `/api/v1/interpreters/me/assignments/${theirs.id}`, undefined],
      ['POST', `/api/v1/interpreters/me/assignments/${theirs.id}/complete`, { actualMinutes: 60 }],
      ['POST', `/api/v1/interpreters/me/assignments/${theirs.id}/cancel`, { reason: 'Krank geworden' }],
    ] as const) {
      expect(expectGermanError(await interpreterAgent.request(method, url, body), 404).code, url).toBe('not_found');
    }
    expect((await t.database.pool.query('SELECT status FROM interpreter_assignments WHERE id = $1', [theirs.id])).rows[0].status).toBe('confirmed');
  });

  it('never sees the case a case manager linked, nor the organisational note', async () => {
    const cm = await t.as('case_manager');
    const caseId = '11111111-1111-4111-8111-111111111111';
    const res = await cm.post('/api/v1/interpreter-requests', {
      ...publicBody({ date: futureDate(6), time: '14:00', note: 'Klientin heißt Fatima, Aufenthalt unsicher' }),
      institutionName: undefined,
      institutionKind: undefined,
      institutionAgs: undefined,
      website: undefined,
      caseId,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ channel: 'case', caseId, institution: { kind: 'kim' } });
    const id = res.json().id;
    const asCoordinator = (await coordinator.get(`/api/v1/interpreter-requests/${id}`)).json();
    expect(asCoordinator.caseId).toBeNull();
    expect((await coordinator.post(`/api/v1/interpreter-requests/${id}/offers`, { interpreterIds: [me.id] })).statusCode).toBe(200);
    const overview = JSON.stringify((await interpreterAgent.get('/api/v1/interpreters/me')).json());
    expect(overview).toContain('KIM Case Management Troisdorf');
    expect(overview).not.toContain(caseId);
    expect(overview).not.toContain('Fatima');
    // A partner cannot link a case, and cannot see the case manager's request.
    const partner = await t.as('partner');
    expectGermanError(await partner.post('/api/v1/interpreter-requests', { ...publicBody(), institutionName: undefined, institutionKind: undefined, institutionAgs: undefined, website: undefined, caseId }), 400);
    expect((await partner.get(`/api/v1/interpreter-requests/${id}`)).statusCode).toBe(404);
  });
});

describe('completion, fees and statements', () => {
  it('computes the fee when the interpreter reports completion, and the monthly statement lists it', async () => {
    const startsAt = new Date(Date.now() - 2 * 3_600_000);
    const request = await makeRequest(t.database.db, { startsAt, durationMinutes: 60, institution: { name: 'Grundschule Sieglar', kind: 'schule', ags: TROISDORF_AGS } });
    const assignment = await makeAssignment(t.database.db, request, me.id, { feeTier: 'advanced' });
    const res = await interpreterAgent.post(`/api/v1/interpreters/me/assignments/${assignment.id}/complete`, { actualMinutes: 75, travelKm: 12, travelMinutes: 20, feedback: 'Gutes Gespräch' });
    expect(res.statusCode, res.body).toBe(200);
    // 40 € (Aufbauschulung) + 12 km × 0,30 €
    expect(res.json()).toMatchObject({ status: 'completed', totalCents: 4360, actualMinutes: 75 });
    expectGermanError(await interpreterAgent.post(`/api/v1/interpreters/me/assignments/${assignment.id}/complete`, { actualMinutes: 75 }), 409);
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit' }).format(startsAt).slice(0, 7);
    const pdf = await interpreterAgent.get(`/api/v1/interpreters/me/statements/${month}`);
    expect(pdf.statusCode).toBe(200);
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain('Monatsabrechnung Sprachmittlung');
    expect(text).toContain(request.reference);
    expect(text).toContain('Grundschule Sieglar');
    expect(text).toContain('43,60 €');
    expect(text).toContain('75 Min., 12 km');
    // The coordination and finance get the same statement; the interpreter cannot read another's.
    const finance = await t.as('finance');
    expect((await finance.get(`/api/v1/interpreter-payouts/statements/${me.id}?month=${month}`)).statusCode).toBe(200);
    expect((await interpreterAgent.get(`/api/v1/interpreter-payouts/statements/${other.id}?month=${month}`)).statusCode).toBe(403);
  });

  it('refuses completion before the appointment has begun', async () => {
    const request = await makeRequest(t.database.db, { startsAt: new Date(Date.now() + 5 * 86_400_000) });
    const assignment = await makeAssignment(t.database.db, request, me.id);
    const body = expectGermanError(await interpreterAgent.post(`/api/v1/interpreters/me/assignments/${assignment.id}/complete`, { actualMinutes: 60 }), 409);
    expect(body.message).toMatch(/erst ab seinem Beginn/);
  });

  it('lets the coordination record a completion with If-Match', async () => {
    const request = await makeRequest(t.database.db, { startsAt: new Date(Date.now() - 26 * 3_600_000), mode: 'phone', street: null, ags: null });
    const assignment = await makeAssignment(t.database.db, request, other.id);
    expect((await coordinator.post(`/api/v1/interpreter-assignments/${assignment.id}/complete`, { actualMinutes: 30 })).statusCode).toBe(428);
    expectGermanError(await coordinator.post(`/api/v1/interpreter-assignments/${assignment.id}/complete`, { actualMinutes: 30 }, { 'if-match': '7' }), 409);
    const ok = await coordinator.post(`/api/v1/interpreter-assignments/${assignment.id}/complete`, { actualMinutes: 30, travelKm: 50 }, { 'if-match': '1' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().totalCents).toBe(2500); // phone: no travel
  });
});

describe('cancellations', () => {
  async function assignedRequest(hoursAhead: number) {
    const at = new Date(Date.now() + hoursAhead * 3_600_000);
    const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(at);
    const time = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
    const interpreter = await makeInterpreter(t.database.db, { firstName: 'Oleh', lastName: `Test${hoursAhead}`, availability: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, from: '00:00', to: '23:59' })), languages: [{ code: 'uk' }] });
    const res = await coordinator.post('/api/v1/interpreter-requests', {
      ...publicBody({ languageCode: 'uk', dialect: null, date, time, durationMinutes: 30, mode: 'video', street: null, ags: null }),
      website: undefined,
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    expect((await coordinator.post(`/api/v1/interpreter-requests/${id}/offers`, { interpreterIds: [interpreter.id] })).statusCode).toBe(200);
    const { rows } = await t.database.pool.query('SELECT id FROM interpreter_offers WHERE request_id = $1', [id]);
    await t.database.pool.query('UPDATE interpreters SET user_id = NULL WHERE user_id = $1', [t.users.interpreter.id]);
    await t.database.pool.query('UPDATE interpreters SET user_id = $1 WHERE id = $2', [t.users.interpreter.id, interpreter.id]);
    try {
      expect((await interpreterAgent.post(`/api/v1/interpreters/me/offers/${rows[0].id}/accept`, {})).statusCode).toBe(200);
    } finally {
      await t.database.pool.query('UPDATE interpreters SET user_id = NULL WHERE id = $1', [interpreter.id]);
      await t.database.pool.query('UPDATE interpreters SET user_id = $1 WHERE id = $2', [t.users.interpreter.id, me.id]);
    }
    return id;
  }

  it('pays a late cancellation (< 24 h) and not an early one', async () => {
    const late = await assignedRequest(10);
    const res = await coordinator.post(`/api/v1/interpreter-requests/${late}/cancel`, { reason: 'Familie ist erkrankt' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'cancelled', assignment: { status: 'cancelled', lateCancellation: true, payable: true, totalCents: 2500 } });
    const early = await assignedRequest(72);
    const res2 = await coordinator.post(`/api/v1/interpreter-requests/${early}/cancel`, { reason: 'Termin verschoben' });
    expect(res2.json()).toMatchObject({ status: 'cancelled', assignment: { lateCancellation: false, payable: false, totalCents: null } });
    expectGermanError(await coordinator.post(`/api/v1/interpreter-requests/${early}/cancel`, { reason: 'Nochmal' }), 409);
  });

  it('reopens the request when the interpreter cancels', async () => {
    const date = futureDate(9);
    const request = await makeRequest(t.database.db, { startsAt: berlinWallTimeToInstant(date, '09:00') });
    const assignment = await makeAssignment(t.database.db, request, me.id);
    const res = await interpreterAgent.post(`/api/v1/interpreters/me/assignments/${assignment.id}/cancel`, { reason: 'Bin an dem Tag verreist' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('cancelled');
    const view = (await coordinator.get(`/api/v1/interpreter-requests/${request.id}`)).json();
    expect(view).toMatchObject({ status: 'open', assignment: { status: 'cancelled', cancelledBy: 'interpreter', payable: false } });
  });
});

describe('calendar feed', () => {
  it('serves a private, revocable iCalendar feed that parses with UID and DTSTAMP and carries no client data', async () => {
    const issued = await interpreterAgent.post('/api/v1/interpreters/me/calendar-token', {});
    expect(issued.statusCode).toBe(200);
    const url = new URL(issued.json().url as string);
    expect(url.pathname).toMatch(/^\/api\/v1\/public\/interpreter-calendar\/[\w-]{43}\.ics$/);
    const feed = await t.anonymous.get(url.pathname);
    expect(feed.statusCode, feed.body).toBe(200);
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const cal = new ICAL.Component(ICAL.parse(feed.body));
    const events = cal.getAllSubcomponents('vevent');
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) {
      expect(e.getFirstPropertyValue('uid')).toMatch(/@localhost$/);
      expect(e.getFirstPropertyValue('dtstamp')).toBeTruthy();
    }
    expect(feed.body).toContain('Gesamtschule am Rhein');
    expect(feed.body).not.toMatch(/Fatima|schulz@|02241 123456/);
    // A new link revokes the old one; revoking ends it.
    const second = new URL((await interpreterAgent.post('/api/v1/interpreters/me/calendar-token', {})).json().url as string);
    expect((await t.anonymous.get(url.pathname)).statusCode).toBe(404);
    expect((await interpreterAgent.post('/api/v1/interpreters/me/calendar-token/revoke', {})).statusCode).toBe(200);
    expect(expectGermanError(await t.anonymous.get(second.pathname), 404).code).toBe('not_found');
  });
});

describe('interpreters, IBAN, payouts, budget, statistics', () => {
  it('validates the IBAN and shows it only to the coordination and finance', async () => {
    const base = { firstName: 'Ana', lastName: 'Popescu', homeAgs: SIEGBURG_AGS, gender: 'female', languages: [{ code: 'ro', level: 'native' }] };
    const bad = expectGermanError(await coordinator.post('/api/v1/interpreters', { ...base, iban: 'DE89 3704 0044 0532 0130 01' }), 400);
    expect(bad.fields?.iban).toMatch(/Prüfziffer/);
    const created = await coordinator.post('/api/v1/interpreters', { ...base, iban: 'de89 3704 0044 0532 0130 00', basicTrainingOn: '2025-01-10', confidentialitySignedOn: '2025-01-10' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ iban: 'DE89370400440532013000', feeTier: 'basic', can: { viewIban: true } });
    const read = await coordinator.get(`/api/v1/interpreters/${created.json().id}`);
    expect(read.json().iban).toBe('DE89370400440532013000');
    expect(await t.auditCount(`action = 'interpreters.read' AND subject_id = $1`, [created.json().id])).toBe(1);

    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit' }).format(new Date(Date.now() - 2 * 3_600_000)).slice(0, 7);
    const financeList = (await (await t.as('finance')).get(`/api/v1/interpreter-payouts?month=${month}`)).json();
    const samir = financeList.rows.find((r: { interpreterId: string }) => r.interpreterId === me.id);
    expect(samir).toMatchObject({ iban: 'DE89370400440532013000', capStatus: 'ok' });
    const leadAgent = await t.as('lead');
    const leadList = (await leadAgent.get(`/api/v1/interpreter-payouts?month=${month}`)).json();
    expect(leadList.can.viewIban).toBe(false);
    expect(leadList.rows.every((r: { iban: string | null }) => r.iban === null)).toBe(true);
    expect(JSON.stringify(leadList)).not.toContain('DE89370400440532013000');
  });

  it('exports the payout list as CSV and XLSX', async () => {
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit' }).format(new Date(Date.now() - 2 * 3_600_000)).slice(0, 7);
    const finance = await t.as('finance');
    const csv = await finance.get(`/api/v1/interpreter-payouts/export?month=${month}&format=csv`);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body.startsWith('\uFEFFName,Kontoinhaber:in,IBAN')).toBe(true);
    expect(csv.body).toMatch(/Samir Haddad,Samir Haddad,DE89 3704 0044 0532 0130 00,1,"40,00","3,60","43,60"/);
    const xlsx = await finance.get(`/api/v1/interpreter-payouts/export?month=${month}&format=xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
    const samir = rows.find((r) => r[1] === 'Samir Haddad')!;
    expect(samir[7]).toBe(43.6);
  });

  it('reports budget consumption and statistics per language, institution type, Gemeinde and month', async () => {
    const year = Number(berlinToday().slice(0, 4));
    const finance = await t.as('finance');
    const budget = (await finance.get(`/api/v1/interpreter-payouts/budget?year=${year}`)).json();
    expect(budget.budgetCents).toBe(5_000_000);
    expect(budget.spentCents).toBeGreaterThanOrEqual(4360 + 2500 + 2500);
    expect(budget.remainingCents).toBe(budget.budgetCents - budget.spentCents - budget.committedCents);
    const stats = (await finance.get(`/api/v1/interpreter-statistics?year=${year}`)).json();
    expect(stats.totals.requests).toBeGreaterThan(3);
    expect(stats.byLanguage.find((r: { key: string }) => r.key === 'ar')).toMatchObject({ label: 'Arabisch' });
    expect(stats.byInstitutionKind.map((r: { key: string }) => r.key)).toEqual(expect.arrayContaining(['schule', 'kim']));
    expect(stats.byGemeinde.find((r: { key: string }) => r.key === TROISDORF_AGS)).toMatchObject({ label: 'Troisdorf' });
    expect(stats.byMonth).toHaveLength(12);
    const xlsx = await finance.get(`/api/v1/interpreter-statistics/export?year=${year}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Übersicht', 'Sprachen', 'Einrichtungsarten', 'Gemeinden', 'Monate', 'Vorlaufzeiten']);
  });

  it('stores the pool settings with optimistic locking and applies the lead time', async () => {
    const current = (await coordinator.get('/api/v1/interpreter-settings')).json();
    expect(current).toMatchObject({ leadTimeWorkdays: 5, version: 0, tariff: { basicCents: 2500, advancedCents: 4000 } });
    const { version: _v, ...value } = current;
    const saved = await coordinator.put('/api/v1/interpreter-settings', { ...value, leadTimeWorkdays: 7 }, { 'if-match': '0' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().version).toBe(1);
    expectGermanError(await coordinator.put('/api/v1/interpreter-settings', value, { 'if-match': '0' }), 409);
    const info = (await t.anonymous.get('/api/v1/public/interpreter-form')).json();
    expect(info.leadTimeWorkdays).toBe(7);
    expect(info.earliestDate).toBe(earliestAppointmentDate(berlinToday(), 7, ['12-24', '12-31']));
    expect(info.gemeinden).toHaveLength(19);
    expect((await coordinator.put('/api/v1/interpreter-settings', value, { 'if-match': '1' })).statusCode).toBe(200);
  });

  it('links a login only to a user with the interpreter role', async () => {
    const caseManager = await freshUser(t, 'case_manager');
    const res = await coordinator.patch(`/api/v1/interpreters/${other.id}`, { userId: caseManager.id }, { 'if-match': String(other.version) });
    expect(expectGermanError(res, 400).fields).toHaveProperty('userId');
  });
});

describe('exclusion list', () => {
  it('lets the coordination exclude an institution or a request’s client with a reason, audited, and matching respects it', async () => {
    const ursula = await makeInterpreter(t.database.db, { firstName: 'Ursula', lastName: 'Ausschluss', languages: [{ code: 'ps' }] });
    const school = await makeRequest(t.database.db, { startsAt: futureWeekdayAt(6).startsAt, languageCode: 'ps', institution: { name: 'Realschule Ausschluss (Test)', kind: 'schule', ags: TROISDORF_AGS } });
    const client = await makeRequest(t.database.db, { startsAt: futureWeekdayAt(7).startsAt, languageCode: 'ps', caseId: '3f1c2b7e-5d7a-4c1e-9a55-0c7d2b1e9f01' });
    const url = `/api/v1/interpreters/${ursula.id}/exclusions`;
    const eligible = async (requestId: string) =>
      ((await coordinator.get(`/api/v1/interpreter-requests/${requestId}/candidates`)).json().candidates as { interpreterId: string; eligible: boolean }[]).find((c) => c.interpreterId === ursula.id)?.eligible;
    expect(await eligible(school.id)).toBe(true);

    const before = await dataFingerprint(t);
    expect(expectGermanError(await coordinator.post(url, { institutionId: school.institutionId }), 400).fields).toHaveProperty('reason');
    expectGermanError(await coordinator.post(url, { institutionId: school.institutionId, requestReference: client.reference, reason: 'Doppelt' }), 400);
    expect(expectGermanError(await coordinator.post(url, { requestReference: school.reference, reason: 'Kein Fall' }), 400).fields).toHaveProperty('requestReference');
    expect(expectGermanError(await coordinator.post(url, { requestReference: 'SM-1999-99999', reason: 'Unbekannt' }), 400).fields).toHaveProperty('requestReference');
    expect(expectGermanError(await coordinator.post(url, { requestReference: 'Fall 12', reason: 'Format' }), 400).fields).toHaveProperty('requestReference');
    expect(expectGermanError(await coordinator.post(url, { institutionId: '00000000-0000-4000-8000-000000000001', reason: 'Unbekannt' }), 400).fields).toHaveProperty('institutionId');
    expectGermanError(await coordinator.post(`/api/v1/interpreters/00000000-0000-4000-8000-000000000002/exclusions`, { institutionId: school.institutionId, reason: 'Niemand' }), 404);
    expect((await interpreterAgent.post(url, { institutionId: school.institutionId, reason: 'Ich nicht' })).statusCode).toBe(403);
    expect(await dataFingerprint(t)).toEqual(before);

    const added = await coordinator.post(url, { institutionId: school.institutionId, reason: 'Arbeitet dort als Schulbegleiterin' });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json().exclusions).toEqual([expect.objectContaining({ institutionName: 'Realschule Ausschluss (Test)', note: 'Arbeitet dort als Schulbegleiterin', requestReference: null })]);
    expect(expectGermanError(await coordinator.post(url, { institutionId: school.institutionId, reason: 'Noch einmal' }), 409).fields).toHaveProperty('institutionId');
    const byClient = await coordinator.post(url, { requestReference: client.reference.toLowerCase(), reason: 'Verwandt mit der Familie' });
    expect(byClient.statusCode, byClient.body).toBe(201);
    expect(byClient.json().exclusions[1]).toMatchObject({ institutionId: null, requestReference: client.reference, note: 'Verwandt mit der Familie' });
    expect(await eligible(school.id)).toBe(false);
    expect(await eligible(client.id)).toBe(false);
    expect(await t.auditCount(`action = 'interpreters.exclusion_added' AND subject_id = $1`, [ursula.id])).toBe(2);

    const exclusionId = added.json().exclusions[0].id as string;
    expect((await send(t, { method: 'DELETE', url: `${url}/${exclusionId}`, payload: {}, agent: interpreterAgent })).statusCode).toBe(403);
    const removed = await send(t, { method: 'DELETE', url: `${url}/${exclusionId}`, payload: {}, agent: coordinator });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().exclusions.map((e: { requestReference: string | null }) => e.requestReference)).toEqual([client.reference]);
    expect(await eligible(school.id)).toBe(true);
    expect(expectGermanError(await send(t, { method: 'DELETE', url: `${url}/${exclusionId}`, payload: {}, agent: coordinator }), 404).message).toMatch(/Ausschluss/);
    expect(await t.auditCount(`action = 'interpreters.exclusion_removed' AND subject_id = $1`, [ursula.id])).toBe(1);
  });
});

describe('documents of an interpreter', () => {
  it('lets only the coordination upload, list, download and delete them (e.g. the signed confidentiality declaration)', async () => {
    const { SAMPLE_PDF } = await import('../documents/sample-files.js');
    const nadia = await makeInterpreter(t.database.db, { firstName: 'Nadia', lastName: 'Dokument' });
    const base = `/api/v1/interpreters/${nadia.id}/documents`;
    const octet = { 'content-type': 'application/octet-stream' };
    const up = await coordinator.post(`${base}?filename=Verschwiegenheitserklaerung.pdf`, SAMPLE_PDF, octet);
    expect(up.statusCode, up.body).toBe(201);
    const list = await coordinator.get(base);
    expect(list.json()).toMatchObject({ canWrite: true, items: [{ filename: 'Verschwiegenheitserklaerung.pdf' }] });
    const file = await coordinator.get(`${base}/${up.json().id}`);
    expect(file.statusCode).toBe(200);
    for (const role of ['interpreter', 'finance', 'case_manager'] as const) {
      const agent = role === 'interpreter' ? interpreterAgent : await t.as(role);
      expect((await agent.get(base)).statusCode, role).toBe(403);
    }
    expectGermanError(await coordinator.get('/api/v1/interpreters/00000000-0000-4000-8000-000000000003/documents'), 404);
    const gone = await send(t, { method: 'DELETE', url: `${base}/${up.json().id}`, payload: {}, agent: coordinator });
    expect(gone.statusCode, gone.body).toBe(200);
    expect((await coordinator.get(base)).json().items).toEqual([]);
  });
});
