import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { suppress } from './suppression.js';

const rows = (...values: number[]) => values.map((value, i) => ({ label: `z${i}`, value }));

describe('suppression of small cells', () => {
  it('hides cells of 1–4 and keeps zeros and larger cells', () => {
    const { cells, total } = suppress(rows(12, 3, 0, 7, 2));
    expect(cells.map((c) => c.value)).toEqual([12, null, 0, 7, null]);
    expect(total).toBe(24);
  });

  it('hides a second cell when only one was hidden, so the hidden one cannot be recomputed from the total', () => {
    const { cells } = suppress(rows(40, 3, 9, 20));
    expect(cells.map((c) => c.value)).toEqual([40, null, null, 20]);
  });

  it('hides everything when the total itself is below 5', () => {
    const { cells, total } = suppress(rows(1, 2, 0));
    expect(total).toBeNull();
    expect(cells.map((c) => c.value)).toEqual([null, null, 0]);
  });

  it('never leaves exactly one hidden non-zero cell next to a published total (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 30 }), { minLength: 2, maxLength: 12 }), (values) => {
        const { cells, total } = suppress(rows(...values));
        for (const c of cells) if (c.value !== null) expect(c.value === 0 || c.value >= 5).toBe(true);
        const hidden = cells.filter((c) => c.suppressed).length;
        if (total !== null && values.filter((v) => v > 0).length > 1) expect(hidden).not.toBe(1);
      }),
    );
  });
});
