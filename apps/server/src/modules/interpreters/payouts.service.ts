import ExcelJS from 'exceljs';
import {
  INTERPRETING_OUTCOME_LABELS_DE,
  REQUESTER_KIND_LABELS_DE,
  type InterpreterBudgetView,
  type InterpreterCapStatus,
  type InterpreterFeeTier,
  type InterpreterPayoutList,
  type InterpreterStatistics,
  type InterpreterStatRow,
  type InterpretingMode,
  type InterpretingOutcome,
  type RequesterKind,
} from '@teilhabe/shared';
import { formatCents, formatIban, maskIban } from '@teilhabe/shared/interpreters/format';
import { languageName } from '@teilhabe/shared/interpreters/languages';
import { berlinMonthRange, berlinParts, berlinYearRange, formatDateDe, monthNameDe } from '@teilhabe/shared/interpreters/workdays';
import { CSV_BOM, csvLine } from '../../platform/csv.js';
import type { AuthedContext } from '../../platform/http/context.js';
import { notFound } from '../../platform/http/errors.js';
import { capStatus, computeAllowance } from './fees.js';
import * as repo from './interpreters.repository.js';
import { fullName, gemeindeName, maySeeIban } from './interpreters.presenter.js';
import { ownInterpreter } from './interpreters.service.js';
import { renderMonthlyStatement, type StatementLine } from './interpreters.pdf.js';

export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${monthNameDe(m)} ${y}`;
}

function capNote(status: InterpreterCapStatus, capCents: number): string | null {
  if (status === 'over') return `Achtung: Die Ehrenamtspauschale von ${formatCents(capCents)} ist im Kalenderjahr überschritten; Beträge darüber sind steuer- und ggf. sozialversicherungspflichtig.`;
  if (status === 'near') return `Hinweis: Die Summe im Kalenderjahr nähert sich der Ehrenamtspauschale von ${formatCents(capCents)}.`;
  return null;
}

// ── Payout list ────────────────────────────────────────────────────────────────────────────────────────────────

export async function payoutList(ctx: AuthedContext, month: string): Promise<InterpreterPayoutList> {
  const pool = (await repo.readPoolSettings(ctx.tx)).value;
  const rows = await repo.payoutAggregates(ctx.tx, berlinMonthRange(month), berlinYearRange(Number(month.slice(0, 4))));
  const viewIban = maySeeIban(ctx.actor);
  const result: InterpreterPayoutList = {
    month,
    rows: rows.map((r) => ({
      interpreterId: r.interpreterId,
      displayName: fullName(r.firstName, r.lastName),
      accountHolder: viewIban ? (r.accountHolder ?? fullName(r.firstName, r.lastName)) : null,
      iban: viewIban ? r.iban : null,
      ibanMasked: r.iban ? maskIban(r.iban) : null,
      assignments: r.assignments,
      feeCents: r.feeCents,
      travelCents: r.travelCents,
      totalCents: r.totalCents,
      yearTotalCents: r.yearTotalCents,
      capStatus: capStatus(r.yearTotalCents, pool.volunteerCapCents, pool.capWarningPercent),
    })),
    totalCents: rows.reduce((s, r) => s + r.totalCents, 0),
    volunteerCapCents: pool.volunteerCapCents,
    can: { viewIban },
  };
  // Bank details are personal data: who looked at them, and when, is recorded.
  await ctx.audit.record({ action: 'interpreter_payouts.read', subjectType: 'interpreter_payouts', subjectId: month, details: { iban: viewIban, rows: rows.length } });
  return result;
}

const CAP_LABEL: Record<InterpreterCapStatus, string> = { ok: '', near: 'nahe an der Ehrenamtspauschale', over: 'Ehrenamtspauschale überschritten' };
const euro = (cents: number) => formatCents(cents).replace(' €', '');
// Text that a spreadsheet would read as a formula gets a leading apostrophe, in XLSX as in CSV.
const safeText = (s: string | null) => (s && /^[=+\-@\t\r]/.test(s) ? `'${s}` : (s ?? ''));

