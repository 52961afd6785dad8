/**
 * Journeys of the foundation (issue 2, item 12): every demo login, wrong password, TOTP enrolment and TOTP login,
 * logout, user administration with the one-time set-up link and deactivation, the audit viewer, and – last, from its
 * own client address and with its own account – the login throttling. Every page and state is checked with axe
 * (WCAG 2.1 A+AA); the login page and the start page also at 360 px; the login and the user-create dialog by keyboard.
 *
 * The journeys of this file build on each other in file order (vitest runs the tests of a file one after another):
 * the admin enrolled in the TOTP journey administers users and reads the audit log. The throttling journey uses its
 * own X-Forwarded-For address and an account of its own, so its lock blocks neither 127.0.0.1 nor a demo login.
 */
import fs from 'node:fs';
import { Secret, TOTP } from 'otpauth';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoEmail, expectAccessible, launch, newContext } from './browser.js';

const BASE = inject('baseURL');
const PASSWORD = inject('demoPassword');

const DEMO_NAMES = {
  admin: 'Jana Adler',
  lead: 'Dr. Miriam Lorenz',
  case_manager: 'Kemal Aydın',
  coordinator: 'Sophie Brandt',
  finance: 'Thomas Berger',
  interpreter_coordinator: 'Olena Kravets',
  interpreter: 'Samir Haddad',
  partner: 'Petra Neumann',
  municipality: 'Lukas Hoffmann',
} as const;
type DemoRole = keyof typeof DEMO_NAMES;
const WITHOUT_TOTP: DemoRole[] = [
  'case_manager',
  'coordinator',
  'finance',
  'interpreter_coordinator',
  'interpreter',
  'partner',
  'municipality',
];

const WRONG_CREDENTIALS = 'E-Mail-Adresse oder Passwort ist falsch.';
const suffix = Math.random().toString(36).slice(2, 7);

let browser: Browser;
const contexts: BrowserContext[] = [];
/** The admin after the TOTP enrolment; the user-admin, audit and throttling journeys continue with this page. */
let admin: Page | null = null;

beforeAll(async () => {
  browser = await launch();
});
/** When a journey fails: where each open page is and what it shows, for the CI log. */
afterEach(async ({ task }) => {
  if (task.result?.state !== 'fail') return;
  for (const context of contexts) {
    for (const page of context.pages()) {
      const text = await page
        .locator('body')
        .innerText({ timeout: 2_000 })
        .catch(() => '(unreadable)');
      console.error(`[${task.name}] ${page.url()}\n${text.replace(/\s+/g, ' ').slice(0, 600)}`);
    }
  }
});
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
});

/** A fresh browser (own cookies); `ip` makes the server see another client address (TRUST_PROXY in e2e). */
async function freshPage(opts: { width?: number; height?: number; ip?: string } = {}): Promise<Page> {
  const context = opts.ip
    ? await browser.newContext({
        baseURL: BASE,
        locale: 'de-DE',
        timezoneId: 'Europe/Berlin',
        viewport: { width: opts.width ?? 1280, height: opts.height ?? 900 },
        extraHTTPHeaders: { 'x-forwarded-for': opts.ip },
      })
    : await newContext(browser, opts);
  context.setDefaultTimeout(45_000);
  contexts.push(context);
  return context.newPage();
}

/** Waits for a condition; generous, the machine running the journeys may be loaded. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000, interval: 100 });
const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });
const pathOf = (page: Page) => new URL(page.url()).pathname;
const isFocused = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);

/** Presses Tab until `target` has the focus (keyboard-only navigation). */
async function tabTo(page: Page, target: Locator, max = 60) {
  for (let i = 0; i < max; i++) {
    if (await isFocused(target)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/**
 * axe on the page once its CSS transitions have ended: a dialog fading in has text of reduced contrast, which is not
 * what anyone reads.
 */
async function checkAccessible(page: Page, what: string) {
  await poll(() =>
    page.evaluate(() => document.getAnimations().every((a) => !(a instanceof CSSTransition) || a.playState !== 'running')),
  ).toBe(true);
  await expectAccessible(page, what);
}

/** The texts an input refers to with aria-describedby (hint and error message "next to the field"). */
async function descriptionOf(input: Locator): Promise<string> {
  return input.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id) => (id ? (document.getElementById(id)?.textContent ?? '') : ''))
      .join(' '),
  );
}

