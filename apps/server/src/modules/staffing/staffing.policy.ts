import { allocateCents, monthlyAmounts, monthsWithin, previousDayIso, prorateByFte } from '@teilhabe/shared';

export interface OccupancyTerm {
  fteMilli: number;
  contractStart: string;
  contractEnd: string | null;
}

export interface FundingTerm {
  id: string;
  programmeId: string;
  fteMilli: number;
  flatRatePerFteCents: number;
  validFrom: string;
  validTo: string | null;
}

const ZERO12 = () => Array.from({ length: 12 }, () => 0);

/** Months of `year` in which anybody holds the post (a month counts when its 15th is covered). */
export function occupiedMonths(year: number, occupancies: readonly OccupancyTerm[]): boolean[] {
  const flags = Array.from({ length: 12 }, () => false);
  for (const o of occupancies) monthsWithin(year, o.contractStart, o.contractEnd).forEach((on, m) => (flags[m] ||= on));
  return flags;
}

/**
 * Employer cost of a post per month: each holder costs the pay grade's annual cost × their FTE, spread evenly over
 * the year, for the months they hold the post. Seconded teachers cost the Kreis nothing.
 */
export function monthlyCost(
  year: number,
  kreisCost: boolean,
  payGradeAnnualCents: number | null,
  occupancies: readonly OccupancyTerm[],
): number[] {
  const months = ZERO12();
  if (!kreisCost || payGradeAnnualCents === null) return months;
  for (const o of occupancies) {
    const monthly = monthlyAmounts(prorateByFte(payGradeAnnualCents, o.fteMilli));
    monthsWithin(year, o.contractStart, o.contractEnd).forEach((on, m) => {
      if (on) months[m]! += monthly[m]!;
    });
  }
  return months;
}

/**
 * Flat-rate funding of each assignment per month: flat rate × funded FTE (57.000 € × 0,5 = 28.500 € a year), for the
 * months the assignment runs and the post is occupied — a vacant post earns no flat rate.
 */
export function monthlyFunding(year: number, fundings: readonly FundingTerm[], occupied: readonly boolean[]): Map<string, number[]> {
  const result = new Map<string, number[]>();
  for (const f of fundings) {
    const monthly = monthlyAmounts(prorateByFte(f.flatRatePerFteCents, f.fteMilli));
    const active = monthsWithin(year, f.validFrom, f.validTo);
    result.set(
      f.id,
      monthly.map((amount, m) => (active[m] && occupied[m] ? amount : 0)),
    );
  }
  return result;
}

/**
 * A funded post's monthly cost split across the programmes that fund it in that month, weighted by funded FTE.
 * The parts of every month add up to the month's cost exactly.
 */
export function costByFunding(year: number, cost: readonly number[], fundings: readonly FundingTerm[]): Map<string, number[]> {
  const result = new Map<string, number[]>(fundings.map((f) => [f.id, ZERO12()]));
  const active = fundings.map((f) => monthsWithin(year, f.validFrom, f.validTo));
  for (let m = 0; m < 12; m++) {
    const inMonth = fundings.filter((_, i) => active[i]![m]);
    if (inMonth.length === 0) continue;
    const parts = allocateCents(
      cost[m]!,
      inMonth.map((f) => f.fteMilli),
    );
    inMonth.forEach((f, i) => (result.get(f.id)![m] = parts[i]!));
  }
  return result;
}

/** Periods within [from, to] in which nobody holds the post. */
export function vacancies(occupancies: readonly OccupancyTerm[], from: string, to: string): { from: string; to: string }[] {
  const sorted = [...occupancies].sort((a, b) => a.contractStart.localeCompare(b.contractStart));
  const gaps: { from: string; to: string }[] = [];
  let cursor = from;
  for (const o of sorted) {
    if (o.contractEnd !== null && o.contractEnd < cursor) continue;
    if (o.contractStart > cursor) {
      const gapEnd = previousDayIso(o.contractStart) < to ? previousDayIso(o.contractStart) : to;
      if (cursor <= gapEnd) gaps.push({ from: cursor, to: gapEnd });
    }
    if (o.contractEnd === null) return gaps;
    const next = nextDayIso(o.contractEnd);
    if (next > cursor) cursor = next;
    if (cursor > to) return gaps;
  }
  if (cursor <= to) gaps.push({ from: cursor, to });
  return gaps;
}

export function nextDayIso(iso: string): string {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Overlap of two periods (null = open end). */
export function overlaps(aFrom: string, aTo: string | null, bFrom: string, bTo: string | null): boolean {
  return (aTo === null || aTo >= bFrom) && (bTo === null || bTo >= aFrom);
}
