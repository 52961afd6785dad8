import { formatBirthDateDe, formatDateDe, LIFE_DOMAINS, type BirthDatePrecision } from '@teilhabe/shared';
import type { AuthedContext } from '../../platform/http/context.js';
import { bilingualTable, inline, paragraph, renderPdf, teilhabeDocument, type PdfContent } from '../../platform/pdf/index.js';
import { getPersonUnaudited } from '../people/people.service.js';
import { listGoals, requireCaseInScope } from './cases.service.js';
import { HILFEPLAN_TEXTS, hilfeplanLanguage, type HilfeplanLanguage } from './hilfeplan.texts.js';

/** Column widths of the goal table (content width; 4 pt padding each side: 475 + 40 = 515 pt). */
const WIDTHS = [135, 140, 80, 50, 70];

/** "Deutsch" on one line and the translation below it (right to left where needed), for labels and headings. */
function twoLines(de: string, other: string, lang: HilfeplanLanguage, width: number, opts: { bold?: boolean; fontSize?: number } = {}): PdfContent {
  if (lang === 'de') return { text: de, ...opts };
  return { stack: [{ text: de, ...opts }, paragraph(other, lang, width, { ...opts, fontSize: opts.fontSize ?? 8 })], ...(opts.bold ? { bold: true } : {}) };
}

/**
 * The Hilfeplan as a PDF: person, case manager, goals per Lebensbereich with steps, responsible organisation, due date
 * and status/attainment. Headings, labels and the explanation appear in German and in the person's first language
 * among en, ar, uk, fa, tr, ru; the goals stay as the team wrote them.
 */
export async function hilfeplanPdf(ctx: AuthedContext, caseId: string, language?: HilfeplanLanguage): Promise<{ pdf: Buffer; filename: string }> {
  const c = await requireCaseInScope(ctx, caseId);
  const goals = await listGoals(ctx, caseId);
  const person = await getPersonUnaudited(ctx, c.person_id, false);
  const lang = language ?? hilfeplanLanguage(person.languages);
  const de = HILFEPLAN_TEXTS.de;
  const tr = HILFEPLAN_TEXTS[lang];
  const native = `${c.native_given_names} ${c.native_family_name}`.trim();
  const name = `${c.given_names} ${c.family_name}`.trim();

  const facts: [string, string, string][] = [
    [de.person, tr.person, native && native !== name ? `${name} (${native})` : name],
    [de.birthDate, tr.birthDate, formatBirthDateDe(c.birth_date, c.birth_date_precision as BirthDatePrecision, c.birth_date_is_placeholder)],
    [de.caseNumber, tr.caseNumber, c.case_number],
    [de.caseManager, tr.caseManager, `${c.case_manager_name}, ${c.organisation_name}`],
  ];
  const content: PdfContent[] = [
    {
      table: {
        widths: [170, '*'],
        body: facts.map(([a, b, v]) => [twoLines(a, b, lang, 162, { bold: true }), { text: inline(v) }]),
      },
      layout: 'noBorders',
      margin: [0, 0, 0, 8],
    },
    bilingualTable([{ de: de.intro, other: tr.intro }], lang),
  ];

  // pdfmake annotates the nodes it lays out: every table gets its own header cells.
  const header = () => [
    [de.goal, tr.goal],
    [de.steps, tr.steps],
    [de.responsible, tr.responsible],
    [de.due, tr.due],
    [de.status, tr.status],
  ].map(([a, b], i) => ({ ...(twoLines(a!, b!, lang, WIDTHS[i]!, { bold: true, fontSize: 8.5 }) as Record<string, unknown>), fillColor: '#e8eef5' }));
  let any = false;
  for (const domain of LIFE_DOMAINS) {
    const inDomain = goals.filter((g) => g.lifeDomain === domain);
    if (!inDomain.length) continue;
    any = true;
    content.push({ ...(twoLines(de.domains[domain], tr.domains[domain], lang, 515, { bold: true, fontSize: 11 }) as Record<string, unknown>), margin: [0, 10, 0, 4] });
    content.push({
      table: {
        headerRows: 1,
        dontBreakRows: true,
        widths: WIDTHS,
        body: [
          header(),
          ...inDomain.map((g) => [
            { text: inline(g.title) },
            g.steps.length ? { ul: g.steps.map((s) => ({ text: [`${s.done ? '[x]' : '[ ]'} `, ...inline(s.text)] })) } : { text: '–' },
            { text: inline(g.responsibleOrganisation?.name ?? '–') },
            g.dueDate ? formatDateDe(g.dueDate) : '–',
            twoLines(de.statuses[g.status], tr.statuses[g.status], lang, WIDTHS[4]!, { bold: g.status === 'achieved' }),
          ]),
        ],
      },
      layout: {
        hLineWidth: () => 0.5,
        vLineWidth: () => 0,
        hLineColor: () => '#bbbbbb',
        paddingLeft: () => 4,
        paddingRight: () => 4,
        paddingTop: () => 3,
        paddingBottom: () => 3,
      },
    });
  }
  if (!any) content.push(twoLines(de.noGoals, tr.noGoals, lang, 515, { fontSize: 10 }));

  const line = '_______________________________________';
  content.push({
    margin: [0, 28, 0, 0],
    columns: [
      { stack: [line, twoLines(de.placeDate, tr.placeDate, lang, 240, { fontSize: 8 }), { text: ' ', margin: [0, 12, 0, 0] }, line, twoLines(de.signaturePerson, tr.signaturePerson, lang, 240, { fontSize: 8 })] },
      { stack: [line, twoLines(de.placeDate, tr.placeDate, lang, 240, { fontSize: 8 }), { text: ' ', margin: [0, 12, 0, 0] }, line, twoLines(de.signatureCaseManager, tr.signatureCaseManager, lang, 240, { fontSize: 8 })] },
    ],
    unbreakable: true,
  });

  const doc = teilhabeDocument({ title: de.title, issuer: c.organisation_name, content });
  if (lang !== 'de') (doc.content as PdfContent[])[0] = { text: [`${de.title} / `, ...inline(tr.title)], style: 'title' };
  doc.info = { ...(doc.info as Record<string, unknown>), title: `Hilfeplan ${c.case_number}` };
  await ctx.audit.record({
    action: 'cases.hilfeplan_pdf',
    subjectType: 'case',
    subjectId: caseId,
    details: { caseId, personId: c.person_id, language: lang, goals: goals.length },
  });
  return { pdf: await renderPdf(doc), filename: `hilfeplan-${c.case_number.replace(/[^A-Za-z0-9-]/gu, '_')}.pdf` };
}
