import { teilhabeDocument, type PdfContent, type PdfDocument } from '../../platform/pdf/index.js';

export { renderPdf, type PdfContent, type PdfDocument } from '../../platform/pdf/index.js';

/** A council-paper layout: Kreis and date in the header, title, content, footnote and page numbers in the footer. */
export function councilPaper(opts: {
  title: string;
  subtitle?: string;
  issuer: string;
  content: PdfContent[];
  footnote: string;
  landscape?: boolean;
}): PdfDocument {
  const doc = teilhabeDocument(opts);
  return { ...doc, styles: { ...(doc.styles as Record<string, unknown>), h2: { fontSize: 11.5, bold: true, margin: [0, 12, 0, 4] } } };
}
