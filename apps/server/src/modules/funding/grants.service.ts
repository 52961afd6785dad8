import {
  amountForMonths,
  addMonthsIso,
  formatDateDe,
  formatEuro,
  isoDateInBerlin,
  mulDivRound,
  POSITION_CATEGORIES,
  POSITION_CATEGORY_LABELS_DE,
  sumCents,
  type Booking,
  type BookingKind,
  type BookingStatus,
  type Calloff,
  type CalloffStatus,
  type CalloffSuggestion,
  type FinancingType,
  type FundingSettings,
  type Grant,
  type GrantPosition,
  type GrantRevision,
  type GrantStatus,
  type GrantSummary,
  type OnwardCheckStatus,
  type OnwardGrant,
  type OverspendMode,
  type PositionBalance,
  type PositionCategory,
  type PositionInput,
  type ProgrammeSection,
  type RevisionKind,
} from '@teilhabe/shared';
import { hasPermission } from '../../platform/access/actor.js';
import type { AuthedContext } from '../../platform/http/context.js';
import { AppError, conflict, fieldError, forbidden, notFound, versionConflict } from '../../platform/http/errors.js';
import * as repo from './grants.repository.js';
import { programmeBasics, versionInForce } from './programmes.service.js';
import * as programmesRepo from './programmes.repository.js';

// ───────────────────────────── loading and presenting ─────────────────────────────

export interface LoadedRevision {
  row: repo.GrantRevisionRow;
  positions: GrantPosition[];
  createdByName: string | null;
  approvedByName: string | null;
}

export interface LoadedGrant {
  row: repo.GrantRow;
  revisions: LoadedRevision[];
  /** Latest approved revision, or the first draft while nothing is approved. */
  current: LoadedRevision;
  latest: LoadedRevision;
  status: GrantStatus;
}

function yearOf(iso: string): number {
  return Number(iso.slice(0, 4));
}

async function loadGrants(ctx: AuthedContext, rows: repo.GrantRow[]): Promise<LoadedGrant[]> {
  const revs = await repo.listRevisions(
    ctx.tx,
    rows.map((r) => r.id),
  );
  const positions = await repo.listPositions(
    ctx.tx,
    revs.map((r) => r.revision.id),
  );
  const byRevision = new Map<string, GrantPosition[]>();
  for (const p of positions) {
    const list = byRevision.get(p.revisionId) ?? [];
    list.push({ budgetYear: p.budgetYear, category: p.category as PositionCategory, amountCents: p.amountCents });
    byRevision.set(p.revisionId, list);
  }
  return rows.flatMap((row) => {
    const revisions: LoadedRevision[] = revs
      .filter((r) => r.revision.grantId === row.id)
      .map((r) => ({
        row: r.revision,
        positions: byRevision.get(r.revision.id) ?? [],
        createdByName: r.createdByName,
        approvedByName: r.approvedByName,
      }));
    if (revisions.length === 0) return [];
    const latest = revisions[revisions.length - 1]!;
    const approved = revisions.filter((r) => r.row.status === 'approved');
    const current = approved[approved.length - 1] ?? revisions[0]!;
    return [{ row, revisions, current, latest, status: latest.row.status as GrantStatus }];
  });
}

export async function loadGrantsOfTenant(ctx: AuthedContext, filter: { programmeIds?: string[]; organisationId?: string } = {}) {
  return loadGrants(ctx, await repo.listGrantRows(ctx.tx, ctx.actor, filter));
}

export async function loadGrant(ctx: AuthedContext, id: string, opts: { forUpdate?: boolean } = {}): Promise<LoadedGrant> {
  const row = await repo.findGrantRow(ctx.tx, ctx.actor, id, opts);
  if (!row) throw notFound('Zuwendungsbescheid nicht gefunden.');
  const [loaded] = await loadGrants(ctx, [row]);
  if (!loaded) throw notFound('Zuwendungsbescheid nicht gefunden.');
  return loaded;
}

function presentRevision(r: LoadedRevision): GrantRevision {
  return {
    revisionNo: r.row.revisionNo,
    kind: r.row.kind as RevisionKind,
    status: r.row.status as GrantStatus,
    decisionDate: r.row.decisionDate,
    fileNumber: r.row.fileNumber,
    approvalStart: r.row.approvalStart,
    approvalEnd: r.row.approvalEnd,
    financingType: r.row.financingType as FinancingType,
    sharePercentBp: r.row.sharePercentBp,
    conditions: r.row.conditions,
    calloffDates: r.row.calloffDates,
    useByDate: r.row.useByDate,
    reportDueDate: r.row.reportDueDate,
    documentRef: r.row.documentRef,
    reason: r.row.reason,
    positions: r.positions,
    totalCents: sumCents(r.positions.map((p) => p.amountCents)),
    createdByName: r.createdByName,
    createdAt: r.row.createdAt.toISOString(),
    approvedByName: r.approvedByName,
    approvedAt: r.row.approvedAt?.toISOString() ?? null,
  };
}

export function presentGrantSummary(g: LoadedGrant): GrantSummary {
  return {
    id: g.row.id,
    title: g.row.title,
    programme: {
      id: g.row.programmeId,
      code: g.row.programmeCode,
      name: g.row.programmeName,
      shortName: g.row.programmeShortName,
      section: g.row.programmeSection as ProgrammeSection,
    },
    organisation: { id: g.row.organisationId, name: g.row.organisationName },
    status: g.status,
    fileNumber: g.latest.row.fileNumber,
    approvalStart: g.latest.row.approvalStart,
    approvalEnd: g.latest.row.approvalEnd,
    useByDate: g.latest.row.useByDate,
    reportDueDate: g.latest.row.reportDueDate,
    totalCents: sumCents(g.latest.positions.map((p) => p.amountCents)),
    revisionCount: g.revisions.length,
    version: g.row.version,
  };
}

