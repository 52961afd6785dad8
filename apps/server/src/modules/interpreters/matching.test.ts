import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assessCandidate, haversineKm, matchInterpreters, type CandidateFacts, type MatchOptions, type MatchRequest } from './matching.js';

const TROISDORF = '05382068';
const SIEGBURG = '05382056';
const WINDECK = '05382076';
const centroids: Record<string, { lat: number; lon: number }> = {
  [TROISDORF]: { lat: 50.8157, lon: 7.1556 },
  [SIEGBURG]: { lat: 50.8003, lon: 7.2076 },
  [WINDECK]: { lat: 50.7769, lon: 7.6031 },
};
const opts: MatchOptions = {
  distanceKm: (a, b) => (centroids[a] && centroids[b] ? haversineKm(centroids[a], centroids[b]) : null),
  gemeindeName: (ags) => ({ [TROISDORF]: 'Troisdorf', [SIEGBURG]: 'Siegburg', [WINDECK]: 'Windeck' })[ags] ?? ags,
  travelBufferMinutes: 30,
};

// Monday 16 March 2026, 10:00–11:00 in Berlin (CET).
const request: MatchRequest = {
  languageCode: 'ar',
  dialect: 'Irakisch',
  startsAt: new Date('2026-03-16T09:00:00Z'),
  endsAt: new Date('2026-03-16T10:00:00Z'),
  mode: 'in_person',
  ags: TROISDORF,
  genderPreference: 'none',
};

function candidate(over: Partial<CandidateFacts> = {}): CandidateFacts {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    displayName: 'Amal B.',
    gender: 'female',
    homeAgs: SIEGBURG,
    servedAgs: [],
    maxTravelKm: 20,
    remoteOk: true,
    availability: [{ weekday: 1, from: '08:00', to: '16:00' }],
    absences: [],
    level: 'native',
    dialects: ['Irakisch'],
    feeTier: 'basic',
    confidentialitySigned: true,
    minutesThisMonth: 0,
    overlapping: null,
    excluded: false,
    offerStatus: null,
    ...over,
  };
}

const reasonOf = (c: ReturnType<typeof assessCandidate>, code: string) => c.reasons.find((r) => r.code === code)!;

