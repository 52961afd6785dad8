import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { formatCents } from '@teilhabe/shared/interpreters/format';

/** The part of pdfmake's (untyped) server API used here. */
interface PdfMake {
  virtualfs: { writeFileSync(name: string, content: Buffer): void; existsSync(name: string): boolean };
  addFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (path: string) => boolean): void;
  createPdf(doc: PdfDocument): { getBuffer(): Promise<Buffer> };
}

// pdfmake document definitions are dynamic JSON; they stay plain objects.
type PdfContent = Record<string, unknown> | string | PdfContent[];
interface PdfDocument {
  content: PdfContent;
  [key: string]: unknown;
}

const require = createRequire(import.meta.url);
let engine: PdfMake | undefined;

/** pdfmake with its bundled Roboto (umlauts, ß, €) and no file or network access for documents. */
function pdfmake(): PdfMake {
  if (engine) return engine;
  const pm = require('pdfmake') as PdfMake;
  const fontDir = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
  const files = { normal: 'Roboto-Regular.ttf', bold: 'Roboto-Medium.ttf', italics: 'Roboto-Italic.ttf', bolditalics: 'Roboto-MediumItalic.ttf' };
  const fonts: Record<string, string> = {};
  for (const [style, file] of Object.entries(files)) {
    const name = `teilhabe-${file}`;
    if (!pm.virtualfs.existsSync(name)) pm.virtualfs.writeFileSync(name, fs.readFileSync(path.join(fontDir, file)));
    fonts[style] = name;
  }
  pm.addFonts({ Roboto: fonts });
  pm.setUrlAccessPolicy(() => false);
  pm.setLocalAccessPolicy(() => false);
  engine = pm;
  return pm;
}

function render(doc: PdfDocument): Promise<Buffer> {
  return pdfmake().createPdf(doc).getBuffer();
}

const today = () => new Intl.DateTimeFormat('de-DE', { dateStyle: 'long', timeZone: 'Europe/Berlin' }).format(new Date());

function paper(title: string, subtitle: string, content: PdfContent[], issuer: string, landscape = false): PdfDocument {
  return {
    pageSize: 'A4',
    pageOrientation: landscape ? 'landscape' : 'portrait',
    pageMargins: [50, 70, 50, 60],
    info: { title, creator: 'Teilhabe', producer: 'Teilhabe' },
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2 },
    header: { text: `${issuer} · Kommunales Integrationszentrum · Sprachmittlerpool`, margin: [50, 30, 50, 0], fontSize: 8, color: '#444444' },
    footer: (page: number, pages: number) => ({ text: `Seite ${page} von ${pages} · erstellt am ${today()}`, alignment: 'right', margin: [50, 20, 50, 0], fontSize: 8, color: '#444444' }),
    styles: {
      title: { fontSize: 16, bold: true, margin: [0, 0, 0, 4] },
      subtitle: { fontSize: 11, color: '#333333', margin: [0, 0, 0, 14] },
      th: { bold: true, fillColor: '#eeeeee' },
      small: { fontSize: 8, color: '#444444' },
    },
    content: [{ text: title, style: 'title' }, { text: subtitle, style: 'subtitle' }, ...content],
  };
}

export interface StatementLine {
  date: string;
  time: string;
  reference: string;
  institution: string;
  language: string;
  detail: string;
  feeCents: number;
  travelCents: number;
  totalCents: number;
}

