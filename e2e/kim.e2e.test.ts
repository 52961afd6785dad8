import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Secret, TOTP } from 'otpauth';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoEmail, expectAccessible, launch, newContext } from './browser.js';

let browser: Browser;
let cm: Page;
let partner: Page;
let personUrl = '';
let caseUrl = '';
let referralUrl = '';

async function login(page: Page, email: string) {
  await page.goto('/anmelden');
  await page.getByLabel('E-Mail').fill(email);
  await page.locator('input[type=password]').fill(inject('demoPassword'));
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/anmelden'));
}

const heading = (page: Page) => page.getByRole('heading', { level: 1 });
/** A form field by its exact label; required fields carry Mantine's " *" after the label text. */
const field = (page: Page, label: string) => page.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`));

beforeAll(async () => {
  browser = await launch();
  cm = await (await newContext(browser)).newPage();
  partner = await (await newContext(browser)).newPage();
  await login(cm, demoEmail('case_manager'));
  await login(partner, demoEmail('partner'));
});
afterAll(() => browser?.close());

async function changePhase(to: string, extra?: () => Promise<void>) {
  await cm.getByLabel('Nächste Phase').selectOption({ label: to });
  if (extra) await extra();
  await cm.getByRole('button', { name: 'Phase wechseln' }).click();
  await expect.poll(() => cm.getByRole('heading', { level: 2, name: `Phase: ${to}` }).count()).toBe(1);
}

describe('KIM journey: search across scripts, case through the phases, consent, referral, withdrawal, Art. 15', () => {
  it('starts on "Meine Fälle" with overdue Wiedervorlagen and cases without contact', async () => {
    await cm.goto('/faelle');
    await expect.poll(() => heading(cm).textContent()).toBe('Meine Fälle');
    await cm.getByRole('heading', { name: /Überfällige Wiedervorlagen/ }).waitFor();
    await cm.getByRole('region', { name: 'Fälle ohne Kontakt' }).waitFor();
    await expectAccessible(cm, 'Meine Fälle');
  });

  it('warns about "محمد الحسن / Mohammed Al-Hassan" when the case manager types "Muhammad Alhasan"', async () => {
    await cm.goto('/personen');
    await expect.poll(() => heading(cm).textContent()).toBe('Personen');
    await field(cm, 'Vorname(n)').fill('Muhammad');
    await field(cm, 'Familienname').fill('Alhasan');
    const warning = cm.getByRole('alert').filter({ hasText: 'Mohammed Al-Hassan' });
    await warning.waitFor();
    await expect.poll(() => warning.textContent()).toContain('Mögliche Doppelung');
    const text = (await warning.textContent()) ?? '';
    expect(text).toContain('محمد الحسن');
    expect(text).toContain('gleiche arabische Schreibweise');
    await expectAccessible(cm, 'Personen mit Doppelungswarnung');
  });

  it('creates a new person instead, because it is someone else', async () => {
    await cm.getByLabel('Geburtsdatum').fill('1998-07-20');
    await cm.getByLabel('Ich habe die Treffer geprüft: Es ist eine andere Person.').check();
    await cm.getByRole('button', { name: 'Person anlegen' }).click();
    await cm.waitForURL(/\/personen\/[0-9a-f-]{36}$/);
    personUrl = new URL(cm.url()).pathname;
    await expect.poll(() => heading(cm).textContent()).toBe('Muhammad Alhasan');
    await expectAccessible(cm, 'Person');
  });

  it('opens a case and moves it through the phases up to Linking', async () => {
    await cm.getByLabel('Zugang über').selectOption({ label: 'Jobcenter' });
    await cm.getByRole('button', { name: 'Fall eröffnen' }).click();
    await cm.waitForURL(/\/faelle\/[0-9a-f-]{36}$/);
    caseUrl = new URL(cm.url()).pathname;
    await expect.poll(() => heading(cm).textContent()).toContain('Muhammad Alhasan');
    await expectAccessible(cm, 'Fall in Phase Zugang');
    await changePhase('Clearing');
    await changePhase('Intake', async () => {
      await cm.getByRole('radio', { name: 'aufgenommen' }).check();
      await cm.getByRole('checkbox', { name: 'höchstens 3 Jahre im Kreis' }).check();
    });
    await changePhase('Assessment');
    await changePhase('Hilfeplanung');
    await changePhase('Linking');
    const current = cm.locator('[aria-current="step"]');
    expect(await current.textContent()).toContain('Linking');
    await expectAccessible(cm, 'Fall in Phase Linking');
  });

  it('records a consent for the Jobcenter', async () => {
    await cm.goto(personUrl);
    await cm.getByRole('button', { name: 'Einwilligung erfassen' }).click();
    await field(cm, 'Empfängerstelle').selectOption({ label: 'Jobcenter Rhein-Sieg' });
    await cm.getByRole('checkbox', { name: 'Sprachen und Sprachmittlungsbedarf' }).check();
    await cm.getByRole('checkbox', { name: 'Ziele des Hilfeplans' }).check();
    await expectAccessible(cm, 'Einwilligung erfassen');
    await cm.getByRole('button', { name: 'Einwilligung speichern' }).click();
    const row = cm.getByRole('row').filter({ hasText: 'Jobcenter Rhein-Sieg' });
    await row.waitFor();
    expect(await row.textContent()).toContain('gültig');
  });

  it('uploads a document on the case page and lists it; the person page shows documents and four-eyes requests', async () => {
    await cm.goto(caseUrl);
    await cm.getByLabel('Dokument hochladen (PDF, Bild oder Word, höchstens 20 MB)').setInputFiles({
      name: 'Bescheid Jobcenter.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1'),
    });
    await cm.getByRole('status').filter({ hasText: '„Bescheid Jobcenter.pdf“ wurde hochgeladen.' }).waitFor();
    const row = cm.getByRole('row').filter({ hasText: 'Bescheid Jobcenter.pdf' });
    await row.waitFor();
    expect(await row.textContent()).toContain('PDF');
    await expectAccessible(cm, 'Dokumente zum Fall');

    await cm.goto(personUrl);
    await cm.getByRole('heading', { level: 2, name: 'Doppelungen, Löschung und Sperre' }).waitFor();
    await cm.getByRole('heading', { level: 2, name: 'Dokumente zur Person' }).waitFor();
    await expectAccessible(cm, 'Person mit Dokumenten, Verknüpfungen und Anträgen');
  });

  it('adds a contact and a goal, and refers to the Jobcenter', async () => {
    await cm.goto(caseUrl);
    await field(cm, 'Notiz').fill('Interne Notiz: Erstgespräch mit Sprachmittlung');
    await cm.getByRole('checkbox', { name: 'Arbeit/Ausbildung' }).check();
    await cm.getByRole('button', { name: 'Kontakt speichern' }).click();
    await cm.getByRole('cell', { name: 'Interne Notiz: Erstgespräch mit Sprachmittlung' }).waitFor();

    await cm.getByRole('tab', { name: 'Hilfeplan' }).click();
    await field(cm, 'Lebensbereich').selectOption({ label: 'Arbeit/Ausbildung' });
    await field(cm, 'Ziel').fill('Arbeitsstelle in der Logistik finden');
    await cm.getByRole('button', { name: 'Ziel aufnehmen' }).click();
    await cm.getByRole('rowheader', { name: 'Arbeitsstelle in der Logistik finden' }).waitFor();
    await expectAccessible(cm, 'Hilfeplan');
    // The printed Hilfeplan, with the standard texts in a chosen language, downloaded as the user does.
    await field(cm, 'Standardtexte des Hilfeplans').selectOption({ label: 'Deutsch und Ukrainisch' });
    const [download] = await Promise.all([cm.waitForEvent('download'), cm.getByRole('link', { name: 'Hilfeplan (PDF)' }).click()]);
    // Reading order without layout, whitespace collapsed: the goal column wraps its text.
    const planText = execFileSync('pdftotext', [(await download.path())!, '-']).toString('utf8').replace(/\s+/g, ' ');
    expect(planText).toContain('Arbeitsstelle in der Logistik finden');
    expect((planText.match(/[\u0400-\u04FF]/gu) ?? []).length).toBeGreaterThan(50);

    await cm.getByRole('tab', { name: 'Vermittlungen' }).click();
    await field(cm, 'Stelle').selectOption({ label: 'Jobcenter Rhein-Sieg' });
    await field(cm, 'Angebot').fill('Arbeitsvermittlung');
    await field(cm, 'Anliegen an die Stelle').fill('Bitte um einen Termin zur Arbeitsvermittlung, Sprachmittlung Arabisch nötig.');
    await cm.getByRole('button', { name: 'Vermittlung senden' }).click();
    const row = cm.getByRole('row').filter({ hasText: 'Jobcenter Rhein-Sieg' });
    await row.waitFor();
    expect(await row.textContent()).toContain('angefragt');
    await expectAccessible(cm, 'Vermittlungen');
  });

  it('shows the Jobcenter partner only the consented categories', async () => {
    await partner.goto('/vermittlungen');
    await expect.poll(() => heading(partner).textContent()).toBe('Vermittlungen an uns');
    const link = partner.getByRole('link', { name: 'Muhammad Alhasan' });
    await link.waitFor();
    await expectAccessible(partner, 'Vermittlungen an uns');
    await link.click();
    await partner.waitForURL(/\/vermittlungen\/[0-9a-f-]{36}$/);
    referralUrl = new URL(partner.url()).pathname;
    const body = partner.locator('main');
    await partner.getByText('Freigegebene Angaben zur Person').waitFor();
    const text = (await body.textContent()) ?? '';
    expect(text).toContain('Freigegeben: Name und Geburtsdatum, Sprachen und Sprachmittlungsbedarf, Ziele des Hilfeplans');
    expect(text).toContain('Arbeitsstelle in der Logistik finden');
    expect(text).not.toContain('Interne Notiz');
    expect(text).not.toContain('Aufenthaltsstatus');
    await expectAccessible(partner, 'Vermittlung (Partnerstelle)');
    await partner.getByLabel('Rückmeldung an das Case Management').fill('Termin am Montag, 10 Uhr.');
    await partner.getByRole('button', { name: 'Annehmen' }).click();
    await partner.getByText('Bisherige Rückmeldung: Termin am Montag, 10 Uhr.').waitFor();
  });

  it('after the consent is withdrawn the partner gets 404 on the next request', async () => {
    await cm.goto(personUrl);
    await cm.getByRole('button', { name: /Widerrufen/ }).click();
    await cm.getByRole('row').filter({ hasText: 'widerrufen' }).waitFor();
    await partner.goto(referralUrl);
    await partner.getByText('Diese Vermittlung gibt es nicht oder sie ist für Ihre Stelle nicht (mehr) freigegeben.').waitFor();
    const res = await partner.request.get(`/api/v1/partner/referrals/${referralUrl.split('/').pop()}`);
    expect(res.status()).toBe(404);
    await expectAccessible(partner, 'Vermittlung nach Widerruf');
  });

  it('gives an Art. 15 PDF with the person’s name and the partner’s access (and the refused attempt)', async () => {
    // Downloaded through the button on the person page, as the case manager does it.
    await cm.goto(personUrl);
    const [download] = await Promise.all([cm.waitForEvent('download'), cm.getByRole('link', { name: 'Auskunft Art. 15 (PDF)' }).click()]);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kim-art15-')), 'auskunft.pdf');
    await download.saveAs(file);
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8');
    expect(text).toContain('Muhammad Alhasan');
    expect(text).toContain('Einsicht durch Partnerstelle');
    expect(text).toContain('Petra Neumann');
    expect(text).toContain('Jobcenter Rhein-Sieg');
    expect(text).toMatch(/verweigert/);
  });

  it('shows the coordination the Beratungszahlen and the Systembarrieren, without records', async () => {
    const coordinator = await (await newContext(browser)).newPage();
    await login(coordinator, demoEmail('coordinator'));
    await coordinator.goto('/auswertung');
    await expect.poll(() => heading(coordinator).textContent()).toBe('Beratungszahlen');
    await coordinator.getByRole('heading', { name: 'Fälle nach Wohnort (Gemeinde)' }).waitFor();
    expect(await coordinator.locator('main').textContent()).toContain('Troisdorf');
    await expectAccessible(coordinator, 'Beratungszahlen');
    await coordinator.goto('/systembarrieren');
    await expect.poll(() => heading(coordinator).textContent()).toBe('Systembarrieren');
    await expectAccessible(coordinator, 'Systembarrieren');
    expect((await coordinator.request.get('/api/v1/cases')).status()).toBe(403);
  });
});

/** The journey's own database connection: extra accounts for the team and break-glass steps (no admin UI needed). */
async function database() {
  const dataDir = inject('dataDir');
  const port = fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[3]!.trim();
  const password = fs.readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim();
  const client = new pg.Client({ connectionString: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/teilhabe` });
  await client.connect();
  return client;
}

