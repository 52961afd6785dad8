import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sumCents } from '@teilhabe/shared';
import { costByFunding, monthlyCost, monthlyFunding, occupiedMonths, vacancies, type FundingTerm } from './staffing.policy.js';

const kim = (fteMilli: number, extra: Partial<FundingTerm> = {}): FundingTerm => ({
  id: `f${fteMilli}`,
  programmeId: 'KIM_B2',
  fteMilli,
  flatRatePerFteCents: 5_700_000,
  validFrom: '2021-01-01',
  validTo: null,
  ...extra,
});

describe('flat-rate funding of a post', () => {
  it('yields 28.500,00 € a year for a 0,5 VZÄ KIM post that is occupied all year', () => {
    const occupied = occupiedMonths(2021, [{ fteMilli: 500, contractStart: '2020-07-01', contractEnd: '2022-12-31' }]);
    const funding = monthlyFunding(2021, [kim(500)], occupied).get('f500')!;
    expect(sumCents(funding)).toBe(2_850_000);
  });

  it('earns nothing for vacant months', () => {
    const occupied = occupiedMonths(2021, [{ fteMilli: 1000, contractStart: '2021-04-01', contractEnd: '2021-09-30' }]);
    expect(occupied.filter(Boolean)).toHaveLength(6);
    expect(sumCents(monthlyFunding(2021, [kim(1000)], occupied).get('f1000')!)).toBe(2_850_000);
  });
});

describe('personnel cost', () => {
  it('follows the holders’ FTE and months, and is zero for seconded teachers', () => {
    const occ = [{ fteMilli: 500, contractStart: '2021-01-01', contractEnd: null }];
    expect(sumCents(monthlyCost(2021, true, 7_200_000, occ))).toBe(3_600_000);
    expect(sumCents(monthlyCost(2021, false, 7_200_000, occ))).toBe(0);
  });

  it('splits every month’s cost across the funding programmes without losing a cent', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50_000_000 }), { minLength: 12, maxLength: 12 }),
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 4 }),
        (cost, weights) => {
          const fundings = weights.map((w, i) => kim(w, { id: `f${i}` }));
          const parts = costByFunding(2021, cost, fundings);
          expect(sumCents([...parts.values()].flat())).toBe(sumCents(cost));
        },
      ),
    );
  });
});

describe('vacancy periods', () => {
  it('lists the gaps between contracts inside the year', () => {
    const occ = [
      { fteMilli: 1000, contractStart: '2020-01-01', contractEnd: '2021-03-31' },
      { fteMilli: 1000, contractStart: '2021-06-01', contractEnd: '2021-10-31' },
    ];
    expect(vacancies(occ, '2021-01-01', '2021-12-31')).toEqual([
      { from: '2021-04-01', to: '2021-05-31' },
      { from: '2021-11-01', to: '2021-12-31' },
    ]);
    expect(vacancies([], '2021-01-01', '2021-12-31')).toEqual([{ from: '2021-01-01', to: '2021-12-31' }]);
    expect(vacancies([{ fteMilli: 1000, contractStart: '2019-01-01', contractEnd: null }], '2021-01-01', '2021-12-31')).toEqual([]);
  });
});
