import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { users } from '../db/schema.js';
import { AppError, fieldError } from '../http/errors.js';
import { matchTotp } from './totp.js';

/**
 * Step-up check before a sensitive action (e.g. break-glass): the signed-in user confirms with a fresh TOTP code.
 * The matched time step is stored in the same transaction, so a code is never accepted twice (nor an older one).
 * Throws 403 `step_up_required` when the user has no second factor yet, 400 on field `totp` when the code is wrong
 * or already used.
 */
export async function verifyStepUp(tx: DbOrTx, userId: string, code: string, field = 'totp'): Promise<void> {
  const [row] = await tx
    .select({ secret: users.totpSecret, enabled: users.totpEnabled, lastStep: users.totpLastStep })
    .from(users)
    .where(eq(users.id, userId));
  if (!row?.enabled || !row.secret) {
    throw new AppError(403, 'step_up_required', 'Dafür ist die Zwei-Faktor-Anmeldung nötig. Bitte zuerst im Profil einrichten.');
  }
  const step = matchTotp(row.secret, code, row.lastStep);
  if (step === null) throw fieldError(field, 'Der Code ist falsch oder wurde schon verwendet.');
  // Conditional update: of two concurrent requests with the same code only one wins.
  const used = await tx
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), sql`(${users.totpLastStep} IS NULL OR ${users.totpLastStep} < ${step})`))
    .returning({ id: users.id });
  if (used.length !== 1) throw fieldError(field, 'Der Code ist falsch oder wurde schon verwendet.');
}
