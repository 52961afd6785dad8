import { describe, expect, it } from 'vitest';
import { PASSWORD_MIN_LENGTH } from '@teilhabe/shared';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';

describe('password hashing (A-02)', () => {
  it('stores Argon2id with m = 19 MiB, t = 2, p = 1 and a salt of its own per hash', async () => {
    const a = await hashPassword('Korrekt-Pferd-Batterie-42');
    const b = await hashPassword('Korrekt-Pferd-Batterie-42');
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('Korrekt');
  });

  it('verifies the right password and refuses others', async () => {
    const stored = await hashPassword('Größenwahn 🦊 in Köln');
    expect(await verifyPassword(stored, 'Größenwahn 🦊 in Köln')).toBe(true);
    expect(await verifyPassword(stored, 'Größenwahn 🦊 in Koln')).toBe(false);
    expect(await verifyPassword(stored, 'größenwahn 🦊 in köln')).toBe(false);
    expect(await verifyPassword(stored, '')).toBe(false);
  });

  it('refuses users without a password or with a broken hash, without throwing', async () => {
    expect(await verifyPassword(null, 'teilhabe-dummy-password-for-timing')).toBe(false);
    expect(await verifyPassword(null, 'irgendwas')).toBe(false);
    expect(await verifyPassword('kein-hash', 'irgendwas')).toBe(false);
    expect(await verifyPassword('$argon2id$v=19$m=19456,t=2,p=1$kaputt', 'irgendwas')).toBe(false);
  });
});

describe('password policy (A-01)', () => {
  it(`requires at least ${PASSWORD_MIN_LENGTH} characters, counted as characters, not UTF-16 units`, () => {
    expect(passwordProblem('Abcdefghij1')).toMatch(/mindestens 12 Zeichen/);
    expect(passwordProblem('Abcdefghij12')).toBeNull();
    // 11 emoji are 22 UTF-16 units but 11 characters.
    expect(passwordProblem('🦊'.repeat(6) + '🐻'.repeat(5))).toMatch(/mindestens/);
    expect(passwordProblem('🦊🐻🦉🐝🐞🦋🐢🐙🦀🐡🦜🦔')).toBeNull();
  });

  it.each([
    'Integrationszentrum2025!',
    'integrationszentrum',
    '2025Teilhabe!!',
    'Passwort123456',
    'password1234',
    '!!iloveyou2024',
    'Rhein-Sieg-Kreis 2025',
    'Siegburg123456',
    'qwertyuiop12',
  ])('refuses the guessable %j', (password) => {
    expect(passwordProblem(password)).toMatch(/zu leicht zu erraten/);
  });

  it('refuses the user’s own name from the e-mail address and a single repeated character', () => {
    expect(passwordProblem('MariaSchmidt2025!', { email: 'maria.schmidt@kreis.example' })).toMatch(/zu leicht/);
    expect(passwordProblem('MariaSchmidt2025!', { email: 'jonas@kreis.example' })).toBeNull();
    expect(passwordProblem('aaaaaaaaaaaaaaaa')).toMatch(/wiederholten Zeichen/);
  });

  it('has no composition rules: long passphrases of any script pass', () => {
    for (const p of [
      'correct horse battery staple',
      'Lang-'.repeat(25) + 'xyz',
      'مرحبا-Привет-Dobrý-den',
      'nurkleinbuchstabenohnezahlen',
      '  Leerzeichen zählen mit  ',
    ]) {
      expect(passwordProblem(p), p).toBeNull();
    }
  });
});