type Totals = Awaited<ReturnType<typeof repo.bookingTotals>>;

export function balancesOf(plan: readonly GrantPosition[], totals: Totals): PositionBalance[] {
  const keys = new Map<string, { budgetYear: number; category: PositionCategory }>();
  for (const p of plan) keys.set(`${p.budgetYear}:${p.category}`, { budgetYear: p.budgetYear, category: p.category });
  for (const t of totals) keys.set(`${t.budgetYear}:${t.category}`, { budgetYear: t.budgetYear, category: t.category as PositionCategory });
  return [...keys.values()]
    .sort((a, b) => a.budgetYear - b.budgetYear || POSITION_CATEGORIES.indexOf(a.category) - POSITION_CATEGORIES.indexOf(b.category))
    .map(({ budgetYear, category }) => {
      const plannedCents = plan.find((p) => p.budgetYear === budgetYear && p.category === category)?.amountCents ?? 0;
      const t = totals.find((x) => x.budgetYear === budgetYear && x.category === category);
      const actualCents = t?.actualCents ?? 0;
      const committedCents = t?.committedCents ?? 0;
      return {
        budgetYear,
        category,
        plannedCents,
        actualCents,
        committedCents,
        availableCents: plannedCents - actualCents - committedCents,
      };
    });
}

async function grantWarnings(ctx: AuthedContext, g: LoadedGrant): Promise<string[]> {
  const warnings: string[] = [];
  const versions = await programmesRepo.listVersions(ctx.tx, [g.row.programmeId]);
  const years = [...new Set(g.latest.positions.map((p) => p.budgetYear))];
  for (const year of years) {
    const rule = versionInForce(versions, `${year}-07-01`);
    const total = sumCents(g.latest.positions.filter((p) => p.budgetYear === year).map((p) => p.amountCents));
    if (rule?.maxAmountCents != null && total > rule.maxAmountCents) {
      warnings.push(
        `${year}: Die bewilligte Summe ${formatEuro(total)} liegt über dem Höchstbetrag der Richtlinie (${formatEuro(rule.maxAmountCents)}).`,
      );
    }
  }
  if (g.status === 'draft') warnings.push('Der Bescheid ist noch nicht von der KI-Leitung freigegeben (Vier-Augen-Prinzip).');
  return warnings;
}

async function presentGrant(ctx: AuthedContext, g: LoadedGrant): Promise<Grant & { warnings: string[] }> {
  const totals = await repo.bookingTotals(ctx.tx, [g.row.id]);
  const canWrite = hasPermission(ctx.actor, 'funding.write');
  return {
    ...presentGrantSummary(g),
    current: presentRevision(g.current),
    latest: presentRevision(g.latest),
    revisions: g.revisions.map(presentRevision),
    balances: balancesOf(g.current.positions, totals),
    passThroughAllowed: g.row.passThroughAllowed,
    warnings: await grantWarnings(ctx, g),
    can: {
      edit: canWrite && g.status === 'draft',
      amend: canWrite && g.status === 'approved',
      approve: hasPermission(ctx.actor, 'funding.approve') && g.status === 'draft' && g.latest.row.createdBy !== ctx.actor.userId,
      book: canWrite,
    },
  };
}

// ───────────────────────────── grants ─────────────────────────────

export async function listGrants(
  ctx: AuthedContext,
  filter: { year?: number; programmeId?: string; organisationId?: string; status?: GrantStatus },
) {
  let programmeIds: string[] | undefined;
  if (filter.programmeId) {
    // A programme filter includes its Bausteine.
    const all = await programmesRepo.listProgrammes(ctx.tx);
    programmeIds = all.filter((p) => p.id === filter.programmeId || p.parentId === filter.programmeId).map((p) => p.id);
  }
  const grants = await loadGrantsOfTenant(ctx, { programmeIds, organisationId: filter.organisationId });
  return grants
    .filter((g) => !filter.status || g.status === filter.status)
    .filter(
      (g) =>
        !filter.year ||
        g.latest.positions.some((p) => p.budgetYear === filter.year) ||
        (yearOf(g.latest.row.approvalStart) <= filter.year && yearOf(g.latest.row.approvalEnd) >= filter.year),
    )
    .map(presentGrantSummary);
}

export async function getGrant(ctx: AuthedContext, id: string) {
  return presentGrant(ctx, await loadGrant(ctx, id));
}

interface RevisionInput {
  decisionDate: string;
  fileNumber: string;
  approvalStart: string;
  approvalEnd: string;
  financingType: FinancingType;
  sharePercentBp?: number | null;
  conditions?: string;
  calloffDates?: string[];
  useByDate?: string | null;
  reportDueDate?: string | null;
  documentRef?: string;
  reason?: string;
  positions: PositionInput[];
}

