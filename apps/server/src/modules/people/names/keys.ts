import { koelnerPhonetik } from './koelner.js';
import { detectScript, foldArabic, foldCyrillic, foldLatin, type NameScript } from './normalise.js';
import { canonicalSpelling } from './spelling.js';
import { latinReadings } from './transliterate.js';

/**
 * Script-neutral sound keys for name tokens. Every letter becomes a consonant class (vowels, y, hamza and ain vanish);
 * letters whose Latin spelling varies get alternatives (ج → j or g, ch → sch, h or k), repeated classes collapse.
 * Two spellings of one name share at least one key: محمد, Mohammed, Muhammad, Mehmet → MHMD.
 *
 * Classes: B (b p) · F (f v w) · D (d t) · S (s z ts ß) · C (sch ch tsch ш ч ش) · J (dsch dj zh ج ж) · K (k g q c) ·
 * H (h ch kh ح خ х) · L · M · N · R.
 */
type Alternatives = readonly string[];

const MAX_KEYS_PER_TOKEN = 48;

const LATIN_GRAPHEMES: readonly (readonly [string, Alternatives])[] = [
  ['shch', ['C']],
  ['schtsch', ['C']],
  ['tsch', ['C']],
  ['dsch', ['J']],
  ['sch', ['C']],
  ['dzh', ['J']],
  ['tch', ['C']],
  ['sh', ['C', 'SH', 'S']],
  ['sz', ['C']],
  ['cz', ['C']],
  ['ch', ['C', 'H', 'K']],
  ['zh', ['J', 'C']],
  ['kh', ['H']],
  ['gh', ['K', 'H', '']],
  ['dh', ['D', 'S']],
  ['th', ['D', 'S']],
  ['ph', ['F']],
  ['dj', ['J']],
  ['ck', ['K']],
  ['qu', ['K', 'KF']],
  ['ts', ['S', 'DS']],
  ['tz', ['S', 'DS']],
  ['wr', ['R']],
  ['wh', ['F', '']],
  ['1', ['C', 'S']],
  ['2', ['', 'K']],
  ['x', ['KS']],
  ['j', ['J', '', 'H']],
  ['w', ['F', '']],
  ['v', ['F']],
  ['f', ['F']],
  ['b', ['B']],
  ['p', ['B']],
  ['d', ['D']],
  ['t', ['D']],
  ['s', ['S']],
  ['z', ['S']],
  ['c', ['K', 'S', 'J', 'C']],
  ['g', ['K', 'J']],
  ['k', ['K']],
  ['q', ['K']],
  ['l', ['L']],
  ['m', ['M']],
  ['n', ['N']],
  ['r', ['R']],
];

const ARABIC_LETTERS: Record<string, Alternatives> = {
  ب: ['B'], پ: ['B'], ت: ['D'], ث: ['S', 'D'], ج: ['J', 'K'], چ: ['C'], ح: ['H'], خ: ['H', 'K'], د: ['D'],
  ذ: ['D', 'S'], ر: ['R'], ز: ['S'], ژ: ['J', 'C'], س: ['S'], ش: ['C'], ص: ['S'], ض: ['D'], ط: ['D'],
  ظ: ['S', 'D'], غ: ['K', 'H', ''], ف: ['F'], ق: ['K'], ك: ['K'], ک: ['K'], گ: ['K'], ل: ['L'], م: ['M'],
  ن: ['N'],
};
const ARABIC_SILENT = new Set(['ا', 'أ', 'إ', 'آ', 'ٱ', 'ى', 'ء', 'ؤ', 'ئ', 'ع', 'ة', 'ي', 'ی']);

const CYRILLIC_LETTERS: Record<string, Alternatives> = {
  б: ['B'], п: ['B'], в: ['F'], ф: ['F'], ў: ['F'], г: ['K', 'H'], ґ: ['K'], д: ['D'], т: ['D'], ж: ['J', 'C'],
  з: ['S'], с: ['S'], ц: ['S'], к: ['K'], л: ['L'], м: ['M'], н: ['N'], р: ['R'], х: ['H', 'K'], ч: ['C'],
  ш: ['C'], щ: ['C'],
};

