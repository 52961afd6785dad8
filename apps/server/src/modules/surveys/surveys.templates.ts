import type { SurveyQuestion } from '@teilhabe/shared';

export interface SurveyTemplateDef {
  key: 'integrationsarbeit';
  title: string;
  description: string;
  questions: SurveyQuestion[];
}

/**
 * "Integrationsarbeit in den Kommunen": the Abfrage the Rhein-Sieg-Kreis sent to its Kommunen in 2013 (seed 000,
 * Anlage 3: Integrationsbeauftragte, Stundenkontingente, Handlungsfelder, Beratung im Einzelfall), extended by the
 * structural questions research-domain §5.3 suggests for a yearly repetition.
 */
export const SURVEY_TEMPLATE_DEFS: SurveyTemplateDef[] = [
  {
    key: 'integrationsarbeit',
    title: 'Integrationsarbeit in den Kommunen',
    description:
      'Abfrage des Kommunalen Integrationszentrums zu Inhalten und Gestaltung der Integrationsarbeit in den kreisangehörigen Kommunen. ' +
      'Die Ergebnisse werden zusammengefasst und dem Ausschuss vorgelegt.',
    questions: [
      {
        id: 'ib_vorhanden',
        type: 'yes_no',
        label: 'Gibt es in Ihrer Kommune Integrationsbeauftragte bzw. Mitarbeiter:innen, die für Integrationsaufgaben zuständig sind?',
        required: true,
      },
      { id: 'ib_funktion', type: 'text', label: 'Funktion und organisatorische Anbindung der zuständigen Person(en)', required: false, showIf: 'ib_vorhanden' },
      {
        id: 'stunden',
        type: 'number',
        label: 'Stundenkontingent für Integrationsaufgaben insgesamt',
        unit: 'Std./Woche',
        required: true,
        showIf: 'ib_vorhanden',
      },
      { id: 'handlungsfelder', type: 'handlungsfelder', label: 'In welchen Handlungsfeldern setzt sich Ihre Kommune für die Integration ein?', required: true },
      { id: 'einzelfall', type: 'yes_no', label: 'Bietet Ihre Kommune Beratung und Unterstützung im Einzelfall an?', required: true },
      {
        id: 'integrationsrat',
        type: 'single_choice',
        label: 'Gibt es einen Integrationsrat oder Integrationsausschuss (§ 27 GO NRW)?',
        options: ['Integrationsrat', 'Integrationsausschuss', 'keines von beiden'],
        required: false,
      },
      { id: 'konzept', type: 'yes_no', label: 'Hat Ihre Kommune ein eigenes Integrationskonzept?', required: false },
      {
        id: 'ehrenamt',
        type: 'multiple_choice',
        label: 'Welche ehrenamtlichen Strukturen gibt es vor Ort?',
        options: ['Flüchtlingshilfe / Willkommensinitiative', 'Patenschaftsprojekte', 'Sprachcafés', 'Migrant:innenorganisationen', 'keine'],
        required: false,
      },
      { id: 'kim_stellen', type: 'number', label: 'Stellen im Kommunalen Integrationsmanagement (Case Management) in Ihrer Kommune', unit: 'VZÄ', required: false },
      { id: 'anmerkungen', type: 'text', label: 'Besondere Problemlagen, Bedarfe und Anmerkungen', required: false },
    ],
  },
];
