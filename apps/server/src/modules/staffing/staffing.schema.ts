import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations } from '../../platform/db/schema.js';
import { fundingProgrammes } from '../funding/funding.schema.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const created = () => ts('created_at').notNull().defaultNow();
const updated = () => ts('updated_at').notNull().defaultNow();
const day = (name: string) => date(name, { mode: 'string' });
const money = (name: string) => bigint(name, { mode: 'number' });

/** A post (Stelle) of the Stellenplan; FTE in thousandths (500 = 0,5 VZÄ). */
export const staffingPosts = pgTable(
  'staffing_posts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    postNumber: text('post_number').notNull(),
    title: text('title').notNull(),
    postType: text('post_type').notNull(),
    fteMilli: integer('fte_milli').notNull(),
    payGrade: text('pay_grade').notNull(),
    notes: text('notes').notNull().default(''),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [
    uniqueIndex('staffing_posts_number_uq').on(t.postNumber),
    index('staffing_posts_org_idx').on(t.organisationId),
    check('staffing_posts_fte_ck', sql`${t.fteMilli} BETWEEN 1 AND 1000`),
  ],
);

/** Which programme (or Baustein) funds how much of a post, at which flat rate per VZÄ, for which period. */
export const staffingPostFundings = pgTable(
  'staffing_post_fundings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    postId: uuid('post_id')
      .notNull()
      .references(() => staffingPosts.id, { onDelete: 'cascade' }),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => fundingProgrammes.id),
    fteMilli: integer('fte_milli').notNull(),
    flatRatePerFteCents: money('flat_rate_per_fte_cents').notNull(),
    validFrom: day('valid_from').notNull(),
    validTo: day('valid_to'),
    version: integer('version').notNull().default(1),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [
    index('staffing_post_fundings_post_idx').on(t.postId),
    check('staffing_post_fundings_ck', sql`${t.fteMilli} BETWEEN 1 AND 1000 AND ${t.flatRatePerFteCents} >= 0`),
  ],
);

/** Who holds a post under which contract; a post without a current holder is vacant. */
export const staffingOccupancies = pgTable(
  'staffing_occupancies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    postId: uuid('post_id')
      .notNull()
      .references(() => staffingPosts.id, { onDelete: 'cascade' }),
    holderName: text('holder_name').notNull(),
    fteMilli: integer('fte_milli').notNull(),
    contractStart: day('contract_start').notNull(),
    contractEnd: day('contract_end'),
    version: integer('version').notNull().default(1),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [index('staffing_occupancies_post_idx').on(t.postId), index('staffing_occupancies_end_idx').on(t.contractEnd)],
);

/** Yearly employer cost of one full-time post per pay grade (configurable, e.g. from the KGSt tables). */
export const staffingPayGradeCosts = pgTable(
  'staffing_pay_grade_costs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    year: integer('year').notNull(),
    payGrade: text('pay_grade').notNull(),
    annualCostCents: money('annual_cost_cents').notNull(),
    version: integer('version').notNull().default(1),
    updatedAt: updated(),
  },
  (t) => [
    uniqueIndex('staffing_pay_grade_costs_uq').on(t.year, t.payGrade),
    check('staffing_pay_grade_costs_ck', sql`${t.annualCostCents} >= 0`),
  ],
);
