import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { idempotencyKeys } from '../db/schema.js';
import { AppError } from './errors.js';

/** The version an update is based on, from `If-Match` (a plain number or a quoted ETag such as `"3"`). */
export function requiredVersion(request: FastifyRequest): number {
  const raw = request.headers['if-match'];
  if (raw === undefined) {
    throw new AppError(428, 'precondition_required', 'Die Kopfzeile „If-Match“ mit der Version des Datensatzes fehlt.');
  }
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(String(raw).trim());
  if (!match) throw new AppError(400, 'validation_failed', 'Die Kopfzeile „If-Match“ muss die Versionsnummer enthalten.', { 'If-Match': 'Ungültige Version' });
  return Number(match[1]);
}

const KEY_PATTERN = /^[\w-]{8,100}$/;

/**
 * Runs a create at most once per `Idempotency-Key` and actor: a repeat with the same body gets the first answer,
 * a repeat with a different body gets 422. Concurrent repeats wait on the key row, so only one create ever runs.
 */
export async function idempotent<T>(
  db: DbOrTx,
  request: FastifyRequest,
  actorId: string,
  create: () => Promise<{ status: number; body: T }>,
): Promise<{ status: number; body: T; replayed: boolean }> {
  const key = request.headers['idempotency-key'];
  if (key === undefined) return { ...(await create()), replayed: false };
  if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
    throw new AppError(400, 'validation_failed', 'Die Kopfzeile „Idempotency-Key“ muss 8–100 Zeichen aus Buchstaben, Ziffern, - und _ haben.', {
      'Idempotency-Key': 'Ungültiger Schlüssel',
    });
  }
  const route = `${request.method} ${request.routeOptions.url}`;
  const requestHash = createHash('sha256').update(route).update(JSON.stringify(request.body ?? null)).digest('hex');
  const claimed = await db
    .insert(idempotencyKeys)
    .values({ actorId, key, route, requestHash, statusCode: 0, response: sql`'null'::jsonb` })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (claimed.length === 0) {
    const [previous] = await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.actorId, actorId), eq(idempotencyKeys.key, key)));
    if (!previous || previous.requestHash !== requestHash) {
      throw new AppError(422, 'idempotency_mismatch', 'Dieser Idempotency-Key wurde bereits für eine andere Anfrage verwendet.');
    }
    return { status: previous.statusCode, body: previous.response as T, replayed: true };
  }
  const result = await create();
  await db
    .update(idempotencyKeys)
    .set({ statusCode: result.status, response: sql`${JSON.stringify(result.body)}::jsonb` })
    .where(and(eq(idempotencyKeys.actorId, actorId), eq(idempotencyKeys.key, key)));
  return { ...result, replayed: false };
}