/** Checks a Bescheid's content; German messages name the field that is wrong. */
function checkRevision(input: RevisionInput, passThroughAllowed: boolean) {
  if (input.approvalEnd < input.approvalStart)
    throw fieldError('approvalEnd', 'Das Ende des Bewilligungszeitraums liegt vor seinem Beginn.');
  if (input.financingType === 'share' && !input.sharePercentBp)
    throw fieldError('sharePercentBp', 'Bei Anteilfinanzierung ist der Anteil in Prozent Pflicht.');
  if (input.useByDate && input.useByDate < input.approvalStart)
    throw fieldError('useByDate', 'Die Verwendungsfrist endet vor Beginn des Bewilligungszeitraums.');
  if (input.reportDueDate && input.reportDueDate < input.approvalStart)
    throw fieldError('reportDueDate', 'Der Verwendungsnachweis kann nicht vor Beginn des Bewilligungszeitraums fällig sein.');
  (input.calloffDates ?? []).forEach((d, i) => {
    if (d < input.approvalStart || d > addMonthsIso(input.approvalEnd, 3)) {
      throw fieldError(`calloffDates.${i}`, `Der Abruftermin ${formatDateDe(d)} liegt außerhalb des Bewilligungszeitraums.`);
    }
  });
  const from = yearOf(input.approvalStart);
  const to = yearOf(input.approvalEnd);
  const seen = new Set<string>();
  input.positions.forEach((p, i) => {
    if (p.budgetYear < from || p.budgetYear > to) {
      throw fieldError(
        `positions.${i}.budgetYear`,
        `Das Haushaltsjahr ${p.budgetYear} liegt außerhalb des Bewilligungszeitraums (${from}–${to}).`,
      );
    }
    const key = `${p.budgetYear}:${p.category}`;
    if (seen.has(key))
      throw fieldError(
        `positions.${i}.category`,
        `Die Position „${POSITION_CATEGORY_LABELS_DE[p.category]}“ ${p.budgetYear} ist doppelt angegeben.`,
      );
    seen.add(key);
    if (p.category === 'pass_through' && p.amountCents > 0 && !passThroughAllowed) {
      throw fieldError(`positions.${i}.category`, 'Dieses Programm erlaubt keine Weiterleitung an Dritte.');
    }
  });
}

function revisionValues(input: RevisionInput) {
  return {
    decisionDate: input.decisionDate,
    fileNumber: input.fileNumber,
    approvalStart: input.approvalStart,
    approvalEnd: input.approvalEnd,
    financingType: input.financingType,
    sharePercentBp: input.financingType === 'share' ? (input.sharePercentBp ?? null) : null,
    conditions: input.conditions ?? '',
    calloffDates: [...(input.calloffDates ?? [])].sort(),
    useByDate: input.useByDate ?? null,
    reportDueDate: input.reportDueDate ?? null,
    documentRef: input.documentRef ?? '',
    reason: input.reason ?? '',
  };
}

/** Positions with zero amounts are dropped: the Finanzierungsplan lists what was granted. */
function nonZero(positions: PositionInput[]) {
  return positions.filter((p) => p.amountCents > 0);
}

export async function createGrant(
  ctx: AuthedContext,
  input: RevisionInput & { programmeId: string; organisationId: string; title: string },
) {
  const programme = await programmesRepo.findProgramme(ctx.tx, input.programmeId);
  if (!programme) throw fieldError('programmeId', 'Dieses Förderprogramm gibt es nicht.');
  if (!programme.active) throw fieldError('programmeId', 'Dieses Förderprogramm ist nicht mehr aktiv.');
  if (!(await repo.organisationInTenant(ctx.tx, ctx.actor, input.organisationId)))
    throw fieldError('organisationId', 'Diese Organisation gibt es in Ihrem Kreis nicht.');
  checkRevision(input, programme.passThroughAllowed);
  const grant = await repo.insertGrant(ctx.tx, {
    programmeId: programme.id,
    organisationId: input.organisationId,
    title: input.title,
    createdBy: ctx.actor.userId,
  });
  const revision = await repo.insertRevision(ctx.tx, grant.id, {
    revisionNo: 1,
    kind: 'initial',
    status: 'draft',
    createdBy: ctx.actor.userId,
    ...revisionValues(input),
  });
  await repo.replacePositions(ctx.tx, revision.id, nonZero(input.positions));
  const result = await getGrant(ctx, grant.id);
  await ctx.audit.record({
    action: 'funding.grant_create',
    subjectType: 'funding_grant',
    subjectId: grant.id,
    details: { programme: programme.code, totalCents: result.latest.totalCents },
  });
  return result;
}

export async function updateGrantDraft(
  ctx: AuthedContext,
  id: string,
  version: number,
  input: Partial<RevisionInput> & { title?: string; organisationId?: string },
) {
  const g = await loadGrant(ctx, id, { forUpdate: true });
  if (g.row.version !== version) throw versionConflict();
  if (g.status !== 'draft') {
    throw conflict('Ein freigegebener Bescheid wird nicht überschrieben. Bitte einen Änderungsbescheid anlegen.');
  }
  if (input.organisationId && !(await repo.organisationInTenant(ctx.tx, ctx.actor, input.organisationId))) {
    throw fieldError('organisationId', 'Diese Organisation gibt es in Ihrem Kreis nicht.');
  }
  const r = g.latest.row;
  const merged: RevisionInput = {
    decisionDate: input.decisionDate ?? r.decisionDate,
    fileNumber: input.fileNumber ?? r.fileNumber,
    approvalStart: input.approvalStart ?? r.approvalStart,
    approvalEnd: input.approvalEnd ?? r.approvalEnd,
    financingType: input.financingType ?? (r.financingType as FinancingType),
    sharePercentBp: input.sharePercentBp === undefined ? r.sharePercentBp : input.sharePercentBp,
    conditions: input.conditions ?? r.conditions,
    calloffDates: input.calloffDates ?? r.calloffDates,
    useByDate: input.useByDate === undefined ? r.useByDate : input.useByDate,
    reportDueDate: input.reportDueDate === undefined ? r.reportDueDate : input.reportDueDate,
    documentRef: input.documentRef ?? r.documentRef,
    reason: input.reason ?? r.reason,
    positions: input.positions ?? g.latest.positions,
  };
  checkRevision(merged, g.row.passThroughAllowed);
  if (!(await repo.touchGrant(ctx.tx, id, version, { title: input.title, organisationId: input.organisationId }))) throw versionConflict();
  await repo.updateRevision(ctx.tx, r.id, revisionValues(merged));
  if (input.positions) await repo.replacePositions(ctx.tx, r.id, nonZero(input.positions));
  const result = await getGrant(ctx, id);
  await ctx.audit.record({
    action: 'funding.grant_update',
    subjectType: 'funding_grant',
    subjectId: id,
    details: { revisionNo: r.revisionNo, fields: Object.keys(input) },
  });
  return result;
}

