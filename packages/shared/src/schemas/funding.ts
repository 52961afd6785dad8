import { z } from 'zod';
import { text, Uuid } from './common.js';

/**
 * Money and FTE arithmetic. Money is always an integer number of cents, FTE (VZÄ) an integer number of thousandths
 * (500 = 0,5 VZÄ). Every function here is pure and exact: no floating-point amounts, no rounding drift.
 */

/** The largest amount the application accepts (10 Mrd. €), far below Number.MAX_SAFE_INTEGER. */
export const MAX_CENTS = 1_000_000_000_000;
export const FTE_SCALE = 1000;

export function isCents(value: number): boolean {
  return Number.isSafeInteger(value);
}

export function sumCents(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/** `a × b ÷ c`, rounded half away from zero (kaufmännisch), computed exactly in BigInt. */
export function mulDivRound(a: number, b: number, c: number): number {
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || !Number.isSafeInteger(c) || c === 0) {
    throw new RangeError('mulDivRound expects safe integers and a non-zero divisor');
  }
  const n = BigInt(a) * BigInt(b);
  const d = BigInt(c);
  const negative = n < 0n !== d < 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const q = (an * 2n + ad) / (ad * 2n);
  return Number(negative ? -q : q);
}

/** The share of an annual amount for a part-time FTE: 57.000,00 € × 0,5 VZÄ = 28.500,00 €. */
export function prorateByFte(annualCents: number, fteMilli: number): number {
  return mulDivRound(annualCents, fteMilli, FTE_SCALE);
}

/**
 * Splits `total` into integer parts proportional to `weights` (largest-remainder method). The parts always sum to
 * `total` exactly; ties go to the earlier index, so the result is deterministic.
 */
export function allocateCents(total: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(total)) throw new RangeError('total must be a safe integer');
  if (weights.length === 0) {
    if (total !== 0) throw new RangeError('cannot allocate a non-zero total to no parts');
    return [];
  }
  if (weights.some((w) => !Number.isSafeInteger(w) || w < 0)) throw new RangeError('weights must be non-negative safe integers');
  const weightSum = weights.reduce((s, w) => s + w, 0);
  if (weightSum === 0) {
    if (total !== 0) throw new RangeError('cannot allocate a non-zero total to zero weights');
    return weights.map(() => 0);
  }
  const sign = total < 0 ? -1n : 1n;
  const abs = BigInt(Math.abs(total));
  const ws = BigInt(weightSum);
  const floors = weights.map((w) => (abs * BigInt(w)) / ws);
  const remainders = weights.map((w, i) => ({ i, r: (abs * BigInt(w)) % ws }));
  let left = abs - floors.reduce((s, f) => s + f, 0n);
  remainders.sort((x, y) => (x.r === y.r ? x.i - y.i : x.r > y.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    if (weights[i] === 0) continue;
    floors[i] = floors[i]! + 1n;
    left -= 1n;
  }
  return floors.map((f) => Number(f * sign));
}

