import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations, users } from '../../platform/db/schema.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const created = () => ts('created_at').notNull().defaultNow();
const updated = () => ts('updated_at').notNull().defaultNow();
const day = (name: string) => date(name, { mode: 'string' });
/** Money: integer cents in a bigint column, read as a JS number (amounts stay far below 2^53). */
const money = (name: string) => bigint(name, { mode: 'number' });

/** Land programmes, their Bausteine (children) and the Kreis' own budget lines. */
export const fundingProgrammes = pgTable(
  'funding_programmes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name').notNull(),
    parentId: uuid('parent_id'),
    grantGiver: text('grant_giver').notNull(),
    section: text('section').notNull().default('programme'),
    financingType: text('financing_type').notNull().default('fixed'),
    passThroughAllowed: boolean('pass_through_allowed').notNull().default(false),
    active: boolean('active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(100),
    version: integer('version').notNull().default(1),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [uniqueIndex('funding_programmes_code_uq').on(t.code), index('funding_programmes_parent_idx').on(t.parentId)],
);

/** Legal reference and rules of a programme from a date on: rules change yearly and laws are renumbered (TIG → TIntG). */
export const fundingProgrammeVersions = pgTable(
  'funding_programme_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => fundingProgrammes.id, { onDelete: 'cascade' }),
    validFrom: day('valid_from').notNull(),
    validTo: day('valid_to'),
    legalReference: text('legal_reference').notNull(),
    guideline: text('guideline').notNull().default(''),
    flatRatePerFteCents: money('flat_rate_per_fte_cents'),
    maxAmountCents: money('max_amount_cents'),
    maxFteMilli: integer('max_fte_milli'),
    applicationDeadline: text('application_deadline'),
    reportDeadline: text('report_deadline'),
    notes: text('notes').notNull().default(''),
    version: integer('version').notNull().default(1),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [
    uniqueIndex('funding_programme_versions_from_uq').on(t.programmeId, t.validFrom),
    check('funding_programme_versions_money_ck', sql`coalesce(${t.flatRatePerFteCents}, 0) >= 0 AND coalesce(${t.maxAmountCents}, 0) >= 0`),
  ],
);

/** A Zuwendungsbescheid; its content lives in revisions (Erstbescheid, Änderungsbescheide), never overwritten. */
export const fundingGrants = pgTable(
  'funding_grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => fundingProgrammes.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    title: text('title').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [index('funding_grants_programme_idx').on(t.programmeId), index('funding_grants_org_idx').on(t.organisationId)],
);

export const fundingGrantRevisions = pgTable(
  'funding_grant_revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    grantId: uuid('grant_id')
      .notNull()
      .references(() => fundingGrants.id, { onDelete: 'cascade' }),
    revisionNo: integer('revision_no').notNull(),
    kind: text('kind').notNull(),
    status: text('status').notNull().default('draft'),
    decisionDate: day('decision_date').notNull(),
    fileNumber: text('file_number').notNull(),
    approvalStart: day('approval_start').notNull(),
    approvalEnd: day('approval_end').notNull(),
    financingType: text('financing_type').notNull(),
    sharePercentBp: integer('share_percent_bp'),
    conditions: text('conditions').notNull().default(''),
    calloffDates: jsonb('calloff_dates').$type<string[]>().notNull().default([]),
    useByDate: day('use_by_date'),
    reportDueDate: day('report_due_date'),
    documentRef: text('document_ref').notNull().default(''),
    reason: text('reason').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: created(),
    approvedBy: uuid('approved_by').references(() => users.id),
    approvedAt: ts('approved_at'),
  },
  (t) => [
    uniqueIndex('funding_grant_revisions_no_uq').on(t.grantId, t.revisionNo),
    check('funding_grant_revisions_period_ck', sql`${t.approvalStart} <= ${t.approvalEnd}`),
  ],
);

/** Amounts of the Finanzierungsplan per budget year and position, as granted by one revision. */
export const fundingGrantPositions = pgTable(
  'funding_grant_positions',
  {
    revisionId: uuid('revision_id')
      .notNull()
      .references(() => fundingGrantRevisions.id, { onDelete: 'cascade' }),
    budgetYear: integer('budget_year').notNull(),
    category: text('category').notNull(),
    amountCents: money('amount_cents').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.revisionId, t.budgetYear, t.category] }),
    check('funding_grant_positions_amount_ck', sql`${t.amountCents} >= 0`),
  ],
);

