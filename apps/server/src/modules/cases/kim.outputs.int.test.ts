import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../../test/harness.js';
import { freshUser } from '../../../test/helpers.js';

let t: TestApp;
let cm: Agent;
const today = new Date().toISOString().slice(0, 10);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kim-outputs-'));

function pdfText(body: Buffer, name: string): { text: string; fonts: string } {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, body);
  // Reading order without layout, whitespace collapsed: phrases wrapped in a table column read as one line.
  const text = execFileSync('pdftotext', [file, '-']).toString('utf8').replace(/\s+/gu, ' ');
  return { text, fonts: execFileSync('pdffonts', [file]).toString('utf8') };
}

async function created<T = { id: string; version: number }>(res: { statusCode: number; body: string; json(): unknown }): Promise<T> {
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as T;
}

let arabicConsent: string;
let ukrainianConsent: string;
let arabicCase: string;

beforeAll(async () => {
  t = await createTestApp();
  cm = await t.as('case_manager');
  const jobcenter = t.tree.orgs.jobcenter!.id;
  const hassan = await created(
    await cm.post('/api/v1/people', {
      givenNames: 'Mohammed',
      familyName: 'Al-Hassan',
      nativeGivenNames: 'محمد',
      nativeFamilyName: 'الحسن',
      birthDate: '1991-04-12',
      sex: 'male',
      languages: [{ code: 'ar', interpreterNeeded: true }],
    }),
  );
  const olena = await created(
    await cm.post('/api/v1/people', {
      givenNames: 'Olena',
      familyName: 'Kovalenko',
      nativeGivenNames: 'Олена',
      nativeFamilyName: 'Коваленко',
      birthDate: '1985-02-03',
      sex: 'female',
      languages: [{ code: 'uk', interpreterNeeded: false }],
    }),
  );
  arabicConsent = (
    await created(
      await cm.post(`/api/v1/people/${hassan.id}/consents`, {
        recipientOrganisationId: jobcenter,
        purpose: 'labour_market',
        categories: ['identity', 'education_work'],
        legalBasis: 'sgb10_67b',
        formLanguage: 'ar',
        givenBy: 'self',
        givenAt: today,
      }),
    )
  ).id;
  ukrainianConsent = (
    await created(
      await cm.post(`/api/v1/people/${olena.id}/consents`, {
        recipientOrganisationId: jobcenter,
        purpose: 'language_course',
        categories: ['identity', 'languages'],
        legalBasis: 'art6_1a',
        formLanguage: 'uk',
        givenBy: 'guardian',
        guardianName: 'Iryna Kovalenko',
        givenAt: today,
        validUntil: '2099-12-31',
      }),
    )
  ).id;
  const c = await created(await cm.post('/api/v1/cases', { personId: hassan.id, referringBody: 'mbe' }));
  arabicCase = c.id;
  await created(
    await cm.post(`/api/v1/cases/${c.id}/goals`, {
      lifeDomain: 'work',
      title: 'Anerkennung als Elektroniker klären',
      steps: [{ text: 'Zeugnisse übersetzen lassen', done: true }, { text: 'Termin bei der Anerkennungsberatung' }],
      responsibleOrganisationId: jobcenter,
      dueDate: '2027-03-31',
    }),
  );
  await created(await cm.post(`/api/v1/cases/${c.id}/goals`, { lifeDomain: 'housing', title: 'Eigene Wohnung in Troisdorf finden' }));
  await created(await cm.post('/api/v1/cases', { personId: olena.id, referringBody: 'self' }));
  // Five more cases: 6 × männlich, 1 × weiblich → "weiblich" and the next smallest cell are suppressed.
  for (let i = 0; i < 5; i++) {
    const p = await created(await cm.post('/api/v1/people', { givenNames: `Karim ${i}`, familyName: 'Testperson', sex: 'male', birthDate: '1990-01-01' }));
    const other = await created(await cm.post('/api/v1/cases', { personId: p.id, referringBody: 'self' }));
    await created(await cm.post(`/api/v1/cases/${other.id}/contacts`, { occurredAt: new Date().toISOString(), durationMinutes: 30, mode: 'in_person', lifeDomains: ['work'] }));
  }
});
afterAll(() => t.close());

