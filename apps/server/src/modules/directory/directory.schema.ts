import { sql, type SQL } from 'drizzle-orm';
import {
  boolean,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Schedule } from '@teilhabe/shared';
import { organisations, users } from '../../platform/db/schema.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const textArray = (name: string) =>
  text(name)
    .array()
    .notNull()
    .default(sql`'{}'::text[]`);

/** What the network directory knows about an organisation (an "Akteur") beyond its place in the tree. */
export const directoryProfiles = pgTable('directory_profiles', {
  organisationId: uuid('organisation_id')
    .primaryKey()
    .references(() => organisations.id, { onDelete: 'cascade' }),
  description: text('description').notNull().default(''),
  street: text('street'),
  postalCode: text('postal_code'),
  city: text('city'),
  /** The Gemeinde the Akteur sits in (AGS). */
  ags: text('ags'),
  legalDomains: textArray('legal_domains'),
  website: text('website'),
  email: text('email'),
  phone: text('phone'),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** Contact persons of an Akteur; only those marked public ever reach the public directory. */
export const directoryContacts = pgTable(
  'directory_contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    role: text('role').notNull(),
    /** Weekly hours for the role (e.g. the Integrationsbeauftragte:r's Stundenkontingent). */
    weeklyHours: numeric('weekly_hours', { precision: 4, scale: 1, mode: 'number' }),
    email: text('email'),
    phone: text('phone'),
    isPublic: boolean('is_public').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('directory_contacts_org_idx').on(t.organisationId)],
);

export const offers = pgTable(
  'offers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The provider (Anbieter); its place in the organisation tree decides who may edit the offer. */
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    status: text('status').notNull().default('draft'),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    handlungsfelder: textArray('handlungsfelder'),
    targetGroups: textArray('target_groups'),
    ageMin: integer('age_min'),
    ageMax: integer('age_max'),
    genders: textArray('genders'),
    residenceStatuses: textArray('residence_statuses'),
    languages: textArray('languages'),
    costKind: text('cost_kind').notNull().default('free'),
    costCents: integer('cost_cents'),
    costNote: text('cost_note').notNull().default(''),
    schedule: jsonb('schedule').$type<Schedule>().notNull().default({ kind: 'none' }),
    barrierFree: text('barrier_free').notNull().default('unknown'),
    registrationRequired: boolean('registration_required').notNull().default(false),
    registrationNote: text('registration_note').notNull().default(''),
    contactPersonId: uuid('contact_person_id').references(() => directoryContacts.id, { onDelete: 'set null' }),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    website: text('website'),
    validFrom: date('valid_from'),
    validTo: date('valid_to'),
    /** For staff only; never part of a public view or export. */
    internalNote: text('internal_note').notNull().default(''),
    lastReviewedAt: ts('last_reviewed_at'),
    reviewReminderSentAt: ts('review_reminder_sent_at'),
    publishedAt: ts('published_at'),
    publishedBy: uuid('published_by').references(() => users.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    /** German stemming: "Sprachkurse" and "Sprachkurs" share the lexeme `sprachkurs`. */
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      (): SQL =>
        sql`setweight(to_tsvector('german'::regconfig, coalesce(${offers.title}, '')), 'A') || setweight(to_tsvector('german'::regconfig, coalesce(${offers.description}, '')), 'B')`,
    ),
  },
  (t) => [
    index('offers_search_idx').using('gin', t.searchVector),
    index('offers_title_trgm_idx').using('gin', sql`${t.title} gin_trgm_ops`),
    index('offers_fields_idx').using('gin', t.handlungsfelder),
    index('offers_org_idx').on(t.organisationId),
    index('offers_status_idx').on(t.status, t.updatedAt),
  ],
);

export const offerLocations = pgTable(
  'offer_locations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    offerId: uuid('offer_id')
      .notNull()
      .references(() => offers.id, { onDelete: 'cascade' }),
    position: integer('position').notNull().default(0),
    ags: text('ags').notNull(),
    label: text('label'),
    street: text('street'),
    postalCode: text('postal_code'),
    city: text('city'),
    lat: doublePrecision('lat').notNull(),
    lon: doublePrecision('lon').notNull(),
    /** `address` when entered, `centroid` when the Gemeinde's centre stands in. */
    geocoded: text('geocoded').notNull().default('centroid'),
  },
  (t) => [index('offer_locations_offer_idx').on(t.offerId), index('offer_locations_ags_idx').on(t.ags, t.offerId)],
);

/** Texts of an offer in another language (`en`, `ar`, …) or in Leichte Sprache (`de-LS`). */
export const offerTranslations = pgTable(
  'offer_translations',
  {
    offerId: uuid('offer_id')
      .notNull()
      .references(() => offers.id, { onDelete: 'cascade' }),
    lang: text('lang').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      (): SQL =>
        sql`to_tsvector('simple'::regconfig, coalesce(${offerTranslations.title}, '') || ' ' || coalesce(${offerTranslations.description}, ''))`,
    ),
  },
  (t) => [primaryKey({ columns: [t.offerId, t.lang] }), index('offer_translations_search_idx').using('gin', t.searchVector)],
);
