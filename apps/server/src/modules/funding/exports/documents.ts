import ExcelJS from 'exceljs';
import {
  formatDateDe,
  formatEuro,
  formatPercentBp,
  POSITION_CATEGORY_LABELS_DE,
  type BudgetAmounts,
  type BudgetOverview,
  type UseOfFundsReport,
} from '@teilhabe/shared';
import { pdfTable, renderCouncilPaper, type PdfNode } from './pdf.js';

const EURO_FORMAT = '#,##0.00 "€";-#,##0.00 "€"';
const euros = (cents: number) => cents / 100;

function reportFacts(r: UseOfFundsReport): [string, string][] {
  return [
    ['Zuwendungsempfänger', r.organisationName],
    ['Förderprogramm', r.programmeName],
    ['Bescheid', r.grantTitle],
    ['Aktenzeichen', r.fileNumber],
    ['Bewilligungszeitraum', `${formatDateDe(r.approvalStart)} – ${formatDateDe(r.approvalEnd)}`],
    ['Haushaltsjahr', String(r.budgetYear)],
    ['Vorlage bis', formatDateDe(r.reportDueDate)],
  ];
}

function deviationText(bp: number | null) {
  return bp === null ? 'nicht bewilligt' : formatPercentBp(bp);
}

// ───────────────────────────── Verwendungsnachweis ─────────────────────────────

/** Zahlenmäßiger Nachweis as a PDF: positions (bewilligt, Ist, Abweichung), call-offs and the list of receipts. */
export async function statementPdf(r: UseOfFundsReport, authority: string): Promise<Buffer> {
  const content: PdfNode[] = [
    { text: 'Einnahmen und Ausgaben nach dem Finanzierungsplan', style: 'h2' },
    pdfTable(
      ['Position', 'Bewilligt', 'Ist-Ausgaben', 'Abweichung', 'Abweichung in %'],
      [
        ...r.lines.map((l) => [
          l.label,
          formatEuro(l.approvedCents),
          formatEuro(l.actualCents),
          formatEuro(l.deviationCents),
          deviationText(l.deviationBp),
        ]),
        ['Summe', formatEuro(r.totals.approvedCents), formatEuro(r.totals.actualCents), formatEuro(r.totals.deviationCents), ''],
      ],
      { widths: ['*', 85, 85, 85, 70], rightAlign: [1, 2, 3, 4], sumRows: 1 },
    ),
    { text: `Abgerufene Mittel ${r.budgetYear}: ${formatEuro(r.calledOffCents)}`, margin: [0, 0, 0, 6] },
    { text: 'Belegliste', style: 'h2' },
    r.receipts.length
      ? pdfTable(
          ['Datum', 'Position', 'Empfänger:in', 'Beleg-Nr.', 'Betrag'],
          r.receipts.map((b) => [
            formatDateDe(b.bookingDate),
            POSITION_CATEGORY_LABELS_DE[b.category],
            b.payee,
            b.receiptNo || '–',
            formatEuro(b.amountCents),
          ]),
          { widths: [58, 95, '*', 70, 75], rightAlign: [4] },
        )
      : { text: 'Keine Ist-Ausgaben gebucht.', style: 'note' },
    {
      text: 'Die Ausgaben waren notwendig, wirtschaftlich und sparsam; die Angaben stimmen mit den Büchern und Belegen überein. Die Belege werden fünf Jahre nach Vorlage des Verwendungsnachweises aufbewahrt (ANBest-G Nr. 7.5).',
      style: 'note',
    },
  ];
  return renderCouncilPaper({
    authority,
    office: 'Kommunales Integrationszentrum',
    title: 'Verwendungsnachweis – zahlenmäßiger Nachweis',
    subtitle: `${r.programmeName}, Haushaltsjahr ${r.budgetYear}`,
    facts: reportFacts(r),
    content,
    draft: r.status !== 'final',
  });
}

