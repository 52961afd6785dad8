import type { PositionCategory } from '@teilhabe/shared';

/**
 * The 2021/2022 figures of the Rhein-Sieg-Kreis council paper (seed 004, Ausschuss für Soziales und Integration,
 * 04.03.2021): personnel subsidies of rd. 1.412.200 € a year for six programmes, Sachmittel (material, training,
 * pass-through) of rd. 836.700 € in 2021 and 652.900 € in 2022, the Integrationspauschale of rd. 1,9 Mio. € usable
 * until November 2021 and 50.000 € project funds a year from the Kreis budget.
 *
 * The paper's Anlage (the split per programme) is not part of the seed text; the split below is our assumption,
 * built from the programme rules (57.000 € per VZÄ, KOMM-AN I maximum 134.000 €, IfKuF maximum 33.300 €) so that
 * every total of the paper is met to the cent. See docs/adr/0010-funding-and-staffing-model.md.
 */
export interface Seed004Grant {
  programmeCode: string;
  title: string;
  fileNumber: string;
  decisionDate: string;
  approvalStart: string;
  approvalEnd: string;
  useByDate: string | null;
  reportDueDate: string | null;
  calloffDates: string[];
  conditions: string;
  /** Euro amounts per budget year and position (whole euros in the paper; stored as cents). */
  positions: Record<number, Partial<Record<PositionCategory, number>>>;
}

const TWO_YEARS = { approvalStart: '2021-01-01', approvalEnd: '2022-12-31', useByDate: '2022-12-31', reportDueDate: '2023-06-30' };
const CALLOFFS = ['2021-03-15', '2021-06-15', '2021-09-15', '2021-11-15', '2022-03-15', '2022-06-15', '2022-09-15', '2022-11-15'];
const ANBEST = 'ANBest-G sind Bestandteil des Bescheids. Zwischennachweis zum 30.06.2022; Verwendungsnachweis zum 30.06.2023.';

