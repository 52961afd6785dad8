import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../../test/harness.js';
// Brings the vitest `inject()` keys declared by the global setup into this type-check (tsc -p apps/server).
import type {} from '../../../test/global-setup.js';
import { makeUser } from '../../seed/factories.js';
import { DATA_DIR, parseCsv } from '../../seed/geo.js';
import { runReviewReminders } from './directory.jobs.js';

let t: TestApp;
let muni: Agent; // municipality user of Troisdorf
let coord: Agent;
let troisdorf: { id: string; ags: string; population: number };
let siegburg: { id: string; ags: string; population: number };

const TROISDORF_AGS = '05382068';
const SIEGBURG_AGS = '05382060';

function offerBody(overrides: Record<string, unknown> = {}) {
  return {
    organisationId: troisdorf.id,
    title: 'Sprachkurs für Frauen mit Kinderbetreuung',
    description: 'Deutsch lernen am Vormittag, Kinder werden betreut. Einstieg jederzeit möglich.',
    handlungsfelder: ['sprache'],
    targetGroups: ['frauen', 'neuzugewanderte'],
    languages: ['de', 'ar'],
    locations: [{ ags: TROISDORF_AGS, label: 'Familienzentrum Mitte', street: 'Kölner Straße 12', postalCode: '53840' }],
    schedule: { kind: 'recurring', rrule: 'FREQ=WEEKLY;BYDAY=TU,TH', startTime: '09:00', endTime: '11:30' },
    ...overrides,
  };
}

async function create(agent: Agent, overrides: Record<string, unknown> = {}) {
  const res = await agent.post('/api/v1/directory/offers', offerBody(overrides));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; status: string };
}