/** An annual amount as twelve monthly amounts that sum to it exactly. */
export function monthlyAmounts(annualCents: number): number[] {
  return allocateCents(annualCents, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
}

/** The part of an annual amount that falls on the given months (twelve flags, January first). */
export function amountForMonths(annualCents: number, months: readonly boolean[]): number {
  const monthly = monthlyAmounts(annualCents);
  let total = 0;
  for (let m = 0; m < 12; m++) if (months[m]) total += monthly[m]!;
  return total;
}

const GROUP = /\B(?=(\d{3})+(?!\d))/g;

/** `2850000` → `28.500,00 €` (German format, non-breaking space before the euro sign). */
export function formatEuro(cents: number, opts: { symbol?: boolean } = {}): string {
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const euros = Math.floor(abs / 100)
    .toString()
    .replace(GROUP, '.');
  const rest = (abs % 100).toString().padStart(2, '0');
  return `${negative ? '−' : ''}${euros},${rest}${opts.symbol === false ? '' : '\u00a0€'}`;
}

/** Euro amounts as people type them: `28.500,00`, `28500`, `28500,5`, `28.500 €`. Null when it is not an amount. */
export function parseEuro(input: string): number | null {
  const s = input.replace(/[\s\u00a0€]/g, '').replace(/^−/, '-');
  if (!/^-?(\d{1,3}(\.\d{3})+|\d+)(,\d{1,2})?$/.test(s)) return null;
  const negative = s.startsWith('-');
  const [intPart, frac = ''] = s.replace('-', '').split(',');
  const cents = Number(intPart!.replaceAll('.', '')) * 100 + Number(frac.padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) return null;
  return negative ? -cents : cents;
}

/** `500` → `0,5`; `1000` → `1,0`. */
export function formatFte(fteMilli: number): string {
  const whole = Math.floor(fteMilli / FTE_SCALE);
  const frac = (fteMilli % FTE_SCALE).toString().padStart(3, '0').replace(/0+$/, '');
  return `${whole},${frac || '0'}`;
}

/** `0,5` / `0.5` / `1` → thousandths; null when not a number with at most three decimals. */
export function parseFte(input: string): number | null {
  const s = input.trim().replace(',', '.');
  if (!/^\d{1,2}(\.\d{1,3})?$/.test(s)) return null;
  const [whole, frac = ''] = s.split('.');
  return Number(whole) * FTE_SCALE + Number(frac.padEnd(3, '0'));
}

/** Basis points as a German percentage: `9000` → `90 %`, `1250` → `12,5 %`. */
export function formatPercentBp(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const frac = Math.abs(bp % 100)
    .toString()
    .padStart(2, '0')
    .replace(/0+$/, '');
  return `${whole}${frac ? `,${frac}` : ''}\u00a0%`;
}

export interface CoverageMonth {
  /** Personnel cost of the month (employer cost of occupied funded posts). */
  costCents: number;
  /** Flat-rate funding of the month. */
  fundingCents: number;
}

export interface Coverage {
  costCents: number;
  fundingCents: number;
  /** Cost not covered by the flat rates (never negative). */
  uncoveredCents: number;
  /** Flat-rate funding above the cost (never negative). */
  surplusCents: number;
  /** The part of the uncovered cost that lump-sum money may cover: only what arises in its usable months. */
  coverableCents: number;
  /** Lump-sum money assigned, capped to what is coverable. */
  coveredByLumpSumCents: number;
  /** What the Kreis pays itself: uncovered minus lump-sum coverage (never negative). */
  ownShareCents: number;
}

/**
 * Coverage of one programme and year. The year nets cost against funding; lump-sum money (Integrationspauschale)
 * can only cover the uncovered cost of the months before its use-by date.
 */
export function computeCoverage(
  months: readonly CoverageMonth[],
  usableMonths: readonly boolean[],
  lumpSumAssignedCents: number,
): Coverage {
  const costCents = sumCents(months.map((m) => m.costCents));
  const fundingCents = sumCents(months.map((m) => m.fundingCents));
  const uncoveredCents = Math.max(0, costCents - fundingCents);
  const surplusCents = Math.max(0, fundingCents - costCents);
  let usableCost = 0;
  let usableFunding = 0;
  months.forEach((m, i) => {
    if (usableMonths[i]) {
      usableCost += m.costCents;
      usableFunding += m.fundingCents;
    }
  });
  const coverableCents = Math.min(uncoveredCents, Math.max(0, usableCost - usableFunding));
  const coveredByLumpSumCents = Math.min(Math.max(0, lumpSumAssignedCents), coverableCents);
  return {
    costCents,
    fundingCents,
    uncoveredCents,
    surplusCents,
    coverableCents,
    coveredByLumpSumCents,
    ownShareCents: uncoveredCents - coveredByLumpSumCents,
  };
}

/**
 * Twelve flags, January first: the months of `year` whose 15th lies inside [firstDay, lastDay] (null = open).
 * The 15th as the reference day makes month counting predictable for contracts that start or end mid-month.
 */
export function monthsWithin(year: number, firstDay: string | null, lastDay: string | null): boolean[] {
  return Array.from({ length: 12 }, (_, m) => {
    const mid = `${year}-${String(m + 1).padStart(2, '0')}-15`;
    return (firstDay === null || firstDay <= mid) && (lastDay === null || lastDay >= mid);
  });
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `2021-11-30` → `30.11.2021`. */
export function formatDateDe(iso: string | null | undefined): string {
  if (!iso) return '–';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

/** Adds whole months to an ISO date, clamping to the month's last day (31.08. + 6 Monate = 28./29.02.). */
export function addMonthsIso(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const nd = Math.min(d, daysInMonth(ny, nm));
  return `${ny}-${String(nm).padStart(2, '0')}-${String(nd).padStart(2, '0')}`;
}

// ───────────────────────────────────────────── schemas ─────────────────────────────────────────────

export const IsoDate = z.iso.date({ message: 'Datum im Format JJJJ-MM-TT erwartet' });
export const BudgetYear = z.coerce
  .number({ message: 'Haushaltsjahr als Zahl erwartet' })
  .int({ message: 'Haushaltsjahr als ganze Zahl erwartet' })
  .min(2000, { message: 'Haushaltsjahr ab 2000' })
  .max(2100, { message: 'Haushaltsjahr bis 2100' });

/** A money amount in cents: a whole number, never negative. */
export const Cents = z
  .number({ message: 'Betrag in Cent als ganze Zahl erwartet' })
  .int({ message: 'Betrag in Cent als ganze Zahl erwartet' })
  .min(0, { message: 'Der Betrag darf nicht negativ sein' })
  .max(MAX_CENTS, { message: 'Der Betrag ist zu groß' });
/** A money amount that must be above zero (bookings, call-offs, pass-through agreements). */
export const PositiveCents = Cents.refine((n) => n > 0, { message: 'Der Betrag muss größer als 0 sein' });
/** FTE in thousandths of a full-time post: 500 = 0,5 VZÄ. */
export const FteMilli = z
  .number({ message: 'VZÄ in Tausendsteln als ganze Zahl erwartet (500 = 0,5 VZÄ)' })
  .int({ message: 'VZÄ in Tausendsteln als ganze Zahl erwartet (500 = 0,5 VZÄ)' })
  .min(1, { message: 'Mindestens 0,001 VZÄ' })
  .max(FTE_SCALE, { message: 'Höchstens 1,0 VZÄ je Stelle' });
/** Basis points: 10000 = 100 %. */
export const BasisPoints = z
  .number({ message: 'Prozentsatz in Basispunkten erwartet (9000 = 90 %)' })
  .int({ message: 'Prozentsatz in Basispunkten als ganze Zahl erwartet' })
  .min(1, { message: 'Mindestens 0,01 %' })
  .max(10000, { message: 'Höchstens 100 %' });

export const POSITION_CATEGORIES = ['personnel', 'material', 'training', 'pass_through'] as const;
export type PositionCategory = (typeof POSITION_CATEGORIES)[number];
export const POSITION_CATEGORY_LABELS_DE: Record<PositionCategory, string> = {
  personnel: 'Personalausgaben',
  material: 'Sachausgaben',
  training: 'Fortbildung',
  pass_through: 'Weiterleitung an Dritte',
};

export const FINANCING_TYPES = ['fixed', 'share', 'deficit'] as const;
export type FinancingType = (typeof FINANCING_TYPES)[number];
export const FINANCING_TYPE_LABELS_DE: Record<FinancingType, string> = {
  fixed: 'Festbetragsfinanzierung',
  share: 'Anteilfinanzierung',
  deficit: 'Fehlbedarfsfinanzierung',
};

/** Where a programme's money appears in the budget overview (like the Anlage of the 2021/2022 council paper). */
export const PROGRAMME_SECTIONS = ['programme', 'lump_sum', 'own_funds'] as const;
export type ProgrammeSection = (typeof PROGRAMME_SECTIONS)[number];
export const PROGRAMME_SECTION_LABELS_DE: Record<ProgrammeSection, string> = {
  programme: 'Landesprogramme',
  lump_sum: 'Landeszuweisungen (Integrationspauschale)',
  own_funds: 'Eigenmittel des Kreises',
};

export const GRANT_STATUSES = ['draft', 'approved'] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];
export const GRANT_STATUS_LABELS_DE: Record<GrantStatus, string> = { draft: 'Entwurf (Freigabe offen)', approved: 'freigegeben' };

export const REVISION_KINDS = ['initial', 'amendment'] as const;
export type RevisionKind = (typeof REVISION_KINDS)[number];
export const REVISION_KIND_LABELS_DE: Record<RevisionKind, string> = { initial: 'Zuwendungsbescheid', amendment: 'Änderungsbescheid' };

export const BOOKING_KINDS = ['actual', 'commitment'] as const;
export type BookingKind = (typeof BOOKING_KINDS)[number];
export const BOOKING_KIND_LABELS_DE: Record<BookingKind, string> = { actual: 'Ist-Ausgabe', commitment: 'Mittelbindung (Obligo)' };

export const BOOKING_STATUSES = ['booked', 'open', 'settled', 'cancelled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
export const BOOKING_STATUS_LABELS_DE: Record<BookingStatus, string> = {
  booked: 'gebucht',
  open: 'offen',
  settled: 'erledigt',
  cancelled: 'storniert',
};

export const CALLOFF_STATUSES = ['planned', 'submitted', 'received', 'cancelled'] as const;
export type CalloffStatus = (typeof CALLOFF_STATUSES)[number];
export const CALLOFF_STATUS_LABELS_DE: Record<CalloffStatus, string> = {
  planned: 'geplant',
  submitted: 'abgerufen',
  received: 'eingegangen',
  cancelled: 'storniert',
};

export const ONWARD_CHECK_STATUSES = ['open', 'checked', 'confirmed'] as const;
export type OnwardCheckStatus = (typeof ONWARD_CHECK_STATUSES)[number];
export const ONWARD_CHECK_STATUS_LABELS_DE: Record<OnwardCheckStatus, string> = {
  open: 'Prüfung offen',
  checked: 'geprüft, Bestätigung offen',
  confirmed: 'ordnungsgemäße Verwendung geprüft (Vier-Augen)',
};

export const REPORT_STATUSES = ['draft', 'final'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const OVERSPEND_MODES = ['warn', 'block'] as const;
export type OverspendMode = (typeof OVERSPEND_MODES)[number];
export const OVERSPEND_MODE_LABELS_DE: Record<OverspendMode, string> = {
  warn: 'Warnen, Buchung zulassen',
  block: 'Buchung ablehnen (harter Stopp)',
};

const MonthDay = z
  .string()
  .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'Datum ohne Jahr im Format MM-TT erwartet (z. B. 01-31)' });
const ProgrammeCode = z.string().regex(/^[A-Z][A-Z0-9_]{1,39}$/, { message: 'Kürzel aus Großbuchstaben, Ziffern und _ (2–40 Zeichen)' });

// ── programmes ──

export const ProgrammeVersionInput = z.strictObject({
  validFrom: IsoDate,
  validTo: IsoDate.nullable().optional(),
  legalReference: text({ min: 1, max: 300 }),
  guideline: text({ max: 500 }).optional(),
  flatRatePerFteCents: Cents.nullable().optional(),
  maxAmountCents: Cents.nullable().optional(),
  maxFteMilli: z.number().int().min(1).max(100_000, { message: 'Höchstens 100 VZÄ' }).nullable().optional(),
  applicationDeadline: MonthDay.nullable().optional(),
  reportDeadline: MonthDay.nullable().optional(),
  notes: text({ max: 2000 }).optional(),
});
export type ProgrammeVersionInput = z.infer<typeof ProgrammeVersionInput>;
export const UpdateProgrammeVersionBody = ProgrammeVersionInput.partial();

export const CreateProgrammeBody = z.strictObject({
  code: ProgrammeCode,
  name: text({ min: 2, max: 200 }),
  shortName: text({ min: 1, max: 60 }),
  parentId: Uuid.nullable().optional(),
  grantGiver: text({ min: 2, max: 200 }),
  section: z.enum(PROGRAMME_SECTIONS).default('programme'),
  financingType: z.enum(FINANCING_TYPES).default('fixed'),
  passThroughAllowed: z.boolean().default(false),
  firstVersion: ProgrammeVersionInput,
});
export const UpdateProgrammeBody = z.strictObject({
  name: text({ min: 2, max: 200 }).optional(),
  shortName: text({ min: 1, max: 60 }).optional(),
  grantGiver: text({ min: 2, max: 200 }).optional(),
  section: z.enum(PROGRAMME_SECTIONS).optional(),
  financingType: z.enum(FINANCING_TYPES).optional(),
  passThroughAllowed: z.boolean().optional(),
  active: z.boolean().optional(),
});

export const ProgrammeVersion = z.object({
  id: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  legalReference: z.string(),
  guideline: z.string(),
  flatRatePerFteCents: z.number().int().nullable(),
  maxAmountCents: z.number().int().nullable(),
  maxFteMilli: z.number().int().nullable(),
  applicationDeadline: z.string().nullable(),
  reportDeadline: z.string().nullable(),
  notes: z.string(),
  version: z.number().int(),
});
export type ProgrammeVersion = z.infer<typeof ProgrammeVersion>;

export const Programme = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  shortName: z.string(),
  parentId: z.string().nullable(),
  grantGiver: z.string(),
  section: z.enum(PROGRAMME_SECTIONS),
  financingType: z.enum(FINANCING_TYPES),
  passThroughAllowed: z.boolean(),
  active: z.boolean(),
  version: z.number().int(),
  /** The version in force today (or the latest one). */
  current: ProgrammeVersion.nullable(),
  versions: z.array(ProgrammeVersion),
  can: z.object({ edit: z.boolean() }),
});
export type Programme = z.infer<typeof Programme>;

