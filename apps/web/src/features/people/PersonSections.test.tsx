import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, makeMe, mockFetch, renderPage } from '../../test/utils';
import { PendingApprovalsSection, RetentionRulesSection } from './PersonSections';

const MERGE = {
  id: '00000000-0000-4000-8000-0000000000a1',
  status: 'pending',
  source: { id: '00000000-0000-4000-8000-0000000000b1', displayName: 'Leila Testfal' },
  target: { id: '00000000-0000-4000-8000-0000000000b2', displayName: 'Leyla Testfall' },
  reason: 'Gleiche Person, zwei Schreibweisen',
  requestedBy: { id: 'u1', displayName: 'Carla Case' },
  requestedAt: '2026-03-02T09:30:00.000Z',
  decidedBy: null,
  decidedAt: null,
  decisionNote: '',
  moved: null,
  undoneAt: null,
  version: 1,
  can: { decide: true, undo: false },
};

afterEach(() => vi.unstubAllGlobals());

describe('four-eyes approvals', () => {
  it('lets the KI-Leitung approve a pending merge with the record version', async () => {
    const fetchMock = mockFetch({
      'GET /api/v1/person-approvals': () => json({ merges: [MERGE], erasures: [] }),
      [`POST /api/v1/person-merges/${MERGE.id}/decision`]: () => json({ ...MERGE, status: 'approved', version: 2, can: { decide: false, undo: true } }),
    });
    renderPage(<PendingApprovalsSection />, { me: makeMe({ roles: ['lead'] }) });
    const table = await screen.findByRole('table', { name: 'Offene Anträge auf Zusammenführung' });
    expect(within(table).getByText('Gleiche Person, zwei Schreibweisen')).toBeTruthy();
    await userEvent.setup().click(within(table).getByRole('button', { name: 'Freigeben' }));
    await vi.waitFor(() => {
      const call = fetchMock.mock.calls.find(([url]) => String(url).includes('/decision'));
      expect(call).toBeTruthy();
      expect((call![1]!.headers as Record<string, string>)['if-match']).toBe('1');
      expect(JSON.parse(String(call![1]!.body))).toEqual({ decision: 'approve' });
    });
    expect(screen.getByRole('table', { name: 'Offene Löschanträge' })).toBeTruthy();
  });

  it('edits the retention rule with If-Match 0 while the default applies', async () => {
    const rule = { recordClass: 'person', label: 'Personen mit abgeschlossenen Fällen', anonymiseAfterMonths: 36, minRetentionMonths: 0, isDefault: true, updatedAt: null, version: 0 };
    const fetchMock = mockFetch({
      'GET /api/v1/retention-rules': () => json([rule]),
      'PUT /api/v1/retention-rules/person': () => json({ ...rule, anonymiseAfterMonths: 48, isDefault: false, version: 1, updatedAt: '2026-03-02T09:30:00.000Z' }),
    });
    renderPage(<RetentionRulesSection />, { me: makeMe({ roles: ['lead'] }) });
    const user = userEvent.setup();
    const after = await screen.findByLabelText('Anonymisieren nach (Monaten)');
    await user.clear(after);
    await user.type(after, '48');
    await user.click(screen.getByRole('button', { name: 'Regel speichern' }));
    await vi.waitFor(() => {
      const call = fetchMock.mock.calls.find(([, init]) => init?.method === 'PUT');
      expect(call).toBeTruthy();
      expect((call![1]!.headers as Record<string, string>)['if-match']).toBe('0');
      expect(JSON.parse(String(call![1]!.body))).toEqual({ anonymiseAfterMonths: 48, minRetentionMonths: 0 });
    });
  });
});
