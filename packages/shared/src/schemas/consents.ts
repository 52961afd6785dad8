import { z } from 'zod';
import { text, Uuid } from './common.js';
import { LIFE_DOMAINS } from './cases.js';
import type { OrganisationKind } from './organisations.js';
import { BENEFIT_SYSTEMS, BIRTH_DATE_PRECISIONS, SEXES } from './people.js';

// ── Catalogues ──────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Data categories a consent can release to a recipient (research-security §4.1). Contact notes are not a category:
 * they are never shared with partners.
 */
export const DATA_CATEGORIES = ['identity', 'contact', 'residence', 'benefits', 'languages', 'family', 'health', 'education_work', 'goals'] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];
export const DATA_CATEGORY_LABELS_DE: Record<DataCategory, string> = {
  identity: 'Name und Geburtsdatum',
  contact: 'Anschrift und Erreichbarkeit',
  residence: 'Aufenthaltsstatus',
  benefits: 'Sozialleistungen (Rechtskreis)',
  languages: 'Sprachen und Sprachmittlungsbedarf',
  family: 'Haushalt und Familie',
  health: 'Gesundheit (Art. 9 DSGVO)',
  education_work: 'Bildung, Anerkennung, Arbeit',
  goals: 'Ziele des Hilfeplans',
};

/** Every category except health (Art. 9 DSGVO): the default for recipients without a narrower set of their own. */
const ALL_BUT_HEALTH = DATA_CATEGORIES.filter((c) => c !== 'health');

/**
 * Data minimisation per kind of recipient (Art. 5 Abs. 1 lit. c DSGVO, § 67b SGB X): the most a recipient organisation
 * of this kind is shown of a person, whatever a consent releases. The partner sees consented ∩ minimal; a consented
 * category outside the set stays with the case management (ADR 0012). One entry per kind, so a new kind needs a
 * decision here. Lists are in the order of DATA_CATEGORIES.
 * - Jobcenter and Agentur für Arbeit: who, how to reach, Rechtskreis, languages, education/work, Hilfeplan goals.
 * - Ausländerbehörde: who, residence status, languages – nothing about family, benefits or the Hilfeplan.
 * - Jugendamt: who, how to reach, household and family, languages, goals.
 * - Schule, Kita, Schulamt: who, how to reach, household and family, languages.
 * - Sozialamt: who, how to reach, benefits, residence status (entitlement), household and family.
 * - Health (Art. 9) only for counselling bodies: Träger, Wohlfahrtsverband, Beratungsstelle (MBE, JMD), which receive
 *   every category. Every other kind: all categories except health.
 */
export const MINIMAL_CATEGORIES_BY_KIND: Readonly<Record<OrganisationKind, readonly DataCategory[]>> = {
  kreis: ALL_BUT_HEALTH,
  kommune: ALL_BUT_HEALTH,
  amt: ALL_BUT_HEALTH,
  team: ALL_BUT_HEALTH,
  traeger: DATA_CATEGORIES,
  jobcenter: ['identity', 'contact', 'benefits', 'languages', 'education_work', 'goals'],
  agentur_fuer_arbeit: ['identity', 'contact', 'benefits', 'languages', 'education_work', 'goals'],
  auslaenderbehoerde: ['identity', 'residence', 'languages'],
  jugendamt: ['identity', 'contact', 'languages', 'family', 'goals'],
  sozialamt: ['identity', 'contact', 'residence', 'benefits', 'family'],
  schulamt: ['identity', 'contact', 'languages', 'family'],
  schule: ['identity', 'contact', 'languages', 'family'],
  kita: ['identity', 'contact', 'languages', 'family'],
  wohlfahrtsverband: DATA_CATEGORIES,
  migrantenorganisation: ALL_BUT_HEALTH,
  integrationsrat: ALL_BUT_HEALTH,
  sprachkurstraeger: ALL_BUT_HEALTH,
  beratungsstelle: DATA_CATEGORIES,
  verein: ALL_BUT_HEALTH,
  unternehmen: ALL_BUT_HEALTH,
};

