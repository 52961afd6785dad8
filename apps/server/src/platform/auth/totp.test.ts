import { TOTP, Secret } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { currentTotp, matchTotp, newTotpSecret, otpauthUrl } from './totp.js';

const secret = newTotpSecret();
// A fixed moment in the middle of a 30-second step.
const NOW = Date.UTC(2026, 2, 1, 9, 0, 15);
const STEP = Math.floor(NOW / 30_000);
const codeAt = (offsetSteps: number) => currentTotp(secret, NOW + offsetSteps * 30_000);

describe('TOTP (RFC 6238, 30 s, ±1 step, single use)', () => {
  it('creates a 160-bit base32 secret and an otpauth URL for authenticator apps', () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
    const url = otpauthUrl(secret, 'leitung@kreis.example');
    expect(url).toMatch(/^otpauth:\/\/totp\/Teilhabe:leitung%40kreis\.example\?/);
    expect(url).toContain(`secret=${secret}`);
    expect(url).toContain('period=30');
    expect(url).toContain('digits=6');
  });

  it('generates the same code as any RFC 6238 implementation', () => {
    const reference = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
    expect(currentTotp(secret, NOW)).toBe(reference.generate({ timestamp: NOW }));
    expect(currentTotp(secret, NOW)).toMatch(/^\d{6}$/);
  });

  it('accepts the current code and the codes one step before and after, returning the matched step', () => {
    expect(matchTotp(secret, codeAt(0), null, NOW)).toBe(STEP);
    expect(matchTotp(secret, codeAt(-1), null, NOW)).toBe(STEP - 1);
    expect(matchTotp(secret, codeAt(1), null, NOW)).toBe(STEP + 1);
  });

  it('refuses codes two or more steps away', () => {
    for (const offset of [-3, -2, 2, 3]) {
      if ([-1, 0, 1].some((o) => codeAt(o) === codeAt(offset))) continue; // a rare collision of 6-digit codes
      expect(matchTotp(secret, codeAt(offset), null, NOW), `offset ${offset}`).toBeNull();
    }
  });

  it('refuses the reuse of a step and of any earlier step', () => {
    const step = matchTotp(secret, codeAt(0), null, NOW)!;
    expect(matchTotp(secret, codeAt(0), step, NOW)).toBeNull();
    expect(matchTotp(secret, codeAt(0), step, NOW + 20_000)).toBeNull();
    expect(matchTotp(secret, codeAt(-1), step, NOW)).toBeNull();
    // The next step's code is still fine.
    expect(matchTotp(secret, codeAt(1), step, NOW)).toBe(step + 1);
  });

  it('refuses wrong and malformed codes', () => {
    const valid = new Set([-1, 0, 1].map(codeAt));
    const wrong = ['000000', '123456', '999999'].find((c) => !valid.has(c))!;
    expect(matchTotp(secret, wrong, null, NOW)).toBeNull();
    expect(matchTotp(secret, '', null, NOW)).toBeNull();
    expect(matchTotp(secret, 'abcdef', null, NOW)).toBeNull();
    expect(matchTotp(secret, codeAt(0) + '0', null, NOW)).toBeNull();
    expect(matchTotp(newTotpSecret(), codeAt(0), null, NOW) === null || valid.size < 3).toBe(true);
  });
});
