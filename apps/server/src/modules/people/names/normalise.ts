/** Writing systems a name can be typed in; `Arab` covers Arabic and Persian letters. */
export type NameScript = 'Latn' | 'Arab' | 'Cyrl' | 'other';

const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/u;
const CYRILLIC = /[\u0400-\u04FF\u0500-\u052F]/u;
const LATIN = /[A-Za-z\u00C0-\u024F]/u;
/** Letters used in Persian but not in Arabic (peh, tcheh, jeh, gaf, Persian kaf and yeh). */
const PERSIAN_ONLY = /[\u067E\u0686\u0698\u06AF\u06A9\u06CC]/u;

export function detectScript(value: string): NameScript {
  let arab = 0;
  let cyrl = 0;
  let latn = 0;
  for (const ch of value) {
    if (ARABIC.test(ch)) arab++;
    else if (CYRILLIC.test(ch)) cyrl++;
    else if (LATIN.test(ch)) latn++;
  }
  const max = Math.max(arab, cyrl, latn);
  if (max === 0) return 'other';
  if (max === arab) return 'Arab';
  if (max === cyrl) return 'Cyrl';
  return 'Latn';
}

export function looksPersian(value: string): boolean {
  return PERSIAN_ONLY.test(value);
}

const PLAIN = /^[A-Za-z0-9 \-.,]*$/;

/** German name folding: ä→ae, ö→oe, ü→ue, ß→ss, other diacritics removed, lower case, only a–z, digits and single spaces. */
export function foldLatin(value: string): string {
  // Most names are plain ASCII letters: the full chain below is needed only for the others.
  if (PLAIN.test(value)) return value.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  return value
    .normalize('NFC')
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .replace(/ø/g, 'o')
    .replace(/ł/g, 'l')
    .replace(/đ/g, 'd')
    .replace(/ı/g, 'i')
    .replace(/ʿ|ʾ|ʻ|ʼ|’|‘|`|´|'/g, '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Arabic-script spelling reduced to its letters: vowel marks, tatweel and hamza seats unified, Persian kaf/yeh
 * mapped to the Arabic forms, so that "two people wrote the same letters" compares equal.
 */
export function foldArabic(value: string): string {
  return value
    .normalize('NFC')
    .replace(/[\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/gu, '')
    .replace(/[\u0622\u0623\u0625\u0671]/gu, '\u0627')
    .replace(/\u06A9/gu, '\u0643')
    .replace(/[\u06CC\u0649]/gu, '\u064A')
    .replace(/\u0629/gu, '\u0647')
    .replace(/[^\u0600-\u06FF\s-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function foldCyrillic(value: string): string {
  return value
    .normalize('NFC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\u0400-\u04FF\s-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A spelling folded within its own script, for "same spelling" comparisons. */
export function foldInScript(value: string): string {
  switch (detectScript(value)) {
    case 'Arab':
      return foldArabic(value);
    case 'Cyrl':
      return foldCyrillic(value);
    default:
      return foldLatin(value);
  }
}