/** Particles that are not part of the name proper: the article al-/el- (and its assimilated forms), bin/ibn/ben. */
const LATIN_ARTICLES = ['al', 'el', 'ul', 'il', 'ar', 'as', 'ad', 'at', 'an', 'az', 'ash', 'ed', 'es', 'er', 'en', 'ud', 'ur', 'us'];
const LATIN_PARTICLES = new Set([
  ...LATIN_ARTICLES,
  'bin', 'ibn', 'ben', 'bint', 'binti', 'bn', 'ould', 'von', 'van', 'der', 'den', 'de', 'des', 'del', 'della', 'dos', 'di', 'da', 'du',
  'la', 'le', 'zu', 'ter',
]);
const ARABIC_PARTICLES = new Set(['بن', 'ابن', 'بنت']);
const ABD_COMPOUND = /^(abd)(?:ul|ol|el|il|al|ur|ar|er|ir|us|as|es|is|un|an|en|in|ud|ad|ed|id|u|e|a|i|o)?([a-z]{3,})$/;
const ABD_ALONE = /^abd(?:ul|el|al|ol|il|u|e)?$/;
const GLUED_ARTICLE = /^(?:al|el|ul)([a-z]{3,})$/;

/**
 * All keys of a token, the likeliest first: the primary reading, then every reading with one letter read the other
 * way, then two, … (Ashleigh: CLK, SHLK, SLK, CLH, CL …), so that the few keys pair lookups use are the likely ones.
 */
function expand(segments: readonly Alternatives[]): string[] {
  const out = new Set<string>();
  const raw = MAX_KEYS_PER_TOKEN * 4;
  let produced = 0;
  // Readings with exactly `deviations` non-primary choices, segments from `from` on.
  const visit = (from: number, deviations: number, choice: number[]) => {
    if (produced >= raw) return;
    if (deviations === 0) {
      produced++;
      out.add(collapse(segments.map((alternatives, i) => alternatives[choice[i]!]).join('')));
      return;
    }
    for (let i = from; i < segments.length && produced < raw; i++) {
      for (let a = 1; a < segments[i]!.length && produced < raw; a++) {
        choice[i] = a;
        visit(i + 1, deviations - 1, choice);
        choice[i] = 0;
      }
    }
  };
  const variable = segments.filter((alternatives) => alternatives.length > 1).length;
  for (let d = 0; d <= variable && produced < raw; d++) visit(0, d, segments.map(() => 0));
  return [...out].slice(0, MAX_KEYS_PER_TOKEN);
}

function collapse(classes: string): string {
  let out = '';
  for (const c of classes) if (out[out.length - 1] !== c) out += c;
  return out;
}

const FRONT_VOWEL = /^[eiy]$/;

