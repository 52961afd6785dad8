import type { BirthDatePrecision } from '@teilhabe/shared';
import { nameTokens, type NameToken } from './keys.js';
import { foldLatin, looksPersian } from './normalise.js';
import { canonicalSimilarity } from './spelling.js';

/** One way a person's name is written: the Latin name, the name in original script, or an alias. */
export interface NameVariant {
  givenNames: string;
  familyName: string;
}

export interface MatchCandidate {
  variants: NameVariant[];
  birthDate: string | null;
  birthDatePrecision: BirthDatePrecision;
  birthDateIsPlaceholder: boolean;
}

export interface MatchQuery {
  name: string;
  birthDate?: string | null;
}

export interface MatchResult {
  score: number;
  reasons: string[];
  /**
   * Tie-break among equal scores: how many of the person's spellings (Latin, original script, aliases) match the
   * query on their own, plus how close the best Latin spelling is as a whole (0–1). Two spellings that agree are
   * stronger evidence than one.
   */
  support?: number;
}

/** Taken off when given and family name were typed the other way round. */
const SWAP_PENALTY = 0.02;

/** At or above this score a hit is shown as "mögliche Doppelung". */
export const LIKELY_DUPLICATE = 0.8;
/** Below this score a candidate is not shown at all. */
export const SHOW_THRESHOLD = 0.55;

export const REASONS = {
  sameName: 'gleicher Name',
  sameArabic: 'gleiche arabische Schreibweise',
  samePersian: 'gleiche persische Schreibweise',
  sameCyrillic: 'gleiche kyrillische Schreibweise',
  similarSpelling: 'ähnliche Schreibweise',
  swapped: 'Vor- und Nachname vertauscht',
  sameBirthDate: 'gleiches Geburtsdatum',
  sameBirthYear: 'gleiches Geburtsjahr',
} as const;

/** pg_trgm's similarity on one folded word: shared trigrams / all trigrams, words padded with two blanks in front. */
export function trigramSimilarity(a: string, b: string): number {
  return shareOfTrigrams(trigrams(a), trigrams(b));
}

function shareOfTrigrams(ta: Set<string>, tb: Set<string>): number {
  if (!ta.size || !tb.size) return 0;
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  return shared / (ta.size + tb.size - shared);
}

/** Name words recur (the same few thousand across all persons): their trigrams are kept. */
const trigramCache = new Map<string, Set<string>>();

function trigrams(word: string): Set<string> {
  const cached = trigramCache.get(word);
  if (cached) return cached;
  const out = trigramsOf(word);
  if (trigramCache.size >= 50_000) trigramCache.delete(trigramCache.keys().next().value!);
  trigramCache.set(word, out);
  return out;
}