/** An Änderungsbescheid is a new revision: the approved one stays as it was. */
export async function createAmendment(ctx: AuthedContext, id: string, version: number, input: RevisionInput & { reason: string }) {
  const g = await loadGrant(ctx, id, { forUpdate: true });
  if (g.row.version !== version) throw versionConflict();
  if (g.status !== 'approved')
    throw conflict('Es gibt schon einen Entwurf, der auf Freigabe wartet. Bitte diesen ändern oder freigeben lassen.');
  checkRevision(input, g.row.passThroughAllowed);
  if (!(await repo.touchGrant(ctx.tx, id, version))) throw versionConflict();
  const revisionNo = g.latest.row.revisionNo + 1;
  const revision = await repo.insertRevision(ctx.tx, id, {
    revisionNo,
    kind: 'amendment',
    status: 'draft',
    createdBy: ctx.actor.userId,
    ...revisionValues(input),
  });
  await repo.replacePositions(ctx.tx, revision.id, nonZero(input.positions));
  const result = await getGrant(ctx, id);
  await ctx.audit.record({ action: 'funding.grant_amend', subjectType: 'funding_grant', subjectId: id, details: { revisionNo } });
  return result;
}

/** Four eyes: the KI-Leitung approves what someone else entered. */
export async function approveGrant(ctx: AuthedContext, id: string, version: number) {
  const g = await loadGrant(ctx, id, { forUpdate: true });
  if (g.row.version !== version) throw versionConflict();
  if (g.status !== 'draft') throw conflict('Dieser Bescheid ist bereits freigegeben.');
  if (g.latest.row.createdBy === ctx.actor.userId) {
    throw forbidden('Vier-Augen-Prinzip: Einen selbst erfassten Bescheid muss eine andere Person freigeben.');
  }
  if (!(await repo.touchGrant(ctx.tx, id, version))) throw versionConflict();
  await repo.updateRevision(ctx.tx, g.latest.row.id, { status: 'approved', approvedBy: ctx.actor.userId, approvedAt: new Date() });
  const result = await getGrant(ctx, id);
  await ctx.audit.record({
    action: 'funding.grant_approve',
    subjectType: 'funding_grant',
    subjectId: id,
    details: { revisionNo: g.latest.row.revisionNo },
  });
  return result;
}

// ───────────────────────────── settings ─────────────────────────────

const SETTINGS_KEY = 'funding.overspend';

export async function readFundingSettings(ctx: AuthedContext): Promise<FundingSettings> {
  const row = await repo.readSetting(ctx.tx, SETTINGS_KEY);
  const value = (row?.value ?? {}) as { overspendMode?: OverspendMode; tolerancePercent?: number };
  return {
    overspendMode: value.overspendMode === 'block' ? 'block' : 'warn',
    tolerancePercent: Number.isInteger(value.tolerancePercent) ? value.tolerancePercent! : 0,
    version: row?.version ?? 0,
    can: { edit: hasPermission(ctx.actor, 'funding.approve') },
  };
}

export async function updateFundingSettings(
  ctx: AuthedContext,
  version: number,
  input: { overspendMode: OverspendMode; tolerancePercent: number },
) {
  if (!(await repo.writeSetting(ctx.tx, SETTINGS_KEY, version, input))) throw versionConflict();
  const result = await readFundingSettings(ctx);
  await ctx.audit.record({ action: 'funding.settings_update', subjectType: 'setting', subjectId: SETTINGS_KEY, details: { ...input } });
  return result;
}

// ───────────────────────────── spending ─────────────────────────────

function presentBooking(row: repo.BookingRow): Booking {
  return {
    id: row.id,
    grantId: row.grantId,
    budgetYear: row.budgetYear,
    category: row.category as PositionCategory,
    kind: row.kind as BookingKind,
    status: row.status as BookingStatus,
    bookingDate: row.bookingDate,
    amountCents: row.amountCents,
    payee: row.payee,
    receiptNo: row.receiptNo,
    description: row.description,
    createdAt: row.createdAt.toISOString(),
    version: row.version,
  };
}

function checkInPeriod(g: LoadedGrant, day: string, field: string) {
  const { approvalStart, approvalEnd } = g.current.row;
  if (day < approvalStart || day > approvalEnd) {
    throw fieldError(
      field,
      `Das Datum ${formatDateDe(day)} liegt außerhalb des Bewilligungszeitraums (${formatDateDe(approvalStart)} – ${formatDateDe(approvalEnd)}).`,
    );
  }
}

