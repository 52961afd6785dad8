import { z } from 'zod';
import { Email, text, Uuid } from './common.js';
import { isLanguageCode } from '../interpreters/languages.js';
import { isValidIban } from '../interpreters/format.js';

// ── Domain enums (Sprachmittlerpool; glossary: research-domain §8) ─────────────────────────────────────────────

export const INTERPRETER_GENDERS = ['female', 'male', 'diverse'] as const;
export type InterpreterGender = (typeof INTERPRETER_GENDERS)[number];
export const INTERPRETER_GENDER_LABELS_DE: Record<InterpreterGender, string> = { female: 'weiblich', male: 'männlich', diverse: 'divers' };

export const INTERPRETER_LANGUAGE_LEVELS = ['B1', 'B2', 'C1', 'C2', 'native'] as const;
export type InterpreterLanguageLevel = (typeof INTERPRETER_LANGUAGE_LEVELS)[number];
export const INTERPRETER_LANGUAGE_LEVEL_LABELS_DE: Record<InterpreterLanguageLevel, string> = { B1: 'B1', B2: 'B2', C1: 'C1', C2: 'C2', native: 'Muttersprache' };

/** Basisschulung and Aufbauschulung set the Aufwandsentschädigung (RSK 2021: 25 € / 40 €). */
export const INTERPRETER_FEE_TIERS = ['basic', 'advanced'] as const;
export type InterpreterFeeTier = (typeof INTERPRETER_FEE_TIERS)[number];
export const INTERPRETER_FEE_TIER_LABELS_DE: Record<InterpreterFeeTier, string> = { basic: 'Basisschulung', advanced: 'Aufbauschulung' };

export const REQUESTER_KINDS = [
  'schule',
  'kita',
  'kommune',
  'jobcenter',
  'jugendamt',
  'sozialamt',
  'beratungsstelle',
  'wohlfahrtsverband',
  'migrantenorganisation',
  'kim',
  'sonstige',
] as const;
export type RequesterKind = (typeof REQUESTER_KINDS)[number];
export const REQUESTER_KIND_LABELS_DE: Record<RequesterKind, string> = {
  schule: 'Schule',
  kita: 'Kita',
  kommune: 'Kommune / Amt (z. B. Bürgerbüro, Wohnungsamt)',
  jobcenter: 'Jobcenter / Agentur für Arbeit',
  jugendamt: 'Jugendamt',
  sozialamt: 'Sozialamt',
  beratungsstelle: 'Beratungsstelle (MBE, JMD, Flüchtlingsberatung)',
  wohlfahrtsverband: 'Wohlfahrtsverband / Träger',
  migrantenorganisation: 'Migrantenorganisation',
  kim: 'KIM Case Management',
  sonstige: 'Sonstige öffentliche oder gemeinnützige Stelle',
};

/** Appointments the Land money covers: low-threshold, no recognisable legal consequence. */
export const INTERPRETING_ALLOWED_TOPICS = [
  'elterngespraech_schule',
  'schulanmeldung',
  'kita_gespraech',
  'behoerdentermin',
  'sozialberatung',
  'jobcenter_termin',
  'wohnen',
  'gesundheit_beratung',
  'elternabend',
  'sonstiges',
] as const;
/** Appointments a lay pool refuses (research-domain §2.2 "Exclusions"); the KI points to sworn interpreters instead. */
export const INTERPRETING_EXCLUDED_TOPICS = ['gericht', 'polizei', 'rechtsanwalt', 'medizinische_diagnose', 'psychotherapie', 'aosf', 'unterrichtsbegleitung'] as const;
export const INTERPRETING_TOPICS = [...INTERPRETING_ALLOWED_TOPICS, ...INTERPRETING_EXCLUDED_TOPICS] as const;
export type InterpretingTopic = (typeof INTERPRETING_TOPICS)[number];
export const INTERPRETING_TOPIC_LABELS_DE: Record<InterpretingTopic, string> = {
  elterngespraech_schule: 'Elterngespräch in der Schule',
  schulanmeldung: 'Schulanmeldung / Seiteneinstieg',
  kita_gespraech: 'Gespräch in der Kita',
  behoerdentermin: 'Termin bei einer Behörde (Bürgerbüro, Wohnungsamt …)',
  sozialberatung: 'Sozial- oder Migrationsberatung',
  jobcenter_termin: 'Termin im Jobcenter',
  wohnen: 'Wohnen (Wohnungssuche, Hausordnung)',
  gesundheit_beratung: 'Gesundheit – Information/Beratung ohne Diagnose',
  elternabend: 'Elternabend / Informationsveranstaltung',
  sonstiges: 'Sonstiges niedrigschwelliges Gespräch',
  gericht: 'Gerichtstermin',
  polizei: 'Polizei',
  rechtsanwalt: 'Rechtsanwalt / Notar',
  medizinische_diagnose: 'Ärztliche Untersuchung oder Diagnose',
  psychotherapie: 'Psychotherapie',
  aosf: 'AO-SF-Verfahren (sonderpädagogischer Förderbedarf)',
  unterrichtsbegleitung: 'Begleitung von Unterricht oder Klassenfahrten',
};
export function isExcludedInterpretingTopic(topic: string): boolean {
  return (INTERPRETING_EXCLUDED_TOPICS as readonly string[]).includes(topic);
}
export const INTERPRETING_EXCLUSION_EXPLANATION_DE =
  'Der Sprachmittlerpool vermittelt nur niedrigschwellige Termine ohne rechtliche Folgen. Termine bei Gericht, Polizei, ' +
  'Anwält:innen oder Notar:innen, ärztliche Untersuchungen, Diagnosen und Therapien sowie AO-SF-Verfahren und ' +
  'Unterrichtsbegleitung sind ausgeschlossen. Bitte beauftragen Sie dafür vereidigte Dolmetscher:innen oder ein ' +
  'Übersetzungsbüro.';

