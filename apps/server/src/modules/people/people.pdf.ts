import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

/** The part of pdfmake's (untyped) server API used here. */
interface PdfMake {
  virtualfs: { writeFileSync(name: string, content: Buffer): void; existsSync(name: string): boolean };
  addFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (path: string) => boolean): void;
  createPdf(doc: PdfDocument): { getBuffer(): Promise<Buffer> };
}

// pdfmake document definitions are deeply dynamic JSON; they stay plain objects here.
export type PdfContent = Record<string, unknown> | string | PdfContent[];
export interface PdfDocument {
  content: PdfContent;
  [key: string]: unknown;
}

const require = createRequire(import.meta.url);
let engine: PdfMake | undefined;

/** pdfmake with its own Roboto (Latin incl. umlauts, Cyrillic) embedded, and no file or network access. */
function pdfmake(): PdfMake {
  if (engine) return engine;
  const pm = require('pdfmake') as PdfMake;
  const fontDir = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
  const files = { normal: 'Roboto-Regular.ttf', bold: 'Roboto-Medium.ttf', italics: 'Roboto-Italic.ttf', bolditalics: 'Roboto-MediumItalic.ttf' };
  const fonts: Record<string, string> = {};
  for (const [style, file] of Object.entries(files)) {
    const name = `kim-${file}`;
    if (!pm.virtualfs.existsSync(name)) pm.virtualfs.writeFileSync(name, fs.readFileSync(path.join(fontDir, file)));
    fonts[style] = name;
  }
  pm.addFonts({ Roboto: fonts });
  pm.setUrlAccessPolicy(() => false);
  pm.setLocalAccessPolicy(() => false);
  engine = pm;
  return pm;
}

export async function renderPdf(doc: PdfDocument): Promise<Buffer> {
  return pdfmake().createPdf(doc).getBuffer();
}

/** Arabic script has no glyphs in the embedded font (and pdfmake does not shape it): such text is left to the JSON. */
export function pdfSafe(text: string): string {
  return /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/u.test(text) ? '' : text;
}

export function table(headers: string[], rows: string[][], widths?: (string | number)[]): PdfContent {
  if (!rows.length) return { text: 'keine Einträge', italics: true, margin: [0, 0, 0, 6] };
  return {
    table: {
      headerRows: 1,
      widths: widths ?? headers.map(() => '*'),
      body: [headers.map((h) => ({ text: h, bold: true, fillColor: '#e8eef5' })), ...rows.map((r) => r.map((c) => ({ text: pdfSafe(c) })))],
    },
    layout: 'lightHorizontalLines',
    margin: [0, 0, 0, 8],
  };
}

export function letter(opts: { title: string; subtitle: string; issuer: string; content: PdfContent[] }): PdfDocument {
  const date = new Intl.DateTimeFormat('de-DE', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(new Date());
  return {
    pageSize: 'A4',
    pageMargins: [40, 60, 40, 50],
    info: { title: opts.title, author: opts.issuer, creator: 'Teilhabe' },
    defaultStyle: { font: 'Roboto', fontSize: 9, lineHeight: 1.15 },
    header: { columns: [{ text: opts.issuer, fontSize: 8, color: '#444444' }, { text: `Erstellt: ${date}`, alignment: 'right', fontSize: 8, color: '#444444' }], margin: [40, 24, 40, 0] },
    footer: (current: number, count: number) => ({ text: `Seite ${current} von ${count}`, alignment: 'right', fontSize: 7, color: '#444444', margin: [40, 16, 40, 0] }),
    styles: { title: { fontSize: 15, bold: true, margin: [0, 0, 0, 4] }, subtitle: { fontSize: 10, margin: [0, 0, 0, 12] }, h2: { fontSize: 11.5, bold: true, margin: [0, 12, 0, 4] } },
    content: [{ text: opts.title, style: 'title' }, { text: opts.subtitle, style: 'subtitle' }, ...opts.content],
  };
}
