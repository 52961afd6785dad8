import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonthsIso,
  allocateCents,
  amountForMonths,
  computeCoverage,
  formatEuro,
  formatFte,
  MAX_CENTS,
  monthlyAmounts,
  monthsWithin,
  mulDivRound,
  parseEuro,
  parseFte,
  prorateByFte,
  sumCents,
} from './funding.js';
import { contractAlertLevel } from './staffing.js';

const cents = fc.integer({ min: 0, max: MAX_CENTS });
const fte = fc.integer({ min: 1, max: 1000 });
const monthFlags = fc.array(fc.boolean(), { minLength: 12, maxLength: 12 });

describe('the flat rate per VZÄ', () => {
  it('gives 28.500,00 € for 0,5 VZÄ at 57.000 € (KIM Case Management)', () => {
    expect(prorateByFte(5_700_000, 500)).toBe(2_850_000);
    expect(formatEuro(prorateByFte(5_700_000, 500))).toBe('28.500,00\u00a0€');
  });

  it('gives 22.500,00 € for the 0,5 Verwaltungsassistenz rate of 45.000 € and rounds half away from zero', () => {
    expect(prorateByFte(4_500_000, 500)).toBe(2_250_000);
    expect(prorateByFte(1, 500)).toBe(1); // 0,5 Cent → 1 Cent
    expect(prorateByFte(3, 333)).toBe(1);
    expect(mulDivRound(-5, 1, 2)).toBe(-3);
  });

  it('is exact for every amount and FTE: never more than half a cent from the true value', () => {
    fc.assert(
      fc.property(cents, fte, (annual, milli) => {
        const result = prorateByFte(annual, milli);
        expect(Number.isSafeInteger(result)).toBe(true);
        const exact = BigInt(annual) * BigInt(milli) * 2n - BigInt(result) * 2000n;
        expect(exact >= -1000n && exact < 1000n).toBe(true);
        expect(result).toBeLessThanOrEqual(annual);
      }),
    );
  });
});

describe('allocation of totals into parts', () => {
  it('always sums exactly to the total (no rounding drift), for any weights', () => {
    fc.assert(
      fc.property(
        cents,
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 40 }).filter((w) => w.some((x) => x > 0)),
        (total, weights) => {
          const parts = allocateCents(total, weights);
          expect(parts).toHaveLength(weights.length);
          expect(sumCents(parts)).toBe(total);
          parts.forEach((p, i) => {
            expect(p).toBeGreaterThanOrEqual(0);
            if (weights[i] === 0) expect(p).toBe(0);
          });
        },
      ),
    );
  });

  it('gives each part its exact share, off by less than one cent', () => {
    fc.assert(
      fc.property(cents, fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 12 }), (total, weights) => {
        const parts = allocateCents(total, weights);
        const wsum = weights.reduce((s, w) => s + w, 0);
        parts.forEach((p, i) => {
          const exactTimesW = total * weights[i]!;
          expect(Math.abs(p * wsum - exactTimesW)).toBeLessThan(wsum);
        });
      }),
    );
  });

  it('splits an annual amount into twelve months that add up to it and differ by at most one cent', () => {
    fc.assert(
      fc.property(cents, (annual) => {
        const months = monthlyAmounts(annual);
        expect(sumCents(months)).toBe(annual);
        expect(Math.max(...months) - Math.min(...months)).toBeLessThanOrEqual(1);
      }),
    );
    expect(monthlyAmounts(5_700_000)).toEqual(Array(12).fill(475_000));
  });

  it('adds up the parts of complementary month sets to the annual amount', () => {
    fc.assert(
      fc.property(cents, monthFlags, (annual, flags) => {
        const a = amountForMonths(annual, flags);
        const b = amountForMonths(
          annual,
          flags.map((f) => !f),
        );
        expect(a + b).toBe(annual);
        expect(a).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('keeps the sum of positions equal to the total when positions are prorated by FTE and then summed per year', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 10_000_000 }), fte), { minLength: 1, maxLength: 30 }), (posts) => {
        const annual = posts.map(([rate, milli]) => prorateByFte(rate, milli));
        const total = sumCents(annual);
        const byMonth = Array.from({ length: 12 }, (_, m) => sumCents(annual.map((a) => monthlyAmounts(a)[m]!)));
        expect(sumCents(byMonth)).toBe(total);
      }),
    );
  });
});

