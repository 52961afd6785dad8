import ExcelJS from 'exceljs';
import type { SurveySummary } from '@teilhabe/shared';
import { councilPaper, renderPdf, type PdfContent } from '../directory/directory.pdf.js';

const date = (iso: string | null) => (iso ? new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso).toLocaleDateString('de-DE', { timeZone: 'Europe/Berlin' }) : '–');
const pct = (n: number, of: number) => (of ? `${Math.round((n / of) * 100)} %` : '–');
const fmt = (n: number) => n.toLocaleString('de-DE', { maximumFractionDigits: 2 });

/** A horizontal bar chart drawn with pdfmake vectors (no images, no fonts beyond Roboto). */
function barChart(counts: { label: string; count: number }[], of: number): PdfContent {
  const max = Math.max(1, of);
  const width = 220;
  return {
    table: {
      widths: [170, width + 4, 50],
      body: counts.map((c) => [
        { text: c.label, fontSize: 8 },
        { canvas: [{ type: 'rect', x: 0, y: 1, w: Math.max(0.5, (c.count / max) * width), h: 8, color: '#2f5d8a' }] },
        { text: `${c.count} (${pct(c.count, of)})`, fontSize: 8, alignment: 'right' },
      ]),
    },
    layout: 'noBorders',
    margin: [0, 2, 0, 4],
  };
}

/** The "zusammenfassende Darstellung" as a council paper: per question the aggregate (table and bars) and the answers per Kommune. */
export async function summaryPdf(s: SurveySummary, issuer: string): Promise<Buffer> {
  const content: PdfContent[] = [
    {
      table: {
        widths: [120, '*'],
        body: [
          ['Versandt', date(s.survey.sentAt)],
          ['Frist', date(s.survey.deadline)],
          ['Rücklauf', `${s.submitted} von ${s.kommunen} Kommunen (${pct(s.submitted, s.kommunen)})`],
        ],
      },
      layout: 'lightHorizontalLines',
      margin: [0, 0, 0, 8],
    },
  ];
  s.questions.forEach((q, i) => {
    content.push({ text: `${i + 1}. ${q.label}`, style: 'h2' });
    content.push({ text: `Beantwortet von ${q.answered} der ${s.submitted} Kommunen mit Rückmeldung.`, style: 'small' });
    if (q.counts.length) content.push(barChart(q.counts, s.submitted));
    if (q.stats) {
      const u = q.unit ? ` ${q.unit}` : '';
      content.push({
        table: {
          widths: ['*', '*', '*', '*', '*'],
          body: [
            ['Summe', 'Mittelwert', 'Median', 'Minimum', 'Maximum'].map((t) => ({ text: t, style: 'th' })),
            [fmt(q.stats.sum) + u, fmt(q.stats.mean) + u, fmt(q.stats.median) + u, fmt(q.stats.min) + u, fmt(q.stats.max) + u],
          ],
        },
        margin: [0, 4, 0, 4],
      });
    }
    if (q.perKommune.length) {
      content.push({
        table: {
          headerRows: 1,
          widths: [130, '*'],
          body: [[{ text: 'Kommune', style: 'th' }, { text: 'Antwort', style: 'th' }], ...q.perKommune.map((p) => [p.name, p.answer])],
        },
        layout: 'lightHorizontalLines',
        fontSize: 8,
        margin: [0, 2, 0, 6],
      });
    }
  });
  return renderPdf(
    councilPaper({
      title: `Zusammenfassende Darstellung: ${s.survey.title}`,
      subtitle: 'Ergebnisse der Abfrage bei den kreisangehörigen Kommunen',
      issuer,
      content,
      footnote: 'Erstellt mit Teilhabe aus den abgegebenen Antworten der Kommunen; nicht abgegebene Entwürfe sind nicht berücksichtigt.',
    }),
  );
}

export async function summaryXlsx(s: SurveySummary): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Teilhabe';
  const head: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF5' } };

  const overview = wb.addWorksheet('Zusammenfassung');
  overview.addRow([`Zusammenfassende Darstellung: ${s.survey.title}`]).font = { bold: true, size: 13 };
  overview.addRow([`Rücklauf: ${s.submitted} von ${s.kommunen} Kommunen; Frist ${date(s.survey.deadline)}`]);
  for (const [i, q] of s.questions.entries()) {
    overview.addRow([]);
    overview.addRow([`${i + 1}. ${q.label}`]).font = { bold: true };
    overview.addRow([`beantwortet: ${q.answered}`]);
    if (q.counts.length) {
      const h = overview.addRow(['Antwort', 'Anzahl', 'Anteil']);
      h.font = { bold: true };
      h.eachCell((c) => (c.fill = head));
      for (const c of q.counts) overview.addRow([c.label, c.count, s.submitted ? c.count / s.submitted : 0]).getCell(3).numFmt = '0%';
    }
    if (q.stats) {
      const h = overview.addRow(['Summe', 'Mittelwert', 'Median', 'Minimum', 'Maximum']);
      h.font = { bold: true };
      h.eachCell((c) => (c.fill = head));
      overview.addRow([q.stats.sum, q.stats.mean, q.stats.median, q.stats.min, q.stats.max]);
    }
  }
  overview.getColumn(1).width = 60;
  overview.getColumn(2).width = 12;
  overview.getColumn(3).width = 12;

  const perKommune = wb.addWorksheet('Antworten je Kommune', { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  const header = perKommune.addRow(['Kommune', ...s.questions.map((q, i) => `${i + 1}. ${q.label}`)]);
  header.font = { bold: true };
  header.eachCell((c) => {
    c.fill = head;
    c.alignment = { wrapText: true, vertical: 'top' };
  });
  const names = s.questions[0]?.perKommune.map((p) => p.name) ?? [];
  names.forEach((name, row) => perKommune.addRow([name, ...s.questions.map((q) => q.perKommune[row]?.answer ?? '')]));
  perKommune.columns.forEach((c, i) => (c.width = i === 0 ? 26 : 30));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
