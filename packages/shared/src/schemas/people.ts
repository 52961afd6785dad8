import { z } from 'zod';
import { Email, text, Uuid } from './common.js';
import { Ags } from './organisations.js';

// ── Catalogues ──────────────────────────────────────────────────────────────────────────────────────────────────

export const SEXES = ['female', 'male', 'diverse', 'unknown'] as const;
export type Sex = (typeof SEXES)[number];
export const SEX_LABELS_DE: Record<Sex, string> = { female: 'weiblich', male: 'männlich', diverse: 'divers', unknown: 'unbekannt' };

/** How much of a date of birth is known: many documents give only the year, or the placeholder 01.01. */
export const BIRTH_DATE_PRECISIONS = ['day', 'month', 'year', 'unknown'] as const;
export type BirthDatePrecision = (typeof BIRTH_DATE_PRECISIONS)[number];
export const BIRTH_DATE_PRECISION_LABELS_DE: Record<BirthDatePrecision, string> = {
  day: 'tagesgenau',
  month: 'nur Monat und Jahr',
  year: 'nur Jahr',
  unknown: 'unbekannt',
};

/** Rechtskreis of the benefits a person receives. */
export const BENEFIT_SYSTEMS = ['sgb2', 'sgb3', 'sgb12', 'asylblg', 'none', 'unknown'] as const;
export type BenefitSystem = (typeof BENEFIT_SYSTEMS)[number];
export const BENEFIT_SYSTEM_LABELS_DE: Record<BenefitSystem, string> = {
  sgb2: 'SGB II (Jobcenter)',
  sgb3: 'SGB III (Agentur für Arbeit)',
  sgb12: 'SGB XII (Sozialhilfe)',
  asylblg: 'AsylbLG',
  none: 'keine Leistungen',
  unknown: 'unbekannt',
};

export const NAME_KINDS = ['spelling', 'alias', 'birth_name'] as const;
export type NameKind = (typeof NAME_KINDS)[number];
export const NAME_KIND_LABELS_DE: Record<NameKind, string> = {
  spelling: 'andere Schreibweise',
  alias: 'Aliasname',
  birth_name: 'Geburtsname',
};

/** Haushalt (living together) and Familie (related) are different links; a person can have both with someone. */
export const RELATION_KINDS = ['household', 'family'] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];
export const RELATION_KIND_LABELS_DE: Record<RelationKind, string> = { household: 'Haushalt', family: 'Familie' };

export const FAMILY_ROLES = ['spouse', 'child', 'parent', 'sibling', 'other'] as const;
export type FamilyRole = (typeof FAMILY_ROLES)[number];
export const FAMILY_ROLE_LABELS_DE: Record<FamilyRole, string> = {
  spouse: 'Ehe-/Lebenspartner:in',
  child: 'Kind',
  parent: 'Elternteil',
  sibling: 'Geschwister',
  other: 'sonstige Beziehung',
};

/** Languages most often needed in KIM counselling (ISO 639-1, or 639-3 where there is no two-letter code). */
export const LANGUAGE_LABELS_DE: Record<string, string> = {
  de: 'Deutsch',
  ar: 'Arabisch',
  fa: 'Persisch (Farsi)',
  prs: 'Dari',
  ps: 'Paschtu',
  ku: 'Kurdisch',
  ckb: 'Kurdisch (Sorani)',
  kmr: 'Kurdisch (Kurmandschi)',
  tr: 'Türkisch',
  uk: 'Ukrainisch',
  ru: 'Russisch',
  ti: 'Tigrinya',
  so: 'Somali',
  am: 'Amharisch',
  sq: 'Albanisch',
  sr: 'Serbisch',
  ro: 'Rumänisch',
  bg: 'Bulgarisch',
  pl: 'Polnisch',
  en: 'Englisch',
  fr: 'Französisch',
  es: 'Spanisch',
  ur: 'Urdu',
  hi: 'Hindi',
  ta: 'Tamil',
  ka: 'Georgisch',
  hy: 'Armenisch',
  az: 'Aserbaidschanisch',
  vi: 'Vietnamesisch',
  zh: 'Chinesisch',
};

