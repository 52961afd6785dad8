import { addMonthsIso, formatDateDe, isoDateInBerlin, type ErasureRequest, type PersonLifecycle } from '@teilhabe/shared';
import type { AuditOrigin } from '../../platform/audit/audit.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { DbOrTx } from '../../platform/db/client.js';
import type { AuthedContext } from '../../platform/http/context.js';
import { conflict, forbidden, notFound, versionConflict } from '../../platform/http/errors.js';
import { eraseDocuments } from '../documents/documents.repository.js';
import { notifyRecipientsOfErasure } from '../referrals/referrals.service.js';
import * as repo from './lifecycle.repository.js';
import { FOUR_EYES_MESSAGE, presentMerge } from './people.merge.js';
import { requirePersonForWrite, userNames } from './people.service.js';
import { retentionRuleFor } from './retention.js';

async function presentErasure(ctx: AuthedContext, e: repo.ErasureRow): Promise<ErasureRequest> {
  const names = await userNames(ctx, [e.requestedBy, ...(e.decidedBy ? [e.decidedBy] : [])]);
  const ref = (id: string) => ({ id, displayName: names.get(id) ?? '' });
  return {
    id: e.id,
    personId: e.personId,
    personName: await repo.personName(ctx.tx, e.personId),
    status: e.status as ErasureRequest['status'],
    reason: e.reason,
    requestedBy: ref(e.requestedBy),
    requestedAt: e.requestedAt.toISOString(),
    decidedBy: e.decidedBy ? ref(e.decidedBy) : null,
    decidedAt: e.decidedAt?.toISOString() ?? null,
    decisionNote: e.decisionNote,
    notifyOrganisations: e.notifyOrganisations ?? (e.status === 'pending' ? await repo.shareRecipients(ctx.tx, e.personId) : []),
    version: e.version,
    can: { decide: ctx.actor.permissions.has('persons.lifecycle') && e.status === 'pending' && e.requestedBy !== ctx.actor.userId },
  };
}

/** Why the person cannot be anonymised now (German, for a 409), or null. */
export async function erasureBlocker(db: DbOrTx, personId: string, today = isoDateInBerlin()): Promise<string | null> {
  const hold = await repo.findLegalHold(db, personId);
  if (hold) return `Für diese Person besteht eine rechtliche Sperre (${hold.reason}). Solange sie gilt, wird nichts anonymisiert.`;
  const facts = await repo.caseFacts(db, personId);
  if (facts.open > 0) return 'Die Person hat noch einen offenen Fall. Bitte den Fall zuerst abschließen.';
  const rule = await retentionRuleFor(db, 'person');
  if (facts.last_closed && rule.minRetentionMonths > 0) {
    const until = addMonthsIso(facts.last_closed, rule.minRetentionMonths);
    if (until > today) return `Die Aufbewahrungsfrist läuft noch bis ${formatDateDe(until)} (${rule.minRetentionMonths} Monate nach Fallabschluss).`;
  }
  return null;
}

/** Anonymises the person and everything hanging off it, in the caller's transaction. */
export async function anonymisePerson(db: DbOrTx, personId: string) {
  const caseIds = await repo.anonymisePersonRecords(db, personId);
  await eraseDocuments(db, 'person', [personId]);
  await eraseDocuments(db, 'case', caseIds);
}

export async function requestErasure(ctx: AuthedContext, personId: string, input: { reason: string }): Promise<ErasureRequest> {
  const person = await requirePersonForWrite(ctx, personId);
  if (person.anonymisedAt) throw conflict('Die Person ist bereits anonymisiert.');
  if (person.mergedIntoId) throw conflict('Die Person ist in eine andere zusammengeführt; bitte dort beantragen.');
  if ((await repo.erasuresOfPerson(ctx.tx, personId)).some((e) => e.status === 'pending')) throw conflict('Für diese Person wartet bereits ein Löschantrag auf Freigabe.');
  const blocker = await erasureBlocker(ctx.tx, personId);
  if (blocker) throw conflict(blocker);
  const row = await repo.insertErasure(ctx.tx, { personId, reason: input.reason, requestedBy: ctx.actor.userId });
  await ctx.audit.record({ action: 'persons.erasure_request', subjectType: 'person', subjectId: personId, details: { personId, erasureId: row.id } });
  return presentErasure(ctx, row);
}

