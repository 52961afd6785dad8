import {
  computeCoverage,
  formatDateDe,
  formatEuro,
  monthsWithin,
  sumCents,
  type CoverageAllocation,
  type CoverageReport,
  type CoverageRow,
} from '@teilhabe/shared';
import { hasPermission } from '../../platform/access/actor.js';
import type { AuthedContext } from '../../platform/http/context.js';
import { fieldError, notFound, versionConflict } from '../../platform/http/errors.js';
import { fundedPersonnelByProgramme } from '../staffing/staffing.service.js';
import * as repo from './coverage.repository.js';
import { loadGrant, loadGrantsOfTenant, type LoadedGrant } from './grants.service.js';
import { programmeTree } from './programmes.service.js';

/** The months of `year` in which a lump-sum grant's money may still be used (until its use-by date). */
function usableMonths(g: LoadedGrant, year: number): boolean[] {
  const r = g.current.row;
  return monthsWithin(year, r.approvalStart, r.useByDate ?? r.approvalEnd);
}

function lumpSumTotal(g: LoadedGrant) {
  return sumCents(g.current.positions.map((p) => p.amountCents));
}

export async function coverageReport(ctx: AuthedContext, year: number): Promise<CoverageReport> {
  const [{ programmes: personnel, notes }, tree, lumpSums, allAllocations] = await Promise.all([
    fundedPersonnelByProgramme(ctx, year),
    programmeTree(ctx.tx),
    loadGrantsOfTenant(ctx).then((gs) => gs.filter((g) => g.row.programmeSection === 'lump_sum')),
    repo.listAllocations(ctx.tx, ctx.actor),
  ]);
  const lumpById = new Map(lumpSums.map((g) => [g.row.id, g]));
  const allocations = allAllocations.filter((a) => a.year === year);
  const rows: CoverageRow[] = personnel
    .map((entry) => {
      const programme = tree.byId.get(entry.programmeId);
      const mine = allocations.filter((a) => a.programmeId === entry.programmeId && !a.cancelled);
      const usable = Array.from({ length: 12 }, () => false);
      for (const a of mine) {
        const g = lumpById.get(a.lumpSumGrantId);
        if (g) usableMonths(g, year).forEach((on, m) => (usable[m] ||= on));
      }
      const c = computeCoverage(entry.months, usable, sumCents(mine.map((a) => a.amountCents)));
      return {
        programme: { id: entry.programmeId, name: programme?.name ?? '–', shortName: programme?.shortName ?? '–' },
        posts: entry.postIds.size,
        fundedFteMilli: entry.fundedFteMilli,
        costCents: c.costCents,
        fundingCents: c.fundingCents,
        uncoveredCents: c.uncoveredCents,
        surplusCents: c.surplusCents,
        coverableCents: c.coverableCents,
        coveredByLumpSumCents: c.coveredByLumpSumCents,
        ownShareCents: c.ownShareCents,
        sort: programme?.sortOrder ?? 999,
      };
    })
    .sort((a, b) => a.sort - b.sort || a.programme.name.localeCompare(b.programme.name, 'de'))
    .map(({ sort: _sort, ...row }) => row);
  const total = (key: keyof Omit<CoverageRow, 'programme'>) => sumCents(rows.map((r) => r[key]));
  const presentAllocation = (a: repo.AllocationRow): CoverageAllocation => ({
    id: a.id,
    lumpSumGrantId: a.lumpSumGrantId,
    lumpSumTitle: lumpById.get(a.lumpSumGrantId)?.row.title ?? '–',
    programmeId: a.programmeId,
    programmeName: tree.byId.get(a.programmeId)?.name ?? '–',
    year: a.year,
    amountCents: a.amountCents,
    cancelled: a.cancelled,
    note: a.note,
    version: a.version,
  });
  return {
    year,
    rows,
    totals: {
      posts: total('posts'),
      fundedFteMilli: total('fundedFteMilli'),
      costCents: total('costCents'),
      fundingCents: total('fundingCents'),
      uncoveredCents: total('uncoveredCents'),
      surplusCents: total('surplusCents'),
      coverableCents: total('coverableCents'),
      coveredByLumpSumCents: total('coveredByLumpSumCents'),
      ownShareCents: total('ownShareCents'),
    },
    allocations: allocations.map(presentAllocation),
    lumpSums: lumpSums.map((g) => {
      const allocatedCents = sumCents(
        allAllocations.filter((a) => a.lumpSumGrantId === g.row.id && !a.cancelled).map((a) => a.amountCents),
      );
      const totalCents = lumpSumTotal(g);
      return {
        grantId: g.row.id,
        title: g.row.title,
        useByDate: g.current.row.useByDate,
        totalCents,
        allocatedCents,
        remainingCents: totalCents - allocatedCents,
      };
    }),
    notes,
    can: { allocate: hasPermission(ctx.actor, 'funding.write') },
  };
}