async function publish(id: string, agent: Agent = coord) {
  const current = (await agent.get(`/api/v1/directory/offers/${id}`)).json() as { version: number };
  const res = await agent.post(`/api/v1/directory/offers/${id}/publish`, {}, { 'if-match': String(current.version) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: string; version: number; status: string };
}

async function offerCount() {
  const r = await t.database.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM offers');
  return r.rows[0]!.n;
}

beforeAll(async () => {
  t = await createTestApp();
  muni = await t.as('municipality');
  coord = await t.as('coordinator');
  troisdorf = t.tree.kommunen.find((k) => k.ags === TROISDORF_AGS)!;
  siegburg = t.tree.kommunen.find((k) => k.ags === SIEGBURG_AGS)!;
});
afterAll(() => t.close());

describe('offers: create, publish, scope', () => {
  it('a municipality user creates a draft for its Kommune; the public does not see it until a coordinator publishes', async () => {
    const before = await t.auditCount("action = 'directory.offer_create'");
    const offer = await create(muni);
    expect(offer.status).toBe('draft');
    expect(await t.auditCount("action = 'directory.offer_create'")).toBe(before + 1);

    const hidden = await t.anonymous.get(`/api/v1/public/offers/${offer.id}`);
    expect(hidden.statusCode).toBe(404);
    // A "not found" must not be cached by browsers or proxies: the offer may be published a minute later.
    expect(hidden.headers['cache-control'] ?? '').not.toMatch(/public|max-age/);
    const list = (await t.anonymous.get('/api/v1/public/offers?limit=100')).json() as { items: { id: string }[] };
    expect(list.items.map((i) => i.id)).not.toContain(offer.id);

    // The municipality may not publish (no directory.publish).
    const denied = await muni.post(`/api/v1/directory/offers/${offer.id}/publish`, {}, { 'if-match': String(offer.version) });
    expect(denied.statusCode).toBe(403);

    const published = await publish(offer.id);
    expect(published.status).toBe('published');
    const pub = await t.anonymous.get(`/api/v1/public/offers/${offer.id}`);
    expect(pub.statusCode).toBe(200);
    expect(pub.json().title).toBe('Sprachkurs für Frauen mit Kinderbetreuung');
    expect(pub.json().locations[0]).toMatchObject({ ags: TROISDORF_AGS, gemeinde: 'Troisdorf', geocoded: 'centroid' });
  });

  it('a municipality user of Troisdorf cannot edit, archive or even see a draft of Siegburg (404), nor create offers for Siegburg', async () => {
    const draft = await create(coord, { organisationId: siegburg.id, title: 'Elterncafé Siegburg', locations: [{ ags: SIEGBURG_AGS }] });
    expect((await muni.get(`/api/v1/directory/offers/${draft.id}`)).statusCode).toBe(404);
    const published = await create(coord, { organisationId: siegburg.id, title: 'Hausaufgabenhilfe Siegburg', locations: [{ ags: SIEGBURG_AGS }] });
    const p = await publish(published.id);
    // Published: readable for referrals, but not editable.
    const read = await muni.get(`/api/v1/directory/offers/${p.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().can.edit).toBe(false);
    expect(read.json().internalNote).toBeNull();
    const before = await t.auditCount("action = 'directory.offer_update'");
    const patch = await muni.patch(`/api/v1/directory/offers/${p.id}`, { title: 'Gekapert' }, { 'if-match': String(p.version) });
    expect(patch.statusCode).toBe(404);
    expect((await muni.post(`/api/v1/directory/offers/${p.id}/archive`, {}, { 'if-match': String(p.version) })).statusCode).toBe(404);
    expect(await t.auditCount("action = 'directory.offer_update'")).toBe(before);
    expect((await coord.get(`/api/v1/directory/offers/${p.id}`)).json().title).toBe('Hausaufgabenhilfe Siegburg');

    const foreign = await muni.post('/api/v1/directory/offers', offerBody({ organisationId: siegburg.id }));
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().fields).toHaveProperty('organisationId');
  });

  it('an edit by the municipality of a published offer sends it back to draft (the KI approves every public text)', async () => {
    const offer = await create(muni, { title: 'Bewerbungstraining Troisdorf', handlungsfelder: ['arbeit_ausbildung'] });
    const p = await publish(offer.id);
    const res = await muni.patch(`/api/v1/directory/offers/${p.id}`, { description: 'Neue Zeiten ab März.' }, { 'if-match': String(p.version) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('draft');
    expect((await t.anonymous.get(`/api/v1/public/offers/${p.id}`)).statusCode).toBe(404);
    // A stale version is a conflict, and nothing changes.
    const stale = await muni.patch(`/api/v1/directory/offers/${p.id}`, { title: 'Alt' }, { 'if-match': String(p.version) });
    expect(stale.statusCode).toBe(409);
  });

  it('four eyes (setting of the Kreis): the last editor cannot publish, a second coordinator can', async () => {
    const admin = await t.as('admin');
    const settings = (await coord.get('/api/v1/directory/settings')).json() as { fourEyes: boolean; version: number };
    const on = await admin.put('/api/v1/directory/settings', { fourEyes: true }, { 'if-match': String(settings.version) });
    expect(on.statusCode, on.body).toBe(200);
    try {
      const offer = await create(coord, { title: 'Nähcafé international' });
      const self = await coord.post(`/api/v1/directory/offers/${offer.id}/publish`, {}, { 'if-match': String(offer.version) });
      expect(self.statusCode).toBe(409);
      expect(self.json().message).toMatch(/Vier-Augen/);
      const second = await makeUser(t.database.db, {
        email: 'koordination2@test.example',
        displayName: 'Zweite Koordination',
        password: 'Korrekt-Pferd-Batterie-42',
        memberships: [{ organisationId: t.users.coordinator.organisationId, role: 'coordinator' }],
      });
      const other = await t.asUser({ id: second.id, email: second.email, role: 'coordinator', organisationId: t.users.coordinator.organisationId });
      const ok = await other.post(`/api/v1/directory/offers/${offer.id}/publish`, {}, { 'if-match': String(offer.version) });
      expect(ok.statusCode, ok.body).toBe(200);
    } finally {
      const now = (await coord.get('/api/v1/directory/settings')).json() as { version: number };
      await admin.put('/api/v1/directory/settings', { fourEyes: false }, { 'if-match': String(now.version) });
    }
  });
});

describe('search and filters', () => {
  it('finds "Sprachkurs" when searching "Sprachkurse" (German stemming) and by a word prefix', async () => {
    const offer = await create(muni, { title: 'Sprachkurs am Abend', description: 'Integrationskurs-Vorbereitung für Berufstätige.' });
    await publish(offer.id);
    for (const q of ['Sprachkurse', 'sprachkurs', 'Sprach', 'abend']) {
      const staff = (await coord.get(`/api/v1/directory/offers?q=${encodeURIComponent(q)}`)).json() as { items: { id: string }[] };
      expect(staff.items.map((i) => i.id), q).toContain(offer.id);
      const pub = (await t.anonymous.get(`/api/v1/public/offers?q=${encodeURIComponent(q)}`)).json() as { items: { id: string }[] };
      expect(pub.items.map((i) => i.id), q).toContain(offer.id);
    }
    const none = (await t.anonymous.get('/api/v1/public/offers?q=Schwimmkurs')).json() as { items: { id: string }[] };
    expect(none.items.map((i) => i.id)).not.toContain(offer.id);
  });

  it('filters by Gemeinde, Handlungsfeld, language and target group', async () => {
    const offer = await create(muni, {
      title: 'Gesundheitslotsen auf Türkisch',
      handlungsfelder: ['gesundheit'],
      languages: ['tr'],
      targetGroups: ['senioren'],
    });
    await publish(offer.id);
    const ids = async (query: string) =>
      ((await t.anonymous.get(`/api/v1/public/offers?${query}`)).json() as { items: { id: string }[] }).items.map((i) => i.id);
    expect(await ids(`ags=${TROISDORF_AGS}&handlungsfeld=gesundheit&language=tr&targetGroup=senioren`)).toContain(offer.id);
    expect(await ids(`ags=${SIEGBURG_AGS}`)).not.toContain(offer.id);
    expect(await ids('handlungsfeld=wohnen')).not.toContain(offer.id);
    expect(await ids('language=uk')).not.toContain(offer.id);
    expect(await ids('targetGroup=kinder')).not.toContain(offer.id);
    // The map counts of the public list ignore the Gemeinde filter: the other Gemeinden stay visible on the map.
    const inSiegburg = (await t.anonymous.get(`/api/v1/public/offers?ags=${SIEGBURG_AGS}&handlungsfeld=gesundheit`)).json();
    expect(inSiegburg.items.map((i: { id: string }) => i.id)).not.toContain(offer.id);
    expect(inSiegburg.byGemeinde.find((g: { ags: string }) => g.ags === TROISDORF_AGS).count).toBeGreaterThanOrEqual(1);
    const nothing = (await t.anonymous.get('/api/v1/public/offers?q=Zzzyxwort')).json();
    expect(nothing).toMatchObject({ items: [], total: 0 });
    expect(nothing.byGemeinde).toHaveLength(19);
    const pastEnd = (await t.anonymous.get('/api/v1/public/offers?offset=5000')).json();
    expect(pastEnd.items).toEqual([]);
    expect(pastEnd.total).toBeGreaterThan(0);
    const map = (await coord.get('/api/v1/directory/offers/by-gemeinde?handlungsfeld=gesundheit')).json() as { byGemeinde: { ags: string; count: number }[] };
    expect(map.byGemeinde).toHaveLength(19);
    expect(map.byGemeinde.find((g) => g.ags === TROISDORF_AGS)!.count).toBeGreaterThanOrEqual(1);
  });
});

describe('the public directory never shows drafts, internal notes or non-public contacts', () => {
  it('shows translations by lang, falls back to German with a flag, and hides what is internal', async () => {
    const admin = await muni.post(`/api/v1/directory/akteure/${troisdorf.id}/contacts`, {
      name: 'Gabriele Geheim',
      role: 'integrationsbeauftragte',
      weeklyHours: 19.5,
      email: 'g.geheim@troisdorf.example',
      isPublic: false,
    });
    expect(admin.statusCode, admin.body).toBe(201);
    const hidden = admin.json() as { id: string };
    const shown = (
      await muni.post(`/api/v1/directory/akteure/${troisdorf.id}/contacts`, { name: 'Paul Öffentlich', role: 'ansprechperson', isPublic: true, phone: '02241 900-100' })
    ).json() as { id: string };

    const secretOffer = await create(muni, {
      title: 'Beratung zum Aufenthaltsrecht',
      handlungsfelder: ['aufenthalt_recht', 'beratung'],
      internalNote: 'INTERN-Träger zahlt Miete verspätet',
      contactPersonId: hidden.id,
      translations: { ar: { title: 'استشارة حول حق الإقامة', description: 'استشارة مجانية' }, en: { title: 'Residence law counselling', description: 'Free advice.' } },
    });
    await publish(secretOffer.id);
    const withPublicContact = await create(muni, { title: 'Offenes Sprachcafé', contactPersonId: shown.id });
    await publish(withPublicContact.id);
    const draft = await create(muni, { title: 'ENTWURF-Geheimprojekt', internalNote: 'INTERN-noch nicht abgestimmt' });

    const ar = (await t.anonymous.get(`/api/v1/public/offers/${secretOffer.id}?lang=ar`)).json();
    expect(ar).toMatchObject({ title: 'استشارة حول حق الإقامة', translated: true, contentLang: 'ar' });
    const fa = (await t.anonymous.get(`/api/v1/public/offers/${secretOffer.id}?lang=fa`)).json();
    expect(fa).toMatchObject({ title: 'Beratung zum Aufenthaltsrecht', translated: false, contentLang: 'de' });
    expect(fa.contact.name).toBeNull();
    const pc = (await t.anonymous.get(`/api/v1/public/offers/${withPublicContact.id}`)).json();
    expect(pc.contact).toMatchObject({ name: 'Paul Öffentlich', phone: '02241 900-100' });

    const bodies = [
      (await t.anonymous.get('/api/v1/public/offers?limit=100')).body,
      (await t.anonymous.get('/api/v1/public/offers?limit=100&lang=ar')).body,
      (await t.anonymous.get(`/api/v1/public/offers/${secretOffer.id}`)).body,
      (await t.anonymous.get('/api/v1/public/open-data/angebote.json')).body,
      (await t.anonymous.get('/api/v1/public/open-data/angebote.csv')).body,
      (await t.anonymous.get('/api/v1/public/gemeinden.geojson')).body,
    ];
    for (const body of bodies) {
      expect(body).not.toContain('INTERN-');
      expect(body).not.toContain('ENTWURF-Geheimprojekt');
      expect(body).not.toContain(draft.id);
      expect(body).not.toContain('Gabriele Geheim');
      expect(body).not.toContain('g.geheim@troisdorf.example');
      expect(body).not.toMatch(/"status"\s*:\s*"(draft|published)"|internalNote|createdBy|updatedBy/);
    }
    expect(bodies[3]).toContain('Offenes Sprachcafé');
    expect(bodies[4]).toContain('Beratung zum Aufenthaltsrecht');
  });

  it('answers an open-data CSV with BOM and the documented columns, and a valid JSON in HSDS shape', async () => {
    const csv = await t.anonymous.get('/api/v1/public/open-data/angebote.csv');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.charCodeAt(0)).toBe(0xfeff);
    expect(csv.body.slice(1).split('\r\n')[0]).toMatch(/^id,name,description,organization_name,taxonomy_terms/);
    const json = (await t.anonymous.get('/api/v1/public/open-data/angebote.json')).json();
    expect(json.services.length).toBe(json.count);
    expect(json.services[0]).toHaveProperty('service_at_locations');
    expect(json.services[0]).toHaveProperty('taxonomy_terms');
  });

  it('rate-limits the public exports (429 with a German message and Retry-After)', async () => {
    let last = 0;
    let res;
    for (let i = 0; i < 35; i++) {
      res = await t.app.inject({ method: 'GET', url: '/api/v1/public/open-data/angebote.csv', remoteAddress: '10.99.1.1' });
      last = res.statusCode;
      if (last === 429) break;
    }
    expect(last).toBe(429);
    expect(res!.json().message).toMatch(/Zu viele Anfragen/);
    expect(res!.headers['retry-after']).toBeDefined();
  });
});

describe('calendar and map', () => {
  it('serves an RFC 5545 calendar with UID and DTSTAMP for a dated offer and folds long lines', async () => {
    const offer = await create(muni, {
      title: 'Infoabend Ausbildung in Deutschland – mit Dolmetschung in Arabisch, Farsi, Ukrainisch und Russisch; Anmeldung erbeten',
      schedule: {
        kind: 'dated',
        dates: [
          { start: '2031-03-02T18:00:00+01:00', end: '2031-03-02T20:00:00+01:00' },
          { start: '2031-04-06T18:00:00+02:00', end: '2031-04-06T20:00:00+02:00' },
        ],
      },
    });
    await publish(offer.id);
    const res = await t.anonymous.get(`/api/v1/public/offers/${offer.id}/calendar.ics`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/calendar/);
    const ics = res.body;
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(ics).toContain(`UID:${offer.id}-1@localhost`);
    expect(ics).toMatch(/DTSTAMP:\d{8}T\d{6}Z/);
    expect(ics).toContain('DTSTART:20310302T170000Z');
    expect(ics).toContain('\\;');
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain('SUMMARY:Infoabend Ausbildung in Deutschland – mit Dolmetschung in Arabisch\\, Farsi');

    const recurring = await create(muni, { title: 'Sprachtreff dienstags', validFrom: '2031-01-01', validTo: '2031-06-30' });
    await publish(recurring.id);
    const r = (await t.anonymous.get(`/api/v1/public/offers/${recurring.id}/calendar.ics`)).body.replace(/\r\n /g, '');
    expect(r).toContain('DTSTART;TZID=Europe/Berlin:20310102T090000');
    expect(r).toContain('RRULE:FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20310630T225959Z');
    expect(r).toContain('BEGIN:VTIMEZONE');
  });

  it('serves the 19 Gemeinden of the Kreis as GeoJSON with offer counts', async () => {
    const res = await t.anonymous.get('/api/v1/public/gemeinden.geojson');
    expect(res.statusCode).toBe(200);
    const geo = res.json();
    expect(geo.features).toHaveLength(19);
    const td = geo.features.find((f: { properties: { ags: string } }) => f.properties.ags === TROISDORF_AGS);
    expect(td.properties.name).toBe('Troisdorf');
    expect(td.properties.offers).toBeGreaterThan(0);
    expect(res.body.length).toBeLessThan(150_000);
  });
});

describe('coverage matrix', () => {
  it('counts published offers per Gemeinde and Handlungsfeld and per 10,000 inhabitants with the Zensus 2022 population of the CSV', async () => {
    const csv = parseCsv(fs.readFileSync(path.join(DATA_DIR, 'nrw', 'nrw-gemeinden.csv'), 'utf8'));
    const population = Number(csv.find((r) => r.ags === TROISDORF_AGS)!.einwohner_zensus_2022);
    const m = (await coord.get('/api/v1/coverage/matrix')).json();
    const row = m.rows.find((r: { ags: string }) => r.ags === TROISDORF_AGS);
    expect(row.population).toBe(population);
    const sprache = row.cells.find((c: { handlungsfeld: string }) => c.handlungsfeld === 'sprache');
    const { rows } = await t.database.pool.query<{ n: number }>(
      `SELECT count(DISTINCT o.id)::int AS n FROM offers o JOIN offer_locations l ON l.offer_id = o.id
       WHERE o.status = 'published' AND l.ags = $1 AND 'sprache' = ANY (o.handlungsfelder)`,
      [TROISDORF_AGS],
    );
    expect(sprache.count).toBe(rows[0]!.n);
    expect(sprache.per10k).toBeCloseTo((rows[0]!.n / population) * 10_000, 2);
    expect(m.rows).toHaveLength(19);
    const wohnen = row.cells.find((c: { handlungsfeld: string }) => c.handlungsfeld === 'wohnen');
    expect(wohnen).toMatchObject({ count: 0, gap: true });
    const muniView = await muni.get('/api/v1/coverage/matrix');
    expect(muniView.statusCode).toBe(200);
    expect((await (await t.as('partner')).get('/api/v1/coverage/matrix')).statusCode).toBe(403);
  });

  it('flags near-duplicate offers in the same Gemeinde, Handlungsfeld and target group as possible Doppelstrukturen', async () => {
    const a = await create(muni, { title: 'Deutschkurs für Mütter mit Kinderbetreuung', targetGroups: ['frauen'] });
    const b = await create(coord, { organisationId: t.tree.orgs.traeger!.id, title: 'Deutschkurs für Mütter mit Kinderbetreuung am Vormittag', targetGroups: ['frauen', 'eltern'] });
    const c = await create(coord, { organisationId: t.tree.orgs.traeger!.id, title: 'Deutschkurs für Mütter mit Kinderbetreuung', targetGroups: ['senioren'] });
    for (const o of [a, b, c]) await publish(o.id);
    const m = (await coord.get('/api/v1/coverage/matrix')).json() as { duplicates: { a: { id: string }; b: { id: string }; handlungsfeld: string }[] };
    const pair = (x: string, y: string) => m.duplicates.find((d) => (d.a.id === x && d.b.id === y) || (d.a.id === y && d.b.id === x));
    expect(pair(a.id, b.id)).toMatchObject({ handlungsfeld: 'sprache' });
    expect(pair(a.id, c.id)).toBeUndefined(); // different target groups
  });

  it('exports XLSX (read back with exceljs) and PDF (read back with pdftotext) with umlauts and the data attribution', async () => {
    const xlsx = await coord.get('/api/v1/coverage/matrix.xlsx');
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Anzahl')!;
    const header = ws.getRow(4).values as unknown[];
    expect(header).toContain('Familie und Frühe Hilfen');
    const trRow = ws.getRows(5, 19)!.find((r) => r.getCell(2).value === TROISDORF_AGS)!;
    expect(trRow.getCell(1).value).toBe('Troisdorf');
    expect(wb.getWorksheet('Quellen')!.getCell('A3').value).toMatch(/GeoBasis-DE/);

    const pdf = await coord.get('/api/v1/coverage/matrix.pdf');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const file = path.join(os.tmpdir(), `coverage-${process.pid}.pdf`);
    fs.writeFileSync(file, pdf.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    fs.rmSync(file);
    expect(text).toContain('Angebotsabdeckung nach Gemeinde und Handlungsfeld');
    expect(text).toContain('Troisdorf');
    expect(text).toContain('Königswinter');
    expect(text).toMatch(/GeoBasis-DE/);
    expect(text).toMatch(/Zensus 2022/);
  });
});

describe('Akteure', () => {
  it('a municipality user adds a Verein below its Kommune, saves its profile and contacts; Siegburg is out of scope', async () => {
    const res = await muni.post('/api/v1/directory/akteure', {
      parentId: troisdorf.id,
      kind: 'verein',
      name: 'Willkommen in Troisdorf e. V.',
      profile: { street: 'Am Markt 1', postalCode: '53840', city: 'Troisdorf', ags: TROISDORF_AGS, legalDomains: ['asylblg'] },
    });
    expect(res.statusCode, res.body).toBe(201);
    const akteur = res.json();
    expect(akteur).toMatchObject({ kind: 'verein', gemeinde: 'Troisdorf', profile: { version: 1, legalDomains: ['asylblg'] } });
    const save = await muni.put(`/api/v1/directory/akteure/${akteur.id}/profile`, { description: 'Patenschaften', ags: TROISDORF_AGS }, { 'if-match': '1' });
    expect(save.statusCode, save.body).toBe(200);
    expect(save.json().profile.version).toBe(2);

    const contact = await muni.post(`/api/v1/directory/akteure/${akteur.id}/contacts`, { name: 'Hanna Weber', role: 'leitung', weeklyHours: 10 });
    expect(contact.statusCode).toBe(201);
    const c = contact.json();
    const upd = await muni.patch(`/api/v1/directory/contacts/${c.id}`, { isPublic: true }, { 'if-match': String(c.version) });
    expect(upd.json().isPublic).toBe(true);
    expect((await muni.request('DELETE', `/api/v1/directory/contacts/${c.id}`, {}, { 'if-match': String(upd.json().version) })).statusCode).toBe(200);

    expect((await muni.put(`/api/v1/directory/akteure/${siegburg.id}/profile`, { description: 'x' }, { 'if-match': '0' })).statusCode).toBe(404);
    expect((await muni.post(`/api/v1/directory/akteure/${siegburg.id}/contacts`, { name: 'Fremd Person', role: 'leitung' })).statusCode).toBe(404);
    const detail = (await muni.get(`/api/v1/directory/akteure/${akteur.id}`)).json();
    expect(detail).toMatchObject({ name: 'Willkommen in Troisdorf e. V.', parentId: troisdorf.id, profile: { description: 'Patenschaften' }, contacts: [] });
    expect((await muni.get(`/api/v1/directory/akteure/00000000-0000-4000-8000-000000000000`)).statusCode).toBe(404);
    const list = (await muni.get(`/api/v1/directory/akteure?kind=kommune`)).json() as { items: { name: string; can: { edit: boolean } }[] };
    expect(list.items).toHaveLength(19);
    expect(list.items.find((i) => i.name.endsWith('Troisdorf'))!.can.edit).toBe(true);
    expect(list.items.find((i) => i.name.endsWith('Siegburg'))!.can.edit).toBe(false);
  });
});

describe('bad input', () => {
  it('answers 400 with a German message naming the field and writes nothing', async () => {
    const before = await offerCount();
    const cases: [Record<string, unknown>, string][] = [
      [{ title: '' }, 'title'],
      [{ handlungsfelder: ['kochen'] }, 'handlungsfelder.0'],
      [{ handlungsfelder: [] }, 'handlungsfelder'],
      [{ languages: ['deutsch'] }, 'languages.0'],
      [{ locations: [{ ags: '05111000' }] }, 'locations.0.ags'],
      [{ locations: [] }, 'locations'],
      [{ schedule: { kind: 'recurring', rrule: 'FREQ=SOMETIMES', startTime: '09:00', endTime: '10:00' } }, 'schedule.rrule'],
      [{ schedule: { kind: 'recurring', rrule: 'FREQ=WEEKLY', startTime: '25:00', endTime: '10:00' } }, 'schedule.startTime'],
      [{ ageMin: 30, ageMax: 20 }, 'ageMax'],
      [{ validFrom: '2026-05-01', validTo: '2026-04-01' }, 'validTo'],
      [{ website: 'javascript:alert(1)' }, 'website'],
      [{ translations: { xx: { title: 'abc', description: '' } } }, 'translations.xx'],
      [{ costCents: -5 }, 'costCents'],
      [{ extra: 1 }, 'extra'],
    ];
    for (const [override, field] of cases) {
      const res = await muni.post('/api/v1/directory/offers', offerBody(override));
      expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
      const body = res.json();
      expect(Object.keys(body.fields ?? {}), `${field}: ${res.body}`).toContain(field);
      expect(body.message, field).toMatch(/Ungültige|Feld/);
    }
    expect(await offerCount()).toBe(before);
  });
});

describe('request for publication', () => {
  it('notifies the KI’s coordinators when a Kommune submits a draft', async () => {
    const offer = await create(muni, { title: 'Interkulturelles Frauenfrühstück' });
    const res = await muni.post(`/api/v1/directory/offers/${offer.id}/request-publication`, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().notified).toBeGreaterThanOrEqual(2); // coordinator and lead of the harness
    const notes = await t.database.pool.query(`SELECT link FROM notifications WHERE user_id = $1 AND kind = 'directory.publication_requested'`, [t.users.coordinator.id]);
    expect(notes.rows.map((r) => r.link)).toContain(`/netzwerk/angebote/${offer.id}`);
  });
});

describe('review reminders', () => {
  it('notifies the provider’s municipality users when an offer has not been confirmed for six months, once', async () => {
    const offer = await create(muni, { title: 'Mietführerschein' });
    await t.database.pool.query(`UPDATE offers SET last_reviewed_at = now() - interval '7 months' WHERE id = $1`, [offer.id]);
    expect(await runReviewReminders(t.database)).toBeGreaterThanOrEqual(1);
    const notes = await t.database.pool.query(`SELECT title, link FROM notifications WHERE user_id = $1 AND kind = 'directory.review_due'`, [t.users.municipality.id]);
    expect(notes.rows.map((r) => r.link)).toContain(`/netzwerk/angebote/${offer.id}`);
    expect(await runReviewReminders(t.database)).toBe(0);
    const listed = (await muni.get('/api/v1/directory/offers?reviewDue=true')).json() as { items: { id: string; reviewDue: boolean }[] };
    expect(listed.items.find((i) => i.id === offer.id)?.reviewDue).toBe(true);
    const current = (await muni.get(`/api/v1/directory/offers/${offer.id}`)).json();
    const reviewed = await muni.post(`/api/v1/directory/offers/${offer.id}/review`, {}, { 'if-match': String(current.version) });
    expect(reviewed.json().reviewDue).toBe(false);
  });
});
