import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

export const TOTP_ISSUER = 'Teilhabe';

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secret: string, label: string) {
  return new TOTP({ issuer: TOTP_ISSUER, label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });
}

export function otpauthUrl(secret: string, email: string): string {
  return totp(secret, email).toString();
}

export async function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
}

/**
 * Checks a code against the current step ±1 and returns the step it matched, so the caller can refuse reuse of that
 * step (or any earlier one). Returns null when the code is wrong.
 */
export function matchTotp(secret: string, code: string, lastStep: number | null, now = Date.now()): number | null {
  const delta = totp(secret, 'x').validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return null;
  const step = Math.floor(now / 1000 / 30) + delta;
  if (lastStep !== null && step <= lastStep) return null;
  return step;
}

export function currentTotp(secret: string, now = Date.now()): string {
  return totp(secret, 'x').generate({ timestamp: now });
}
