import { isRtlLanguage, paragraph } from './bidi.js';
import type { PdfContent } from './engine.js';

/** Text width of each column of a two-column bilingual table on A4 portrait (515 pt minus 16 pt gutter). */
export const BILINGUAL_COLUMN = 249;

export interface Clause {
  de: string;
  /** The same clause in the form language (omitted for German-only forms). */
  other?: string;
  /** A bold label line above the text, in both languages. */
  label?: { de: string; other?: string };
}

function cell(text: string, lang: string, width: number, label?: string): PdfContent {
  return {
    stack: [...(label ? [paragraph(label, lang, width, { bold: true, fontSize: 8 })] : []), paragraph(text, lang, width)],
    ...(isRtlLanguage(lang) ? { alignment: 'right' } : {}),
  };
}

/**
 * Clauses side by side: German on the left, the same clause in the form language on the right, so the reader can
 * compare them line by line. With `lang = 'de'` the clauses fill the page in one column.
 */
export function bilingualTable(clauses: Clause[], lang: string): PdfContent {
  const single = lang === 'de';
  const width = single ? 515 : BILINGUAL_COLUMN;
  return {
    table: {
      dontBreakRows: true,
      widths: single ? ['*'] : [BILINGUAL_COLUMN, BILINGUAL_COLUMN],
      body: clauses.map((c) =>
        single ? [cell(c.de, 'de', width, c.label?.de)] : [cell(c.de, 'de', width, c.label?.de), cell(c.other ?? '', lang, width, c.label?.other)],
      ),
    },
    layout: {
      hLineWidth: (i: number) => (i === 0 ? 0 : 0.5),
      vLineWidth: () => 0,
      hLineColor: () => '#bbbbbb',
      paddingLeft: (i: number) => (i === 0 ? 0 : 8),
      paddingRight: (i: number, node: { table: { widths: unknown[] } }) => (i === node.table.widths.length - 1 ? 0 : 8),
      paddingTop: () => 4,
      paddingBottom: () => 4,
    },
    margin: [0, 0, 0, 8],
  };
}
