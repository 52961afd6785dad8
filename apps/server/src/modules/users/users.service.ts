import type { Role, User } from '@teilhabe/shared';
import { closeAllSessions } from '../../platform/auth/sessions.js';
import type { Config } from '../../config.js';
import type { AuthedContext } from '../../platform/http/context.js';
import { conflict, fieldError, forbidden, notFound, versionConflict } from '../../platform/http/errors.js';
import { hasPermission } from '../../platform/access/actor.js';
import { issueSetupLink } from '../auth/auth.service.js';
import { sendMail } from '../../platform/mail.js';
import * as repo from './users.repository.js';

function present(row: repo.UserWithMemberships, ctx: AuthedContext): User {
  const canManage = hasPermission(ctx.actor, 'users.manage');
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    active: row.active,
    totpEnabled: row.totpEnabled,
    passwordSet: row.passwordSet,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    memberships: row.memberships,
    version: row.version,
    can: { edit: canManage, deactivate: canManage && row.id !== ctx.actor.userId },
  };
}

async function checkMemberships(ctx: AuthedContext, list: { organisationId: string; role: Role }[]) {
  const known = await repo.existingOrganisationIds(ctx.tx, [...new Set(list.map((m) => m.organisationId))]);
  list.forEach((m, i) => {
    if (!known.has(m.organisationId)) throw fieldError(`memberships.${i}.organisationId`, 'Diese Organisation gibt es nicht (mehr).');
  });
}

export async function listUsers(ctx: AuthedContext, q: string | undefined, limit: number, offset: number) {
  const { items, total } = await repo.listUsers(ctx.tx, q?.trim() || undefined, limit, offset);
  return { items: items.map((u) => present(u, ctx)), total, limit, offset };
}

export async function getUser(ctx: AuthedContext, id: string) {
  const row = await repo.findUser(ctx.tx, id);
  if (!row) throw notFound('Benutzer:in nicht gefunden.');
  return present(row, ctx);
}

async function deliverSetupLink(ctx: AuthedContext, config: Config, userId: string, email: string) {
  const link = await issueSetupLink(ctx, userId, config);
  const emailSent = await sendMail(config, {
    to: email,
    subject: 'Ihr Zugang zu Teilhabe',
    text: `Guten Tag,\n\nfür Sie wurde ein Zugang zu Teilhabe eingerichtet. Bitte legen Sie über diesen Link Ihr Passwort fest (24 Stunden gültig):\n\n${link.setupUrl}\n`,
  });
  return { setupUrl: link.setupUrl, setupExpiresAt: link.setupExpiresAt, emailSent };
}

export async function createUser(
  ctx: AuthedContext,
  config: Config,
  input: { email: string; displayName: string; memberships: { organisationId: string; role: Role }[] },
) {
  if (await repo.emailTaken(ctx.tx, input.email)) throw conflict('Diese E-Mail-Adresse ist schon vergeben.', { email: 'Schon vergeben' });
  await checkMemberships(ctx, input.memberships);
  const id = await repo.insertUser(ctx.tx, { email: input.email, displayName: input.displayName });
  await repo.replaceMemberships(ctx.tx, id, input.memberships);
  const link = await deliverSetupLink(ctx, config, id, input.email);
  await ctx.audit.record({
    action: 'users.create',
    subjectType: 'user',
    subjectId: id,
    details: { roles: input.memberships.map((m) => `${m.role}@${m.organisationId}`) },
  });
  return { user: present((await repo.findUser(ctx.tx, id))!, ctx), ...link };
}

export async function updateUser(
  ctx: AuthedContext,
  id: string,
  version: number,
  input: { displayName?: string; active?: boolean; memberships?: { organisationId: string; role: Role }[] },
) {
  const current = await repo.findUser(ctx.tx, id);
  if (!current) throw notFound('Benutzer:in nicht gefunden.');
  // Nobody changes their own roles or locks themselves out: that needs a second administrator.
  if (id === ctx.actor.userId && (input.memberships || input.active === false)) {
    throw forbidden('Eigene Rollen und den eigenen Zugang kann nur eine andere Administrator:in ändern.');
  }
  if (input.memberships) await checkMemberships(ctx, input.memberships);
  if (!(await repo.updateUser(ctx.tx, id, version, { displayName: input.displayName, active: input.active }))) throw versionConflict();
  if (input.memberships) await repo.replaceMemberships(ctx.tx, id, input.memberships);
  let endedSessions = 0;
  if (input.active === false || input.memberships) endedSessions = await closeAllSessions(ctx.tx, id);
  await ctx.audit.record({
    action: input.active === false ? 'users.deactivate' : input.memberships ? 'users.roles_changed' : 'users.update',
    subjectType: 'user',
    subjectId: id,
    details: {
      fields: Object.keys(input).filter((k) => input[k as keyof typeof input] !== undefined),
      ...(input.memberships ? { roles: input.memberships.map((m) => `${m.role}@${m.organisationId}`) } : {}),
      endedSessions,
    },
  });
  return present((await repo.findUser(ctx.tx, id))!, ctx);
}

export async function newSetupLink(ctx: AuthedContext, config: Config, id: string) {
  const user = await repo.findUser(ctx.tx, id);
  if (!user) throw notFound('Benutzer:in nicht gefunden.');
  if (!user.active) throw conflict('Der Zugang ist deaktiviert. Bitte zuerst wieder aktivieren.');
  const link = await deliverSetupLink(ctx, config, id, user.email);
  await ctx.audit.record({ action: 'users.setup_link', subjectType: 'user', subjectId: id });
  return link;
}
