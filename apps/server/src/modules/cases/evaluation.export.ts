import ExcelJS from 'exceljs';
import { formatDateDe, type Evaluation, type EvaluationTable } from '@teilhabe/shared';
import { renderPdf, teilhabeDocument, todayDe, type PdfContent } from '../../platform/pdf/index.js';
import { MIN_CELL } from './suppression.js';

/** Shown instead of a suppressed number, in the UI, the XLSX and the PDF. */
export const SUPPRESSED_MARK = '•';
export const SUPPRESSION_LEGEND = `${SUPPRESSED_MARK} = unterdrückt: Wert unter ${MIN_CELL} oder, damit er nicht aus der Summe errechnet werden kann, ein weiterer Wert der Tabelle.`;

const cellText = (v: { value: number | null; suppressed: boolean }) => (v.suppressed || v.value === null ? SUPPRESSED_MARK : String(v.value));
const totalText = (t: EvaluationTable) => (t.total === null ? SUPPRESSED_MARK : String(t.total));
const period = (e: Evaluation) => `${formatDateDe(e.from)} – ${formatDateDe(e.to)}`;
const source = (e: Evaluation) => `Teilhabe, Fallarbeit des Kommunalen Integrationszentrums (${e.scope})`;

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ], unique. */
function sheetName(title: string, used: Set<string>): string {
  const base = title.replace(/[:\\/?*[\]]/gu, ' ').replace(/\s+/gu, ' ').trim().slice(0, 31);
  let name = base;
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base.slice(0, 28)} ${i}`;
  used.add(name.toLowerCase());
  return name;
}

/** Short sheet titles per table key (the full title stands in the sheet's first row). */
const SHEET_TITLES: Record<string, string> = {
  gemeinde: 'Gemeinde',
  age: 'Altersgruppe',
  sex: 'Geschlecht',
  nationality: 'Staatsangehörigkeit',
  status: 'Aufenthaltsstatus',
  referring: 'Zugangsweg',
  closure: 'Abschlussgrund',
  mode: 'Kontakte nach Art',
  interpreter: 'Sprachmittlung',
  domain: 'Lebensbereich',
  goals: 'Zielerreichung',
};

function head(ws: ExcelJS.Worksheet, title: string, e: Evaluation) {
  ws.columns = [{ width: 48 }, { width: 14 }];
  ws.addRow([title]).font = { bold: true, size: 13 };
  ws.addRow(['Zeitraum', period(e)]);
  ws.addRow(['Quelle', source(e)]);
  ws.addRow(['Erstellt am', todayDe()]);
  ws.addRow([SUPPRESSION_LEGEND]).font = { italic: true, size: 9 };
  ws.addRow([]);
}

function headerRow(row: ExcelJS.Row) {
  row.font = { bold: true };
  row.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EDF3' } };
    cell.border = { bottom: { style: 'thin' } };
  });
}

/** A visible number stays a number (sums in Excel work); a suppressed one is the mark, right-aligned. */
function valueCell(v: { value: number | null; suppressed: boolean }): number | string {
  return v.suppressed || v.value === null ? SUPPRESSED_MARK : v.value;
}

/** Beratungszahlen as XLSX: an overview sheet and one sheet per dimension, suppressed cells as "•" with a legend. */
export async function evaluationXlsx(e: Evaluation): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Teilhabe';
  wb.title = `Beratungszahlen ${period(e)}`;
  const used = new Set<string>();
  const overview = wb.addWorksheet(sheetName('Übersicht', used));
  head(overview, `Beratungszahlen ${period(e)}`, e);
  headerRow(overview.addRow(['Kennzahl', 'Anzahl']));
  for (const t of e.totals) overview.addRow([t.label, valueCell(t)]).getCell(2).alignment = { horizontal: 'right' };
  overview.addRow([]);
  overview.addRow([e.note]).font = { italic: true, size: 9 };
  for (const table of e.tables) {
    const ws = wb.addWorksheet(sheetName(SHEET_TITLES[table.key] ?? table.title, used));
    head(ws, table.title, e);
    headerRow(ws.addRow(['Merkmal', 'Anzahl']));
    if (!table.rows.length) ws.addRow(['keine Fälle im Zeitraum', 0]);
    for (const r of table.rows) ws.addRow([r.label, valueCell(r)]).getCell(2).alignment = { horizontal: 'right' };
    const sum = ws.addRow(['Summe', table.total === null ? SUPPRESSED_MARK : table.total]);
    sum.font = { bold: true };
    sum.getCell(2).alignment = { horizontal: 'right' };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const esc = (s: string) => s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');

/**
 * A horizontal bar chart of one table as SVG: every bar carries its number as text; suppressed rows get no bar but the
 * mark, so nothing depends on colour or length alone.
 */
export function barChartSvg(table: EvaluationTable, opts: { labelWidth?: number; barWidth?: number } = {}): string {
  const labelWidth = opts.labelWidth ?? 170;
  const barWidth = opts.barWidth ?? 260;
  const rowHeight = 18;
  const rows = table.rows;
  const max = Math.max(1, ...rows.map((r) => r.value ?? 0));
  const height = Math.max(1, rows.length) * rowHeight + 4;
  const width = labelWidth + barWidth + 50;
  const bars = rows
    .map((r, i) => {
      const y = i * rowHeight + 2;
      const w = r.value === null ? 0 : Math.max(r.value > 0 ? 1 : 0, Math.round((r.value / max) * barWidth));
      return (
        `<text x="0" y="${y + 11}" font-size="8.5" font-family="Roboto">${esc(r.label.length > 38 ? `${r.label.slice(0, 37)}…` : r.label)}</text>` +
        (w ? `<rect x="${labelWidth}" y="${y + 2}" width="${w}" height="11" fill="#1f4e79"/>` : '') +
        `<text x="${labelWidth + w + 4}" y="${y + 11}" font-size="8.5" font-family="Roboto">${esc(cellText(r))}</text>`
      );
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${bars}</svg>`;
}

