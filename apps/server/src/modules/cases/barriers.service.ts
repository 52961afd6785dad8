import type { Barrier, BarrierCategory, LifeDomain } from '@teilhabe/shared';
import type { AuthedContext } from '../../platform/http/context.js';
import { fieldError } from '../../platform/http/errors.js';
import * as repo from './barriers.repository.js';
import { requireCaseForWrite, requireCaseInScope } from './cases.service.js';

// Dates, long digit runs (AZR, file numbers, phone) and e-mail addresses do not belong in an anonymised record.
const PERSONAL_DATA = /\b\d{1,2}\.\d{1,2}\.\d{2,4}\b|\d{6,}|[\w.+-]+@[\w-]+\.[\w.]+/;

function presentBarrier(r: repo.BarrierRow): Barrier {
  return {
    id: r.id,
    category: r.category as BarrierCategory,
    agency: r.agency,
    lifeDomain: r.life_domain as LifeDomain | null,
    description: r.description,
    organisationName: r.organisation_name,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/** Records a structural barrier seen in a case, anonymised, for the coordination and the Lenkungsgruppe. */
export async function reportBarrier(
  ctx: AuthedContext,
  caseId: string,
  input: { category: BarrierCategory; agency?: string; lifeDomain?: LifeDomain; description: string },
): Promise<Barrier> {
  const c = await requireCaseForWrite(ctx, caseId);
  if (PERSONAL_DATA.test(input.description)) {
    throw fieldError('description', 'Bitte ohne personenbezogene Angaben (keine Daten, Aktenzeichen, Telefonnummern oder E-Mail-Adressen).');
  }
  const row = await repo.insertBarrier(ctx.tx, {
    caseId,
    organisationId: c.organisationId,
    category: input.category,
    agency: input.agency ?? '',
    lifeDomain: input.lifeDomain ?? null,
    description: input.description,
    createdBy: ctx.actor.userId,
  });
  await ctx.audit.record({ action: 'cases.barrier_report', subjectType: 'case', subjectId: caseId, details: { caseId, barrierId: row.id, category: row.category } });
  return { id: row.id, category: input.category, agency: row.agency, lifeDomain: input.lifeDomain ?? null, description: row.description, organisationName: '', createdAt: row.createdAt.toISOString() };
}

export async function listBarriers(ctx: AuthedContext, limit: number, offset: number) {
  const { rows, total } = await repo.listBarriers(ctx.tx, ctx.actor, limit, offset);
  return { items: rows.map(presentBarrier), total, limit, offset };
}

/** The barriers reported from one case, for its case page. */
export async function listCaseBarriers(ctx: AuthedContext, caseId: string): Promise<Barrier[]> {
  await requireCaseInScope(ctx, caseId);
  return (await repo.listBarriersOfCase(ctx.tx, caseId)).map(presentBarrier);
}