export const INTERPRETING_MODES = ['in_person', 'phone', 'video'] as const;
export type InterpretingMode = (typeof INTERPRETING_MODES)[number];
export const INTERPRETING_MODE_LABELS_DE: Record<InterpretingMode, string> = { in_person: 'Vor Ort', phone: 'Telefon', video: 'Video' };

export const INTERPRETER_GENDER_PREFERENCES = ['none', 'female', 'male'] as const;
export type InterpreterGenderPreference = (typeof INTERPRETER_GENDER_PREFERENCES)[number];
export const INTERPRETER_GENDER_PREFERENCE_LABELS_DE: Record<InterpreterGenderPreference, string> = { none: 'Keine Präferenz', female: 'Sprachmittlerin (weiblich)', male: 'Sprachmittler (männlich)' };

export const INTERPRETER_REQUEST_CHANNELS = ['public', 'partner', 'case', 'coordinator'] as const;
export type InterpreterRequestChannel = (typeof INTERPRETER_REQUEST_CHANNELS)[number];
export const INTERPRETER_REQUEST_CHANNEL_LABELS_DE: Record<InterpreterRequestChannel, string> = {
  public: 'Online-Formular',
  partner: 'Partnerstelle',
  case: 'Case Management',
  coordinator: 'Koordination',
};

export const INTERPRETER_REQUEST_STATUSES = ['open', 'offered', 'assigned', 'completed', 'cancelled', 'unfilled'] as const;
export type InterpreterRequestStatus = (typeof INTERPRETER_REQUEST_STATUSES)[number];
export const INTERPRETER_REQUEST_STATUS_LABELS_DE: Record<InterpreterRequestStatus, string> = {
  open: 'Offen',
  offered: 'Angeboten',
  assigned: 'Vermittelt',
  completed: 'Durchgeführt',
  cancelled: 'Storniert',
  unfilled: 'Nicht vermittelt',
};

export const INTERPRETER_OFFER_STATUSES = ['pending', 'accepted', 'declined', 'withdrawn'] as const;
export type InterpreterOfferStatus = (typeof INTERPRETER_OFFER_STATUSES)[number];
export const INTERPRETER_OFFER_STATUS_LABELS_DE: Record<InterpreterOfferStatus, string> = { pending: 'Angefragt', accepted: 'Angenommen', declined: 'Abgelehnt', withdrawn: 'Zurückgezogen' };

export const INTERPRETER_ASSIGNMENT_STATUSES = ['confirmed', 'completed', 'cancelled'] as const;
export type InterpreterAssignmentStatus = (typeof INTERPRETER_ASSIGNMENT_STATUSES)[number];
export const INTERPRETER_ASSIGNMENT_STATUS_LABELS_DE: Record<InterpreterAssignmentStatus, string> = { confirmed: 'Bestätigt', completed: 'Durchgeführt', cancelled: 'Storniert' };

export const INTERPRETING_CANCELLED_BY = ['requester', 'coordinator', 'interpreter'] as const;
export type InterpretingCancelledBy = (typeof INTERPRETING_CANCELLED_BY)[number];
export const INTERPRETING_CANCELLED_BY_LABELS_DE: Record<InterpretingCancelledBy, string> = { requester: 'anfragende Stelle', coordinator: 'Koordination', interpreter: 'Sprachmittler:in' };

export const INTERPRETING_OUTCOMES = ['took_place', 'client_no_show'] as const;
export type InterpretingOutcome = (typeof INTERPRETING_OUTCOMES)[number];
export const INTERPRETING_OUTCOME_LABELS_DE: Record<InterpretingOutcome, string> = { took_place: 'Hat stattgefunden', client_no_show: 'Klient:in nicht erschienen' };