function numberTable(headers: [string, string], rows: [string, string][], sum?: string): PdfContent {
  return {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: ['*', 70],
      body: [
        [{ text: headers[0], style: 'th' }, { text: headers[1], style: 'th', alignment: 'right' }],
        ...rows.map(([l, v]) => [l, { text: v, alignment: 'right' }]),
        ...(sum !== undefined ? [[{ text: 'Summe', bold: true }, { text: sum, bold: true, alignment: 'right' }]] : []),
      ],
    },
    layout: 'lightHorizontalLines',
    margin: [0, 0, 0, 8],
  };
}

/** Charts in the PDF: the dimensions a council paper usually shows. */
const CHARTED = ['mode', 'gemeinde', 'domain'];

/** Beratungszahlen as PDF: totals, bar charts (contacts by mode, cases by Gemeinde, Lebensbereiche) and all tables. */
export async function evaluationPdf(e: Evaluation): Promise<Buffer> {
  const content: PdfContent[] = [
    { text: `Quelle: ${source(e)}`, style: 'small', margin: [0, 0, 0, 8] },
    { text: 'Überblick', style: 'h2' },
    numberTable(['Kennzahl', 'Anzahl'], e.totals.map((t) => [t.label, cellText(t)])),
  ];
  for (const key of CHARTED) {
    const table = e.tables.find((t) => t.key === key);
    if (!table?.rows.length) continue;
    content.push({ text: `Diagramm: ${table.title}`, style: 'h2' }, { svg: barChartSvg(table), width: 480, margin: [0, 0, 0, 6] });
  }
  for (const table of e.tables) {
    content.push({
      stack: [
        { text: table.title, style: 'h2' },
        table.rows.length ? numberTable(['Merkmal', 'Anzahl'], table.rows.map((r) => [r.label, cellText(r)]), totalText(table)) : { text: 'keine Fälle im Zeitraum', italics: true },
      ],
      unbreakable: table.rows.length < 25,
    });
  }
  content.push({ text: e.note, style: 'note' });
  return renderPdf(
    teilhabeDocument({
      title: 'Beratungszahlen',
      subtitle: `Zeitraum ${period(e)}, ${e.scope}`,
      issuer: 'Kommunales Integrationszentrum',
      content,
      footnote: SUPPRESSION_LEGEND,
    }),
  );
}