describe('consent form PDF', () => {
  it('prints the Arabic form beside the German one, in Arabic script with the Arabic font embedded', async () => {
    const res = await cm.get(`/api/v1/consents/${arabicConsent}/form.pdf`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const { text, fonts } = pdfText(res.rawPayload, 'consent-ar.pdf');
    expect(fonts).toMatch(/NotoNaskhArabic/);
    expect(text).toContain('Einwilligung in die Weitergabe von Daten');
    expect(text).toContain('Jobcenter Rhein-Sieg');
    expect(text).toContain('Mohammed Al-Hassan');
    expect(text).toContain('§ 67b Abs. 2 Zehntes Buch Sozialgesetzbuch');
    expect(text).toContain('Unterschrift der Person');
    // The Arabic clauses come back as Arabic letters (in visual or logical order), never as "?" or replacement marks.
    const arabicLetters = text.match(/[\u0600-\u06FF]/gu) ?? [];
    expect(arabicLetters.length).toBeGreaterThan(800);
    for (const word of ['الموافقة', 'البيانات']) expect(text.includes(word) || text.includes([...word].reverse().join('')), word).toBe(true);
    expect(text).not.toMatch(/[?\uFFFD]/u);
    expect(await t.auditCount(`action = 'consents.form_pdf' AND subject_id = $1`, [arabicConsent])).toBe(1);
  });

  it('prints the Ukrainian form with Ukrainian letters and the guardian’s signature line', async () => {
    const res = await cm.get(`/api/v1/consents/${ukrainianConsent}/form.pdf`);
    expect(res.statusCode, res.body).toBe(200);
    const { text, fonts } = pdfText(res.rawPayload, 'consent-uk.pdf');
    expect(fonts).not.toMatch(/NotoNaskhArabic/);
    expect(text).toContain('Згода на передачу даних');
    expect(text).toContain('Відкликання діє на майбутнє');
    expect(text).toContain('Підпис законного представника');
    expect(text).toContain('Unterschrift der gesetzlichen Vertretung');
    expect(text).toContain('Iryna Kovalenko');
    expect(text).toMatch(/31\.12\.2099/);
    expect(text).toMatch(/[ґєії]/u);
  });

  it('is not available outside the own organisation', async () => {
    const siegburg = await t.asUser(await freshUser(t, 'case_manager', { organisationId: t.tree.orgs.kimSiegburg!.id }));
    expect((await siegburg.get(`/api/v1/consents/${arabicConsent}/form.pdf`)).statusCode).toBe(404);
  });
});

describe('Hilfeplan PDF', () => {
  it('lists goals per Lebensbereich with steps, responsible organisation, due date and status, labels also in Arabic', async () => {
    const res = await cm.get(`/api/v1/cases/${arabicCase}/hilfeplan.pdf`);
    expect(res.statusCode, res.body).toBe(200);
    const { text, fonts } = pdfText(res.rawPayload, 'hilfeplan.pdf');
    expect(fonts).toMatch(/NotoNaskhArabic/);
    expect(text).toContain('Hilfeplan');
    expect(text).toContain('Mohammed Al-Hassan');
    expect(text).toContain('12.04.1991');
    expect(text).toContain('Arbeit/Ausbildung');
    expect(text).toContain('Anerkennung als Elektroniker klären');
    expect(text).toContain('[x] Zeugnisse übersetzen lassen');
    expect(text).toMatch(/Jobcenter Rhein-?\s?Sieg/u);
    expect(text).toContain('31.03.2027');
    expect(text).toContain('Wohnen');
    expect(text).toContain('offen');
    expect((text.match(/[\u0600-\u06FF]/gu) ?? []).length).toBeGreaterThan(100);
    expect(await t.auditCount(`action = 'cases.hilfeplan_pdf' AND subject_id = $1`, [arabicCase])).toBe(1);
  });

  it('prints the standard texts in a chosen language instead, or German only, and refuses an unknown one', async () => {
    const uk = await cm.get(`/api/v1/cases/${arabicCase}/hilfeplan.pdf?language=uk`);
    expect(uk.statusCode, uk.body).toBe(200);
    const ukText = pdfText(uk.rawPayload, 'hilfeplan-uk.pdf').text;
    expect(ukText).toContain('Anerkennung als Elektroniker klären');
    expect((ukText.match(/[\u0400-\u04FF]/gu) ?? []).length).toBeGreaterThan(50);
    // Only the person's name stays in Arabic script; no Arabic standard texts.
    expect((ukText.match(/[\u0600-\u06FF]/gu) ?? []).length).toBeLessThan(20);
    const de = pdfText((await cm.get(`/api/v1/cases/${arabicCase}/hilfeplan.pdf?language=de`)).rawPayload, 'hilfeplan-de.pdf').text;
    expect(de).toContain('Hilfeplan');
    expect((de.match(/[\u0400-\u04FF]/gu) ?? []).length).toBe(0);
    expect((de.match(/[\u0600-\u06FF]/gu) ?? []).length).toBeLessThan(20);
    const bad = await cm.get(`/api/v1/cases/${arabicCase}/hilfeplan.pdf?language=xx`);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('language');
  });
});

describe('Beratungszahlen exports', () => {
  it('exports XLSX with one sheet per dimension, suppressed cells as • with a legend', async () => {
    const res = await cm.get(`/api/v1/evaluation.xlsx?from=${today}&to=${today}`);
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual(expect.arrayContaining(['Übersicht', 'Gemeinde', 'Geschlecht', 'Kontakte nach Art', 'Zielerreichung']));
    const rows = (name: string) => wb.getWorksheet(name)!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    const overview = rows('Übersicht');
    expect(overview).toContainEqual(['neue Fälle', 7]);
    expect(overview.flat().join(' ')).toContain('• = unterdrückt');
    const sex = rows('Geschlecht');
    // weiblich (1) is below 5; männlich (6) is hidden too, or it could be recomputed from the sum.
    expect(sex).toContainEqual(['männlich', '•']);
    expect(sex).toContainEqual(['weiblich', '•']);
    expect(sex).toContainEqual(['Summe', 7]);
    expect(rows('Kontakte nach Art')).toContainEqual(['persönlich', 5]);
    expect(sex.flat().join(' ')).toMatch(/Zeitraum/);
  });

  it('exports a PDF with the figures, a chart and the same suppression', async () => {
    const res = await cm.get(`/api/v1/evaluation.pdf?from=${today}&to=${today}`);
    expect(res.statusCode, res.body).toBe(200);
    const { text } = pdfText(res.rawPayload, 'evaluation.pdf');
    expect(text).toContain('Beratungszahlen');
    expect(text).toContain('Diagramm: Beratungskontakte nach Art');
    expect(text).toMatch(/neue Fälle\s+7/);
    expect(text).toMatch(/weiblich\s+•/);
    expect(text).toMatch(/männlich\s+•/);
    expect(text).toContain('• = unterdrückt');
    expect(text).not.toMatch(/weiblich\s+1\b/);
  });
});
