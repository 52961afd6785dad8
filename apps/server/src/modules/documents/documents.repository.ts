import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { users } from '../../platform/db/schema.js';
import { documents } from './documents.schema.js';

export type DocumentRow = typeof documents.$inferSelect;

const info = {
  id: documents.id,
  filename: documents.filename,
  mediaType: documents.mediaType,
  sizeBytes: documents.sizeBytes,
  sha256: documents.sha256,
  createdAt: documents.createdAt,
  createdBy: users.displayName,
};

export async function listDocuments(db: DbOrTx, ownerType: string, ownerId: string) {
  return db
    .select(info)
    .from(documents)
    .leftJoin(users, eq(users.id, documents.createdBy))
    .where(and(eq(documents.ownerType, ownerType), eq(documents.ownerId, ownerId), isNull(documents.deletedAt)))
    .orderBy(asc(documents.createdAt));
}

export async function insertDocument(db: DbOrTx, values: typeof documents.$inferInsert) {
  const [row] = await db.insert(documents).values(values).returning({ id: documents.id });
  return row!;
}

export async function findDocument(db: DbOrTx, ownerType: string, ownerId: string, id: string) {
  const [row] = await db
    .select()
    .from(documents)
    .where(and(eq(documents.id, id), eq(documents.ownerType, ownerType), eq(documents.ownerId, ownerId), isNull(documents.deletedAt)));
  return row;
}

export async function findDocumentInfo(db: DbOrTx, id: string) {
  const [row] = await db.select(info).from(documents).leftJoin(users, eq(users.id, documents.createdBy)).where(eq(documents.id, id));
  return row!;
}

/** Soft delete: the row stays (who uploaded and deleted what, when); the content is dropped. */
export async function softDeleteDocument(db: DbOrTx, id: string, userId: string | null) {
  await db
    .update(documents)
    .set({ deletedAt: new Date(), deletedBy: userId, content: Buffer.alloc(0) })
    .where(and(eq(documents.id, id), isNull(documents.deletedAt)));
}

/** Moves documents of one owner to another (person merge); returns the ids moved. */
export async function reassignDocuments(db: DbOrTx, ownerType: string, fromId: string, toId: string, onlyIds?: string[]) {
  if (onlyIds && onlyIds.length === 0) return [];
  const rows = await db
    .update(documents)
    .set({ ownerId: toId })
    .where(
      and(
        eq(documents.ownerType, ownerType),
        eq(documents.ownerId, fromId),
        onlyIds ? sql`${documents.id} IN (${sql.join(onlyIds.map((id) => sql`${id}::uuid`), sql`, `)})` : undefined,
      ),
    )
    .returning({ id: documents.id });
  return rows.map((r) => r.id);
}

/** Anonymisation: every document of the owners loses name and content (the row remains as a count). */
export async function eraseDocuments(db: DbOrTx, ownerType: string, ownerIds: string[]) {
  if (!ownerIds.length) return 0;
  const rows = await db
    .update(documents)
    .set({ filename: 'anonymisiert', content: Buffer.alloc(0), sha256: '', deletedAt: sql`coalesce(${documents.deletedAt}, now())` })
    .where(and(eq(documents.ownerType, ownerType), sql`${documents.ownerId} IN (${sql.join(ownerIds.map((id) => sql`${id}::uuid`), sql`, `)})`))
    .returning({ id: documents.id });
  return rows.length;
}
