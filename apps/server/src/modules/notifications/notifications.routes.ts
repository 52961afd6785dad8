import { z } from 'zod';
import { IdParams, OkResponse } from '@teilhabe/shared';
import type { Module } from '../../platform/http/app.js';
import { authed } from '../../platform/http/context.js';
import { notFound } from '../../platform/http/errors.js';
import * as repo from './notifications.repository.js';

const Notification = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
const tags = ['Benachrichtigungen'];

/** In-app notifications of the signed-in user; the scope (own notifications only) is part of every query. */
export const notificationsModule: Module = {
  name: 'notifications',
  register(app) {
    app.get(
      '/api/v1/notifications',
      { config: { access: 'authenticated' }, schema: { tags, summary: 'Eigene Benachrichtigungen', response: { 200: z.object({ items: z.array(Notification), unread: z.number() }) } } },
      async (request) => {
        const ctx = authed(request.ctx);
        const { rows, unread } = await repo.listForUser(ctx.tx, ctx.actor.userId);
        return { items: rows.map((r) => ({ ...r, readAt: r.readAt?.toISOString() ?? null, createdAt: r.createdAt.toISOString() })), unread };
      },
    );
    app.post(
      '/api/v1/notifications/:id/read',
      { config: { access: 'authenticated' }, schema: { tags, summary: 'Als gelesen markieren', params: IdParams, response: { 200: OkResponse } } },
      async (request) => {
        const ctx = authed(request.ctx);
        if (!(await repo.markRead(ctx.tx, ctx.actor.userId, request.params.id))) throw notFound('Benachrichtigung nicht gefunden.');
        await ctx.audit.record({ action: 'notifications.read', subjectType: 'notification', subjectId: request.params.id });
        return { ok: true as const };
      },
    );
  },
};
