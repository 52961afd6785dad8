import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Organisation } from '@teilhabe/shared';
import { json, makeMe, mockFetch, renderPage } from '../../test/utils';
import { buildOrganisationTree } from './api';
import { OrganisationsPage } from './OrganisationsPage';

const org = (id: number, parent: number | null, kind: Organisation['kind'], name: string, extra: Partial<Organisation> = {}): Organisation => ({
  id: `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
  parentId: parent === null ? null : `00000000-0000-4000-8000-${String(parent).padStart(12, '0')}`,
  kind,
  name,
  ags: null,
  population: null,
  active: true,
  version: 1,
  can: { edit: true },
  ...extra,
});

const ORGS = [
  org(3, 1, 'amt', 'Amt für Integration'),
  org(2, 1, 'kommune', 'Troisdorf', { ags: '05382068', population: 74749 }),
  org(4, 2, 'traeger', 'Caritasverband Rhein-Sieg'),
  org(1, null, 'kreis', 'Rhein-Sieg-Kreis', { ags: '05382000', population: 599780 }),
  org(5, 2, 'team', 'Altes Team', { active: false }),
];

afterEach(() => vi.unstubAllGlobals());

describe('buildOrganisationTree', () => {
  it('nests by parent, Kommunen before other kinds', () => {
    const [kreis] = buildOrganisationTree(ORGS);
    expect(kreis?.organisation.name).toBe('Rhein-Sieg-Kreis');
    expect(kreis?.children.map((c) => c.organisation.name)).toEqual(['Troisdorf', 'Amt für Integration']);
    expect(kreis?.children[0]?.children.map((c) => c.organisation.name)).toEqual(['Altes Team', 'Caritasverband Rhein-Sieg']);
  });
});

describe('OrganisationsPage', () => {
  it('shows the tree as nested lists with kind, AGS and population; deactivated ones on request', async () => {
    mockFetch({ 'GET /api/v1/organisations': () => json(ORGS) });
    renderPage(<OrganisationsPage />, { me: makeMe(), path: '/admin/organisationen' });

    const tree = await screen.findByRole('list', { name: 'Organisationsbaum' });
    const below = within(tree).getByRole('list', { name: 'Unter Rhein-Sieg-Kreis' });
    const troisdorf = within(below).getByText('Troisdorf', { selector: 'p > bdi' }).closest('li') as HTMLElement;
    expect(within(troisdorf).getByText('Kommune')).toBeTruthy();
    expect(within(troisdorf).getByText('AGS 05382068 · 74.749 Einwohner:innen')).toBeTruthy();
    expect(within(troisdorf).getByRole('list', { name: 'Unter Troisdorf' })).toBeTruthy();
    expect(screen.queryByText('Altes Team', { selector: 'p > bdi' })).toBeNull();

    await userEvent.setup().click(screen.getByRole('switch', { name: '1 deaktivierte anzeigen' }));
    expect(await screen.findByText('Altes Team', { selector: 'p > bdi' })).toBeTruthy();
  });

  it('renames with If-Match and shows the conflict message after a concurrent change', async () => {
    const fetchMock = mockFetch({
      'GET /api/v1/organisations': () => json(ORGS),
      [`PATCH /api/v1/organisations/${ORGS[1]!.id}`]: () =>
        json({ code: 'version_conflict', message: 'Der Datensatz wurde inzwischen von jemand anderem geändert.' }, 409),
      [`GET /api/v1/organisations/${ORGS[1]!.id}`]: () => json({ ...ORGS[1], name: 'Stadt Troisdorf', version: 2 }),
    });
    renderPage(<OrganisationsPage />, { me: makeMe(), path: '/admin/organisationen' });
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Bearbeiten: Troisdorf' }));
    const dialog = await screen.findByRole('dialog', { name: 'Organisation bearbeiten' });
    const name = within(dialog).getByLabelText(/^Name/);
    await user.clear(name);
    await user.type(name, 'Troisdorf (Stadt)');
    await user.click(within(dialog).getByRole('button', { name: 'Speichern' }));

    expect((await within(dialog).findByRole('alert')).textContent).toContain('von jemand anderem geändert');
    expect((within(dialog).getByLabelText(/^Name/) as HTMLInputElement).value).toBe('Stadt Troisdorf');
    const patch = fetchMock.mock.calls.find(([, init]) => init?.method === 'PATCH');
    expect(new Headers(patch?.[1]?.headers).get('if-match')).toBe('1');
    expect(JSON.parse(String(patch?.[1]?.body))).toEqual({ name: 'Troisdorf (Stadt)' });
  }, 20_000);
});
