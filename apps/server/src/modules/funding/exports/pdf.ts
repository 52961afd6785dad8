import { createRequire } from 'node:module';
import path from 'node:path';
import { formatDateDe, isoDateInBerlin } from '@teilhabe/shared';

/** pdfmake's document nodes: we build plain objects; pdfmake has no TypeScript types of its own. */
export type PdfNode = string | PdfNode[] | { [key: string]: unknown };

interface PdfMake {
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (p: string) => boolean): void;
  createPdf(doc: Record<string, unknown>): { getBuffer(): Promise<Buffer> };
}

const require = createRequire(import.meta.url);
let instance: PdfMake | null = null;

/** pdfmake with its bundled Roboto (umlauts, ß, €), no network access and no file access beyond the fonts. */
function pdfmake(): PdfMake {
  if (instance) return instance;
  const pm = require('pdfmake') as PdfMake;
  const fontDir = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
  pm.setFonts({
    Roboto: {
      normal: path.join(fontDir, 'Roboto-Regular.ttf'),
      bold: path.join(fontDir, 'Roboto-Medium.ttf'),
      italics: path.join(fontDir, 'Roboto-Italic.ttf'),
      bolditalics: path.join(fontDir, 'Roboto-MediumItalic.ttf'),
    },
  });
  pm.setUrlAccessPolicy(() => false);
  pm.setLocalAccessPolicy((p) => path.resolve(p).startsWith(fontDir + path.sep));
  instance = pm;
  return pm;
}

export interface CouncilPaper {
  /** e.g. "Rhein-Sieg-Kreis" */
  authority: string;
  /** e.g. "Kommunales Integrationszentrum" */
  office: string;
  title: string;
  subtitle?: string;
  /** Key facts shown as a small table under the title (Aktenzeichen, Zeitraum, …). */
  facts?: [string, string][];
  content: PdfNode[];
  /** Marks drafts in the header ("ENTWURF"). */
  draft?: boolean;
}

/**
 * A document in the layout of a council paper (Vorlage): authority and office in the header, title block, fact
 * table, content, date and page numbers in the footer. A4 portrait, Roboto.
 */
export async function renderCouncilPaper(paper: CouncilPaper, opts: { landscape?: boolean } = {}): Promise<Buffer> {
  const printed = formatDateDe(isoDateInBerlin());
  const doc = {
    pageSize: 'A4',
    pageOrientation: opts.landscape ? 'landscape' : 'portrait',
    pageMargins: [56, 72, 56, 64],
    info: {
      title: paper.title,
      subject: paper.subtitle ?? paper.title,
      author: `${paper.authority} – ${paper.office}`,
      creator: 'Teilhabe',
    },
    language: 'de-DE',
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2 },
    header: () => ({
      margin: [56, 28, 56, 0],
      columns: [
        {
          text: [
            { text: `${paper.authority}\n`, bold: true },
            { text: paper.office, color: '#444444' },
          ],
          fontSize: 9,
        },
        { text: paper.draft ? 'ENTWURF' : '', alignment: 'right', bold: true, color: '#9b1c1c', fontSize: 11 },
      ],
    }),
    footer: (current: number, total: number) => ({
      margin: [56, 16, 56, 0],
      columns: [
        { text: `Erstellt am ${printed} mit Teilhabe`, fontSize: 8, color: '#444444' },
        { text: `Seite ${current} von ${total}`, alignment: 'right', fontSize: 8, color: '#444444' },
      ],
    }),
    content: [
      { text: paper.title, style: 'title' },
      paper.subtitle ? { text: paper.subtitle, style: 'subtitle' } : '',
      paper.facts?.length
        ? {
            table: { widths: [150, '*'], body: paper.facts.map(([k, v]) => [{ text: k, bold: true }, v]) },
            layout: 'noBorders',
            margin: [0, 4, 0, 12],
          }
        : '',
      ...paper.content,
    ],
    styles: {
      title: { fontSize: 16, bold: true, margin: [0, 0, 0, 4] },
      subtitle: { fontSize: 11, color: '#333333', margin: [0, 0, 0, 10] },
      h2: { fontSize: 12, bold: true, margin: [0, 12, 0, 6] },
      th: { bold: true, fillColor: '#e8edf3' },
      sum: { bold: true, fillColor: '#f3f4f6' },
      note: { fontSize: 8.5, color: '#333333', margin: [0, 6, 0, 0] },
      gap: { color: '#9b1c1c', italics: true },
    },
  };
  return pdfmake().createPdf(doc).getBuffer();
}

/** A table with a header row that repeats on every page; money columns right-aligned. */
export function pdfTable(
  headers: string[],
  rows: PdfNode[][],
  opts: { widths?: (string | number)[]; rightAlign?: number[]; sumRows?: number } = {},
): PdfNode {
  const right = new Set(opts.rightAlign ?? []);
  const sumFrom = rows.length - (opts.sumRows ?? 0);
  return {
    table: {
      headerRows: 1,
      widths: opts.widths ?? headers.map(() => '*'),
      body: [
        headers.map((h, i) => ({ text: h, style: 'th', alignment: right.has(i) ? 'right' : 'left' })),
        ...rows.map((row, r) =>
          row.map((cell, i) => {
            const base = typeof cell === 'string' ? { text: cell } : (cell as Record<string, unknown>);
            return { ...base, ...(right.has(i) ? { alignment: 'right' } : {}), ...(r >= sumFrom ? { style: 'sum' } : {}) };
          }),
        ),
      ],
    },
    layout: 'lightHorizontalLines',
    margin: [0, 0, 0, 8],
  };
}