/**
 * Checks spending against the plan (Soll) of the position and of the year. In "warn" mode the booking goes through
 * with warnings; in "block" mode it is refused with the amount that is too much.
 */
async function overspendCheck(
  ctx: AuthedContext,
  g: LoadedGrant,
  target: { budgetYear: number; category: PositionCategory; field: string },
  usedAfter: { position: number; year: number },
): Promise<string[]> {
  const settings = await readFundingSettings(ctx);
  const plan = g.current.positions;
  const planned = plan.find((p) => p.budgetYear === target.budgetYear && p.category === target.category)?.amountCents ?? 0;
  const plannedYear = sumCents(plan.filter((p) => p.budgetYear === target.budgetYear).map((p) => p.amountCents));
  const limit = planned + mulDivRound(planned, settings.tolerancePercent, 100);
  const label = `„${POSITION_CATEGORY_LABELS_DE[target.category]}“ ${target.budgetYear}`;
  const problems: string[] = [];
  if (usedAfter.position > limit) {
    problems.push(
      planned === 0
        ? `Für die Position ${label} ist nichts bewilligt; die Buchung überschreitet sie um ${formatEuro(usedAfter.position)}.`
        : `Die Position ${label} (bewilligt ${formatEuro(planned)}${settings.tolerancePercent ? `, zulässig ${formatEuro(limit)}` : ''}) wird um ${formatEuro(usedAfter.position - limit)} überschritten.`,
    );
  }
  if (usedAfter.year > plannedYear) {
    problems.push(
      `Die Gesamtsumme ${target.budgetYear} (bewilligt ${formatEuro(plannedYear)}) wird um ${formatEuro(usedAfter.year - plannedYear)} überschritten.`,
    );
  }
  if (problems.length && settings.overspendMode === 'block') {
    throw new AppError(422, 'validation_failed', `Ungültige Eingabe im Feld „${target.field}“: ${problems.join(' ')}`, {
      [target.field]: problems.join(' '),
    });
  }
  return problems;
}

async function usedCents(ctx: AuthedContext, g: LoadedGrant, budgetYear: number, category: PositionCategory, exceptBookingId?: string) {
  const bookings = await repo.listBookings(ctx.tx, g.row.id, budgetYear);
  const counts = (b: repo.BookingRow) =>
    b.id !== exceptBookingId && ((b.kind === 'actual' && b.status === 'booked') || (b.kind === 'commitment' && b.status === 'open'));
  const relevant = bookings.filter(counts);
  return {
    position: sumCents(relevant.filter((b) => b.category === category).map((b) => b.amountCents)),
    year: sumCents(relevant.map((b) => b.amountCents)),
  };
}

export async function listBookings(ctx: AuthedContext, grantId: string, budgetYear?: number) {
  const g = await loadGrant(ctx, grantId);
  return (await repo.listBookings(ctx.tx, g.row.id, budgetYear)).map(presentBooking);
}

export async function createBooking(
  ctx: AuthedContext,
  grantId: string,
  input: {
    category: PositionCategory;
    kind: BookingKind;
    bookingDate: string;
    amountCents: number;
    payee: string;
    receiptNo?: string;
    description?: string;
  },
) {
  const g = await loadGrant(ctx, grantId, { forUpdate: true });
  checkInPeriod(g, input.bookingDate, 'bookingDate');
  const budgetYear = yearOf(input.bookingDate);
  const used = await usedCents(ctx, g, budgetYear, input.category);
  const warnings = await overspendCheck(
    ctx,
    g,
    { budgetYear, category: input.category, field: 'amountCents' },
    {
      position: used.position + input.amountCents,
      year: used.year + input.amountCents,
    },
  );
  const row = await repo.insertBooking(ctx.tx, {
    grantId: g.row.id,
    budgetYear,
    category: input.category,
    kind: input.kind,
    status: input.kind === 'actual' ? 'booked' : 'open',
    bookingDate: input.bookingDate,
    amountCents: input.amountCents,
    payee: input.payee,
    receiptNo: input.receiptNo ?? '',
    description: input.description ?? '',
    createdBy: ctx.actor.userId,
  });
  await ctx.audit.record({
    action: 'funding.booking_create',
    subjectType: 'funding_booking',
    subjectId: row.id,
    details: { grantId: g.row.id, kind: row.kind, category: row.category, amountCents: row.amountCents, overspend: warnings.length > 0 },
  });
  return { booking: presentBooking(row), warnings };
}

const BOOKING_TRANSITIONS: Record<string, BookingStatus[]> = {
  'actual:booked': ['booked', 'cancelled'],
  'commitment:open': ['open', 'settled', 'cancelled'],
};

