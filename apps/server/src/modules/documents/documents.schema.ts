import { bigint, customType, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../../platform/db/schema.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * Uploaded files (PDF, images, DOCX) of a person, case, grant or interpreter. The content lives in the database
 * (bytea) so that it is covered by the same transaction, scope rules and pg_dump backup as the record it belongs to
 * (docs/adr/0013-documents.md). A deleted document keeps its row (who, when) but loses its content.
 */
export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** 'person' | 'case' | 'grant' | 'interpreter' */
    ownerType: text('owner_type').notNull(),
    ownerId: uuid('owner_id').notNull(),
    /** The organisation the owning record belongs to (scope of list and download). */
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    filename: text('filename').notNull(),
    /** Detected from the content (magic bytes), never taken from the client. */
    mediaType: text('media_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    deletedAt: ts('deleted_at'),
    deletedBy: uuid('deleted_by').references(() => users.id),
  },
  (t) => [index('documents_owner_idx').on(t.ownerType, t.ownerId)],
);