export const INTERPRETER_TARIFF_MODES = ['per_assignment', 'per_half_hour'] as const;
export type InterpreterTariffMode = (typeof INTERPRETER_TARIFF_MODES)[number];

// ── Field schemas ──────────────────────────────────────────────────────────────────────────────────────────────

const PoolDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Datum im Format JJJJ-MM-TT erwartet' })
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, { message: 'Dieses Datum gibt es nicht' });

const PoolTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'Uhrzeit im Format HH:MM erwartet' });
const PoolMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'Monat im Format JJJJ-MM erwartet' });
const PoolAgs = z.string().regex(/^\d{8}$/, { message: 'Amtlicher Gemeindeschlüssel mit 8 Ziffern erwartet' });

export const InterpreterLanguageCode = z
  .string()
  .max(8, { message: 'Unbekannter Sprachcode' })
  .refine(isLanguageCode, { message: 'Unbekannter Sprachcode (ISO 639 erwartet, z. B. „ar“ für Arabisch)' });

const PoolIban = z
  .string()
  .max(50, { message: 'Höchstens 50 Zeichen' })
  .transform((s) => s.replace(/\s+/g, '').toUpperCase())
  .refine(isValidIban, { message: 'Keine gültige IBAN (Prüfziffer stimmt nicht)' });

export const InterpreterLanguageSkill = z.strictObject({
  code: InterpreterLanguageCode,
  dialects: z.array(text({ min: 1, max: 80 })).max(10).default([]),
  level: z.enum(INTERPRETER_LANGUAGE_LEVELS),
});
export type InterpreterLanguageSkill = z.infer<typeof InterpreterLanguageSkill>;

export const InterpreterAvailabilitySlot = z
  .strictObject({ weekday: z.number().int().min(1).max(7), from: PoolTime, to: PoolTime })
  .refine((s) => s.from < s.to, { message: 'Das Ende muss nach dem Beginn liegen', path: ['to'] });
export type InterpreterAvailabilitySlot = z.infer<typeof InterpreterAvailabilitySlot>;

export const InterpreterAbsence = z
  .strictObject({ from: PoolDate, to: PoolDate, note: text({ max: 200 }).optional() })
  .refine((a) => a.from <= a.to, { message: 'Das Ende darf nicht vor dem Beginn liegen', path: ['to'] });
export type InterpreterAbsence = z.infer<typeof InterpreterAbsence>;

export const InterpreterExclusion = z
  .strictObject({ institutionId: Uuid.nullable().default(null), caseId: Uuid.nullable().default(null), note: text({ max: 300 }).optional() })
  .refine((e) => !!e.institutionId !== !!e.caseId, { message: 'Entweder eine Einrichtung oder einen Fall angeben', path: ['institutionId'] });

/**
 * One exclusion added by the coordination, always with a reason. A client is named through one of their requests: the
 * coordination never sees the case itself, the server takes the case from the request.
 */
export const AddInterpreterExclusionBody = z
  .strictObject({
    institutionId: Uuid.optional(),
    requestReference: z
      .string()
      .transform((s) => s.trim().toUpperCase())
      .pipe(z.string().regex(/^SM-\d{4}-\d{5}$/, { message: 'Aktenzeichen der Anfrage im Format SM-JJJJ-NNNNN erwartet' }))
      .optional(),
    reason: text({ min: 3, max: 300 }),
  })
  .refine((e) => !!e.institutionId !== !!e.requestReference, { message: 'Entweder eine Einrichtung oder eine Anfrage (für deren Klient:in) angeben', path: ['institutionId'] });
export type AddInterpreterExclusionBody = z.infer<typeof AddInterpreterExclusionBody>;
export const InterpreterExclusionParams = z.strictObject({ id: Uuid, exclusionId: Uuid });

const Phone = z
  .string()
  .max(40, { message: 'Höchstens 40 Zeichen' })
  .transform((s) => s.trim())
  .refine((s) => s === '' || /^[+0-9 ()/-]{5,40}$/.test(s), { message: 'Keine gültige Telefonnummer' });

// ── Interpreters (Sprachmittler:innen) ───────────────────────────────────────────────────────────────────────────

