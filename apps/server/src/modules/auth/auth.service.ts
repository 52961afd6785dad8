import { TOTP_REQUIRED_ROLES, type LoginBody, type Me, type Role } from '@teilhabe/shared';
import type { Config } from '../../config.js';
import type { AuthedContext, RequestContext } from '../../platform/http/context.js';
import { AppError, conflict, fieldError, notFound } from '../../platform/http/errors.js';
import { hashPassword, passwordProblem, verifyPassword } from '../../platform/auth/passwords.js';
import { closeAllSessions, closeSession, loadSession, markReauthenticated, openSession } from '../../platform/auth/sessions.js';
import { clearFailures, lockedFor, recordFailure } from '../../platform/auth/throttle.js';
import { matchTotp, newTotpSecret, otpauthUrl, qrSvg } from '../../platform/auth/totp.js';
import { newToken, sha256 } from '../../platform/auth/tokens.js';
import { recordAudit } from '../../platform/audit/audit.js';
import * as repo from './auth.repository.js';
import { presentMe } from './auth.presenter.js';

export type LoginOutcome =
  | { kind: 'ok'; token: string; csrfToken: string; user: Me }
  | { kind: 'totp_required' }
  | { kind: 'failed'; message: string }
  | { kind: 'throttled'; retryAfterSeconds: number };

const WRONG_CREDENTIALS = 'E-Mail-Adresse oder Passwort ist falsch.';
export const SETUP_LINK_HOURS = 24;

export async function login(
  ctx: RequestContext,
  body: LoginBody,
  client: { userAgent?: string },
  config: Config,
): Promise<LoginOutcome> {
  const keys = [`account:${body.email}`, `ip:${ctx.ip}`];
  const throttle = { maxFailures: config.loginMaxFailures, lockMinutes: config.loginLockMinutes };
  const wait = await lockedFor(ctx.tx, keys);
  if (wait > 0) {
    await ctx.audit.record({ action: 'auth.login_throttled', outcome: 'denied', details: { ip: ctx.ip } });
    return { kind: 'throttled', retryAfterSeconds: wait };
  }
  const user = await repo.findUserByEmail(ctx.tx, body.email);
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, body.password);
  if (!user || !passwordOk || !user.active) {
    await recordFailure(ctx.tx, keys, throttle);
    await recordAudit(ctx.tx, { actor: null, requestId: ctx.requestId, actorId: user?.id }, {
      action: 'auth.login_failed',
      outcome: 'denied',
      details: { ip: ctx.ip, reason: !user ? 'unknown_account' : !passwordOk ? 'wrong_password' : 'inactive' },
    });
    return { kind: 'failed', message: WRONG_CREDENTIALS };
  }
  let totpStep: number | null = null;
  if (user.totpEnabled && user.totpSecret) {
    if (!body.totp) return { kind: 'totp_required' };
    totpStep = matchTotp(user.totpSecret, body.totp, user.totpLastStep);
    if (totpStep === null) {
      await recordFailure(ctx.tx, keys, throttle);
      await recordAudit(ctx.tx, { actor: null, requestId: ctx.requestId, actorId: user.id }, {
        action: 'auth.totp_failed',
        outcome: 'denied',
        details: { ip: ctx.ip },
      });
      return { kind: 'failed', message: 'Der Bestätigungscode ist falsch oder wurde bereits verwendet.' };
    }
  }
  await clearFailures(ctx.tx, [keys[0]!]);
  await repo.recordLogin(ctx.tx, user.id, totpStep);
  const session = await openSession(
    ctx.tx,
    user.id,
    { idleMinutes: config.sessionIdleMinutes, absoluteHours: config.sessionAbsoluteHours },
    client.userAgent,
  );
  const loaded = await loadSession(ctx.tx, session.token, {
    idleMinutes: config.sessionIdleMinutes,
    absoluteHours: config.sessionAbsoluteHours,
  });
  if (!loaded) throw new Error('session vanished right after login');
  await recordAudit(ctx.tx, { actor: loaded.actor, requestId: ctx.requestId }, {
    action: 'auth.login',
    subjectType: 'user',
    subjectId: user.id,
    details: { ip: ctx.ip, totp: totpStep !== null },
  });
  return { kind: 'ok', token: session.token, csrfToken: session.csrfToken, user: presentMe(loaded.actor) };
}

export async function logout(ctx: AuthedContext) {
  await closeSession(ctx.tx, ctx.actor.sessionId);
  await ctx.audit.record({ action: 'auth.logout', subjectType: 'user', subjectId: ctx.actor.userId });
}

export async function logoutEverywhere(ctx: AuthedContext): Promise<number> {
  const ended = await closeAllSessions(ctx.tx, ctx.actor.userId);
  await ctx.audit.record({ action: 'auth.logout_all', subjectType: 'user', subjectId: ctx.actor.userId, details: { ended } });
  return ended;
}

export async function listOwnSessions(ctx: AuthedContext) {
  const rows = await repo.listSessions(ctx.tx, ctx.actor.userId);
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.createdAt.toISOString(),
    lastSeenAt: r.lastSeenAt.toISOString(),
    current: r.id === ctx.actor.sessionId,
    userAgent: r.userAgent,
  }));
}

