import { z } from 'zod';
import { IsoDateTime, text, Uuid } from './common.js';
import { Ags, ORGANISATION_KINDS } from './organisations.js';

// ── Catalogues ──────────────────────────────────────────────────────────────────────────────────────────────────

/** Handlungsfelder of integration work (the catalogue of issue #4; the coverage matrix uses exactly these). */
export const HANDLUNGSFELDER = [
  'sprache',
  'bildung',
  'arbeit_ausbildung',
  'wohnen',
  'gesundheit',
  'beratung',
  'familie_fruehe_hilfen',
  'freizeit_sport_kultur',
  'ehrenamt',
  'antidiskriminierung',
  'aufenthalt_recht',
] as const;
export type Handlungsfeld = (typeof HANDLUNGSFELDER)[number];

export const HANDLUNGSFELD_LABELS_DE: Record<Handlungsfeld, string> = {
  sprache: 'Sprache',
  bildung: 'Bildung',
  arbeit_ausbildung: 'Arbeit und Ausbildung',
  wohnen: 'Wohnen',
  gesundheit: 'Gesundheit',
  beratung: 'Beratung',
  familie_fruehe_hilfen: 'Familie und Frühe Hilfen',
  freizeit_sport_kultur: 'Freizeit, Sport, Kultur',
  ehrenamt: 'Ehrenamt',
  antidiskriminierung: 'Antidiskriminierung',
  aufenthalt_recht: 'Aufenthalt und Recht',
};

export const OFFER_STATUSES = ['draft', 'published', 'archived'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];
export const OFFER_STATUS_LABELS_DE: Record<OfferStatus, string> = { draft: 'Entwurf', published: 'veröffentlicht', archived: 'archiviert' };

export const TARGET_GROUPS = [
  'kinder',
  'jugendliche',
  'junge_erwachsene',
  'erwachsene',
  'familien',
  'eltern',
  'frauen',
  'maenner',
  'senioren',
  'gefluechtete',
  'neuzugewanderte',
  'fachkraefte',
  'ehrenamtliche',
] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];
export const TARGET_GROUP_LABELS_DE: Record<TargetGroup, string> = {
  kinder: 'Kinder',
  jugendliche: 'Jugendliche',
  junge_erwachsene: 'Junge Erwachsene',
  erwachsene: 'Erwachsene',
  familien: 'Familien',
  eltern: 'Eltern',
  frauen: 'Frauen',
  maenner: 'Männer',
  senioren: 'Seniorinnen und Senioren',
  gefluechtete: 'Geflüchtete',
  neuzugewanderte: 'Neuzugewanderte',
  fachkraefte: 'Fachkräfte und Multiplikator:innen',
  ehrenamtliche: 'Ehrenamtliche',
};

export const GENDERS = ['female', 'male', 'diverse'] as const;
export type Gender = (typeof GENDERS)[number];
export const GENDER_LABELS_DE: Record<Gender, string> = { female: 'weiblich', male: 'männlich', diverse: 'divers' };

export const RESIDENCE_STATUSES = [
  'aufenthaltsgestattung',
  'duldung',
  'aufenthaltserlaubnis',
  'schutz_ukraine',
  'niederlassungserlaubnis',
  'eu_freizuegigkeit',
  'deutsch',
] as const;
export type ResidenceStatus = (typeof RESIDENCE_STATUSES)[number];
export const RESIDENCE_STATUS_LABELS_DE: Record<ResidenceStatus, string> = {
  aufenthaltsgestattung: 'Aufenthaltsgestattung (Asylverfahren)',
  duldung: 'Duldung',
  aufenthaltserlaubnis: 'Aufenthaltserlaubnis',
  schutz_ukraine: 'Vorübergehender Schutz (§ 24 AufenthG)',
  niederlassungserlaubnis: 'Niederlassungserlaubnis',
  eu_freizuegigkeit: 'EU-Freizügigkeit',
  deutsch: 'Deutsche Staatsangehörigkeit',
};

/** Rechtskreise (glossary: LegalDomain). */
export const LEGAL_DOMAINS = ['sgb2', 'sgb3', 'sgb8', 'sgb12', 'asylblg', 'aufenthg', 'stag', 'schulg'] as const;
export type LegalDomain = (typeof LEGAL_DOMAINS)[number];
export const LEGAL_DOMAIN_LABELS_DE: Record<LegalDomain, string> = {
  sgb2: 'SGB II',
  sgb3: 'SGB III',
  sgb8: 'SGB VIII',
  sgb12: 'SGB XII',
  asylblg: 'AsylbLG',
  aufenthg: 'AufenthG',
  stag: 'StAG',
  schulg: 'SchulG',
};

