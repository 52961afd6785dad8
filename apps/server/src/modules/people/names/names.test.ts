import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_DIR, parseCsv } from '../../../seed/geo.js';
import { nameKeys, nameTokens, PAIR_KEYS_QUERY, particlePairKeys } from './keys.js';
import { koelnerPhonetik } from './koelner.js';
import { LIKELY_DUPLICATE, REASONS, scoreMatch, SHOW_THRESHOLD, trigramSimilarity } from './match.js';
import { detectScript, foldLatin } from './normalise.js';
import { canonicalSpelling, spellingSimilarity } from './spelling.js';
import { arabicToLatin, cyrillicToGerman, cyrillicToIcao, cyrillicToUkrainian } from './transliterate.js';

const keysOf = (name: string) => new Set(nameTokens(name).flatMap((t) => t.keys));
const shareKey = (a: string, b: string) => {
  const kb = keysOf(b);
  return [...keysOf(a)].some((k) => kb.has(k));
};

describe('folding', () => {
  it('folds German umlauts, ß, case and other diacritics the way German offices write them', () => {
    expect(foldLatin('Müller-Lüdenscheidt')).toBe('mueller luedenscheidt');
    expect(foldLatin('Straße')).toBe('strasse');
    expect(foldLatin('ÇELİK')).toBe('celik');
    expect(foldLatin('José  Hernández')).toBe('jose hernandez');
    // decomposed input (u + combining diaeresis) folds like the precomposed form
    expect(foldLatin('Mu\u0308ller')).toBe(foldLatin('Müller'));
  });

  it('recognises the script a name is written in', () => {
    expect(detectScript('محمد الحسن')).toBe('Arab');
    expect(detectScript('Евгений')).toBe('Cyrl');
    expect(detectScript('Kemal Aydın')).toBe('Latn');
  });
});

describe('transliteration', () => {
  it('follows ICAO 9303 for Cyrillic and the Duden spelling as a second reading', () => {
    expect(cyrillicToIcao('Евгений Жуков')).toBe('evgenii zhukov');
    expect(cyrillicToGerman('Евгений Жуков')).toBe('jewgenij schukow');
    expect(cyrillicToIcao('Олександр Щербак')).toBe('oleksandr shcherbak');
    // Ukrainian passports since 2010: the national table (г → h, и → y, word-initial є/ю → ye/yu).
    expect(cyrillicToUkrainian('Олег Євген Юрій Микола')).toBe('oleh yevhen yurii mykola');
  });

  it('reads Arabic and Persian script as a consonant frame with the article split off', () => {
    expect(arabicToLatin('محمد الحسن')).toBe('mhmd al-hsn');
    expect(arabicToLatin('پریسا')).toBe('prisa');
  });
});

describe('Kölner Phonetik', () => {
  it('gives the published codes', () => {
    expect(koelnerPhonetik('Müller-Lüdenscheidt')).toBe('65752682');
    expect(koelnerPhonetik('Wikipedia')).toBe('3412');
    expect(koelnerPhonetik('Breschnew')).toBe('17863');
    expect(koelnerPhonetik('Meier')).toBe(koelnerPhonetik('Mayr'));
    expect(koelnerPhonetik('Schmidt')).toBe(koelnerPhonetik('Schmitt'));
  });
});