/** The Sachbericht draft: text written by the KI, activity figures from the other modules, gaps and open points. */
export async function narrativePdf(r: UseOfFundsReport, authority: string): Promise<Buffer> {
  const generated =
    `Im Haushaltsjahr ${r.budgetYear} wurden für „${r.grantTitle}“ ${formatEuro(r.totals.approvedCents)} bewilligt und ${formatEuro(r.totals.actualCents)} verausgabt ` +
    `(Abweichung ${formatEuro(r.totals.deviationCents)}).`;
  const content: PdfNode[] = [
    { text: '1. Verwendung der Zuwendung und erzielte Ergebnisse', style: 'h2' },
    { text: generated, margin: [0, 0, 0, 6] },
    r.narrative.trim() ? { text: r.narrative } : { text: 'Lücke: Der Sachbericht ist noch nicht geschrieben.', style: 'gap' },
    { text: '2. Kennzahlen aus der Arbeit', style: 'h2' },
    r.activity.length
      ? pdfTable(
          ['Kennzahl', 'Quelle', `Anzahl ${r.budgetYear}`],
          r.activity.map((a) => [a.label, a.source, a.value === null ? { text: 'Lücke – bitte ergänzen', style: 'gap' } : String(a.value)]),
          { widths: ['*', 130, 90], rightAlign: [2] },
        )
      : { text: 'Für dieses Programm sind keine Kennzahlen hinterlegt.', style: 'note' },
    { text: '3. Finanzielle Übersicht', style: 'h2' },
    pdfTable(
      ['Position', 'Bewilligt', 'Ist-Ausgaben', 'Abweichung'],
      [
        ...r.lines.map((l) => [
          l.label,
          formatEuro(l.approvedCents),
          formatEuro(l.actualCents),
          `${formatEuro(l.deviationCents)} (${deviationText(l.deviationBp)})`,
        ]),
        ['Summe', formatEuro(r.totals.approvedCents), formatEuro(r.totals.actualCents), formatEuro(r.totals.deviationCents)],
      ],
      { widths: ['*', 85, 85, 120], rightAlign: [1, 2, 3], sumRows: 1 },
    ),
    { text: '4. Was noch fehlt', style: 'h2' },
    {
      ul: r.checklist.map((c) => ({
        text: `${c.done ? '[erledigt]' : c.blocking ? '[offen – Pflicht]' : '[offen]'} ${c.label}`,
        ...(c.done ? {} : { bold: c.blocking }),
      })),
    },
  ];
  return renderCouncilPaper({
    authority,
    office: 'Kommunales Integrationszentrum',
    title: 'Verwendungsnachweis – Sachbericht',
    subtitle: `${r.programmeName}, Haushaltsjahr ${r.budgetYear}`,
    facts: reportFacts(r),
    content,
    draft: r.status !== 'final',
  });
}

function styleHeader(row: ExcelJS.Row) {
  row.font = { bold: true };
  row.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EDF3' } };
    cell.border = { bottom: { style: 'thin' } };
  });
}

