import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuditEvent } from '@teilhabe/shared';
import { json, makeMe, mockFetch, renderPage } from '../../test/utils';
import { AuditPage } from './AuditPage';

const EVENT: AuditEvent = {
  seq: 42,
  id: '00000000-0000-4000-8000-000000000042',
  occurredAt: '2025-07-01T10:15:30.000Z',
  actorId: '00000000-0000-4000-8000-000000000001',
  actorEmail: 'anna.admin@example.org',
  actorRole: 'admin',
  organisationId: null,
  action: 'users.create',
  subjectType: 'user',
  subjectId: '00000000-0000-4000-8000-000000000002',
  outcome: 'denied',
  requestId: 'req-77',
  details: {},
};

afterEach(() => vi.unstubAllGlobals());

describe('AuditPage', () => {
  it('shows Berlin time, filters into the query and the CSV link, and the chain check result', async () => {
    const fetchMock = mockFetch({
      'GET /api/v1/audit-events': () => json({ items: [EVENT], total: 1, limit: 50, offset: 0 }),
      'GET /api/v1/users': () => json({ items: [], total: 0, limit: 200, offset: 0 }),
      'GET /api/v1/audit-events/verify': () => json({ ok: false, checked: 1200, firstBroken: { seq: 907, id: 'abc', reason: 'Hash stimmt nicht' } }),
    });
    renderPage(<AuditPage />, { me: makeMe(), path: '/admin/audit' });
    const user = userEvent.setup();

    const table = await screen.findByRole('table', { name: 'Audit-Einträge, neueste zuerst' });
    expect(within(table).getByText('01.07.2025, 12:15:30')).toBeTruthy();
    expect(within(table).getByText('Verweigert')).toBeTruthy();
    expect(within(table).getByText('Administration')).toBeTruthy();

    await user.type(screen.getByLabelText('Aktion'), 'users.create');
    fireEvent.change(screen.getByLabelText('Von'), { target: { value: '2025-07-01T08:00' } });
    await user.click(screen.getByRole('button', { name: 'Filter anwenden' }));

    const lastList = () => new URL(String(fetchMock.mock.calls.filter(([url]) => String(url).startsWith('/api/v1/audit-events?')).at(-1)?.[0]), 'http://x');
    await vi.waitFor(() => expect(lastList().searchParams.get('action')).toBe('users.create'));
    expect(lastList().searchParams.get('from')).toBe('2025-07-01T06:00:00.000Z');
    const csv = screen.getByRole('link', { name: 'Als CSV exportieren' });
    expect(csv.getAttribute('href')).toBe('/api/v1/audit-events/export.csv?action=users.create&from=2025-07-01T06%3A00%3A00.000Z');

    await user.click(screen.getByRole('button', { name: 'Kette prüfen' }));
    const result = await screen.findByRole('alert');
    expect(result.textContent).toContain('Kette unterbrochen');
    expect(result.textContent).toContain('Nr. 907');
  }, 20_000);

  it('refuses an action filter the API would reject, next to the field', async () => {
    mockFetch({
      'GET /api/v1/audit-events': () => json({ items: [], total: 0, limit: 50, offset: 0 }),
      'GET /api/v1/users': () => json({ items: [], total: 0, limit: 200, offset: 0 }),
    });
    renderPage(<AuditPage />, { me: makeMe(), path: '/admin/audit' });
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText('Aktion'), 'DROP TABLE');
    await user.click(screen.getByRole('button', { name: 'Filter anwenden' }));

    const action = screen.getByLabelText('Aktion');
    expect(action.getAttribute('aria-invalid')).toBe('true');
    expect(within(screen.getByRole('alert')).getByRole('link', { name: 'Aktion' })).toBeTruthy();
  });
});