export async function exportPayouts(ctx: AuthedContext, month: string, format: 'csv' | 'xlsx') {
  const list = await payoutList(ctx, month);
  const header = ['Name', 'Kontoinhaber:in', 'IBAN', 'Einsätze', 'Pauschalen (€)', 'Fahrtkosten (€)', 'Auszahlung (€)', 'Summe Kalenderjahr (€)', 'Hinweis'];
  const iban = (r: (typeof list.rows)[number]) => (r.iban ? formatIban(r.iban) : (r.ibanMasked ?? 'fehlt'));
  await ctx.audit.record({ action: 'interpreter_payouts.export', subjectType: 'interpreter_payouts', subjectId: month, details: { format, iban: list.can.viewIban } });
  if (format === 'csv') {
    let csv = CSV_BOM + csvLine(header);
    for (const r of list.rows) {
      csv += csvLine([r.displayName, r.accountHolder ?? '', iban(r), r.assignments, euro(r.feeCents), euro(r.travelCents), euro(r.totalCents), euro(r.yearTotalCents), CAP_LABEL[r.capStatus]]);
    }
    csv += csvLine(['Summe', '', '', list.rows.reduce((s, r) => s + r.assignments, 0), '', '', euro(list.totalCents), '', '']);
    return { body: Buffer.from(csv, 'utf8'), contentType: 'text/csv; charset=utf-8', filename: `Auszahlungsliste-Sprachmittlung-${month}.csv` };
  }
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Teilhabe';
  const sheet = workbook.addWorksheet(`Auszahlungen ${month}`);
  sheet.columns = header.map((h, i) => ({ header: h, key: `c${i}`, width: [28, 28, 30, 10, 14, 14, 14, 18, 32][i] }));
  sheet.getRow(1).font = { bold: true };
  for (const r of list.rows) {
    sheet.addRow([safeText(r.displayName), safeText(r.accountHolder), iban(r), r.assignments, r.feeCents / 100, r.travelCents / 100, r.totalCents / 100, r.yearTotalCents / 100, CAP_LABEL[r.capStatus]]);
  }
  sheet.addRow(['Summe', '', '', list.rows.reduce((s, r) => s + r.assignments, 0), null, null, list.totalCents / 100, null, '']).font = { bold: true };
  for (const col of [5, 6, 7, 8]) sheet.getColumn(col).numFmt = '#,##0.00 "€"';
  const body = Buffer.from(await workbook.xlsx.writeBuffer());
  return { body, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', filename: `Auszahlungsliste-Sprachmittlung-${month}.xlsx` };
}

// ── Monthly statement (PDF) ────────────────────────────────────────────────────────────────────────────────────

function lineDetail(r: repo.StatementRow): string {
  if (r.lateCancellation) return 'Kurzfristige Absage (vergütet)';
  const parts = [`${r.actualMinutes ?? r.durationMinutes} Min.`];
  if (r.mode === 'in_person' && (r.travelKm ?? 0) > 0) parts.push(`${r.travelKm} km`);
  if (r.mode === 'in_person' && (r.travelMinutes ?? 0) > 0) parts.push(`${r.travelMinutes} Min. Fahrt`);
  if (r.mode !== 'in_person') parts.push(r.mode === 'phone' ? 'Telefon' : 'Video');
  if (r.outcome && r.outcome !== 'took_place') parts.push(INTERPRETING_OUTCOME_LABELS_DE[r.outcome as InterpretingOutcome]);
  return parts.join(', ');
}

async function statementFor(ctx: AuthedContext, interpreter: repo.InterpreterRow, month: string) {
  const pool = (await repo.readPoolSettings(ctx.tx)).value;
  const year = berlinYearRange(Number(month.slice(0, 4)));
  const range = berlinMonthRange(month);
  const [rows, kreis] = await Promise.all([repo.statementRows(ctx.tx, interpreter.id, range), repo.tenantKreis(ctx.tx)]);
  // The year total as of the end of the statement's month.
  const yearTotal = await repo.payableTotalCents(ctx.tx, interpreter.id, year.from, range.to);
  const lines: StatementLine[] = rows.map((r) => {
    const p = berlinParts(r.startsAt);
    return {
      date: formatDateDe(p.date),
      time: p.time,
      reference: r.reference,
      institution: r.institutionName,
      language: languageName(r.languageCode),
      detail: lineDetail(r),
      feeCents: r.feeCents,
      travelCents: r.travelCents,
      totalCents: r.totalCents,
    };
  });
  const pdf = await renderMonthlyStatement({
    issuer: kreis?.name ?? 'Kreis',
    interpreterName: fullName(interpreter.firstName, interpreter.lastName),
    monthLabel: monthLabel(month),
    lines,
    yearTotalCents: yearTotal,
    capCents: pool.volunteerCapCents,
    capNote: capNote(capStatus(yearTotal, pool.volunteerCapCents, pool.capWarningPercent), pool.volunteerCapCents),
    ibanMasked: interpreter.iban ? maskIban(interpreter.iban) : null,
  });
  return { pdf, filename: `Abrechnung-Sprachmittlung-${month}-${interpreter.lastName.replace(/[^\p{L}\d-]/gu, '')}.pdf` };
}

export async function statementPdf(ctx: AuthedContext, interpreterId: string, month: string) {
  const interpreter = await repo.findInterpreter(ctx.tx, interpreterId);
  if (!interpreter) throw notFound('Sprachmittler:in nicht gefunden.');
  const result = await statementFor(ctx, interpreter, month);
  await ctx.audit.record({ action: 'interpreter_payouts.statement', subjectType: 'interpreter', subjectId: interpreterId, details: { month } });
  return result;
}

export async function ownStatementPdf(ctx: AuthedContext, month: string) {
  const me = await ownInterpreter(ctx);
  const result = await statementFor(ctx, me, month);
  await ctx.audit.record({ action: 'interpreter_payouts.statement', subjectType: 'interpreter', subjectId: me.id, details: { month, own: true } });
  return result;
}

// ── Budget ─────────────────────────────────────────────────────────────────────────────────────────────────────

export async function budget(ctx: AuthedContext, year: number): Promise<InterpreterBudgetView> {
  const pool = (await repo.readPoolSettings(ctx.tx)).value;
  const figures = await repo.budgetFigures(ctx.tx, berlinYearRange(year));
  // Confirmed assignments are committed at their planned fee (travel is not known yet).
  const committedCents = figures.committed.reduce(
    (sum, c) => sum + c.n * computeAllowance(pool.tariff, { tier: c.feeTier as InterpreterFeeTier, mode: c.mode as InterpretingMode, minutes: c.minutes, travelKm: 0, travelMinutes: 0 }).totalCents,
    0,
  );
  const byMonth = new Map(figures.byMonth.map((m) => [m.month, m.total]));
  return {
    year,
    budgetCents: pool.annualBudgetCents,
    spentCents: figures.spentCents,
    committedCents,
    remainingCents: pool.annualBudgetCents - figures.spentCents - committedCents,
    spentPercent: pool.annualBudgetCents > 0 ? Math.round((figures.spentCents * 1000) / pool.annualBudgetCents) / 10 : 0,
    byMonth: Array.from({ length: 12 }, (_, i) => {
      const month = `${year}-${String(i + 1).padStart(2, '0')}`;
      return { month, spentCents: byMonth.get(month) ?? 0 };
    }),
  };
}

// ── Statistics ─────────────────────────────────────────────────────────────────────────────────────────────────

const LEAD_BUCKETS: [string, string][] = [
  ['unter_5', 'unter 5 Tage'],
  ['5_7', '5–7 Tage'],
  ['8_14', '8–14 Tage'],
  ['15_28', '15–28 Tage'],
  ['ueber_28', 'mehr als 4 Wochen'],
];

/** Fulfilment rate: fulfilled requests among those not cancelled by the requester, in per cent with one decimal. */
function rate(r: { requests: number; fulfilled: number; cancelled: number }): number {
  const base = r.requests - r.cancelled;
  return base > 0 ? Math.round((r.fulfilled * 1000) / base) / 10 : 0;
}

export async function statistics(ctx: AuthedContext, year: number): Promise<InterpreterStatistics> {
  const rows = await repo.statistics(ctx.tx, berlinYearRange(year));
  const of = (dimension: repo.StatisticsRow['dimension']) => rows.filter((r) => r.dimension === dimension);
  const toStat = (r: repo.StatisticsRow, label: string): InterpreterStatRow => ({
    key: r.key ?? '',
    label,
    requests: r.requests,
    fulfilled: r.fulfilled,
    fulfilmentRate: rate(r),
    minutes: r.minutes,
  });
  const byRequests = (a: InterpreterStatRow, b: InterpreterStatRow) => b.requests - a.requests || a.label.localeCompare(b.label, 'de');
  const total = of('total')[0];
  const months = new Map(of('month').map((r) => [r.key, r]));
  const lead = new Map(of('lead').map((r) => [r.key, r.requests]));
  return {
    year,
    totals: {
      requests: total?.requests ?? 0,
      fulfilled: total?.fulfilled ?? 0,
      cancelled: total?.cancelled ?? 0,
      unfilled: total?.unfilled ?? 0,
      fulfilmentRate: total ? rate(total) : 0,
      minutes: total?.minutes ?? 0,
      medianLeadDays: total?.medianLeadDays ?? null,
      averageLeadDays: total?.averageLeadDays === null || total?.averageLeadDays === undefined ? null : Math.round(total.averageLeadDays * 10) / 10,
    },
    byLanguage: of('language').map((r) => toStat(r, languageName(r.key ?? ''))).sort(byRequests),
    byInstitutionKind: of('kind').map((r) => toStat(r, REQUESTER_KIND_LABELS_DE[r.key as RequesterKind] ?? r.key ?? '')).sort(byRequests),
    byGemeinde: of('ags').map((r) => toStat(r, r.key ? (gemeindeName(r.key) ?? r.key) : 'ohne Gemeinde (Telefon/Video)')).sort(byRequests),
    byMonth: Array.from({ length: 12 }, (_, i) => {
      const key = `${year}-${String(i + 1).padStart(2, '0')}`;
      const r = months.get(key);
      return r ? toStat(r, monthNameDe(i + 1)) : { key, label: monthNameDe(i + 1), requests: 0, fulfilled: 0, fulfilmentRate: 0, minutes: 0 };
    }),
    leadTimes: LEAD_BUCKETS.map(([key, label]) => ({ key, label, requests: lead.get(key) ?? 0 })),
  };
}

export async function exportStatistics(ctx: AuthedContext, year: number) {
  const stats = await statistics(ctx, year);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Teilhabe';
  const overview = workbook.addWorksheet('Übersicht');
  overview.columns = [
    { header: 'Kennzahl', key: 'k', width: 44 },
    { header: `Wert ${year}`, key: 'v', width: 16 },
  ];
  overview.getRow(1).font = { bold: true };
  overview.addRows([
    ['Anfragen', stats.totals.requests],
    ['Vermittelt (zugesagt oder durchgeführt)', stats.totals.fulfilled],
    ['Abgesagt durch anfragende Stelle oder KI', stats.totals.cancelled],
    ['Nicht vermittelt', stats.totals.unfilled],
    ['Vermittlungsquote (%, ohne Absagen)', stats.totals.fulfilmentRate],
    ['Einsatzstunden (durchgeführt)', Math.round((stats.totals.minutes / 60) * 10) / 10],
    ['Vorlaufzeit Median (Tage)', stats.totals.medianLeadDays ?? '–'],
    ['Vorlaufzeit Durchschnitt (Tage)', stats.totals.averageLeadDays ?? '–'],
  ]);
  const table = (name: string, first: string, rows: InterpreterStatRow[]) => {
    const sheet = workbook.addWorksheet(name);
    sheet.columns = [
      { header: first, key: 'label', width: 40 },
      { header: 'Anfragen', key: 'requests', width: 12 },
      { header: 'Vermittelt', key: 'fulfilled', width: 12 },
      { header: 'Quote (%)', key: 'rate', width: 12 },
      { header: 'Stunden', key: 'hours', width: 12 },
    ];
    sheet.getRow(1).font = { bold: true };
    for (const r of rows) sheet.addRow({ label: safeText(r.label), requests: r.requests, fulfilled: r.fulfilled, rate: r.fulfilmentRate, hours: Math.round((r.minutes / 60) * 10) / 10 });
  };
  table('Sprachen', 'Sprache', stats.byLanguage);
  table('Einrichtungsarten', 'Art der Einrichtung', stats.byInstitutionKind);
  table('Gemeinden', 'Gemeinde', stats.byGemeinde);
  table('Monate', 'Monat', stats.byMonth);
  const leadSheet = workbook.addWorksheet('Vorlaufzeiten');
  leadSheet.columns = [
    { header: 'Vorlaufzeit', key: 'label', width: 24 },
    { header: 'Anfragen', key: 'requests', width: 12 },
  ];
  leadSheet.getRow(1).font = { bold: true };
  for (const r of stats.leadTimes) leadSheet.addRow(r);
  await ctx.audit.record({ action: 'interpreter_statistics.export', subjectType: 'interpreter_statistics', subjectId: String(year) });
  return {
    body: Buffer.from(await workbook.xlsx.writeBuffer()),
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    filename: `Statistik-Sprachmittlung-${year}.xlsx`,
  };
}
