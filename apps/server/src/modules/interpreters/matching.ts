import {
  INTERPRETER_LANGUAGE_LEVEL_LABELS_DE,
  type InterpreterFeeTier,
  type InterpreterGender,
  type InterpreterGenderPreference,
  type InterpreterLanguageLevel,
  type InterpreterMatchReason,
  type InterpreterOfferStatus,
  type InterpretingMode,
  type RankedInterpreterCandidate,
} from '@teilhabe/shared';
import { normaliseDialect } from '@teilhabe/shared/interpreters/languages';
import { berlinParts, formatDateDe, timeToMinutes, weekdayNameDe } from '@teilhabe/shared/interpreters/workdays';

/** What the ranking needs to know about the request. */
export interface MatchRequest {
  languageCode: string;
  dialect: string | null;
  startsAt: Date;
  endsAt: Date;
  mode: InterpretingMode;
  ags: string | null;
  genderPreference: InterpreterGenderPreference;
}

/** One interpreter who speaks the language, with the facts the SQL query collected. */
export interface CandidateFacts {
  id: string;
  displayName: string;
  gender: InterpreterGender;
  homeAgs: string;
  servedAgs: readonly string[];
  maxTravelKm: number | null;
  remoteOk: boolean;
  availability: readonly { weekday: number; from: string; to: string }[];
  absences: readonly { from: string; to: string }[];
  level: InterpreterLanguageLevel;
  dialects: readonly string[];
  feeTier: InterpreterFeeTier | null;
  confidentialitySigned: boolean;
  /** Planned or actual minutes in the calendar month of the appointment. */
  minutesThisMonth: number;
  /** A confirmed assignment overlaps the appointment including the travel buffer. */
  overlapping: { startsAt: Date; endsAt: Date } | null;
  excluded: boolean;
  offerStatus: InterpreterOfferStatus | null;
}

export interface MatchOptions {
  /** Kilometres between the centroids of two Gemeinden, or null when one is unknown. */
  distanceKm: (fromAgs: string, toAgs: string) => number | null;
  gemeindeName: (ags: string) => string;
  travelBufferMinutes: number;
}

const LEVEL_POINTS: Record<InterpreterLanguageLevel, number> = { native: 10, C2: 9, C1: 7, B2: 4, B1: 1 };

function reason(code: InterpreterMatchReason['code'], ok: boolean, text: string, blocking = false): InterpreterMatchReason {
  return { code, ok, blocking: blocking && !ok, text };
}

const decimal = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 });
const collator = new Intl.Collator('de');