export async function updateBooking(
  ctx: AuthedContext,
  id: string,
  version: number,
  input: {
    category?: PositionCategory;
    bookingDate?: string;
    amountCents?: number;
    payee?: string;
    receiptNo?: string;
    description?: string;
    status?: BookingStatus;
  },
) {
  const current = await repo.findBooking(ctx.tx, ctx.actor, id);
  if (!current) throw notFound('Buchung nicht gefunden.');
  const g = await loadGrant(ctx, current.grantId, { forUpdate: true });
  if (current.version !== version) throw versionConflict();
  const allowed = BOOKING_TRANSITIONS[`${current.kind}:${current.status}`];
  if (!allowed) throw conflict('Eine stornierte oder erledigte Buchung kann nicht mehr geändert werden.');
  if (input.status && !allowed.includes(input.status)) throw fieldError('status', 'Dieser Status ist für diese Buchung nicht möglich.');
  const bookingDate = input.bookingDate ?? current.bookingDate;
  const category = input.category ?? (current.category as PositionCategory);
  const amountCents = input.amountCents ?? current.amountCents;
  const status = input.status ?? (current.status as BookingStatus);
  if (input.bookingDate) checkInPeriod(g, bookingDate, 'bookingDate');
  const budgetYear = yearOf(bookingDate);
  let warnings: string[] = [];
  const stillCounts = status === 'booked' || status === 'open';
  const grows = input.amountCents !== undefined || input.category !== undefined || input.bookingDate !== undefined;
  if (stillCounts && grows) {
    const used = await usedCents(ctx, g, budgetYear, category, id);
    warnings = await overspendCheck(
      ctx,
      g,
      { budgetYear, category, field: 'amountCents' },
      { position: used.position + amountCents, year: used.year + amountCents },
    );
  }
  const values: Parameters<typeof repo.updateBooking>[3] = { budgetYear, category, bookingDate, amountCents, status };
  if (input.payee !== undefined) values.payee = input.payee;
  if (input.receiptNo !== undefined) values.receiptNo = input.receiptNo;
  if (input.description !== undefined) values.description = input.description;
  const row = await repo.updateBooking(ctx.tx, id, version, values);
  if (!row) throw versionConflict();
  await ctx.audit.record({
    action: status === 'cancelled' ? 'funding.booking_cancel' : 'funding.booking_update',
    subjectType: 'funding_booking',
    subjectId: id,
    details: { grantId: g.row.id, fields: Object.keys(input), amountCents: row.amountCents },
  });
  return { booking: presentBooking(row), warnings };
}

// ───────────────────────────── Mittelabruf ─────────────────────────────

function presentCalloff(row: repo.CalloffRow): Calloff {
  return {
    id: row.id,
    grantId: row.grantId,
    budgetYear: row.budgetYear,
    callDate: row.callDate,
    amountCents: row.amountCents,
    status: row.status as CalloffStatus,
    receivedDate: row.receivedDate,
    note: row.note,
    version: row.version,
  };
}

function plannedForYear(g: LoadedGrant, budgetYear: number) {
  return sumCents(g.current.positions.filter((p) => p.budgetYear === budgetYear).map((p) => p.amountCents));
}

export async function listCalloffs(ctx: AuthedContext, grantId: string) {
  const g = await loadGrant(ctx, grantId);
  return (await repo.listCalloffs(ctx.tx, [g.row.id])).map(presentCalloff);
}

/**
 * What to call off on a date: money is requested for payments due within two months after the call (ANBest rule),
 * estimated from the plan spread evenly over the year, or from actual spending and commitments where that is higher.
 */
export async function suggestCalloff(
  ctx: AuthedContext,
  grantId: string,
  budgetYear: number,
  callDate: string,
): Promise<CalloffSuggestion> {
  const g = await loadGrant(ctx, grantId);
  const plannedCents = plannedForYear(g, budgetYear);
  const calledOffCents = await repo.calledOffCents(ctx.tx, g.row.id, budgetYear);
  const remainingCents = Math.max(0, plannedCents - calledOffCents);
  const horizon = addMonthsIso(callDate, 2);
  const months = Array.from({ length: 12 }, (_, m) => `${budgetYear}-${String(m + 1).padStart(2, '0')}-01` <= horizon);
  const proRata = amountForMonths(plannedCents, months);
  const totals = (await repo.bookingTotals(ctx.tx, [g.row.id])).filter((t) => t.budgetYear === budgetYear);
  const spent = sumCents(totals.map((t) => t.actualCents + t.committedCents));
  const neededCents = Math.max(proRata, spent);
  const suggestedCents = Math.min(remainingCents, Math.max(0, neededCents - calledOffCents));
  return {
    budgetYear,
    callDate,
    plannedCents,
    calledOffCents,
    remainingCents,
    neededCents,
    suggestedCents,
    explanation:
      `Bedarf bis ${formatDateDe(horizon)}: ${formatEuro(neededCents)} (anteiliger Plan ${formatEuro(proRata)}, Ist und Bindungen ${formatEuro(spent)}); ` +
      `bereits abgerufen ${formatEuro(calledOffCents)}, noch abrufbar ${formatEuro(remainingCents)}.`,
  };
}

function checkCalloffAmount(amountCents: number, plannedCents: number, calledOff: number) {
  const remaining = plannedCents - calledOff;
  if (amountCents > remaining) {
    throw fieldError('amountCents', `Der Abruf übersteigt die noch abrufbaren Mittel: höchstens ${formatEuro(Math.max(0, remaining))}.`);
  }
}

