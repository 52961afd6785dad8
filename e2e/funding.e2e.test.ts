import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addMonthsIso, formatEuro, isoDateInBerlin, POSITION_CATEGORY_LABELS_DE, type PositionCategory } from '@teilhabe/shared';
import { SEED_004_GRANTS, type Seed004Grant } from '../apps/server/src/modules/funding/seed004.js';
import { demoEmail, expectAccessible, launch, newContext } from './browser.js';

/** Programme names as the grant form lists them (root programmes of the catalogue). */
const PROGRAMME_NAMES: Record<string, string> = {
  KI_GRUND: 'Grundförderung Kommunale Integrationszentren (inkl. Sprachmittlerpool)',
  KIM: 'Kommunales Integrationsmanagement (KIM)',
  KOMM_AN: 'KOMM-AN NRW',
  IFKUF: 'Integrationschancen für Kinder und Familien (IfKuF)',
  DURCHSTARTEN: 'Durchstarten in Ausbildung und Arbeit',
  GLA: 'Guter Lebensabend NRW',
  IP_14C: 'Integrationspauschale (§ 14c TIG 2012 = § 18 TIntG 2022)',
  EIGEN_PROJEKT: 'Projektmittel des Kreises für das KI (Eigenmittel)',
};
const KREIS = 'Rhein-Sieg-Kreis';
const norm = (s: string | null) => (s ?? '').replace(/\u00a0/g, ' ').trim();

let browser: Browser;
let page: Page;
/** Where the journey's own Bescheide live (the demo has grants of the same programmes for the KI). */
const grantUrls = new Map<string, string>();
beforeAll(async () => {
  browser = await launch();
  page = await (await newContext(browser)).newPage();
  page.on('pageerror', (e) => console.error('pageerror', e.message));
  page.on('response', async (r) => {
    if (r.status() >= 400 && r.status() !== 401) console.error('http', r.status(), r.url(), (await r.text().catch(() => '')).slice(0, 300));
  });
});
afterAll(() => browser?.close());

/** Signs in; `exact` because the password field's show/hide button is labelled "Passwort anzeigen". */
async function login(email: string) {
  await page.goto('/anmelden');
  await page.getByLabel('E-Mail').fill(email);
  await page.locator('input[type=password]').fill(inject('demoPassword'));
  await page.getByRole('button', { name: 'Anmelden' }).click();
}

/** Selects the option whose text contains `text` (options of organisation selects are indented with dashes). */
async function selectContaining(label: string, text: string) {
  const select = page.getByRole('combobox', { name: label, exact: true });
  const value = await select.locator('option', { hasText: text }).first().getAttribute('value');
  await select.selectOption(value!);
}

