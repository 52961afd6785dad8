import type { PersonMerge } from '@teilhabe/shared';
import type { AuthedContext } from '../../platform/http/context.js';
import { conflict, fieldError, forbidden, notFound, versionConflict } from '../../platform/http/errors.js';
import { reassignDocuments } from '../documents/documents.repository.js';
import * as repo from './lifecycle.repository.js';
import type { MergeMoved } from './lifecycle.schema.js';
import { requirePersonForWrite, userNames } from './people.service.js';

export const FOUR_EYES_MESSAGE = 'Vier-Augen-Prinzip: Wer den Antrag gestellt hat, kann ihn nicht selbst freigeben.';

function counts(moved: MergeMoved | null) {
  if (!moved) return null;
  return {
    cases: moved.cases.length,
    consents: moved.consents.length,
    referrals: moved.referrals.length,
    documents: moved.documents.length,
    residenceStatuses: moved.residenceStatuses.length,
    relations: moved.relations.length + moved.droppedRelations.length,
  };
}

export async function presentMerge(ctx: AuthedContext, m: repo.MergeRow): Promise<PersonMerge> {
  const names = await userNames(ctx, [m.requestedBy, ...(m.decidedBy ? [m.decidedBy] : [])]);
  const ref = (id: string) => ({ id, displayName: names.get(id) ?? '' });
  const approver = ctx.actor.permissions.has('persons.lifecycle');
  return {
    id: m.id,
    status: m.status as PersonMerge['status'],
    source: { id: m.sourcePersonId, displayName: await repo.personName(ctx.tx, m.sourcePersonId) },
    target: { id: m.targetPersonId, displayName: await repo.personName(ctx.tx, m.targetPersonId) },
    reason: m.reason,
    requestedBy: ref(m.requestedBy),
    requestedAt: m.requestedAt.toISOString(),
    decidedBy: m.decidedBy ? ref(m.decidedBy) : null,
    decidedAt: m.decidedAt?.toISOString() ?? null,
    decisionNote: m.decisionNote,
    moved: counts(m.moved),
    undoneAt: m.undoneAt?.toISOString() ?? null,
    version: m.version,
    can: {
      decide: approver && m.status === 'pending' && m.requestedBy !== ctx.actor.userId,
      undo: approver && m.status === 'approved',
    },
  };
}

/** "Merge the duplicate into this person": a request that a KI-Leitung (not the requester) decides. */
export async function requestMerge(ctx: AuthedContext, targetId: string, input: { duplicatePersonId: string; reason: string }): Promise<PersonMerge> {
  if (input.duplicatePersonId === targetId) throw fieldError('duplicatePersonId', 'Eine Person kann nicht mit sich selbst zusammengeführt werden.');
  const target = await requirePersonForWrite(ctx, targetId);
  const source = await requirePersonForWrite(ctx, input.duplicatePersonId, 'duplicatePersonId');
  for (const p of [target, source]) {
    if (p.mergedIntoId) throw conflict('Eine der beiden Personen ist bereits in eine andere zusammengeführt worden.');
    if (p.anonymisedAt) throw conflict('Eine der beiden Personen ist anonymisiert und kann nicht zusammengeführt werden.');
  }
  if (await repo.pendingMergeBetween(ctx.tx, targetId, input.duplicatePersonId)) throw conflict('Für diese beiden Personen wartet bereits ein Antrag auf Freigabe.');
  const row = await repo.insertMerge(ctx.tx, { sourcePersonId: source.id, targetPersonId: target.id, reason: input.reason, requestedBy: ctx.actor.userId });
  await ctx.audit.record({
    action: 'persons.merge_request',
    subjectType: 'person',
    subjectId: targetId,
    details: { mergeId: row.id, personId: targetId, duplicatePersonId: source.id },
  });
  return presentMerge(ctx, row);
}

async function mergeForApprover(ctx: AuthedContext, id: string) {
  const m = await repo.findMerge(ctx.tx, id);
  if (!m || !(await repo.findPersonForApproval(ctx.tx, ctx.actor, m.targetPersonId))) throw notFound('Antrag auf Zusammenführung nicht gefunden.');
  return m;
}

