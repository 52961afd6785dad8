import ExcelJS from 'exceljs';
import { HANDLUNGSFELD_LABELS_DE, HANDLUNGSFELDER, TARGET_GROUP_LABELS_DE, type CoverageMatrix, type Handlungsfeld, type TargetGroup } from '@teilhabe/shared';
import type { AuthedContext } from '../../platform/http/context.js';
import { DATA_ATTRIBUTION, gemeindeByAgs } from '../../seed/geo.js';
import { councilPaper, renderPdf, type PdfContent } from './directory.pdf.js';
import { coverageData } from './directory.service.js';

export const POPULATION_SOURCE = 'Einwohnerzahlen: Zensus 2022 (Stichtag 15.05.2022), Datei nrw-gemeinden.csv';

const per10k = (count: number, population: number) => (population > 0 ? Math.round((count / population) * 10_000 * 100) / 100 : 0);

/** Gemeinde × Handlungsfeld: published offers, offers per 10,000 inhabitants (Zensus 2022), gaps and possible Doppelstrukturen. */
export async function coverageMatrix(ctx: AuthedContext): Promise<CoverageMatrix> {
  const { kommunen, counts, totals, duplicates } = await coverageData(ctx);
  const byCell = new Map(counts.map((c) => [`${c.ags}|${c.handlungsfeld}`, c.n]));
  let gaps = 0;
  const rows = kommunen.map((k) => {
    const g = gemeindeByAgs(k.ags);
    const population = g?.population ?? 0;
    const total = totals.get(k.ags) ?? 0;
    return {
      ags: k.ags,
      name: g?.name ?? k.name,
      population,
      total,
      totalPer10k: per10k(total, population),
      cells: HANDLUNGSFELDER.map((h) => {
        const count = byCell.get(`${k.ags}|${h}`) ?? 0;
        if (count === 0) gaps++;
        return { handlungsfeld: h, count, per10k: per10k(count, population), gap: count === 0 };
      }),
    };
  });
  rows.sort((a, b) => a.name.localeCompare(b.name, 'de'));
  return {
    generatedAt: new Date().toISOString(),
    handlungsfelder: HANDLUNGSFELDER.map((key) => ({ key, label: HANDLUNGSFELD_LABELS_DE[key] })),
    rows,
    gaps,
    duplicates: duplicates.map((d) => ({
      ags: d.ags,
      gemeinde: gemeindeByAgs(d.ags)?.name ?? d.ags,
      handlungsfeld: d.handlungsfeld as Handlungsfeld,
      similarity: Math.round(d.similarity * 100) / 100,
      sharedTargetGroups: d.sharedTargetGroups,
      a: { id: d.aId, title: d.aTitle, provider: d.aProvider },
      b: { id: d.bId, title: d.bTitle, provider: d.bProvider },
    })),
    populationSource: POPULATION_SOURCE,
    attribution: DATA_ATTRIBUTION,
  };
}

