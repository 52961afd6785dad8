import { BREAK_GLASS_REASON_LABELS_DE, type BreakGlassReason, type BreakGlassSession } from '@teilhabe/shared';
import { verifyStepUp } from '../../platform/auth/step-up.js';
import type { AuthedContext } from '../../platform/http/context.js';
import { conflict, forbidden, notFound, versionConflict } from '../../platform/http/errors.js';
import { notifyUser } from '../notifications/notifications.service.js';
import * as repo from './break-glass.repository.js';

/** Emergency access lasts 30 minutes, read-only, one case. */
export const BREAK_GLASS_MINUTES = 30;

function present(r: repo.SessionViewRow): BreakGlassSession {
  return {
    id: r.id,
    caseId: r.case_id,
    caseNumber: r.case_number,
    user: { id: r.user_id, displayName: r.user_name },
    reasonCategory: r.reason_category as BreakGlassReason,
    justification: r.justification,
    startedAt: new Date(r.started_at).toISOString(),
    expiresAt: new Date(r.expires_at).toISOString(),
    endedAt: r.ended_at ? new Date(r.ended_at).toISOString() : null,
    reviewOutcome: r.review_outcome as BreakGlassSession['reviewOutcome'],
    reviewNote: r.review_note,
    version: r.version,
  };
}

/**
 * Break-glass (research-security §4.5): a reason, a fresh TOTP code (step-up), then 30 minutes of read-only access
 * to this one case. The KI-Leitung is notified at once and reviews the session afterwards.
 */
export async function startBreakGlass(
  ctx: AuthedContext,
  caseId: string,
  input: { reasonCategory: BreakGlassReason; justification: string; totp: string },
): Promise<BreakGlassSession> {
  const c = await repo.unsafeFindCaseForBreakGlass(ctx.tx, ctx.actor, caseId);
  if (!c) throw notFound('Fall nicht gefunden.');
  if (c.in_scope) throw conflict('Sie haben auf diesen Fall bereits regulären Zugriff.');
  await verifyStepUp(ctx.tx, ctx.actor.userId, input.totp);
  const row = await repo.insertSession(ctx.tx, {
    userId: ctx.actor.userId,
    caseId,
    reasonCategory: input.reasonCategory,
    justification: input.justification,
    expiresAt: new Date(Date.now() + BREAK_GLASS_MINUTES * 60_000),
  });
  const leads = await repo.leadsOfCaseOrganisation(ctx.tx, c.organisation_id);
  for (const userId of leads) {
    await notifyUser(ctx.tx, {
      userId,
      kind: 'break_glass',
      title: `Notfallzugriff auf Fall ${c.case_number}`,
      body: `${ctx.actor.displayName}: ${BREAK_GLASS_REASON_LABELS_DE[input.reasonCategory]}. Bitte prüfen.`,
      link: '/notfallzugriffe',
    });
  }
  const notified = leads.length;
  await ctx.audit.record({
    action: 'cases.break_glass_start',
    subjectType: 'case',
    subjectId: caseId,
    details: { caseId, breakGlassId: row.id, reasonCategory: input.reasonCategory, notified },
  });
  return present((await repo.findOwnSession(ctx.tx, ctx.actor, row.id))!);
}

export async function endBreakGlass(ctx: AuthedContext, id: string): Promise<BreakGlassSession> {
  const s = await repo.findOwnSession(ctx.tx, ctx.actor, id);
  if (!s) throw notFound('Notfallzugriff nicht gefunden.');
  if (s.ended_at) throw conflict('Der Notfallzugriff ist bereits beendet.');
  await repo.updateSession(ctx.tx, id, s.version, { endedAt: new Date() });
  await ctx.audit.record({ action: 'cases.break_glass_end', subjectType: 'case', subjectId: s.case_id, details: { caseId: s.case_id, breakGlassId: id } });
  return present((await repo.findOwnSession(ctx.tx, ctx.actor, id))!);
}

export async function listForReview(ctx: AuthedContext): Promise<BreakGlassSession[]> {
  return (await repo.listSessionsForReview(ctx.tx, ctx.actor)).map(present);
}

/** Review by the KI-Leitung; nobody reviews their own emergency access. */
export async function reviewBreakGlass(ctx: AuthedContext, id: string, version: number, input: { outcome: 'justified' | 'not_justified'; note?: string }) {
  const s = await repo.findSessionForReview(ctx.tx, ctx.actor, id);
  if (!s) throw notFound('Notfallzugriff nicht gefunden.');
  if (s.user_id === ctx.actor.userId) throw forbidden('Den eigenen Notfallzugriff kann niemand selbst prüfen.');
  const row = await repo.updateSession(ctx.tx, id, version, { reviewOutcome: input.outcome, reviewNote: input.note ?? '', reviewedBy: ctx.actor.userId, reviewedAt: new Date() });
  if (!row) throw versionConflict();
  await ctx.audit.record({ action: 'cases.break_glass_review', subjectType: 'case', subjectId: s.case_id, details: { caseId: s.case_id, breakGlassId: id, outcome: input.outcome } });
  return present((await repo.findSessionForReview(ctx.tx, ctx.actor, id))!);
}