/** Trigrams of a text taken as one word, padded like pg_trgm (two blanks in front, one behind). */
function trigramsOf(text: string): Set<string> {
  const padded = `  ${text} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return out;
}

type TokenMatchKind = 'exact' | 'script' | 'sound' | 'similar' | 'prefix' | 'none';
interface TokenMatch {
  score: number;
  kind: TokenMatchKind;
  token: RoledToken | null;
}
interface RoledToken {
  /** The word's token as cached by nameTokens: the same object wherever the word occurs. */
  word: NameToken;
  role: 'given' | 'family';
  persian: boolean;
}

function matchToken(q: NameToken, t: NameToken, isLast: boolean): Omit<TokenMatch, 'token'> {
  if (q.script === t.script && q.text === t.text) return { score: 1, kind: q.script === 'Latn' ? 'exact' : 'script' };
  let best: Omit<TokenMatch, 'token'> = { score: 0, kind: 'none' };
  const consider = (score: number, kind: TokenMatchKind) => {
    if (score > best.score) best = { score, kind };
  };
  const crossScript = q.script !== 'Latn' || t.script !== 'Latn';
  const soundMatch = q.keys.some((k) => t.keys.includes(k));
  let spelled = 0;
  for (const [qi, ql] of q.latin.entries()) {
    for (const [ti, tl] of t.latin.entries()) {
      const sim = trigramSimilarity(ql, tl);
      // The weighted spelling distance is worth its cost where keys or trigrams already say "related".
      if (soundMatch || sim >= 0.2) spelled = Math.max(spelled, canonicalSimilarity(q.canonical[qi]!, t.canonical[ti]!, t.script === 'Arab'));
      if (sim >= 0.4) consider(Math.min(0.9, 0.5 + 0.45 * sim), crossScript ? 'script' : 'similar');
      // While typing, the last word may be unfinished: "Muhammad Alh" already finds "Alhasan".
      if (isLast && ql.length >= 2 && tl.startsWith(ql) && ql !== tl) consider(0.8, crossScript ? 'script' : 'prefix');
    }
  }
  // Among many persons sharing the sound keys the closer spelling ranks first (Smyth: Smith before Samad; for
  // Hussain: Husayn, another spelling of the same sounds, before Hasan, another name).
  if (soundMatch) consider(0.8 + 0.19 * spelled, crossScript ? 'script' : 'sound');
  // Close spellings whose keys differ in one sound: Salomo/Solomon, Artie/Arthur.
  else if (spelled >= 0.7) consider(0.5 + 0.4 * spelled, crossScript ? 'script' : 'similar');
  return best;
}

/** A spelling's words with their roles, and its trigrams as a whole (none for spellings in other scripts). */
function prepareVariant(variant: NameVariant): { tokens: RoledToken[]; whole: Set<string> | null } {
  const text = `${variant.givenNames} ${variant.familyName}`;
  const persian = looksPersian(text);
  return {
    tokens: [
      ...nameTokens(variant.givenNames).map((word) => ({ word, role: 'given' as const, persian })),
      ...nameTokens(variant.familyName).map((word) => ({ word, role: 'family' as const, persian })),
    ],
    whole: LATIN_LETTER.test(text) ? trigramsOf(foldLatin(text)) : null,
  };
}

const LATIN_LETTER = /[A-Za-z\u00C0-\u024F]/;

/** One spelling's score, and how close it is to the typed text as a whole (0–1; 0 for other scripts). */
interface VariantScore extends MatchResult {
  closeness: number;
}

function scoreVariant(query: NameToken[], typed: Set<string>, variant: NameVariant): VariantScore {
  const { tokens, whole } = prepareVariant(variant);
  return { ...computeVariantScore(query, tokens), closeness: whole ? shareOfTrigrams(typed, whole) : 0 };
}

/**
 * How each name word matched the words of the query being ranked: the same words (Ali, Hassan) recur across many
 * candidates. Only the current query's results are kept (ranking one search runs without interruption), so memory
 * stays bounded however many different names are searched.
 */
let wordMatches: { query: NameToken[]; byWord: Map<NameToken, { score: number; kind: TokenMatchKind }>[] } | null = null;

function matchWord(query: NameToken[], i: number, t: RoledToken): TokenMatch {
  if (wordMatches?.query !== query) wordMatches = { query, byWord: query.map(() => new Map()) };
  const cache = wordMatches.byWord[i]!;
  let m = cache.get(t.word);
  if (!m) {
    m = matchToken(query[i]!, t.word, i === query.length - 1);
    cache.set(t.word, m);
  }
  return { score: m.score, kind: m.kind, token: m.score > 0 ? t : null };
}

function computeVariantScore(query: NameToken[], tokens: RoledToken[]): MatchResult {
  if (!tokens.length) return { score: 0, reasons: [] };
  const matches = query.map((_, i) => tokens.reduce<TokenMatch>((best, t) => {
    const m = matchWord(query, i, t);
    return m.score > best.score ? m : best;
  }, { score: 0, kind: 'none', token: null }));
  // Two words of the query must not both be "found" in the same word of the name.
  const used = new Set<RoledToken>();
  let total = 0;
  for (const m of matches) {
    if (m.token && used.has(m.token)) total += m.score * 0.5;
    else total += m.score;
    if (m.token) used.add(m.token);
  }
  let score = total / query.length;
  const reasons: string[] = [];
  const scriptHit = matches.find((m) => m.kind === 'script' && m.token && m.token.word.script !== 'Latn');
  if (scriptHit?.token) {
    reasons.push(scriptHit.token.word.script === 'Cyrl' ? REASONS.sameCyrillic : scriptHit.token.persian ? REASONS.samePersian : REASONS.sameArabic);
  }
  if (matches.every((m) => m.kind === 'exact') && matches.length === tokens.length) reasons.push(REASONS.sameName);
  else if (matches.some((m) => m.kind === 'sound' || m.kind === 'similar' || m.kind === 'prefix' || m.kind === 'exact') && !scriptHit) {
    reasons.push(REASONS.similarSpelling);
  }
  if (matches.length >= 2) {
    const first = matches[0]!.token;
    const last = matches[matches.length - 1]!.token;
    const hasGiven = tokens.some((t) => t.role === 'given');
    const hasFamily = tokens.some((t) => t.role === 'family');
    // Swapped names are found, but the order as typed is the stronger match.
    if (hasGiven && hasFamily && first?.role === 'family' && last?.role === 'given') {
      reasons.push(REASONS.swapped);
      score -= SWAP_PENALTY;
    }
  }
  return { score, reasons };
}

function birthDateSignal(query: MatchQuery, c: MatchCandidate): { delta: number; reason?: string } {
  if (!query.birthDate || !c.birthDate || c.birthDatePrecision === 'unknown') return { delta: 0 };
  const sameYear = query.birthDate.slice(0, 4) === c.birthDate.slice(0, 4);
  if (c.birthDatePrecision === 'day' && !c.birthDateIsPlaceholder && query.birthDate === c.birthDate) {
    return { delta: 0.15, reason: REASONS.sameBirthDate };
  }
  if (c.birthDatePrecision === 'month' && query.birthDate.slice(0, 7) === c.birthDate.slice(0, 7)) return { delta: 0.1, reason: REASONS.sameBirthYear };
  if (sameYear) return { delta: 0.05, reason: REASONS.sameBirthYear };
  // A different, fully known date of birth speaks against a duplicate; a placeholder 01.01. says little.
  const yearGap = Math.abs(Number(query.birthDate.slice(0, 4)) - Number(c.birthDate.slice(0, 4)));
  if (c.birthDatePrecision === 'day' && !c.birthDateIsPlaceholder && yearGap > 1) return { delta: -0.25 };
  return { delta: yearGap > 3 ? -0.15 : 0 };
}

/** The typed text's trigrams, computed once for all candidates of a search. */
let lastTyped: { name: string; trigrams: Set<string> } | null = null;

function typedTrigrams(name: string): Set<string> {
  if (lastTyped?.name !== name) lastTyped = { name, trigrams: trigramsOf(foldLatin(name)) };
  return lastTyped.trigrams;
}

/** How likely the typed name (and date of birth) is the candidate person, with German reasons. */
export function scoreMatch(query: MatchQuery, candidate: MatchCandidate, queryTokens = nameTokens(query.name)): MatchResult {
  if (!queryTokens.length) return { score: 0, reasons: [] };
  const typed = typedTrigrams(query.name);
  const results = candidate.variants
    .filter((v) => `${v.givenNames}${v.familyName}`.trim())
    .map((v) => scoreVariant(queryTokens, typed, v))
    .sort((a, b) => b.score - a.score);
  const best = results[0];
  if (!best || best.score === 0) return { score: 0, reasons: [] };
  const reasons = new Set<string>();
  // Reasons of every spelling that matches about as well: "gleiche arabische Schreibweise" and "ähnliche Schreibweise".
  for (const r of results) if (r.score >= best.score - 0.05 && r.score >= SHOW_THRESHOLD) for (const reason of r.reasons) reasons.add(reason);
  if (reasons.has(REASONS.sameName)) reasons.delete(REASONS.similarSpelling);
  const dob = birthDateSignal(query, candidate);
  if (dob.reason) reasons.add(dob.reason);
  const score = Math.max(0, Math.min(1, best.score + dob.delta));
  const agreeing = results.filter((r) => r.score >= SHOW_THRESHOLD).length;
  const closeness = Math.max(0, ...results.map((r) => r.closeness));
  return { score: Math.round(score * 1000) / 1000, reasons: [...reasons], support: agreeing + closeness };
}