/** Monatsabrechnung: one line per payable assignment with its fee, plus the calendar-year total against the cap. */
export function renderMonthlyStatement(input: {
  issuer: string;
  interpreterName: string;
  monthLabel: string;
  lines: readonly StatementLine[];
  yearTotalCents: number;
  capCents: number;
  capNote: string | null;
  ibanMasked: string | null;
}): Promise<Buffer> {
  const total = input.lines.reduce((s, l) => s + l.totalCents, 0);
  const body: PdfContent[] = [
    [
      { text: 'Datum', style: 'th' },
      { text: 'Anfrage', style: 'th' },
      { text: 'Einrichtung', style: 'th' },
      { text: 'Sprache', style: 'th' },
      { text: 'Einsatz', style: 'th' },
      { text: 'Pauschale', style: 'th', alignment: 'right' },
      { text: 'Fahrt', style: 'th', alignment: 'right' },
      { text: 'Betrag', style: 'th', alignment: 'right' },
    ],
    ...input.lines.map((l) => [
      `${l.date}\n${l.time} Uhr`,
      { text: l.reference, noWrap: true },
      l.institution,
      l.language,
      l.detail,
      { text: formatCents(l.feeCents), alignment: 'right' },
      { text: formatCents(l.travelCents), alignment: 'right' },
      { text: formatCents(l.totalCents), alignment: 'right', bold: true },
    ]),
    [{ text: 'Summe des Monats', colSpan: 7, bold: true }, '', '', '', '', '', '', { text: formatCents(total), alignment: 'right', bold: true }],
  ];
  const content: PdfContent[] = [
    { text: `Sprachmittler:in: ${input.interpreterName}`, margin: [0, 0, 0, 2] },
    { text: input.ibanMasked ? `Auszahlung auf: ${input.ibanMasked}` : 'Bankverbindung: noch nicht hinterlegt', margin: [0, 0, 0, 12] },
    input.lines.length
      ? { table: { headerRows: 1, widths: [62, 78, '*', 70, 120, 56, 50, 60], body }, layout: 'lightHorizontalLines', fontSize: 9 }
      : { text: 'In diesem Monat gibt es keine abrechenbaren Einsätze.', italics: true },
    {
      margin: [0, 16, 0, 0],
      text: `Summe im Kalenderjahr bisher: ${formatCents(input.yearTotalCents)} (Ehrenamtspauschale nach § 3 Nr. 26a EStG: ${formatCents(input.capCents)} im Jahr)`,
    },
    ...(input.capNote ? [{ text: input.capNote, bold: true, margin: [0, 4, 0, 0] }] : []),
    {
      style: 'small',
      margin: [0, 24, 0, 0],
      text:
        'Aufwandsentschädigung für ehrenamtliche Sprachmittlung. Die Beträge sind nach § 3 Nr. 26a EStG steuerfrei, soweit sie ' +
        'zusammen mit anderen Einnahmen aus ehrenamtlicher Tätigkeit 840 € im Kalenderjahr nicht übersteigen.',
    },
  ];
  return render(paper('Monatsabrechnung Sprachmittlung', input.monthLabel, content, input.issuer, true));
}

/** Auftragsbestätigung for the requesting institution: when, where, language, who — never the interpreter's contact data. */
export function renderConfirmation(input: {
  issuer: string;
  reference: string;
  institution: string;
  contactName: string;
  dateText: string;
  timeText: string;
  durationMinutes: number;
  place: string;
  language: string;
  interpreterName: string;
  statusNote: string;
}): Promise<Buffer> {
  const row = (label: string, value: string) => [{ text: label, bold: true }, value];
  const content: PdfContent[] = [
    {
      table: {
        widths: [150, '*'],
        body: [
          row('Anfrage', input.reference),
          row('Anfragende Stelle', input.institution),
          row('Ansprechperson', input.contactName),
          row('Datum', input.dateText),
          row('Uhrzeit', `${input.timeText} Uhr (${input.durationMinutes} Minuten)`),
          row('Ort', input.place),
          row('Sprache', input.language),
          row('Sprachmittler:in', input.interpreterName),
          row('Status', input.statusNote),
        ],
      },
      layout: 'lightHorizontalLines',
    },
    {
      margin: [0, 16, 0, 0],
      ul: [
        'Die Fachkraft der anfragenden Stelle führt das Gespräch und bleibt für den Inhalt verantwortlich.',
        'Die Sprachmittlung findet nur in Anwesenheit der Fachkraft statt und ist zur Verschwiegenheit verpflichtet.',
        'Kontaktdaten der Sprachmittler:innen werden nicht weitergegeben. Änderungen und Absagen bitte über den Statuslink oder das Kommunale Integrationszentrum.',
        'Absagen weniger als 24 Stunden vor dem Termin werden der Sprachmittlung trotzdem vergütet.',
      ],
    },
  ];
  return render(paper('Auftragsbestätigung Sprachmittlung', `${input.dateText}, ${input.timeText} Uhr`, content, input.issuer));
}
