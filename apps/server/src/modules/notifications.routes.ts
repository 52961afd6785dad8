import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { IdParams, OkResponse } from '@teilhabe/shared';
import type { Module } from '../platform/http/app.js';
import { authed } from '../platform/http/context.js';
import { notifications } from '../platform/db/schema.js';
import { notFound } from '../platform/http/errors.js';

const Notification = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});

/** In-app notifications of the signed-in user; scope is the user itself, in the query. */
export const notificationsModule: Module = {
  name: 'notifications',
  register(app) {
    app.get(
      '/api/v1/notifications',
      { config: { access: 'authenticated' }, schema: { tags: ['Benachrichtigungen'], summary: 'Eigene Benachrichtigungen', response: { 200: z.object({ items: z.array(Notification), unread: z.number() }) } } },
      async (request) => {
        const ctx = authed(request.ctx);
        const rows = await ctx.tx.select().from(notifications).where(eq(notifications.userId, ctx.actor.userId)).orderBy(desc(notifications.createdAt)).limit(50);
        const [count] = await ctx.tx
          .select({ n: sql<number>`count(*)::int` })
          .from(notifications)
          .where(and(eq(notifications.userId, ctx.actor.userId), isNull(notifications.readAt)));
        return {
          items: rows.map((r) => ({ ...r, readAt: r.readAt?.toISOString() ?? null, createdAt: r.createdAt.toISOString() })),
          unread: count?.n ?? 0,
        };
      },
    );
    app.post(
      '/api/v1/notifications/:id/read',
      { config: { access: 'authenticated' }, schema: { tags: ['Benachrichtigungen'], summary: 'Als gelesen markieren', params: IdParams, response: { 200: OkResponse } } },
      async (request) => {
        const ctx = authed(request.ctx);
        const rows = await ctx.tx
          .update(notifications)
          .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
          .where(and(eq(notifications.id, request.params.id), eq(notifications.userId, ctx.actor.userId)))
          .returning({ id: notifications.id });
        if (!rows.length) throw notFound('Benachrichtigung nicht gefunden.');
        await ctx.audit.record({ action: 'notifications.read', subjectType: 'notification', subjectId: request.params.id });
        return { ok: true as const };
      },
    );
  },
};