/** Checks that an allocation fits the lump sum's remaining money, its use-by date and the programme's uncovered cost. */
async function checkAllocation(
  ctx: AuthedContext,
  g: LoadedGrant,
  input: { programmeId: string; year: number; amountCents: number },
  exceptId?: string,
) {
  const usable = usableMonths(g, input.year);
  if (!usable.some(Boolean)) {
    const until = g.current.row.useByDate ?? g.current.row.approvalEnd;
    throw fieldError(
      'year',
      `„${g.row.title}“ ist nur vom ${formatDateDe(g.current.row.approvalStart)} bis ${formatDateDe(until)} verwendbar.`,
    );
  }
  const remaining = lumpSumTotal(g) - (await repo.allocatedCents(ctx.tx, g.row.id, { exceptId }));
  if (input.amountCents > remaining)
    throw fieldError('amountCents', `Aus „${g.row.title}“ sind nur noch ${formatEuro(Math.max(0, remaining))} verfügbar.`);
  const { programmes } = await fundedPersonnelByProgramme(ctx, input.year);
  const entry = programmes.find((p) => p.programmeId === input.programmeId);
  const coverable = entry ? computeCoverage(entry.months, usable, 0).coverableCents : 0;
  const already = await repo.allocatedCents(ctx.tx, g.row.id, { programmeId: input.programmeId, year: input.year, exceptId });
  if (already + input.amountCents > coverable) {
    const until = g.current.row.useByDate ?? g.current.row.approvalEnd;
    throw fieldError(
      'amountCents',
      `Ungedeckt und bis ${formatDateDe(until)} deckbar sind ${input.year} nur ${formatEuro(coverable)}` +
        (already ? `, davon sind ${formatEuro(already)} schon zugeordnet.` : '.'),
    );
  }
}

export async function createAllocation(
  ctx: AuthedContext,
  input: { lumpSumGrantId: string; programmeId: string; year: number; amountCents: number; note?: string },
) {
  const g = await loadGrant(ctx, input.lumpSumGrantId, { forUpdate: true }).catch(() => {
    throw fieldError('lumpSumGrantId', 'Diesen Bescheid gibt es nicht.');
  });
  if (g.row.programmeSection !== 'lump_sum')
    throw fieldError('lumpSumGrantId', 'Nur Mittel einer Integrationspauschale können Personalkosten decken.');
  const tree = await programmeTree(ctx.tx);
  if (!tree.byId.has(input.programmeId)) throw fieldError('programmeId', 'Dieses Förderprogramm gibt es nicht.');
  await checkAllocation(ctx, g, input);
  const row = await repo.insertAllocation(ctx.tx, { ...input, note: input.note ?? '', createdBy: ctx.actor.userId });
  await ctx.audit.record({
    action: 'funding.allocation_create',
    subjectType: 'funding_allocation',
    subjectId: row.id,
    details: { lumpSumGrantId: g.row.id, programmeId: input.programmeId, year: input.year, amountCents: input.amountCents },
  });
  return coverageReport(ctx, input.year);
}

export async function updateAllocation(
  ctx: AuthedContext,
  id: string,
  version: number,
  input: { amountCents?: number; cancelled?: boolean; note?: string },
) {
  const current = await repo.findAllocation(ctx.tx, ctx.actor, id);
  if (!current) throw notFound('Zuordnung nicht gefunden.');
  const g = await loadGrant(ctx, current.lumpSumGrantId, { forUpdate: true });
  if (current.version !== version) throw versionConflict();
  const cancelled = input.cancelled ?? current.cancelled;
  const amountCents = input.amountCents ?? current.amountCents;
  if (!cancelled && (input.amountCents !== undefined || input.cancelled === false)) {
    await checkAllocation(ctx, g, { programmeId: current.programmeId, year: current.year, amountCents }, id);
  }
  if (!(await repo.updateAllocation(ctx.tx, id, version, { amountCents, cancelled, note: input.note ?? current.note })))
    throw versionConflict();
  await ctx.audit.record({
    action: 'funding.allocation_update',
    subjectType: 'funding_allocation',
    subjectId: id,
    details: { fields: Object.keys(input) },
  });
  return coverageReport(ctx, current.year);
}
