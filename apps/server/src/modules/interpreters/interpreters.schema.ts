import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgSequence, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../../platform/db/schema.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const created = () => ts('created_at').notNull().defaultNow();
const updated = () => ts('updated_at').notNull().defaultNow();

export interface AvailabilitySlotRow {
  weekday: number;
  from: string;
  to: string;
}
export interface AbsenceRow {
  from: string;
  to: string;
  note?: string;
}

/** Sprachmittler:innen of the pool. Contact data and IBAN never leave the coordination and finance presenters. */
export const interpreters = pgTable(
  'interpreters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The login of the interpreter, if they have one (role `interpreter`). */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    email: text('email'),
    phone: text('phone'),
    street: text('street'),
    postalCode: text('postal_code'),
    /** Gemeinde of residence: the start of every journey. */
    homeAgs: text('home_ags').notNull(),
    gender: text('gender').notNull(),
    basicTrainingOn: date('basic_training_on'),
    advancedTrainingOn: date('advanced_training_on'),
    confidentialitySignedOn: date('confidentiality_signed_on'),
    confidentialityDocument: text('confidentiality_document'),
    availability: jsonb('availability').$type<AvailabilitySlotRow[]>().notNull().default([]),
    absences: jsonb('absences').$type<AbsenceRow[]>().notNull().default([]),
    servedAgs: text('served_ags').array().notNull().default(sql`'{}'::text[]`),
    maxTravelKm: integer('max_travel_km'),
    remoteOk: boolean('remote_ok').notNull().default(true),
    active: boolean('active').notNull().default(true),
    iban: text('iban'),
    accountHolder: text('account_holder'),
    notes: text('notes'),
    /** sha256 of the private iCal feed token; null = no feed. Replacing it revokes the old link. */
    calendarTokenHash: text('calendar_token_hash'),
    version: integer('version').notNull().default(1),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [
    uniqueIndex('interpreters_user_uq').on(t.userId),
    uniqueIndex('interpreters_calendar_token_uq').on(t.calendarTokenHash),
    index('interpreters_active_idx').on(t.active),
  ],
);

export const interpreterLanguages = pgTable(
  'interpreter_languages',
  {
    interpreterId: uuid('interpreter_id')
      .notNull()
      .references(() => interpreters.id, { onDelete: 'cascade' }),
    languageCode: text('language_code').notNull(),
    dialects: text('dialects').array().notNull().default(sql`'{}'::text[]`),
    level: text('level').notNull(),
  },
  (t) => [primaryKey({ columns: [t.interpreterId, t.languageCode] }), index('interpreter_languages_code_idx').on(t.languageCode)],
);

/** Institutions that request interpreters (schools, Kitas, Ämter …); linked to an organisation when it has users. */
export const interpreterInstitutions = pgTable(
  'interpreter_institutions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    ags: text('ags'),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    createdAt: created(),
  },
  (t) => [
    uniqueIndex('interpreter_institutions_name_uq').on(sql`lower(${t.name})`, t.ags),
    uniqueIndex('interpreter_institutions_org_uq').on(t.organisationId),
  ],
);

/** Interpreter × institution or interpreter × case (client) pairs that must never be matched. */
export const interpreterExclusions = pgTable(
  'interpreter_exclusions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    interpreterId: uuid('interpreter_id')
      .notNull()
      .references(() => interpreters.id, { onDelete: 'cascade' }),
    institutionId: uuid('institution_id').references(() => interpreterInstitutions.id),
    caseId: uuid('case_id'),
    note: text('note'),
    createdAt: created(),
  },
  (t) => [index('interpreter_exclusions_interpreter_idx').on(t.interpreterId)],
);

export const interpreterRequestNumber = pgSequence('interpreter_request_number', { startWith: 1 });

