import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgSequence, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../../platform/db/schema.js';
import { persons } from '../people/people.schema.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const caseNumberSeq = pgSequence('case_number_seq', { startWith: 1 });

/** A KIM case-management episode of one person, owned by an organisation and its case manager. */
export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseNumber: text('case_number').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    caseManagerId: uuid('case_manager_id')
      .notNull()
      .references(() => users.id),
    phase: text('phase').notNull().default('access'),
    phaseChangedAt: ts('phase_changed_at').notNull().defaultNow(),
    referringBody: text('referring_body').notNull(),
    referringNote: text('referring_note').notNull().default(''),
    firstConcern: text('first_concern').notNull().default(''),
    openedAt: date('opened_at').notNull(),
    clearingOutcome: text('clearing_outcome'),
    clearingCriteria: jsonb('clearing_criteria').$type<{ code: string; met: boolean }[]>().notNull().default([]),
    closedAt: date('closed_at'),
    closureReason: text('closure_reason'),
    closureNote: text('closure_note').notNull().default(''),
    reviewDueAt: date('review_due_at'),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('cases_number_uq').on(t.caseNumber),
    index('cases_org_idx').on(t.organisationId, t.phase),
    index('cases_person_idx').on(t.personId),
    index('cases_manager_idx').on(t.caseManagerId),
    index('cases_opened_idx').on(t.openedAt),
  ],
);

/** Deputies (Vertretungen) of a case: they work on the case like its case manager. */
export const caseTeam = pgTable(
  'case_team',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role').notNull().default('deputy'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.userId] }), index('case_team_user_idx').on(t.userId)],
);

/** Who moved a case to which phase, when (the case row holds only the current phase). */
export const casePhaseEvents = pgTable(
  'case_phase_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    fromPhase: text('from_phase'),
    toPhase: text('to_phase').notNull(),
    actorId: uuid('actor_id').references(() => users.id),
    occurredAt: ts('occurred_at').notNull().defaultNow(),
    note: text('note').notNull().default(''),
  },
  (t) => [index('case_phase_events_case_idx').on(t.caseId, t.occurredAt)],
);

/** Beratungskontakt. The note carries its own confidentiality and is never shown to partners. */
export const caseContacts = pgTable(
  'case_contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    occurredAt: ts('occurred_at').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    mode: text('mode').notNull(),
    participants: text('participants').notNull().default(''),
    interpreterUsed: boolean('interpreter_used').notNull().default(false),
    lifeDomains: text('life_domains')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    note: text('note').notNull().default(''),
    noteConfidentiality: text('note_confidentiality').notNull().default('team'),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    authorOrganisationId: uuid('author_organisation_id').references(() => organisations.id),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('case_contacts_case_idx').on(t.caseId, t.occurredAt), index('case_contacts_time_idx').on(t.occurredAt, t.caseId)],
);

/** Hilfeplan goal per Lebensbereich with steps, responsible organisation and due date. */
export const caseGoals = pgTable(
  'case_goals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    lifeDomain: text('life_domain').notNull(),
    title: text('title').notNull(),
    steps: jsonb('steps').$type<{ text: string; done: boolean }[]>().notNull().default([]),
    responsibleOrganisationId: uuid('responsible_organisation_id').references(() => organisations.id),
    dueDate: date('due_date'),
    status: text('status').notNull().default('open'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('case_goals_case_idx').on(t.caseId)],
);

/** Assessment of one Lebensbereich: need level 0–3, need and resources. */
export const caseAssessments = pgTable(
  'case_assessments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    lifeDomain: text('life_domain').notNull(),
    needLevel: integer('need_level').notNull().default(0),
    need: text('need').notNull().default(''),
    resources: text('resources').notNull().default(''),
    updatedBy: uuid('updated_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('case_assessments_uq').on(t.caseId, t.lifeDomain)],
);

/** Wiedervorlage: a task on a case with a due date for one user. */
export const caseTasks = pgTable(
  'case_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    assigneeId: uuid('assignee_id')
      .notNull()
      .references(() => users.id),
    title: text('title').notNull(),
    dueDate: date('due_date').notNull(),
    doneAt: ts('done_at'),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('case_tasks_assignee_idx').on(t.assigneeId, t.dueDate), index('case_tasks_case_idx').on(t.caseId)],
);

/** Break-glass: read-only access of one user to one case outside their scope, for 30 minutes, reviewed afterwards. */
export const breakGlassSessions = pgTable(
  'break_glass_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    reasonCategory: text('reason_category').notNull(),
    justification: text('justification').notNull(),
    startedAt: ts('started_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    endedAt: ts('ended_at'),
    reviewOutcome: text('review_outcome'),
    reviewNote: text('review_note').notNull().default(''),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewedAt: ts('reviewed_at'),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('break_glass_user_case_idx').on(t.userId, t.caseId), index('break_glass_case_idx').on(t.caseId)],
);

/** Systembarriere: an anonymised structural barrier seen in a case (no personal data in the text). */
export const structuralBarriers = pgTable(
  'structural_barriers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').references(() => cases.id, { onDelete: 'set null' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    category: text('category').notNull(),
    agency: text('agency').notNull().default(''),
    lifeDomain: text('life_domain'),
    description: text('description').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('structural_barriers_org_idx').on(t.organisationId, t.createdAt)],
);

/**
 * Daily contact counts per organisation, kept by a statement-level trigger on case_contacts (migration
 * 0011_kim_contact_counts): the evaluation sums a few thousand rows instead of scanning millions of contacts.
 * `dim` is mode, interpreter or domain; `key` its value.
 */
export const caseContactDaily = pgTable(
  'case_contact_daily',
  {
    organisationId: uuid('organisation_id').notNull(),
    day: date('day').notNull(),
    dim: text('dim').notNull(),
    key: text('key').notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.day, t.dim, t.key] })],
);