export const SEED_004_GRANTS: readonly Seed004Grant[] = [
  {
    programmeCode: 'KI_GRUND',
    title: 'KI-Grundförderung inkl. Sprachmittlerpool 2021/2022',
    fileNumber: '36.07.01-RSK-2021',
    decisionDate: '2021-02-10',
    ...TWO_YEARS,
    calloffDates: CALLOFFS,
    conditions: `${ANBEST} Getrennte Mittelabrufe für Nr. 2.1/2.2 und Nr. 2.3.`,
    positions: {
      2021: { personnel: 175_000, material: 90_000, training: 10_000 },
      2022: { personnel: 175_000, material: 90_000, training: 10_000 },
    },
  },
  {
    programmeCode: 'KIM',
    title: 'Kommunales Integrationsmanagement 2021/2022 (Bausteine 1–3)',
    fileNumber: '36.09.01-RSK-2021',
    decisionDate: '2021-01-28',
    ...TWO_YEARS,
    calloffDates: CALLOFFS,
    conditions: `${ANBEST} Stellenbesetzungen sind der Bewilligungsbehörde anzuzeigen.`,
    positions: {
      2021: { personnel: 906_000, material: 91_200, training: 24_000 },
      2022: { personnel: 906_000, material: 22_800, training: 24_000 },
    },
  },
  {
    programmeCode: 'KOMM_AN',
    title: 'KOMM-AN NRW Programmteil I und II 2021/2022',
    fileNumber: '36.05.02-RSK-2021',
    decisionDate: '2021-03-01',
    ...TWO_YEARS,
    calloffDates: CALLOFFS,
    conditions: `${ANBEST} Weiterleitung an Dritte nur per Weiterleitungsvertrag mit ANBest-P.`,
    positions: {
      2021: { personnel: 114_000, material: 20_000, pass_through: 178_600 },
      2022: { personnel: 114_000, material: 20_000, pass_through: 178_600 },
    },
  },
  {
    programmeCode: 'IFKUF',
    title: 'Integrationschancen für Kinder und Familien (Rucksack, Griffbereit) 2021/2022',
    fileNumber: '36.06.03-RSK-2021',
    decisionDate: '2021-03-12',
    ...TWO_YEARS,
    calloffDates: ['2021-06-15', '2021-11-15', '2022-06-15', '2022-11-15'],
    conditions: ANBEST,
    positions: {
      2021: { personnel: 25_000, material: 8_300 },
      2022: { personnel: 25_000, material: 8_300 },
    },
  },
  {
    programmeCode: 'DURCHSTARTEN',
    title: 'Durchstarten in Ausbildung und Arbeit (F1–F4) 2021/2022',
    fileNumber: '36.08.04-RSK-2021',
    decisionDate: '2021-01-20',
    ...TWO_YEARS,
    calloffDates: CALLOFFS,
    conditions: `${ANBEST} Teilnahmenachweise (Unterschriften) für das Coaching.`,
    positions: {
      2021: { personnel: 117_200, material: 12_000, pass_through: 330_000 },
      2022: { personnel: 117_200, material: 12_000, pass_through: 216_600 },
    },
  },
  {
    programmeCode: 'GLA',
    title: 'Guter Lebensabend NRW 2021/2022 (mit dem Caritasverband Rhein-Sieg e. V.)',
    fileNumber: '36.10.01-RSK-2021',
    decisionDate: '2021-02-25',
    ...TWO_YEARS,
    calloffDates: CALLOFFS,
    conditions: `${ANBEST} Mitwirkung an der wissenschaftlichen Begleitung.`,
    positions: {
      2021: { personnel: 75_000, material: 12_600, training: 5_000, pass_through: 55_000 },
      2022: { personnel: 75_000, material: 12_600, training: 5_000, pass_through: 53_000 },
    },
  },
  {
    programmeCode: 'IP_14C',
    title: 'Integrationspauschale nach § 14c TIG (Landeszuweisung)',
    fileNumber: '36.11-14c-RSK',
    decisionDate: '2019-07-01',
    approvalStart: '2019-01-01',
    approvalEnd: '2021-11-30',
    useByDate: '2021-11-30',
    reportDueDate: '2022-03-31',
    calloffDates: [],
    conditions:
      'Verwendung für Integrationsmaßnahmen, insbesondere das KIM; keine Doppelförderung. Bewirtschaftung im Produkt Allgemeine Finanzwirtschaft.',
    positions: { 2021: { material: 1_900_000 } },
  },
  {
    programmeCode: 'EIGEN_PROJEKT',
    title: 'Projektmittel des KI (Kreishaushalt) 2021/2022',
    fileNumber: 'HH-2021/2022-KI',
    decisionDate: '2020-12-17',
    approvalStart: '2021-01-01',
    approvalEnd: '2022-12-31',
    useByDate: null,
    reportDueDate: null,
    calloffDates: [],
    conditions: 'Siegel „Interkulturell orientiert“, Integrationspreis, Fachveranstaltungen, Kooperationsprojekte.',
    positions: { 2021: { material: 50_000 }, 2022: { material: 50_000 } },
  },
];

/** The paper's totals in cents, for tests: what the budget overview must show. */
export const SEED_004_TOTALS = {
  2021: { personnelCents: 141_220_000, nonPersonnelCents: 83_670_000, lumpSumCents: 190_000_000, ownFundsCents: 5_000_000 },
  2022: { personnelCents: 141_220_000, nonPersonnelCents: 65_290_000, lumpSumCents: 0, ownFundsCents: 5_000_000 },
} as const;

/** Positions in cents, in the shape the API takes. */
export function seed004Positions(grant: Seed004Grant) {
  return Object.entries(grant.positions).flatMap(([year, byCategory]) =>
    Object.entries(byCategory).map(([category, euros]) => ({
      budgetYear: Number(year),
      category: category as PositionCategory,
      amountCents: euros! * 100,
    })),
  );
}