export async function createCalloff(
  ctx: AuthedContext,
  grantId: string,
  input: { budgetYear: number; callDate: string; amountCents: number; note?: string },
) {
  const g = await loadGrant(ctx, grantId, { forUpdate: true });
  const plannedCents = plannedForYear(g, input.budgetYear);
  if (plannedCents === 0) throw fieldError('budgetYear', `Für ${input.budgetYear} ist in diesem Bescheid nichts bewilligt.`);
  if (input.callDate < g.current.row.approvalStart || input.callDate > addMonthsIso(g.current.row.approvalEnd, 3)) {
    throw fieldError('callDate', `Der Abruftermin ${formatDateDe(input.callDate)} liegt außerhalb des Bewilligungszeitraums.`);
  }
  checkCalloffAmount(input.amountCents, plannedCents, await repo.calledOffCents(ctx.tx, g.row.id, input.budgetYear));
  const row = await repo.insertCalloff(ctx.tx, {
    grantId: g.row.id,
    budgetYear: input.budgetYear,
    callDate: input.callDate,
    amountCents: input.amountCents,
    note: input.note ?? '',
    createdBy: ctx.actor.userId,
  });
  await ctx.audit.record({
    action: 'funding.calloff_create',
    subjectType: 'funding_calloff',
    subjectId: row.id,
    details: { grantId: g.row.id, amountCents: row.amountCents },
  });
  return presentCalloff(row);
}

export async function updateCalloff(
  ctx: AuthedContext,
  id: string,
  version: number,
  input: { status?: CalloffStatus; callDate?: string; amountCents?: number; receivedDate?: string | null; note?: string },
) {
  const current = await repo.findCalloff(ctx.tx, ctx.actor, id);
  if (!current) throw notFound('Mittelabruf nicht gefunden.');
  const g = await loadGrant(ctx, current.grantId, { forUpdate: true });
  if (current.version !== version) throw versionConflict();
  if (current.status === 'cancelled' || current.status === 'received') {
    if (Object.keys(input).some((k) => k !== 'note'))
      throw conflict('Ein eingegangener oder stornierter Abruf kann nicht mehr geändert werden.');
  }
  const status = input.status ?? (current.status as CalloffStatus);
  const amountCents = input.amountCents ?? current.amountCents;
  if (input.amountCents !== undefined && status !== 'cancelled') {
    checkCalloffAmount(
      amountCents,
      plannedForYear(g, current.budgetYear),
      await repo.calledOffCents(ctx.tx, g.row.id, current.budgetYear, id),
    );
  }
  let receivedDate = input.receivedDate === undefined ? current.receivedDate : input.receivedDate;
  if (status === 'received' && !receivedDate) receivedDate = isoDateInBerlin();
  const row = await repo.updateCalloff(ctx.tx, id, version, {
    status,
    amountCents,
    callDate: input.callDate ?? current.callDate,
    receivedDate,
    note: input.note ?? current.note,
  });
  if (!row) throw versionConflict();
  await ctx.audit.record({
    action: 'funding.calloff_update',
    subjectType: 'funding_calloff',
    subjectId: id,
    details: { grantId: g.row.id, status },
  });
  return presentCalloff(row);
}

// ───────────────────────────── Weiterleitung an Dritte ─────────────────────────────

type OnwardListRow = Awaited<ReturnType<typeof repo.listOnwardGrants>>[number];

function presentOnward(ctx: AuthedContext, r: OnwardListRow): OnwardGrant {
  const o = r.onward;
  const status = o.checkStatus as OnwardCheckStatus;
  return {
    id: o.id,
    grantId: o.grantId,
    budgetYear: o.budgetYear,
    recipient: { id: o.recipientOrganisationId, name: r.recipientName },
    amountCents: o.amountCents,
    purpose: o.purpose,
    agreementDate: o.agreementDate,
    reportDueDate: o.reportDueDate,
    reportReceivedDate: o.reportReceivedDate,
    checkStatus: status,
    checkNote: o.checkNote,
    checkedByName: r.checkedByName,
    checkedAt: o.checkedAt?.toISOString() ?? null,
    confirmedByName: r.confirmedByName,
    confirmedAt: o.confirmedAt?.toISOString() ?? null,
    version: o.version,
    can: {
      edit: hasPermission(ctx.actor, 'funding.write') && status === 'open',
      check: hasPermission(ctx.actor, 'funding.write') && status === 'open' && o.reportReceivedDate !== null,
      confirm: hasPermission(ctx.actor, 'funding.approve') && status === 'checked' && o.checkedBy !== ctx.actor.userId,
    },
  };
}

async function onwardById(ctx: AuthedContext, id: string) {
  const [row] = await repo.listOnwardGrants(ctx.tx, [], id);
  return presentOnward(ctx, row!);
}

export async function listOnwardGrants(ctx: AuthedContext, grantId: string) {
  const g = await loadGrant(ctx, grantId);
  return (await repo.listOnwardGrants(ctx.tx, [g.row.id])).map((r) => presentOnward(ctx, r));
}

export async function listOnwardGrantsOf(ctx: AuthedContext, grantIds: string[]) {
  return (await repo.listOnwardGrants(ctx.tx, grantIds)).map((r) => presentOnward(ctx, r));
}

async function checkOnwardTotal(ctx: AuthedContext, g: LoadedGrant, budgetYear: number, amountCents: number, exceptId?: string) {
  const total = (await repo.onwardTotal(ctx.tx, g.row.id, budgetYear, exceptId)) + amountCents;
  return overspendCheck(ctx, g, { budgetYear, category: 'pass_through', field: 'amountCents' }, { position: total, year: 0 });
}