/** Zahlenmäßiger Nachweis as XLSX (opens in Excel and LibreOffice); amounts are numbers in euros with two decimals. */
export async function statementXlsx(r: UseOfFundsReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Teilhabe';
  const ws = wb.addWorksheet('Zahlenmäßiger Nachweis');
  ws.columns = [{ width: 34 }, { width: 18 }, { width: 18 }, { width: 18 }, { width: 16 }];
  ws.addRow(['Verwendungsnachweis – zahlenmäßiger Nachweis']).font = { bold: true, size: 14 };
  for (const [k, v] of reportFacts(r)) ws.addRow([k, v]);
  ws.addRow([]);
  styleHeader(ws.addRow(['Position', 'Bewilligt (€)', 'Ist-Ausgaben (€)', 'Abweichung (€)', 'Abweichung (%)']));
  const first = ws.rowCount + 1;
  for (const l of r.lines) {
    ws.addRow([
      l.label,
      euros(l.approvedCents),
      euros(l.actualCents),
      euros(l.deviationCents),
      l.deviationBp === null ? 'nicht bewilligt' : l.deviationBp / 10000,
    ]);
  }
  const last = ws.rowCount;
  const sum = ws.addRow([
    'Summe',
    { formula: `SUM(B${first}:B${last})`, result: euros(r.totals.approvedCents) },
    { formula: `SUM(C${first}:C${last})`, result: euros(r.totals.actualCents) },
    { formula: `SUM(D${first}:D${last})`, result: euros(r.totals.deviationCents) },
    '',
  ]);
  sum.font = { bold: true };
  for (let row = first; row <= ws.rowCount; row++) {
    for (const col of [2, 3, 4]) ws.getCell(row, col).numFmt = EURO_FORMAT;
    ws.getCell(row, 5).numFmt = '0.00%';
  }
  ws.addRow([]);
  ws.addRow(['Abgerufene Mittel (€)', euros(r.calledOffCents)]).getCell(2).numFmt = EURO_FORMAT;

  const receipts = wb.addWorksheet('Belegliste');
  receipts.columns = [{ width: 12 }, { width: 24 }, { width: 34 }, { width: 14 }, { width: 40 }, { width: 16 }];
  styleHeader(receipts.addRow(['Datum', 'Position', 'Empfänger:in', 'Beleg-Nr.', 'Beschreibung', 'Betrag (€)']));
  for (const b of r.receipts) {
    const row = receipts.addRow([
      formatDateDe(b.bookingDate),
      POSITION_CATEGORY_LABELS_DE[b.category],
      b.payee,
      b.receiptNo,
      b.description,
      euros(b.amountCents),
    ]);
    row.getCell(6).numFmt = EURO_FORMAT;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ───────────────────────────── budget overview ─────────────────────────────

const OVERVIEW_COLUMNS: [keyof BudgetAmounts, string][] = [
  ['personnelCents', 'Personalkostenzuschüsse'],
  ['materialCents', 'Sachausgaben'],
  ['trainingCents', 'Fortbildung'],
  ['passThroughCents', 'Weiterleitung an Dritte'],
  ['nonPersonnelCents', 'Sachmittel gesamt'],
  ['totalCents', 'Gesamt'],
];

export async function overviewXlsx(o: BudgetOverview): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Teilhabe';
  const ws = wb.addWorksheet(`Haushalt ${o.year}`);
  ws.columns = [{ width: 52 }, ...OVERVIEW_COLUMNS.map(() => ({ width: 20 }))];
  ws.addRow([`Förderprogramme des KI – Haushaltsjahr ${o.year}${o.organisation ? ` (${o.organisation.name})` : ''}`]).font = {
    bold: true,
    size: 14,
  };
  ws.addRow([]);
  styleHeader(ws.addRow(['Programm', ...OVERVIEW_COLUMNS.map(([, label]) => `${label} (€)`)]));
  const moneyRow = (label: string, a: BudgetAmounts, bold = false) => {
    const row = ws.addRow([label, ...OVERVIEW_COLUMNS.map(([key]) => euros(a[key]))]);
    for (let c = 2; c <= OVERVIEW_COLUMNS.length + 1; c++) row.getCell(c).numFmt = EURO_FORMAT;
    if (bold) row.font = { bold: true };
  };
  for (const section of o.sections) {
    ws.addRow([section.title]).font = { bold: true, italic: true };
    for (const row of section.rows) moneyRow(`${row.programme.name}${row.unapproved ? ' (Entwurf)' : ''}`, row);
    moneyRow(`Summe ${section.title}`, section.totals, true);
  }
  ws.addRow([]);
  moneyRow('Gesamtsumme', o.grandTotals, true);
  ws.addRow([]);
  for (const note of o.notes) ws.addRow([note]).font = { italic: true, size: 9 };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A horizontal bar chart of personnel subsidies and Sachmittel per programme, as SVG (for the PDF). */
export function overviewChartSvg(o: BudgetOverview): string {
  const rows = o.sections.flatMap((s) => s.rows);
  const max = Math.max(1, ...rows.map((r) => Math.max(r.personnelCents, r.nonPersonnelCents)));
  const labelWidth = 190;
  const barWidth = 300;
  const rowHeight = 34;
  const height = rows.length * rowHeight + 30;
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const bars = rows
    .map((r, i) => {
      const y = i * rowHeight + 6;
      const p = Math.round((r.personnelCents / max) * barWidth);
      const n = Math.round((r.nonPersonnelCents / max) * barWidth);
      return (
        `<text x="0" y="${y + 12}" font-size="9" font-family="Roboto">${esc(r.programme.shortName)}</text>` +
        `<rect x="${labelWidth}" y="${y}" width="${p}" height="11" fill="#1f4e79"/>` +
        `<text x="${labelWidth + p + 4}" y="${y + 9}" font-size="7" font-family="Roboto">${esc(formatEuro(r.personnelCents))}</text>` +
        `<rect x="${labelWidth}" y="${y + 13}" width="${n}" height="11" fill="#c05621"/>` +
        `<text x="${labelWidth + n + 4}" y="${y + 22}" font-size="7" font-family="Roboto">${esc(formatEuro(r.nonPersonnelCents))}</text>`
      );
    })
    .join('');
  const legendY = rows.length * rowHeight + 14;
  const legend =
    `<rect x="${labelWidth}" y="${legendY}" width="10" height="10" fill="#1f4e79"/><text x="${labelWidth + 14}" y="${legendY + 9}" font-size="8" font-family="Roboto">Personalkostenzuschüsse</text>` +
    `<rect x="${labelWidth + 140}" y="${legendY}" width="10" height="10" fill="#c05621"/><text x="${labelWidth + 154}" y="${legendY + 9}" font-size="8" font-family="Roboto">Sachmittel gesamt</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${labelWidth + barWidth + 110}" height="${height}" viewBox="0 0 ${labelWidth + barWidth + 110} ${height}">${bars}${legend}</svg>`;
}

export async function overviewPdf(o: BudgetOverview, authority: string): Promise<Buffer> {
  const content: PdfNode[] = [];
  for (const section of o.sections) {
    content.push({ text: section.title, style: 'h2' });
    content.push(
      pdfTable(
        ['Programm', ...OVERVIEW_COLUMNS.map(([, label]) => label)],
        [
          ...section.rows.map((r) => [
            `${r.programme.name}${r.unapproved ? ' (Entwurf)' : ''}`,
            ...OVERVIEW_COLUMNS.map(([key]) => formatEuro(r[key])),
          ]),
          [`Summe ${section.title}`, ...OVERVIEW_COLUMNS.map(([key]) => formatEuro(section.totals[key]))],
        ],
        { widths: ['*', 78, 70, 62, 72, 72, 78], rightAlign: [1, 2, 3, 4, 5, 6], sumRows: 1 },
      ),
    );
  }
  content.push(
    pdfTable(
      ['', ...OVERVIEW_COLUMNS.map(([, label]) => label)],
      [['Gesamtsumme', ...OVERVIEW_COLUMNS.map(([key]) => formatEuro(o.grandTotals[key]))]],
      {
        widths: ['*', 78, 70, 62, 72, 72, 78],
        rightAlign: [1, 2, 3, 4, 5, 6],
        sumRows: 1,
      },
    ),
  );
  if (o.sections.length) {
    content.push({ text: 'Grafik: Personalkostenzuschüsse und Sachmittel je Programm', style: 'h2', pageBreak: 'before' });
    content.push({ svg: overviewChartSvg(o), width: 640 });
  }
  for (const note of o.notes) content.push({ text: note, style: 'note' });
  return renderCouncilPaper(
    {
      authority,
      office: 'Kommunales Integrationszentrum',
      title: `Anlage: Förderprogramme des KI im Haushaltsjahr ${o.year}`,
      subtitle: o.organisation ? `Zuwendungsempfänger: ${o.organisation.name}` : 'Zusammenstellung der geplanten Beträge',
      content,
    },
    { landscape: true },
  );
}
