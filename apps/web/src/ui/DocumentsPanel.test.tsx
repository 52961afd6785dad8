import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, makeMe, mockFetch, renderPage } from '../test/utils';
import { DocumentsPanel } from './DocumentsPanel';

const DOC = {
  id: '00000000-0000-4000-8000-000000000077',
  filename: 'Bescheid Jobcenter.pdf',
  mediaType: 'application/pdf',
  sizeBytes: 245_760,
  sha256: 'ab'.repeat(32),
  createdAt: '2026-03-02T09:30:00.000Z',
  createdBy: 'Carla Case',
};
const BASE = '/api/v1/cases/00000000-0000-4000-8000-000000000001/documents';

afterEach(() => vi.unstubAllGlobals());

describe('DocumentsPanel', () => {
  it('lists name, type, size and date with a download link, and deletes only after the confirm', async () => {
    let items = [DOC];
    const fetchMock = mockFetch({
      [`GET ${BASE}`]: () => json({ items, canWrite: true }),
      [`DELETE ${BASE}/${DOC.id}`]: () => {
        items = [];
        return json({ ok: true });
      },
    });
    renderPage(<DocumentsPanel base="/cases/00000000-0000-4000-8000-000000000001" title="Dokumente zum Fall" />, { me: makeMe({ roles: ['case_manager'] }) });
    const table = await screen.findByRole('table', { name: 'Dokumente zum Fall' });
    expect(within(table).getByText('PDF')).toBeTruthy();
    expect(within(table).getByText('240 KB')).toBeTruthy();
    const link = within(table).getByRole('link', { name: /Bescheid Jobcenter\.pdf/ });
    expect(link.getAttribute('href')).toBe(`${BASE}/${DOC.id}`);

    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: /^Löschen/ }));
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'DELETE')).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Ja, löschen' }));
    await screen.findByText('„Bescheid Jobcenter.pdf“ wurde gelöscht.');
    await screen.findByText('Noch keine Dokumente.');
  }, 20_000);

  it('refuses a file over 20 MB in German before uploading', async () => {
    mockFetch({ [`GET ${BASE}`]: () => json({ items: [], canWrite: true }) });
    renderPage(<DocumentsPanel base="/cases/00000000-0000-4000-8000-000000000001" />, { me: makeMe({ roles: ['case_manager'] }) });
    const input = await screen.findByLabelText('Dokument hochladen (PDF, Bild oder Word, höchstens 20 MB)');
    const file = new File(['x'], 'scan.pdf', { type: 'application/pdf' });
    Object.defineProperty(file, 'size', { value: 21 * 1024 * 1024 });
    fireEvent.change(input, { target: { files: [file] } });
    expect((await screen.findByRole('alert')).textContent).toBe('Die Datei „scan.pdf“ ist zu groß: höchstens 20 MB.');
  });

  it('shows no upload or delete without write access', async () => {
    mockFetch({ [`GET ${BASE}`]: () => json({ items: [DOC], canWrite: false }) });
    renderPage(<DocumentsPanel base="/cases/00000000-0000-4000-8000-000000000001" />, { me: makeMe({ roles: ['case_manager'] }) });
    await screen.findByRole('table', { name: 'Dokumente' });
    expect(screen.queryByLabelText(/Dokument hochladen/)).toBeNull();
    expect(screen.queryByRole('button', { name: /Löschen/ })).toBeNull();
  });
});
