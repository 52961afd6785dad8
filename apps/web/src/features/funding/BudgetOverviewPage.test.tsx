import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BudgetOverview } from '@teilhabe/shared';
import { json, makeMe, mockFetch, renderPage } from '../../test/utils';
import { BudgetOverviewPage } from './BudgetOverviewPage';

const amounts = (personnel: number, material: number, training: number, pass: number) => ({
  personnelCents: personnel,
  materialCents: material,
  trainingCents: training,
  passThroughCents: pass,
  nonPersonnelCents: material + training + pass,
  totalCents: personnel + material + training + pass,
});

const overview: BudgetOverview = {
  year: 2021,
  organisation: null,
  sections: [
    {
      section: 'programme',
      title: 'Landesprogramme',
      rows: [
        {
          programme: { id: 'p1', code: 'KIM', name: 'Kommunales Integrationsmanagement (KIM)', shortName: 'KIM' },
          grants: 1,
          unapproved: 1,
          ...amounts(90_600_000, 9_120_000, 2_400_000, 0),
        },
        {
          programme: { id: 'p2', code: 'GLA', name: 'Guter Lebensabend NRW', shortName: 'Guter Lebensabend' },
          grants: 1,
          unapproved: 0,
          ...amounts(7_500_000, 1_260_000, 500_000, 5_500_000),
        },
      ],
      totals: amounts(98_100_000, 10_380_000, 2_900_000, 5_500_000),
    },
  ],
  grandTotals: amounts(98_100_000, 10_380_000, 2_900_000, 5_500_000),
  notes: ['1 Bescheid(e) sind noch nicht von der KI-Leitung freigegeben und als Entwurf enthalten.'],
};

afterEach(() => vi.unstubAllGlobals());

describe('the budget overview page', () => {
  it('shows the amounts per programme in German format, with sums, drafts marked and a described chart', async () => {
    mockFetch({
      'GET /api/v1/funding/budget-overview': ({ url }) => {
        expect(url.searchParams.get('year')).toBe('2021');
        return json(overview);
      },
      'GET /api/v1/organisations': () => json([]),
    });
    renderPage(<BudgetOverviewPage />, {
      path: '/foerderung/haushalt?jahr=2021',
      me: makeMe({ roles: ['finance'], permissions: ['funding.read', 'organisations.read', 'staffing.read'] }),
    });
    const table = await screen.findByTestId('overview-programme');
    const kim = within(table).getByRole('rowheader', { name: /Kommunales Integrationsmanagement/ });
    expect(kim.textContent).toContain('(Entwurf)');
    expect(screen.getByTestId('sum-programme-personnelCents').textContent).toBe('981.000,00\u00a0€');
    expect(screen.getByTestId('sum-programme-nonPersonnelCents').textContent).toBe('187.800,00\u00a0€');
    const chart = screen.getByRole('img', { name: /Personalkostenzuschüsse und Sachmittel/ });
    expect(chart.querySelector('desc')?.textContent).toContain('KIM: Personal 906.000,00\u00a0€');
    expect(screen.getByRole('link', { name: 'Als XLSX' }).getAttribute('href')).toBe('/api/v1/funding/budget-overview.xlsx?year=2021');
  });
});
