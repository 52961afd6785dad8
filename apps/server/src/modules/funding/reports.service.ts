import {
  formatEuro,
  formatPercentBp,
  mulDivRound,
  POSITION_CATEGORIES,
  POSITION_CATEGORY_LABELS_DE,
  sumCents,
  type ActivityFigure,
  type ChecklistItem,
  type PositionCategory,
  type ReportStatus,
  type StatementLine,
  type UseOfFundsReport,
} from '@teilhabe/shared';
import { hasPermission } from '../../platform/access/actor.js';
import type { AuthedContext } from '../../platform/http/context.js';
import { AppError, conflict, fieldError, versionConflict } from '../../platform/http/errors.js';
import * as repo from './grants.repository.js';
import { listOnwardGrantsOf, loadGrant, type LoadedGrant } from './grants.service.js';
import { programmeTree } from './programmes.service.js';
import { ACTIVITY_SPECS, countActivity } from './reports.repository.js';

/** Deviations above this share of the approved amount need a reason in the Sachbericht (ANBest-P: 20 %). */
const DEVIATION_NOTE_BP = 2000;

async function activityFigures(ctx: AuthedContext, g: LoadedGrant, year: number): Promise<ActivityFigure[]> {
  const tree = await programmeTree(ctx.tx);
  const rootCode = tree.rootOf(g.row.programmeId).code;
  const specs = ACTIVITY_SPECS.filter((s) => s.programmes.includes(rootCode));
  const figures: ActivityFigure[] = [];
  for (const spec of specs) {
    const value = await countActivity(ctx.tx, ctx.actor, spec, year);
    figures.push({
      label: spec.label,
      value,
      source: spec.source,
      gap: value === null ? `Lücke: Das Modul „${spec.source}“ liefert (noch) keine Zahlen – bitte von Hand ergänzen.` : null,
    });
  }
  return figures;
}

export async function buildReport(ctx: AuthedContext, grantId: string, year: number): Promise<UseOfFundsReport> {
  const g = await loadGrant(ctx, grantId);
  const from = Number(g.current.row.approvalStart.slice(0, 4));
  const to = Number(g.current.row.approvalEnd.slice(0, 4));
  if (year < from || year > to) throw fieldError('year', `Der Bescheid umfasst die Haushaltsjahre ${from}–${to}.`);
  const plan = g.current.positions.filter((p) => p.budgetYear === year);
  const yearBookings = await repo.listBookings(ctx.tx, g.row.id, year);
  const bookings = yearBookings.filter((b) => b.kind === 'actual' && b.status === 'booked');
  const openCommitments = yearBookings.filter((b) => b.kind === 'commitment' && b.status === 'open');
  const lines: StatementLine[] = POSITION_CATEGORIES.flatMap((category: PositionCategory) => {
    const approvedCents = plan.find((p) => p.category === category)?.amountCents ?? 0;
    const actualCents = sumCents(bookings.filter((b) => b.category === category).map((b) => b.amountCents));
    if (approvedCents === 0 && actualCents === 0) return [];
    const deviationCents = actualCents - approvedCents;
    return [
      {
        category,
        label: POSITION_CATEGORY_LABELS_DE[category],
        approvedCents,
        actualCents,
        deviationCents,
        deviationBp: approvedCents === 0 ? null : mulDivRound(deviationCents, 10000, approvedCents),
      },
    ];
  });
  const calloffs = (await repo.listCalloffs(ctx.tx, [g.row.id])).filter(
    (c) => c.budgetYear === year && (c.status === 'submitted' || c.status === 'received'),
  );
  const calledOffCents = sumCents(calloffs.map((c) => c.amountCents));
  const onward = (await listOnwardGrantsOf(ctx, [g.row.id])).filter((o) => o.budgetYear === year);
  const stored = await repo.findReport(ctx.tx, g.row.id, year);
  const narrative = stored?.report.narrative ?? '';
  const status = (stored?.report.status ?? 'draft') as ReportStatus;
  const activity = await activityFigures(ctx, g, year);
  const totals = {
    approvedCents: sumCents(lines.map((l) => l.approvedCents)),
    actualCents: sumCents(lines.map((l) => l.actualCents)),
    deviationCents: sumCents(lines.map((l) => l.deviationCents)),
  };
  const bigDeviations = lines.filter((l) => (l.deviationBp === null ? l.actualCents > 0 : Math.abs(l.deviationBp) > DEVIATION_NOTE_BP));
  const missingReceipts = bookings.filter((b) => !b.receiptNo).length;
  const uncheckedOnward = onward.filter((o) => o.checkStatus !== 'confirmed');
  const checklist: ChecklistItem[] = [
    { key: 'approved', label: 'Bescheid von der KI-Leitung freigegeben', done: g.current.row.status === 'approved', blocking: true },
    { key: 'narrative', label: 'Sachbericht geschrieben', done: narrative.trim().length >= 50, blocking: true },
    {
      key: 'receipts',
      label: missingReceipts ? `Belegnummer fehlt bei ${missingReceipts} Buchung(en)` : 'Alle Buchungen haben eine Belegnummer',
      done: missingReceipts === 0,
      blocking: true,
    },
    {
      key: 'commitments',
      label: openCommitments.length
        ? `${openCommitments.length} offene Mittelbindung(en) abschließen oder stornieren`
        : 'Keine offenen Mittelbindungen',
      done: openCommitments.length === 0,
      blocking: true,
    },
    {
      key: 'onward',
      label: uncheckedOnward.length
        ? `Ordnungsgemäße Verwendung bei ${uncheckedOnward.length} Weiterleitung(en) noch nicht im Vier-Augen-Prinzip geprüft`
        : 'Verwendung aller Weiterleitungen an Dritte geprüft',
      done: uncheckedOnward.length === 0,
      blocking: true,
    },
    {
      key: 'deviations',
      label: bigDeviations.length
        ? `Abweichungen über 20 % im Sachbericht begründen: ${bigDeviations.map((l) => `${l.label} (${l.deviationBp === null ? 'nicht bewilligt' : formatPercentBp(l.deviationBp)})`).join(', ')}`
        : 'Keine Abweichung über 20 % je Position',
      done: bigDeviations.length === 0 || /abweich/i.test(narrative),
      blocking: false,
    },
    {
      key: 'calloffs',
      label:
        calledOffCents > totals.actualCents
          ? `Es wurden ${formatEuro(calledOffCents - totals.actualCents)} mehr abgerufen als ausgegeben: Rückzahlung (mit Zinsen) prüfen`
          : 'Abgerufene Mittel nicht höher als die Ausgaben',
      done: calledOffCents <= totals.actualCents,
      blocking: false,
    },
    ...activity
      .filter((a) => a.gap)
      .map((a) => ({
        key: `activity:${a.label}`,
        label: `Zahl „${a.label}“ von Hand ergänzen (Modul fehlt)`,
        done: false,
        blocking: false,
      })),
  ];
  const canWrite = hasPermission(ctx.actor, 'funding.write');
  return {
    grantId: g.row.id,
    budgetYear: year,
    grantTitle: g.row.title,
    programmeName: g.row.programmeName,
    organisationName: g.row.organisationName,
    fileNumber: g.current.row.fileNumber,
    approvalStart: g.current.row.approvalStart,
    approvalEnd: g.current.row.approvalEnd,
    reportDueDate: g.current.row.reportDueDate,
    status,
    narrative,
    lines,
    totals,
    calledOffCents,
    receipts: bookings.map((b) => ({
      bookingDate: b.bookingDate,
      category: b.category as PositionCategory,
      payee: b.payee,
      receiptNo: b.receiptNo,
      description: b.description,
      amountCents: b.amountCents,
    })),
    activity,
    checklist,
    finalisedByName: stored?.finalisedByName ?? null,
    finalisedAt: stored?.report.finalisedAt?.toISOString() ?? null,
    version: stored?.report.version ?? 0,
    can: {
      edit: canWrite && status === 'draft',
      finalise: hasPermission(ctx.actor, 'funding.approve') && status === 'draft' && checklist.every((c) => c.done || !c.blocking),
    },
  };
}

