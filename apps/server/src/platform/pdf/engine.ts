import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

/** The part of pdfmake's (untyped) server API Teilhabe uses. */
interface PdfMake {
  virtualfs: { writeFileSync(name: string, content: Buffer): void; existsSync(name: string): boolean };
  addFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (path: string) => boolean): void;
  createPdf(doc: PdfDocument): { getBuffer(): Promise<Buffer> };
}

/** The part of fontkit used to measure text (the same engine pdfkit lays glyphs out with). */
interface FontkitFont {
  unitsPerEm: number;
  layout(text: string): { advanceWidth: number };
}

// pdfmake document definitions are deeply dynamic JSON; they stay plain objects.
export type PdfContent = Record<string, unknown> | string | PdfContent[];
export interface PdfDocument {
  content: PdfContent;
  [key: string]: unknown;
}

/** Latin (umlauts, ß, €), Greek and Cyrillic incl. Ukrainian ґ є і ї: Roboto as shipped with pdfmake. */
export const LATIN_FONT = 'Roboto';
/** Arabic script (Arabic, Persian): Noto Naskh Arabic, SIL Open Font License 1.1, from @fontsource/noto-naskh-arabic. */
export const ARABIC_FONT = 'NotoNaskhArabic';

const require = createRequire(import.meta.url);

const FONT_FILES: Record<string, Record<'normal' | 'bold' | 'italics' | 'bolditalics', string>> = {
  [LATIN_FONT]: (() => {
    const dir = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
    return {
      normal: path.join(dir, 'Roboto-Regular.ttf'),
      bold: path.join(dir, 'Roboto-Medium.ttf'),
      italics: path.join(dir, 'Roboto-Italic.ttf'),
      bolditalics: path.join(dir, 'Roboto-MediumItalic.ttf'),
    };
  })(),
  [ARABIC_FONT]: (() => {
    const dir = path.join(path.dirname(require.resolve('@fontsource/noto-naskh-arabic/package.json')), 'files');
    // Naskh has no italic: upright is used for italics, as in print.
    const regular = path.join(dir, 'noto-naskh-arabic-arabic-400-normal.woff');
    const bold = path.join(dir, 'noto-naskh-arabic-arabic-700-normal.woff');
    return { normal: regular, bold, italics: regular, bolditalics: bold };
  })(),
};

let engine: PdfMake | undefined;

/** pdfmake with the fonts above embedded from their packages, and no file or network access at all. */
function pdfmake(): PdfMake {
  if (engine) return engine;
  const pm = require('pdfmake') as PdfMake;
  const fonts: Record<string, Record<string, string>> = {};
  for (const [family, styles] of Object.entries(FONT_FILES)) {
    fonts[family] = {};
    for (const [style, file] of Object.entries(styles)) {
      // The virtual file carries the font's real path as its name: charts (SVG) hand the name straight to PDFKit,
      // which opens it from the disk, while pdfmake reads the same name from its virtual file system.
      const name = file;
      if (!pm.virtualfs.existsSync(name)) pm.virtualfs.writeFileSync(name, fs.readFileSync(file));
      fonts[family][style] = name;
    }
  }
  pm.addFonts(fonts);
  pm.setUrlAccessPolicy(() => false);
  pm.setLocalAccessPolicy(() => false);
  engine = pm;
  return pm;
}

export async function renderPdf(doc: PdfDocument): Promise<Buffer> {
  return pdfmake().createPdf(doc).getBuffer();
}

const measured = new Map<string, FontkitFont>();

/** Width in points of a text in one font (for the line breaking of right-to-left paragraphs). */
export function textWidth(text: string, family: string, fontSize: number, bold = false): number {
  const file = FONT_FILES[family]![bold ? 'bold' : 'normal'];
  let font = measured.get(file);
  if (!font) {
    const fontkit = require('fontkit') as { create(buffer: Buffer): FontkitFont };
    font = fontkit.create(fs.readFileSync(file));
    measured.set(file, font);
  }
  return (font.layout(text).advanceWidth / font.unitsPerEm) * fontSize;
}