describe('matchInterpreters', () => {
  it('explains a good match in German', () => {
    const c = assessCandidate(request, candidate(), opts);
    expect(c.eligible).toBe(true);
    expect(reasonOf(c, 'dialect').text).toBe('Dialekt Irakisch passt');
    expect(reasonOf(c, 'availability').text).toBe('Verfügbar Montag 10:00–11:00 Uhr');
    expect(reasonOf(c, 'distance').text).toMatch(/^\d+(,\d)? km von Siegburg$/);
    expect(reasonOf(c, 'overlap').text).toBe('Kein überschneidender Einsatz (inkl. 30 Min. Wegepuffer)');
    expect(reasonOf(c, 'fairness').text).toBe('0 Std. in diesem Monat eingesetzt');
  });

  it('makes overlapping, absent, excluded and unqualified interpreters ineligible', () => {
    const overlap = assessCandidate(request, candidate({ overlapping: { startsAt: new Date('2026-03-16T10:15:00Z'), endsAt: new Date('2026-03-16T11:00:00Z') } }), opts);
    expect(overlap.eligible).toBe(false);
    expect(reasonOf(overlap, 'overlap').text).toBe('Hat bereits einen Einsatz 11:15–12:00 Uhr (inkl. 30 Min. Wegepuffer überschneidend)');
    const absent = assessCandidate(request, candidate({ absences: [{ from: '2026-03-10', to: '2026-03-20' }] }), opts);
    expect(absent.eligible).toBe(false);
    expect(reasonOf(absent, 'absence').text).toBe('Abwesend vom 10.03.2026 bis 20.03.2026');
    expect(assessCandidate(request, candidate({ excluded: true }), opts).eligible).toBe(false);
    expect(assessCandidate(request, candidate({ feeTier: null }), opts).eligible).toBe(false);
    expect(assessCandidate(request, candidate({ confidentialitySigned: false }), opts).eligible).toBe(false);
    expect(assessCandidate({ ...request, mode: 'phone', ags: null }, candidate({ remoteOk: false }), opts).eligible).toBe(false);
  });

  it('ranks the fair, near and available candidate first and explains why the others are lower', () => {
    const busy = candidate({ id: '00000000-0000-4000-8000-000000000002', displayName: 'Busy', minutesThisMonth: 600 });
    const far = candidate({ id: '00000000-0000-4000-8000-000000000003', displayName: 'Far', homeAgs: WINDECK, maxTravelKm: 15 });
    const evening = candidate({ id: '00000000-0000-4000-8000-000000000004', displayName: 'Evening', availability: [{ weekday: 1, from: '16:00', to: '20:00' }] });
    const overlapping = candidate({ id: '00000000-0000-4000-8000-000000000005', displayName: 'Overlap', overlapping: { startsAt: request.startsAt, endsAt: request.endsAt } });
    const best = candidate({ id: '00000000-0000-4000-8000-000000000006', displayName: 'Best' });
    const ranked = matchInterpreters(request, [overlapping, evening, far, busy, best], opts);
    expect(ranked.map((c) => c.displayName)).toEqual(['Best', 'Busy', 'Evening', 'Far', 'Overlap']);
    expect(reasonOf(ranked[2]!, 'availability').text).toBe('Montags nur 16:00–20:00 Uhr verfügbar');
    expect(reasonOf(ranked[3]!, 'distance').text).toMatch(/mehr als die angegebene maximale Anfahrt von 15 km$/);
  });

  it('prefers the requested gender and serves Gemeinden beyond the maximum distance when listed', () => {
    const female = assessCandidate({ ...request, genderPreference: 'female' }, candidate(), opts);
    const male = assessCandidate({ ...request, genderPreference: 'female' }, candidate({ gender: 'male' }), opts);
    expect(female.score).toBeGreaterThan(male.score);
    expect(reasonOf(male, 'gender').text).toBe('Entspricht nicht dem gewünschten Geschlecht');
    const served = assessCandidate(request, candidate({ homeAgs: WINDECK, maxTravelKm: 5, servedAgs: [TROISDORF] }), opts);
    expect(reasonOf(served, 'distance').ok).toBe(true);
  });

  it('always puts eligible candidates first and is deterministic (property)', () => {
    const arb = fc.record({
      minutesThisMonth: fc.integer({ min: 0, max: 3000 }),
      excluded: fc.boolean(),
      overlap: fc.boolean(),
      gender: fc.constantFrom('female' as const, 'male' as const, 'diverse' as const),
      home: fc.constantFrom(TROISDORF, SIEGBURG, WINDECK),
      level: fc.constantFrom('B1' as const, 'B2' as const, 'C1' as const, 'C2' as const, 'native' as const),
    });
    fc.assert(
      fc.property(fc.array(arb, { maxLength: 30 }), (rows) => {
        const cands = rows.map((r, i) =>
          candidate({
            id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
            displayName: `P${i}`,
            minutesThisMonth: r.minutesThisMonth,
            excluded: r.excluded,
            overlapping: r.overlap ? { startsAt: request.startsAt, endsAt: request.endsAt } : null,
            gender: r.gender,
            homeAgs: r.home,
            level: r.level,
          }),
        );
        const ranked = matchInterpreters(request, cands, opts);
        const firstIneligible = ranked.findIndex((c) => !c.eligible);
        if (firstIneligible >= 0) expect(ranked.slice(firstIneligible).every((c) => !c.eligible)).toBe(true);
        expect(matchInterpreters(request, [...cands].reverse(), opts)).toEqual(ranked);
      }),
    );
  });

  it('measures kilometres between Gemeinde centroids', () => {
    expect(haversineKm(centroids[TROISDORF]!, centroids[WINDECK]!)).toBeGreaterThan(30);
    expect(haversineKm(centroids[TROISDORF]!, centroids[TROISDORF]!)).toBe(0);
  });
});
