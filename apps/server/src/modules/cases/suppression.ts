/** Smallest count published: cells 1–4 are suppressed (statistical confidentiality for councils and the public). */
export const MIN_CELL = 5;

export interface Cell {
  label: string;
  value: number | null;
  suppressed: boolean;
}

/**
 * Primary suppression of cells below 5 (zero stays visible: it reveals nobody) and secondary suppression, so that a
 * suppressed cell cannot be recomputed from the total and the others: while exactly one cell is hidden, the next
 * smallest visible non-zero cell is hidden too. A total below 5 hides every cell.
 */
export function suppress(rows: { label: string; value: number }[]): { cells: Cell[]; total: number | null } {
  const total = rows.reduce((s, r) => s + r.value, 0);
  if (total > 0 && total < MIN_CELL) {
    return { cells: rows.map((r) => ({ label: r.label, value: r.value === 0 ? 0 : null, suppressed: r.value !== 0 })), total: null };
  }
  const hidden = new Set<number>();
  rows.forEach((r, i) => {
    if (r.value > 0 && r.value < MIN_CELL) hidden.add(i);
  });
  if (hidden.size === 1) {
    const next = rows
      .map((r, i) => ({ r, i }))
      .filter(({ r, i }) => !hidden.has(i) && r.value > 0)
      .sort((a, b) => a.r.value - b.r.value)[0];
    if (next) hidden.add(next.i);
  }
  return { cells: rows.map((r, i) => ({ label: r.label, value: hidden.has(i) ? null : r.value, suppressed: hidden.has(i) })), total };
}
