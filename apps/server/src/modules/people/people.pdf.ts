import { cellText, teilhabeDocument, type PdfContent, type PdfDocument } from '../../platform/pdf/index.js';

export { renderPdf, type PdfContent, type PdfDocument } from '../../platform/pdf/index.js';

/**
 * Text for the PDF as it is: the shared PDF set-up renders Arabic script (Noto Naskh Arabic, right to left) and
 * Cyrillic, so names in their original script appear as written.
 */
export function pdfSafe(text: string): string {
  return text;
}

export function table(headers: string[], rows: string[][], widths?: (string | number)[]): PdfContent {
  if (!rows.length) return { text: 'keine Einträge', italics: true, margin: [0, 0, 0, 6] };
  return {
    table: {
      headerRows: 1,
      widths: widths ?? headers.map(() => '*'),
      body: [headers.map((h) => ({ text: h, bold: true, fillColor: '#e8eef5' })), ...rows.map((r) => r.map((c) => cellText(c)))],
    },
    layout: 'lightHorizontalLines',
    margin: [0, 0, 0, 8],
  };
}

export function letter(opts: { title: string; subtitle: string; issuer: string; content: PdfContent[] }): PdfDocument {
  return teilhabeDocument({ ...opts, dateLabel: 'Erstellt' });
}