/** Spending (Ist) and commitments (Obligo) against a grant's position. */
export const fundingBookings = pgTable(
  'funding_bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    grantId: uuid('grant_id')
      .notNull()
      .references(() => fundingGrants.id),
    budgetYear: integer('budget_year').notNull(),
    category: text('category').notNull(),
    kind: text('kind').notNull(),
    status: text('status').notNull(),
    bookingDate: day('booking_date').notNull(),
    amountCents: money('amount_cents').notNull(),
    payee: text('payee').notNull(),
    receiptNo: text('receipt_no').notNull().default(''),
    description: text('description').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [index('funding_bookings_grant_idx').on(t.grantId, t.budgetYear), check('funding_bookings_amount_ck', sql`${t.amountCents} > 0`)],
);

export const fundingCalloffs = pgTable(
  'funding_calloffs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    grantId: uuid('grant_id')
      .notNull()
      .references(() => fundingGrants.id),
    budgetYear: integer('budget_year').notNull(),
    callDate: day('call_date').notNull(),
    amountCents: money('amount_cents').notNull(),
    status: text('status').notNull().default('planned'),
    receivedDate: day('received_date'),
    note: text('note').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [index('funding_calloffs_grant_idx').on(t.grantId, t.budgetYear), check('funding_calloffs_amount_ck', sql`${t.amountCents} > 0`)],
);

/** Weiterleitung an Dritte: the KI as first recipient passes money to an organisation under ANBest-P. */
export const fundingOnwardGrants = pgTable(
  'funding_onward_grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    grantId: uuid('grant_id')
      .notNull()
      .references(() => fundingGrants.id),
    budgetYear: integer('budget_year').notNull(),
    recipientOrganisationId: uuid('recipient_organisation_id')
      .notNull()
      .references(() => organisations.id),
    amountCents: money('amount_cents').notNull(),
    purpose: text('purpose').notNull(),
    agreementDate: day('agreement_date').notNull(),
    reportDueDate: day('report_due_date').notNull(),
    reportReceivedDate: day('report_received_date'),
    checkStatus: text('check_status').notNull().default('open'),
    checkNote: text('check_note').notNull().default(''),
    checkedBy: uuid('checked_by').references(() => users.id),
    checkedAt: ts('checked_at'),
    confirmedBy: uuid('confirmed_by').references(() => users.id),
    confirmedAt: ts('confirmed_at'),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [
    index('funding_onward_grants_grant_idx').on(t.grantId, t.budgetYear),
    check('funding_onward_grants_amount_ck', sql`${t.amountCents} > 0`),
  ],
);

/** Lump-sum money (Integrationspauschale) assigned to cover a programme's uncovered personnel cost in a year. */
export const fundingCoverageAllocations = pgTable(
  'funding_coverage_allocations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    lumpSumGrantId: uuid('lump_sum_grant_id')
      .notNull()
      .references(() => fundingGrants.id),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => fundingProgrammes.id),
    year: integer('year').notNull(),
    amountCents: money('amount_cents').notNull(),
    cancelled: boolean('cancelled').notNull().default(false),
    note: text('note').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [
    index('funding_coverage_allocations_year_idx').on(t.year),
    check('funding_coverage_allocations_amount_ck', sql`${t.amountCents} > 0`),
  ],
);

/** Verwendungsnachweis of one grant and budget year: the Sachbericht text and its finalisation by the KI-Leitung. */
export const fundingReports = pgTable(
  'funding_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    grantId: uuid('grant_id')
      .notNull()
      .references(() => fundingGrants.id),
    budgetYear: integer('budget_year').notNull(),
    status: text('status').notNull().default('draft'),
    narrative: text('narrative').notNull().default(''),
    finalisedBy: uuid('finalised_by').references(() => users.id),
    finalisedAt: ts('finalised_at'),
    version: integer('version').notNull().default(1),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [uniqueIndex('funding_reports_grant_year_uq').on(t.grantId, t.budgetYear)],
);

/** Reminders already sent (one per deadline, threshold and user), so the daily job never repeats itself. */
export const fundingRemindersSent = pgTable('funding_reminders_sent', {
  key: text('key').primaryKey(),
  sentAt: created(),
});
