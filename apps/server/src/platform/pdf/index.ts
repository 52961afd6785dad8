export { ARABIC_FONT, LATIN_FONT, renderPdf, textWidth, type PdfContent, type PdfDocument } from './engine.js';
export { breakLines, cellText, hasArabicScript, inline, isRtlLanguage, paragraph, rtlParagraph, visualRuns } from './bidi.js';
export { A4_TEXT_WIDTH, teilhabeDocument, todayDe } from './layout.js';
export { BILINGUAL_COLUMN, bilingualTable, type Clause } from './bilingual.js';
