import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { SurveyAnswers, SurveyQuestion } from '@teilhabe/shared';
import { organisations, users } from '../../platform/db/schema.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** An "Abfrage der Kommunen": a questionnaire the KI sends to every Kommune of the Kreis. */
export const surveys = pgTable('surveys', {
  id: uuid('id').primaryKey().defaultRandom(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  /** draft → open (sent) → closed */
  status: text('status').notNull().default('draft'),
  questions: jsonb('questions').$type<SurveyQuestion[]>().notNull().default(sql`'[]'::jsonb`),
  templateKey: text('template_key'),
  deadline: date('deadline'),
  sentAt: ts('sent_at'),
  closedAt: ts('closed_at'),
  lastRemindedAt: ts('last_reminded_at'),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** One response per Kommune and survey, filled in by the Kommune's `municipality` users. */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** pending (nothing saved) → draft (saved) → submitted */
    status: text('status').notNull().default('pending'),
    answers: jsonb('answers').$type<SurveyAnswers>().notNull().default(sql`'{}'::jsonb`),
    submittedAt: ts('submitted_at'),
    submittedBy: uuid('submitted_by').references(() => users.id, { onDelete: 'set null' }),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('survey_responses_survey_org_uq').on(t.surveyId, t.organisationId), index('survey_responses_org_idx').on(t.organisationId)],
);
