import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../platform/db/schema.js';
import { persons } from './people.schema.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** What a merge moved from the merged person to the surviving one: ids per table, so an unmerge moves exactly these back. */
export interface MergeMoved {
  cases: string[];
  consents: string[];
  referrals: string[];
  documents: string[];
  residenceStatuses: string[];
  /** person_relations rows re-pointed, with the column that pointed to the merged person. */
  relations: { id: string; column: 'person_id' | 'related_person_id' }[];
  /** person_relations rows dropped because they would duplicate or self-link; restored on unmerge. */
  droppedRelations: { personId: string; relatedPersonId: string; kind: string; familyRole: string | null }[];
}

/**
 * Zusammenführung of a duplicate (four eyes): requested by one user, approved by a KI-Leitung who is not the requester.
 * status: pending → approved (→ undone) | rejected.
 */
export const personMerges = pgTable(
  'person_merges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The duplicate that is merged away (stays as a row with persons.merged_into_id). */
    sourcePersonId: uuid('source_person_id')
      .notNull()
      .references(() => persons.id),
    /** The person that keeps everything. */
    targetPersonId: uuid('target_person_id')
      .notNull()
      .references(() => persons.id),
    reason: text('reason').notNull(),
    status: text('status').notNull().default('pending'),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id),
    requestedAt: ts('requested_at').notNull().defaultNow(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: ts('decided_at'),
    decisionNote: text('decision_note').notNull().default(''),
    moved: jsonb('moved').$type<MergeMoved>(),
    undoneBy: uuid('undone_by').references(() => users.id),
    undoneAt: ts('undone_at'),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('person_merges_source_idx').on(t.sourcePersonId), index('person_merges_target_idx').on(t.targetPersonId), index('person_merges_status_idx').on(t.status)],
);

/** Löschung/Anonymisierung nach Art. 17 DSGVO (four eyes): requested by one user, approved by a KI-Leitung. */
export const personErasureRequests = pgTable(
  'person_erasure_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    reason: text('reason').notNull(),
    /** pending → approved | rejected */
    status: text('status').notNull().default('pending'),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id),
    requestedAt: ts('requested_at').notNull().defaultNow(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: ts('decided_at'),
    decisionNote: text('decision_note').notNull().default(''),
    /** Recipient organisations of earlier shares at the time of approval, to be told about the erasure (Art. 19). */
    notifyOrganisations: jsonb('notify_organisations').$type<{ id: string; name: string; notifiedInApp?: boolean }[]>(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('person_erasure_requests_person_idx').on(t.personId), index('person_erasure_requests_status_idx').on(t.status)],
);

/** Rechtliche Sperre (legal hold): while set, the person is neither anonymised on request nor by the retention job. */
export const personLegalHolds = pgTable('person_legal_holds', {
  personId: uuid('person_id')
    .primaryKey()
    .references(() => persons.id),
  reason: text('reason').notNull(),
  setBy: uuid('set_by').references(() => users.id),
  setAt: ts('set_at').notNull().defaultNow(),
});

/**
 * Aufbewahrungsregeln per record class. `anonymiseAfterMonths`: the nightly job anonymises after that many months
 * since the last case closure; `minRetentionMonths`: an erasure request is refused before that many months.
 */
export const retentionRules = pgTable('retention_rules', {
  recordClass: text('record_class').primaryKey(),
  anonymiseAfterMonths: integer('anonymise_after_months').notNull(),
  minRetentionMonths: integer('min_retention_months').notNull().default(0),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});