/** Nationalities seen most in KIM (ISO 3166-1 alpha-2); XS = staatenlos, XU = ungeklärt. */
export const NATIONALITY_LABELS_DE: Record<string, string> = {
  SY: 'Syrien',
  AF: 'Afghanistan',
  IQ: 'Irak',
  IR: 'Iran',
  TR: 'Türkei',
  UA: 'Ukraine',
  RU: 'Russland',
  ER: 'Eritrea',
  SO: 'Somalia',
  NG: 'Nigeria',
  GN: 'Guinea',
  XK: 'Kosovo',
  AL: 'Albanien',
  RS: 'Serbien',
  MK: 'Nordmazedonien',
  RO: 'Rumänien',
  BG: 'Bulgarien',
  PL: 'Polen',
  GE: 'Georgien',
  AM: 'Armenien',
  AZ: 'Aserbaidschan',
  LB: 'Libanon',
  PS: 'Palästinensische Gebiete',
  MA: 'Marokko',
  DZ: 'Algerien',
  TN: 'Tunesien',
  EG: 'Ägypten',
  PK: 'Pakistan',
  IN: 'Indien',
  VN: 'Vietnam',
  DE: 'Deutschland',
  XS: 'staatenlos',
  XU: 'ungeklärt',
};

/** Groups of nationalities for statistics (evaluation tables show groups, never rare single nationalities). */
export const NATIONALITY_GROUPS: Record<string, string> = {
  SY: 'Asylherkunftsländer (TOP 8)', AF: 'Asylherkunftsländer (TOP 8)', IQ: 'Asylherkunftsländer (TOP 8)', IR: 'Asylherkunftsländer (TOP 8)',
  ER: 'Asylherkunftsländer (TOP 8)', SO: 'Asylherkunftsländer (TOP 8)', NG: 'Asylherkunftsländer (TOP 8)', PK: 'Asylherkunftsländer (TOP 8)',
  UA: 'Ukraine', TR: 'Türkei', RU: 'Europa (Nicht-EU)', XK: 'Europa (Nicht-EU)', AL: 'Europa (Nicht-EU)', RS: 'Europa (Nicht-EU)',
  MK: 'Europa (Nicht-EU)', GE: 'Europa (Nicht-EU)', AM: 'Europa (Nicht-EU)', AZ: 'Europa (Nicht-EU)', RO: 'EU', BG: 'EU', PL: 'EU',
  DE: 'Deutschland', XS: 'staatenlos/ungeklärt', XU: 'staatenlos/ungeklärt',
};

// ── Inputs ──────────────────────────────────────────────────────────────────────────────────────────────────────

const DateOnly = z.iso.date({ message: 'Datum im Format JJJJ-MM-TT erwartet' });
const Country = z.string().regex(/^[A-Z]{2}$/, { message: 'Ländercode nach ISO 3166 (zwei Großbuchstaben)' });
const LanguageCode = z.string().regex(/^[a-z]{2,3}$/, { message: 'Sprachcode nach ISO 639 (2–3 Kleinbuchstaben)' });
const NamePart = text({ min: 1, max: 200 });
const OptionalNamePart = text({ max: 200 });

export const PersonLanguage = z.strictObject({
  code: LanguageCode,
  interpreterNeeded: z.boolean().default(false),
});
export type PersonLanguage = z.infer<typeof PersonLanguage>;

export const PersonAlias = z.strictObject({
  givenNames: OptionalNamePart,
  familyName: OptionalNamePart,
  kind: z.enum(NAME_KINDS).default('spelling'),
});
export type PersonAlias = z.infer<typeof PersonAlias>;

export const PersonAddress = z.strictObject({
  street: text({ max: 200 }).optional(),
  postalCode: z
    .string()
    .regex(/^\d{5}$/, { message: 'Postleitzahl: fünf Ziffern' })
    .optional(),
  municipalityAgs: Ags.optional(),
});

