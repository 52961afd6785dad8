import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../../test/harness.js';
import { freshUser } from '../../../test/helpers.js';
import { detectMediaType } from './media-type.js';
import { SAMPLE_PDF, zipWith } from './sample-files.js';

let t: TestApp;
let cm: Agent;
let person: { id: string };
let kase: { id: string };

const octet = { 'content-type': 'application/octet-stream' };

beforeAll(async () => {
  t = await createTestApp();
  cm = await t.as('case_manager');
  person = (await cm.post('/api/v1/people', { givenNames: 'Amina', familyName: 'Beispiel' })).json();
  const res = await cm.post('/api/v1/cases', { personId: person.id, referringBody: 'self' });
  expect(res.statusCode, res.body).toBe(201);
  kase = res.json();
});
afterAll(() => t.close());

describe('media type by content', () => {
  it('recognises PDF, PNG, JPEG, DOCX and refuses a ZIP without word/document.xml', () => {
    expect(detectMediaType(SAMPLE_PDF)).toBe('application/pdf');
    expect(detectMediaType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toBe('image/png');
    expect(detectMediaType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('image/jpeg');
    expect(detectMediaType(zipWith(['[Content_Types].xml', 'word/document.xml']))).toMatch(/wordprocessingml/);
    expect(detectMediaType(zipWith(['xl/workbook.xml']))).toBeNull();
    expect(detectMediaType(Buffer.from('MZ this is an exe'))).toBeNull();
  });
});

describe('case documents', () => {
  it('stores a PDF with its checksum, lists it and audits the download', async () => {
    const up = await cm.post(`/api/v1/cases/${kase.id}/documents?filename=${encodeURIComponent('Bescheid Jobcenter.pdf')}`, SAMPLE_PDF, octet);
    expect(up.statusCode, up.body).toBe(201);
    const doc = up.json();
    expect(doc).toMatchObject({ filename: 'Bescheid Jobcenter.pdf', mediaType: 'application/pdf', sizeBytes: SAMPLE_PDF.length });
    expect(doc.sha256).toBe(createHash('sha256').update(SAMPLE_PDF).digest('hex'));

    const list = (await cm.get(`/api/v1/cases/${kase.id}/documents`)).json();
    expect(list.items.map((d: { id: string }) => d.id)).toContain(doc.id);
    expect(list.canWrite).toBe(true);

    const before = await t.auditCount(`action = 'document.downloaded'`);
    const down = await cm.get(`/api/v1/cases/${kase.id}/documents/${doc.id}`);
    expect(down.statusCode).toBe(200);
    expect(down.headers['content-type']).toBe('application/pdf');
    expect(down.headers['content-disposition']).toContain('Bescheid Jobcenter.pdf');
    expect(Buffer.compare(down.rawPayload, SAMPLE_PDF)).toBe(0);
    expect(await t.auditCount(`action = 'document.downloaded'`)).toBe(before + 1);
  });

  it('accepts a DOCX and a PNG sent with their own content type', async () => {
    const docx = await cm.post(`/api/v1/cases/${kase.id}/documents?filename=Lebenslauf.docx`, zipWith(['word/document.xml']), {
      'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    });
    expect(docx.statusCode, docx.body).toBe(201);
    const png = await cm.post(`/api/v1/people/${person.id}/documents`, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2]), {
      'content-type': 'image/png',
      'x-filename': encodeURIComponent('Passfoto ä.png'),
    });
    expect(png.statusCode, png.body).toBe(201);
    expect(png.json().filename).toBe('Passfoto ä.png');
  });

  it('refuses a file named .pdf whose content is not a PDF, naming the file, and stores nothing', async () => {
    const count = (await cm.get(`/api/v1/cases/${kase.id}/documents`)).json().items.length;
    const res = await cm.post(`/api/v1/cases/${kase.id}/documents?filename=rechnung.pdf`, Buffer.from('MZ\x90\x00 fake executable'), octet);
    expect(res.statusCode).toBe(415);
    expect(res.json().message).toMatch(/„rechnung\.pdf“.*keinen erlaubten Dateityp/);
    expect((await cm.get(`/api/v1/cases/${kase.id}/documents`)).json().items.length).toBe(count);
  });

  it('refuses JSON instead of a file and an empty file in German', async () => {
    const json = await cm.post(`/api/v1/cases/${kase.id}/documents?filename=a.pdf`, { file: 'x' });
    expect(json.statusCode).toBe(415);
    const empty = await cm.post(`/api/v1/cases/${kase.id}/documents?filename=a.pdf`, Buffer.alloc(0), octet);
    expect([400, 415]).toContain(empty.statusCode);
  });

  it('answers 413 with the limit for a file over 20 MB', async () => {
    const big = Buffer.concat([SAMPLE_PDF, Buffer.alloc(20 * 1024 * 1024)]);
    const res = await cm.post(`/api/v1/cases/${kase.id}/documents?filename=scan.pdf`, big, octet);
    expect(res.statusCode).toBe(413);
    expect(res.json().message).toMatch(/„scan\.pdf“ ist zu groß: höchstens 20 MB/);
  });

  it('hides documents of another organisation’s case (404), also for upload and download', async () => {
    const doc = (await cm.post(`/api/v1/cases/${kase.id}/documents?filename=x.pdf`, SAMPLE_PDF, octet)).json();
    const other = await t.asUser(await freshUser(t, 'case_manager', { organisationId: t.tree.orgs.kimSiegburg!.id }));
    expect((await other.get(`/api/v1/cases/${kase.id}/documents`)).statusCode).toBe(404);
    expect((await other.get(`/api/v1/cases/${kase.id}/documents/${doc.id}`)).statusCode).toBe(404);
    expect((await other.post(`/api/v1/cases/${kase.id}/documents?filename=y.pdf`, SAMPLE_PDF, octet)).statusCode).toBe(404);
    expect((await other.get(`/api/v1/people/${person.id}/documents`)).statusCode).toBe(404);
  });

  it('deletes softly: gone from the list and the download, audited', async () => {
    const doc = (await cm.post(`/api/v1/cases/${kase.id}/documents?filename=alt.pdf`, SAMPLE_PDF, octet)).json();
    const del = await cm.delete(`/api/v1/cases/${kase.id}/documents/${doc.id}`);
    expect(del.statusCode, del.body).toBe(200);
    expect((await cm.get(`/api/v1/cases/${kase.id}/documents`)).json().items.map((d: { id: string }) => d.id)).not.toContain(doc.id);
    expect((await cm.get(`/api/v1/cases/${kase.id}/documents/${doc.id}`)).statusCode).toBe(404);
    expect(await t.auditCount(`action = 'document.deleted'`)).toBeGreaterThanOrEqual(1);
  });
});