/** Berlin wall-clock facts of the request, computed once per ranking rather than once per candidate. */
interface RequestTimes {
  start: ReturnType<typeof berlinParts>;
  end: ReturnType<typeof berlinParts>;
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * Scores one candidate. Blocking reasons (absence, overlap, exclusion, missing qualification, no remote work for a
 * phone appointment) make the candidate ineligible; the others only move them up or down.
 */
export function assessCandidate(
  request: MatchRequest,
  c: CandidateFacts,
  opts: MatchOptions,
  times: RequestTimes = { start: berlinParts(request.startsAt), end: berlinParts(request.endsAt) },
): RankedInterpreterCandidate {
  const reasons: InterpreterMatchReason[] = [];
  let score = 0;
  const { start, end } = times;

  reasons.push(reason('language', true, `Spricht die Sprache (${INTERPRETER_LANGUAGE_LEVEL_LABELS_DE[c.level]})`));
  score += LEVEL_POINTS[c.level];

  const wanted = normaliseDialect(request.dialect);
  if (wanted) {
    const has = c.dialects.some((d) => normaliseDialect(d) === wanted);
    reasons.push(reason('dialect', has, has ? `Dialekt ${request.dialect} passt` : `Dialekt ${request.dialect} nicht angegeben (spricht ${c.dialects.join(', ') || 'keinen besonderen Dialekt'})`));
    score += has ? 15 : -10;
  }

  const qualified = c.feeTier !== null && c.confidentialitySigned;
  reasons.push(
    reason(
      'qualification',
      qualified,
      qualified
        ? c.feeTier === 'advanced'
          ? 'Basis- und Aufbauschulung, Verschwiegenheitserklärung liegt vor'
          : 'Basisschulung, Verschwiegenheitserklärung liegt vor'
        : c.feeTier === null
          ? 'Basisschulung fehlt noch'
          : 'Verschwiegenheitserklärung fehlt noch',
      true,
    ),
  );

  const absence = c.absences.find((a) => a.from <= start.date && start.date <= a.to);
  reasons.push(reason('absence', !absence, absence ? `Abwesend vom ${formatDateDe(absence.from)} bis ${formatDateDe(absence.to)}` : 'Keine Abwesenheit an diesem Tag', true));

  reasons.push(
    reason(
      'overlap',
      !c.overlapping,
      c.overlapping
        ? `Hat bereits einen Einsatz ${hhmm(berlinParts(c.overlapping.startsAt).minutes)}–${hhmm(berlinParts(c.overlapping.endsAt).minutes)} Uhr (inkl. ${opts.travelBufferMinutes} Min. Wegepuffer überschneidend)`
        : `Kein überschneidender Einsatz (inkl. ${opts.travelBufferMinutes} Min. Wegepuffer)`,
      true,
    ),
  );

  reasons.push(reason('exclusion', !c.excluded, c.excluded ? 'Steht auf der Ausschlussliste für diese Einrichtung bzw. diesen Fall' : 'Kein Ausschluss für diese Einrichtung', true));

  // The appointment must lie inside one weekly slot of its weekday (same-day appointments only).
  const inSlot =
    start.date === end.date &&
    c.availability.some((s) => s.weekday === start.weekday && timeToMinutes(s.from) <= start.minutes && end.minutes <= timeToMinutes(s.to));
  const daySlots = c.availability.filter((s) => s.weekday === start.weekday).map((s) => `${s.from}–${s.to}`);
  reasons.push(
    reason(
      'availability',
      inSlot,
      inSlot
        ? `Verfügbar ${weekdayNameDe(start.weekday)} ${start.time}–${end.time} Uhr`
        : daySlots.length
          ? `${weekdayNameDe(start.weekday)}s nur ${daySlots.join(', ')} Uhr verfügbar`
          : `${weekdayNameDe(start.weekday)}s nicht als verfügbar angegeben`,
    ),
  );
  score += inSlot ? 20 : -20;

  let distanceKm: number | null = null;
  if (request.mode === 'in_person' && request.ags) {
    distanceKm = opts.distanceKm(c.homeAgs, request.ags);
    const served = c.servedAgs.includes(request.ags);
    const withinReach = distanceKm !== null && c.maxTravelKm !== null && distanceKm <= c.maxTravelKm;
    const ok = served || withinReach || request.ags === c.homeAgs;
    const km = distanceKm === null ? 'Entfernung unbekannt' : `${decimal.format(distanceKm)} km`;
    reasons.push(
      reason(
        'distance',
        ok,
        ok
          ? `${km} von ${opts.gemeindeName(c.homeAgs)}${served ? ' (Gemeinde wird bedient)' : ''}`
          : `${km} von ${opts.gemeindeName(c.homeAgs)} – mehr als die angegebene maximale Anfahrt${c.maxTravelKm !== null ? ` von ${c.maxTravelKm} km` : ''}`,
      ),
    );
    score += ok ? Math.max(0, 20 - Math.round((distanceKm ?? 0) / 2)) : -30;
  } else {
    reasons.push(reason('remote', c.remoteOk, c.remoteOk ? 'Übernimmt Telefon- und Videoeinsätze' : 'Übernimmt keine Telefon- oder Videoeinsätze', true));
    score += 20;
  }

  const hours = c.minutesThisMonth / 60;
  reasons.push(
    reason('fairness', true, `${decimal.format(hours)} Std. in diesem Monat eingesetzt`),
  );
  score += Math.max(0, 20 - Math.round(hours * 2));

  if (request.genderPreference !== 'none') {
    const ok = c.gender === request.genderPreference;
    reasons.push(reason('gender', ok, ok ? 'Entspricht dem gewünschten Geschlecht' : 'Entspricht nicht dem gewünschten Geschlecht'));
    score += ok ? 15 : -40;
  }

  return {
    interpreterId: c.id,
    displayName: c.displayName,
    gender: c.gender,
    eligible: !reasons.some((r) => r.blocking),
    score,
    distanceKm: distanceKm === null ? null : Math.round(distanceKm * 10) / 10,
    minutesThisMonth: c.minutesThisMonth,
    feeTier: c.feeTier,
    offerStatus: c.offerStatus,
    reasons,
  };
}

/**
 * `matchInterpreters`: every interpreter of the language, ranked — eligible before ineligible, then by score, then
 * fewest minutes this month (fairness), then name and id so the order is stable.
 */
export function matchInterpreters(request: MatchRequest, candidates: readonly CandidateFacts[], opts: MatchOptions): RankedInterpreterCandidate[] {
  const times = { start: berlinParts(request.startsAt), end: berlinParts(request.endsAt) };
  return candidates
    .map((c) => assessCandidate(request, c, opts, times))
    .sort(
      (a, b) =>
        Number(b.eligible) - Number(a.eligible) ||
        b.score - a.score ||
        a.minutesThisMonth - b.minutesThisMonth ||
        collator.compare(a.displayName, b.displayName) ||
        (a.interpreterId < b.interpreterId ? -1 : a.interpreterId > b.interpreterId ? 1 : 0),
    );
}

/** Great-circle distance between two points in km (haversine, mean earth radius). */
export function haversineKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}
