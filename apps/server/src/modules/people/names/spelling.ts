/**
 * How close two Latin spellings of one name word are, knowing how transliterations differ: the same sound written
 * with other letters (Husayn/Hussein/Hussain, Yevgeny/Jewgeni, Khalid/Chalid) costs little, a vowel more or less
 * (Mhmd/Muhammad — Arabic script writes no short vowels) costs less than a different consonant (Hasan/Hussain are
 * two names). Ranks persons whose sound keys match the query, and finds close spellings whose keys differ in one
 * sound (Salomo/Solomon).
 */

/** Letter groups written differently by different transliteration schemes, reduced to one form each. */
const CANONICAL: readonly (readonly [RegExp, string])[] = [
  [/schtsch|shch/g, 'S'],
  [/dsch|dzh|dj/g, 'J'],
  [/tsch|tch/g, 'C'],
  [/sch|sh/g, 'S'],
  [/zh/g, 'J'],
  [/ch/g, 'C'],
  [/kh/g, 'H'],
  [/x/g, 'ks'],
  [/gh/g, 'g'],
  [/ph/g, 'f'],
  [/ck|q/g, 'k'],
  [/c(?=[aou]|$)/g, 'k'],
  [/w/g, 'v'],
  [/th/g, 't'],
  [/dh/g, 'd'],
  // Final -iy/-ij/-ii/-yi (Yuriy, Jurij, Yurii).
  [/(?:iy|ij|ii|yi|yj|yy)$/g, 'i'],
  [/ou|oo|uu/g, 'u'],
  [/(?:ai|ay|ei|ey)/g, 'ai'],
  [/ee|(?<![aeiou])ie/g, 'i'],
  [/y/g, 'i'],
  // A final h after a vowel only lengthens it (Fatimah, Abdullah).
  [/([aeiou])h$/g, '$1'],
];

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);
/**
 * Letters one scheme writes where another writes the neighbour: voiced/voiceless, s/z, k/g, kh/h/ch, ch/k (Chris),
 * and j/i for the glide (Jan/Ian).
 */
const NEAR = new Set(['sz', 'zs', 'dt', 'td', 'bp', 'pb', 'kg', 'gk', 'fv', 'vf', 'Hh', 'hH', 'HC', 'CH', 'Ck', 'kC', 'SC', 'CS', 'JS', 'SJ', 'Jj', 'jJ', 'Jg', 'gJ', 'ji', 'ij']);

export function canonicalSpelling(word: string): string {
  let out = word;
  for (const [pattern, replacement] of CANONICAL) out = out.replace(pattern, replacement);
  // Doubled letters are a matter of style (Mohammed/Mohamed).
  return out.replace(/(.)\1+/g, '$1');
}

/** The canonical spelling as plain letters, for the stored search text (pg_trgm folds case, so S/C/J/H are spelled out). */
export function canonicalText(word: string): string {
  return canonicalSpelling(word).replace(/[SCJH]/g, (ch) => CANONICAL_LETTERS[ch]!);
}

const CANONICAL_LETTERS: Record<string, string> = { S: 'sh', C: 'ch', J: 'zh', H: 'kh' };

const VOWEL_COST = 0.35;
const FRAME_VOWEL_COST = 0.1;

function substitution(a: string, b: string): number {
  if (a === b) return 0;
  if (VOWELS.has(a) && VOWELS.has(b)) return VOWEL_COST;
  return NEAR.has(a + b) ? 0.5 : 1;
}

/** Vowels, h and the glide j (Jewgeni/Evgeny, Jurij/Iurii) come and go between schemes. */
const indel = (ch: string) => (VOWELS.has(ch) ? VOWEL_COST : ch === 'h' || ch === 'j' ? 0.5 : 1);

/**
 * 1 for spellings of the same sounds, down to 0; a weighted edit distance on the canonical forms. `frame`: b is read
 * from Arabic script, which writes no short vowels (محمد → mhmd), so a vowel only `a` has costs almost nothing.
 */
export function spellingSimilarity(a: string, b: string, frame = false): number {
  return canonicalSimilarity(canonicalSpelling(a), canonicalSpelling(b), frame);
}

/** spellingSimilarity on spellings already made canonical (name tokens carry theirs). */
export function canonicalSimilarity(x: string, y: string, frame = false): number {
  if (x === y) return 1;
  if (!x.length || !y.length) return 0;
  const dropFromX = (ch: string) => (frame && VOWELS.has(ch) ? FRAME_VOWEL_COST : indel(ch));
  let previous = new Array<number>(y.length + 1);
  previous[0] = 0;
  for (let j = 1; j <= y.length; j++) previous[j] = previous[j - 1]! + indel(y[j - 1]!);
  for (let i = 1; i <= x.length; i++) {
    const current = new Array<number>(y.length + 1);
    current[0] = previous[0]! + dropFromX(x[i - 1]!);
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(
        previous[j - 1]! + substitution(x[i - 1]!, y[j - 1]!),
        previous[j]! + dropFromX(x[i - 1]!),
        current[j - 1]! + indel(y[j - 1]!),
      );
    }
    previous = current;
  }
  return Math.max(0, 1 - previous[y.length]! / Math.max(x.length, y.length));
}