async function enterGrant(g: Seed004Grant, first: boolean) {
  await page.goto('/foerderung/bescheide/neu');
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Zuwendungsbescheid erfassen');
  await page.getByLabel('Förderprogramm').selectOption({ label: PROGRAMME_NAMES[g.programmeCode]! });
  await selectContaining('Zuwendungsempfänger', KREIS);
  await page.getByLabel('Bezeichnung').fill(g.title);
  await page.getByLabel('Aktenzeichen').fill(g.fileNumber);
  await page.getByLabel('Datum des Bescheids').fill(g.decisionDate);
  await page.getByLabel('Bewilligungszeitraum von').fill(g.approvalStart);
  await page.getByLabel('Bewilligungszeitraum bis').fill(g.approvalEnd);
  if (g.useByDate) await page.getByLabel('Verwendungsfrist bis').fill(g.useByDate);
  if (g.reportDueDate) await page.getByLabel('Verwendungsnachweis fällig am').fill(g.reportDueDate);
  for (const [year, byCategory] of Object.entries(g.positions)) {
    for (const [category, euros] of Object.entries(byCategory) as [PositionCategory, number][]) {
      await page
        .getByRole('textbox', { name: `${POSITION_CATEGORY_LABELS_DE[category]} ${year}`, exact: true })
        .fill(formatEuro(euros * 100, { symbol: false }));
    }
  }
  if (first) await expectAccessible(page, 'Bescheid erfassen');
  await page.getByRole('button', { name: 'Bescheid speichern' }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(g.title);
  grantUrls.set(g.programmeCode, page.url());
  if (first) await expectAccessible(page, 'Bescheid');
}

describe('funding journey of the finance user', () => {
  it('enters the seed-004 Bescheide 2021/2022 and the budget overview reproduces them to the cent', { timeout: 240_000 }, async () => {
    await login(demoEmail('finance'));
    await expect.poll(() => page.url()).not.toContain('/anmelden');
    await page.goto('/foerderung');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Förderprogramme und Bescheide');
    await expectAccessible(page, 'Bescheide');

    for (const [i, g] of SEED_004_GRANTS.entries()) await enterGrant(g, i === 0);

    await page.goto('/foerderung/haushalt?jahr=2021');
    await selectContaining('Zuwendungsempfänger', KREIS);
    const sum = (section: string, key: string) => page.getByTestId(`sum-${section}-${key}`);
    await expect.poll(async () => norm(await sum('programme', 'personnelCents').textContent())).toBe('1.412.200,00 €');
    expect(norm(await sum('programme', 'nonPersonnelCents').textContent())).toBe('836.700,00 €');
    expect(norm(await sum('lump_sum', 'totalCents').textContent())).toBe('1.900.000,00 €');
    expect(norm(await sum('own_funds', 'totalCents').textContent())).toBe('50.000,00 €');
    await expect.poll(() => page.getByRole('img', { name: /Personalkostenzuschüsse und Sachmittel/ }).count()).toBe(1);
    expect(norm(await page.getByTestId('overview-source').textContent())).toMatch(/^Quelle: .*Aufteilung je Programm ist abgeleitet/);
    await expectAccessible(page, 'Haushaltsübersicht 2021');

    await page.getByLabel('Haushaltsjahr').selectOption('2022');
    await expect.poll(async () => norm(await sum('programme', 'nonPersonnelCents').textContent())).toBe('652.900,00 €');
    expect(norm(await sum('programme', 'personnelCents').textContent())).toBe('1.412.200,00 €');
    expect(norm(await sum('own_funds', 'totalCents').textContent())).toBe('50.000,00 €');
  });

  it('funds a 0,5 VZÄ KIM post with 28.500,00 € and alerts about its contract ending in two months', async () => {
    const today = isoDateInBerlin();
    const end = addMonthsIso(today, 2);
    await page.goto('/stellenplan');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Stellenplan');
    await expectAccessible(page, 'Stellenplan');
    await page.getByRole('button', { name: 'Stelle anlegen' }).click();
    await selectContaining('Organisation', 'KIM-Koordination (Baustein 1)');
    await page.getByLabel('Stellennummer').fill('E2E-KIM-01');
    await page.getByLabel('Bezeichnung').fill('Case Management Meckenheim');
    await page.getByLabel('Art der Stelle').selectOption({ label: 'Case Management (KIM)' });
    await page.getByLabel('Stellenanteil in VZÄ').fill('0,5');
    await page.getByLabel('Entgeltgruppe').fill('S 12');
    await page.getByRole('button', { name: 'Stelle speichern' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Stelle E2E-KIM-01');

    await selectContaining('Programm oder Baustein', 'KIM Baustein 2');
    await page.getByLabel('Geförderte VZÄ').fill('0,5');
    await page.getByLabel('Förderung ab').fill(addMonthsIso(today, -10));
    await expect.poll(async () => norm(await page.getByText(/^Förderung je Jahr:/).textContent())).toContain('28.500,00 €');
    await page.getByRole('button', { name: 'Förderung speichern' }).click();
    await expect.poll(async () => norm(await page.getByTestId('annual-funding').first().textContent())).toBe('28.500,00 €');

    await page.getByLabel('Stelleninhaber:in').fill('Erika Beispiel');
    await page.getByLabel('VZÄ der Besetzung').fill('0,5');
    await page.getByLabel('Vertragsbeginn').fill(addMonthsIso(today, -10));
    await page.getByLabel('Vertragsende (leer = unbefristet)').fill(end);
    await page.getByRole('button', { name: 'Besetzung speichern' }).click();
    await expect.poll(() => page.getByText('Vertrag endet in weniger als 3 Monaten').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'Stelle');

    await page.goto('/stellenplan');
    const alerts = page.getByRole('region', { name: 'Auslaufende Verträge' });
    await expect.poll(async () => norm(await alerts.textContent())).toContain('Stelle E2E-KIM-01');

    await page.goto('/foerderung/fristen');
    await expect
      .poll(async () => (await page.getByRole('row').filter({ hasText: 'Vertragsende: Stelle E2E-KIM-01' }).count()) > 0)
      .toBe(true);
    expect(norm(await page.getByRole('row').filter({ hasText: 'Vertragsende: Stelle E2E-KIM-01' }).textContent())).toContain(
      'in weniger als 3 Monaten',
    );
    await expectAccessible(page, 'Fristen');
  });

  it('shows the Verwendungsnachweis; its XLSX and PDF carry the numbers of the screen', async () => {
    await page.goto(grantUrls.get('GLA')!);
    await expect.poll(() => page.getByRole('heading', { name: 'Ausgaben und Mittelbindungen' }).count()).toBe(1);
    const book = async (category: string, amount: string, receipt: string) => {
      await page.getByRole('combobox', { name: 'Position', exact: true }).selectOption({ label: category });
      await page.getByLabel('Buchungsdatum').fill('2021-09-30');
      await page.getByRole('textbox', { name: 'Betrag', exact: true }).fill(amount);
      await page.getByLabel('Empfänger:in').fill('Caritasverband Rhein-Sieg e. V.');
      await page.getByLabel('Beleg-Nr.').fill(receipt);
      await page.getByRole('button', { name: 'Buchen' }).click();
      await expect.poll(() => page.getByRole('cell', { name: receipt, exact: true }).count()).toBe(1);
    };
    await book('Personalausgaben', '73.500,12', 'P-2021-09');
    await book('Sachausgaben', '10.123,45', 'S-2021-17');
    await expectAccessible(page, 'Bescheid mit Buchungen');

    await page.getByRole('link', { name: 'Haushaltsjahr 2021' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Verwendungsnachweis 2021');
    await expectAccessible(page, 'Verwendungsnachweis');
    const screen: Record<string, string[]> = {};
    for (const row of await page.getByTestId('statement-table').locator('tbody tr').all()) {
      const cells = (await row.locator('th, td').allTextContents()).map(norm);
      screen[cells[0]!] = cells.slice(1, 4);
    }
    expect(screen.Personalausgaben).toEqual(['75.000,00 €', '73.500,12 €', '−1.499,88 €']);

    const xlsxUrl = await page.getByRole('link', { name: 'Zahlenmäßiger Nachweis (XLSX)' }).getAttribute('href');
    const xlsx = await page.request.get(xlsxUrl!);
    expect(xlsx.status()).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Zahlenmäßiger Nachweis')!;
    const fromXlsx: Record<string, string[]> = {};
    sheet.eachRow((row) => {
      const values = (row.values as unknown[]).slice(1);
      const num = (v: unknown) =>
        typeof v === 'number' ? v : typeof v === 'object' && v && 'result' in v ? (v as { result: number }).result : null;
      if (typeof values[0] === 'string' && num(values[1]) !== null && num(values[2]) !== null) {
        fromXlsx[values[0]] = values.slice(1, 4).map((v) => norm(formatEuro(Math.round(num(v)! * 100))));
      }
    });
    for (const [label, cells] of Object.entries(screen)) expect(fromXlsx[label], label).toEqual(cells);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vn-e2e-'));
    const xlsxFile = path.join(dir, 'vn.xlsx');
    fs.writeFileSync(xlsxFile, await xlsx.body());
    const office = ['libreoffice', 'soffice'].find((bin) => {
      try {
        execFileSync('which', [bin], { stdio: 'ignore' });
        return true;
      } catch {
        return false;
      }
    });
    // CI installs LibreOffice (.ci/run) and requires this check; elsewhere it is skipped with a notice.
    const officeRequired = Boolean(process.env.CI) || process.env.E2E === 'required';
    if (!office && officeRequired) throw new Error('LibreOffice fehlt: die CSV-Prüfung des Verwendungsnachweises ist in CI Pflicht.');
    if (!office) console.warn('Hinweis: LibreOffice ist nicht installiert – die CSV-Prüfung des Verwendungsnachweises entfällt.');
    if (office) {
      // LibreOffice's CSV (UTF-8, raw cell values) must show the screen's numbers: every row label of the screen's
      // table appears in the CSV with the same bewilligt, Ist and Abweichung to the cent.
      execFileSync(
        office,
        ['--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false', '--outdir', dir, xlsxFile],
        { stdio: 'ignore', timeout: 120_000 },
      );
      const csv = fs.readFileSync(path.join(dir, 'vn.csv'), 'utf8');
      const fromCsv: Record<string, string[]> = {};
      for (const line of csv.split(/\r?\n/)) {
        const cells = line.split(',').map((c) => c.replace(/^"|"$/g, ''));
        const numbers = cells.slice(1, 4).map((c) => (/^-?\d+(\.\d+)?$/.test(c) ? Number(c) : null));
        if (cells[0] && numbers.every((n) => n !== null)) fromCsv[cells[0]] = numbers.map((n) => norm(formatEuro(Math.round(n! * 100))));
      }
      for (const [label, cells] of Object.entries(screen)) expect(fromCsv[label], `CSV ${label}`).toEqual(cells);
    }

    const pdfUrl = await page.getByRole('link', { name: 'Zahlenmäßiger Nachweis (PDF)' }).getAttribute('href');
    const pdf = await page.request.get(pdfUrl!);
    expect(pdf.status()).toBe(200);
    const pdfFile = path.join(dir, 'vn.pdf');
    fs.writeFileSync(pdfFile, await pdf.body());
    const text = norm(execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' }));
    expect(text).toContain('Verwendungsnachweis – zahlenmäßiger Nachweis');
    expect(text).toContain('Guter Lebensabend NRW');
    for (const cells of Object.values(screen)) for (const cell of cells) expect(text).toContain(cell);
  });

  it('changes a Mittelabruf amount in a dialog and the remaining amount follows', async () => {
    const gla = SEED_004_GRANTS.find((g) => g.programmeCode === 'GLA')!;
    const planned = Object.values(gla.positions[2021]!).reduce((sum, euros) => sum + euros * 100, 0);
    await page.goto(grantUrls.get('GLA')!);
    await expect.poll(() => page.getByRole('heading', { name: 'Mittelabrufe', exact: true }).count()).toBe(1);
    const remaining = page.getByTestId('calloff-remaining-2021');
    expect(norm(await remaining.textContent())).toBe(`Noch abrufbar 2021: ${norm(formatEuro(planned))}`);

    await page.getByLabel('Haushaltsjahr des Abrufs').selectOption('2021');
    await page.getByLabel('Abruftermin').fill('2021-03-15');
    await page.getByRole('textbox', { name: 'Abrufbetrag', exact: true }).fill('40.000,00');
    await page.getByRole('button', { name: 'Abruf speichern' }).click();
    await expect.poll(async () => norm(await remaining.textContent())).toBe(`Noch abrufbar 2021: ${norm(formatEuro(planned - 4_000_000))}`);

    const calloffRow = page.getByRole('row').filter({ hasText: '15.03.2021' }).filter({ hasText: '40.000,00 €' });
    await calloffRow.getByRole('button', { name: /^ändern/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Mittelabruf ändern' });
    await expect.poll(() => dialog.count()).toBe(1);
    await expectAccessible(page, 'Mittelabruf ändern');
    // More than the plan: the server's German message appears at the amount field.
    await dialog.getByRole('textbox', { name: 'Abrufbetrag' }).fill(formatEuro(planned + 100, { symbol: false }));
    await dialog.getByRole('button', { name: 'Änderung speichern' }).click();
    await expect.poll(async () => norm(await dialog.textContent())).toContain('übersteigt die noch abrufbaren Mittel');
    await dialog.getByRole('textbox', { name: 'Abrufbetrag' }).fill('25.000,00');
    await dialog.getByRole('button', { name: 'Änderung speichern' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(async () => norm(await remaining.textContent())).toBe(`Noch abrufbar 2021: ${norm(formatEuro(planned - 2_500_000))}`);
    expect(norm(await page.getByRole('row').filter({ hasText: '15.03.2021' }).first().textContent())).toContain('25.000,00 €');
  });

  it('keeps the other funding and staffing pages accessible', { timeout: 120_000 }, async () => {
    const pages: [string, string][] = [
      ['/foerderung/deckung?jahr=2021', 'Deckung der Personalkosten 2021'],
      ['/foerderung/programme', 'Programmkatalog'],
      ['/foerderung/einstellungen', 'Einstellungen der Haushaltsüberwachung'],
      ['/stellenplan/kosten?jahr=2021', 'Personalkosten je Entgeltgruppe'],
      [`${grantUrls.get('KIM')!.replace(/^https?:\/\/[^/]+/, '')}/bearbeiten`, 'Entwurf des Bescheids bearbeiten'],
    ];
    for (const [url, heading] of pages) {
      await page.goto(url);
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(heading);
      await expectAccessible(page, heading);
    }
    await page.goto('/foerderung/programme');
    await page.getByRole('link', { name: 'Integrationspauschale (§ 14c TIG 2012 = § 18 TIntG 2022)' }).click();
    await expect.poll(async () => norm(await page.getByRole('region', { name: 'Fassungen' }).textContent())).toContain('§ 14c TIG');
    expect(norm(await page.getByRole('region', { name: 'Fassungen' }).textContent())).toContain('§ 18 TIntG');
    await expectAccessible(page, 'Programm mit Fassungen');
  });
});