const interpreterFields = {
  firstName: text({ min: 1, max: 100 }),
  lastName: text({ min: 1, max: 100 }),
  email: Email.nullable().optional(),
  phone: Phone.nullable().optional(),
  street: text({ max: 200 }).nullable().optional(),
  postalCode: z.string().regex(/^\d{5}$/, { message: 'Fünfstellige Postleitzahl erwartet' }).nullable().optional(),
  homeAgs: PoolAgs,
  gender: z.enum(INTERPRETER_GENDERS),
  languages: z.array(InterpreterLanguageSkill).min(1, { message: 'Mindestens eine Sprache' }).max(12),
  basicTrainingOn: PoolDate.nullable().optional(),
  advancedTrainingOn: PoolDate.nullable().optional(),
  confidentialitySignedOn: PoolDate.nullable().optional(),
  confidentialityDocument: text({ max: 200 }).nullable().optional(),
  availability: z.array(InterpreterAvailabilitySlot).max(50).default([]),
  absences: z.array(InterpreterAbsence).max(100).default([]),
  servedAgs: z.array(PoolAgs).max(400).default([]),
  maxTravelKm: z.number().int().min(0).max(300).nullable().optional(),
  remoteOk: z.boolean().default(true),
  active: z.boolean().default(true),
  iban: PoolIban.nullable().optional(),
  accountHolder: text({ max: 200 }).nullable().optional(),
  userId: Uuid.nullable().optional(),
  notes: text({ max: 2000 }).nullable().optional(),
  exclusions: z.array(InterpreterExclusion).max(200).default([]),
};

export const CreateInterpreterBody = z.strictObject(interpreterFields);
export type CreateInterpreterBody = z.infer<typeof CreateInterpreterBody>;

export const UpdateInterpreterBody = z.strictObject({
  firstName: interpreterFields.firstName.optional(),
  lastName: interpreterFields.lastName.optional(),
  email: interpreterFields.email,
  phone: interpreterFields.phone,
  street: interpreterFields.street,
  postalCode: interpreterFields.postalCode,
  homeAgs: PoolAgs.optional(),
  gender: z.enum(INTERPRETER_GENDERS).optional(),
  languages: interpreterFields.languages.optional(),
  basicTrainingOn: interpreterFields.basicTrainingOn,
  advancedTrainingOn: interpreterFields.advancedTrainingOn,
  confidentialitySignedOn: interpreterFields.confidentialitySignedOn,
  confidentialityDocument: interpreterFields.confidentialityDocument,
  availability: z.array(InterpreterAvailabilitySlot).max(50).optional(),
  absences: z.array(InterpreterAbsence).max(100).optional(),
  servedAgs: z.array(PoolAgs).max(400).optional(),
  maxTravelKm: interpreterFields.maxTravelKm,
  remoteOk: z.boolean().optional(),
  active: z.boolean().optional(),
  iban: interpreterFields.iban,
  accountHolder: interpreterFields.accountHolder,
  userId: interpreterFields.userId,
  notes: interpreterFields.notes,
  exclusions: z.array(InterpreterExclusion).max(200).optional(),
});
export type UpdateInterpreterBody = z.infer<typeof UpdateInterpreterBody>;

/** What an interpreter may change about themselves: when they can work. */
export const UpdateOwnInterpreterBody = z.strictObject({
  availability: z.array(InterpreterAvailabilitySlot).max(50).optional(),
  absences: z.array(InterpreterAbsence).max(100).optional(),
});

