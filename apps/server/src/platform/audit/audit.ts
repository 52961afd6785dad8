import { auditEvents } from '../db/schema.js';
import type { DbOrTx } from '../db/client.js';
import type { Actor } from '../access/actor.js';
import { AppError } from '../http/errors.js';

export type AuditOutcome = 'success' | 'denied' | 'failure';

export interface AuditEntry {
  /** `<feature>.<verb>`, e.g. `users.create`, `auth.login_failed`, `cases.read` */
  action: string;
  subjectType?: string;
  subjectId?: string;
  outcome?: AuditOutcome;
  /** Identifiers and categories only: never field values, names or free text. */
  details?: Record<string, unknown>;
}

export interface AuditOrigin {
  actor: Actor | null;
  requestId?: string;
  /** For events without a session actor (failed logins): the user concerned, if known. */
  actorId?: string;
}

/** Writes audit events in the caller's transaction: if the change rolls back, so does its audit row, and vice versa. */
export class AuditWriter {
  constructor(
    private readonly tx: DbOrTx,
    private readonly origin: AuditOrigin,
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    await recordAudit(this.tx, this.origin, entry);
  }
}

/**
 * Fails closed: when the audit row cannot be written the request answers 503 and its transaction rolls back, so no
 * data leaves and no change is kept without its record.
 */
export async function recordAudit(tx: DbOrTx, origin: AuditOrigin, entry: AuditEntry): Promise<void> {
  try {
    await insertAudit(tx, origin, entry);
  } catch (error) {
    throw Object.assign(
      new AppError(503, 'service_unavailable', 'Das Protokoll kann gerade nicht geschrieben werden. Aus Sicherheitsgründen wird nichts angezeigt oder gespeichert – bitte später erneut versuchen.'),
      { cause: error },
    );
  }
}

async function insertAudit(tx: DbOrTx, origin: AuditOrigin, entry: AuditEntry): Promise<void> {
  const actor = origin.actor;
  await tx.insert(auditEvents).values({
    actorId: actor?.userId ?? origin.actorId ?? null,
    actorRole: actor?.roles.join(',') || null,
    organisationId: actor?.organisationIds[0] ?? null,
    sessionHash: actor?.sessionHash.slice(0, 16) ?? null,
    requestId: origin.requestId ?? null,
    action: entry.action,
    subjectType: entry.subjectType ?? null,
    subjectId: entry.subjectId ?? null,
    outcome: entry.outcome ?? 'success',
    details: entry.details ?? {},
  });
}
