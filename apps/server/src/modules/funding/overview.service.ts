import {
  PROGRAMME_SECTION_LABELS_DE,
  PROGRAMME_SECTIONS,
  sumCents,
  type BudgetAmounts,
  type BudgetOverview,
  type BudgetRow,
  type PositionCategory,
  type ProgrammeSection,
} from '@teilhabe/shared';
import type { AuthedContext } from '../../platform/http/context.js';
import { fieldError } from '../../platform/http/errors.js';
import { organisationInTenant, overviewPositions } from './grants.repository.js';
import { programmeTree } from './programmes.service.js';
import { SEED_004_GRANTS } from './seed004.js';

const SEED_004_FILE_NUMBERS = new Set(SEED_004_GRANTS.map((g) => g.fileNumber));
/** Shown whenever the overview contains Bescheide of the seed-004 figures: their split per programme is derived. */
export const SEED_004_SOURCE_NOTE =
  'Quelle: Vorlage des Rhein-Sieg-Kreises an den Ausschuss für Soziales und Integration vom 04.03.2021. Die Summen entsprechen der Vorlage; die Aufteilung je Programm ist abgeleitet (aus den Pauschalen je VZÄ und den Höchstbeträgen), da die Anlage der Vorlage nicht vorliegt.';

function amountsOf(byCategory: Record<PositionCategory, number>): BudgetAmounts {
  const nonPersonnelCents = byCategory.material + byCategory.training + byCategory.pass_through;
  return {
    personnelCents: byCategory.personnel,
    materialCents: byCategory.material,
    trainingCents: byCategory.training,
    passThroughCents: byCategory.pass_through,
    nonPersonnelCents,
    totalCents: byCategory.personnel + nonPersonnelCents,
  };
}

export function addAmounts(list: readonly BudgetAmounts[]): BudgetAmounts {
  const sum = (k: keyof BudgetAmounts) => sumCents(list.map((a) => a[k]));
  return {
    personnelCents: sum('personnelCents'),
    materialCents: sum('materialCents'),
    trainingCents: sum('trainingCents'),
    passThroughCents: sum('passThroughCents'),
    nonPersonnelCents: sum('nonPersonnelCents'),
    totalCents: sum('totalCents'),
  };
}

/**
 * The planned amounts of a Haushaltsjahr per programme, like the Anlage of a council paper: personnel subsidies,
 * Sachmittel (material, training, pass-through), totals; Bausteine roll up into their programme. It is a planning
 * view, so it uses the newest revision of every Bescheid and counts those still awaiting approval.
 */
export async function budgetOverview(ctx: AuthedContext, year: number, organisationId?: string): Promise<BudgetOverview> {
  let organisation: BudgetOverview['organisation'] = null;
  if (organisationId) {
    const org = await organisationInTenant(ctx.tx, ctx.actor, organisationId);
    if (!org) throw fieldError('organisationId', 'Diese Organisation gibt es in Ihrem Kreis nicht.');
    organisation = { id: org.id, name: org.name };
  }
  // One aggregate query (newest revision per grant, positions of the year) instead of loading every Bescheid.
  const positions = await overviewPositions(ctx.tx, ctx.actor, year, organisationId);
  const tree = await programmeTree(ctx.tx);
  const perGrant = new Map<string, { programmeId: string; draft: boolean; byCategory: Record<PositionCategory, number> }>();
  let fromSeed004 = false;
  for (const p of positions) {
    let g = perGrant.get(p.grantId);
    if (!g) {
      g = { programmeId: p.programmeId, draft: p.status === 'draft', byCategory: { personnel: 0, material: 0, training: 0, pass_through: 0 } };
      perGrant.set(p.grantId, g);
    }
    g.byCategory[p.category as PositionCategory] += p.amountCents;
    if (SEED_004_FILE_NUMBERS.has(p.fileNumber)) fromSeed004 = true;
  }
  const rows = new Map<string, BudgetRow & { section: ProgrammeSection; sort: number }>();
  let unapproved = 0;
  for (const g of perGrant.values()) {
    const root = tree.rootOf(g.programmeId);
    const existing = rows.get(root.id);
    const amounts = amountsOf(g.byCategory);
    const isDraft = g.draft ? 1 : 0;
    unapproved += isDraft;
    rows.set(root.id, {
      ...(existing ? addAmounts([existing, amounts]) : amounts),
      programme: { id: root.id, code: root.code, name: root.name, shortName: root.shortName },
      grants: (existing?.grants ?? 0) + 1,
      unapproved: (existing?.unapproved ?? 0) + isDraft,
      section: root.section as ProgrammeSection,
      sort: root.sortOrder,
    });
  }
  const sections = PROGRAMME_SECTIONS.map((section) => {
    const sectionRows = [...rows.values()]
      .filter((r) => r.section === section)
      .sort((a, b) => a.sort - b.sort)
      .map(({ section: _s, sort: _o, ...row }) => row);
    return { section, title: PROGRAMME_SECTION_LABELS_DE[section], rows: sectionRows, totals: addAmounts(sectionRows) };
  }).filter((s) => s.rows.length > 0);
  const notes = [
    'Sachmittel = Sachausgaben + Fortbildung + Weiterleitung an Dritte (wie in der Vorlage zum Haushalt).',
    'Grundlage ist der jeweils neueste Stand jedes Bescheids (Planung).',
  ];
  if (fromSeed004) notes.unshift(SEED_004_SOURCE_NOTE);
  if (unapproved > 0) notes.push(`${unapproved} Bescheid(e) sind noch nicht von der KI-Leitung freigegeben und als Entwurf enthalten.`);
  return { year, organisation, sections, grandTotals: addAmounts(sections.map((s) => s.totals)), notes };
}
