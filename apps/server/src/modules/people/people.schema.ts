import { sql } from 'drizzle-orm';
import { boolean, date, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, integer } from 'drizzle-orm/pg-core';
import type { NameKind } from '@teilhabe/shared';
import { organisations, users } from '../../platform/db/schema.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Klient:in of KIM case management. Names in Latin and original script; search columns are derived on every write. */
export const persons = pgTable(
  'persons',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The organisation the person was registered with (scope root for persons without a case). */
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    createdBy: uuid('created_by').references(() => users.id),
    givenNames: text('given_names').notNull(),
    familyName: text('family_name').notNull(),
    nativeGivenNames: text('native_given_names').notNull().default(''),
    nativeFamilyName: text('native_family_name').notNull().default(''),
    nativeScript: text('native_script'),
    aliases: jsonb('aliases').$type<{ givenNames: string; familyName: string; kind: NameKind }[]>().notNull().default([]),
    birthDate: date('birth_date'),
    birthDatePrecision: text('birth_date_precision').notNull().default('day'),
    birthDateIsPlaceholder: boolean('birth_date_is_placeholder').notNull().default(false),
    sex: text('sex').notNull().default('unknown'),
    nationalities: text('nationalities')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    languages: jsonb('languages').$type<{ code: string; interpreterNeeded: boolean }[]>().notNull().default([]),
    entryGermanyDate: date('entry_germany_date'),
    entryKreisDate: date('entry_kreis_date'),
    street: text('street').notNull().default(''),
    postalCode: text('postal_code').notNull().default(''),
    municipalityAgs: text('municipality_ags'),
    phone: text('phone').notNull().default(''),
    email: text('email').notNull().default(''),
    benefitSystem: text('benefit_system').notNull().default('unknown'),
    azrNumber: text('azr_number'),
    bamfFileNumber: text('bamf_file_number'),
    /** Folded Latin readings of every name (trigram search). */
    searchText: text('search_text').notNull().default(''),
    /**
     * The canonical spelling of every name word, each once (Meyer and Meier → maier; see people/names/spelling.ts):
     * the search orders its candidates by how many query words are spelled the same.
     */
    searchWords: text('search_words')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Sound keys and Kölner Phonetik codes of every name token (see people/names/keys.ts). */
    nameKeys: text('name_keys')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    mergedIntoId: uuid('merged_into_id'),
    anonymisedAt: ts('anonymised_at'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('persons_org_idx').on(t.organisationId),
    index('persons_search_trgm_idx').using('gin', t.searchText.op('gin_trgm_ops')),
    index('persons_name_keys_idx').using('gin', t.nameKeys),
    index('persons_birth_date_idx').on(t.birthDate),
  ],
);

/** Residence status history: each entry with its validity; the newest valid entry is the current status. */
export const personResidenceStatuses = pgTable(
  'person_residence_statuses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    statusCode: text('status_code').notNull(),
    validFrom: date('valid_from'),
    validUntil: date('valid_until'),
    note: text('note').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('person_residence_statuses_person_idx').on(t.personId)],
);

/** Haushalt and Familie links between persons (stored once per direction the user entered). */
export const personRelations = pgTable(
  'person_relations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    relatedPersonId: uuid('related_person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    familyRole: text('family_role'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('person_relations_uq').on(t.personId, t.relatedPersonId, t.kind),
    index('person_relations_related_idx').on(t.relatedPersonId),
  ],
);