export const CONTACT_ROLES = ['integrationsbeauftragte', 'ansprechperson', 'leitung', 'beratung', 'koordination', 'ehrenamtskoordination'] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];
export const CONTACT_ROLE_LABELS_DE: Record<ContactRole, string> = {
  integrationsbeauftragte: 'Integrationsbeauftragte:r',
  ansprechperson: 'Ansprechperson',
  leitung: 'Leitung',
  beratung: 'Beratung',
  koordination: 'Koordination',
  ehrenamtskoordination: 'Ehrenamtskoordination',
};

export const COST_KINDS = ['free', 'reduced', 'paid'] as const;
export type CostKind = (typeof COST_KINDS)[number];
export const COST_KIND_LABELS_DE: Record<CostKind, string> = { free: 'kostenlos', reduced: 'ermäßigt möglich', paid: 'kostenpflichtig' };

export const BARRIER_FREE = ['yes', 'partial', 'no', 'unknown'] as const;
export type BarrierFree = (typeof BARRIER_FREE)[number];
export const BARRIER_FREE_LABELS_DE: Record<BarrierFree, string> = {
  yes: 'barrierefrei',
  partial: 'teilweise barrierefrei',
  no: 'nicht barrierefrei',
  unknown: 'keine Angabe',
};

/** Languages editors maintain offer texts in, besides German; `de-LS` is Leichte Sprache. */
export const TRANSLATION_LANGS = ['en', 'ar', 'fa', 'uk', 'ru', 'tr', 'de-LS'] as const;
export type TranslationLang = (typeof TRANSLATION_LANGS)[number];
/** Languages of the public directory (`/angebote` is German). */
export const PUBLIC_LANGS = ['de', ...TRANSLATION_LANGS] as const;
export type PublicLang = (typeof PUBLIC_LANGS)[number];
export const RTL_LANGS: readonly PublicLang[] = ['ar', 'fa'];
export const TRANSLATION_LANG_LABELS_DE: Record<TranslationLang, string> = {
  en: 'Englisch',
  ar: 'Arabisch',
  fa: 'Persisch (Farsi)',
  uk: 'Ukrainisch',
  ru: 'Russisch',
  tr: 'Türkisch',
  'de-LS': 'Leichte Sprache',
};

/** ISO 639-1 codes: the languages an offer is given in. */
export const ISO_639_1 = [
  'aa', 'ab', 'ae', 'af', 'ak', 'am', 'an', 'ar', 'as', 'av', 'ay', 'az', 'ba', 'be', 'bg', 'bi', 'bm', 'bn', 'bo', 'br', 'bs',
  'ca', 'ce', 'ch', 'co', 'cr', 'cs', 'cu', 'cv', 'cy', 'da', 'de', 'dv', 'dz', 'ee', 'el', 'en', 'eo', 'es', 'et', 'eu', 'fa',
  'ff', 'fi', 'fj', 'fo', 'fr', 'fy', 'ga', 'gd', 'gl', 'gn', 'gu', 'gv', 'ha', 'he', 'hi', 'ho', 'hr', 'ht', 'hu', 'hy', 'hz',
  'ia', 'id', 'ie', 'ig', 'ii', 'ik', 'io', 'is', 'it', 'iu', 'ja', 'jv', 'ka', 'kg', 'ki', 'kj', 'kk', 'kl', 'km', 'kn', 'ko',
  'kr', 'ks', 'ku', 'kv', 'kw', 'ky', 'la', 'lb', 'lg', 'li', 'ln', 'lo', 'lt', 'lu', 'lv', 'mg', 'mh', 'mi', 'mk', 'ml', 'mn',
  'mr', 'ms', 'mt', 'my', 'na', 'nb', 'nd', 'ne', 'ng', 'nl', 'nn', 'no', 'nr', 'nv', 'ny', 'oc', 'oj', 'om', 'or', 'os', 'pa',
  'pi', 'pl', 'ps', 'pt', 'qu', 'rm', 'rn', 'ro', 'ru', 'rw', 'sa', 'sc', 'sd', 'se', 'sg', 'si', 'sk', 'sl', 'sm', 'sn', 'so',
  'sq', 'sr', 'ss', 'st', 'su', 'sv', 'sw', 'ta', 'te', 'tg', 'th', 'ti', 'tk', 'tl', 'tn', 'to', 'tr', 'ts', 'tt', 'tw', 'ty',
  'ug', 'uk', 'ur', 'uz', 've', 'vi', 'vo', 'wa', 'wo', 'xh', 'yi', 'yo', 'za', 'zh', 'zu',
] as const;
export const LanguageCode = z.enum(ISO_639_1, { message: 'Sprachcode nach ISO 639-1 erwartet (z. B. de, ar, uk)' });

