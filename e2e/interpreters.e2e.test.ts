/**
 * Journey of the Sprachmittlerpool (issue 5): a school asks for an interpreter on the public form, the coordination
 * offers the request to the demo interpreter, who accepts on a phone-sized screen; the requester gets the
 * confirmation; after the appointment the interpreter reports completion; the monthly statement (PDF) lists it with
 * the right fee, and the private calendar feed parses with UID and DTSTAMP. Every page is checked with axe.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addWorkdays, berlinParts, berlinToday, earliestAppointmentDate, isoWeekday } from '@teilhabe/shared/interpreters/workdays';
import { demoEmail, expectAccessible, launch, newContext } from './browser.js';

const INSTITUTION = `Grundschule Sonnenhügel ${Math.random().toString(36).slice(2, 6)}`;
let browser: Browser;
let school: Page;
let coordinator: Page;
let interpreter: Page;
let statusUrl = '';
let reference = '';

/** A weekday 3 working days after the earliest date the lead-time rule allows. */
function appointmentDate(): string {
  let date = addWorkdays(earliestAppointmentDate(berlinToday(), 5, ['12-24', '12-31']), 3);
  while (isoWeekday(date) > 5) date = addWorkdays(date, 1);
  return date;
}

/** The journey's own database connection, only to let time pass: it moves the appointment into the past. */
async function database() {
  const dataDir = inject('dataDir');
  const port = fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[3]!.trim();
  const password = fs.readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim();
  const client = new pg.Client({ connectionString: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/teilhabe` });
  await client.connect();
  return client;
}

/** Signs in through the login page (the password field has a visibility toggle, hence the exact label). */
async function login(page: Page, email: string) {
  await page.goto('/anmelden');
  await page.getByLabel('E-Mail').fill(email);
  await page.getByRole('textbox', { name: 'Passwort' }).fill(inject('demoPassword'));
  await page.getByRole('button', { name: 'Anmelden' }).click();
}

function pdfText(buffer: Buffer): string {
  const file = path.join(os.tmpdir(), `teilhabe-e2e-${process.pid}-${Date.now()}.pdf`);
  fs.writeFileSync(file, buffer);
  try {
    return execFileSync('pdftotext', ['-raw', file, '-']).toString('utf8').replace(/\s+/g, ' ');
  } finally {
    fs.rmSync(file, { force: true });
  }
}

beforeAll(async () => {
  browser = await launch();
  school = await (await newContext(browser)).newPage();
  coordinator = await (await newContext(browser)).newPage();
  interpreter = await (await newContext(browser, { width: 360, height: 740 })).newPage();
});
afterAll(() => browser?.close());

describe('Sprachmittlerpool journey', () => {
  it('a school submits the public request form without logging in', async () => {
    await school.goto('/sprachmittlung/anfrage');
    await expect.poll(() => school.getByRole('heading', { level: 1 }).textContent()).toBe('Sprachmittlung anfragen');
    // The form is offered in English as well; the choice is remembered, so switch back for the German journey.
    await school.getByRole('combobox', { name: 'Sprache', exact: true }).selectOption('en');
    await expect.poll(() => school.getByRole('heading', { level: 1 }).textContent()).toBe('Request an interpreter');
    await school.getByLabel('Type of institution').waitFor();
    await expectAccessible(school, 'public request form (English)');
    await school.getByRole('combobox', { name: 'Language', exact: true }).selectOption('de');
    await expect.poll(() => school.getByRole('heading', { level: 1 }).textContent()).toBe('Sprachmittlung anfragen');
    await expectAccessible(school, 'öffentliches Anfrageformular');
    await school.getByRole('textbox', { name: /^Einrichtung/ }).fill(INSTITUTION);
    await school.getByLabel('Art der Einrichtung').selectOption('schule');
    await school.getByLabel('Gemeinde der Einrichtung').selectOption({ label: 'Troisdorf' });
    await school.getByLabel('Ansprechperson (Fachkraft)').fill('Frau Klassenlehrerin Berg');
    await school.getByLabel('E-Mail der Ansprechperson').fill('berg@grundschule.example');
    await school.getByLabel('Telefon der Ansprechperson').fill('02241 987654');
    await school.getByLabel('Sprache der Sprachmittlung').selectOption('ar');
    await school.getByLabel('Datum').fill(appointmentDate());
    await school.getByLabel('Uhrzeit').fill('10:00');
    await school.getByLabel('Voraussichtliche Dauer').selectOption('60');
    await school.getByLabel('Adresse (Straße, Hausnummer, Raum)').fill('Schulstraße 5, Raum 12');
    await school.getByLabel('Gemeinde des Termins').selectOption({ label: 'Troisdorf' });
    await school.getByLabel('Anlass').selectOption('elterngespraech_schule');
    await school.getByLabel(/keine rechtlichen Folgen hat/).check();
    await school.getByLabel(/Datenschutzhinweis gelesen/).check();
    await school.getByRole('button', { name: 'Anfrage senden' }).click();
    await expect.poll(() => school.getByRole('heading', { level: 1 }).textContent(), { timeout: 15_000 }).toMatch(/^Anfrage SM-\d{4}-\d{5}$/);
    reference = (await school.getByRole('heading', { level: 1 }).textContent())!.replace('Anfrage ', '');
    statusUrl = school.url();
    await expect.poll(() => school.getByRole('status').first().textContent()).toContain('Anfrage gesendet');
    await expectAccessible(school, 'Statusseite der Anfrage');
  });

  it('the coordination sees the request with ranked candidates and offers it to the demo interpreter', async () => {
    await login(coordinator, demoEmail('interpreter_coordinator'));
    await coordinator.waitForURL((u) => !u.pathname.startsWith('/anmelden'));
    await coordinator.goto('/sprachmittlung?status=open');
    await coordinator.getByRole('link', { name: reference }).waitFor();
    await expectAccessible(coordinator, 'Anfragenliste der Koordination');
    await coordinator.getByRole('link', { name: reference }).click();
    await expect.poll(() => coordinator.getByRole('heading', { level: 1 }).textContent()).toBe(`Anfrage ${reference}`);
    const samir = coordinator.getByRole('checkbox', { name: /Samir Haddad/ });
    await samir.waitFor();
    await expect.poll(() => coordinator.getByText('Verfügbar', { exact: false }).count()).toBeGreaterThan(0);
    await expectAccessible(coordinator, 'Anfrage mit Kandidat:innen');
    await samir.check();
    await coordinator.getByRole('button', { name: /Ausgewählte anfragen \(1\)/ }).click();
    await expect.poll(() => coordinator.getByText('Samir Haddad: Angefragt').count(), { timeout: 10_000 }).toBe(1);
  });

  it('the interpreter accepts on a 360 px screen', async () => {
    await login(interpreter, demoEmail('interpreter'));
    await interpreter.waitForURL((u) => !u.pathname.startsWith('/anmelden'));
    await interpreter.goto('/meine-einsaetze');
    const offer = interpreter.getByRole('article', { name: new RegExp(`Anfrage ${INSTITUTION}`) });
    await offer.waitFor();
    await expectAccessible(interpreter, 'Meine Einsätze (Smartphone)');
    // Nothing is cut off sideways on the phone.
    expect(await interpreter.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await offer.getByRole('button', { name: 'Annehmen' }).click();
    await interpreter.getByRole('article', { name: new RegExp(`Einsatz ${INSTITUTION}`) }).waitFor();
  });

  it('the requester gets the confirmation (page and PDF)', async () => {
    await school.goto(statusUrl);
    await expect.poll(() => school.getByText('Samir H.').count()).toBeGreaterThan(0);
    await expectAccessible(school, 'Statusseite mit Zusage');
    const href = await school.getByRole('link', { name: 'Auftragsbestätigung (PDF)' }).getAttribute('href');
    const pdf = await school.request.get(href!);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const text = pdfText(await pdf.body());
    expect(text).toContain('Auftragsbestätigung Sprachmittlung');
    expect(text).toContain(reference);
    expect(text).toContain('Samir H.');
  });

  it('after the appointment the interpreter records completion; the statement lists it with the right fee', async () => {
    // Time passes: the appointment (and its assignment) move to two hours ago.
    const db = await database();
    let month: string;
    try {
      const { rows } = await db.query(
        `UPDATE interpreter_requests SET starts_at = now() - interval '2 hours', ends_at = now() - interval '1 hour' WHERE reference = $1 RETURNING id, starts_at`,
        [reference],
      );
      expect(rows).toHaveLength(1);
      await db.query(`UPDATE interpreter_assignments SET starts_at = now() - interval '2 hours', ends_at = now() - interval '1 hour' WHERE request_id = $1`, [rows[0].id]);
      month = berlinParts(new Date(rows[0].starts_at)).date.slice(0, 7);
    } finally {
      await db.end();
    }
    await interpreter.goto('/meine-einsaetze');
    const card = interpreter.getByRole('article', { name: new RegExp(`Einsatz ${INSTITUTION}`) });
    await card.getByRole('button', { name: 'Einsatz hat stattgefunden' }).waitFor();
    await expectAccessible(interpreter, 'Abschluss melden');
    await card.getByLabel('Dauer (Min.)').fill('75');
    await card.getByLabel('Fahrt (km)').fill('8');
    await card.getByLabel('Fahrtzeit (Min.)').fill('15');
    await card.getByRole('button', { name: 'Einsatz hat stattgefunden' }).click();
    await expect.poll(() => interpreter.getByText(/durchgeführt, 75 Min\. · 42,40 €/).count(), { timeout: 10_000 }).toBe(1);

    // Aufbauschulung: 40 € per assignment + 8 km × 0,30 € = 42,40 €
    const statement = await interpreter.request.get(`/api/v1/interpreters/me/statements/${month}`);
    expect(statement.status()).toBe(200);
    const text = pdfText(await statement.body());
    expect(text).toContain('Monatsabrechnung Sprachmittlung');
    expect(text).toContain(reference);
    expect(text).toContain(INSTITUTION);
    expect(text).toMatch(/40,00 € 2,40 € 42,40 €/);
  });

  it('the private calendar feed parses and carries UID and DTSTAMP, without client data', async () => {
    await interpreter.getByRole('button', { name: /Kalender-Link erzeugen|Neuen Link erzeugen/ }).click();
    const url = await interpreter.getByLabel('Kalender-Link').inputValue();
    expect(url).toMatch(/\/api\/v1\/public\/interpreter-calendar\/[\w-]+\.ics$/);
    await expectAccessible(interpreter, 'Kalender-Link');
    const feed = await fetch(`${inject('baseURL')}${new URL(url).pathname}`);
    expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const body = await feed.text();
    const calendar = new ICAL.Component(ICAL.parse(body));
    const events = calendar.getAllSubcomponents('vevent');
    const ours = events.find((e) => String(e.getFirstPropertyValue('summary')).includes(INSTITUTION));
    expect(ours).toBeTruthy();
    for (const e of events) {
      expect(String(e.getFirstPropertyValue('uid'))).toMatch(/^[0-9a-f-]{36}@/);
      expect(e.getFirstPropertyValue('dtstamp')).toBeTruthy();
    }
    expect(body).not.toContain('berg@grundschule.example');
    expect(body).not.toContain('Frau Klassenlehrerin Berg');
  });

  it('the coordination’s payout and statistics pages are accessible', async () => {
    await coordinator.goto('/sprachmittlung/abrechnung');
    await expect.poll(() => coordinator.getByRole('heading', { level: 1 }).textContent()).toBe('Abrechnung und Budget');
    await coordinator.getByRole('heading', { name: /^Budget \d{4}$/ }).waitFor();
    await expectAccessible(coordinator, 'Abrechnung und Budget');
    await coordinator.goto('/sprachmittlung/statistik');
    await coordinator.getByRole('heading', { name: 'Nach Sprache' }).waitFor();
    await expectAccessible(coordinator, 'Statistik');
    await coordinator.goto('/sprachmittlung/pool?sprache=ar');
    await coordinator.getByRole('link', { name: 'Samir Haddad' }).waitFor();
    await expectAccessible(coordinator, 'Pool');
    await coordinator.getByRole('link', { name: 'Samir Haddad' }).click();
    await expect.poll(() => coordinator.getByRole('heading', { level: 1 }).textContent()).toBe('Samir Haddad');
    await coordinator.getByLabel('IBAN').waitFor();
    // The exclusion list (with the demo's reason) and the coordination's documents sit below the form.
    await coordinator.getByRole('heading', { name: 'Ausschlussliste' }).waitFor();
    await coordinator.getByRole('button', { name: /^Ausschluss „.+“ aufheben$/ }).first().waitFor();
    await coordinator.getByRole('heading', { name: /^Dokumente/ }).waitFor();
    await expectAccessible(coordinator, 'Sprachmittler:in bearbeiten');
    await coordinator.goto('/sprachmittlung/einstellungen');
    await coordinator.getByLabel('Vorlauf (Werktage)').waitFor();
    await expectAccessible(coordinator, 'Regeln und Tarife');
  });
});
