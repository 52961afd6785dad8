import { DEFAULT_INTERPRETER_POOL_SETTINGS, type InterpreterFeeTier, type InterpreterLanguageLevel, type InterpretingMode } from '@teilhabe/shared';
import { addDays, berlinToday, berlinWallTimeToInstant, isWorkday } from '@teilhabe/shared/interpreters/workdays';
import type { DbOrTx } from '../../platform/db/client.js';
import type { KreisTree } from '../../seed/factories.js';
import { computeAllowance } from './fees.js';
import * as repo from './interpreters.repository.js';
import { gemeindeDistanceKm } from './requests.service.js';
import { hashToken } from './interpreters.service.js';

/**
 * Demo data of the Sprachmittlerpool: about 80 fictional interpreters over the languages NRW pools are asked for
 * (research-domain §2.2), fictional institutions in the real Kommunen of the Kreis, and a year of requests with
 * assignments, fees, cancellations and unfilled requests, plus open and offered requests for the coming weeks.
 * Deterministic: a fixed-seed PRNG and dates relative to the day of seeding.
 */

export const DEMO_INTERPRETER_EMAIL = 'interpreter@teilhabe.example';

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
function weighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = rng() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r <= 0) return item;
  }
  return items[items.length - 1]![0];
}

/** A valid German IBAN (mod 97 check digits) for a fictional bank code and account number. */
export function germanIban(blz: string, account: string): string {
  const bban = `${blz}${account.padStart(10, '0')}`;
  const numeric = `${bban}131400`; // "DE00" → D=13, E=14, 00
  let remainder = 0;
  for (const digit of numeric) remainder = (remainder * 10 + Number(digit)) % 97;
  return `DE${String(98 - remainder).padStart(2, '0')}${bban}`;
}

interface Group {
  count: number;
  code: string;
  dialects: readonly string[];
  secondary: readonly (readonly [string, number])[];
  female: readonly string[];
  male: readonly string[];
  last: readonly string[];
}