/** A case manager account with the demo password (copied hash), in the team with this name. */
async function addCaseManager(db: pg.Client, email: string, name: string, team: string) {
  await db.query(
    `WITH u AS (
       INSERT INTO users (email, display_name, password_hash)
       SELECT $1, $2, password_hash FROM users WHERE email = 'case_manager@teilhabe.example' RETURNING id)
     INSERT INTO memberships (user_id, organisation_id, role)
     SELECT u.id, o.id, 'case_manager' FROM u, organisations o WHERE o.name = $3`,
    [email, name, team],
  );
}

async function enableTotp(db: pg.Client, email: string): Promise<TOTP> {
  const secret = new Secret({ size: 20 }).base32;
  await db.query(`UPDATE users SET totp_secret = $2, totp_enabled = true, totp_last_step = NULL WHERE email = $1`, [email, secret]);
  return new TOTP({ secret: Secret.fromBase32(secret) });
}

describe('KIM journey: deputies, Systembarrieren from the case, break-glass and its review', () => {
  let db: pg.Client;
  beforeAll(async () => {
    db = await database();
    await addCaseManager(db, 'lea.vogt@teilhabe.example', 'Lea Vogt', 'KIM Case Management Troisdorf');
    await addCaseManager(db, 'jonas.berg@teilhabe.example', 'Jonas Berg', 'KIM Case Management Siegburg');
  });
  afterAll(() => db?.end());

  it('the case manager adds a colleague of the team as deputy', async () => {
    await cm.goto(caseUrl);
    await cm.getByRole('heading', { name: 'Fallverantwortung' }).waitFor();
    await cm.getByLabel('Vertretung hinzufügen').selectOption({ label: 'Lea Vogt' });
    await cm.getByRole('button', { name: 'Hinzufügen' }).click();
    await cm.getByText('Vertretung: Lea Vogt', { exact: true }).waitFor();
    await expectAccessible(cm, 'Fall mit Vertretung');
  });

  it('reports a Systembarriere from the case, with the hint to leave out personal data', async () => {
    await cm.getByRole('tab', { name: 'Systembarrieren' }).click();
    await cm.getByText(/keine personenbezogenen Daten/i).first().waitFor();
    await field(cm, 'Art der Barriere').selectOption({ label: 'Wartezeiten / Bearbeitungsdauer' });
    await field(cm, 'Stelle / Behörde').fill('Ausländerbehörde');
    await field(cm, 'Beschreibung').fill('Termine zur Verlängerung erst nach vier Monaten.');
    await cm.getByRole('button', { name: 'Barriere melden' }).click();
    await cm.getByRole('cell', { name: 'Termine zur Verlängerung erst nach vier Monaten.' }).waitFor();
    await expectAccessible(cm, 'Systembarrieren des Falls');
  });

  it('a case manager of another team opens the case only through break-glass, read-only, with the banner', async () => {
    const other = await (await newContext(browser)).newPage();
    await login(other, 'jonas.berg@teilhabe.example');
    const totp = await enableTotp(db, 'jonas.berg@teilhabe.example');
    await other.goto(caseUrl);
    await other.getByRole('button', { name: 'Notfallzugriff anfordern' }).waitFor();
    await expectAccessible(other, 'Fall ohne Zugriff, Notfallzugriff möglich');
    await other.getByRole('button', { name: 'Notfallzugriff anfordern' }).click();
    const dialog = other.getByRole('dialog', { name: 'Notfallzugriff anfordern' });
    await dialog.getByLabel('Grund').selectOption({ label: 'Person ist vor Ort' });
    await field(other, 'Begründung').fill('Der Klient ist vor Ort, der zuständige Kollege ist heute krank.');
    await field(other, 'Code aus der Authenticator-App').fill(totp.generate());
    await dialog.getByRole('button', { name: 'Zugriff starten' }).click();
    await other.getByText('Nur lesen, wird protokolliert.').waitFor();
    expect(await other.getByRole('status').filter({ hasText: 'Notfallzugriff aktiv' }).textContent()).toMatch(/Noch (29|30) Minuten/);
    await expect.poll(() => heading(other).textContent()).toContain('Muhammad Alhasan');
    expect(await other.getByRole('button', { name: 'Phase wechseln' }).count()).toBe(0);
    await expectAccessible(other, 'Fall im Notfallzugriff');
  });

  it('the KI-Leitung sees the access on /notfallzugriffe and marks it as reviewed', async () => {
    const totp = await enableTotp(db, 'lead@teilhabe.example');
    const lead = await (await newContext(browser)).newPage();
    await lead.goto('/anmelden');
    await lead.getByLabel('E-Mail').fill('lead@teilhabe.example');
    await lead.locator('input[type=password]').fill(inject('demoPassword'));
    await lead.getByRole('button', { name: 'Anmelden' }).click();
    await field(lead, 'Bestätigungscode').fill(totp.generate());
    await lead.getByRole('button', { name: 'Anmelden' }).click();
    await lead.waitForURL((url) => !url.pathname.startsWith('/anmelden'));
    await lead.goto('/notfallzugriffe');
    await expect.poll(() => heading(lead).textContent()).toBe('Notfallzugriffe');
    const row = lead.getByRole('row').filter({ hasText: 'Jonas Berg' });
    await row.getByRole('button', { name: /geprüft: berechtigt/ }).click();
    await row.getByText('geprüft: berechtigt', { exact: true }).waitFor();
    expect(await row.textContent()).toContain('Person ist vor Ort');
    await expectAccessible(lead, 'Notfallzugriffe');
  });
});