const personFields = {
  givenNames: NamePart,
  familyName: NamePart,
  /** The name in the original script (Arabic, Persian, Cyrillic …), as written in the person's documents. */
  nativeGivenNames: OptionalNamePart.optional(),
  nativeFamilyName: OptionalNamePart.optional(),
  aliases: z.array(PersonAlias).max(10, { message: 'Höchstens 10 weitere Namen' }).optional(),
  birthDate: DateOnly.nullable().optional(),
  birthDatePrecision: z.enum(BIRTH_DATE_PRECISIONS).optional(),
  /** The date is the placeholder 01.01. of the documents, not the real birthday. */
  birthDateIsPlaceholder: z.boolean().optional(),
  sex: z.enum(SEXES).optional(),
  nationalities: z.array(Country).max(5, { message: 'Höchstens 5 Staatsangehörigkeiten' }).optional(),
  languages: z.array(PersonLanguage).max(10, { message: 'Höchstens 10 Sprachen' }).optional(),
  entryGermanyDate: DateOnly.nullable().optional(),
  entryKreisDate: DateOnly.nullable().optional(),
  address: PersonAddress.optional(),
  phone: z
    .string()
    .max(40, { message: 'Höchstens 40 Zeichen' })
    .regex(/^[+0-9 ()/-]*$/, { message: 'Nur Ziffern, Leerzeichen und + ( ) / -' })
    .optional(),
  email: Email.or(z.literal('')).optional(),
  benefitSystem: z.enum(BENEFIT_SYSTEMS).optional(),
  /** AZR-Nummer (12 digits) and BAMF-Aktenzeichen: sensitive identifiers, shown only on request and audited. */
  azrNumber: z
    .string()
    .regex(/^(\d{12})?$/, { message: 'AZR-Nummer: zwölf Ziffern' })
    .optional(),
  bamfFileNumber: z
    .string()
    .regex(/^([0-9]{7,8}-[0-9]{3})?$/, { message: 'BAMF-Aktenzeichen im Format 1234567-123' })
    .optional(),
};

export const CreatePersonBody = z.strictObject({
  ...personFields,
  /** The organisation the person is registered with; defaults to the user's own. */
  organisationId: Uuid.optional(),
});
export type CreatePersonBody = z.infer<typeof CreatePersonBody>;

export const UpdatePersonBody = z.strictObject({
  givenNames: NamePart.optional(),
  familyName: NamePart.optional(),
  nativeGivenNames: personFields.nativeGivenNames,
  nativeFamilyName: personFields.nativeFamilyName,
  aliases: personFields.aliases,
  birthDate: personFields.birthDate,
  birthDatePrecision: personFields.birthDatePrecision,
  birthDateIsPlaceholder: personFields.birthDateIsPlaceholder,
  sex: personFields.sex,
  nationalities: personFields.nationalities,
  languages: personFields.languages,
  entryGermanyDate: personFields.entryGermanyDate,
  entryKreisDate: personFields.entryKreisDate,
  address: personFields.address,
  phone: personFields.phone,
  email: personFields.email,
  benefitSystem: personFields.benefitSystem,
  azrNumber: personFields.azrNumber,
  bamfFileNumber: personFields.bamfFileNumber,
});
export type UpdatePersonBody = z.infer<typeof UpdatePersonBody>;