/** Approval by a KI-Leitung other than the requester anonymises at once and names the recipients to notify. */
export async function decideErasure(ctx: AuthedContext, id: string, version: number, input: { decision: 'approve' | 'reject'; note?: string }) {
  const e = await repo.findErasure(ctx.tx, id);
  if (!e || !(await repo.findPersonForApproval(ctx.tx, ctx.actor, e.personId))) throw notFound('Löschantrag nicht gefunden.');
  if (e.requestedBy === ctx.actor.userId) throw forbidden(FOUR_EYES_MESSAGE);
  if (e.status !== 'pending') throw conflict('Über diesen Antrag ist bereits entschieden.');
  if (e.version !== version) throw versionConflict();
  let notify: { id: string; name: string; notifiedInApp?: boolean }[] = [];
  if (input.decision === 'approve') {
    const blocker = await erasureBlocker(ctx.tx, e.personId);
    if (blocker) throw conflict(blocker);
    notify = await notifyRecipientsOfErasure(ctx.tx, e.personId, await repo.shareRecipients(ctx.tx, e.personId));
    await anonymisePerson(ctx.tx, e.personId);
  }
  const row = await repo.updateErasure(ctx.tx, id, version, {
    status: input.decision === 'approve' ? 'approved' : 'rejected',
    decidedBy: ctx.actor.userId,
    decidedAt: new Date(),
    decisionNote: input.note ?? '',
    notifyOrganisations: notify,
  });
  if (!row) throw versionConflict();
  await ctx.audit.record({
    action: input.decision === 'approve' ? 'persons.anonymise' : 'persons.erasure_reject',
    subjectType: 'person',
    subjectId: e.personId,
    details: { personId: e.personId, erasureId: id, reason: 'request', notify: notify.map((o) => o.id) },
  });
  return presentErasure(ctx, row);
}

/** The nightly retention run anonymises a person with the system as actor. */
export async function anonymiseByRetention(db: DbOrTx, origin: AuditOrigin, personId: string, recordClass: string) {
  await anonymisePerson(db, personId);
  await recordAudit(db, origin, { action: 'persons.anonymise', subjectType: 'person', subjectId: personId, details: { personId, reason: 'retention', recordClass } });
}

async function requireForApproval(ctx: AuthedContext, personId: string) {
  const p = await repo.findPersonForApproval(ctx.tx, ctx.actor, personId);
  if (!p) throw notFound('Person nicht gefunden.');
  return p;
}

export async function setLegalHold(ctx: AuthedContext, personId: string, reason: string) {
  await requireForApproval(ctx, personId);
  await repo.setLegalHold(ctx.tx, personId, reason, ctx.actor.userId);
  await ctx.audit.record({ action: 'persons.legal_hold_set', subjectType: 'person', subjectId: personId, details: { personId } });
  return lifecycle(ctx, personId);
}

export async function clearLegalHold(ctx: AuthedContext, personId: string) {
  await requireForApproval(ctx, personId);
  if (!(await repo.clearLegalHold(ctx.tx, personId))) throw conflict('Für diese Person besteht keine rechtliche Sperre.');
  await ctx.audit.record({ action: 'persons.legal_hold_clear', subjectType: 'person', subjectId: personId, details: { personId } });
  return lifecycle(ctx, personId);
}

/** Merge, erasure and legal-hold state of a person, for the person page. */
export async function lifecycle(ctx: AuthedContext, personId: string): Promise<PersonLifecycle> {
  const p = await repo.findPersonForLifecycle(ctx.tx, ctx.actor, personId);
  if (!p) throw notFound('Person nicht gefunden.');
  const hold = await repo.findLegalHold(ctx.tx, personId);
  const merges = [];
  for (const id of await repo.mergesOfPerson(ctx.tx, personId)) merges.push(await presentMerge(ctx, (await repo.findMerge(ctx.tx, id))!));
  const erasures = [];
  for (const e of await repo.erasuresOfPerson(ctx.tx, personId)) erasures.push(await presentErasure(ctx, e));
  const canWrite = await requirePersonForWrite(ctx, personId).then(() => true, () => false);
  const approver = !!(await repo.findPersonForApproval(ctx.tx, ctx.actor, personId));
  const active = !p.merged_into_id && !p.anonymised_at;
  const holdSetBy = hold?.setBy ? (await userNames(ctx, [hold.setBy])).get(hold.setBy) ?? null : null;
  return {
    personId,
    mergedInto: p.merged_into_id ? { id: p.merged_into_id, displayName: await repo.personName(ctx.tx, p.merged_into_id) } : null,
    anonymisedAt: p.anonymised_at ? new Date(p.anonymised_at).toISOString() : null,
    legalHold: hold ? { reason: hold.reason, setAt: hold.setAt.toISOString(), setBy: holdSetBy } : null,
    merges,
    erasureRequests: erasures,
    shareRecipients: await repo.shareRecipients(ctx.tx, personId),
    can: { requestMerge: canWrite && active, requestErasure: canWrite && active, approve: approver, setLegalHold: approver && !p.anonymised_at },
  };
}

/** Pending merge and erasure requests in the KI-Leitung's area. */
export async function pendingApprovals(ctx: AuthedContext) {
  const merges = [];
  for (const id of await repo.pendingMergeIds(ctx.tx, ctx.actor)) merges.push(await presentMerge(ctx, (await repo.findMerge(ctx.tx, id))!));
  const erasures = [];
  for (const id of await repo.pendingErasures(ctx.tx, ctx.actor)) erasures.push(await presentErasure(ctx, (await repo.findErasure(ctx.tx, id))!));
  // The list names persons: a read of personal data like any other.
  await ctx.audit.record({ action: 'persons.approvals_list', subjectType: 'person', details: { merges: merges.length, erasures: erasures.length } });
  return { merges, erasures };
}
