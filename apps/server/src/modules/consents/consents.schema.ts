import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../../platform/db/schema.js';
import { cases } from '../cases/cases.schema.js';
import { persons } from '../people/people.schema.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Einwilligung of a person to share named data categories with ONE recipient organisation for a purpose.
 * Valid while given_at ≤ today ≤ valid_until and not withdrawn; checked on every request, never cached.
 */
export const consents = pgTable(
  'consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    caseId: uuid('case_id').references(() => cases.id, { onDelete: 'set null' }),
    recipientOrganisationId: uuid('recipient_organisation_id')
      .notNull()
      .references(() => organisations.id),
    purpose: text('purpose').notNull(),
    purposeNote: text('purpose_note').notNull().default(''),
    categories: text('categories')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    legalBasis: text('legal_basis').notNull(),
    formLanguage: text('form_language').notNull().default('de'),
    givenBy: text('given_by').notNull().default('self'),
    guardianName: text('guardian_name').notNull().default(''),
    givenAt: date('given_at').notNull(),
    validUntil: date('valid_until'),
    withdrawnAt: ts('withdrawn_at'),
    withdrawnBy: uuid('withdrawn_by').references(() => users.id),
    /** The organisation that recorded the consent. */
    organisationId: uuid('organisation_id').references(() => organisations.id),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('consents_person_idx').on(t.personId), index('consents_recipient_idx').on(t.recipientOrganisationId, t.personId)],
);

/** Vermittlung of a case to a recipient organisation (or one of its offers). */
export const referrals = pgTable(
  'referrals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    recipientOrganisationId: uuid('recipient_organisation_id')
      .notNull()
      .references(() => organisations.id),
    offerName: text('offer_name').notNull().default(''),
    lifeDomain: text('life_domain'),
    message: text('message').notNull(),
    status: text('status').notNull().default('requested'),
    statusChangedAt: ts('status_changed_at').notNull().defaultNow(),
    feedbackNote: text('feedback_note').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('referrals_case_idx').on(t.caseId), index('referrals_recipient_idx').on(t.recipientOrganisationId, t.status)],
);
