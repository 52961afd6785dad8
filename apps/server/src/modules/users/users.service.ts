import type { PendingRoleGrant, Role, User } from '@teilhabe/shared';
import { closeAllSessions } from '../../platform/auth/sessions.js';
import type { Config } from '../../config.js';
import type { AuthedContext } from '../../platform/http/context.js';
import { conflict, fieldError, forbidden, notFound, versionConflict } from '../../platform/http/errors.js';
import { hasPermission } from '../../platform/access/actor.js';
import { issueSetupLink } from '../auth/auth.service.js';
import { sendMail } from '../../platform/mail.js';
import { notifyUser } from '../notifications/notifications.service.js';
import * as repo from './users.repository.js';

/** Roles that take effect only after a second administrator approved them (Z-05). */
const FOUR_EYES_ROLES: ReadonlySet<Role> = new Set<Role>(['admin']);

function presentGrant(row: repo.PendingGrantRow, ctx: AuthedContext): PendingRoleGrant {
  return {
    ...row,
    requestedAt: row.requestedAt.toISOString(),
    canDecide: hasPermission(ctx.actor, 'users.manage') && row.requestedBy !== ctx.actor.userId && row.userId !== ctx.actor.userId,
  };
}

function present(row: repo.UserWithMemberships, ctx: AuthedContext, pending: repo.PendingGrantRow[] = []): User {
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
    pendingRoleGrants: pending.filter((g) => g.userId === row.id).map((g) => presentGrant(g, ctx)),
  };
}

async function presentById(ctx: AuthedContext, id: string): Promise<User> {
  return present((await repo.findUser(ctx.tx, id))!, ctx, await repo.pendingGrants(ctx.tx, id));
}

/**
 * Splits requested memberships into those that apply now and grants of four-eyes roles the user does not hold yet;
 * the latter wait for a second administrator, who is told in the app.
 */
async function holdFourEyesGrants(
  ctx: AuthedContext,
  userId: string,
  held: { organisationId: string; role: Role }[],
  requested: { organisationId: string; role: Role }[],
): Promise<{ organisationId: string; role: Role }[]> {
  const isHeld = (m: { organisationId: string; role: Role }) => held.some((h) => h.organisationId === m.organisationId && h.role === m.role);
  const apply = requested.filter((m) => !FOUR_EYES_ROLES.has(m.role) || isHeld(m));
  const wait = requested.filter((m) => FOUR_EYES_ROLES.has(m.role) && !isHeld(m));
  for (const m of wait) {
    if (!(await repo.requestGrant(ctx.tx, { userId, organisationId: m.organisationId, role: m.role, requestedBy: ctx.actor.userId }))) continue;
    await ctx.audit.record({ action: 'users.role_grant_requested', subjectType: 'user', subjectId: userId, details: { role: `${m.role}@${m.organisationId}` } });
    for (const adminId of await repo.activeAdminIds(ctx.tx)) {
      if (adminId === ctx.actor.userId || adminId === userId) continue;
      await notifyUser(ctx.tx, {
        userId: adminId,
        kind: 'users.role_grant',
        title: 'Freigabe nötig: Administrationsrolle',
        body: 'Eine Administrationsrolle wurde beantragt und wird erst nach Ihrer Freigabe wirksam.',
        link: '/admin/benutzer',
      });
    }
  }
  return apply;
}

async function checkMemberships(ctx: AuthedContext, list: { organisationId: string; role: Role }[]) {
  const known = await repo.existingOrganisationIds(ctx.tx, [...new Set(list.map((m) => m.organisationId))]);
  list.forEach((m, i) => {
    if (!known.has(m.organisationId)) throw fieldError(`memberships.${i}.organisationId`, 'Diese Organisation gibt es nicht (mehr).');
  });
}

export async function listUsers(ctx: AuthedContext, q: string | undefined, limit: number, offset: number) {
  const { items, total } = await repo.listUsers(ctx.tx, q?.trim() || undefined, limit, offset);
  const pending = await repo.pendingGrants(ctx.tx);
  return { items: items.map((u) => present(u, ctx, pending)), total, limit, offset };
}

export async function getUser(ctx: AuthedContext, id: string) {
  const row = await repo.findUser(ctx.tx, id);
  if (!row) throw notFound('Benutzer:in nicht gefunden.');
  return present(row, ctx, await repo.pendingGrants(ctx.tx, id));
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
  await repo.replaceMemberships(ctx.tx, id, await holdFourEyesGrants(ctx, id, [], input.memberships));
  const link = await deliverSetupLink(ctx, config, id, input.email);
  await ctx.audit.record({
    action: 'users.create',
    subjectType: 'user',
    subjectId: id,
    details: { roles: input.memberships.map((m) => `${m.role}@${m.organisationId}`) },
  });
  return { user: await presentById(ctx, id), ...link };
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
  if (input.memberships) await repo.replaceMemberships(ctx.tx, id, await holdFourEyesGrants(ctx, id, current.memberships, input.memberships));
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
  return presentById(ctx, id);
}

export async function newSetupLink(ctx: AuthedContext, config: Config, id: string) {
  const user = await repo.findUser(ctx.tx, id);
  if (!user) throw notFound('Benutzer:in nicht gefunden.');
  if (!user.active) throw conflict('Der Zugang ist deaktiviert. Bitte zuerst wieder aktivieren.');
  const link = await deliverSetupLink(ctx, config, id, user.email);
  await ctx.audit.record({ action: 'users.setup_link', subjectType: 'user', subjectId: id });
  return link;
}

export async function listPendingGrants(ctx: AuthedContext) {
  return (await repo.pendingGrants(ctx.tx)).map((g) => presentGrant(g, ctx));
}

/** The second administrator approves or rejects a pending grant; neither the requester nor the person concerned may. */
export async function decideGrant(ctx: AuthedContext, id: string, decision: 'approved' | 'rejected') {
  const grant = await repo.lockPendingGrant(ctx.tx, id);
  if (!grant) throw notFound('Diese Freigabe gibt es nicht oder sie wurde schon entschieden.');
  if (grant.requestedBy === ctx.actor.userId) throw forbidden('Die Freigabe muss eine andere Administrator:in erteilen als die, die sie beantragt hat.');
  if (grant.userId === ctx.actor.userId) throw forbidden('Über eigene Rollen entscheidet eine andere Administrator:in.');
  await repo.decideGrant(ctx.tx, id, decision, ctx.actor.userId);
  let endedSessions = 0;
  if (decision === 'approved') {
    await repo.addMembership(ctx.tx, grant.userId, grant.organisationId, grant.role);
    endedSessions = await closeAllSessions(ctx.tx, grant.userId);
  }
  await ctx.audit.record({
    action: decision === 'approved' ? 'users.role_grant_approved' : 'users.role_grant_rejected',
    subjectType: 'user',
    subjectId: grant.userId,
    details: { role: `${grant.role}@${grant.organisationId}`, requestedBy: grant.requestedBy, endedSessions },
  });
  await notifyUser(ctx.tx, {
    userId: grant.requestedBy,
    kind: 'users.role_grant',
    title: decision === 'approved' ? 'Administrationsrolle freigegeben' : 'Administrationsrolle abgelehnt',
    link: '/admin/benutzer',
  });
  return presentById(ctx, grant.userId);
}