export const InterpreterListQuery = z.strictObject({
  q: z.string().max(100).optional(),
  language: InterpreterLanguageCode.optional(),
  active: z.enum(['true', 'false', 'all']).default('true'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

const LanguageView = z.object({ code: z.string(), name: z.string(), dialects: z.array(z.string()), level: z.enum(INTERPRETER_LANGUAGE_LEVELS) });

export const InterpreterSummary = z.object({
  id: z.string(),
  displayName: z.string(),
  gender: z.enum(INTERPRETER_GENDERS),
  languages: z.array(LanguageView),
  homeAgs: z.string(),
  homeGemeinde: z.string(),
  feeTier: z.enum(INTERPRETER_FEE_TIERS).nullable(),
  confidentialitySigned: z.boolean(),
  active: z.boolean(),
  linkedUser: z.boolean(),
});
export type InterpreterSummary = z.infer<typeof InterpreterSummary>;

export const InterpreterDetail = InterpreterSummary.extend({
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  street: z.string().nullable(),
  postalCode: z.string().nullable(),
  basicTrainingOn: z.string().nullable(),
  advancedTrainingOn: z.string().nullable(),
  confidentialitySignedOn: z.string().nullable(),
  confidentialityDocument: z.string().nullable(),
  availability: z.array(z.object({ weekday: z.number(), from: z.string(), to: z.string() })),
  absences: z.array(z.object({ from: z.string(), to: z.string(), note: z.string().optional() })),
  servedAgs: z.array(z.string()),
  maxTravelKm: z.number().nullable(),
  remoteOk: z.boolean(),
  /** Full IBAN only for the interpreter coordination and finance; null for everyone else. */
  iban: z.string().nullable(),
  ibanMasked: z.string().nullable(),
  accountHolder: z.string().nullable(),
  userId: z.string().nullable(),
  notes: z.string().nullable(),
  exclusions: z.array(
    z.object({
      id: z.string(),
      institutionId: z.string().nullable(),
      institutionName: z.string().nullable(),
      caseId: z.string().nullable(),
      /** For a client exclusion: the reference of the request it was added from (or the first request of the case). */
      requestReference: z.string().nullable(),
      note: z.string().optional(),
      createdAt: z.string(),
    }),
  ),
  calendarFeedActive: z.boolean(),
  yearTotalCents: z.number().int(),
  version: z.number().int(),
  can: z.object({ edit: z.boolean(), viewIban: z.boolean() }),
});
export type InterpreterDetail = z.infer<typeof InterpreterDetail>;

/** The interpreter's own profile: no IBAN, no internal notes, no exclusions. */
export const OwnInterpreterProfile = z.object({
  id: z.string(),
  displayName: z.string(),
  languages: z.array(LanguageView),
  feeTier: z.enum(INTERPRETER_FEE_TIERS).nullable(),
  availability: z.array(z.object({ weekday: z.number(), from: z.string(), to: z.string() })),
  absences: z.array(z.object({ from: z.string(), to: z.string(), note: z.string().optional() })),
  calendarFeedActive: z.boolean(),
  yearTotalCents: z.number().int(),
  volunteerCapCents: z.number().int(),
  capStatus: z.enum(['ok', 'near', 'over']),
  version: z.number().int(),
});
export type OwnInterpreterProfile = z.infer<typeof OwnInterpreterProfile>;

export const InterpreterCalendarFeedResponse = z.object({ url: z.string() });

// ── Requests (Einsatzanfragen) ─────────────────────────────────────────────────────────────────────────────────

const requestFields = {
  contactName: text({ min: 2, max: 200 }),
  contactEmail: Email,
  contactPhone: Phone,
  languageCode: InterpreterLanguageCode,
  dialect: text({ max: 80 }).nullable().optional(),
  date: PoolDate,
  time: PoolTime,
  durationMinutes: z.number().int().min(15, { message: 'Mindestens 15 Minuten' }).max(480, { message: 'Höchstens 8 Stunden' }),
  mode: z.enum(INTERPRETING_MODES),
  street: text({ max: 200 }).nullable().optional(),
  ags: PoolAgs.nullable().optional(),
  topic: z.enum(INTERPRETING_TOPICS),
  genderPreference: z.enum(INTERPRETER_GENDER_PREFERENCES).default('none'),
  /** The requester confirms there is no legal consequence (court, police, diagnosis …). */
  noLegalConsequences: z.boolean(),
  privacyAccepted: z.boolean(),
  /** Organisational hints for the KI (room, parking) — never names or details of clients. */
  note: text({ max: 1000 }).nullable().optional(),
};

export const PublicInterpreterRequestBody = z.strictObject({
  ...requestFields,
  institutionName: text({ min: 2, max: 200 }),
  institutionKind: z.enum(REQUESTER_KINDS),
  institutionAgs: PoolAgs,
  /** Honeypot: hidden from people, filled in by bots. */
  website: z.string().max(200).optional(),
});
export type PublicInterpreterRequestBody = z.infer<typeof PublicInterpreterRequestBody>;

export const CreateInterpreterRequestBody = z.strictObject({
  ...requestFields,
  institutionName: text({ min: 2, max: 200 }).optional(),
  institutionKind: z.enum(REQUESTER_KINDS).optional(),
  institutionAgs: PoolAgs.optional(),
  /** A case manager's request from a case contact: links the case, which the interpreter never sees. */
  caseId: Uuid.optional(),
});
export type CreateInterpreterRequestBody = z.infer<typeof CreateInterpreterRequestBody>;

export const PublicInterpreterRequestCreated = z.object({
  reference: z.string(),
  statusToken: z.string(),
  statusUrl: z.string(),
  status: z.enum(INTERPRETER_REQUEST_STATUSES),
});
export type PublicInterpreterRequestCreated = z.infer<typeof PublicInterpreterRequestCreated>;

export const InterpreterRequestListQuery = z.strictObject({
  status: z.enum([...INTERPRETER_REQUEST_STATUSES, 'active', 'all']).default('active'),
  language: InterpreterLanguageCode.optional(),
  from: PoolDate.optional(),
  to: PoolDate.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

const Place = z.object({ mode: z.enum(INTERPRETING_MODES), street: z.string().nullable(), ags: z.string().nullable(), gemeinde: z.string().nullable() });

export const InterpreterAssignmentSummary = z.object({
  id: z.string(),
  interpreterId: z.string(),
  interpreterName: z.string(),
  status: z.enum(INTERPRETER_ASSIGNMENT_STATUSES),
  actualMinutes: z.number().nullable(),
  travelKm: z.number().nullable(),
  travelMinutes: z.number().nullable(),
  outcome: z.enum(INTERPRETING_OUTCOMES).nullable(),
  feedback: z.string().nullable(),
  feeCents: z.number().int().nullable(),
  travelCents: z.number().int().nullable(),
  totalCents: z.number().int().nullable(),
  payable: z.boolean(),
  lateCancellation: z.boolean(),
  cancelledBy: z.enum(INTERPRETING_CANCELLED_BY).nullable(),
  cancelReason: z.string().nullable(),
  version: z.number().int(),
});

export const InterpreterOfferView = z.object({
  id: z.string(),
  interpreterId: z.string(),
  interpreterName: z.string(),
  status: z.enum(INTERPRETER_OFFER_STATUSES),
  offeredAt: z.string(),
  respondedAt: z.string().nullable(),
  declineReason: z.string().nullable(),
});

export const InterpreterRequestView = z.object({
  id: z.string(),
  reference: z.string(),
  channel: z.enum(INTERPRETER_REQUEST_CHANNELS),
  status: z.enum(INTERPRETER_REQUEST_STATUSES),
  institution: z.object({ id: z.string(), name: z.string(), kind: z.enum(REQUESTER_KINDS), ags: z.string().nullable(), gemeinde: z.string().nullable() }),
  contactName: z.string(),
  contactEmail: z.string(),
  contactPhone: z.string(),
  languageCode: z.string(),
  languageName: z.string(),
  dialect: z.string().nullable(),
  date: z.string(),
  time: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  durationMinutes: z.number().int(),
  place: Place,
  topic: z.enum(INTERPRETING_TOPICS),
  genderPreference: z.enum(INTERPRETER_GENDER_PREFERENCES),
  note: z.string().nullable(),
  /** Only for the case manager who may read the case; null for everyone else. */
  caseId: z.string().nullable(),
  createdAt: z.string(),
  leadTimeDays: z.number().int(),
  cancelReason: z.string().nullable(),
  cancelledBy: z.enum(INTERPRETING_CANCELLED_BY).nullable(),
  assignment: InterpreterAssignmentSummary.nullable(),
  offers: z.array(InterpreterOfferView),
  version: z.number().int(),
  can: z.object({ match: z.boolean(), offer: z.boolean(), cancel: z.boolean(), markUnfilled: z.boolean(), complete: z.boolean(), confirmation: z.boolean() }),
});
export type InterpreterRequestView = z.infer<typeof InterpreterRequestView>;

export const InterpreterRequestListItem = z.object({
  id: z.string(),
  reference: z.string(),
  channel: z.enum(INTERPRETER_REQUEST_CHANNELS),
  status: z.enum(INTERPRETER_REQUEST_STATUSES),
  institutionName: z.string(),
  languageCode: z.string(),
  languageName: z.string(),
  dialect: z.string().nullable(),
  startsAt: z.string(),
  durationMinutes: z.number().int(),
  mode: z.enum(INTERPRETING_MODES),
  gemeinde: z.string().nullable(),
  interpreterName: z.string().nullable(),
  pendingOffers: z.number().int(),
  createdAt: z.string(),
});
export type InterpreterRequestListItem = z.infer<typeof InterpreterRequestListItem>;

/** What the requester sees on the public status page (token link) — the interpreter's contact data never. */
export const PublicInterpreterRequestStatus = z.object({
  reference: z.string(),
  status: z.enum(INTERPRETER_REQUEST_STATUSES),
  institutionName: z.string(),
  languageName: z.string(),
  dialect: z.string().nullable(),
  date: z.string(),
  time: z.string(),
  durationMinutes: z.number().int(),
  place: Place,
  interpreterName: z.string().nullable(),
  cancelReason: z.string().nullable(),
  feedbackGiven: z.boolean(),
  can: z.object({ cancel: z.boolean(), confirmation: z.boolean(), feedback: z.boolean() }),
});
export type PublicInterpreterRequestStatus = z.infer<typeof PublicInterpreterRequestStatus>;

export const PublicInterpreterFormInfo = z.object({
  gemeinden: z.array(z.object({ ags: z.string(), name: z.string() })),
  earliestDate: z.string(),
  earliestDateText: z.string(),
  leadTimeWorkdays: z.number().int(),
});
export type PublicInterpreterFormInfo = z.infer<typeof PublicInterpreterFormInfo>;

export const InterpreterTokenParams = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}(\.ics)?$/, { message: 'Ungültiger Link' }) });

export const InterpretingCancelBody = z.strictObject({ reason: text({ min: 3, max: 500 }) });
export const InterpreterDeclineBody = z.strictObject({ reason: text({ max: 500 }).optional() });
export const InterpreterOfferBody = z.strictObject({ interpreterIds: z.array(Uuid).min(1, { message: 'Mindestens eine Person auswählen' }).max(10) });
export const InterpreterMarkUnfilledBody = z.strictObject({ reason: text({ min: 3, max: 500 }) });

export const CompleteInterpreterAssignmentBody = z.strictObject({
  outcome: z.enum(INTERPRETING_OUTCOMES).default('took_place'),
  actualMinutes: z.number().int().min(1).max(720),
  travelKm: z.number().int().min(0).max(500).default(0),
  travelMinutes: z.number().int().min(0).max(600).default(0),
  feedback: text({ max: 1000 }).nullable().optional(),
});
export type CompleteInterpreterAssignmentBody = z.infer<typeof CompleteInterpreterAssignmentBody>;

export const InterpreterRequesterFeedbackBody = z.strictObject({
  tookPlace: z.boolean(),
  rating: z.number().int().min(1).max(5).optional(),
  comment: text({ max: 1000 }).optional(),
});

// ── Matching ───────────────────────────────────────────────────────────────────────────────────────────────────

export const INTERPRETER_MATCH_REASON_CODES = ['language', 'dialect', 'level', 'availability', 'absence', 'overlap', 'distance', 'fairness', 'gender', 'exclusion', 'qualification', 'remote'] as const;
export type InterpreterMatchReasonCode = (typeof INTERPRETER_MATCH_REASON_CODES)[number];

export const InterpreterMatchReason = z.object({ code: z.enum(INTERPRETER_MATCH_REASON_CODES), ok: z.boolean(), blocking: z.boolean(), text: z.string() });
export type InterpreterMatchReason = z.infer<typeof InterpreterMatchReason>;

export const RankedInterpreterCandidate = z.object({
  interpreterId: z.string(),
  displayName: z.string(),
  gender: z.enum(INTERPRETER_GENDERS),
  eligible: z.boolean(),
  score: z.number(),
  distanceKm: z.number().nullable(),
  minutesThisMonth: z.number().int(),
  feeTier: z.enum(INTERPRETER_FEE_TIERS).nullable(),
  offerStatus: z.enum(INTERPRETER_OFFER_STATUSES).nullable(),
  reasons: z.array(InterpreterMatchReason),
});
export type RankedInterpreterCandidate = z.infer<typeof RankedInterpreterCandidate>;

export const InterpreterCandidatesResponse = z.object({ requestId: z.string(), candidates: z.array(RankedInterpreterCandidate) });

// ── Interpreter's own view ─────────────────────────────────────────────────────────────────────────────────────

/** An assignment as the interpreter sees it: time, place, institution, language — never case or client data. */
export const OwnInterpreterAssignmentView = z.object({
  id: z.string(),
  status: z.enum(INTERPRETER_ASSIGNMENT_STATUSES),
  startsAt: z.string(),
  endsAt: z.string(),
  date: z.string(),
  time: z.string(),
  durationMinutes: z.number().int(),
  place: Place,
  institutionName: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  languageCode: z.string(),
  languageName: z.string(),
  dialect: z.string().nullable(),
  actualMinutes: z.number().nullable(),
  travelKm: z.number().nullable(),
  travelMinutes: z.number().nullable(),
  totalCents: z.number().int().nullable(),
  cancelReason: z.string().nullable(),
  version: z.number().int(),
  can: z.object({ complete: z.boolean(), cancel: z.boolean() }),
});
export type OwnInterpreterAssignmentView = z.infer<typeof OwnInterpreterAssignmentView>;

export const OwnInterpreterOfferView = z.object({
  id: z.string(),
  status: z.enum(INTERPRETER_OFFER_STATUSES),
  offeredAt: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  date: z.string(),
  time: z.string(),
  durationMinutes: z.number().int(),
  place: Place,
  institutionName: z.string(),
  languageCode: z.string(),
  languageName: z.string(),
  dialect: z.string().nullable(),
  can: z.object({ respond: z.boolean() }),
});
export type OwnInterpreterOfferView = z.infer<typeof OwnInterpreterOfferView>;

export const OwnInterpreterOverview = z.object({ profile: OwnInterpreterProfile, offers: z.array(OwnInterpreterOfferView), assignments: z.array(OwnInterpreterAssignmentView) });
export type OwnInterpreterOverview = z.infer<typeof OwnInterpreterOverview>;

// ── Settings, fees, payouts, budget, statistics ─────────────────────────────────────────────────────────────────

const PoolCents = z.number().int().min(0).max(100_000_000);

export const InterpreterPoolSettings = z.strictObject({
  leadTimeWorkdays: z.number().int().min(0).max(30),
  closedDays: z.array(z.string().regex(/^(\d{4}-)?\d{2}-\d{2}$/, { message: 'MM-TT oder JJJJ-MM-TT erwartet' })).max(100),
  travelBufferMinutes: z.number().int().min(0).max(240),
  lateCancellationHours: z.number().int().min(0).max(168),
  tariff: z.strictObject({
    mode: z.enum(INTERPRETER_TARIFF_MODES),
    basicCents: PoolCents,
    advancedCents: PoolCents,
    halfHourBasicCents: PoolCents,
    halfHourAdvancedCents: PoolCents,
    travelPerKmCents: PoolCents,
    travelPerMinuteCents: PoolCents,
  }),
  volunteerCapCents: PoolCents,
  capWarningPercent: z.number().int().min(1).max(100),
  annualBudgetCents: PoolCents,
});
export type InterpreterPoolSettings = z.infer<typeof InterpreterPoolSettings>;

export const DEFAULT_INTERPRETER_POOL_SETTINGS: InterpreterPoolSettings = {
  leadTimeWorkdays: 5,
  closedDays: ['12-24', '12-31'],
  travelBufferMinutes: 30,
  lateCancellationHours: 24,
  tariff: {
    mode: 'per_assignment',
    basicCents: 2500,
    advancedCents: 4000,
    halfHourBasicCents: 750,
    halfHourAdvancedCents: 1000,
    travelPerKmCents: 30,
    travelPerMinuteCents: 0,
  },
  volunteerCapCents: 84000,
  capWarningPercent: 80,
  annualBudgetCents: 5_000_000,
};

export const InterpreterPoolSettingsView = InterpreterPoolSettings.extend({ version: z.number().int() });
export type InterpreterPoolSettingsView = z.infer<typeof InterpreterPoolSettingsView>;

export const INTERPRETER_CAP_STATUSES = ['ok', 'near', 'over'] as const;
export type InterpreterCapStatus = (typeof INTERPRETER_CAP_STATUSES)[number];

export const InterpreterPayoutRow = z.object({
  interpreterId: z.string(),
  displayName: z.string(),
  accountHolder: z.string().nullable(),
  iban: z.string().nullable(),
  ibanMasked: z.string().nullable(),
  assignments: z.number().int(),
  feeCents: z.number().int(),
  travelCents: z.number().int(),
  totalCents: z.number().int(),
  yearTotalCents: z.number().int(),
  capStatus: z.enum(INTERPRETER_CAP_STATUSES),
});
export type InterpreterPayoutRow = z.infer<typeof InterpreterPayoutRow>;

export const InterpreterPayoutList = z.object({
  month: z.string(),
  rows: z.array(InterpreterPayoutRow),
  totalCents: z.number().int(),
  volunteerCapCents: z.number().int(),
  can: z.object({ viewIban: z.boolean() }),
});
export type InterpreterPayoutList = z.infer<typeof InterpreterPayoutList>;

export const InterpreterMonthQuery = z.strictObject({ month: PoolMonth });
export const InterpreterPayoutExportQuery = z.strictObject({ month: PoolMonth, format: z.enum(['csv', 'xlsx']).default('csv') });
export const InterpreterYearQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });

