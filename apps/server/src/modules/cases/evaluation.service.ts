import {
  CLOSURE_REASON_LABELS_DE,
  CONTACT_MODE_LABELS_DE,
  GOAL_STATUS_LABELS_DE,
  LIFE_DOMAIN_LABELS_DE,
  NATIONALITY_GROUPS,
  REFERRING_BODY_LABELS_DE,
  SEX_LABELS_DE,
  type Evaluation,
  type EvaluationTable,
} from '@teilhabe/shared';
import type { AuthedContext } from '../../platform/http/context.js';
import { fieldError } from '../../platform/http/errors.js';
import { gemeindeByAgs } from '../../seed/geo.js';
import { residenceStatusByCode } from '../people/residence-catalogue.js';
import { activityFigures, AGE_BANDS, caseFigures, type CaseFigureRow } from './evaluation.repository.js';
import { suppress } from './suppression.js';

const AGE_ORDER: string[] = [...AGE_BANDS, 'unbekannt'];

function table(key: string, title: string, rows: CaseFigureRow[], label: (key: string | null) => string, order?: string[]): EvaluationTable {
  // Several raw keys can fall into one published group (nationalities → groups): sum before suppressing.
  const sums = new Map<string, number>();
  for (const r of rows) sums.set(label(r.key), (sums.get(label(r.key)) ?? 0) + r.n);
  const entries = [...sums.entries()].map(([l, value]) => ({ label: l, value }));
  entries.sort((a, b) => (order ? order.indexOf(a.label) - order.indexOf(b.label) : 0) || b.value - a.value || a.label.localeCompare(b.label, 'de'));
  const { cells, total } = suppress(entries);
  return { key, title, rows: cells, total };
}

/**
 * Beratungszahlen of a period (e.g. the "Erstevaluation März bis April"): new, ongoing and closed cases, persons,
 * contacts by mode, and breakdowns by Gemeinde, age, sex, nationality group, residence status group, referring body,
 * Lebensbereich, closure reason and goal attainment. Aggregates only, small cells suppressed.
 */
export async function evaluation(ctx: AuthedContext, from: string, to: string): Promise<Evaluation> {
  if (to < from) throw fieldError('to', 'Das Ende des Zeitraums liegt vor dem Beginn.');
  if (Date.parse(to) - Date.parse(from) > 5 * 366 * 86_400_000) throw fieldError('to', 'Höchstens fünf Jahre auf einmal.');
  const cases = await caseFigures(ctx.tx, ctx.actor, from, to);
  const activity = await activityFigures(ctx.tx, ctx.actor, from, to);
  const of = (rows: CaseFigureRow[], dim: string) => rows.filter((r) => r.dim === dim);
  const totalOf = (k: string) => cases.find((r) => r.dim === 'total' && r.key === k)?.n ?? 0;
  const contacts = of(activity, 'mode').reduce((s, r) => s + r.n, 0);
  const totals = [
    { label: 'neue Fälle', value: totalOf('new') },
    { label: 'laufende Fälle (Ende des Zeitraums)', value: totalOf('ongoing') },
    { label: 'abgeschlossene Fälle', value: totalOf('closed') },
    { label: 'beratene Personen', value: totalOf('persons') },
    { label: 'Beratungskontakte', value: contacts },
  ].map((t) => (t.value > 0 && t.value < 5 ? { label: t.label, value: null, suppressed: true } : { ...t, suppressed: false }));
  const tables: EvaluationTable[] = [
    table('gemeinde', 'Fälle nach Wohnort (Gemeinde)', of(cases, 'gemeinde'), (k) => (k ? (gemeindeByAgs(k)?.name ?? k) : 'ohne Angabe')),
    table('age', 'Fälle nach Altersgruppe', of(cases, 'age'), (k) => k ?? 'unbekannt', AGE_ORDER),
    table('sex', 'Fälle nach Geschlecht', of(cases, 'sex'), (k) => SEX_LABELS_DE[(k ?? 'unknown') as keyof typeof SEX_LABELS_DE] ?? k ?? 'unbekannt'),
    table('nationality', 'Fälle nach Staatsangehörigkeit (Gruppen)', of(cases, 'nationality'), (k) => (k ? (NATIONALITY_GROUPS[k] ?? 'sonstige') : 'ohne Angabe')),
    table('status', 'Fälle nach Aufenthaltsstatus (Gruppen)', of(cases, 'status'), (k) => (k ? (residenceStatusByCode(k)?.groupLabel ?? 'sonstiger Status') : 'ohne Angabe')),
    table('referring', 'Fälle nach Zugangsweg', of(cases, 'referring'), (k) => REFERRING_BODY_LABELS_DE[k as keyof typeof REFERRING_BODY_LABELS_DE] ?? k ?? '–'),
    table('closure', 'Abschlüsse nach Grund', of(cases, 'closure').filter((r) => r.key), (k) => CLOSURE_REASON_LABELS_DE[k as keyof typeof CLOSURE_REASON_LABELS_DE] ?? k ?? '–'),
    table('mode', 'Beratungskontakte nach Art', of(activity, 'mode'), (k) => CONTACT_MODE_LABELS_DE[k as keyof typeof CONTACT_MODE_LABELS_DE] ?? k ?? '–'),
    table('interpreter', 'Beratungskontakte mit Sprachmittlung', of(activity, 'interpreter'), (k) => (k === 'true' ? 'mit Sprachmittlung' : 'ohne Sprachmittlung')),
    table('domain', 'Beratungskontakte nach Lebensbereich (Mehrfachnennung)', of(activity, 'domain'), (k) => LIFE_DOMAIN_LABELS_DE[k as keyof typeof LIFE_DOMAIN_LABELS_DE] ?? k ?? '–'),
    table('goals', 'Zielerreichung der abgeschlossenen Fälle', of(cases, 'goal'), (k) => GOAL_STATUS_LABELS_DE[k as keyof typeof GOAL_STATUS_LABELS_DE] ?? k ?? '–'),
  ];
  await ctx.audit.record({ action: 'cases.evaluation', subjectType: 'evaluation', details: { from, to } });
  return {
    from,
    to,
    scope: ctx.actor.roles.some((r) => r === 'coordinator' || r === 'lead') ? 'ganzer Kreis' : 'eigene Organisation',
    totals,
    tables,
    note: 'Werte unter 5 sind unterdrückt (–); damit sie nicht aus der Summe errechnet werden können, ist dann auch ein weiterer kleiner Wert unterdrückt.',
  };
}