/** Approve (then B's records move to A and B is marked merged into A) or reject; never by the requester. */
export async function decideMerge(ctx: AuthedContext, id: string, version: number, input: { decision: 'approve' | 'reject'; note?: string }) {
  const m = await mergeForApprover(ctx, id);
  if (m.requestedBy === ctx.actor.userId) throw forbidden(FOUR_EYES_MESSAGE);
  if (m.status !== 'pending') throw conflict('Über diesen Antrag ist bereits entschieden.');
  if (m.version !== version) throw versionConflict();
  let moved: MergeMoved | null = null;
  if (input.decision === 'approve') {
    const [source, target] = [await repo.findPersonForApproval(ctx.tx, ctx.actor, m.sourcePersonId), await repo.findPersonForApproval(ctx.tx, ctx.actor, m.targetPersonId)];
    if (!source || !target) throw notFound('Person nicht gefunden.');
    if (source.merged_into_id || target.merged_into_id || source.anonymised_at || target.anonymised_at) {
      throw conflict('Eine der beiden Personen wurde inzwischen zusammengeführt oder anonymisiert. Bitte den Antrag ablehnen.');
    }
    const rest = await repo.movePersonRecords(ctx.tx, m.sourcePersonId, m.targetPersonId);
    const documents = await reassignDocuments(ctx.tx, 'person', m.sourcePersonId, m.targetPersonId);
    moved = { ...rest, documents };
    await repo.setMergedInto(ctx.tx, m.sourcePersonId, m.targetPersonId);
  }
  const row = await repo.updateMerge(ctx.tx, id, version, {
    status: input.decision === 'approve' ? 'approved' : 'rejected',
    decidedBy: ctx.actor.userId,
    decidedAt: new Date(),
    decisionNote: input.note ?? '',
    moved,
  });
  if (!row) throw versionConflict();
  await ctx.audit.record({
    action: input.decision === 'approve' ? 'persons.merge' : 'persons.merge_reject',
    subjectType: 'person',
    subjectId: m.targetPersonId,
    details: { mergeId: id, personId: m.targetPersonId, duplicatePersonId: m.sourcePersonId, moved: counts(moved) },
  });
  return presentMerge(ctx, row);
}

/**
 * Unmerge: exactly the records the merge moved go back to the duplicate, which becomes a person of its own again.
 * Records attached to the surviving person after the merge stay with it. Refused while the surviving person has been
 * merged further or the duplicate has been anonymised.
 */
export async function undoMerge(ctx: AuthedContext, id: string, version: number) {
  const m = await mergeForApprover(ctx, id);
  if (m.status !== 'approved' || !m.moved) throw conflict('Nur eine vollzogene Zusammenführung kann rückgängig gemacht werden.');
  if (m.version !== version) throw versionConflict();
  const target = await repo.findPersonForApproval(ctx.tx, ctx.actor, m.targetPersonId);
  const source = await repo.findPersonForApproval(ctx.tx, ctx.actor, m.sourcePersonId);
  if (!target || !source) throw notFound('Person nicht gefunden.');
  if (target.merged_into_id) throw conflict('Die verbleibende Person wurde inzwischen selbst zusammengeführt; bitte zuerst jene Zusammenführung rückgängig machen.');
  if (source.anonymised_at || target.anonymised_at) throw conflict('Eine der beiden Personen ist inzwischen anonymisiert; die Zusammenführung kann nicht mehr gelöst werden.');
  await repo.moveRecordsBack(ctx.tx, m.moved, m.sourcePersonId, m.targetPersonId);
  await repo.setMergedInto(ctx.tx, m.sourcePersonId, null);
  const row = await repo.updateMerge(ctx.tx, id, version, { status: 'undone', undoneBy: ctx.actor.userId, undoneAt: new Date() });
  if (!row) throw versionConflict();
  await ctx.audit.record({
    action: 'persons.unmerge',
    subjectType: 'person',
    subjectId: m.targetPersonId,
    details: { mergeId: id, personId: m.targetPersonId, duplicatePersonId: m.sourcePersonId },
  });
  return presentMerge(ctx, row);
}
