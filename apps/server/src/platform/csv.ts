/**
 * RFC 4180 CSV with a UTF-8 BOM so Excel opens umlauts correctly. Cells that a spreadsheet would execute as a formula
 * (=, +, -, @, tab, CR) get a leading apostrophe (OWASP CSV injection).
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function csvLine(values: unknown[]): string {
  return values.map(csvCell).join(',') + '\r\n';
}

export const CSV_BOM = '\uFEFF';