// ── grants (Zuwendungsbescheide) ──

export const PositionInput = z.strictObject({
  budgetYear: BudgetYear,
  category: z.enum(POSITION_CATEGORIES),
  amountCents: Cents,
});
export type PositionInput = z.infer<typeof PositionInput>;

const revisionFields = {
  decisionDate: IsoDate,
  fileNumber: text({ min: 1, max: 100 }),
  approvalStart: IsoDate,
  approvalEnd: IsoDate,
  financingType: z.enum(FINANCING_TYPES),
  sharePercentBp: BasisPoints.nullable().optional(),
  conditions: text({ max: 5000 }).optional(),
  calloffDates: z.array(IsoDate).max(24, { message: 'Höchstens 24 Abruftermine' }).optional(),
  useByDate: IsoDate.nullable().optional(),
  reportDueDate: IsoDate.nullable().optional(),
  documentRef: text({ max: 500 }).optional(),
  positions: z.array(PositionInput).min(1, { message: 'Mindestens eine Position des Finanzierungsplans' }).max(200),
};

export const CreateGrantBody = z.strictObject({
  programmeId: Uuid,
  organisationId: Uuid,
  title: text({ min: 2, max: 200 }),
  ...revisionFields,
});
export type CreateGrantBody = z.infer<typeof CreateGrantBody>;