// ── RRULE (RFC 5545 subset) ─────────────────────────────────────────────────────────────────────────────────────

const RRULE_DAY = /^([+-]?(?:[1-9]|[1-4]\d|5[0-3]))?(MO|TU|WE|TH|FR|SA|SU)$/;
const RRULE_INT_LIST = (min: number, max: number) => (v: string) =>
  v.split(',').every((p) => /^[+-]?\d{1,3}$/.test(p) && Math.abs(Number(p)) >= min && Math.abs(Number(p)) <= max);
const RRULE_PARTS: Record<string, (v: string) => boolean> = {
  FREQ: (v) => ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'].includes(v),
  INTERVAL: (v) => /^\d{1,3}$/.test(v) && Number(v) >= 1,
  COUNT: (v) => /^\d{1,4}$/.test(v) && Number(v) >= 1,
  UNTIL: (v) => /^\d{8}(T\d{6}Z?)?$/.test(v),
  BYDAY: (v) => v.split(',').every((d) => RRULE_DAY.test(d)),
  BYMONTHDAY: RRULE_INT_LIST(1, 31),
  BYMONTH: RRULE_INT_LIST(1, 12),
  BYSETPOS: RRULE_INT_LIST(1, 366),
  WKST: (v) => /^(MO|TU|WE|TH|FR|SA|SU)$/.test(v),
};

/** Parses an RRULE value (without the `RRULE:` prefix) into its parts, or returns a German reason why not. */
export function parseRrule(rule: string): { ok: true; parts: Record<string, string> } | { ok: false; reason: string } {
  const parts: Record<string, string> = {};
  for (const piece of rule.replace(/^RRULE:/i, '').split(';').filter(Boolean)) {
    const [key, value, extra] = piece.split('=');
    if (!key || value === undefined || extra !== undefined) return { ok: false, reason: `„${piece}“ ist kein Teil der Form SCHLÜSSEL=WERT` };
    const k = key.toUpperCase();
    const check = RRULE_PARTS[k];
    if (!check) return { ok: false, reason: `„${k}“ wird nicht unterstützt` };
    if (parts[k] !== undefined) return { ok: false, reason: `„${k}“ kommt doppelt vor` };
    const v = value.toUpperCase();
    if (!check(v)) return { ok: false, reason: `Ungültiger Wert für ${k}: „${value}“` };
    parts[k] = v;
  }
  if (!parts.FREQ) return { ok: false, reason: 'FREQ fehlt (z. B. FREQ=WEEKLY;BYDAY=TU)' };
  if (parts.COUNT && parts.UNTIL) return { ok: false, reason: 'COUNT und UNTIL schließen sich aus' };
  return { ok: true, parts };
}

export const Rrule = z
  .string()
  .max(300, { message: 'Höchstens 300 Zeichen' })
  .superRefine((v, ctx) => {
    const parsed = parseRrule(v);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: `Keine gültige Wiederholungsregel (RRULE): ${parsed.reason}` });
  })
  .transform((v) => {
    const parsed = parseRrule(v);
    return parsed.ok ? Object.entries(parsed.parts).map(([k, val]) => `${k}=${val}`).join(';') : v;
  });

const WEEKDAY_DE: Record<string, string> = { MO: 'Montag', TU: 'Dienstag', WE: 'Mittwoch', TH: 'Donnerstag', FR: 'Freitag', SA: 'Samstag', SU: 'Sonntag' };
const ORDINAL_DE: Record<string, string> = { '1': 'ersten', '2': 'zweiten', '3': 'dritten', '4': 'vierten', '5': 'fünften', '-1': 'letzten' };