export async function getReport(ctx: AuthedContext, grantId: string, year: number) {
  return buildReport(ctx, grantId, year);
}

/** Saves the Sachbericht text; version 0 means the report has never been saved. */
export async function updateNarrative(ctx: AuthedContext, grantId: string, year: number, version: number, narrative: string) {
  const report = await buildReport(ctx, grantId, year);
  if (report.version !== version) throw versionConflict();
  if (report.status === 'final') throw conflict('Der Verwendungsnachweis ist abgeschlossen und kann nicht mehr geändert werden.');
  const stored = await repo.findReport(ctx.tx, grantId, year);
  const row = stored
    ? await repo.updateReport(ctx.tx, stored.report.id, version, { narrative })
    : await repo.insertReport(ctx.tx, grantId, year, narrative);
  if (!row) throw versionConflict();
  const result = await buildReport(ctx, grantId, year);
  await ctx.audit.record({ action: 'funding.report_update', subjectType: 'funding_report', subjectId: row.id, details: { grantId, year } });
  return result;
}

/** The KI-Leitung closes the Verwendungsnachweis once nothing blocking is missing. */
export async function finaliseReport(ctx: AuthedContext, grantId: string, year: number, version: number) {
  const report = await buildReport(ctx, grantId, year);
  if (report.version !== version) throw versionConflict();
  if (report.status === 'final') throw conflict('Der Verwendungsnachweis ist bereits abgeschlossen.');
  const missing = report.checklist.filter((c) => c.blocking && !c.done);
  if (missing.length) {
    throw new AppError(
      409,
      'conflict',
      `Noch nicht abschließbar: ${missing.map((m) => m.label).join('; ')}.`,
      Object.fromEntries(missing.map((m) => [m.key, m.label])),
    );
  }
  const stored = await repo.findReport(ctx.tx, grantId, year);
  const row =
    stored &&
    (await repo.updateReport(ctx.tx, stored.report.id, version, {
      status: 'final',
      finalisedBy: ctx.actor.userId,
      finalisedAt: new Date(),
    }));
  if (!row) throw versionConflict();
  const result = await buildReport(ctx, grantId, year);
  await ctx.audit.record({
    action: 'funding.report_finalise',
    subjectType: 'funding_report',
    subjectId: row.id,
    details: { grantId, year },
  });
  return result;
}