const GROUPS: readonly Group[] = [
  { count: 13, code: 'ar', dialects: ['Levantinisch (Syrien, Libanon)', 'Irakisch', 'Ägyptisch', 'Hocharabisch', 'Sudanesisch'], secondary: [['fr', 0.15], ['ku', 0.15], ['en', 0.2]], female: ['Amal', 'Rania', 'Huda', 'Lina', 'Nour', 'Dima', 'Mariam', 'Salma'], male: ['Khaled', 'Youssef', 'Omar', 'Tarek', 'Bassam', 'Hassan', 'Walid'], last: ['Nasser', 'Khalil', 'Darwish', 'Mansour', 'Saleh', 'Barakat', 'Aziz', 'Qasim', 'Hamdan', 'Jaber', 'Haddad'] },
  { count: 9, code: 'uk', dialects: [], secondary: [['ru', 0.85], ['pl', 0.1]], female: ['Olena', 'Iryna', 'Natalia', 'Svitlana', 'Yulia', 'Tetiana', 'Oksana'], male: ['Oleksandr', 'Dmytro', 'Andrii', 'Serhii', 'Bohdan'], last: ['Kovalenko', 'Shevchenko', 'Bondarenko', 'Melnyk', 'Tkachenko', 'Kravchenko', 'Petrenko', 'Lysenko', 'Marchenko'] },
  { count: 5, code: 'ru', dialects: [], secondary: [['uk', 0.3], ['kk', 0.1]], female: ['Anna', 'Jelena', 'Swetlana', 'Olga'], male: ['Alexej', 'Wladimir', 'Sergej'], last: ['Smirnow', 'Iwanowa', 'Wolkow', 'Kusnezowa', 'Popow'] },
  { count: 10, code: 'fa', dialects: ['Farsi', 'Dari'], secondary: [['ps', 0.3], ['en', 0.2]], female: ['Farida', 'Zahra', 'Maryam', 'Shabnam', 'Laila', 'Parwana'], male: ['Ahmad', 'Mohammad', 'Hamid', 'Reza', 'Habib', 'Jawad'], last: ['Ahmadi', 'Rahimi', 'Karimi', 'Hosseini', 'Sadiqi', 'Noori', 'Jafari', 'Mohammadi'] },
  { count: 4, code: 'ps', dialects: ['Südpaschtu (Kandahar)', 'Nordpaschtu (Peschawar)'], secondary: [['fa', 0.7]], female: ['Malalai', 'Nazia'], male: ['Gul', 'Rahmatullah', 'Abdul'], last: ['Stanikzai', 'Wardak', 'Yusufzai', 'Popal'] },
  { count: 7, code: 'tr', dialects: [], secondary: [['ku', 0.25], ['en', 0.2]], female: ['Ayşe', 'Elif', 'Zeynep', 'Derya', 'Melike'], male: ['Mehmet', 'Mustafa', 'Ahmet', 'Hüseyin', 'Emre'], last: ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Aydın', 'Öztürk'] },
  { count: 7, code: 'ku', dialects: ['Kurmanji', 'Sorani'], secondary: [['tr', 0.4], ['ar', 0.35]], female: ['Rojda', 'Berivan', 'Dilan', 'Shirin', 'Nazdar'], male: ['Azad', 'Karwan', 'Rêbaz', 'Sherko'], last: ['Baran', 'Ekinci', 'Zêbarî', 'Amedî', 'Barzanî', 'Hawramî'] },
  { count: 5, code: 'ti', dialects: ['Eritreisch', 'Äthiopisch (Tigray)'], secondary: [['am', 0.4], ['ar', 0.15]], female: ['Senait', 'Selam', 'Helen', 'Saba'], male: ['Yonas', 'Tesfay', 'Mehari'], last: ['Tesfamariam', 'Gebremedhin', 'Haile', 'Berhane', 'Kidane'] },
  { count: 3, code: 'so', dialects: [], secondary: [['ar', 0.3], ['en', 0.4]], female: ['Hodan', 'Fadumo', 'Sahra'], male: ['Abdi', 'Mohamed'], last: ['Warsame', 'Farah', 'Jama'] },
  { count: 5, code: 'ro', dialects: ['Rumänisch', 'Moldauisch'], secondary: [['rom', 0.2], ['it', 0.1]], female: ['Ioana', 'Elena', 'Cristina', 'Andreea'], male: ['Andrei', 'Mihai', 'Florin'], last: ['Popescu', 'Ionescu', 'Dumitru', 'Stan', 'Munteanu'] },
  { count: 4, code: 'bg', dialects: [], secondary: [['tr', 0.3], ['rom', 0.2]], female: ['Maria', 'Desislava', 'Galina'], male: ['Georgi', 'Ivan', 'Petar'], last: ['Petrov', 'Georgieva', 'Dimitrov', 'Ivanova'] },
  { count: 3, code: 'sq', dialects: ['Gegisch (Kosovo)', 'Toskisch'], secondary: [['sr', 0.3]], female: ['Blerta', 'Valbona'], male: ['Arben', 'Driton', 'Ilir'], last: ['Krasniqi', 'Berisha', 'Hoxha', 'Gashi'] },
  { count: 2, code: 'sr', dialects: [], secondary: [['hr', 0.8], ['bs', 0.8]], female: ['Jelena', 'Milica'], male: ['Nikola'], last: ['Jovanović', 'Petrović'] },
  { count: 1, code: 'mk', dialects: [], secondary: [['sr', 0.6]], female: ['Elena'], male: ['Goran'], last: ['Stojanovski'] },
  { count: 1, code: 'fr', dialects: [], secondary: [['ln', 0.5]], female: ['Aminata'], male: ['Jean-Pierre'], last: ['Mbala'] },
  { count: 1, code: 'pl', dialects: [], secondary: [], female: ['Agnieszka'], male: ['Tomasz'], last: ['Nowak'] },
];

/** How often each language is asked for (per 100 requests), after the NRW pools' reports. */
const DEMAND: readonly (readonly [string, number])[] = [
  ['ar', 24], ['uk', 14], ['fa', 11], ['ru', 7], ['tr', 8], ['ku', 8], ['ps', 5], ['ti', 5], ['ro', 5], ['bg', 5], ['so', 3], ['sq', 3], ['sr', 1], ['fr', 1],
];

const SLOTS: readonly (readonly { weekday: number; from: string; to: string }[])[] = [
  [1, 2, 3, 4, 5].map((weekday) => ({ weekday, from: '08:00', to: '18:00' })),
  [1, 2, 3, 4, 5].map((weekday) => ({ weekday, from: '08:00', to: '13:00' })),
  [1, 2, 3, 4, 5].map((weekday) => ({ weekday, from: '12:00', to: '18:00' })),
  [2, 4].map((weekday) => ({ weekday, from: '08:00', to: '17:00' })),
  [1, 3, 5].map((weekday) => ({ weekday, from: '09:00', to: '16:00' })),
  [...[1, 2, 3, 4, 5].map((weekday) => ({ weekday, from: '15:00', to: '20:00' })), { weekday: 6, from: '10:00', to: '14:00' }],
];

interface InstitutionSpec {
  name: string;
  kind: string;
  ags: string;
  organisationId?: string;
  weight: number;
}

function institutionsFor(tree: KreisTree): InstitutionSpec[] {
  const k = (suffix: string) => tree.kommunen.find((x) => x.name.endsWith(suffix))!;
  const out: InstitutionSpec[] = [];
  const add = (name: string, kind: string, kommune: { ags: string }, weight: number, organisationId?: string) => out.push({ name, kind, ags: kommune.ags, weight, organisationId });
  add(tree.orgs.schule!.name, 'schule', k('Troisdorf'), 6, tree.orgs.schule!.id);
  add(tree.orgs.jobcenter!.name, 'jobcenter', k('Siegburg'), 5, tree.orgs.jobcenter!.id);
  add(tree.orgs.jugendamt!.name, 'jugendamt', k('Siegburg'), 3, tree.orgs.jugendamt!.id);
  add(tree.orgs.kimTroisdorf!.name, 'kim', k('Troisdorf'), 4, tree.orgs.kimTroisdorf!.id);
  add(tree.orgs.kimSiegburg!.name, 'kim', k('Siegburg'), 3, tree.orgs.kimSiegburg!.id);
  const schoolNames = ['Grundschule am Park', 'Gemeinschaftsgrundschule Mitte', 'Realschule', 'Gesamtschule', 'Städtisches Gymnasium'];
  const kitaNames = ['Kita Regenbogen', 'Familienzentrum Sonnenschein', 'Kita Kunterbunt'];
  tree.kommunen.forEach((kommune, i) => {
    const town = kommune.name.replace(/^(Stadt|Gemeinde) /, '');
    const size = Math.max(1, Math.round(kommune.population / 20_000));
    add(`${schoolNames[i % schoolNames.length]} ${town}`, 'schule', kommune, 2 * size);
    add(`${kitaNames[i % kitaNames.length]} ${town}`, 'kita', kommune, size);
    add(`Bürgerbüro ${town}`, 'kommune', kommune, size);
    if (kommune.population > 35_000) {
      add(`Wohnungsamt ${town}`, 'kommune', kommune, size);
      add(`Grundschule Nord ${town}`, 'schule', kommune, size);
    }
  });
  add('Migrationsberatung für Erwachsene (MBE) – Caritas', 'beratungsstelle', k('Siegburg'), 4);
  add('Jugendmigrationsdienst (JMD) – Diakonie', 'beratungsstelle', k('Troisdorf'), 3);
  add('Flüchtlingsberatung – AWO', 'beratungsstelle', k('Sankt Augustin'), 3);
  add('Beratungsverbund Sieg e. V.', 'wohlfahrtsverband', k('Hennef (Sieg)'), 2);
  add('Deutsch-Arabischer Kulturverein', 'migrantenorganisation', k('Troisdorf'), 1);
  return out.filter((i) => i.ags);
}

const TOPICS_BY_KIND: Record<string, readonly string[]> = {
  schule: ['elterngespraech_schule', 'elterngespraech_schule', 'schulanmeldung', 'elternabend'],
  kita: ['kita_gespraech', 'kita_gespraech', 'elternabend'],
  kommune: ['behoerdentermin', 'wohnen'],
  jobcenter: ['jobcenter_termin'],
  jugendamt: ['sozialberatung', 'behoerdentermin'],
  kim: ['sozialberatung', 'behoerdentermin', 'wohnen', 'gesundheit_beratung'],
  beratungsstelle: ['sozialberatung', 'wohnen', 'gesundheit_beratung'],
  wohlfahrtsverband: ['sozialberatung', 'sonstiges'],
  migrantenorganisation: ['elternabend', 'sonstiges'],
};

const CONTACTS = ['Frau Schneider', 'Herr Wagner', 'Frau Becker', 'Herr Hoffmann', 'Frau Schäfer', 'Herr Koch', 'Frau Richter', 'Herr Klein', 'Frau Wolf', 'Herr Neumann'];

interface SeedInterpreter {
  id: string;
  languages: string[];
  tier: InterpreterFeeTier | null;
  homeAgs: string;
  popularity: number;
  active: boolean;
  isDemo: boolean;
  busy: { from: number; to: number }[];
}

const HOUR = 3_600_000;
const DAY = 86_400_000;

export async function seedInterpreterDemo(db: DbOrTx, tree: KreisTree): Promise<void> {
  const rng = mulberry32(20_191_219);
  const today = berlinToday();
  const now = Date.now();
  const kommunen = tree.kommunen;
  const byPopulation = kommunen.map((k) => [k, k.population] as const);
  const demoUserId = await repo.userIdByEmail(db, DEMO_INTERPRETER_EMAIL);
  const troisdorf = kommunen.find((k) => k.name.endsWith('Troisdorf'))!;
  const nearby = (ags: string, km: number) => kommunen.filter((k) => k.ags !== ags && (gemeindeDistanceKm(ags, k.ags) ?? 999) <= km).map((k) => k.ags);

  // ── interpreters ─────────────────────────────────────────────────────────────────────────────────────────
  const rows: repo.InterpreterInsert[] = [];
  const langRows: { index: number; code: string; dialects: string[]; level: InterpreterLanguageLevel }[] = [];
  const meta: Omit<SeedInterpreter, 'id'>[] = [];
  const usedNames = new Set<string>();
  let n = 0;
  for (const group of GROUPS) {
    for (let i = 0; i < group.count; i++) {
      const isDemo = group.code === 'ar' && i === 0;
      const gender = isDemo ? 'male' : rng() < 0.58 ? 'female' : 'male';
      let firstName = isDemo ? 'Samir' : pick(rng, gender === 'female' ? group.female : group.male);
      let lastName = isDemo ? 'Haddad' : pick(rng, group.last);
      for (let tries = 0; usedNames.has(`${firstName} ${lastName}`) && tries < 10; tries++) {
        firstName = pick(rng, gender === 'female' ? group.female : group.male);
        lastName = pick(rng, group.last);
      }
      usedNames.add(`${firstName} ${lastName}`);
      const home = isDemo ? troisdorf : weighted(rng, byPopulation);
      const untrained = !isDemo && n % 27 === 26;
      const advanced = isDemo || (!untrained && rng() < 0.4);
      const trainedYear = 2019 + Math.floor(rng() * 6);
      const active = isDemo || n % 41 !== 40;
      const maxTravelKm = isDemo ? 25 : 10 + Math.floor(rng() * 5) * 5;
      rows.push({
        userId: isDemo ? (demoUserId ?? null) : null,
        firstName,
        lastName,
        email: `${firstName}.${lastName}`.toLowerCase().normalize('NFKD').replace(/[^\w.]/g, '') + '@mail.example',
        phone: `0${2241 + (n % 7)} ${String(100000 + Math.floor(rng() * 899999))}`,
        street: `${pick(rng, ['Hauptstraße', 'Bahnhofstraße', 'Kölner Straße', 'Am Markt', 'Lindenweg', 'Siegstraße'])} ${1 + Math.floor(rng() * 80)}`,
        postalCode: null,
        homeAgs: home.ags,
        gender,
        basicTrainingOn: untrained ? null : `${trainedYear}-0${1 + Math.floor(rng() * 9)}-15`,
        advancedTrainingOn: advanced ? `${Math.min(trainedYear + 1, 2025)}-10-0${1 + Math.floor(rng() * 8)}` : null,
        confidentialitySignedOn: untrained ? null : `${trainedYear}-0${1 + Math.floor(rng() * 9)}-15`,
        confidentialityDocument: untrained ? null : `Verschwiegenheitserklärung ${firstName} ${lastName} (Papierakte)`,
        availability: [...(isDemo ? SLOTS[0]! : pick(rng, SLOTS))],
        absences: !isDemo && rng() < 0.15 ? [{ from: addDays(today, 10 + Math.floor(rng() * 30)), to: addDays(today, 25 + Math.floor(rng() * 30)), note: 'Urlaub' }] : [],
        servedAgs: isDemo ? [troisdorf.ags, ...nearby(troisdorf.ags, 12)] : nearby(home.ags, 8),
        maxTravelKm,
        remoteOk: isDemo || rng() < 0.7,
        active,
        iban: germanIban(pick(rng, ['37050198', '37069520', '38050000', '38621500', '37040044']), String(Math.floor(rng() * 1e10))),
        accountHolder: null,
        notes: untrained ? 'Basisschulung im nächsten Kurs vorgesehen.' : null,
      });
      const codes = [group.code];
      langRows.push({ index: n, code: group.code, dialects: isDemo ? ['Levantinisch (Syrien, Libanon)', 'Hocharabisch'] : group.dialects.filter(() => rng() < 0.6), level: 'native' });
      for (const [code, p] of group.secondary) {
        if (!isDemo && rng() < p && !codes.includes(code)) {
          codes.push(code);
          langRows.push({ index: n, code, dialects: [], level: pick(rng, ['B2', 'C1', 'C2'] as const) });
        }
      }
      meta.push({
        languages: codes,
        tier: untrained ? null : advanced ? 'advanced' : 'basic',
        homeAgs: home.ags,
        popularity: isDemo ? 2.5 : 0.4 + rng() * (i < 2 ? 3 : 1.5),
        active,
        isDemo,
        busy: [],
      });
      n++;
    }
  }
  const ids = await repo.bulkInsertInterpreters(db, rows);
  const pool: SeedInterpreter[] = ids.map((r, i) => ({ id: r.id, ...meta[i]! }));
  await repo.bulkInsertLanguages(db, langRows.map((l) => ({ interpreterId: pool[l.index]!.id, languageCode: l.code, dialects: l.dialects, level: l.level })));

  // ── institutions ─────────────────────────────────────────────────────────────────────────────────────────
  const specs = institutionsFor(tree);
  const instIds = await repo.bulkInsertInstitutions(db, specs.map((s) => ({ name: s.name, kind: s.kind, ags: s.ags, organisationId: s.organisationId ?? null })));
  const institutions = specs.map((s, i) => ({ ...s, id: instIds[i]!.id }));
  // One exclusion to show the list: the demo interpreter is not sent to one Bürgerbüro (he works there part-time).
  const excluded = institutions.find((i) => i.kind === 'kommune' && i.ags === troisdorf.ags);
  if (excluded) await repo.replaceExclusions(db, pool[0]!.id, [{ institutionId: excluded.id, caseId: null, note: 'Arbeitet dort in Teilzeit – Interessenkonflikt' }]);

  // ── requests over the last year and the coming weeks ─────────────────────────────────────────────────────
  const tariff = DEFAULT_INTERPRETER_POOL_SETTINGS.tariff;
  type Planned = { request: repo.RequestInsert; assignment?: Omit<Parameters<typeof repo.bulkInsertAssignments>[1][number], 'requestId'>; offers: { interpreterId: string; status: string }[] };
  const planned: Planned[] = [];
  const free = (p: SeedInterpreter, from: number, to: number) => !p.busy.some((b) => b.from < to + 30 * 60_000 && b.to > from - 30 * 60_000);

  for (let offset = -365; offset <= 28; offset++) {
    const date = addDays(today, offset);
    if (!isWorkday(date)) continue;
    const perDay = offset < 0 ? 1 + Math.floor(rng() * 4) : offset < 6 ? Math.floor(rng() * 2) : Math.floor(rng() * 3);
    for (let k = 0; k < perDay; k++) {
      const language = weighted(rng, DEMAND);
      const inst = weighted(rng, institutions.map((i) => [i, i.weight] as const));
      const hour = 8 + Math.floor(rng() * 8);
      const time = `${String(hour).padStart(2, '0')}:${rng() < 0.5 ? '00' : '30'}`;
      const startsAt = berlinWallTimeToInstant(date, time);
      if (offset === 0 && startsAt.getTime() < now) continue;
      const duration = pick(rng, [30, 45, 60, 60, 60, 90, 120]);
      const endsAt = new Date(startsAt.getTime() + duration * 60_000);
      const mode: InterpretingMode = rng() < 0.86 ? 'in_person' : rng() < 0.7 ? 'phone' : 'video';
      const leadDays = 7 + Math.floor(rng() * 28);
      const createdAt = new Date(Math.min(startsAt.getTime() - leadDays * DAY, now - HOUR));
      const channel = inst.organisationId ? (inst.kind === 'kim' ? 'case' : 'partner') : rng() < 0.85 ? 'public' : 'coordinator';
      const request: repo.RequestInsert = {
        reference: '',
        channel,
        status: 'open',
        institutionId: inst.id,
        requesterOrganisationId: channel === 'partner' || channel === 'case' ? (inst.organisationId ?? null) : null,
        contactName: pick(rng, CONTACTS),
        contactEmail: `kontakt${Math.floor(rng() * 90) + 10}@${inst.kind}.example`,
        contactPhone: `0${2241 + Math.floor(rng() * 9)} ${100000 + Math.floor(rng() * 899999)}`,
        languageCode: language,
        dialect: language === 'ku' ? pick(rng, ['Kurmanji', 'Kurmanji', 'Sorani']) : language === 'fa' && rng() < 0.5 ? 'Dari' : null,
        startsAt,
        endsAt,
        durationMinutes: duration,
        mode,
        street: mode === 'in_person' ? `${pick(rng, ['Schulstraße', 'Rathausplatz', 'Kirchweg', 'Mühlenstraße'])} ${1 + Math.floor(rng() * 40)}` : null,
        ags: mode === 'in_person' ? inst.ags : null,
        topic: pick(rng, TOPICS_BY_KIND[inst.kind] ?? ['sonstiges']),
        genderPreference: rng() < 0.12 ? 'female' : 'none',
        note: null,
        statusTokenHash: channel === 'public' ? hashToken(`demo-${offset}-${k}-${Math.floor(rng() * 1e9)}`) : null,
        createdAt,
        updatedAt: createdAt,
      };
      const candidates = pool.filter(
        (p) =>
          p.active &&
          p.tier &&
          p.languages.includes(language) &&
          // The demo interpreter keeps his calendar free from today on (the journeys book him).
          !(p.isDemo && offset >= 0) &&
          free(p, startsAt.getTime(), endsAt.getTime()) &&
          (request.genderPreference === 'none' || rows[pool.indexOf(p)]!.gender === request.genderPreference) &&
          (mode !== 'in_person' || (gemeindeDistanceKm(p.homeAgs, inst.ags) ?? 99) <= 30),
      );
      const chosen = candidates.length ? weighted(rng, candidates.map((c) => [c, c.popularity] as const)) : undefined;
      const plan: Planned = { request, offers: [] };
      const past = startsAt.getTime() < now;
      const roll = rng();
      if (past) {
        if (!chosen || roll < 0.07) {
          request.status = 'unfilled';
          request.cancelReason = 'Keine Sprachmittler:in zu diesem Termin verfügbar.';
          request.cancelledBy = 'coordinator';
          request.cancelledAt = new Date(startsAt.getTime() - 2 * DAY);
        } else {
          chosen.busy.push({ from: startsAt.getTime(), to: endsAt.getTime() });
          const base = { interpreterId: chosen.id, startsAt, endsAt, feeTier: chosen.tier!, createdAt: new Date(createdAt.getTime() + DAY), tariff };
          plan.offers.push({ interpreterId: chosen.id, status: 'accepted' });
          if (roll < 0.15) {
            const late = rng() < 0.3;
            const cancelledAt = new Date(startsAt.getTime() - (late ? 6 : 72) * HOUR);
            const fee = late ? computeAllowance(tariff, { tier: chosen.tier!, mode, minutes: duration, travelKm: 0, travelMinutes: 0 }) : null;
            request.status = 'cancelled';
            request.cancelledBy = 'requester';
            request.cancelReason = pick(rng, ['Familie ist erkrankt.', 'Termin wurde verschoben.', 'Gespräch findet nicht statt.']);
            request.cancelledAt = cancelledAt;
            plan.assignment = { ...base, status: 'cancelled', cancelledAt, cancelledBy: 'requester', cancelReason: request.cancelReason, lateCancellation: late, payable: late, ...(fee ?? {}) };
          } else {
            const noShow = roll > 0.96;
            const km = mode === 'in_person' ? Math.round((gemeindeDistanceKm(chosen.homeAgs, inst.ags) ?? 2) * 2.6) + 2 : 0;
            const actual = noShow ? 30 : Math.max(15, duration + (Math.floor(rng() * 5) - 2) * 15);
            const fee = computeAllowance(tariff, { tier: chosen.tier!, mode, minutes: actual, travelKm: km, travelMinutes: Math.round(km * 1.5) });
            request.status = 'completed';
            plan.assignment = {
              ...base,
              status: 'completed',
              outcome: noShow ? 'client_no_show' : 'took_place',
              actualMinutes: actual,
              travelKm: km,
              travelMinutes: Math.round(km * 1.5),
              feedback: rng() < 0.2 ? 'Gespräch verlief gut.' : null,
              completedAt: new Date(endsAt.getTime() + 2 * DAY),
              ...fee,
              payable: true,
            };
          }
        }
      } else if (offset < 10 && chosen && !chosen.isDemo) {
        chosen.busy.push({ from: startsAt.getTime(), to: endsAt.getTime() });
        request.status = 'assigned';
        plan.offers.push({ interpreterId: chosen.id, status: 'accepted' });
        plan.assignment = { interpreterId: chosen.id, startsAt, endsAt, feeTier: chosen.tier!, status: 'confirmed', createdAt: new Date(createdAt.getTime() + DAY) };
      } else if (roll < 0.45 && candidates.length) {
        request.status = 'offered';
        const offered = new Set([chosen!, ...candidates.slice(0, 2)]);
        for (const p of offered) plan.offers.push({ interpreterId: p.id, status: 'pending' });
      }
      planned.push(plan);
    }
  }

  // The demo interpreter has one pending offer of his own to answer.
  const forDemo = planned.find((p) => p.request.status === 'offered' && p.request.languageCode === 'ar' && p.request.startsAt > new Date(now + 7 * DAY));
  if (forDemo && !forDemo.offers.some((o) => o.interpreterId === pool[0]!.id)) forDemo.offers.push({ interpreterId: pool[0]!.id, status: 'pending' });

  const numbers = await repo.reserveRequestNumbers(db, planned.length);
  planned.forEach((p, i) => {
    p.request.reference = `SM-${(p.request.createdAt as Date).getUTCFullYear()}-${String(numbers[i]).padStart(5, '0')}`;
  });
  const requestIds = await repo.bulkInsertRequests(db, planned.map((p) => p.request));
  const coordinatorId = (await repo.coordinatorUserIds(db))[0] ?? null;
  await repo.bulkInsertAssignments(
    db,
    planned.flatMap((p, i) => (p.assignment ? [{ ...p.assignment, requestId: requestIds[i]!.id }] : [])),
  );
  await repo.bulkInsertOffers(
    db,
    planned.flatMap((p, i) =>
      p.offers.map((o) => ({
        requestId: requestIds[i]!.id,
        interpreterId: o.interpreterId,
        status: o.status,
        offeredBy: coordinatorId,
        offeredAt: new Date((p.request.createdAt as Date).getTime() + HOUR),
        respondedAt: o.status === 'pending' ? null : new Date((p.request.createdAt as Date).getTime() + DAY),
      })),
    ),
  );
}