/** A German sentence for a schedule, e.g. "jeden Dienstag, 10:00–12:00 Uhr" or "jeden ersten Montag im Monat". */
export function describeRruleDe(rule: string, startTime?: string, endTime?: string): string {
  const parsed = parseRrule(rule);
  const time = startTime ? `, ${startTime}${endTime ? `–${endTime}` : ''} Uhr` : '';
  if (!parsed.ok) return rule + time;
  const p = parsed.parts;
  const interval = Number(p.INTERVAL ?? '1');
  const days = (p.BYDAY ?? '').split(',').filter(Boolean);
  const list = (xs: string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} und ${xs[xs.length - 1]}`);
  let sentence: string;
  if (p.FREQ === 'DAILY') sentence = interval === 1 ? 'täglich' : `alle ${interval} Tage`;
  else if (p.FREQ === 'WEEKLY') {
    const names = days.map((d) => WEEKDAY_DE[d.slice(-2)] ?? d);
    const every = interval === 1 ? 'jeden' : interval === 2 ? 'jeden zweiten' : `alle ${interval} Wochen am`;
    sentence = names.length ? `${every} ${list(names)}` : interval === 1 ? 'wöchentlich' : `alle ${interval} Wochen`;
  } else if (p.FREQ === 'MONTHLY') {
    const ordinalDays = days.map((d) => {
      const m = RRULE_DAY.exec(d);
      const ord = m?.[1] ? (ORDINAL_DE[m[1].replace('+', '')] ?? `${m[1]}.`) : '';
      return `${ord ? `${ord} ` : ''}${WEEKDAY_DE[m?.[2] ?? ''] ?? d}`;
    });
    if (ordinalDays.length) sentence = `jeden ${list(ordinalDays)} im Monat`;
    else if (p.BYMONTHDAY) sentence = `monatlich am ${p.BYMONTHDAY.split(',').map((d) => `${d}.`).join(', ')}`;
    else sentence = interval === 1 ? 'monatlich' : `alle ${interval} Monate`;
  } else sentence = 'jährlich';
  if (p.UNTIL) sentence += ` bis ${p.UNTIL.slice(6, 8)}.${p.UNTIL.slice(4, 6)}.${p.UNTIL.slice(0, 4)}`;
  if (p.COUNT) sentence += ` (${p.COUNT} Termine)`;
  return sentence + time;
}

// ── Inputs ──────────────────────────────────────────────────────────────────────────────────────────────────────

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'Uhrzeit im Format HH:MM erwartet' });
const IsoDate = z.iso.date({ message: 'Datum im Format JJJJ-MM-TT erwartet' });
const OffsetDateTime = z.iso.datetime({ offset: true, message: 'Datum/Uhrzeit im ISO-Format erwartet (z. B. 2026-03-02T10:00:00+01:00)' });
const PostalCode = z.string().regex(/^\d{5}$/, { message: 'Postleitzahl: 5 Ziffern' });
const Phone = z.string().max(40, { message: 'Höchstens 40 Zeichen' }).regex(/^[+\d][\d ()/-]{3,39}$/, { message: 'Keine gültige Telefonnummer' });
const OptionalEmail = z
  .string()
  .max(254, { message: 'Höchstens 254 Zeichen' })
  .transform((s) => s.trim().toLowerCase())
  .pipe(z.email({ message: 'Keine gültige E-Mail-Adresse' }));
const Url = z
  .string()
  .max(500, { message: 'Höchstens 500 Zeichen' })
  .regex(/^https?:\/\/[^\s<>"]+$/, { message: 'Adresse muss mit http:// oder https:// beginnen' });

export const Schedule = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('none'), note: text({ max: 500 }).optional() }),
    z.strictObject({ kind: z.literal('recurring'), rrule: Rrule, startTime: Time, endTime: Time, note: text({ max: 500 }).optional() }),
    z.strictObject({
      kind: z.literal('dated'),
      dates: z
        .array(z.strictObject({ start: OffsetDateTime, end: OffsetDateTime }))
        .min(1, { message: 'Mindestens ein Termin' })
        .max(100, { message: 'Höchstens 100 Termine' }),
      note: text({ max: 500 }).optional(),
    }),
  ],
  { message: 'Art des Zeitplans: none, recurring oder dated' },
);
export type Schedule = z.infer<typeof Schedule>;

/** A stored schedule as views return it (already validated on the way in). */
export const ScheduleView = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none'), note: z.string().optional() }),
  z.object({ kind: z.literal('recurring'), rrule: z.string(), startTime: z.string(), endTime: z.string(), note: z.string().optional() }),
  z.object({ kind: z.literal('dated'), dates: z.array(z.object({ start: z.string(), end: z.string() })), note: z.string().optional() }),
]);

export const OfferLocationInput = z
  .strictObject({
    ags: Ags,
    label: text({ max: 200 }).optional(),
    street: text({ max: 200 }).optional(),
    postalCode: PostalCode.optional(),
    city: text({ max: 100 }).optional(),
    lat: z.number({ message: 'Zahl erwartet' }).min(47, { message: 'Breitengrad außerhalb Deutschlands' }).max(56, { message: 'Breitengrad außerhalb Deutschlands' }).optional(),
    lon: z.number({ message: 'Zahl erwartet' }).min(5, { message: 'Längengrad außerhalb Deutschlands' }).max(16, { message: 'Längengrad außerhalb Deutschlands' }).optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.lat === undefined) !== (v.lon === undefined)) {
      ctx.addIssue({ code: 'custom', path: [v.lat === undefined ? 'lat' : 'lon'], message: 'Breiten- und Längengrad nur zusammen angeben' });
    }
  });
export type OfferLocationInput = z.infer<typeof OfferLocationInput>;

export const OfferTranslationInput = z.strictObject({ title: text({ min: 3, max: 200 }), description: text({ max: 5000 }) });
export const OfferTranslations = z.partialRecord(z.enum(TRANSLATION_LANGS), OfferTranslationInput);

const uniqueList = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item)
    .max(max, { message: `Höchstens ${max} Einträge` })
    .refine((xs) => new Set(xs).size === xs.length, { message: 'Einträge doppelt' });

const offerFields = {
  organisationId: Uuid,
  title: text({ min: 3, max: 200 }),
  description: text({ max: 5000 }),
  handlungsfelder: uniqueList(z.enum(HANDLUNGSFELDER, { message: 'Unbekanntes Handlungsfeld' }), 3).refine((xs) => xs.length >= 1, {
    message: 'Mindestens ein Handlungsfeld',
  }),
  targetGroups: uniqueList(z.enum(TARGET_GROUPS, { message: 'Unbekannte Zielgruppe' }), TARGET_GROUPS.length),
  ageMin: z.number().int({ message: 'Ganze Zahl erwartet' }).min(0).max(120).nullable(),
  ageMax: z.number().int({ message: 'Ganze Zahl erwartet' }).min(0).max(120).nullable(),
  genders: uniqueList(z.enum(GENDERS, { message: 'Unbekannter Wert' }), 3),
  residenceStatuses: uniqueList(z.enum(RESIDENCE_STATUSES, { message: 'Unbekannter Aufenthaltsstatus' }), RESIDENCE_STATUSES.length),
  languages: uniqueList(LanguageCode, 30).refine((xs) => xs.length >= 1, { message: 'Mindestens eine Sprache' }),
  costKind: z.enum(COST_KINDS, { message: 'free, reduced oder paid' }),
  costCents: z.number().int({ message: 'Betrag in Cent (ganze Zahl)' }).min(0).max(10_000_000).nullable(),
  costNote: text({ max: 300 }),
  schedule: Schedule,
  barrierFree: z.enum(BARRIER_FREE, { message: 'yes, partial, no oder unknown' }),
  registrationRequired: z.boolean({ message: 'Ja/Nein erwartet' }),
  registrationNote: text({ max: 500 }),
  contactPersonId: Uuid.nullable(),
  contactEmail: OptionalEmail.nullable(),
  contactPhone: Phone.nullable(),
  website: Url.nullable(),
  validFrom: IsoDate.nullable(),
  validTo: IsoDate.nullable(),
  locations: z.array(OfferLocationInput).min(1, { message: 'Mindestens ein Ort (Gemeinde)' }).max(20, { message: 'Höchstens 20 Orte' }),
  internalNote: text({ max: 2000 }),
  translations: OfferTranslations,
};

function checkRanges(v: { ageMin?: number | null; ageMax?: number | null; validFrom?: string | null; validTo?: string | null }, ctx: z.RefinementCtx) {
  if (v.ageMin != null && v.ageMax != null && v.ageMin > v.ageMax) {
    ctx.addIssue({ code: 'custom', path: ['ageMax'], message: 'Höchstalter liegt unter dem Mindestalter' });
  }
  if (v.validFrom && v.validTo && v.validFrom > v.validTo) {
    ctx.addIssue({ code: 'custom', path: ['validTo'], message: '„Gültig bis“ liegt vor „Gültig ab“' });
  }
}

export const CreateOfferBody = z
  .strictObject({
    ...offerFields,
    targetGroups: offerFields.targetGroups.default([]),
    ageMin: offerFields.ageMin.default(null),
    ageMax: offerFields.ageMax.default(null),
    genders: offerFields.genders.default([]),
    residenceStatuses: offerFields.residenceStatuses.default([]),
    costKind: offerFields.costKind.default('free'),
    costCents: offerFields.costCents.default(null),
    costNote: offerFields.costNote.default(''),
    schedule: offerFields.schedule.default({ kind: 'none' }),
    barrierFree: offerFields.barrierFree.default('unknown'),
    registrationRequired: offerFields.registrationRequired.default(false),
    registrationNote: offerFields.registrationNote.default(''),
    contactPersonId: offerFields.contactPersonId.default(null),
    contactEmail: offerFields.contactEmail.default(null),
    contactPhone: offerFields.contactPhone.default(null),
    website: offerFields.website.default(null),
    validFrom: offerFields.validFrom.default(null),
    validTo: offerFields.validTo.default(null),
    internalNote: offerFields.internalNote.default(''),
    translations: offerFields.translations.default({}),
  })
  .superRefine(checkRanges);
export type CreateOfferBody = z.infer<typeof CreateOfferBody>;

export const UpdateOfferBody = z
  .strictObject({
    organisationId: offerFields.organisationId.optional(),
    title: offerFields.title.optional(),
    description: offerFields.description.optional(),
    handlungsfelder: offerFields.handlungsfelder.optional(),
    targetGroups: offerFields.targetGroups.optional(),
    ageMin: offerFields.ageMin.optional(),
    ageMax: offerFields.ageMax.optional(),
    genders: offerFields.genders.optional(),
    residenceStatuses: offerFields.residenceStatuses.optional(),
    languages: offerFields.languages.optional(),
    costKind: offerFields.costKind.optional(),
    costCents: offerFields.costCents.optional(),
    costNote: offerFields.costNote.optional(),
    schedule: offerFields.schedule.optional(),
    barrierFree: offerFields.barrierFree.optional(),
    registrationRequired: offerFields.registrationRequired.optional(),
    registrationNote: offerFields.registrationNote.optional(),
    contactPersonId: offerFields.contactPersonId.optional(),
    contactEmail: offerFields.contactEmail.optional(),
    contactPhone: offerFields.contactPhone.optional(),
    website: offerFields.website.optional(),
    validFrom: offerFields.validFrom.optional(),
    validTo: offerFields.validTo.optional(),
    locations: offerFields.locations.optional(),
    internalNote: offerFields.internalNote.optional(),
    translations: offerFields.translations.optional(),
  })
  .superRefine(checkRanges);
export type UpdateOfferBody = z.infer<typeof UpdateOfferBody>;

// ── Views ───────────────────────────────────────────────────────────────────────────────────────────────────────

export const OfferLocation = z.object({
  id: z.string(),
  ags: z.string(),
  gemeinde: z.string(),
  label: z.string().nullable(),
  street: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  lat: z.number(),
  lon: z.number(),
  /** `address`: coordinates entered for the place; `centroid`: the Gemeinde's centre stands in. */
  geocoded: z.enum(['address', 'centroid']),
});
export type OfferLocation = z.infer<typeof OfferLocation>;

export const ContactPerson = z.object({
  id: z.string(),
  organisationId: z.string(),
  name: z.string(),
  role: z.enum(CONTACT_ROLES),
  weeklyHours: z.number().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  isPublic: z.boolean(),
  version: z.number().int(),
  can: z.object({ edit: z.boolean() }),
});
export type ContactPerson = z.infer<typeof ContactPerson>;

const offerCore = {
  id: z.string(),
  status: z.enum(OFFER_STATUSES),
  title: z.string(),
  description: z.string(),
  handlungsfelder: z.array(z.enum(HANDLUNGSFELDER)),
  targetGroups: z.array(z.enum(TARGET_GROUPS)),
  ageMin: z.number().int().nullable(),
  ageMax: z.number().int().nullable(),
  genders: z.array(z.enum(GENDERS)),
  residenceStatuses: z.array(z.enum(RESIDENCE_STATUSES)),
  languages: z.array(z.string()),
  costKind: z.enum(COST_KINDS),
  costCents: z.number().int().nullable(),
  costNote: z.string(),
  schedule: ScheduleView,
  barrierFree: z.enum(BARRIER_FREE),
  registrationRequired: z.boolean(),
  registrationNote: z.string(),
  provider: z.object({ id: z.string(), name: z.string(), kind: z.enum(ORGANISATION_KINDS) }),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  locations: z.array(OfferLocation),
};

export const OfferListItem = z.object({
  ...offerCore,
  translationLangs: z.array(z.enum(TRANSLATION_LANGS)),
  lastReviewedAt: IsoDateTime.nullable(),
  reviewDue: z.boolean(),
  updatedAt: IsoDateTime,
  version: z.number().int(),
  can: z.object({ edit: z.boolean(), publish: z.boolean() }),
});
export type OfferListItem = z.infer<typeof OfferListItem>;

export const Offer = z.object({
  ...offerCore,
  contactPersonId: z.string().nullable(),
  contactPerson: ContactPerson.omit({ can: true, version: true }).nullable(),
  contactEmail: z.string().nullable(),
  contactPhone: z.string().nullable(),
  website: z.string().nullable(),
  translations: z.record(z.string(), z.object({ title: z.string(), description: z.string() })),
  /** Only for those who may edit the offer. */
  internalNote: z.string().nullable(),
  lastReviewedAt: IsoDateTime.nullable(),
  reviewDue: z.boolean(),
  publishedAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: z.number().int(),
  fourEyes: z.boolean(),
  can: z.object({ edit: z.boolean(), publish: z.boolean(), archive: z.boolean(), review: z.boolean() }),
});
export type Offer = z.infer<typeof Offer>;

const csvList = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z
    .string()
    .max(400)
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values, { message })).max(values.length));

export const OfferFilterQuery = z.strictObject({
  q: z.string().max(200, { message: 'Höchstens 200 Zeichen' }).optional(),
  ags: Ags.optional(),
  handlungsfeld: z.enum(HANDLUNGSFELDER, { message: 'Unbekanntes Handlungsfeld' }).optional(),
  language: LanguageCode.optional(),
  targetGroup: z.enum(TARGET_GROUPS, { message: 'Unbekannte Zielgruppe' }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const OfferListQuery = OfferFilterQuery.extend({
  status: csvList(OFFER_STATUSES, 'draft, published oder archived').optional(),
  organisationId: Uuid.optional(),
  reviewDue: z.enum(['true', 'false'], { message: 'true oder false' }).optional(),
});
export type OfferListQuery = z.infer<typeof OfferListQuery>;

export const OfferCounts = z.object({
  total: z.number().int(),
  byGemeinde: z.array(z.object({ ags: z.string(), name: z.string(), count: z.number().int() })),
});

export const PublishOfferBody = z.strictObject({});
export const DirectorySettings = z.object({ fourEyes: z.boolean(), version: z.number().int() });
export const UpdateDirectorySettingsBody = z.strictObject({ fourEyes: z.boolean({ message: 'Ja/Nein erwartet' }) });

// ── Akteure ─────────────────────────────────────────────────────────────────────────────────────────────────────

/** Kinds an Akteur of the network may have: every organisation kind except the tenant root and internal teams. */
export const AKTEUR_KINDS = ORGANISATION_KINDS.filter((k) => k !== 'kreis' && k !== 'team') as Exclude<(typeof ORGANISATION_KINDS)[number], 'kreis' | 'team'>[];

export const AkteurProfileInput = z.strictObject({
  description: text({ max: 3000 }).default(''),
  street: text({ max: 200 }).nullable().default(null),
  postalCode: PostalCode.nullable().default(null),
  city: text({ max: 100 }).nullable().default(null),
  ags: Ags.nullable().default(null),
  legalDomains: uniqueList(z.enum(LEGAL_DOMAINS, { message: 'Unbekannter Rechtskreis' }), LEGAL_DOMAINS.length).default([]),
  website: Url.nullable().default(null),
  email: OptionalEmail.nullable().default(null),
  phone: Phone.nullable().default(null),
});
export type AkteurProfileInput = z.infer<typeof AkteurProfileInput>;

export const CreateAkteurBody = z.strictObject({
  parentId: Uuid,
  kind: z.enum(ORGANISATION_KINDS, { message: 'Unbekannter Typ' }),
  name: text({ min: 2, max: 200 }),
  profile: AkteurProfileInput.prefault({}),
});

export const ContactPersonInput = z.strictObject({
  name: text({ min: 2, max: 200 }),
  role: z.enum(CONTACT_ROLES, { message: 'Unbekannte Rolle' }),
  weeklyHours: z.number({ message: 'Zahl erwartet' }).min(0, { message: 'Mindestens 0' }).max(60, { message: 'Höchstens 60 Stunden' }).nullable().default(null),
  email: OptionalEmail.nullable().default(null),
  phone: Phone.nullable().default(null),
  isPublic: z.boolean({ message: 'Ja/Nein erwartet' }).default(false),
});
export const UpdateContactPersonBody = z.strictObject({
  name: text({ min: 2, max: 200 }).optional(),
  role: z.enum(CONTACT_ROLES, { message: 'Unbekannte Rolle' }).optional(),
  weeklyHours: z.number({ message: 'Zahl erwartet' }).min(0).max(60, { message: 'Höchstens 60 Stunden' }).nullable().optional(),
  email: OptionalEmail.nullable().optional(),
  phone: Phone.nullable().optional(),
  isPublic: z.boolean({ message: 'Ja/Nein erwartet' }).optional(),
});

export const AkteurProfile = z.object({
  description: z.string(),
  street: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  ags: z.string().nullable(),
  gemeinde: z.string().nullable(),
  legalDomains: z.array(z.enum(LEGAL_DOMAINS)),
  website: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  /** 0 while no profile has been saved yet. */
  version: z.number().int(),
});

export const AkteurListItem = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  kind: z.enum(ORGANISATION_KINDS),
  name: z.string(),
  ags: z.string().nullable(),
  gemeinde: z.string().nullable(),
  active: z.boolean(),
  offerCount: z.number().int(),
  contactCount: z.number().int(),
  can: z.object({ edit: z.boolean() }),
});
export type AkteurListItem = z.infer<typeof AkteurListItem>;

export const Akteur = AkteurListItem.extend({ profile: AkteurProfile, contacts: z.array(ContactPerson) });
export type Akteur = z.infer<typeof Akteur>;

export const AkteurListQuery = z.strictObject({
  q: z.string().max(200).optional(),
  kind: z.enum(ORGANISATION_KINDS, { message: 'Unbekannter Typ' }).optional(),
  ags: Ags.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

// ── Public directory ────────────────────────────────────────────────────────────────────────────────────────────

export const PublicLangQuery = z.enum(PUBLIC_LANGS, { message: 'Sprache: de, en, ar, fa, uk, ru, tr oder de-LS' }).default('de');

export const PublicOfferQuery = OfferFilterQuery.extend({
  lang: PublicLangQuery,
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const PublicDetailQuery = z.strictObject({ lang: PublicLangQuery });

export const PublicOffer = z.object({
  id: z.string(),
  /** The language of `title` and `description`: the requested one, or `de` when no translation exists. */
  contentLang: z.enum(PUBLIC_LANGS),
  translated: z.boolean(),
  title: z.string(),
  description: z.string(),
  handlungsfelder: z.array(z.enum(HANDLUNGSFELDER)),
  targetGroups: z.array(z.enum(TARGET_GROUPS)),
  ageMin: z.number().int().nullable(),
  ageMax: z.number().int().nullable(),
  genders: z.array(z.enum(GENDERS)),
  residenceStatuses: z.array(z.enum(RESIDENCE_STATUSES)),
  languages: z.array(z.string()),
  costKind: z.enum(COST_KINDS),
  costCents: z.number().int().nullable(),
  costNote: z.string(),
  schedule: ScheduleView,
  barrierFree: z.enum(BARRIER_FREE),
  registrationRequired: z.boolean(),
  registrationNote: z.string(),
  provider: z.object({ name: z.string() }),
  contact: z.object({
    name: z.string().nullable(),
    role: z.enum(CONTACT_ROLES).nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    website: z.string().nullable(),
  }),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  locations: z.array(OfferLocation.omit({ id: true })),
  hasCalendar: z.boolean(),
  updatedAt: IsoDateTime,
});
export type PublicOffer = z.infer<typeof PublicOffer>;

export const PublicOfferPage = z.object({
  items: z.array(PublicOffer),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  byGemeinde: z.array(z.object({ ags: z.string(), name: z.string(), count: z.number().int() })),
  attribution: z.string(),
});
export type PublicOfferPage = z.infer<typeof PublicOfferPage>;

export const GemeindeFeatureCollection = z.object({
  type: z.literal('FeatureCollection'),
  attribution: z.string(),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.string(),
      properties: z.object({ ags: z.string(), name: z.string(), population: z.number().int(), offers: z.number().int() }),
      geometry: z.object({
        type: z.enum(['Polygon', 'MultiPolygon']),
        coordinates: z.array(z.unknown()),
      }),
    }),
  ),
});
export type GemeindeFeatureCollection = z.infer<typeof GemeindeFeatureCollection>;

// ── Coverage ────────────────────────────────────────────────────────────────────────────────────────────────────

export const CoverageMatrix = z.object({
  generatedAt: IsoDateTime,
  handlungsfelder: z.array(z.object({ key: z.enum(HANDLUNGSFELDER), label: z.string() })),
  rows: z.array(
    z.object({
      ags: z.string(),
      name: z.string(),
      population: z.number().int(),
      total: z.number().int(),
      totalPer10k: z.number(),
      cells: z.array(z.object({ handlungsfeld: z.enum(HANDLUNGSFELDER), count: z.number().int(), per10k: z.number(), gap: z.boolean() })),
    }),
  ),
  gaps: z.number().int(),
  duplicates: z.array(
    z.object({
      ags: z.string(),
      gemeinde: z.string(),
      handlungsfeld: z.enum(HANDLUNGSFELDER),
      similarity: z.number(),
      sharedTargetGroups: z.array(z.string()),
      a: z.object({ id: z.string(), title: z.string(), provider: z.string() }),
      b: z.object({ id: z.string(), title: z.string(), provider: z.string() }),
    }),
  ),
  populationSource: z.string(),
  attribution: z.string(),
});
export type CoverageMatrix = z.infer<typeof CoverageMatrix>;