export async function createOnwardGrant(
  ctx: AuthedContext,
  grantId: string,
  input: {
    budgetYear: number;
    recipientOrganisationId: string;
    amountCents: number;
    purpose: string;
    agreementDate: string;
    reportDueDate: string;
  },
) {
  const g = await loadGrant(ctx, grantId, { forUpdate: true });
  if (!g.row.passThroughAllowed) throw conflict('Dieses Programm erlaubt keine Weiterleitung an Dritte.');
  const recipient = await repo.organisationInTenant(ctx.tx, ctx.actor, input.recipientOrganisationId);
  if (!recipient) throw fieldError('recipientOrganisationId', 'Diese Organisation gibt es im Verzeichnis Ihres Kreises nicht.');
  if (recipient.id === g.row.organisationId)
    throw fieldError('recipientOrganisationId', 'Die Empfängerin ist die Zuwendungsempfängerin selbst.');
  if (input.budgetYear < yearOf(g.current.row.approvalStart) || input.budgetYear > yearOf(g.current.row.approvalEnd)) {
    throw fieldError('budgetYear', 'Das Haushaltsjahr liegt außerhalb des Bewilligungszeitraums.');
  }
  if (input.reportDueDate < input.agreementDate)
    throw fieldError('reportDueDate', 'Der Verwendungsnachweis kann nicht vor dem Vertrag fällig sein.');
  const warnings = await checkOnwardTotal(ctx, g, input.budgetYear, input.amountCents);
  const row = await repo.insertOnwardGrant(ctx.tx, { grantId: g.row.id, ...input, createdBy: ctx.actor.userId });
  await ctx.audit.record({
    action: 'funding.onward_create',
    subjectType: 'funding_onward_grant',
    subjectId: row.id,
    details: { grantId: g.row.id, recipientOrganisationId: recipient.id, amountCents: row.amountCents },
  });
  return { onwardGrant: await onwardById(ctx, row.id), warnings };
}

export async function updateOnwardGrant(
  ctx: AuthedContext,
  id: string,
  version: number,
  input: { amountCents?: number; purpose?: string; agreementDate?: string; reportDueDate?: string; reportReceivedDate?: string | null },
) {
  const current = await repo.findOnwardGrant(ctx.tx, ctx.actor, id);
  if (!current) throw notFound('Weiterleitung nicht gefunden.');
  const g = await loadGrant(ctx, current.grantId, { forUpdate: true });
  if (current.version !== version) throw versionConflict();
  if (current.checkStatus !== 'open')
    throw conflict('Die Verwendung ist bereits geprüft; die Weiterleitung kann nicht mehr geändert werden.');
  let warnings: string[] = [];
  if (input.amountCents !== undefined) warnings = await checkOnwardTotal(ctx, g, current.budgetYear, input.amountCents, id);
  const values: Parameters<typeof repo.updateOnwardGrant>[3] = {};
  for (const [k, v] of Object.entries(input)) if (v !== undefined) (values as Record<string, unknown>)[k] = v;
  const reportDueDate = input.reportDueDate ?? current.reportDueDate;
  if (reportDueDate < (input.agreementDate ?? current.agreementDate))
    throw fieldError('reportDueDate', 'Der Verwendungsnachweis kann nicht vor dem Vertrag fällig sein.');
  if (!(await repo.updateOnwardGrant(ctx.tx, id, version, values))) throw versionConflict();
  await ctx.audit.record({
    action: 'funding.onward_update',
    subjectType: 'funding_onward_grant',
    subjectId: id,
    details: { fields: Object.keys(values) },
  });
  return { onwardGrant: await onwardById(ctx, id), warnings };
}

/** First signature: the Verwendungsnachweis of the third party was checked. */
export async function checkOnwardGrant(ctx: AuthedContext, id: string, version: number, note: string | undefined) {
  const current = await repo.findOnwardGrant(ctx.tx, ctx.actor, id);
  if (!current) throw notFound('Weiterleitung nicht gefunden.');
  if (current.version !== version) throw versionConflict();
  if (current.checkStatus !== 'open') throw conflict('Diese Weiterleitung ist bereits geprüft.');
  if (!current.reportReceivedDate)
    throw fieldError('reportReceivedDate', 'Der Verwendungsnachweis der Empfängerin ist noch nicht eingegangen.');
  if (
    !(await repo.updateOnwardGrant(ctx.tx, id, version, {
      checkStatus: 'checked',
      checkedBy: ctx.actor.userId,
      checkedAt: new Date(),
      checkNote: note ?? '',
    }))
  ) {
    throw versionConflict();
  }
  await ctx.audit.record({ action: 'funding.onward_check', subjectType: 'funding_onward_grant', subjectId: id });
  return onwardById(ctx, id);
}

/** Second signature by the KI-Leitung: "ordnungsgemäße Verwendung geprüft", never by the person who checked. */
export async function confirmOnwardGrant(ctx: AuthedContext, id: string, version: number) {
  const current = await repo.findOnwardGrant(ctx.tx, ctx.actor, id);
  if (!current) throw notFound('Weiterleitung nicht gefunden.');
  if (current.version !== version) throw versionConflict();
  if (current.checkStatus !== 'checked') throw conflict('Die Prüfung muss zuerst erfasst werden.');
  if (current.checkedBy === ctx.actor.userId) throw forbidden('Vier-Augen-Prinzip: Die eigene Prüfung muss eine andere Person bestätigen.');
  if (
    !(await repo.updateOnwardGrant(ctx.tx, id, version, {
      checkStatus: 'confirmed',
      confirmedBy: ctx.actor.userId,
      confirmedAt: new Date(),
    }))
  ) {
    throw versionConflict();
  }
  await ctx.audit.record({ action: 'funding.onward_confirm', subjectType: 'funding_onward_grant', subjectId: id });
  return onwardById(ctx, id);
}

export { programmeBasics };
