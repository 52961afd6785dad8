import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../api/queryClient';
import { clearSessionEnd } from '../features/auth/session';
import { json, makeMe, mockFetch } from '../test/utils';
import { resetPageFocusForTests } from '../ui/Page';
import { AppRoot } from './App';
import { routes } from './router';

afterEach(() => vi.unstubAllGlobals());

function renderApp(path: string) {
  resetPageFocusForTests();
  clearSessionEnd();
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(<AppRoot router={router} queryClient={createQueryClient()} env="test" />);
  return router;
}

const emptyNotifications = () => json({ items: [], unread: 0 });

describe('App', () => {
  it('sends visitors without a session to the login and remembers the page they wanted', async () => {
    mockFetch({ 'GET /api/v1/auth/session': () => json({ code: 'unauthenticated', message: 'Bitte melden Sie sich an.' }, 401) });
    const router = renderApp('/admin/benutzer?q=anna');

    expect(await screen.findByRole('heading', { level: 1, name: 'Anmelden' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/anmelden');
    expect(router.state.location.search).toBe(`?weiter=${encodeURIComponent('/admin/benutzer?q=anna')}`);
  });

  it('keeps an admin without TOTP on the set-up page', async () => {
    mockFetch({
      'GET /api/v1/auth/session': () => json({ csrfToken: 'c', user: makeMe({ totpEnabled: false, totpSetupRequired: true }) }),
    });
    const router = renderApp('/admin/audit');

    expect(await screen.findByRole('heading', { level: 1, name: 'Zwei-Faktor-Anmeldung einrichten' })).toBeTruthy();
    expect(screen.getByText(/Pflicht/)).toBeTruthy();
    expect(router.state.location.pathname).toBe('/zwei-faktor-einrichten');
  });

  it('renders the shell: skip link, header, navigation, footer with attribution and API docs', async () => {
    mockFetch({
      'GET /api/v1/auth/session': () => json({ csrfToken: 'c', user: makeMe() }),
      'GET /api/v1/notifications': () => json({ items: [], unread: 3 }),
    });
    renderApp('/gibt-es-nicht');

    expect(await screen.findByRole('heading', { level: 1, name: 'Seite nicht gefunden' })).toBeTruthy();
    expect(screen.getAllByRole('link')[0]?.textContent).toBe('Zum Inhalt springen');
    const banner = screen.getByRole('banner');
    expect(within(banner).getByRole('link', { name: /Teilhabe/ })).toBeTruthy();
    expect(await within(banner).findByRole('button', { name: 'Benachrichtigungen, 3 ungelesen' })).toBeTruthy();
    expect(within(banner).getByRole('combobox', { name: 'Sprache' })).toBeTruthy();
    expect(within(banner).getAllByRole('button', { name: 'Abmelden' }).length).toBeGreaterThan(0);
    expect(within(screen.getByRole('navigation', { name: 'Hauptnavigation' })).getByRole('link', { name: 'Audit-Protokoll' })).toBeTruthy();
    const footer = screen.getByRole('contentinfo');
    expect(footer.textContent).toContain('© GeoBasis-DE / BKG 2013 (Daten verändert)');
    expect(within(footer).getByRole('link', { name: 'API-Dokumentation' }).getAttribute('href')).toBe('/api/docs');
  });

  it('greets the user on the start page with roles and the pages they may use', async () => {
    mockFetch({
      'GET /api/v1/auth/session': () =>
        json({
          csrfToken: 'c',
          user: makeMe({ displayName: 'Cem Çelik', roles: ['lead'], permissions: ['users.read', 'organisations.read', 'audit.read'], memberships: [{ organisationId: 'o1', organisationName: 'Rhein-Sieg-Kreis', role: 'lead' }] }),
        }),
      'GET /api/v1/notifications': emptyNotifications,
    });
    renderApp('/');

    const heading = await screen.findByRole('heading', { level: 1 });
    expect(heading.textContent).toBe('Willkommen, Cem Çelik');
    expect(heading.querySelector('bdi')?.textContent).toBe('Cem Çelik');
    expect(screen.getByRole('cell', { name: 'KI-Leitung' })).toBeTruthy();
    const main = screen.getByRole('main');
    expect(within(main).getByRole('link', { name: 'Benutzer:innen' })).toBeTruthy();
    expect(within(main).getByRole('link', { name: 'Audit-Protokoll' })).toBeTruthy();
  });

  it('returns to the login when the session ends while working', async () => {
    let sessionAlive = true;
    mockFetch({
      'GET /api/v1/auth/session': () =>
        sessionAlive ? json({ csrfToken: 'c', user: makeMe() }) : json({ code: 'unauthenticated', message: 'Abgelaufen' }, 401),
      'GET /api/v1/notifications': emptyNotifications,
      'GET /api/v1/organisations': () => {
        sessionAlive = false;
        return json({ code: 'unauthenticated', message: 'Bitte melden Sie sich an (keine oder abgelaufene Sitzung).' }, 401);
      },
    });
    const router = renderApp('/admin/organisationen');

    expect(await screen.findByText('Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.')).toBeTruthy();
    expect(router.state.location.pathname).toBe('/anmelden');
  });

  it('logs out from the header', async () => {
    const fetchMock = mockFetch({
      'GET /api/v1/auth/session': () => json({ csrfToken: 'c', user: makeMe() }),
      'GET /api/v1/notifications': emptyNotifications,
      'POST /api/v1/auth/logout': () => json({ ok: true }),
    });
    const router = renderApp('/profil');
    await screen.findByRole('heading', { level: 1, name: 'Profil' });

    await userEvent.setup().click(within(screen.getByRole('banner')).getAllByRole('button', { name: 'Abmelden' })[0]!);

    expect(await screen.findByText('Sie haben sich abgemeldet.')).toBeTruthy();
    expect(router.state.location.pathname).toBe('/anmelden');
    const logoutCall = fetchMock.mock.calls.find(([url]) => String(url).endsWith('/auth/logout'));
    expect(new Headers(logoutCall?.[1]?.headers).get('x-csrf-token')).toBe('c');
  });
});
