import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { PASSWORD_MIN_LENGTH } from '@teilhabe/shared';

// OWASP/BSI floor for argon2id: 19 MiB, 2 passes, 1 lane.
// algorithm 2 = Argon2id (the package's const enum cannot be imported under isolatedModules)
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  // Unknown users and users without a password still cost one verification, so timing reveals nothing.
  const target = storedHash ?? (await dummyHash());
  try {
    const ok = await verify(target, password);
    return ok && storedHash !== null;
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
function dummyHash() {
  dummy ??= hash('teilhabe-dummy-password-for-timing', ARGON2);
  return dummy;
}

const COMMON = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
const CONTEXT_WORDS = ['teilhabe', 'integrationszentrum', 'kommunalesintegrationszentrum', 'integration', 'passwort', 'password', 'rheinsiegkreis', 'siegburg'];

/** Returns a German reason why the password is refused, or null. No composition rules (NIST 800-63B, ASVS 6.2). */
export function passwordProblem(password: string, context: { email?: string } = {}): string | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return `Das Passwort muss mindestens ${PASSWORD_MIN_LENGTH} Zeichen lang sein.`;
  const lower = password.toLowerCase();
  // The "core" is what remains after stripping the digits and symbols people append or prepend.
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '').replace(/[^\p{L}\p{N}]/gu, '');
  const local = context.email?.split('@')[0]?.replace(/[^\p{L}\p{N}]/gu, '').toLowerCase();
  if (COMMON.has(lower) || COMMON.has(core) || CONTEXT_WORDS.includes(core) || (local && local.length >= 3 && core === local)) {
    return 'Dieses Passwort ist zu leicht zu erraten (es steht auf einer Liste häufiger Passwörter oder enthält nur Ihren Namen bzw. den Namen der Einrichtung).';
  }
  if (/^(.)\1+$/u.test(password)) return 'Das Passwort darf nicht aus einem einzigen wiederholten Zeichen bestehen.';
  return null;
}