export async function changePassword(ctx: AuthedContext, currentPassword: string, newPassword: string) {
  const user = await repo.findUser(ctx.tx, ctx.actor.userId);
  if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
    throw fieldError('currentPassword', 'Das aktuelle Passwort ist falsch.');
  }
  const problem = passwordProblem(newPassword, { email: user.email });
  if (problem) throw fieldError('newPassword', problem);
  await repo.setPasswordHash(ctx.tx, user.id, await hashPassword(newPassword));
  // Every other session ends: whoever knew the old password is signed out.
  await repo.closeOtherSessions(ctx.tx, user.id, ctx.actor.sessionId);
  await markReauthenticated(ctx.tx, ctx.actor.sessionId, user.id);
  await ctx.audit.record({ action: 'auth.password_changed', subjectType: 'user', subjectId: user.id });
}

export async function startTotpSetup(ctx: AuthedContext) {
  const user = await repo.findUser(ctx.tx, ctx.actor.userId);
  if (!user) throw notFound();
  if (user.totpEnabled) throw conflict('Die Zwei-Faktor-Anmeldung ist bereits eingerichtet. Zum Neueinrichten bitte zuerst deaktivieren.');
  const secret = newTotpSecret();
  await repo.setTotp(ctx.tx, user.id, { secret, enabled: false });
  await ctx.audit.record({ action: 'auth.totp_setup_started', subjectType: 'user', subjectId: user.id });
  const url = otpauthUrl(secret, user.email);
  return { secret, otpauthUrl: url, qrSvg: await qrSvg(url) };
}

export async function confirmTotp(ctx: AuthedContext, code: string) {
  const user = await repo.findUser(ctx.tx, ctx.actor.userId);
  if (!user?.totpSecret) throw conflict('Bitte zuerst die Einrichtung starten.');
  if (user.totpEnabled) throw conflict('Die Zwei-Faktor-Anmeldung ist bereits eingerichtet.');
  const step = matchTotp(user.totpSecret, code, user.totpLastStep);
  if (step === null) throw fieldError('code', 'Der Code stimmt nicht. Bitte den aktuellen Code aus der App eingeben.');
  await repo.setTotp(ctx.tx, user.id, { secret: user.totpSecret, enabled: true, lastStep: step });
  await markReauthenticated(ctx.tx, ctx.actor.sessionId, user.id);
  await ctx.audit.record({ action: 'auth.totp_enabled', subjectType: 'user', subjectId: user.id });
}

export async function disableTotp(ctx: AuthedContext, password: string) {
  if (ctx.actor.roles.some((r: Role) => TOTP_REQUIRED_ROLES.includes(r))) {
    throw conflict('Für Ihre Rolle ist die Zwei-Faktor-Anmeldung Pflicht und kann nicht abgeschaltet werden.');
  }
  const user = await repo.findUser(ctx.tx, ctx.actor.userId);
  if (!user || !(await verifyPassword(user.passwordHash, password))) throw fieldError('password', 'Das Passwort ist falsch.');
  await repo.setTotp(ctx.tx, user.id, { secret: null, enabled: false, lastStep: null });
  await ctx.audit.record({ action: 'auth.totp_disabled', subjectType: 'user', subjectId: user.id });
}

/** Creates a one-time link with which a user sets their own password; administrators never see or set passwords. */
export async function issueSetupLink(ctx: RequestContext, userId: string, config: Config) {
  const token = newToken();
  const expiresAt = await repo.insertSetupToken(ctx.tx, userId, sha256(token), SETUP_LINK_HOURS);
  return { setupUrl: `${config.publicUrl}/einrichten/${token}`, setupExpiresAt: expiresAt.toISOString(), token };
}

async function usableSetupToken(ctx: RequestContext, token: string) {
  const row = token.length <= 100 ? await repo.findSetupToken(ctx.tx, sha256(token)) : undefined;
  if (!row || !row.active) throw notFound('Dieser Einrichtungslink ist ungültig.');
  if (row.usedAt) throw new AppError(410, 'not_found', 'Dieser Einrichtungslink wurde bereits verwendet. Bitte bei der Administration einen neuen anfordern.');
  if (row.expired) throw new AppError(410, 'not_found', 'Dieser Einrichtungslink ist abgelaufen. Bitte bei der Administration einen neuen anfordern.');
  return row;
}

export async function describeSetupToken(ctx: RequestContext, token: string) {
  const row = await usableSetupToken(ctx, token);
  const roles = await repo.userRoles(ctx.tx, row.userId);
  return {
    email: row.email,
    displayName: row.displayName,
    totpRequired: roles.some((r) => (TOTP_REQUIRED_ROLES as readonly string[]).includes(r)),
  };
}

export async function completeSetup(ctx: RequestContext, token: string, password: string) {
  const row = await usableSetupToken(ctx, token);
  const problem = passwordProblem(password, { email: row.email });
  if (problem) throw fieldError('password', problem);
  if (!(await repo.consumeSetupToken(ctx.tx, row.id))) throw new AppError(410, 'not_found', 'Dieser Einrichtungslink wurde bereits verwendet.');
  await repo.setPasswordHash(ctx.tx, row.userId, await hashPassword(password));
  await closeAllSessions(ctx.tx, row.userId);
  await recordAudit(ctx.tx, { actor: null, requestId: ctx.requestId, actorId: row.userId }, {
    action: 'auth.password_set',
    subjectType: 'user',
    subjectId: row.userId,
  });
}