export const InterpreterBudgetView = z.object({
  year: z.number().int(),
  budgetCents: z.number().int(),
  spentCents: z.number().int(),
  committedCents: z.number().int(),
  remainingCents: z.number().int(),
  spentPercent: z.number(),
  byMonth: z.array(z.object({ month: z.string(), spentCents: z.number().int() })),
});
export type InterpreterBudgetView = z.infer<typeof InterpreterBudgetView>;

const InterpreterStatRow = z.object({ key: z.string(), label: z.string(), requests: z.number().int(), fulfilled: z.number().int(), fulfilmentRate: z.number(), minutes: z.number().int() });
export type InterpreterStatRow = z.infer<typeof InterpreterStatRow>;

export const InterpreterStatistics = z.object({
  year: z.number().int(),
  totals: z.object({
    requests: z.number().int(),
    fulfilled: z.number().int(),
    cancelled: z.number().int(),
    unfilled: z.number().int(),
    fulfilmentRate: z.number(),
    minutes: z.number().int(),
    medianLeadDays: z.number().nullable(),
    averageLeadDays: z.number().nullable(),
  }),
  byLanguage: z.array(InterpreterStatRow),
  byInstitutionKind: z.array(InterpreterStatRow),
  byGemeinde: z.array(InterpreterStatRow),
  byMonth: z.array(InterpreterStatRow),
  leadTimes: z.array(z.object({ key: z.string(), label: z.string(), requests: z.number().int() })),
});
export type InterpreterStatistics = z.infer<typeof InterpreterStatistics>;

export const InterpreterInstitutionOption = z.object({ id: z.string(), name: z.string(), kind: z.enum(REQUESTER_KINDS), gemeinde: z.string().nullable() });
