import { currentTotp } from '../platform/auth/totp.js';
import { OperatorError } from '../platform/backup/operator.js';
import { DEMO_DOMAIN } from '../seed/demo.js';

export const TOTP_PERIOD_MS = 30_000;

export const totpStepAt = (ms: number) => Math.floor(ms / TOTP_PERIOD_MS);

export type AcceptableTotp = { code: string; step: number; validUntil: number } | { waitMs: number };

/**
 * The code the server accepts now for a user whose last accepted step is `lastStep`: it takes the current step ±1
 * but never a step twice (platform/auth/totp.ts). So: the current step, or the next one if the current was used;
 * if even that was used, how long to wait.
 */
export function acceptableTotp(secret: string, lastStep: number | null, now = Date.now()): AcceptableTotp {
  const current = totpStepAt(now);
  const step = Math.max(current, (lastStep ?? -Infinity) + 1);
  if (step > current + 1) return { waitMs: (step - 1) * TOTP_PERIOD_MS - now };
  return { code: currentTotp(secret, step * TOTP_PERIOD_MS), step, validUntil: (step + 2) * TOTP_PERIOD_MS };
}

/** `admin` → `admin@teilhabe.example`; any address outside the demo domain is refused. */
export function demoAddress(arg: string): string {
  const email = (arg.includes('@') ? arg : `${arg}@${DEMO_DOMAIN}`).trim().toLowerCase();
  if (!email.endsWith(`@${DEMO_DOMAIN}`)) {
    throw new OperatorError(
      `Nur für Demo-Zugänge (@${DEMO_DOMAIN}); ${email} wird abgelehnt.\nOnly for demo accounts (@${DEMO_DOMAIN}); ${email} is refused.`,
      3,
    );
  }
  return email;
}