const fmt = (n: number, digits = 2) => n.toLocaleString('de-DE', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const groupsText = (groups: string[]) => (groups.length ? groups.map((g) => TARGET_GROUP_LABELS_DE[g as TargetGroup] ?? g).join(', ') : 'alle');

export async function coverageXlsx(ctx: AuthedContext, issuer: string): Promise<Buffer> {
  const m = await coverageMatrix(ctx);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Teilhabe';
  wb.created = new Date();
  const gapFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF8D7DA' } };
  const headFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF5' } };
  const header = ['Gemeinde', 'AGS', 'Einwohner (Zensus 2022)', ...m.handlungsfelder.map((h) => h.label), 'Angebote gesamt'];

  const sheet = (name: string, title: string, value: (c: { count: number; per10k: number }) => number, total: (r: CoverageMatrix['rows'][number]) => number, numFmt: string) => {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 1, ySplit: 4 }] });
    ws.addRow([title]).font = { bold: true, size: 13 };
    ws.addRow([`${issuer} – Stand ${new Date().toLocaleDateString('de-DE', { timeZone: 'Europe/Berlin' })}. Leere Felder (0) sind rot markiert.`]);
    ws.addRow([]);
    const head = ws.addRow(header);
    head.font = { bold: true };
    head.eachCell((c) => {
      c.fill = headFill;
      c.alignment = { wrapText: true, vertical: 'top' };
    });
    for (const r of m.rows) {
      const row = ws.addRow([r.name, r.ags, r.population, ...r.cells.map(value), total(r)]);
      r.cells.forEach((c, i) => {
        const cell = row.getCell(4 + i);
        cell.numFmt = numFmt;
        if (c.gap) cell.fill = gapFill;
      });
      row.getCell(3).numFmt = '#,##0';
      row.getCell(4 + r.cells.length).numFmt = numFmt;
    }
    ws.columns.forEach((col, i) => (col.width = i === 0 ? 24 : i === 1 ? 11 : 14));
    ws.addRow([]);
    ws.addRow([POPULATION_SOURCE]);
    ws.addRow([DATA_ATTRIBUTION]);
  };
  sheet('Anzahl', 'Angebote je Gemeinde und Handlungsfeld (Anzahl)', (c) => c.count, (r) => r.total, '0');
  sheet('Je 10.000 Einwohner', 'Angebote je 10.000 Einwohner', (c) => c.per10k, (r) => r.totalPer10k, '0.00');

  const dup = wb.addWorksheet('Doppelstrukturen');
  dup.addRow(['Mögliche Doppelstrukturen (ähnliche Angebote in derselben Gemeinde, demselben Handlungsfeld, für dieselbe Zielgruppe)']).font = { bold: true };
  const dh = dup.addRow(['Gemeinde', 'Handlungsfeld', 'Ähnlichkeit', 'Angebot A', 'Anbieter A', 'Angebot B', 'Anbieter B', 'Gemeinsame Zielgruppen']);
  dh.font = { bold: true };
  dh.eachCell((c) => (c.fill = headFill));
  for (const d of m.duplicates) {
    dup.addRow([d.gemeinde, HANDLUNGSFELD_LABELS_DE[d.handlungsfeld], d.similarity, d.a.title, d.a.provider, d.b.title, d.b.provider, groupsText(d.sharedTargetGroups)]);
  }
  dup.columns.forEach((col, i) => (col.width = [18, 22, 11, 40, 28, 40, 28, 30][i] ?? 16));
  const src = wb.addWorksheet('Quellen');
  src.addRow(['Quellen und Lizenzen']).font = { bold: true };
  src.addRow([POPULATION_SOURCE]);
  src.addRow([DATA_ATTRIBUTION]);
  src.getColumn(1).width = 120;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function coveragePdf(ctx: AuthedContext, issuer: string): Promise<Buffer> {
  const m = await coverageMatrix(ctx);
  const head = [
    { text: 'Gemeinde', style: 'th' },
    { text: 'Einw.', style: 'th', alignment: 'right' },
    ...m.handlungsfelder.map((h) => ({ text: h.label, style: 'th', fontSize: 7 })),
    { text: 'Gesamt', style: 'th', alignment: 'right' },
  ];
  const body: PdfContent[] = [head];
  for (const r of m.rows) {
    body.push([
      { text: r.name },
      { text: r.population.toLocaleString('de-DE'), alignment: 'right' },
      ...r.cells.map((c) => ({
        stack: [{ text: String(c.count), bold: c.gap }, { text: fmt(c.per10k), fontSize: 6.5, color: '#333333' }],
        alignment: 'center',
        ...(c.gap ? { fillColor: '#f8d7da' } : {}),
      })),
      { stack: [{ text: String(r.total), bold: true }, { text: fmt(r.totalPer10k), fontSize: 6.5 }], alignment: 'right' },
    ]);
  }
  const content: PdfContent[] = [
    {
      text: `Je Zelle: Anzahl veröffentlichter Angebote (oben) und Angebote je 10.000 Einwohner (unten). Rot hinterlegt: Lücke (0 Angebote) – insgesamt ${m.gaps} Lücken.`,
      style: 'small',
      margin: [0, 0, 0, 6],
    },
    { table: { headerRows: 1, widths: [70, 38, ...m.handlungsfelder.map(() => '*'), 38], body }, layout: { hLineColor: () => '#bbbbbb', vLineColor: () => '#bbbbbb' }, fontSize: 8 },
    { text: 'Mögliche Doppelstrukturen', style: 'h2', pageBreak: m.rows.length > 12 ? 'before' : undefined },
  ];
  if (m.duplicates.length === 0) content.push({ text: 'Keine auffällig ähnlichen Angebote gefunden.' });
  else {
    content.push({
      table: {
        headerRows: 1,
        widths: [60, 70, 30, '*', '*', 70],
        body: [
          ['Gemeinde', 'Handlungsfeld', 'Ähnl.', 'Angebot A (Anbieter)', 'Angebot B (Anbieter)', 'Zielgruppen'].map((t) => ({ text: t, style: 'th' })),
          ...m.duplicates.slice(0, 150).map((d) => [
            d.gemeinde,
            HANDLUNGSFELD_LABELS_DE[d.handlungsfeld],
            fmt(d.similarity),
            `${d.a.title} (${d.a.provider})`,
            `${d.b.title} (${d.b.provider})`,
            groupsText(d.sharedTargetGroups),
          ]),
        ],
      },
      fontSize: 7.5,
    });
  }
  const doc = councilPaper({
    title: 'Angebotsabdeckung nach Gemeinde und Handlungsfeld',
    subtitle: `${m.rows.length} Kommunen, ${m.handlungsfelder.length} Handlungsfelder – nur veröffentlichte, gültige Angebote`,
    issuer,
    content,
    footnote: `${POPULATION_SOURCE}. ${DATA_ATTRIBUTION}`,
    landscape: true,
  });
  return renderPdf(doc);
}
