import type { CreateOfferBody, Offer, TranslationLang } from '@teilhabe/shared';

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export const WEEKDAY_LABELS: Record<string, string> = { MO: 'Montag', TU: 'Dienstag', WE: 'Mittwoch', TH: 'Donnerstag', FR: 'Freitag', SA: 'Samstag', SU: 'Sonntag' };

export interface PlaceState {
  ags: string;
  label: string;
  street: string;
  postalCode: string;
  city: string;
  lat: string;
  lon: string;
}

export interface DateState {
  date: string;
  start: string;
  end: string;
}

export interface OfferFormState {
  organisationId: string;
  title: string;
  description: string;
  handlungsfelder: string[];
  targetGroups: string[];
  ageMin: string;
  ageMax: string;
  genders: string[];
  residenceStatuses: string[];
  languages: string[];
  costKind: 'free' | 'reduced' | 'paid';
  costEuro: string;
  costNote: string;
  barrierFree: 'yes' | 'partial' | 'no' | 'unknown';
  registrationRequired: boolean;
  registrationNote: string;
  contactPersonId: string;
  contactEmail: string;
  contactPhone: string;
  website: string;
  validFrom: string;
  validTo: string;
  internalNote: string;
  scheduleKind: 'none' | 'recurring' | 'dated';
  weekdays: string[];
  frequency: 'weekly' | 'biweekly' | 'monthly';
  monthWeek: string;
  rrule: string;
  rruleEdited: boolean;
  startTime: string;
  endTime: string;
  scheduleNote: string;
  dates: DateState[];
  places: PlaceState[];
  translations: Record<TranslationLang, { title: string; description: string }>;
}

export const EMPTY_PLACE: PlaceState = { ags: '', label: '', street: '', postalCode: '', city: '', lat: '', lon: '' };
const EMPTY_TRANSLATIONS = { en: { title: '', description: '' }, ar: { title: '', description: '' }, fa: { title: '', description: '' }, uk: { title: '', description: '' }, ru: { title: '', description: '' }, tr: { title: '', description: '' }, 'de-LS': { title: '', description: '' } };

export function emptyOfferForm(organisationId = '', ags = ''): OfferFormState {
  return {
    organisationId,
    title: '',
    description: '',
    handlungsfelder: [],
    targetGroups: [],
    ageMin: '',
    ageMax: '',
    genders: [],
    residenceStatuses: [],
    languages: ['de'],
    costKind: 'free',
    costEuro: '',
    costNote: '',
    barrierFree: 'unknown',
    registrationRequired: false,
    registrationNote: '',
    contactPersonId: '',
    contactEmail: '',
    contactPhone: '',
    website: '',
    validFrom: '',
    validTo: '',
    internalNote: '',
    scheduleKind: 'recurring',
    weekdays: ['TU'],
    frequency: 'weekly',
    monthWeek: '1',
    rrule: 'FREQ=WEEKLY;BYDAY=TU',
    rruleEdited: false,
    startTime: '10:00',
    endTime: '12:00',
    scheduleNote: '',
    dates: [{ date: '', start: '18:00', end: '20:00' }],
    places: [{ ...EMPTY_PLACE, ags }],
    translations: structuredClone(EMPTY_TRANSLATIONS),
  };
}

/** The RRULE the simple schedule fields stand for. */
export function buildRrule(s: Pick<OfferFormState, 'weekdays' | 'frequency' | 'monthWeek'>): string {
  const days = WEEKDAYS.filter((d) => s.weekdays.includes(d));
  if (s.frequency === 'monthly') return `FREQ=MONTHLY;BYDAY=${(days.length ? days : ['MO']).map((d) => `${s.monthWeek}${d}`).join(',')}`;
  return `FREQ=WEEKLY${s.frequency === 'biweekly' ? ';INTERVAL=2' : ''}${days.length ? `;BYDAY=${days.join(',')}` : ''}`;
}

/** Reads the simple fields back from an RRULE; `edited` when the rule says more than they can show. */
function fromRrule(rule: string): Pick<OfferFormState, 'weekdays' | 'frequency' | 'monthWeek' | 'rruleEdited'> {
  const parts = Object.fromEntries(rule.split(';').map((p) => p.split('=') as [string, string]));
  const days = (parts.BYDAY ?? '').split(',').filter(Boolean);
  const monthly = parts.FREQ === 'MONTHLY';
  const result = {
    weekdays: days.map((d: string) => d.slice(-2)),
    frequency: monthly ? ('monthly' as const) : parts.INTERVAL === '2' ? ('biweekly' as const) : ('weekly' as const),
    monthWeek: monthly ? (days[0]?.slice(0, -2) || '1') : '1',
    rruleEdited: false,
  };
  result.rruleEdited = buildRrule(result) !== rule;
  return result;
}

const berlinParts = (iso: string) => {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Berlin',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
};

