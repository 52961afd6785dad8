import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Organisation, User } from '@teilhabe/shared';
import { json, makeMe, mockFetch, renderPage } from '../../test/utils';
import { UsersPage } from './UsersPage';

const KREIS: Organisation = {
  id: '00000000-0000-4000-8000-0000000000a1',
  parentId: null,
  kind: 'kreis',
  name: 'Rhein-Sieg-Kreis',
  ags: '05382000',
  population: 600000,
  active: true,
  version: 1,
  can: { edit: true },
};
const TROISDORF: Organisation = {
  ...KREIS,
  id: '00000000-0000-4000-8000-0000000000b2',
  parentId: KREIS.id,
  kind: 'kommune',
  name: 'Troisdorf',
  ags: '05382068',
  population: 75000,
};

const ANNA: User = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'anna.admin@example.org',
  displayName: 'Anna Admin',
  active: true,
  totpEnabled: true,
  lastLoginAt: '2025-03-01T08:15:00.000Z',
  createdAt: '2025-01-01T08:00:00.000Z',
  memberships: [{ organisationId: KREIS.id, organisationName: KREIS.name, role: 'admin' }],
  passwordSet: true,
  version: 3,
  can: { edit: true, deactivate: false },
  pendingRoleGrants: [],
};

afterEach(() => vi.unstubAllGlobals());

async function chooseOption(user: ReturnType<typeof userEvent.setup>, input: HTMLElement, option: string | RegExp) {
  await user.click(input);
  await user.click(await screen.findByRole('option', { name: option }));
}

