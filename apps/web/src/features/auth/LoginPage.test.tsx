import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, makeMe, mockFetch, renderPage } from '../../test/utils';
import { LoginPage } from './LoginPage';

const startPage = { path: '/', element: <p>Startseite erreicht</p> };
const usersPage = { path: '/admin/benutzer', element: <p>Benutzerliste erreicht</p> };

afterEach(() => vi.unstubAllGlobals());

async function fillCredentials() {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText(/E-Mail/), 'anna.admin@example.org');
  await user.type(screen.getByLabelText(/^Passwort/, { selector: 'input' }), 'richtig-langes-passwort');
  await user.click(screen.getByRole('button', { name: 'Anmelden' }));
  return user;
}

describe('LoginPage', () => {
  it('asks for the TOTP code when the server answers totp_required, then logs in with it', async () => {
    const me = makeMe();
    const fetchMock = mockFetch({
      'POST /api/v1/auth/login': ({ body }) =>
        (body as { totp?: string }).totp === undefined
          ? json({ status: 'totp_required' })
          : json({ status: 'ok', csrfToken: 'csrf-1', user: me }),
    });
    renderPage(<LoginPage />, { path: '/anmelden?weiter=%2Fadmin%2Fbenutzer', routes: [startPage, usersPage] });

    const user = await fillCredentials();

    const code = await screen.findByLabelText(/Bestätigungscode/);
    expect(code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(code.getAttribute('inputmode')).toBe('numeric');
    expect(screen.queryByLabelText(/^Passwort/, { selector: 'input' })).toBeNull();

    await user.type(code, '123456');
    await user.click(screen.getByRole('button', { name: 'Anmelden' }));

    expect(await screen.findByText('Benutzerliste erreicht')).toBeTruthy();
    expect(fetchMock).toHaveBeenCalledTimes(2);
    const secondBody = JSON.parse(String(fetchMock.mock.calls[1]?.[1]?.body)) as Record<string, string>;
    expect(secondBody).toEqual({ email: 'anna.admin@example.org', password: 'richtig-langes-passwort', totp: '123456' });
  }, 15_000);

  it("shows the server's German message for wrong credentials in an alert", async () => {
    mockFetch({
      'POST /api/v1/auth/login': () =>
        json({ code: 'unauthenticated', message: 'E-Mail-Adresse oder Passwort ist falsch.', requestId: 'r-1' }, 401),
    });
    renderPage(<LoginPage />, { path: '/anmelden', routes: [startPage] });

    await fillCredentials();

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('E-Mail-Adresse oder Passwort ist falsch.');
    expect(screen.queryByText('Startseite erreicht')).toBeNull();
  });

  it('shows the wait time the server names when throttled (429)', async () => {
    mockFetch({
      'POST /api/v1/auth/login': () =>
        json(
          { code: 'too_many_requests', message: 'Zu viele fehlgeschlagene Anmeldeversuche. Bitte in 15 Minuten erneut versuchen.' },
          429,
          { 'retry-after': '900' },
        ),
    });
    renderPage(<LoginPage />, { path: '/anmelden', routes: [startPage] });

    await fillCredentials();

    expect((await screen.findByRole('alert')).textContent).toContain('Bitte in 15 Minuten erneut versuchen.');
  });

  it('sends a user who still owes the TOTP set-up to the set-up page', async () => {
    mockFetch({
      'POST /api/v1/auth/login': () => json({ status: 'ok', csrfToken: 'csrf-1', user: makeMe({ totpEnabled: false, totpSetupRequired: true }) }),
    });
    renderPage(<LoginPage />, {
      path: '/anmelden',
      routes: [startPage, { path: '/zwei-faktor-einrichten', element: <p>Einrichtung erreicht</p> }],
    });

    await fillCredentials();

    expect(await screen.findByText('Einrichtung erreicht')).toBeTruthy();
  });

  it('checks the fields before calling the server', async () => {
    const fetchMock = mockFetch({});
    renderPage(<LoginPage />, { path: '/anmelden' });
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Anmelden' }));

    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Bitte geben Sie Ihre E-Mail-Adresse ein.'));
    expect(screen.getByLabelText(/E-Mail/).getAttribute('aria-invalid')).toBe('true');
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