function latinSegments(token: string): Alternatives[] {
  const segments: Alternatives[] = [];
  let i = 0;
  while (i < token.length) {
    const ch = token[i]!;
    if ('aeiouy'.includes(ch)) {
      i++;
      continue;
    }
    if (ch === 'h') {
      // h is often silent or a lengthening mark (Fatimah, Abdullah, French Henri, Spanish Hernández); so is ah before
      // l, n, r (German Jahn, Stahl; Ahna for Ana), but not before other consonants (Ahmad is not Mohammed's MD).
      const prev = token[i - 1] ?? '';
      const next = token[i + 1] ?? '';
      const silent = i === 0 || next === '' || 'aeiouy'.includes(next) || 'eiou'.includes(prev) || (prev === 'a' && 'lnr'.includes(next));
      segments.push(silent ? ['H', ''] : ['H']);
      i++;
      continue;
    }
    // English dge/dgi is a j sound (Rodgers, Hodges); c before e, i, y an s sound in most languages (Hocine, Cyril).
    if (ch === 'd' && token[i + 1] === 'g' && FRONT_VOWEL.test(token[i + 2] ?? '')) {
      segments.push(['J', 'DK']);
      i += 2;
      continue;
    }
    if (ch === 'c' && FRONT_VOWEL.test(token[i + 1] ?? '')) {
      segments.push(['S', 'K', 'C', 'J']);
      i++;
      continue;
    }
    // A word-initial x is sh in Chinese pinyin (Xing, Xiong), h in old Spanish spelling (Ximénez), ks elsewhere (Xenia).
    if (ch === 'x' && i === 0) {
      segments.push(['KS', 'C', 'S', 'H']);
      i++;
      continue;
    }
    if (ch === 'n' && token.slice(i) === 'ng') {
      segments.push(['NK', 'N']);
      break;
    }
    const match = LATIN_GRAPHEMES.find(([g]) => token.startsWith(g, i));
    if (match) {
      const end = i + match[0].length === token.length;
      // French and English final consonants are often silent: Louis, Jacques, François. In French -ques, -ges the
      // silent reading comes first (Jacques is Jack's JK before JKS).
      const silentFirst = end && ch === 's' && /(?:qu|gu|g)es$/.test(token);
      const silentToo = end && i >= 3 && 'stxdz'.includes(ch);
      segments.push(silentFirst ? ['', ...match[1]] : silentToo ? [...match[1], ''] : match[1]);
      i += match[0].length;
    } else i++;
  }
  return segments;
}

function arabicSegments(token: string): Alternatives[] {
  const chars = [...token];
  const segments: Alternatives[] = [];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const initial = i === 0;
    const final = i === chars.length - 1;
    if (ch === 'ت' && chars[i + 1] === 'ش') {
      segments.push(['C']);
      i++;
    } else if (ch === 'و') segments.push(initial ? ['F'] : ['', 'F']);
    else if (ch === 'ه') segments.push(final && !initial ? ['', 'H'] : ['H']);
    else if (ARABIC_SILENT.has(ch)) continue;
    else if (ch in ARABIC_LETTERS) segments.push(ARABIC_LETTERS[ch]!);
  }
  return segments;
}

function cyrillicSegments(token: string): Alternatives[] {
  const chars = [...token];
  const segments: Alternatives[] = [];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const next = chars[i + 1] ?? '';
    if (ch === 'д' && next === 'ж') {
      segments.push(['J']);
      i++;
    } else if (ch === 'д' && next === 'з') {
      segments.push(['J', 'S']);
      i++;
    } else if (ch === 'с' && 'иёюя'.includes(next)) segments.push(['S', 'C']);
    else if (ch === 'т' && next === 'и') segments.push(['D', 'C']);
    else if (ch in CYRILLIC_LETTERS) segments.push(CYRILLIC_LETTERS[ch]!);
  }
  return segments;
}

function skeletonKeys(token: string, script: NameScript): string[] {
  const segments = script === 'Arab' ? arabicSegments(token) : script === 'Cyrl' ? cyrillicSegments(token) : latinSegments(token);
  const keys = expand(segments).filter(Boolean);
  // A name of vowels only (Aya, Eoin) keeps its own spelling as key.
  return keys.length ? keys : ['_'];
}

/** Turkish, Czech and Croatian letters whose sound survives in the key: ş → sh, ç → ch, ž → zh. */
function prepareLatin(token: string): string {
  return foldLatin(
    token
      .normalize('NFC')
      .toLowerCase()
      .replace(/[şșš]/g, 'sh')
      .replace(/ç/g, '1')
      .replace(/[čć]/g, 'ch')
      .replace(/ž/g, 'zh')
      .replace(/ğ/g, '2'),
  ).replace(/\s+/g, '');
}

export interface NameToken {
  /** The token folded within its script (Latin: lower case without diacritics, ä → ae). */
  text: string;
  script: NameScript;
  /** Folded Latin readings of the token (itself when Latin). */
  latin: string[];
  /** The readings' canonical spellings (spelling.ts), in the same order. */
  canonical: string[];
  /** Sound keys (consonant classes, upper case) and the Kölner Phonetik code prefixed with `k`. */
  keys: string[];
}

