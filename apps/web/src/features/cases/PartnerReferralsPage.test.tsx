import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PartnerReferral } from '@teilhabe/shared';
import { json, makeMe, mockFetch, renderPage } from '../../test/utils';
import { PartnerReferralPage } from './PartnerReferralsPage';

afterEach(() => vi.unstubAllGlobals());

const ID = '00000000-0000-4000-8000-000000000051';
const referral: PartnerReferral = {
  id: ID,
  status: 'requested',
  statusChangedAt: '2026-03-02T09:00:00.000Z',
  createdAt: '2026-03-02T09:00:00.000Z',
  offerName: 'Arbeitsvermittlung',
  lifeDomain: 'work',
  message: 'Bitte um einen Termin.',
  feedbackNote: '',
  version: 1,
  sharedCategories: ['identity', 'languages'],
  withheldCategories: ['contact', 'benefits'],
  referredBy: { displayName: 'Carla Case', organisationName: 'KIM Case Management Troisdorf' },
  person: {
    identity: { givenNames: 'Olena', familyName: 'Kowalenko', nativeName: null, birthDate: '1988-02-03', birthDatePrecision: 'day', sex: 'female' },
    languages: { languages: [{ code: 'uk', label: 'Ukrainisch', interpreterNeeded: true }] },
  },
  can: { changeStatus: ['accepted', 'declined'] },
};
const partner = makeMe({ roles: ['partner'], permissions: ['referrals.receive'] });

function render(body: PartnerReferral, locale: 'de' | 'en' = 'de') {
  mockFetch({ [`GET /api/v1/partner/referrals/${ID}`]: () => json(body) });
  renderPage(<PartnerReferralPage />, { path: `/vermittlungen/${ID}`, pattern: '/vermittlungen/:id', locale, me: partner });
}

describe('the partner’s referral page', () => {
  it('lists the released categories and marks the ones its agency would need but no consent releases', async () => {
    render(referral);
    expect(await screen.findByText('Freigegeben: Name und Geburtsdatum, Sprachen und Sprachmittlungsbedarf')).toBeTruthy();
    expect(screen.getByText('Nicht freigegeben: Anschrift und Erreichbarkeit, Sozialleistungen (Rechtskreis)')).toBeTruthy();
    const table = screen.getByRole('table');
    expect(within(table).getByRole('rowheader', { name: 'Name' }).closest('tr')!.textContent).toContain('Olena Kowalenko');
    for (const label of ['Anschrift und Erreichbarkeit', 'Sozialleistungen (Rechtskreis)']) {
      expect(within(table).getByRole('rowheader', { name: label }).closest('tr')!.textContent).toContain('nicht freigegeben');
    }
    // Categories outside the agency's minimal data set are not mentioned.
    expect(screen.queryByText(/Aufenthaltsstatus|Gesundheit/)).toBeNull();
  });

  it('shows the same in English', async () => {
    render(referral, 'en');
    expect(await screen.findByText('Released: Name and date of birth, Languages and need for interpreting')).toBeTruthy();
    expect(screen.getByText('Not released: Address and contact details, Social benefits (benefit system)')).toBeTruthy();
    expect(screen.getByRole('rowheader', { name: 'Address and contact details' }).closest('tr')!.textContent).toContain('not released');
    expect(screen.getAllByRole('row').filter((r) => r.textContent?.includes('not released'))).toHaveLength(2);
  });

  it('says so when nothing about the person is released', async () => {
    render({ ...referral, sharedCategories: [], withheldCategories: [], person: {} });
    expect(await screen.findByText('Freigegeben: keine Angaben zur Person')).toBeTruthy();
    expect(screen.getByText('Für Ihre Stelle sind keine Angaben zur Person freigegeben.')).toBeTruthy();
    expect(screen.queryByText(/^Nicht freigegeben/)).toBeNull();
  });
});
