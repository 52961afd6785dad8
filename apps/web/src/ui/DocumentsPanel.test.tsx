import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DOCUMENT_MEDIA_TYPES } from '@teilhabe/shared';
import { de } from '../i18n/de';
import { en } from '../i18n/en';
import { json, makeMe, mockFetch, renderPage } from '../test/utils';
import { DocumentsPanel, formatBytes, MEDIA_TYPE_KEYS } from './DocumentsPanel';

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

  it('speaks English when the UI does: headers, type, size, date, the upload field and its messages', async () => {
    const png = { ...DOC, id: '00000000-0000-4000-8000-000000000078', filename: 'Pass.png', mediaType: 'image/png', sizeBytes: 1_572_864 };
    mockFetch({ [`GET ${BASE}`]: () => json({ items: [DOC, png], canWrite: true }) });
    renderPage(<DocumentsPanel base="/cases/00000000-0000-4000-8000-000000000001" />, { locale: 'en', me: makeMe({ roles: ['case_manager'] }) });
    const table = await screen.findByRole('table', { name: 'Documents' });
    expect(screen.getByRole('heading', { level: 2, name: 'Documents' })).toBeTruthy();
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Name', 'Type', 'Size', 'Uploaded', 'Actions']);
    const row = within(table).getByRole('rowheader', { name: /Pass\.png/ }).closest('tr')!;
    expect(within(row).getByText('PNG image')).toBeTruthy();
    expect(within(row).getByText('1.5 MB')).toBeTruthy();
    expect(within(row).getByText('2 Mar 2026, 10:30 · Carla Case')).toBeTruthy();
    // (jsdom's accessible names drop the space before visually hidden text; a browser reads "Pass.png download".)
    expect(within(row).getByRole('link', { name: /^Pass\.png\s*download$/ })).toBeTruthy();
    await userEvent.setup().click(within(row).getByRole('button', { name: /^Delete\s*\(Pass\.png\)$/ }));
    expect(screen.getByRole('button', { name: 'Yes, delete' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeTruthy();
    expect(screen.getByText('The document will be deleted; the deletion stays visible in the audit log.')).toBeTruthy();
    const input = screen.getByLabelText('Upload a document (PDF, image or Word, at most 20 MB)');
    const file = new File(['x'], 'scan.pdf', { type: 'application/pdf' });
    Object.defineProperty(file, 'size', { value: 21 * 1024 * 1024 });
    fireEvent.change(input, { target: { files: [file] } });
    expect((await screen.findByRole('alert')).textContent).toBe('The file “scan.pdf” is too large: at most 20 MB.');
    expect(screen.queryByText(/Dokument|Löschen|Größe/)).toBeNull();
  }, 20_000);

  it('names every accepted document type in both catalogs, German as the shared list', () => {
    expect(Object.keys(MEDIA_TYPE_KEYS).sort()).toEqual(Object.keys(DOCUMENT_MEDIA_TYPES).sort());
    for (const [mediaType, label] of Object.entries(DOCUMENT_MEDIA_TYPES)) {
      expect(de[MEDIA_TYPE_KEYS[mediaType]!], mediaType).toBe(label);
      expect(en[MEDIA_TYPE_KEYS[mediaType]!], mediaType).toBeTruthy();
    }
    expect(formatBytes(1_572_864)).toBe('1,5 MB');
    expect(formatBytes(1_572_864, 'en')).toBe('1.5 MB');
  });
});