/** The categories a recipient of this kind may be shown (an unknown kind gets none of the Art. 9 data). */
export function minimalCategoriesFor(kind: string): readonly DataCategory[] {
  return (MINIMAL_CATEGORIES_BY_KIND as Readonly<Record<string, readonly DataCategory[] | undefined>>)[kind] ?? ALL_BUT_HEALTH;
}

/**
 * What a partner of this kind is shown: the consented categories that are also in its minimal set (`shared`), and the
 * categories of its minimal set no valid consent releases (`withheld`, shown as "nicht freigegeben"). Categories
 * outside the minimal set are in neither list: they are nothing a recipient of this kind asks for. Both in the order
 * of DATA_CATEGORIES.
 */
export function partnerCategories(kind: string, consented: readonly DataCategory[]): { shared: DataCategory[]; withheld: DataCategory[] } {
  const minimal = new Set(minimalCategoriesFor(kind));
  const released = new Set(consented);
  return {
    shared: DATA_CATEGORIES.filter((c) => minimal.has(c) && released.has(c)),
    withheld: DATA_CATEGORIES.filter((c) => minimal.has(c) && !released.has(c)),
  };
}

export const CONSENT_PURPOSES = ['labour_market', 'benefits', 'residence', 'youth_welfare', 'school', 'health', 'housing', 'language_course', 'other'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export const CONSENT_PURPOSE_LABELS_DE: Record<ConsentPurpose, string> = {
  labour_market: 'Integration in Ausbildung und Arbeit',
  benefits: 'Klärung von Sozialleistungen',
  residence: 'Aufenthaltsrechtliche Klärung',
  youth_welfare: 'Hilfen für Kinder, Jugendliche und Familien',
  school: 'Schulische Integration',
  health: 'Gesundheitliche Versorgung',
  housing: 'Wohnraumsicherung',
  language_course: 'Sprachkurs und Anerkennung',
  other: 'sonstiger Zweck (beschrieben)',
};

export const LEGAL_BASES = ['art6_1a', 'art9_2a', 'sgb10_67b'] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];
export const LEGAL_BASIS_LABELS_DE: Record<LegalBasis, string> = {
  art6_1a: 'Einwilligung, Art. 6 Abs. 1 lit. a DSGVO',
  art9_2a: 'ausdrückliche Einwilligung in besondere Kategorien, Art. 9 Abs. 2 lit. a DSGVO',
  sgb10_67b: 'Einwilligung in die Übermittlung von Sozialdaten, § 67b Abs. 2 SGB X',
};

export const CONSENT_GIVEN_BY = ['self', 'guardian'] as const;
export type ConsentGivenBy = (typeof CONSENT_GIVEN_BY)[number];
export const CONSENT_GIVEN_BY_LABELS_DE: Record<ConsentGivenBy, string> = { self: 'die Person selbst', guardian: 'gesetzliche Vertretung' };

/** Languages the consent form is printed in (always together with German). */
export const CONSENT_FORM_LANGUAGES = ['de', 'en', 'ar', 'uk', 'fa', 'tr', 'ru'] as const;
export type ConsentFormLanguage = (typeof CONSENT_FORM_LANGUAGES)[number];
export const CONSENT_FORM_LANGUAGE_LABELS_DE: Record<ConsentFormLanguage, string> = {
  de: 'Deutsch',
  en: 'Englisch',
  ar: 'Arabisch',
  uk: 'Ukrainisch',
  fa: 'Persisch',
  tr: 'Türkisch',
  ru: 'Russisch',
};

export const CONSENT_STATUSES = ['active', 'pending', 'expired', 'withdrawn'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];
export const CONSENT_STATUS_LABELS_DE: Record<ConsentStatus, string> = {
  active: 'gültig',
  pending: 'noch nicht gültig',
  expired: 'abgelaufen',
  withdrawn: 'widerrufen',
};