/** Changes the draft that awaits approval; an approved Bescheid is never overwritten. */
export const UpdateGrantDraftBody = z.strictObject({
  title: text({ min: 2, max: 200 }).optional(),
  organisationId: Uuid.optional(),
  decisionDate: IsoDate.optional(),
  fileNumber: text({ min: 1, max: 100 }).optional(),
  approvalStart: IsoDate.optional(),
  approvalEnd: IsoDate.optional(),
  financingType: z.enum(FINANCING_TYPES).optional(),
  sharePercentBp: BasisPoints.nullable().optional(),
  conditions: text({ max: 5000 }).optional(),
  calloffDates: z.array(IsoDate).max(24, { message: 'Höchstens 24 Abruftermine' }).optional(),
  useByDate: IsoDate.nullable().optional(),
  reportDueDate: IsoDate.nullable().optional(),
  documentRef: text({ max: 500 }).optional(),
  reason: text({ max: 2000 }).optional(),
  positions: z.array(PositionInput).min(1, { message: 'Mindestens eine Position des Finanzierungsplans' }).max(200).optional(),
});

export const CreateAmendmentBody = z.strictObject({
  ...revisionFields,
  reason: text({ min: 3, max: 2000 }),
});

export const GrantPosition = z.object({
  budgetYear: z.number().int(),
  category: z.enum(POSITION_CATEGORIES),
  amountCents: z.number().int(),
});
export type GrantPosition = z.infer<typeof GrantPosition>;