async function openLogin(page: Page) {
  await page.goto('/anmelden');
  await h1(page, 'Anmelden').waitFor();
}

/**
 * A label as Playwright reads it: the required mark " *" of the text counts (it is aria-hidden, not in the accessible
 * name), and "Passwort" alone would also match the show/hide button "Passwort anzeigen".
 */
const label = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`);

/** Fills and submits the login form. */
async function submitLogin(page: Page, email: string, password = PASSWORD) {
  await page.getByLabel(label('E-Mail')).fill(email);
  await page.getByLabel(label('Passwort')).fill(password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
}

async function expectStartPage(page: Page, name: string) {
  await h1(page, `Willkommen, ${name}`).waitFor();
  expect(pathOf(page)).toBe('/');
  expect(await page.locator('html').getAttribute('lang')).toBe('de');
}

const totpOf = (secret: string) => new TOTP({ secret: Secret.fromBase32(secret) });
const stepNow = () => Math.floor(Date.now() / 30_000);

/** A code of a time step after `usedStep` (a code is accepted once): waits for the next 30 s step when needed. */
async function freshCode(secret: string, usedStep: number): Promise<{ code: string; step: number }> {
  while (stepNow() <= usedStep) await new Promise((r) => setTimeout(r, (usedStep + 1) * 30_000 - Date.now() + 250));
  const now = Date.now();
  return { code: totpOf(secret).generate({ timestamp: now }), step: Math.floor(now / 30_000) };
}

/**
 * First login of an admin or lead: the forced set-up page, the secret read as text, a wrong and then the right code.
 * Returns the secret and the time step of the code used.
 */
async function enrolTotp(page: Page, role: 'admin' | 'lead', check: boolean): Promise<{ secret: string; step: number }> {
  await openLogin(page);
  await submitLogin(page, demoEmail(role));
  await h1(page, 'Zwei-Faktor-Anmeldung einrichten').waitFor();
  expect(pathOf(page)).toBe('/zwei-faktor-einrichten');
  if (check) await checkAccessible(page, 'TOTP-Einrichtung (Pflicht), Start');

  // Nothing else opens before the factor is set up.
  await page.goto('/admin/benutzer');
  await h1(page, 'Zwei-Faktor-Anmeldung einrichten').waitFor();
  expect(pathOf(page)).toBe('/zwei-faktor-einrichten');
  expect(new URL(page.url()).searchParams.get('weiter')).toBe('/admin/benutzer');
  await page.goto('/zwei-faktor-einrichten');

  await page.getByRole('button', { name: 'Einrichtung starten' }).click();
  const secretText = page.locator('code.secret-code');
  await secretText.waitFor();
  await page.getByRole('img', { name: 'QR-Code für die Authenticator-App' }).waitFor();
  const secret = (await secretText.textContent())!.replace(/\s+/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  if (check) await checkAccessible(page, 'TOTP-Einrichtung mit QR-Code und Schlüssel');

  const codeField = page.getByRole('textbox', { name: 'Bestätigungscode' });
  if (check) {
    // A wrong code: the German message next to the field and in the summary above the form.
    const good = totpOf(secret);
    const now = Date.now();
    const valid = [-30_000, 0, 30_000].map((d) => good.generate({ timestamp: now + d }));
    const wrong = ['000000', '111111', '222222'].find((c) => !valid.includes(c))!;
    await codeField.fill(wrong);
    await page.getByRole('button', { name: 'Bestätigen' }).click();
    await page.getByRole('alert').filter({ hasText: 'Bitte korrigieren Sie die markierten Angaben' }).waitFor();
    await poll(() => descriptionOf(codeField)).toContain('Der Code stimmt nicht.');
    await checkAccessible(page, 'TOTP-Einrichtung mit falschem Code');
  }

  const { code, step } = await freshCode(secret, 0);
  await codeField.fill(code);
  await page.getByRole('button', { name: 'Bestätigen' }).click();
  await expectStartPage(page, DEMO_NAMES[role]);
  return { secret, step };
}

/** Logout through the header button: back on the login page with the German notice. */
async function logout(page: Page) {
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await h1(page, 'Anmelden').waitFor();
  await page.getByRole('status').filter({ hasText: 'Sie haben sich abgemeldet.' }).waitFor();
}

/** Login with password and then the TOTP step, with a code newer than `usedStep`. */
async function loginWithTotp(page: Page, role: 'admin' | 'lead', secret: string, usedStep: number, check: boolean) {
  await openLogin(page);
  await submitLogin(page, demoEmail(role));
  const codeField = page.getByRole('textbox', { name: 'Bestätigungscode' });
  await codeField.waitFor();
  expect(pathOf(page)).toBe('/anmelden');
  if (check) await checkAccessible(page, 'Anmeldung, Schritt Bestätigungscode');
  const { code } = await freshCode(secret, usedStep);
  await codeField.fill(code);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expectStartPage(page, DEMO_NAMES[role]);
}

/** A JSON call of the admin's browser session (cookie of the context, CSRF token from the session). */
async function adminApi<T>(method: 'GET' | 'POST' | 'PATCH', path: string, data?: unknown): Promise<T> {
  if (!admin) throw new Error('the admin journey did not sign in');
  const session = await admin.request.get(`${BASE}/api/v1/auth/session`);
  expect(session.status()).toBe(200);
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const response = await admin.request.fetch(`${BASE}/api/v1${path}`, { method, data, headers: { 'x-csrf-token': csrfToken } });
  expect(response.status(), `${method} ${path}: ${await response.text()}`).toBeLessThan(300);
  return (await response.json()) as T;
}

describe('Anmeldung der Demo-Zugänge', () => {
  it('the login page is German and accessible', async () => {
    const page = await freshPage();
    await openLogin(page);
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    expect(await page.title()).toBe('Anmelden – Teilhabe');
    await checkAccessible(page, 'Anmeldung');
    await page.context().close();
  });

  for (const role of WITHOUT_TOTP) {
    it(`${role} logs in and sees the start page with the own name`, async () => {
      const page = await freshPage();
      await openLogin(page);
      await submitLogin(page, demoEmail(role));
      await expectStartPage(page, DEMO_NAMES[role]);
      await page.getByRole('navigation', { name: 'Hauptnavigation' }).waitFor();
      await checkAccessible(page, `Startseite ${role}`);
      await page.context().close();
    });
  }

  it('keyboard only: login with Tab and Enter, skip link on the start page', async () => {
    const page = await freshPage();
    await openLogin(page);
    const email = page.getByLabel(label('E-Mail'));
    // The e-mail field has the focus when the page opens.
    await poll(() => isFocused(email)).toBe(true);
    await page.keyboard.type(demoEmail('coordinator'));
    await page.keyboard.press('Tab');
    expect(await isFocused(page.getByLabel(label('Passwort')))).toBe(true);
    await page.keyboard.type(PASSWORD);
    await tabTo(page, page.getByRole('button', { name: 'Anmelden' }), 5);
    await page.keyboard.press('Enter');
    await expectStartPage(page, DEMO_NAMES.coordinator);

    // After a full load, the first Tab of the page reaches the skip link; Enter moves the focus to the main content.
    await page.reload();
    await h1(page, `Willkommen, ${DEMO_NAMES.coordinator}`).waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Zum Inhalt springen' });
    expect(await isFocused(skip)).toBe(true);
    await checkAccessible(page, 'Startseite mit fokussiertem Sprunglink');
    await page.keyboard.press('Enter');
    await poll(() => page.evaluate(() => document.activeElement?.id)).toBe('inhalt');
    // Into the page by keyboard: the profile link of the start page.
    await tabTo(page, page.getByRole('main').getByRole('link', { name: 'Profil', exact: true }));
    await page.keyboard.press('Enter');
    await h1(page, 'Profil').waitFor();
    await checkAccessible(page, 'Profil');
    await page.context().close();
  });

  it('360 px: login page, start page and the navigation drawer', async () => {
    const page = await freshPage({ width: 360, height: 740 });
    await openLogin(page);
    await checkAccessible(page, 'Anmeldung (360 px)');
    await submitLogin(page, demoEmail('partner'));
    await expectStartPage(page, DEMO_NAMES.partner);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await checkAccessible(page, 'Startseite (360 px)');

    const burger = page.getByRole('button', { name: 'Navigation öffnen' });
    await burger.focus();
    await page.keyboard.press('Enter');
    const close = page.getByRole('button', { name: 'Navigation schließen' });
    await close.waitFor();
    const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
    await nav.getByRole('link', { name: 'Start', exact: true }).waitFor();
    await checkAccessible(page, 'Navigation geöffnet (360 px)');
    await nav.getByRole('link', { name: 'Start', exact: true }).focus();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Navigation öffnen' }).waitFor();
    await poll(() => isFocused(burger)).toBe(true);
    await page.context().close();
  });
});

describe('Falsches Passwort', () => {
  it('shows a German error, stays on the login page and opens no session', async () => {
    // Own client address: the failed attempt is not counted against 127.0.0.1, which the other journeys use.
    const page = await freshPage({ ip: '198.51.100.21' });
    await openLogin(page);

    // Nothing entered: the client's error summary.
    await page.getByRole('button', { name: 'Anmelden' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Bitte korrigieren Sie die markierten Angaben' });
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Bitte geben Sie Ihre E-Mail-Adresse ein.');
    await checkAccessible(page, 'Anmeldung ohne Eingaben');

    const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
    await submitLogin(page, demoEmail('partner'), 'Falsches-Passwort-123');
    expect((await answer).status()).toBe(401);
    await page.getByRole('alert').filter({ hasText: WRONG_CREDENTIALS }).waitFor();
    expect(pathOf(page)).toBe('/anmelden');
    await checkAccessible(page, 'Anmeldung mit falschem Passwort');

    expect((await page.context().cookies()).filter((c) => c.httpOnly)).toEqual([]);
    await page.reload();
    await h1(page, 'Anmelden').waitFor();
    expect(pathOf(page)).toBe('/anmelden');
    expect((await page.request.get(`${BASE}/api/v1/auth/session`)).status()).toBe(401);
    await page.goto('/');
    await h1(page, 'Anmelden').waitFor();
    await page.context().close();
  });
});

describe('Abmelden', () => {
  it('after "Abmelden" the protected page leads to the login and the old cookie is refused', async () => {
    const page = await freshPage();
    await openLogin(page);
    await submitLogin(page, demoEmail('case_manager'));
    await expectStartPage(page, DEMO_NAMES.case_manager);
    const cookies = (await page.context().cookies()).filter((c) => c.httpOnly);
    expect(cookies).toHaveLength(1);
    const cookie = `${cookies[0]!.name}=${cookies[0]!.value}`;
    expect((await fetch(`${BASE}/api/v1/auth/session`, { headers: { cookie } })).status).toBe(200);

    await logout(page);
    expect(pathOf(page)).toBe('/anmelden');
    await checkAccessible(page, 'Anmeldung nach dem Abmelden');

    await page.goto('/profil');
    await h1(page, 'Anmelden').waitFor();
    expect(pathOf(page)).toBe('/anmelden');
    const old = await fetch(`${BASE}/api/v1/auth/session`, { headers: { cookie } });
    expect(old.status).toBe(401);
    expect(((await old.json()) as { code: string }).code).toBe('unauthenticated');
    await page.context().close();
  });
});

describe('Zwei-Faktor-Anmeldung (TOTP)', () => {
  it('admin: forced set-up at first login, then the TOTP step at the next login', async () => {
    const page = await freshPage();
    const { secret, step } = await enrolTotp(page, 'admin', true);
    await checkAccessible(page, 'Startseite admin');
    await logout(page);
    await loginWithTotp(page, 'admin', secret, step, true);
    admin = page;
  }, 180_000);

  it('lead: the same enrolment and TOTP login', async () => {
    const page = await freshPage();
    const { secret, step } = await enrolTotp(page, 'lead', false);
    await checkAccessible(page, 'Startseite lead');
    await logout(page);
    await loginWithTotp(page, 'lead', secret, step, false);
    await page.context().close();
  }, 180_000);
});

describe('Benutzerverwaltung', () => {
  const newUser = { name: `Nora Beispiel ${suffix}`, email: `nora.beispiel.${suffix}@teilhabe.example` };
  let setupUrl = '';
  let user: Page;

  it('admin creates a user with a membership (dialog opened by keyboard) and gets the set-up link', async () => {
    const page = admin!;
    expect(page, 'admin journey must have run').toBeTruthy();
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Benutzer:innen', exact: true }).click();
    await h1(page, 'Benutzer:innen').waitFor();
    await page
      .getByRole('region', { name: 'Benutzer:innen' })
      .getByRole('row', { name: /Jana Adler/ })
      .waitFor();
    await checkAccessible(page, 'Benutzer:innen');

    // Keyboard only: Tab to the button, Enter opens the dialog, Escape closes it and the focus returns.
    const createButton = page.getByRole('button', { name: 'Benutzer:in anlegen' });
    await tabTo(page, createButton);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Benutzer:in anlegen' });
    await dialog.waitFor();
    const emailField = dialog.getByRole('textbox', { name: 'E-Mail-Adresse' });
    await poll(() => isFocused(emailField)).toBe(true);
    await checkAccessible(page, 'Dialog Benutzer:in anlegen');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await poll(() => isFocused(createButton)).toBe(true);

    // Space opens it again; Enter in the empty form shows the errors.
    await page.keyboard.press('Space');
    await dialog.waitFor();
    await poll(() => isFocused(emailField)).toBe(true);
    await page.keyboard.press('Enter');
    const summary = dialog.getByRole('alert').filter({ hasText: 'Bitte korrigieren Sie die markierten Angaben' });
    await summary.waitFor();
    await poll(() => summary.textContent()).toContain('Bitte wählen Sie eine Organisation.');
    await checkAccessible(page, 'Dialog Benutzer:in anlegen mit Fehlern');

    await emailField.fill(newUser.email);
    await dialog.getByRole('textbox', { name: 'Name' }).fill(newUser.name);
    await dialog.getByRole('combobox', { name: /^Organisation/ }).click();
    await dialog.getByRole('combobox', { name: /^Organisation/ }).fill('KIM Case Management');
    await page.getByRole('option', { name: 'KIM Case Management Troisdorf (Team)' }).click();
    await dialog.getByRole('combobox', { name: /^Rolle/ }).click();
    await page.getByRole('option', { name: 'Case Management (KIM)' }).click();
    await checkAccessible(page, 'Dialog Benutzer:in anlegen ausgefüllt');
    await dialog.getByRole('button', { name: 'Anlegen' }).click();

    const linkDialog = page.getByRole('dialog', { name: 'Einrichtungslink' });
    await linkDialog.waitFor();
    setupUrl = await linkDialog.getByRole('textbox', { name: 'Einrichtungslink' }).inputValue();
    expect(setupUrl).toMatch(/^https?:\/\/[^/]+\/einrichten\/[\w-]{20,}$/);
    expect(await linkDialog.textContent()).toContain(newUser.name);
    await checkAccessible(page, 'Dialog Einrichtungslink');
    await linkDialog.getByRole('button', { name: 'Fertig' }).click();
    await linkDialog.waitFor({ state: 'hidden' });
    await poll(() => isFocused(createButton)).toBe(true);
    const row = page.getByRole('row', { name: new RegExp(newUser.name) });
    await row.waitFor();
    expect(await row.textContent()).toContain('Einrichtung offen');
  }, 120_000);

  it('the new user sets a password with the link (too short first) and logs in', async () => {
    user = await freshPage();
    await user.goto(setupUrl);
    await h1(user, 'Konto einrichten').waitFor();
    expect(await user.getByRole('textbox', { name: 'E-Mail-Adresse' }).inputValue()).toBe(newUser.email);
    await checkAccessible(user, 'Konto einrichten');

    const password = user.getByLabel(label('Neues Passwort'));
    await password.fill('zu kurz');
    await user.getByLabel(label('Neues Passwort wiederholen')).fill('zu kurz');
    await user.getByRole('button', { name: 'Passwort speichern' }).click();
    await user.getByRole('alert').filter({ hasText: 'Bitte korrigieren Sie die markierten Angaben' }).waitFor();
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    await poll(() => descriptionOf(password)).toContain('Das Passwort muss mindestens 12 Zeichen lang sein.');
    await checkAccessible(user, 'Konto einrichten mit zu kurzem Passwort');

    const chosen = `Sonnige Wiese am Rhein ${suffix}`;
    await password.fill(chosen);
    await user.getByLabel(label('Neues Passwort wiederholen')).fill(chosen);
    await user.getByRole('button', { name: 'Passwort speichern' }).click();
    await h1(user, 'Konto eingerichtet').waitFor();
    await checkAccessible(user, 'Konto eingerichtet');
    await user.getByRole('link', { name: 'Zur Anmeldung' }).click();
    await h1(user, 'Anmelden').waitFor();
    await submitLogin(user, newUser.email, chosen);
    await expectStartPage(user, newUser.name);
    expect(await user.getByRole('table', { name: 'Ihre Rollen' }).textContent()).toContain('KIM Case Management Troisdorf');

    // The used link is dead.
    const again = await freshPage();
    await again.goto(setupUrl);
    await h1(again, 'Link nicht mehr gültig').waitFor();
    await checkAccessible(again, 'Einrichtungslink verbraucht');
    await again.context().close();
  }, 120_000);

  it('admin deactivates the user; the user’s next request ends on the login page', async () => {
    const page = admin!;
    await page.getByRole('button', { name: new RegExp(`^Bearbeiten\\W+${newUser.name}$`) }).click();
    const dialog = page.getByRole('dialog', { name: 'Benutzer:in bearbeiten' });
    await dialog.waitFor();
    await checkAccessible(page, 'Dialog Benutzer:in bearbeiten');
    const active = dialog.getByRole('switch', { name: 'Konto aktiv' });
    expect(await active.isChecked()).toBe(true);
    await active.uncheck();
    await dialog.getByRole('button', { name: 'Speichern' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByRole('row', { name: new RegExp(newUser.name) });
    await poll(() => row.textContent()).toContain('Deaktiviert');

    await user.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Profil', exact: true }).click();
    await h1(user, 'Anmelden').waitFor();
    expect(pathOf(user)).toBe('/anmelden');
    await user.getByRole('status').filter({ hasText: 'Ihre Sitzung ist abgelaufen.' }).waitFor();
    await checkAccessible(user, 'Anmeldung nach abgelaufener Sitzung');
    await user.reload();
    await h1(user, 'Anmelden').waitFor();
    await user.context().close();
  }, 120_000);

  it('admin sees the organisation tree and the own profile', async () => {
    const page = admin!;
    await page.goto('/');
    await expectStartPage(page, DEMO_NAMES.admin);
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Organisationen', exact: true }).click();
    await h1(page, 'Organisationen').waitFor();
    await page.getByText('Troisdorf').first().waitFor();
    await checkAccessible(page, 'Organisationen');
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Profil', exact: true }).click();
    await h1(page, 'Profil').waitFor();
    await page.getByText('Die Zwei-Faktor-Anmeldung ist eingerichtet.').waitFor();
    await checkAccessible(page, 'Profil admin');
  }, 120_000);
});

describe('Audit-Protokoll', () => {
  it('filters by auth.login, exports CSV with BOM and German header, verifies the chain', async () => {
    const page = admin!;
    await page.goto('/');
    await expectStartPage(page, DEMO_NAMES.admin);
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Audit-Protokoll' }).click();
    await h1(page, 'Audit-Protokoll').waitFor();
    const table = page.getByRole('region', { name: 'Audit-Einträge, neueste zuerst' });
    await table.getByRole('row').nth(1).waitFor();
    await checkAccessible(page, 'Audit-Protokoll');

    // An invalid filter: the error summary and the message at the field.
    const action = page.getByRole('textbox', { name: 'Aktion' });
    await action.fill('Auth.Login');
    await page.getByRole('button', { name: 'Filter anwenden' }).click();
    await page.getByRole('alert').filter({ hasText: 'Bitte korrigieren Sie die markierten Angaben' }).waitFor();
    await poll(() => descriptionOf(action)).toContain('Nur Kleinbuchstaben, Punkt und Unterstrich');
    await checkAccessible(page, 'Audit-Protokoll mit ungültigem Filter');

    await action.fill('auth.login');
    await page.getByRole('button', { name: 'Filter anwenden' }).click();
    await poll(() => new URL(page.url()).searchParams.get('action')).toBe('auth.login');
    const actionCells = table.locator('tbody tr td:nth-child(4)');
    await poll(async () => {
      const texts = await actionCells.allTextContents();
      return texts.length > 0 && texts.every((t) => t.startsWith('auth.login')) && texts.includes('auth.login');
    }).toBe(true);
    await checkAccessible(page, 'Audit-Protokoll gefiltert');

    // The details of an entry in a dialog; the focus returns to its button.
    const detailsButton = table.getByRole('button', { name: /^Details zu Eintrag/ }).first();
    await detailsButton.click();
    const details = page.getByRole('dialog', { name: /^Details zu Eintrag/ });
    await details.waitFor();
    await checkAccessible(page, 'Dialog Audit-Details');
    await page.keyboard.press('Escape');
    await details.waitFor({ state: 'hidden' });
    await poll(() => isFocused(detailsButton)).toBe(true);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Als CSV exportieren' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^audit-protokoll-.*\.csv$/);
    const bytes = fs.readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('Nr,Zeit (UTC),Akteur:in,E-Mail,Rolle,Aktion,Gegenstand,Gegenstand-ID,Ergebnis,Request-ID,Details');
    const rows = lines.slice(1).filter(Boolean);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((line) => line.split(',')[5]!.startsWith('auth.login'))).toBe(true);

    await page.getByRole('button', { name: 'Kette prüfen' }).click();
    const ok = page.getByRole('status').filter({ hasText: 'Kette intakt' });
    await ok.waitFor();
    expect(await ok.textContent()).toMatch(/Einträge geprüft – die Hash-Kette ist lückenlos und unverändert\./);
    await checkAccessible(page, 'Audit-Protokoll nach der Kettenprüfung');
  }, 120_000);
});

// Must stay the last journey of this file: it locks its own address and account for LOGIN_LOCK_MINUTES.
describe('Drosselung der Anmeldung', () => {
  it('after 5 wrong passwords the 6th attempt, even with the right password, is refused for minutes', async () => {
    const ip = '198.51.100.7';
    // An account of its own, so that no demo login is locked for the next journeys.
    const email = `drossel.${suffix}@teilhabe.example`;
    const chosen = `Geduld ist eine Tugend ${suffix}`;
    const organisations = await adminApi<{ id: string; name: string; kind: string }[]>('GET', '/organisations');
    const troisdorf = organisations.find((o) => o.kind === 'kommune' && o.name.endsWith('Troisdorf'))!;
    const created = await adminApi<{ setupUrl: string }>('POST', '/users', {
      email,
      displayName: `Drossel Test ${suffix}`,
      memberships: [{ organisationId: troisdorf.id, role: 'municipality' }],
    });
    const token = created.setupUrl.split('/einrichten/')[1]!;
    const setup = await fetch(`${BASE}/api/v1/auth/setup/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password: chosen }),
    });
    expect(setup.status).toBe(200);

    const page = await freshPage({ ip });
    await openLogin(page);
    for (let attempt = 1; attempt <= 5; attempt++) {
      const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
      await submitLogin(page, email, `Falsch-${attempt}-${suffix}`);
      expect((await answer).status(), `attempt ${attempt}`).toBe(401);
      await page.getByRole('alert').filter({ hasText: WRONG_CREDENTIALS }).waitFor();
    }
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
    await submitLogin(page, email, chosen);
    expect((await answer).status()).toBe(429);
    const alert = page.getByRole('alert').filter({ hasText: /zu viele fehlgeschlagene Anmeldeversuche/i });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Bitte in 1[45] Minuten erneut versuchen\./);
    expect(pathOf(page)).toBe('/anmelden');
    await checkAccessible(page, 'Anmeldung gesperrt (Drosselung)');

    const login = (from: string, body: { email: string; password: string }) =>
      fetch(`${BASE}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
        body: JSON.stringify(body),
      });
    // The address is locked, for any account …
    const byIp = await login(ip, { email: demoEmail('municipality'), password: PASSWORD });
    expect(byIp.status).toBe(429);
    const retryAfter = Number(byIp.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(((await byIp.json()) as { message: string }).message).toMatch(/Zu viele fehlgeschlagene Anmeldeversuche\. Bitte in \d+ Minuten/);
    // … and the account, from any address.
    const byAccount = await login('198.51.100.8', { email, password: chosen });
    expect(byAccount.status).toBe(429);
    expect(Number(byAccount.headers.get('retry-after'))).toBeGreaterThan(0);
    // 127.0.0.1 is not affected.
    const local = await fetch(`${BASE}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: demoEmail('municipality'), password: PASSWORD }),
    });
    expect(local.status).toBe(200);
  }, 120_000);
});
