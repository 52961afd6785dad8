import { z } from 'zod';

// Answer shapes of docs/api-foundation.md that packages/shared does not export (yet).

export const LogoutAllResponse = z.object({ ok: z.literal(true), ended: z.number().int() });

export const SetupLinkResponse = z.object({ setupUrl: z.string(), setupExpiresAt: z.string(), emailSent: z.boolean() });
export type SetupLinkResponse = z.infer<typeof SetupLinkResponse>;

export const NotificationItem = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type NotificationItem = z.infer<typeof NotificationItem>;

export const NotificationsResponse = z.object({ items: z.array(NotificationItem), unread: z.number().int() });

export const AuditVerifyResponse = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBroken: z.object({ seq: z.number().int(), id: z.string(), reason: z.string() }).optional(),
});
export type AuditVerifyResponse = z.infer<typeof AuditVerifyResponse>;