describe('coverage of personnel costs', () => {
  const month = fc.record({
    costCents: fc.integer({ min: 0, max: 2_000_000_00 }),
    fundingCents: fc.integer({ min: 0, max: 2_000_000_00 }),
  });
  it('never reports a negative uncovered amount, lump-sum coverage or own share, and the parts add up', () => {
    fc.assert(
      fc.property(
        fc.array(month, { minLength: 12, maxLength: 12 }),
        monthFlags,
        fc.integer({ min: -1000, max: MAX_CENTS }),
        (months, usable, assigned) => {
          const c = computeCoverage(months, usable, assigned);
          for (const v of [c.uncoveredCents, c.surplusCents, c.coverableCents, c.coveredByLumpSumCents, c.ownShareCents])
            expect(v).toBeGreaterThanOrEqual(0);
          expect(c.fundingCents + c.uncoveredCents - c.surplusCents).toBe(c.costCents);
          expect(c.coveredByLumpSumCents + c.ownShareCents).toBe(c.uncoveredCents);
          expect(c.coveredByLumpSumCents).toBeLessThanOrEqual(c.coverableCents);
          expect(c.coverableCents).toBeLessThanOrEqual(c.uncoveredCents);
          expect(c.uncoveredCents === 0 || c.surplusCents === 0).toBe(true);
        },
      ),
    );
  });

  it('lets the Integrationspauschale cover only the months before its use-by date (30.11.2021)', () => {
    const months = Array.from({ length: 12 }, () => ({ costCents: 600_000, fundingCents: 475_000 }));
    const usable = monthsWithin(2021, null, '2021-11-30');
    expect(usable.filter(Boolean)).toHaveLength(11);
    const c = computeCoverage(months, usable, 10_000_000);
    expect(c.uncoveredCents).toBe(1_500_000);
    expect(c.coverableCents).toBe(1_375_000);
    expect(c.coveredByLumpSumCents).toBe(1_375_000);
    expect(c.ownShareCents).toBe(125_000);
  });
});

describe('formatting and parsing', () => {
  it('formats German euro amounts and reads them back', () => {
    expect(formatEuro(141_220_000)).toBe('1.412.200,00\u00a0€');
    expect(formatEuro(5)).toBe('0,05\u00a0€');
    expect(formatEuro(-12_345)).toBe('−123,45\u00a0€');
    expect(parseEuro('1.412.200,00 €')).toBe(141_220_000);
    expect(parseEuro('28500')).toBe(2_850_000);
    expect(parseEuro('28500,5')).toBe(2_850_050);
    expect(parseEuro('12,345')).toBeNull();
    expect(parseEuro('abc')).toBeNull();
    fc.assert(
      fc.property(fc.integer({ min: -MAX_CENTS, max: MAX_CENTS }), (c) => {
        expect(parseEuro(formatEuro(c))).toBe(c);
      }),
    );
  });

  it('formats and parses FTE in thousandths', () => {
    expect(formatFte(500)).toBe('0,5');
    expect(formatFte(1000)).toBe('1,0');
    expect(formatFte(1250)).toBe('1,25');
    expect(parseFte('0,5')).toBe(500);
    expect(parseFte('0.75')).toBe(750);
    expect(parseFte('0,1234')).toBeNull();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999 }), (m) => {
        expect(parseFte(formatFte(m))).toBe(m);
      }),
    );
  });
});

describe('dates', () => {
  it('counts a month when the period covers its 15th', () => {
    expect(monthsWithin(2021, '2021-03-16', null).filter(Boolean)).toHaveLength(9);
    expect(monthsWithin(2021, '2020-01-01', '2021-06-30').filter(Boolean)).toHaveLength(6);
    expect(monthsWithin(2022, null, '2021-11-30').filter(Boolean)).toHaveLength(0);
  });

  it('adds months clamping to the month end', () => {
    expect(addMonthsIso('2021-08-31', 6)).toBe('2022-02-28');
    expect(addMonthsIso('2024-08-31', 6)).toBe('2025-02-28');
    expect(addMonthsIso('2023-08-31', 6)).toBe('2024-02-29');
    expect(addMonthsIso('2021-11-15', 2)).toBe('2022-01-15');
  });

  it('raises contract alerts 6 and 3 months ahead', () => {
    expect(contractAlertLevel('2021-12-31', '2021-06-01')).toBeNull();
    expect(contractAlertLevel('2021-12-31', '2021-07-01')).toBe('within_6_months');
    expect(contractAlertLevel('2021-12-31', '2021-10-01')).toBe('within_3_months');
    expect(contractAlertLevel('2021-12-31', '2022-01-01')).toBe('ended');
    expect(contractAlertLevel(null, '2022-01-01')).toBeNull();
  });
});