/** Vermittlung: angefragt → angenommen/abgelehnt → erledigt/abgebrochen. */
export const REFERRAL_STATUSES = ['requested', 'accepted', 'declined', 'completed', 'cancelled'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
export const REFERRAL_STATUS_LABELS_DE: Record<ReferralStatus, string> = {
  requested: 'angefragt',
  accepted: 'angenommen',
  declined: 'abgelehnt',
  completed: 'erledigt',
  cancelled: 'abgebrochen',
};

// ── Inputs ──────────────────────────────────────────────────────────────────────────────────────────────────────

const DateOnly = z.iso.date({ message: 'Datum im Format JJJJ-MM-TT erwartet' });

export const RecordConsentBody = z.strictObject({
  recipientOrganisationId: Uuid,
  caseId: Uuid.optional(),
  purpose: z.enum(CONSENT_PURPOSES),
  purposeNote: text({ max: 500 }).optional(),
  categories: z
    .array(z.enum(DATA_CATEGORIES))
    .min(1, { message: 'Mindestens eine Datenkategorie' })
    .max(DATA_CATEGORIES.length),
  legalBasis: z.enum(LEGAL_BASES),
  formLanguage: z.enum(CONSENT_FORM_LANGUAGES).default('de'),
  givenBy: z.enum(CONSENT_GIVEN_BY).default('self'),
  guardianName: text({ max: 200 }).optional(),
  givenAt: DateOnly,
  validUntil: DateOnly.nullable().optional(),
});
export type RecordConsentBody = z.infer<typeof RecordConsentBody>;

export const WithdrawConsentBody = z.strictObject({});

export const CreateReferralBody = z.strictObject({
  recipientOrganisationId: Uuid,
  offerName: text({ max: 200 }).optional(),
  lifeDomain: z.enum(LIFE_DOMAINS).optional(),
  /** What the recipient is asked to do; visible to the recipient. No personal details beyond the consented ones. */
  message: text({ min: 3, max: 2000 }),
});
export type CreateReferralBody = z.infer<typeof CreateReferralBody>;

export const ChangeReferralStatusBody = z.strictObject({
  status: z.enum(REFERRAL_STATUSES),
  feedbackNote: text({ max: 2000 }).optional(),
});

export const ConsentFormQuery = z.strictObject({ language: z.enum(CONSENT_FORM_LANGUAGES).optional() });

// ── Outputs ─────────────────────────────────────────────────────────────────────────────────────────────────────

export const Consent = z.object({
  id: z.string(),
  personId: z.string(),
  caseId: z.string().nullable(),
  recipientOrganisation: z.object({ id: z.string(), name: z.string() }),
  purpose: z.enum(CONSENT_PURPOSES),
  purposeNote: z.string(),
  categories: z.array(z.enum(DATA_CATEGORIES)),
  legalBasis: z.enum(LEGAL_BASES),
  formLanguage: z.enum(CONSENT_FORM_LANGUAGES),
  givenBy: z.enum(CONSENT_GIVEN_BY),
  guardianName: z.string(),
  givenAt: z.string(),
  validUntil: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  status: z.enum(CONSENT_STATUSES),
  version: z.number().int(),
  createdAt: z.string(),
  can: z.object({ withdraw: z.boolean() }),
});
export type Consent = z.infer<typeof Consent>;

export const Referral = z.object({
  id: z.string(),
  caseId: z.string(),
  personId: z.string(),
  recipientOrganisation: z.object({ id: z.string(), name: z.string() }),
  offerName: z.string(),
  lifeDomain: z.enum(LIFE_DOMAINS).nullable(),
  message: z.string(),
  status: z.enum(REFERRAL_STATUSES),
  statusChangedAt: z.string(),
  feedbackNote: z.string(),
  /** Whether a valid consent currently lets the recipient see this referral. */
  consentCovered: z.boolean(),
  createdAt: z.string(),
  version: z.number().int(),
  can: z.object({ changeStatus: z.array(z.enum(REFERRAL_STATUSES)) }),
});
export type Referral = z.infer<typeof Referral>;

/**
 * The partner's extract of the person, one optional member per released category (education_work → educationWork;
 * health has no fields in the extract). A member is present only when its category is shared.
 */
export const PartnerReferralPerson = z.object({
  identity: z
    .object({
      givenNames: z.string(),
      familyName: z.string(),
      nativeName: z.string().nullable(),
      birthDate: z.string().nullable(),
      birthDatePrecision: z.enum(BIRTH_DATE_PRECISIONS),
      sex: z.enum(SEXES),
    })
    .optional(),
  contact: z.object({ street: z.string(), postalCode: z.string(), municipality: z.string().nullable(), phone: z.string(), email: z.string() }).optional(),
  residence: z.object({ status: z.string().nullable(), validUntil: z.string().nullable() }).optional(),
  benefits: z.object({ benefitSystem: z.enum(BENEFIT_SYSTEMS) }).optional(),
  languages: z.object({ languages: z.array(z.object({ code: z.string(), label: z.string(), interpreterNeeded: z.boolean() })) }).optional(),
  family: z.object({ householdMembers: z.number().int(), children: z.number().int() }).optional(),
  educationWork: z.object({ domains: z.array(z.object({ lifeDomain: z.enum(LIFE_DOMAINS), need: z.string(), resources: z.string() })) }).optional(),
  goals: z.array(z.object({ lifeDomain: z.enum(LIFE_DOMAINS), title: z.string(), status: z.string(), dueDate: z.string().nullable() })).optional(),
});
export type PartnerReferralPerson = z.infer<typeof PartnerReferralPerson>;

/**
 * What a partner sees: the referral plus only the categories a valid consent releases to its organisation and its kind
 * of organisation needs (MINIMAL_CATEGORIES_BY_KIND); `withheldCategories` are the categories of that minimal set no
 * valid consent releases ("nicht freigegeben").
 */
export const PartnerReferral = z.object({
  id: z.string(),
  status: z.enum(REFERRAL_STATUSES),
  statusChangedAt: z.string(),
  createdAt: z.string(),
  offerName: z.string(),
  lifeDomain: z.enum(LIFE_DOMAINS).nullable(),
  message: z.string(),
  feedbackNote: z.string(),
  version: z.number().int(),
  sharedCategories: z.array(z.enum(DATA_CATEGORIES)),
  withheldCategories: z.array(z.enum(DATA_CATEGORIES)),
  referredBy: z.object({ displayName: z.string(), organisationName: z.string() }),
  person: PartnerReferralPerson,
  can: z.object({ changeStatus: z.array(z.enum(REFERRAL_STATUSES)) }),
});
export type PartnerReferral = z.infer<typeof PartnerReferral>;

export const PartnerReferralCategoryParams = z.strictObject({
  id: Uuid,
  category: z.enum(DATA_CATEGORIES, { message: `Unbekannte Datenkategorie (erlaubt: ${DATA_CATEGORIES.join(', ')})` }),
});

/** One category of a referral's extract for the partner: `person` has only that category's member (none for health). */
export const PartnerReferralCategory = z.object({
  referralId: z.string(),
  category: z.enum(DATA_CATEGORIES),
  person: PartnerReferralPerson,
});
export type PartnerReferralCategory = z.infer<typeof PartnerReferralCategory>;

export const PartnerReferralListItem = z.object({
  id: z.string(),
  status: z.enum(REFERRAL_STATUSES),
  createdAt: z.string(),
  offerName: z.string(),
  lifeDomain: z.enum(LIFE_DOMAINS).nullable(),
  /** Shown only when the identity category is released; otherwise "Person (Name nicht freigegeben)". */
  personLabel: z.string(),
});
export type PartnerReferralListItem = z.infer<typeof PartnerReferralListItem>;