/** A token as read from one word, before its canonical spellings are added. */
type WordToken = Omit<NameToken, 'canonical'>;

function latinToken(raw: string): WordToken[] {
  const prepared = prepareLatin(raw);
  const folded = foldLatin(raw).replace(/\s+/g, '');
  if (!prepared) return [];
  if (ABD_ALONE.test(prepared)) return [{ text: folded, script: 'Latn', latin: [folded], keys: ['BD', `k${koelnerPhonetik('abd')}`] }];
  const abd = ABD_COMPOUND.exec(prepared);
  if (abd) return [...latinToken('abd'), ...latinToken(abd[2]!)];
  const forms = [prepared];
  const glued = GLUED_ARTICLE.exec(prepared);
  if (glued) forms.push(glued[1]!);
  const keys = new Set<string>();
  for (const form of forms) {
    for (const k of skeletonKeys(form, 'Latn')) keys.add(k);
    const code = koelnerPhonetik(form);
    if (code) keys.add(`k${code}`);
  }
  return [{ text: folded, script: 'Latn', latin: [folded], keys: [...keys] }];
}

function arabicToken(raw: string): WordToken[] {
  const folded = foldArabic(raw).replace(/\s+/g, '');
  if (!folded) return [];
  if (folded.startsWith('عبد') && folded.length > 4) {
    return [...arabicToken('عبد'), ...arabicToken(folded.slice(3))];
  }
  const forms = [folded];
  // The article ال is written joined to the name: الحسن = al-Hassan.
  if (folded.startsWith('ال') && folded.length > 3) forms.unshift(folded.slice(2));
  const keys = new Set<string>();
  for (const form of forms) for (const k of skeletonKeys(form, 'Arab')) keys.add(k);
  return [{ text: folded, script: 'Arab', latin: latinReadings(forms[0]!), keys: [...keys] }];
}

function cyrillicToken(raw: string): WordToken[] {
  const folded = foldCyrillic(raw).replace(/\s+/g, '');
  if (!folded) return [];
  return [{ text: folded, script: 'Cyrl', latin: latinReadings(folded), keys: skeletonKeys(folded, 'Cyrl') }];
}

function isParticle(raw: string): boolean {
  const script = detectScript(raw);
  if (script === 'Arab') return ARABIC_PARTICLES.has(foldArabic(raw));
  return script === 'Latn' && LATIN_PARTICLES.has(foldLatin(raw));
}

/**
 * Splits a name into tokens with their keys. Hyphens and apostrophes separate tokens (Al-Hassan → al, hassan);
 * particles before a name are dropped.
 */
export function nameTokens(name: string): NameToken[] {
  const cached = tokenCache.get(name);
  if (cached) return cached;
  const tokens = computeNameTokens(name);
  // Names repeat a lot (Mohammed, Ahmadi, Shevchenko …): the ranking of many candidates reuses their tokens.
  if (tokenCache.size >= TOKEN_CACHE_SIZE) tokenCache.delete(tokenCache.keys().next().value!);
  tokenCache.set(name, tokens);
  return tokens;
}

const TOKEN_CACHE_SIZE = 50_000;
const tokenCache = new Map<string, NameToken[]>();