/** Einsatzanfragen. `case_id` links a case manager's request to the case; it is never shown to interpreters. */
export const interpreterRequests = pgTable(
  'interpreter_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reference: text('reference').notNull(),
    channel: text('channel').notNull(),
    status: text('status').notNull().default('open'),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => interpreterInstitutions.id),
    requesterOrganisationId: uuid('requester_organisation_id').references(() => organisations.id),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    caseId: uuid('case_id'),
    contactName: text('contact_name').notNull(),
    contactEmail: text('contact_email').notNull(),
    contactPhone: text('contact_phone').notNull(),
    languageCode: text('language_code').notNull(),
    dialect: text('dialect'),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    mode: text('mode').notNull(),
    street: text('street'),
    ags: text('ags'),
    topic: text('topic').notNull(),
    genderPreference: text('gender_preference').notNull().default('none'),
    note: text('note'),
    /** sha256 of the requester's status link token (public form). */
    statusTokenHash: text('status_token_hash'),
    cancelledAt: ts('cancelled_at'),
    cancelledBy: text('cancelled_by'),
    cancelReason: text('cancel_reason'),
    requesterFeedback: jsonb('requester_feedback').$type<{ tookPlace: boolean; rating?: number; comment?: string; at: string }>(),
    version: integer('version').notNull().default(1),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [
    uniqueIndex('interpreter_requests_reference_uq').on(t.reference),
    uniqueIndex('interpreter_requests_status_token_uq').on(t.statusTokenHash),
    index('interpreter_requests_status_idx').on(t.status, t.startsAt),
    index('interpreter_requests_starts_idx').on(t.startsAt),
    index('interpreter_requests_org_idx').on(t.requesterOrganisationId),
  ],
);

export const interpreterOffers = pgTable(
  'interpreter_offers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => interpreterRequests.id, { onDelete: 'cascade' }),
    interpreterId: uuid('interpreter_id')
      .notNull()
      .references(() => interpreters.id),
    status: text('status').notNull().default('pending'),
    offeredBy: uuid('offered_by').references(() => users.id, { onDelete: 'set null' }),
    offeredAt: ts('offered_at').notNull().defaultNow(),
    respondedAt: ts('responded_at'),
    declineReason: text('decline_reason'),
  },
  (t) => [uniqueIndex('interpreter_offers_request_interpreter_uq').on(t.requestId, t.interpreterId), index('interpreter_offers_interpreter_idx').on(t.interpreterId, t.status)],
);

/** Einsätze. Money in integer cents, fixed when the assignment becomes payable (completed or late-cancelled). */
export const interpreterAssignments = pgTable(
  'interpreter_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => interpreterRequests.id),
    interpreterId: uuid('interpreter_id')
      .notNull()
      .references(() => interpreters.id),
    status: text('status').notNull().default('confirmed'),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    feeTier: text('fee_tier').notNull(),
    outcome: text('outcome'),
    actualMinutes: integer('actual_minutes'),
    travelKm: integer('travel_km'),
    travelMinutes: integer('travel_minutes'),
    feedback: text('feedback'),
    completedAt: ts('completed_at'),
    completedBy: uuid('completed_by'),
    feeCents: integer('fee_cents'),
    travelCents: integer('travel_cents'),
    totalCents: integer('total_cents'),
    payable: boolean('payable').notNull().default(false),
    lateCancellation: boolean('late_cancellation').notNull().default(false),
    cancelledAt: ts('cancelled_at'),
    cancelledBy: text('cancelled_by'),
    cancelReason: text('cancel_reason'),
    /** The tariff the fee was computed with, so later tariff changes never alter a paid amount. */
    tariff: jsonb('tariff').$type<Record<string, unknown>>(),
    version: integer('version').notNull().default(1),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [
    index('interpreter_assignments_interpreter_idx').on(t.interpreterId, t.startsAt),
    index('interpreter_assignments_starts_idx').on(t.startsAt),
    uniqueIndex('interpreter_assignments_active_request_uq').on(t.requestId).where(sql`status <> 'cancelled'`),
  ],
);