describe('UsersPage', () => {
  it('lists users in a table with column headers', async () => {
    mockFetch({ 'GET /api/v1/users/role-grants': () => json([]), 'GET /api/v1/users': () => json({ items: [ANNA], total: 1, limit: 25, offset: 0 }) });
    renderPage(<UsersPage />, { me: makeMe(), path: '/admin/benutzer' });

    const table = await screen.findByRole('table', { name: 'Benutzer:innen' });
    expect(within(table).getByRole('columnheader', { name: 'E-Mail-Adresse' })).toBeTruthy();
    expect(within(table).getByRole('rowheader', { name: 'Anna Admin' })).toBeTruthy();
    expect(within(table).getByText(/Administration/)).toBeTruthy();
  });

  it("shows the server's field errors next to the fields they belong to", async () => {
    const fetchMock = mockFetch({
      'GET /api/v1/users/role-grants': () => json([]),
      'GET /api/v1/users': () => json({ items: [ANNA], total: 1, limit: 25, offset: 0 }),
      'GET /api/v1/organisations': () => json([KREIS, TROISDORF]),
      'POST /api/v1/users': () =>
        json(
          {
            code: 'validation_failed',
            message: 'Ungültige Eingabe',
            fields: {
              email: 'Diese E-Mail-Adresse ist bereits vergeben.',
              'memberships.0.role': 'Diese Rolle gibt es in einer Kommune nicht.',
            },
            requestId: 'req-1',
          },
          400,
        ),
    });
    renderPage(<UsersPage />, { me: makeMe(), path: '/admin/benutzer' });
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Benutzer:in anlegen' }));
    const dialog = await screen.findByRole('dialog', { name: 'Benutzer:in anlegen' });
    await user.type(within(dialog).getByLabelText(/E-Mail-Adresse/), 'bernd@example.org');
    await user.type(within(dialog).getByLabelText(/^Name/), 'Bernd Beispiel');
    await chooseOption(user, within(dialog).getByRole('combobox', { name: /^Organisation/ }), /Troisdorf/);
    await chooseOption(user, within(dialog).getByRole('combobox', { name: /^Rolle/ }), 'Case Management (KIM)');
    await user.click(within(dialog).getByRole('button', { name: 'Anlegen' }));

    const email = within(dialog).getByLabelText(/E-Mail-Adresse/);
    expect(await within(dialog).findByText('Diese E-Mail-Adresse ist bereits vergeben.')).toBeTruthy();
    expect(email.getAttribute('aria-invalid')).toBe('true');
    const emailError = document.getElementById(email.getAttribute('aria-describedby')?.split(' ').find((id) => id.endsWith('-error')) ?? '');
    expect(emailError?.textContent).toBe('Diese E-Mail-Adresse ist bereits vergeben.');

    const role = within(dialog).getByRole('combobox', { name: /^Rolle/ });
    expect(role.getAttribute('aria-invalid')).toBe('true');
    const roleError = document.getElementById(role.getAttribute('aria-describedby')?.split(' ').find((id) => id.endsWith('-error')) ?? '');
    expect(roleError?.textContent).toBe('Diese Rolle gibt es in einer Kommune nicht.');

    const summary = within(dialog).getByRole('alert');
    expect(within(summary).getByRole('link', { name: 'E-Mail-Adresse' })).toBeTruthy();
    expect(within(summary).getByRole('link', { name: 'Rolle (Zuordnung 1)' })).toBeTruthy();

    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(JSON.parse(String(post?.[1]?.body))).toEqual({
      email: 'bernd@example.org',
      displayName: 'Bernd Beispiel',
      memberships: [{ organisationId: TROISDORF.id, role: 'case_manager' }],
    });
    expect(new Headers(post?.[1]?.headers).get('idempotency-key')).toMatch(/^[0-9a-f]{32}$/);
  }, 20_000);

  it('shows the one-time set-up link after creating a user', async () => {
    const created: User = { ...ANNA, id: '00000000-0000-4000-8000-000000000002', email: 'bernd@example.org', displayName: 'Bernd Beispiel', passwordSet: false };
    mockFetch({
      'GET /api/v1/users/role-grants': () => json([]),
      'GET /api/v1/users': () => json({ items: [ANNA], total: 1, limit: 25, offset: 0 }),
      'GET /api/v1/organisations': () => json([KREIS, TROISDORF]),
      'POST /api/v1/users': () =>
        json(
          { user: created, setupUrl: 'https://teilhabe.example/einrichten/abcdefghijklmnop', setupExpiresAt: '2025-03-02T09:00:00.000Z', emailSent: false },
          201,
        ),
    });
    renderPage(<UsersPage />, { me: makeMe(), path: '/admin/benutzer' });
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Benutzer:in anlegen' }));
    const dialog = await screen.findByRole('dialog', { name: 'Benutzer:in anlegen' });
    await user.type(within(dialog).getByLabelText(/E-Mail-Adresse/), 'bernd@example.org');
    await user.type(within(dialog).getByLabelText(/^Name/), 'Bernd Beispiel');
    await chooseOption(user, within(dialog).getByRole('combobox', { name: /^Organisation/ }), /Troisdorf/);
    await chooseOption(user, within(dialog).getByRole('combobox', { name: /^Rolle/ }), 'Case Management (KIM)');
    await user.click(within(dialog).getByRole('button', { name: 'Anlegen' }));

    const linkDialog = await screen.findByRole('dialog', { name: 'Einrichtungslink' });
    expect((within(linkDialog).getByLabelText('Einrichtungslink') as HTMLInputElement).value).toBe(
      'https://teilhabe.example/einrichten/abcdefghijklmnop',
    );
    expect(within(linkDialog).getByText(/24 Stunden gültig, bis 02\.03\.2025, 10:00/)).toBeTruthy();
    expect(within(linkDialog).getByRole('button', { name: 'Kopieren' })).toBeTruthy();
    expect(within(linkDialog).getByRole('button', { name: 'Dialog schließen' })).toBeTruthy();
  }, 20_000);

  it('lists a pending grant of the administration role and lets a second administrator approve it', async () => {
    const grant = {
      id: '00000000-0000-4000-8000-0000000000c1',
      userId: '00000000-0000-4000-8000-000000000002',
      userName: 'Bernd Beispiel',
      organisationId: KREIS.id,
      organisationName: KREIS.name,
      role: 'admin' as const,
      requestedBy: ANNA.id,
      requestedByName: 'Anna Admin',
      requestedAt: '2025-03-01T09:00:00.000Z',
      canDecide: true,
    };
    let pending = [grant];
    const fetchMock = mockFetch({
      'GET /api/v1/users/role-grants': () => json(pending),
      'GET /api/v1/users': () => json({ items: [ANNA], total: 1, limit: 25, offset: 0 }),
      'GET /api/v1/organisations': () => json([KREIS, TROISDORF]),
      [`POST /api/v1/users/role-grants/${grant.id}/approve`]: () => {
        pending = [];
        return json({ ...ANNA, id: grant.userId, displayName: grant.userName });
      },
    });
    renderPage(<UsersPage />, { me: makeMe(), path: '/admin/benutzer' });
    const user = userEvent.setup();
    const section = await screen.findByRole('region', { name: 'Offene Freigaben der Administrationsrolle' });
    expect(within(section).getByText(/für Bernd Beispiel – beantragt von Anna Admin/)).toBeTruthy();
    await user.click(within(section).getByRole('button', { name: 'Freigeben: Bernd Beispiel' }));
    expect(await within(section).findByText(/Administrationsrolle für Bernd Beispiel ist freigegeben/)).toBeTruthy();
    expect(fetchMock.mock.calls.some(([input, init]) => String(input).endsWith('/approve') && init?.method === 'POST')).toBe(true);
  });
});