export const PersonSearchQuery = z.strictObject({
  q: z.string().max(200, { message: 'Höchstens 200 Zeichen' }).default(''),
  birthDate: DateOnly.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const PersonListQuery = z.strictObject({
  q: z.string().max(200, { message: 'Höchstens 200 Zeichen' }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const AddResidenceStatusBody = z.strictObject({
  statusCode: z.string().regex(/^[a-z0-9_]{2,60}$/, { message: 'Unbekannter Aufenthaltsstatus' }),
  validFrom: DateOnly.nullable().optional(),
  validUntil: DateOnly.nullable().optional(),
  note: text({ max: 500 }).optional(),
});

export const AddRelationBody = z.strictObject({
  relatedPersonId: Uuid,
  kind: z.enum(RELATION_KINDS),
  familyRole: z.enum(FAMILY_ROLES).optional(),
});

// ── Outputs ─────────────────────────────────────────────────────────────────────────────────────────────────────

export const ResidenceStatusCatalogueEntry = z.object({
  code: z.string(),
  label: z.string(),
  group: z.string(),
  groupLabel: z.string(),
  legalBasis: z.string(),
});
export type ResidenceStatusCatalogueEntry = z.infer<typeof ResidenceStatusCatalogueEntry>;

export const ResidenceStatusEntry = z.object({
  id: z.string(),
  statusCode: z.string(),
  label: z.string(),
  validFrom: z.string().nullable(),
  validUntil: z.string().nullable(),
  note: z.string(),
  current: z.boolean(),
  createdAt: z.string(),
});
export type ResidenceStatusEntry = z.infer<typeof ResidenceStatusEntry>;

export const PersonRelation = z.object({
  id: z.string(),
  kind: z.enum(RELATION_KINDS),
  familyRole: z.enum(FAMILY_ROLES).nullable(),
  person: z.object({ id: z.string(), displayName: z.string(), birthDate: z.string().nullable() }),
});
export type PersonRelation = z.infer<typeof PersonRelation>;

export const PersonSummary = z.object({
  id: z.string(),
  displayName: z.string(),
  nativeName: z.string().nullable(),
  birthDate: z.string().nullable(),
  birthDatePrecision: z.enum(BIRTH_DATE_PRECISIONS),
  birthDateIsPlaceholder: z.boolean(),
  organisationId: z.string(),
  organisationName: z.string(),
  openCaseId: z.string().nullable(),
});
export type PersonSummary = z.infer<typeof PersonSummary>;

export const Person = z.object({
  id: z.string(),
  displayName: z.string(),
  givenNames: z.string(),
  familyName: z.string(),
  nativeGivenNames: z.string(),
  nativeFamilyName: z.string(),
  nativeScript: z.string().nullable(),
  aliases: z.array(z.object({ givenNames: z.string(), familyName: z.string(), kind: z.enum(NAME_KINDS) })),
  birthDate: z.string().nullable(),
  birthDatePrecision: z.enum(BIRTH_DATE_PRECISIONS),
  birthDateIsPlaceholder: z.boolean(),
  sex: z.enum(SEXES),
  nationalities: z.array(z.string()),
  languages: z.array(z.object({ code: z.string(), interpreterNeeded: z.boolean() })),
  entryGermanyDate: z.string().nullable(),
  entryKreisDate: z.string().nullable(),
  address: z.object({ street: z.string(), postalCode: z.string(), municipalityAgs: z.string().nullable(), municipalityName: z.string().nullable() }),
  phone: z.string(),
  email: z.string(),
  benefitSystem: z.enum(BENEFIT_SYSTEMS),
  /** Sensitive identifiers: only whether they are recorded, unless revealed on purpose (`?reveal=identifiers`). */
  identifiers: z.object({
    azrNumber: z.string().nullable(),
    bamfFileNumber: z.string().nullable(),
    hasAzrNumber: z.boolean(),
    hasBamfFileNumber: z.boolean(),
    revealed: z.boolean(),
  }),
  residenceStatuses: z.array(ResidenceStatusEntry),
  relations: z.array(PersonRelation),
  organisationId: z.string(),
  organisationName: z.string(),
  cases: z.array(z.object({ id: z.string(), caseNumber: z.string(), phase: z.string(), organisationName: z.string() })),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  can: z.object({ edit: z.boolean(), openCase: z.boolean(), export: z.boolean(), manageConsents: z.boolean() }),
});
export type Person = z.infer<typeof Person>;

export const PersonDetailQuery = z.strictObject({ reveal: z.enum(['identifiers']).optional() });

export const PersonMatch = z.object({
  person: PersonSummary,
  /** 0 … 1; above 0.8 the UI calls it a likely duplicate. */
  score: z.number(),
  /** German reasons, e.g. "gleiche arabische Schreibweise", "gleiches Geburtsdatum". */
  reasons: z.array(z.string()),
  likelyDuplicate: z.boolean(),
});
export type PersonMatch = z.infer<typeof PersonMatch>;

export const PersonSearchResult = z.object({
  items: z.array(PersonMatch),
  /** Set when a likely match exists outside the user's scope: a notice, never the person's data. */
  outsideScopeNotice: z.string().nullable(),
});
export type PersonSearchResult = z.infer<typeof PersonSearchResult>;

/** Display name "Given FAMILY" is avoided: names are shown as entered, family name last. */
export function personDisplayName(p: { givenNames: string; familyName: string }): string {
  return `${p.givenNames} ${p.familyName}`.trim();
}

/** A date of birth as German text that says how much of it is known: 14.03.1990, 03/1990, 1990, unbekannt. */
export function formatBirthDateDe(date: string | null, precision: BirthDatePrecision, placeholder = false): string {
  if (!date || precision === 'unknown') return 'unbekannt';
  const [y, m, d] = date.split('-');
  if (precision === 'year') return y!;
  if (precision === 'month') return `${m}/${y}`;
  return `${d}.${m}.${y}${placeholder ? ' (Platzhalterdatum)' : ''}`;
}
