import { z } from 'zod';

export const AuditEvent = z.object({
  seq: z.number().int(),
  id: z.string(),
  occurredAt: z.string(),
  actorId: z.string().nullable(),
  actorEmail: z.string().nullable(),
  actorRole: z.string().nullable(),
  organisationId: z.string().nullable(),
  action: z.string(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  outcome: z.enum(['success', 'denied', 'failure']),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

const dateTime = z.iso.datetime({ offset: true, message: 'Datum/Uhrzeit im ISO-Format erwartet' });

export const AuditQuery = z.strictObject({
  actorId: z.uuid({ message: 'Keine gültige ID' }).optional(),
  action: z.string().max(100).regex(/^[a-z_.]*$/, { message: 'Nur Kleinbuchstaben, Punkt und Unterstrich' }).optional(),
  subjectType: z.string().max(60).regex(/^[a-z_]*$/, { message: 'Nur Kleinbuchstaben und Unterstrich' }).optional(),
  subjectId: z.string().max(100).optional(),
  from: dateTime.optional(),
  to: dateTime.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
export type AuditQuery = z.infer<typeof AuditQuery>;