/** "2026-03-02" + "10:00" in Europe/Berlin as an ISO timestamp with the right offset (+01:00 or +02:00). */
export function berlinIso(date: string, time: string): string {
  const guess = new Date(`${date}T${time}:00Z`);
  const local = berlinParts(guess.toISOString());
  const diffMinutes = (Date.parse(`${local.date}T${local.time}:00Z`) - guess.getTime()) / 60_000;
  const sign = diffMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(diffMinutes);
  return `${date}T${time}:00${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export function formFromOffer(o: Offer): OfferFormState {
  const base = emptyOfferForm(o.provider.id);
  const s = o.schedule;
  return {
    ...base,
    organisationId: o.provider.id,
    title: o.title,
    description: o.description,
    handlungsfelder: o.handlungsfelder,
    targetGroups: o.targetGroups,
    ageMin: o.ageMin?.toString() ?? '',
    ageMax: o.ageMax?.toString() ?? '',
    genders: o.genders,
    residenceStatuses: o.residenceStatuses,
    languages: o.languages,
    costKind: o.costKind,
    costEuro: o.costCents !== null ? (o.costCents / 100).toFixed(2).replace('.', ',') : '',
    costNote: o.costNote,
    barrierFree: o.barrierFree,
    registrationRequired: o.registrationRequired,
    registrationNote: o.registrationNote,
    contactPersonId: o.contactPersonId ?? '',
    contactEmail: o.contactEmail ?? '',
    contactPhone: o.contactPhone ?? '',
    website: o.website ?? '',
    validFrom: o.validFrom ?? '',
    validTo: o.validTo ?? '',
    internalNote: o.internalNote ?? '',
    scheduleKind: s.kind,
    ...(s.kind === 'recurring' ? { ...fromRrule(s.rrule), rrule: s.rrule, startTime: s.startTime, endTime: s.endTime } : {}),
    scheduleNote: s.note ?? '',
    dates:
      s.kind === 'dated'
        ? s.dates.map((d) => {
            const start = berlinParts(d.start);
            return { date: start.date, start: start.time, end: berlinParts(d.end).time };
          })
        : base.dates,
    places: o.locations.map((l) => ({
      ags: l.ags,
      label: l.label ?? '',
      street: l.street ?? '',
      postalCode: l.postalCode ?? '',
      city: l.city ?? '',
      lat: l.geocoded === 'address' ? String(l.lat) : '',
      lon: l.geocoded === 'address' ? String(l.lon) : '',
    })),
    translations: { ...base.translations, ...(o.translations as OfferFormState['translations']) },
  };
}

const num = (s: string) => (s.trim() === '' ? null : Number(s.replace(',', '.')));
const opt = (s: string) => (s.trim() === '' ? undefined : s.trim());
const nullable = (s: string) => (s.trim() === '' ? null : s.trim());

/** The API body; the server validates it (with the same Zod schema) and names every bad field. */
export function bodyFromForm(f: OfferFormState): CreateOfferBody {
  const schedule =
    f.scheduleKind === 'none'
      ? { kind: 'none' as const, ...(opt(f.scheduleNote) ? { note: f.scheduleNote.trim() } : {}) }
      : f.scheduleKind === 'recurring'
        ? { kind: 'recurring' as const, rrule: f.rruleEdited ? f.rrule : buildRrule(f), startTime: f.startTime, endTime: f.endTime, ...(opt(f.scheduleNote) ? { note: f.scheduleNote.trim() } : {}) }
        : {
            kind: 'dated' as const,
            dates: f.dates.map((d) => ({ start: d.date ? berlinIso(d.date, d.start) : '', end: d.date ? berlinIso(d.date, d.end) : '' })),
            ...(opt(f.scheduleNote) ? { note: f.scheduleNote.trim() } : {}),
          };
  const translations = Object.fromEntries(
    Object.entries(f.translations)
      .filter(([, t]) => t.title.trim() || t.description.trim())
      .map(([lang, t]) => [lang, { title: t.title, description: t.description }]),
  );
  const euro = num(f.costEuro);
  return {
    organisationId: f.organisationId,
    title: f.title,
    description: f.description,
    handlungsfelder: f.handlungsfelder as CreateOfferBody['handlungsfelder'],
    targetGroups: f.targetGroups as CreateOfferBody['targetGroups'],
    ageMin: num(f.ageMin),
    ageMax: num(f.ageMax),
    genders: f.genders as CreateOfferBody['genders'],
    residenceStatuses: f.residenceStatuses as CreateOfferBody['residenceStatuses'],
    languages: f.languages as CreateOfferBody['languages'],
    costKind: f.costKind,
    costCents: euro === null || Number.isNaN(euro) ? null : Math.round(euro * 100),
    costNote: f.costNote,
    schedule: schedule as CreateOfferBody['schedule'],
    barrierFree: f.barrierFree,
    registrationRequired: f.registrationRequired,
    registrationNote: f.registrationNote,
    contactPersonId: nullable(f.contactPersonId),
    contactEmail: nullable(f.contactEmail),
    contactPhone: nullable(f.contactPhone),
    website: nullable(f.website),
    validFrom: nullable(f.validFrom),
    validTo: nullable(f.validTo),
    internalNote: f.internalNote,
    locations: f.places.map((p) => ({
      ags: p.ags,
      ...(opt(p.label) ? { label: p.label.trim() } : {}),
      ...(opt(p.street) ? { street: p.street.trim() } : {}),
      ...(opt(p.postalCode) ? { postalCode: p.postalCode.trim() } : {}),
      ...(opt(p.city) ? { city: p.city.trim() } : {}),
      ...(num(p.lat) !== null ? { lat: num(p.lat)! } : {}),
      ...(num(p.lon) !== null ? { lon: num(p.lon)! } : {}),
    })),
    translations,
  };
}