describe('name keys', () => {
  it('give محمد and its common Latin spellings one shared key', () => {
    for (const spelling of ['Mohamed', 'Mohammed', 'Muhammad', 'Mohammad', 'Mehmet', 'Muhammed']) {
      expect(shareKey(spelling, 'محمد'), spelling).toBe(true);
    }
  });

  it('strip the article and particles: Al-Hassan, Alhasan, El Hassan and الحسن match', () => {
    for (const spelling of ['Al-Hassan', 'Alhasan', 'El Hassan', 'al Hasan', 'Hassan']) expect(shareKey(spelling, 'الحسن'), spelling).toBe(true);
    expect(nameTokens('Ahmad bin Ali').map((t) => t.text)).toEqual(['ahmad', 'ali']);
  });

  it('split Abd compounds: Abdulrahman, Abd al-Rahman, Abdel Rahman and عبد الرحمن share both parts', () => {
    const arabic = nameTokens('عبد الرحمن');
    for (const spelling of ['Abdulrahman', 'Abd al-Rahman', 'Abdel Rahman', 'Abdurrahman']) {
      const tokens = nameTokens(spelling);
      expect(tokens.length, spelling).toBe(2);
      tokens.forEach((t, i) => expect(t.keys.some((k) => arabic[i]!.keys.includes(k)), `${spelling} ${t.text}`).toBe(true));
    }
  });

  it('match German and English transliterations of Russian and Ukrainian names', () => {
    for (const spelling of ['Yevgeny', 'Jewgeni', 'Evgenii', 'Yevhen']) expect(shareKey(spelling, 'Евгений'), spelling).toBe(true);
    for (const spelling of ['Zhukov', 'Schukow', 'Joukov']) expect(shareKey(spelling, 'Жуков'), spelling).toBe(true);
    for (const spelling of ['Oleksandr', 'Alexander', 'Aleksandr']) expect(shareKey(spelling, 'Александр'), spelling).toBe(true);
  });

  it('match Turkish letters with their plain spellings', () => {
    expect(shareKey('Şükrü Çelik', 'Sukru Celik')).toBe(true);
    expect(shareKey('Hüseyin', 'حسين')).toBe(true);
  });

  it('read dge, c before e/i/y and an initial x the way the languages concerned do', () => {
    expect(shareKey('Rodgers', 'Rogers')).toBe(true);
    expect(shareKey('Hocine', 'حسين')).toBe(true);
    expect(shareKey('Xing', 'Шин')).toBe(true);
    expect(shareKey('Ximénez', 'Jiménez')).toBe(true);
    // c at the end of a word stays k first: Ric, Luc, Nic.
    expect(nameTokens('Ric')[0]!.keys[0]).toBe('RK');
  });

  it('list the likeliest keys first, so that pair keys (the first six per word) hold them', () => {
    const firstSix = (name: string) => nameTokens(name)[0]!.keys.filter((k) => !k.startsWith('k')).slice(0, PAIR_KEYS_QUERY);
    expect(firstSix('Ashleigh')).toContain('CL');
    expect(firstSix('Ashleigh')[0]).toBe('CLK');
  });

  it('read French -ques silent first and ah before l/n/r as a long a, but keep the h of Ahmad', () => {
    const firstSix = (name: string) => nameTokens(name)[0]!.keys.filter((k) => !k.startsWith('k')).slice(0, PAIR_KEYS_QUERY);
    expect(firstSix('Jacques')[0]).toBe('JK');
    expect(firstSix('Georges')).toContain('JRJ');
    expect(firstSix('Angus')[0]).toBe('NKS');
    expect(shareKey('Ahna', 'Ana')).toBe(true);
    expect(shareKey('Jahn', 'Jan')).toBe(true);
    expect(keysOf('Ahmad').has('MD')).toBe(false);
  });

  it('pair a typed particle with its word, so that Lê Mattias singles out Le Matthias among all Matthiases', () => {
    const share = (a: string, b: string) => particlePairKeys(a, PAIR_KEYS_QUERY).some((k) => nameKeys([b]).includes(k));
    expect(share('Lê Mattias', 'Le Matthias')).toBe(true);
    expect(share('Des Wera', 'De Vera')).toBe(true);
    expect(share('Ben Yusuf', 'Ibn Youssef')).toBe(true);
    expect(share('Lê Mattias', 'Matthias Schmidt')).toBe(false);
    // The article al-/el- is written, joined or dropped at random: no pair for it.
    expect(particlePairKeys('Mohammed Al-Hassan', PAIR_KEYS_QUERY)).toEqual([]);
    // A particle at the end is a name (Shintaro Lê), not a particle.
    expect(particlePairKeys('Shintaro Lê', PAIR_KEYS_QUERY)).toEqual([]);
  });

  it('drop Romance particles before a name: des, del, dos', () => {
    expect(nameTokens('Des Boris').map((t) => t.text)).toEqual(['boris']);
    expect(nameTokens('Maria del Carmen').map((t) => t.text)).toEqual(['maria', 'carmen']);
    expect(nameTokens('João dos Santos').map((t) => t.text)).toEqual(['joao', 'santos']);
  });

  it('keep a particle at the end of a name: it is a name there (Shintaro Lê)', () => {
    expect(nameTokens('Shintaro Lê').map((t) => t.text)).toEqual(['shintaro', 'le']);
    expect(nameTokens('Maria de la Cruz').map((t) => t.text)).toEqual(['maria', 'cruz']);
  });

  it('store every key of every name, sorted and unique', () => {
    const keys = nameKeys(['Mohammed Al-Hassan', 'محمد الحسن']);
    expect(keys).toContain('MHMD');
    expect(keys).toContain('HSN');
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('recall on the real Wikidata spelling clusters (data/names)', () => {
  const rows = parseCsv(fs.readFileSync(path.join(DATA_DIR, 'names/wikidata-name-transliteration-variants.csv'), 'utf8'));
  const clusters = new Map<string, { script: string; native: string; variants: { latin: string; count: number }[] }>();
  for (const r of rows) {
    const key = `${r.script}:${r.native}`;
    const c = clusters.get(key) ?? { script: r.script!, native: r.native!, variants: [] };
    c.variants.push({ latin: r.latin_variant!, count: Number(r.count) });
    clusters.set(key, c);
  }

  it.each(['Arab', 'Cyrl'])('finds ≥ 97 percent of the %s clusters’ spellings (weighted by frequency) from the original script alone', (script) => {
    let total = 0;
    let found = 0;
    for (const c of clusters.values()) {
      if (c.script !== script) continue;
      const native = keysOf(c.native);
      for (const v of c.variants) {
        total += v.count;
        if ([...keysOf(v.latin)].some((k) => native.has(k))) found += v.count;
      }
    }
    expect(clusters.size).toBeGreaterThan(800);
    expect(found / total).toBeGreaterThanOrEqual(0.97);
  });

  it('finds every frequent spelling of أحمد, حسين and يوسف (ahmed/ahmad/ahmet, hussein/hossein/hüseyin, youssef/yusuf)', () => {
    for (const native of ['أحمد', 'حسين', 'يوسف']) {
      const cluster = [...clusters.values()].find((c) => c.native === native);
      expect(cluster, native).toBeDefined();
      const frequent = cluster!.variants.filter((v) => v.count >= 5).map((v) => v.latin);
      expect(frequent.length).toBeGreaterThanOrEqual(3);
      for (const latin of frequent) expect(shareKey(latin, native), `${native} ${latin}`).toBe(true);
    }
  });
});

describe('spelling similarity', () => {
  it('treats letters that only another transliteration scheme writes differently as the same spelling', () => {
    const pairs: [string, string][] = [['Husayn', 'Hussain'], ['Meier', 'Mayer'], ['Yevgeniy', 'Yevgeni'], ['Fatimah', 'Fatima'], ['Mohammed', 'Mohamed'], ['Schukow', 'Shukov']];
    for (const [a, b] of pairs) {
      expect(canonicalSpelling(foldLatin(a)), `${a}/${b}`).toBe(canonicalSpelling(foldLatin(b)));
      expect(spellingSimilarity(foldLatin(a), foldLatin(b))).toBe(1);
    }
  });

  it('ranks another spelling of the same sounds above another name with the same sound key', () => {
    expect(spellingSimilarity('hussain', 'husayn')).toBeGreaterThan(spellingSimilarity('hussain', 'hasan'));
    expect(spellingSimilarity('jewgenij', 'yevgeny')).toBeGreaterThan(spellingSimilarity('jewgenij', 'jagan'));
    // Arabic script writes no short vowels: Muhammad is close to the frame mhmd, Mahmud to mhmud.
    expect(spellingSimilarity('muhammad', 'mhmd', true)).toBeGreaterThan(0.9);
    expect(spellingSimilarity('mahmud', 'mhmud', true)).toBeGreaterThan(spellingSimilarity('mahmud', 'mhmd', true));
    expect(spellingSimilarity('petra', 'klaus')).toBeLessThan(0.3);
  });
});

describe('ranking', () => {
  const existing = {
    variants: [
      { givenNames: 'Mohammed', familyName: 'Al-Hassan' },
      { givenNames: 'محمد', familyName: 'الحسن' },
    ],
    birthDate: '1991-04-12',
    birthDatePrecision: 'day' as const,
    birthDateIsPlaceholder: false,
  };

  it('warns about "محمد الحسن / Mohammed Al-Hassan" when someone types "Muhammad Alhasan"', () => {
    const r = scoreMatch({ name: 'Muhammad Alhasan' }, existing);
    expect(r.score).toBeGreaterThanOrEqual(LIKELY_DUPLICATE);
    expect(r.reasons).toContain(REASONS.sameArabic);
    expect(r.reasons).toContain(REASONS.similarSpelling);
  });

  it('adds "gleiches Geburtsdatum" and lowers the score for a different, fully known birthday', () => {
    expect(scoreMatch({ name: 'Muhammad Alhasan', birthDate: '1991-04-12' }, existing).reasons).toContain(REASONS.sameBirthDate);
    expect(scoreMatch({ name: 'Muhammad Alhasan', birthDate: '1970-01-30' }, existing).score).toBeLessThan(LIKELY_DUPLICATE);
  });

  it('says when given and family name were swapped', () => {
    const r = scoreMatch({ name: 'Al-Hassan Mohammed' }, existing);
    expect(r.score).toBeGreaterThanOrEqual(LIKELY_DUPLICATE);
    expect(r.reasons).toContain(REASONS.swapped);
  });

  it('gives the same name typed in Arabic script "gleiche arabische Schreibweise"', () => {
    const r = scoreMatch({ name: 'محمد الحسن' }, existing);
    expect(r.score).toBe(1);
    expect(r.reasons).toContain(REASONS.sameArabic);
  });

  it('breaks ties: a person whose Latin and Arabic spellings both match, then the closer whole spelling, ranks first', () => {
    const latinOnly = { ...existing, variants: [{ givenNames: 'Mohammed', familyName: 'Al-Hassan' }] };
    const a = scoreMatch({ name: 'Mohammed Al-Hassan' }, existing);
    const b = scoreMatch({ name: 'Mohammed Al-Hassan' }, latinOnly);
    expect(a.score).toBe(b.score);
    expect(a.support!).toBeGreaterThan(b.support!);
    const closer = scoreMatch({ name: 'Mohamed Hasan' }, { ...latinOnly, variants: [{ givenNames: 'Mohamed', familyName: 'Hassan' }] });
    const farther = scoreMatch({ name: 'Mohamed Hasan' }, { ...latinOnly, variants: [{ givenNames: 'Muhammed', familyName: 'Hassan' }] });
    expect(closer.support!).toBeGreaterThan(farther.support!);
  });

  it('puts another spelling of the same name above a different name that sounds alike', () => {
    const person = (givenNames: string, familyName: string) => ({ variants: [{ givenNames, familyName }], birthDate: null, birthDatePrecision: 'unknown' as const, birthDateIsPlaceholder: false });
    expect(scoreMatch({ name: 'Ali Hussain' }, person('Ali', 'Husayn')).score).toBeGreaterThan(scoreMatch({ name: 'Ali Hussain' }, person('Ali', 'Hasan')).score);
    // Swapped names are shown, after the same name in the order typed.
    expect(scoreMatch({ name: 'Meier Daniel' }, person('Meier', 'Daniel')).score).toBeGreaterThan(scoreMatch({ name: 'Meier Daniel' }, person('Daniel', 'Meier')).score);
  });

  it('does not show a different person who only shares a common family name', () => {
    expect(scoreMatch({ name: 'Ahmed Hassan' }, existing).score).toBeLessThan(SHOW_THRESHOLD);
    expect(scoreMatch({ name: 'Petra Neumann' }, existing).score).toBe(0);
  });

  it('finds German spelling variants by sound', () => {
    const meyer = { variants: [{ givenNames: 'Jürgen', familyName: 'Meyer' }], birthDate: null, birthDatePrecision: 'unknown' as const, birthDateIsPlaceholder: false };
    const r = scoreMatch({ name: 'Juergen Maier' }, meyer);
    expect(r.score).toBeGreaterThanOrEqual(LIKELY_DUPLICATE);
    expect(r.reasons).toEqual([REASONS.similarSpelling]);
  });

  it('computes trigram similarity like pg_trgm', () => {
    expect(trigramSimilarity('hassan', 'hassan')).toBe(1);
    expect(trigramSimilarity('hassan', 'hasan')).toBeGreaterThan(0.4);
    expect(trigramSimilarity('abc', 'xyz')).toBe(0);
  });
});
