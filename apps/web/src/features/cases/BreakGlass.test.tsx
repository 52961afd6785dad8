import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BreakGlassSession } from '@teilhabe/shared';
import { json, makeMe, mockFetch, renderPage } from '../../test/utils';
import { BreakGlassReviewPage, minutesLeft } from './BreakGlass';

afterEach(() => vi.unstubAllGlobals());

const session: BreakGlassSession = {
  id: 's1',
  caseId: 'c1',
  caseNumber: 'KIM-2026-00042',
  user: { id: 'u2', displayName: 'Jonas Berg' },
  reasonCategory: 'client_present',
  justification: 'Der Klient ist vor Ort, Kollege krank.',
  startedAt: '2026-03-02T09:00:00.000Z',
  expiresAt: '2026-03-02T09:30:00.000Z',
  endedAt: null,
  reviewOutcome: null,
  reviewNote: '',
  version: 1,
};

describe('break-glass', () => {
  it('counts the remaining minutes up and never below zero', () => {
    const now = Date.parse('2026-03-02T09:00:00.000Z');
    expect(minutesLeft('2026-03-02T09:30:00.000Z', now)).toBe(30);
    expect(minutesLeft('2026-03-02T09:00:01.000Z', now)).toBe(1);
    expect(minutesLeft('2026-03-02T08:59:00.000Z', now)).toBe(0);
  });

  it('lists accesses for the KI-Leitung and marks one as reviewed with its version', async () => {
    let reviewed = false;
    const fetch = mockFetch({
      'GET /api/v1/break-glass': () => json([reviewed ? { ...session, reviewOutcome: 'justified', version: 2 } : session]),
      'POST /api/v1/break-glass/s1/review': ({ body, headers }) => {
        expect(body).toEqual({ outcome: 'justified' });
        expect(headers.get('if-match')).toBe('1');
        reviewed = true;
        return json({ ...session, reviewOutcome: 'justified', version: 2 });
      },
    });
    renderPage(<BreakGlassReviewPage />, { path: '/notfallzugriffe', me: makeMe({ roles: ['lead'], permissions: ['cases.read', 'cases.approve'] }) });
    const row = (await screen.findByRole('rowheader', { name: 'Jonas Berg' })).closest('tr')!;
    expect(within(row).getByText(/Person ist vor Ort: Der Klient ist vor Ort/)).toBeTruthy();
    expect(within(row).getByText('nein')).toBeTruthy();
    fireEvent.click(within(row).getByRole('button', { name: /geprüft: berechtigt/ }));
    expect(await screen.findByText('geprüft: berechtigt')).toBeTruthy();
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it('shows the review page in English, with English dates and reason labels', async () => {
    mockFetch({ 'GET /api/v1/break-glass': () => json([session]) });
    renderPage(<BreakGlassReviewPage />, { path: '/notfallzugriffe', locale: 'en', me: makeMe({ roles: ['lead'], permissions: ['cases.read', 'cases.approve'] }) });
    expect(screen.getByRole('heading', { level: 1, name: 'Emergency access' })).toBeTruthy();
    const row = (await screen.findByRole('rowheader', { name: 'Jonas Berg' })).closest('tr')!;
    expect(within(row).getByText('Person is present: Der Klient ist vor Ort, Kollege krank.')).toBeTruthy();
    expect(within(row).getByText('2 Mar 2026, 10:00')).toBeTruthy();
    expect(within(row).getByText('no')).toBeTruthy();
    expect(within(row).getByRole('button', { name: /^reviewed: justified/ })).toBeTruthy();
    expect(screen.getByText('1 not reviewed')).toBeTruthy();
    expect(screen.queryByText(/geprüft/)).toBeNull();
  });
});
