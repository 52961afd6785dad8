import { detectScript, foldLatin } from './normalise.js';

// Cyrillic → Latin after ICAO Doc 9303 Part 3 (7th ed., 2015), the spelling in German passports of Russian and
// Ukrainian nationals' documents; Ukrainian letters (є, і, ї, ґ) included.
const CYRILLIC_ICAO: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', ґ: 'g', д: 'd', е: 'e', ё: 'e', є: 'ie', ж: 'zh', з: 'z', и: 'i', і: 'i', ї: 'i',
  й: 'i', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ў: 'u', ф: 'f', х: 'kh',
  ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: 'ie', ы: 'y', ь: '', э: 'e', ю: 'iu', я: 'ia',
};

// The German (Duden) spelling of Russian names, as German authorities wrote them before ICAO: Jewgeni, Schukow.
const CYRILLIC_GERMAN: Record<string, string> = {
  а: 'a', б: 'b', в: 'w', г: 'g', ґ: 'g', д: 'd', е: 'e', ё: 'jo', є: 'je', ж: 'sch', з: 's', и: 'i', і: 'i', ї: 'ji',
  й: 'j', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ў: 'u', ф: 'f', х: 'ch',
  ц: 'z', ч: 'tsch', ш: 'sch', щ: 'schtsch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'ju', я: 'ja',
};

// Ukraine's national transliteration (Cabinet resolution 55/2010), used in Ukrainian passports since 2010: г → h,
// и → y, with the word-initial forms of є, ї, й, ю, я (Oleh, Mykola, Yevhen, Yurii).
const CYRILLIC_UKRAINIAN: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'h', ґ: 'g', д: 'd', е: 'e', ё: 'io', є: 'ie', ж: 'zh', з: 'z', и: 'y', і: 'i', ї: 'i',
  й: 'i', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ў: 'u', ф: 'f', х: 'kh',
  ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'iu', я: 'ia',
};
const UKRAINIAN_INITIAL: Record<string, string> = { є: 'ye', ї: 'yi', й: 'y', ю: 'yu', я: 'ya' };

// Arabic and Persian → Latin in the simplified common practice (no diacritics, ICAO-like digraphs). Short vowels are
// not written in Arabic script, so the reading is a consonant frame: محمد → mhmd.
const ARABIC_LATIN: Record<string, string> = {
  ا: 'a', أ: 'a', إ: 'i', آ: 'a', ٱ: 'a', ء: '', ؤ: '', ئ: '', ب: 'b', پ: 'p', ت: 't', ث: 'th', ج: 'j', چ: 'ch',
  ح: 'h', خ: 'kh', د: 'd', ذ: 'dh', ر: 'r', ز: 'z', ژ: 'zh', س: 's', ش: 'sh', ص: 's', ض: 'd', ط: 't', ظ: 'z',
  ع: '', غ: 'gh', ف: 'f', ق: 'q', ك: 'k', ک: 'k', گ: 'g', ل: 'l', م: 'm', ن: 'n', ه: 'h', ة: 'a', و: 'w',
  ي: 'y', ی: 'y', ى: 'a',
};

function mapEach(value: string, table: Record<string, string>, initialVowel?: (ch: string) => string | undefined): string {
  let out = '';
  let wordStart = true;
  for (const ch of value.normalize('NFC').toLowerCase()) {
    const initial = wordStart ? initialVowel?.(ch) : undefined;
    if (initial !== undefined) out += initial;
    else if (ch in table) out += table[ch];
    else if (/[\u064B-\u065F\u0670\u0640]/u.test(ch)) continue;
    else out += ch;
    wordStart = /[\s-]/u.test(ch);
  }
  return out;
}

/** ICAO 9303 reading of a Cyrillic name: Евгений Жуков → evgenii zhukov. */
export function cyrillicToIcao(value: string): string {
  return mapEach(value, CYRILLIC_ICAO);
}

/** German reading of a Cyrillic name: Евгений Жуков → jewgenij schukow. */
export function cyrillicToGerman(value: string): string {
  return mapEach(value, CYRILLIC_GERMAN, (ch) => (ch === 'е' ? 'je' : undefined));
}

/** Ukrainian passport reading of a Cyrillic name: Олег Євген Юрій → oleh yevhen yurii. */
export function cyrillicToUkrainian(value: string): string {
  return mapEach(value, CYRILLIC_UKRAINIAN, (ch) => UKRAINIAN_INITIAL[ch]);
}

/** Consonant-frame reading of an Arabic or Persian name: محمد الحسن → mhmd al-hsn; و and ي read as vowels inside a word. */
export function arabicToLatin(value: string): string {
  let out = '';
  const chars = [...value.normalize('NFC')];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const initial = i === 0 || /[\s-]/u.test(chars[i - 1]!);
    if (ch === 'و') out += initial ? 'w' : 'u';
    else if (ch === 'ي' || ch === 'ی') out += initial ? 'y' : 'i';
    else if (ch === 'ل' && i > 0 && chars[i - 1] === 'ا' && (i === 1 || /[\s-]/u.test(chars[i - 2]!))) out += 'l-';
    else if (ch in ARABIC_LATIN) out += ARABIC_LATIN[ch];
    else if (/[\u064B-\u065F\u0670\u0640]/u.test(ch)) continue;
    else out += ch;
  }
  return out;
}

/** All Latin readings of a name, folded for search: the name itself when Latin, otherwise its transliterations. */
export function latinReadings(value: string): string[] {
  const script = detectScript(value);
  const readings =
    script === 'Cyrl'
      ? [cyrillicToIcao(value), cyrillicToGerman(value), cyrillicToUkrainian(value)]
      : script === 'Arab'
        ? [arabicToLatin(value)]
        : [value];
  return [...new Set(readings.map(foldLatin).filter(Boolean))];
}