function rawWords(name: string): string[] {
  return name
    .normalize('NFC')
    .split(/[\s\-_.,;/()]+/u)
    .map((t) => t.replace(/[ʿʾʻʼ’‘`´']/gu, ''))
    .filter(Boolean);
}

/** A particle stands before the name it belongs to (al-Hassan, de la Cruz); at the end it is a name itself (Shintaro Lê). */
const standsBeforeName = (raw: readonly string[], i: number) => isParticle(raw[i]!) && !raw.slice(i + 1).every(isParticle);

function wordTokens(word: string): WordToken[] {
  const script = detectScript(word);
  if (script === 'Arab') return arabicToken(word);
  if (script === 'Cyrl') return cyrillicToken(word);
  if (script === 'Latn') return latinToken(word);
  return [];
}

function computeNameTokens(name: string): NameToken[] {
  const raw = rawWords(name);
  return raw
    .filter((_, i) => !standsBeforeName(raw, i))
    .flatMap(wordTokens)
    .map((t) => ({ ...t, canonical: t.latin.map(canonicalSpelling) }));
}

/**
 * Pair keys of a particle with the word it stands before (Le Matthias, Ibn Wong, De Vera), from the particle's sound
 * keys: the particle is not a token (typed or not, the name is found), but where it is typed it singles out the
 * persons who carry it — otherwise "Lê Mattias" leaves only the common word Mattias. The article al-/el- is left out:
 * it is written, joined or dropped at random (Al-Hassan, Alhasan, Hassan).
 */
export function particlePairKeys(name: string, perToken: number): string[] {
  const raw = rawWords(name);
  const out = new Set<string>();
  for (let i = 0; i < raw.length; i++) {
    const particle = foldLatin(raw[i]!);
    if (!standsBeforeName(raw, i) || LATIN_ARTICLES.includes(particle)) continue;
    // The word the particle belongs to: the first one after it that is not a particle itself (de la Cruz).
    const word = raw.find((_, j) => j > i && !standsBeforeName(raw, j))!;
    const particleKeys = wordTokens(PARTICLE_FORMS[particle] ?? raw[i]!)[0]?.keys ?? [];
    const wordKeys = wordTokens(word)[0]?.keys ?? [];
    for (const k of tokenPairKeys([particleKeys, wordKeys], perToken)) out.add(k);
  }
  return [...out];
}

/** Particles written differently that mean the same: French des is de, Arabic ben/ibn/bn are bin. */
const PARTICLE_FORMS: Record<string, string> = { des: 'de', ben: 'bin', ibn: 'bin', bn: 'bin' };

/** Kölner Phonetik codes are stored among the sound keys with the prefix k (k06, k5). */
export const isKoelnerCode = (key: string) => key.startsWith('k');

/**
 * Raise when readings or keys are derived differently (letters, order of the keys, particles): at the next start
 * Teilhabe recomputes the stored keys of all persons in the background (people/rekey.ts).
 */
export const SEARCH_KEYS_VERSION = 4;

/** Sound keys kept per token for pair keys: stored names keep more readings than a query needs. */
export const PAIR_KEYS_STORED = 6;
export const PAIR_KEYS_QUERY = 6;

/**
 * Pair keys: the first sound keys of two tokens of one name, in sorted order (`P` + key + `+` + key). A two-word
 * query looks up the pair instead of each word on its own: "Mohammed Ali" then touches the few persons with both
 * words, not every Mohammed and every Ali. Sorted, so swapped given and family names share their pair keys.
 */
export function tokenPairKeys(tokenKeys: readonly (readonly string[])[], perToken: number, maxTokens = 4): string[] {
  const sound = tokenKeys.slice(0, maxTokens).map((keys) => keys.filter((k) => !isKoelnerCode(k)).slice(0, perToken));
  const out = new Set<string>();
  for (let i = 0; i < sound.length; i++) {
    for (let j = i + 1; j < sound.length; j++) {
      for (const a of sound[i]!) for (const b of sound[j]!) out.add(a < b ? `P${a}+${b}` : `P${b}+${a}`);
    }
  }
  return [...out];
}

/** All keys of a name, for the indexed `name_keys` column: token keys and pair keys of every spelling. */
export function nameKeys(names: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const name of names) {
    const tokens = nameTokens(name);
    for (const token of tokens) for (const k of token.keys) keys.add(k);
    for (const k of tokenPairKeys(tokens.map((t) => t.keys), PAIR_KEYS_STORED)) keys.add(k);
    for (const k of particlePairKeys(name, PAIR_KEYS_STORED)) keys.add(k);
  }
  return [...keys].sort();
}