export const GrantRevision = z.object({
  revisionNo: z.number().int(),
  kind: z.enum(REVISION_KINDS),
  status: z.enum(GRANT_STATUSES),
  decisionDate: z.string(),
  fileNumber: z.string(),
  approvalStart: z.string(),
  approvalEnd: z.string(),
  financingType: z.enum(FINANCING_TYPES),
  sharePercentBp: z.number().int().nullable(),
  conditions: z.string(),
  calloffDates: z.array(z.string()),
  useByDate: z.string().nullable(),
  reportDueDate: z.string().nullable(),
  documentRef: z.string(),
  reason: z.string(),
  positions: z.array(GrantPosition),
  totalCents: z.number().int(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  approvedByName: z.string().nullable(),
  approvedAt: z.string().nullable(),
});
export type GrantRevision = z.infer<typeof GrantRevision>;

/** Plan (Soll) versus actual (Ist) of one Finanzierungsplan position. */
export const PositionBalance = z.object({
  budgetYear: z.number().int(),
  category: z.enum(POSITION_CATEGORIES),
  plannedCents: z.number().int(),
  actualCents: z.number().int(),
  committedCents: z.number().int(),
  availableCents: z.number().int(),
});
export type PositionBalance = z.infer<typeof PositionBalance>;

export const GrantSummary = z.object({
  id: z.string(),
  title: z.string(),
  programme: z.object({ id: z.string(), code: z.string(), name: z.string(), shortName: z.string(), section: z.enum(PROGRAMME_SECTIONS) }),
  organisation: z.object({ id: z.string(), name: z.string() }),
  status: z.enum(GRANT_STATUSES),
  fileNumber: z.string(),
  approvalStart: z.string(),
  approvalEnd: z.string(),
  useByDate: z.string().nullable(),
  reportDueDate: z.string().nullable(),
  totalCents: z.number().int(),
  revisionCount: z.number().int(),
  version: z.number().int(),
});
export type GrantSummary = z.infer<typeof GrantSummary>;

export const Grant = GrantSummary.extend({
  /** The revision in force: the latest approved one, or the first draft while nothing is approved yet. */
  current: GrantRevision,
  /** The latest revision (a draft awaiting approval, or the same as `current`). */
  latest: GrantRevision,
  revisions: z.array(GrantRevision),
  balances: z.array(PositionBalance),
  passThroughAllowed: z.boolean(),
  /** Hints such as "above the Richtlinie's maximum" or "not approved yet". */
  warnings: z.array(z.string()),
  can: z.object({ edit: z.boolean(), amend: z.boolean(), approve: z.boolean(), book: z.boolean() }),
});
export type Grant = z.infer<typeof Grant>;

export const GrantListQuery = z.strictObject({
  year: BudgetYear.optional(),
  programmeId: Uuid.optional(),
  organisationId: Uuid.optional(),
  status: z.enum(GRANT_STATUSES).optional(),
});

// ── bookings (Ist, Mittelbindungen) ──

export const CreateBookingBody = z.strictObject({
  category: z.enum(POSITION_CATEGORIES),
  kind: z.enum(BOOKING_KINDS).default('actual'),
  bookingDate: IsoDate,
  amountCents: PositiveCents,
  payee: text({ min: 1, max: 200 }),
  receiptNo: text({ max: 60 }).optional(),
  description: text({ max: 500 }).optional(),
});
export const UpdateBookingBody = z.strictObject({
  category: z.enum(POSITION_CATEGORIES).optional(),
  bookingDate: IsoDate.optional(),
  amountCents: PositiveCents.optional(),
  payee: text({ min: 1, max: 200 }).optional(),
  receiptNo: text({ max: 60 }).optional(),
  description: text({ max: 500 }).optional(),
  status: z.enum(BOOKING_STATUSES).optional(),
});

export const Booking = z.object({
  id: z.string(),
  grantId: z.string(),
  budgetYear: z.number().int(),
  category: z.enum(POSITION_CATEGORIES),
  kind: z.enum(BOOKING_KINDS),
  status: z.enum(BOOKING_STATUSES),
  bookingDate: z.string(),
  amountCents: z.number().int(),
  payee: z.string(),
  receiptNo: z.string(),
  description: z.string(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type Booking = z.infer<typeof Booking>;
export const BookingResult = z.object({ booking: Booking, warnings: z.array(z.string()) });
export type BookingResult = z.infer<typeof BookingResult>;

// ── Mittelabruf ──

export const CreateCalloffBody = z.strictObject({
  budgetYear: BudgetYear,
  callDate: IsoDate,
  amountCents: PositiveCents,
  note: text({ max: 500 }).optional(),
});
export const UpdateCalloffBody = z.strictObject({
  status: z.enum(CALLOFF_STATUSES).optional(),
  callDate: IsoDate.optional(),
  amountCents: PositiveCents.optional(),
  receivedDate: IsoDate.nullable().optional(),
  note: text({ max: 500 }).optional(),
});
export const Calloff = z.object({
  id: z.string(),
  grantId: z.string(),
  budgetYear: z.number().int(),
  callDate: z.string(),
  amountCents: z.number().int(),
  status: z.enum(CALLOFF_STATUSES),
  receivedDate: z.string().nullable(),
  note: z.string(),
  version: z.number().int(),
});
export type Calloff = z.infer<typeof Calloff>;
export const CalloffSuggestionQuery = z.strictObject({ budgetYear: BudgetYear, callDate: IsoDate });
export const CalloffSuggestion = z.object({
  budgetYear: z.number().int(),
  callDate: z.string(),
  plannedCents: z.number().int(),
  calledOffCents: z.number().int(),
  remainingCents: z.number().int(),
  /** Spending expected up to two months after the call date (plan pro rata or actual + commitments, the larger). */
  neededCents: z.number().int(),
  suggestedCents: z.number().int(),
  explanation: z.string(),
});
export type CalloffSuggestion = z.infer<typeof CalloffSuggestion>;

// ── Weiterleitung an Dritte ──

export const CreateOnwardGrantBody = z.strictObject({
  budgetYear: BudgetYear,
  recipientOrganisationId: Uuid,
  amountCents: PositiveCents,
  purpose: text({ min: 3, max: 1000 }),
  agreementDate: IsoDate,
  reportDueDate: IsoDate,
});
export const UpdateOnwardGrantBody = z.strictObject({
  amountCents: PositiveCents.optional(),
  purpose: text({ min: 3, max: 1000 }).optional(),
  agreementDate: IsoDate.optional(),
  reportDueDate: IsoDate.optional(),
  reportReceivedDate: IsoDate.nullable().optional(),
});
export const CheckOnwardGrantBody = z.strictObject({ note: text({ max: 2000 }).optional() });
export const OnwardGrant = z.object({
  id: z.string(),
  grantId: z.string(),
  budgetYear: z.number().int(),
  recipient: z.object({ id: z.string(), name: z.string() }),
  amountCents: z.number().int(),
  purpose: z.string(),
  agreementDate: z.string(),
  reportDueDate: z.string(),
  reportReceivedDate: z.string().nullable(),
  checkStatus: z.enum(ONWARD_CHECK_STATUSES),
  checkNote: z.string(),
  checkedByName: z.string().nullable(),
  checkedAt: z.string().nullable(),
  confirmedByName: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  version: z.number().int(),
  can: z.object({ edit: z.boolean(), check: z.boolean(), confirm: z.boolean() }),
});
export type OnwardGrant = z.infer<typeof OnwardGrant>;
export const OnwardGrantResult = z.object({ onwardGrant: OnwardGrant, warnings: z.array(z.string()) });

// ── coverage ──

export const CoverageQuery = z.strictObject({ year: BudgetYear });
export const CreateAllocationBody = z.strictObject({
  lumpSumGrantId: Uuid,
  programmeId: Uuid,
  year: BudgetYear,
  amountCents: PositiveCents,
  note: text({ max: 500 }).optional(),
});
export const UpdateAllocationBody = z.strictObject({
  amountCents: PositiveCents.optional(),
  cancelled: z.boolean().optional(),
  note: text({ max: 500 }).optional(),
});
export const CoverageRow = z.object({
  programme: z.object({ id: z.string(), name: z.string(), shortName: z.string() }),
  posts: z.number().int(),
  fundedFteMilli: z.number().int(),
  costCents: z.number().int(),
  fundingCents: z.number().int(),
  uncoveredCents: z.number().int(),
  surplusCents: z.number().int(),
  coverableCents: z.number().int(),
  coveredByLumpSumCents: z.number().int(),
  ownShareCents: z.number().int(),
});
export type CoverageRow = z.infer<typeof CoverageRow>;
export const CoverageAllocation = z.object({
  id: z.string(),
  lumpSumGrantId: z.string(),
  lumpSumTitle: z.string(),
  programmeId: z.string(),
  programmeName: z.string(),
  year: z.number().int(),
  amountCents: z.number().int(),
  cancelled: z.boolean(),
  note: z.string(),
  version: z.number().int(),
});
export type CoverageAllocation = z.infer<typeof CoverageAllocation>;
export const LumpSumBalance = z.object({
  grantId: z.string(),
  title: z.string(),
  useByDate: z.string().nullable(),
  totalCents: z.number().int(),
  allocatedCents: z.number().int(),
  remainingCents: z.number().int(),
});
export const CoverageReport = z.object({
  year: z.number().int(),
  rows: z.array(CoverageRow),
  totals: CoverageRow.omit({ programme: true }),
  allocations: z.array(CoverageAllocation),
  lumpSums: z.array(LumpSumBalance),
  notes: z.array(z.string()),
  can: z.object({ allocate: z.boolean() }),
});
export type CoverageReport = z.infer<typeof CoverageReport>;

// ── budget overview (Anlage zum Haushalt) ──

export const BudgetOverviewQuery = z.strictObject({ year: BudgetYear, organisationId: Uuid.optional() });
export const BudgetAmounts = z.object({
  personnelCents: z.number().int(),
  materialCents: z.number().int(),
  trainingCents: z.number().int(),
  passThroughCents: z.number().int(),
  /** Sachmittel in the council paper's sense: material + training + pass-through. */
  nonPersonnelCents: z.number().int(),
  totalCents: z.number().int(),
});
export type BudgetAmounts = z.infer<typeof BudgetAmounts>;
export const BudgetRow = BudgetAmounts.extend({
  programme: z.object({ id: z.string(), code: z.string(), name: z.string(), shortName: z.string() }),
  grants: z.number().int(),
  unapproved: z.number().int(),
});
export type BudgetRow = z.infer<typeof BudgetRow>;
export const BudgetSection = z.object({
  section: z.enum(PROGRAMME_SECTIONS),
  title: z.string(),
  rows: z.array(BudgetRow),
  totals: BudgetAmounts,
});
export type BudgetSection = z.infer<typeof BudgetSection>;
export const BudgetOverview = z.object({
  year: z.number().int(),
  organisation: z.object({ id: z.string(), name: z.string() }).nullable(),
  sections: z.array(BudgetSection),
  grandTotals: BudgetAmounts,
  notes: z.array(z.string()),
});
export type BudgetOverview = z.infer<typeof BudgetOverview>;

// ── Verwendungsnachweis ──

export const ReportParams = z.strictObject({ id: Uuid, year: BudgetYear });
export const UpdateReportBody = z.strictObject({ narrative: text({ max: 20000 }) });
export const StatementLine = z.object({
  category: z.enum(POSITION_CATEGORIES),
  label: z.string(),
  approvedCents: z.number().int(),
  actualCents: z.number().int(),
  deviationCents: z.number().int(),
  /** Deviation in basis points of the approved amount (null when nothing was approved). */
  deviationBp: z.number().int().nullable(),
});
export type StatementLine = z.infer<typeof StatementLine>;
export const ReceiptLine = z.object({
  bookingDate: z.string(),
  category: z.enum(POSITION_CATEGORIES),
  payee: z.string(),
  receiptNo: z.string(),
  description: z.string(),
  amountCents: z.number().int(),
});
export type ReceiptLine = z.infer<typeof ReceiptLine>;
export const ActivityFigure = z.object({
  label: z.string(),
  value: z.number().int().nullable(),
  source: z.string(),
  gap: z.string().nullable(),
});
export type ActivityFigure = z.infer<typeof ActivityFigure>;
export const ChecklistItem = z.object({ key: z.string(), label: z.string(), done: z.boolean(), blocking: z.boolean() });
export type ChecklistItem = z.infer<typeof ChecklistItem>;
export const UseOfFundsReport = z.object({
  grantId: z.string(),
  budgetYear: z.number().int(),
  grantTitle: z.string(),
  programmeName: z.string(),
  organisationName: z.string(),
  fileNumber: z.string(),
  approvalStart: z.string(),
  approvalEnd: z.string(),
  reportDueDate: z.string().nullable(),
  status: z.enum(REPORT_STATUSES),
  narrative: z.string(),
  lines: z.array(StatementLine),
  totals: z.object({ approvedCents: z.number().int(), actualCents: z.number().int(), deviationCents: z.number().int() }),
  calledOffCents: z.number().int(),
  receipts: z.array(ReceiptLine),
  activity: z.array(ActivityFigure),
  checklist: z.array(ChecklistItem),
  finalisedByName: z.string().nullable(),
  finalisedAt: z.string().nullable(),
  version: z.number().int(),
  can: z.object({ edit: z.boolean(), finalise: z.boolean() }),
});
export type UseOfFundsReport = z.infer<typeof UseOfFundsReport>;

// ── deadlines and settings ──

export const DEADLINE_KINDS = ['calloff', 'use_by', 'report_due', 'onward_report_due', 'contract_end', 'application'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];
export const DEADLINE_KIND_LABELS_DE: Record<DeadlineKind, string> = {
  calloff: 'Mittelabruf',
  use_by: 'Ende der Verwendungsfrist',
  report_due: 'Verwendungsnachweis fällig',
  onward_report_due: 'Verwendungsnachweis Dritter fällig',
  contract_end: 'Vertragsende',
  application: 'Antragsfrist',
};
export const DEADLINE_LEVELS = ['overdue', 'within_3_months', 'within_6_months', 'later'] as const;
export type DeadlineLevel = (typeof DEADLINE_LEVELS)[number];
export const DeadlinesQuery = z.strictObject({ from: IsoDate.optional(), months: z.coerce.number().int().min(1).max(36).default(12) });
export const Deadline = z.object({
  kind: z.enum(DEADLINE_KINDS),
  date: z.string(),
  title: z.string(),
  detail: z.string(),
  level: z.enum(DEADLINE_LEVELS),
  link: z.string().nullable(),
});
export type Deadline = z.infer<typeof Deadline>;
export const DeadlineList = z.object({ today: z.string(), items: z.array(Deadline) });

export const FundingSettings = z.object({
  overspendMode: z.enum(OVERSPEND_MODES),
  /** Tolerance per position in percent (ANBest-P allows up to 20 % when offset elsewhere). */
  tolerancePercent: z.number().int().min(0).max(20),
  version: z.number().int(),
  can: z.object({ edit: z.boolean() }),
});
export type FundingSettings = z.infer<typeof FundingSettings>;
export const UpdateFundingSettingsBody = z.strictObject({
  overspendMode: z.enum(OVERSPEND_MODES),
  tolerancePercent: z
    .number({ message: 'Zahl erwartet' })
    .int({ message: 'Ganze Zahl erwartet' })
    .min(0, { message: 'Nicht negativ' })
    .max(20, { message: 'Höchstens 20 %' }),
});

/** The calendar day (ISO) of an instant in Europe/Berlin, where every deadline of the KI is counted. */
export function isoDateInBerlin(instant: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** The day before an ISO date. */
export function previousDayIso(iso: string): string {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
