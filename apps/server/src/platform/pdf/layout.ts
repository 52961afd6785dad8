import { LATIN_FONT, type PdfContent, type PdfDocument } from './engine.js';

export const todayDe = () => new Intl.DateTimeFormat('de-DE', { dateStyle: 'long', timeZone: 'Europe/Berlin' }).format(new Date());

/** Width of the text area of an A4 page with Teilhabe's margins (points). */
export const A4_TEXT_WIDTH = { portrait: 595.28 - 80, landscape: 841.89 - 80 };

/**
 * Teilhabe's page: issuer (or "Teilhabe") and date in the header; footnote, "Erstellt mit Teilhabe" and "Seite x von y"
 * in the footer; title and subtitle on top. A4, German document language, Roboto 9 pt.
 */
export function teilhabeDocument(opts: {
  title: string;
  subtitle?: string;
  /** Shown top left, e.g. "Kommunales Integrationszentrum" or the organisation. */
  issuer?: string;
  content: PdfContent[];
  footnote?: string;
  landscape?: boolean;
  /** "Stand" (a state of data, default) or "Erstellt" (a generated form). */
  dateLabel?: string;
}): PdfDocument {
  const date = todayDe();
  const issuer = opts.issuer ?? 'Teilhabe';
  return {
    pageSize: 'A4',
    pageOrientation: opts.landscape ? 'landscape' : 'portrait',
    pageMargins: [40, 60, 40, 60],
    language: 'de-DE',
    info: { title: opts.title, author: issuer, creator: 'Teilhabe', producer: 'Teilhabe' },
    defaultStyle: { font: LATIN_FONT, fontSize: 9, lineHeight: 1.15 },
    header: { columns: [{ text: issuer, fontSize: 8, color: '#444444' }, { text: `${opts.dateLabel ?? 'Stand'}: ${date}`, alignment: 'right', fontSize: 8, color: '#444444' }], margin: [40, 24, 40, 0] },
    footer: (current: number, count: number) => ({
      stack: [
        ...(opts.footnote ? [{ text: opts.footnote, fontSize: 6.5, color: '#444444' }] : []),
        {
          columns: [
            { text: 'Erstellt mit Teilhabe', fontSize: 7, color: '#444444' },
            { text: `Seite ${current} von ${count}`, alignment: 'right', fontSize: 7, color: '#444444' },
          ],
          margin: [0, 2, 0, 0],
        },
      ],
      margin: [40, 8, 40, 0],
    }),
    styles: {
      title: { fontSize: 15, bold: true, margin: [0, 0, 0, 4] },
      subtitle: { fontSize: 10, color: '#333333', margin: [0, 0, 0, 12] },
      h2: { fontSize: 11.5, bold: true, margin: [0, 12, 0, 4] },
      h3: { fontSize: 10, bold: true, margin: [0, 8, 0, 3] },
      th: { bold: true, fillColor: '#e8eef5' },
      small: { fontSize: 7.5, color: '#333333' },
      note: { fontSize: 8, color: '#333333', margin: [0, 6, 0, 0] },
    },
    content: [{ text: opts.title, style: 'title' }, ...(opts.subtitle ? [{ text: opts.subtitle, style: 'subtitle' }] : []), ...opts.content],
  };
}
