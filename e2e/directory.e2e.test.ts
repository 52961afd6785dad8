/**
 * Journey "Netzwerk und Angebote": a Kommune enters an offer with an Arabic translation, the KI coordination publishes it,
 * the public directory shows it in German and right-to-left in Arabic, the search finds it by a word stem, and the
 * coverage matrix counts it in Troisdorf and per 10,000 inhabitants (Zensus 2022 from the shipped CSV).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoEmail, expectAccessible, launch, newContext } from './browser.js';

const TITLE = 'Sprachkurs für Eltern im Quartier Sieglar';
const TITLE_AR = 'دورة لغة للآباء والأمهات في حي زيغلار';
const TROISDORF_AGS = '05382068';

let browser: Browser;
let municipality: Page;
let coordinator: Page;
let visitor: Page;
let offerPath = '';
let before = { count: 0 };

/** One RFC 4180 line (quoted fields may contain commas, as in "Troisdorf, Stadt"). */
function csvFields(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted && c === '"' && line[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out;
}

/** The Zensus-2022 population of Troisdorf from the CSV the server ships (the same file the matrix uses). */
function troisdorfPopulation(): number {
  const [header, ...rows] = fs.readFileSync(path.resolve(import.meta.dirname, '../apps/server/data/nrw/nrw-gemeinden.csv'), 'utf8').trim().split(/\r?\n/);
  const column = csvFields(header!).indexOf('einwohner_zensus_2022');
  const row = rows.map(csvFields).find((r) => r[0] === TROISDORF_AGS)!;
  return Number(row[column]);
}

async function login(page: Page, email: string) {
  await page.goto('/anmelden');
  await page.getByLabel('E-Mail').fill(email);
  await page.locator('input[type=password]').fill(inject('demoPassword'));
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/anmelden'));
}

const heading = (page: Page) => page.getByRole('heading', { level: 1 });

/** The Sprache cell of the Troisdorf row in the coverage matrix (count or per 10,000, whichever is shown). */
async function troisdorfSprache(page: Page): Promise<string> {
  const row = page.getByRole('row', { name: /Troisdorf/ });
  return (await row.getByRole('cell').nth(1).innerText()).trim();
}

beforeAll(async () => {
  browser = await launch();
  municipality = await (await newContext(browser)).newPage();
  coordinator = await (await newContext(browser)).newPage();
  visitor = await (await newContext(browser)).newPage();
});
afterAll(() => browser?.close());

describe('Netzwerk und Angebote', () => {
  it('the coordinator notes the coverage of Sprache in Troisdorf before the new offer', async () => {
    await login(coordinator, demoEmail('coordinator'));
    await coordinator.goto('/netzwerk/abdeckung');
    await expect.poll(() => heading(coordinator).innerText()).toBe('Abdeckung nach Gemeinde und Handlungsfeld');
    before = { count: Number(await troisdorfSprache(coordinator)) };
    await expectAccessible(coordinator, 'coverage matrix');
  });

  it('a municipality user of Troisdorf creates the offer with an Arabic translation', async () => {
    await login(municipality, demoEmail('municipality'));
    await municipality.goto('/netzwerk/angebote');
    await expect.poll(() => heading(municipality).innerText()).toBe('Angebote');
    await expectAccessible(municipality, 'offer list (staff)');
    await municipality.getByRole('link', { name: 'Neues Angebot' }).click();
    await expect.poll(() => heading(municipality).innerText()).toBe('Neues Angebot');
    // The provider (the user's Kommune) and its Gemeinde are preselected.
    await expect.poll(() => municipality.getByRole('combobox', { name: 'Anbieter', exact: true }).inputValue()).toBe('Stadt Troisdorf');
    await municipality.getByRole('textbox', { name: 'Titel', exact: true }).fill(TITLE);
    await municipality.getByRole('textbox', { name: 'Beschreibung', exact: true }).fill('Deutsch lernen, während die Kinder im Nebenraum spielen. Dienstags im Bürgerhaus Sieglar.');
    await municipality.getByRole('checkbox', { name: 'Sprache', exact: true }).check();
    await municipality.getByRole('checkbox', { name: 'Eltern', exact: true }).check();
    await municipality.getByRole('tab', { name: /Arabisch/ }).click();
    await municipality.getByRole('textbox', { name: 'Titel (Arabisch)' }).fill(TITLE_AR);
    await municipality.getByRole('textbox', { name: 'Beschreibung (Arabisch)' }).fill('تعلّم الألمانية بينما يلعب الأطفال في الغرفة المجاورة. أيام الثلاثاء في دار المواطنين.');
    await expectAccessible(municipality, 'offer form');
    await municipality.getByRole('button', { name: 'Speichern' }).click();
    await municipality.waitForURL(/\/netzwerk\/angebote\/[0-9a-f-]{36}$/);
    offerPath = new URL(municipality.url()).pathname;
    await expect.poll(() => municipality.getByText('Entwurf', { exact: true }).first().isVisible()).toBe(true);
    await municipality.getByRole('button', { name: 'Zur Veröffentlichung vorlegen' }).click();
    await expect.poll(() => municipality.getByText(/Koordination wurde benachrichtigt/).isVisible()).toBe(true);
    await expectAccessible(municipality, 'offer (draft)');
  });

  it('the public does not see the draft', async () => {
    const id = offerPath.split('/').pop()!;
    await visitor.goto(`/angebote/${id}`);
    await expect.poll(() => heading(visitor).innerText()).toBe('Dieses Angebot gibt es nicht oder nicht mehr.');
  });

  it('the coordinator publishes it', async () => {
    await coordinator.goto(offerPath);
    await expect.poll(() => heading(coordinator).innerText()).toBe(TITLE);
    await coordinator.getByRole('button', { name: 'Veröffentlichen' }).click();
    await expect.poll(() => coordinator.getByText('veröffentlicht', { exact: true }).first().isVisible()).toBe(true);
    await expectAccessible(coordinator, 'offer (published)');
  });

  it('the public directory finds it by a word stem and shows it in German', async () => {
    await visitor.goto('/angebote');
    await expect.poll(() => heading(visitor).innerText()).toBe('Angebote vor Ort');
    await expectAccessible(visitor, 'public list (de)');
    await visitor.getByRole('searchbox', { name: 'Suche' }).fill('Sprachkurse Sieglar');
    await visitor.keyboard.press('Enter');
    await expect.poll(() => visitor.getByRole('status').first().innerText()).toBe('1 Angebot gefunden');
    await visitor.getByRole('link', { name: TITLE }).click();
    await expect.poll(() => heading(visitor).innerText()).toBe(TITLE);
    expect(await visitor.locator('html').getAttribute('lang')).toBe('de');
    await expectAccessible(visitor, 'public detail (de)');
  });

  it('shows it in Arabic, right to left, with its translation', async () => {
    await visitor.getByRole('link', { name: 'العربية' }).click();
    await expect.poll(() => heading(visitor).innerText()).toBe(TITLE_AR);
    expect(await visitor.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await visitor.locator('html').getAttribute('lang')).toBe('ar');
    expect(await visitor.getByText('هذا النص متوفر باللغة الألمانية فقط.').count()).toBe(0);
    await expectAccessible(visitor, 'public detail (ar)');
    await visitor.goto('/ar/angebote');
    await expect.poll(() => heading(visitor).innerText()).toBe('الخدمات والأنشطة المحلية');
    await expectAccessible(visitor, 'public list (ar)');
  });

  it('the coverage matrix counts it in Troisdorf, also per 10,000 inhabitants', async () => {
    await coordinator.goto('/netzwerk/abdeckung');
    await expect.poll(() => heading(coordinator).innerText()).toBe('Abdeckung nach Gemeinde und Handlungsfeld');
    await expect.poll(() => troisdorfSprache(coordinator)).toBe(String(before.count + 1));
    await coordinator.getByText('je 10.000 Einwohner', { exact: true }).click();
    const expected = (((before.count + 1) / troisdorfPopulation()) * 10_000).toLocaleString('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    await expect.poll(() => troisdorfSprache(coordinator)).toBe(expected);
    await expectAccessible(coordinator, 'coverage matrix per 10,000');
  });
});
