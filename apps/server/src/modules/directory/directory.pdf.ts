import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

/** The part of pdfmake's (untyped) server API we use. */
interface PdfMake {
  virtualfs: { writeFileSync(name: string, content: Buffer): void; existsSync(name: string): boolean };
  addFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (path: string) => boolean): void;
  createPdf(doc: PdfDocument): { getBuffer(): Promise<Buffer> };
}

// pdfmake document definitions are deeply dynamic JSON; we keep them as plain objects.
export type PdfContent = Record<string, unknown> | string | PdfContent[];
export interface PdfDocument {
  content: PdfContent;
  [key: string]: unknown;
}

const require = createRequire(import.meta.url);
let pdfmake: PdfMake | undefined;

/** pdfmake with Roboto embedded from its own package (umlauts, ß, €) and no file or network access at all. */
function engine(): PdfMake {
  if (pdfmake) return pdfmake;
  const pm = require('pdfmake') as PdfMake;
  const fontDir = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
  const files = { normal: 'Roboto-Regular.ttf', bold: 'Roboto-Medium.ttf', italics: 'Roboto-Italic.ttf', bolditalics: 'Roboto-MediumItalic.ttf' };
  const fonts: Record<string, string> = {};
  for (const [style, file] of Object.entries(files)) {
    const name = `teilhabe-${file}`;
    if (!pm.virtualfs.existsSync(name)) pm.virtualfs.writeFileSync(name, fs.readFileSync(path.join(fontDir, file)));
    fonts[style] = name;
  }
  pm.addFonts({ Roboto: fonts });
  pm.setUrlAccessPolicy(() => false);
  pm.setLocalAccessPolicy(() => false);
  pdfmake = pm;
  return pm;
}

export async function renderPdf(doc: PdfDocument): Promise<Buffer> {
  return engine().createPdf(doc).getBuffer();
}

/** A council-paper layout: Kreis and date in the header, title, content, footnote and page numbers in the footer. */
export function councilPaper(opts: {
  title: string;
  subtitle?: string;
  issuer: string;
  content: PdfContent[];
  footnote: string;
  landscape?: boolean;
}): PdfDocument {
  const date = new Intl.DateTimeFormat('de-DE', { dateStyle: 'long', timeZone: 'Europe/Berlin' }).format(new Date());
  return {
    pageSize: 'A4',
    pageOrientation: opts.landscape ? 'landscape' : 'portrait',
    pageMargins: [40, 60, 40, 60],
    info: { title: opts.title, author: opts.issuer, creator: 'Teilhabe' },
    defaultStyle: { font: 'Roboto', fontSize: 9, lineHeight: 1.15 },
    header: { columns: [{ text: opts.issuer, fontSize: 8, color: '#444444' }, { text: `Stand: ${date}`, alignment: 'right', fontSize: 8, color: '#444444' }], margin: [40, 24, 40, 0] },
    footer: (current: number, count: number) => ({
      stack: [
        { text: opts.footnote, fontSize: 6.5, color: '#444444' },
        { text: `Seite ${current} von ${count}`, alignment: 'right', fontSize: 7, color: '#444444', margin: [0, 2, 0, 0] },
      ],
      margin: [40, 8, 40, 0],
    }),
    styles: {
      title: { fontSize: 15, bold: true, margin: [0, 0, 0, 4] },
      subtitle: { fontSize: 10, color: '#333333', margin: [0, 0, 0, 12] },
      h2: { fontSize: 11.5, bold: true, margin: [0, 12, 0, 4] },
      th: { bold: true, fillColor: '#e8eef5' },
      small: { fontSize: 7.5, color: '#333333' },
    },
    content: [{ text: opts.title, style: 'title' }, ...(opts.subtitle ? [{ text: opts.subtitle, style: 'subtitle' }] : []), ...opts.content],
  };
}
