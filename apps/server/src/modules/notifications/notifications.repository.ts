import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { notifications } from '../../platform/db/schema.js';

export async function listForUser(db: DbOrTx, userId: string, limit = 50) {
  const rows = await db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(desc(notifications.createdAt)).limit(limit);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return { rows, unread: count?.n ?? 0 };
}

/** Marks one of the user's own notifications read; another user's id matches nothing (→ 404). */
export async function markRead(db: DbOrTx, userId: string, id: string): Promise<boolean> {
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning({ id: notifications.id });
  return rows.length === 1;
}

export async function notify(db: DbOrTx, values: { userId: string; kind: string; title: string; body?: string; link?: string }) {
  await db.insert(notifications).values({ ...values, body: values.body ?? '' });
}
