import type { BirthDatePrecision } from '@teilhabe/shared';
import { nameTokens, type NameToken } from './keys.js';
import { foldLatin, looksPersian } from './normalise.js';

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
  const ta = trigrams(a);
  const tb = trigrams(b);
  if (!ta.size || !tb.size) return 0;
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  return shared / (ta.size + tb.size - shared);
}

const trigramCache = new Map<string, Set<string>>();

function trigrams(word: string): Set<string> {
  const cached = trigramCache.get(word);
  if (cached) return cached;
  const padded = `  ${word} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  // Ranking compares the same few hundred name words again and again.
  if (trigramCache.size >= 50_000) trigramCache.delete(trigramCache.keys().next().value!);
  trigramCache.set(word, out);
  return out;
}

type TokenMatchKind = 'exact' | 'script' | 'sound' | 'similar' | 'prefix' | 'none';
interface TokenMatch {
  score: number;
  kind: TokenMatchKind;
  token: RoledToken | null;
}
interface RoledToken extends NameToken {
  role: 'given' | 'family';
  persian: boolean;
}

function matchToken(q: NameToken, t: RoledToken, isLast: boolean): TokenMatch {
  if (q.script === t.script && q.text === t.text) return { score: 1, kind: q.script === 'Latn' ? 'exact' : 'script', token: t };
  let best: TokenMatch = { score: 0, kind: 'none', token: null };
  const consider = (score: number, kind: TokenMatchKind) => {
    if (score > best.score) best = { score, kind, token: t };
  };
  const crossScript = q.script !== 'Latn' || t.script !== 'Latn';
  const soundMatch = q.keys.some((k) => t.keys.includes(k));
  let closest = 0;
  for (const ql of q.latin) {
    for (const tl of t.latin) {
      const sim = trigramSimilarity(ql, tl);
      closest = Math.max(closest, sim);
      if (sim >= 0.4) consider(Math.min(0.9, 0.5 + 0.45 * sim), crossScript ? 'script' : 'similar');
      // While typing, the last word may be unfinished: "Muhammad Alh" already finds "Alhasan".
      if (isLast && ql.length >= 2 && tl.startsWith(ql) && ql !== tl) consider(0.8, crossScript ? 'script' : 'prefix');
    }
  }
  // Among many persons sharing the sound keys the closer spelling ranks first (Smyth: Smith before Samad).
  if (soundMatch) consider(0.85 + 0.05 * closest, crossScript ? 'script' : 'sound');
  return best;
}

function roledTokens(variant: NameVariant): RoledToken[] {
  const persian = looksPersian(`${variant.givenNames} ${variant.familyName}`);
  return [
    ...nameTokens(variant.givenNames).map((t) => ({ ...t, role: 'given' as const, persian })),
    ...nameTokens(variant.familyName).map((t) => ({ ...t, role: 'family' as const, persian })),
  ];
}

function scoreVariant(query: NameToken[], variant: NameVariant): MatchResult {
  const tokens = roledTokens(variant);
  if (!tokens.length) return { score: 0, reasons: [] };
  const matches = query.map((q, i) => tokens.reduce<TokenMatch>((best, t) => {
    const m = matchToken(q, t, i === query.length - 1);
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
  const score = total / query.length;
  const reasons: string[] = [];
  const scriptHit = matches.find((m) => m.kind === 'script' && m.token && m.token.script !== 'Latn');
  if (scriptHit?.token) {
    reasons.push(scriptHit.token.script === 'Cyrl' ? REASONS.sameCyrillic : scriptHit.token.persian ? REASONS.samePersian : REASONS.sameArabic);
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
    if (hasGiven && hasFamily && first?.role === 'family' && last?.role === 'given') reasons.push(REASONS.swapped);
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

/** How likely the typed name (and date of birth) is the candidate person, with German reasons. */
export function scoreMatch(query: MatchQuery, candidate: MatchCandidate, queryTokens = nameTokens(query.name)): MatchResult {
  if (!queryTokens.length) return { score: 0, reasons: [] };
  const results = candidate.variants
    .filter((v) => `${v.givenNames}${v.familyName}`.trim())
    .map((v) => scoreVariant(queryTokens, v))
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
  const typed = foldLatin(query.name);
  const closeness = Math.max(
    0,
    ...candidate.variants.map((v) => foldLatin(`${v.givenNames} ${v.familyName}`)).filter((v) => /[a-z]/.test(v)).map((v) => trigramSimilarity(typed, v)),
  );
  return { score: Math.round(score * 1000) / 1000, reasons: [...reasons], support: agreeing + closeness };
}
