import { createRequire } from 'node:module';
import type { Bidi } from 'bidi-js';
import { ARABIC_FONT, LATIN_FONT, textWidth, type PdfContent } from './engine.js';

/**
 * Right-to-left text for pdfmake. pdfmake lays words out left to right and breaks lines itself; fontkit shapes each
 * Arabic-script word (joining forms) and already turns its glyphs into visual order. What is missing is the order of
 * words and neutral characters on a line. So Teilhabe breaks right-to-left paragraphs into lines itself (measuring with
 * fontkit), applies the Unicode bidi algorithm to every line (bidi-js, UAX #9 rules L1–L4) with Arabic words as atoms,
 * and hands pdfmake one right-aligned line at a time, each run in the font that has its glyphs.
 */

// bidi-js is a UMD bundle whose module.exports is the factory.
const bidiFactory = createRequire(import.meta.url)('bidi-js') as () => Bidi;
const bidi = bidiFactory();

/** Arabic-script letters and marks (incl. Persian letters and ZWNJ); Arabic-Indic digits are not letters here. */
const ARABIC_LETTER = /[\u0600-\u065F\u066A-\u06EF\u06FA-\u06FF\u0750-\u077F\u0870-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF\u200C\u200D]/u;
const ARABIC_ANY = /[\u0600-\u06FF\u0750-\u077F\u0870-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/u;

export const hasArabicScript = (text: string) => ARABIC_ANY.test(text);

/** Languages written right to left among the form languages. */
export const isRtlLanguage = (lang: string) => lang === 'ar' || lang === 'fa';

interface Piece {
  text: string;
  arabic: boolean;
}

/** One line in visual order, as runs for pdfmake (Arabic words in logical order: fontkit reverses their glyphs). */
export function visualRuns(line: string, base: 'ltr' | 'rtl'): Piece[] {
  if (!hasArabicScript(line) && base === 'ltr') return [{ text: line, arabic: false }];
  const { levels } = bidi.getEmbeddingLevels(line, base);
  // Tokens: whole Arabic words (one level), every other character alone.
  const tokens: { text: string; level: number; arabic: boolean }[] = [];
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    const level = levels[i]!;
    const last = tokens[tokens.length - 1];
    const arabic = ARABIC_LETTER.test(ch);
    if (arabic && last?.arabic && last.level === level) last.text += ch;
    else tokens.push({ text: ch, level, arabic });
  }
  // Rule L1: trailing whitespace takes the paragraph level.
  const baseLevel = base === 'rtl' ? 1 : 0;
  for (let i = tokens.length - 1; i >= 0 && /\s/u.test(tokens[i]!.text); i--) tokens[i]!.level = baseLevel;
  // Rule L2: from the highest level down to the lowest odd level, reverse every run at that level or higher.
  const max = Math.max(...tokens.map((t) => t.level));
  const minOdd = Math.min(...tokens.map((t) => (t.level % 2 ? t.level : t.level + 1)));
  for (let k = max; k >= minOdd; k--) {
    for (let i = 0; i < tokens.length; ) {
      if (tokens[i]!.level < k) {
        i++;
        continue;
      }
      let j = i;
      while (j < tokens.length && tokens[j]!.level >= k) j++;
      const reversed = tokens.slice(i, j).reverse();
      tokens.splice(i, j - i, ...reversed);
      i = j;
    }
  }
  // Rule L4: mirrored characters (brackets) in right-to-left runs.
  const pieces: Piece[] = [];
  for (const t of tokens) {
    const text = !t.arabic && t.level % 2 ? (bidi.getMirroredCharacter(t.text) ?? t.text) : t.text;
    const last = pieces[pieces.length - 1];
    // Latin runs may be merged; Arabic words stay apart so that pdfmake never reorders inside a run.
    if (last && !last.arabic && !t.arabic) last.text += text;
    else pieces.push({ text, arabic: t.arabic });
  }
  return pieces;
}

/**
 * pdfmake inline runs of a single line (a name, a label, a table cell): Arabic words in the Arabic font. Spread the
 * result into a `text: [...]` array, or use {@link cellText} for a whole node.
 */
export function inline(text: string, base: 'ltr' | 'rtl' = hasArabicScript(text) && !/[A-Za-zÄÖÜäöüß]/u.test(text) ? 'rtl' : 'ltr'): PdfContent[] {
  if (!hasArabicScript(text)) return [text];
  return visualRuns(text, base).map((p) => (p.arabic ? { text: p.text, font: ARABIC_FONT } : { text: p.text }));
}

/** A text node (table cell, line) that renders any script: `{ text: [...] }`. */
export function cellText(text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { text: inline(text), ...extra };
}

function runsWidth(line: string, base: 'ltr' | 'rtl', fontSize: number, bold: boolean): number {
  return visualRuns(line, base).reduce((w, p) => w + textWidth(p.text, p.arabic ? ARABIC_FONT : LATIN_FONT, fontSize, bold), 0);
}

/** Greedy line breaking at spaces, measured with the fonts that will draw the text. */
export function breakLines(text: string, width: number, fontSize: number, bold = false, base: 'ltr' | 'rtl' = 'rtl'): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    const words = paragraph.split(/ +/u).filter(Boolean);
    let line = '';
    for (const word of words) {
      const candidate = line ? `${line} ${word}` : word;
      if (line && runsWidth(candidate, base, fontSize, bold) > width) {
        lines.push(line);
        line = word;
      } else line = candidate;
    }
    lines.push(line);
  }
  return lines;
}

/**
 * A right-to-left paragraph for a known text width in points: one right-aligned pdfmake line per visual line.
 * Extra pdfmake properties (margin, bold, fontSize) apply to the whole paragraph.
 */
export function rtlParagraph(text: string, width: number, opts: { fontSize?: number; bold?: boolean; margin?: number[] } = {}): PdfContent {
  const fontSize = opts.fontSize ?? 9;
  // A little slack: pdfmake must never wrap these lines again.
  const lines = breakLines(text, width * 0.96, fontSize, opts.bold ?? false);
  return {
    stack: lines.map((line) => ({
      text: visualRuns(line, 'rtl').map((p) => (p.arabic ? { text: p.text, font: ARABIC_FONT } : { text: p.text })),
      alignment: 'right',
    })),
    fontSize,
    ...(opts.bold ? { bold: true } : {}),
    ...(opts.margin ? { margin: opts.margin } : {}),
  };
}

/** A paragraph in a form language: right to left for Arabic and Persian, otherwise plain pdfmake text. */
export function paragraph(text: string, lang: string, width: number, opts: { fontSize?: number; bold?: boolean; margin?: number[] } = {}): PdfContent {
  if (isRtlLanguage(lang)) return rtlParagraph(text, width, opts);
  return { text: inline(text, 'ltr'), ...(opts.fontSize ? { fontSize: opts.fontSize } : {}), ...(opts.bold ? { bold: true } : {}), ...(opts.margin ? { margin: opts.margin } : {}) };
}
