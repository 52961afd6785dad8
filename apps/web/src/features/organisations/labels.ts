import { useCallback } from 'react';
import { ORGANISATION_KIND_LABELS_DE, type OrganisationKind } from '@teilhabe/shared';
import { useI18n } from '../../i18n';

/** English labels beside ORGANISATION_KIND_LABELS_DE of packages/shared. */
export const ORGANISATION_KIND_LABELS_EN: Record<OrganisationKind, string> = {
  kreis: 'District (Kreis)',
  kommune: 'Municipality',
  amt: 'District office',
  team: 'Team',
  traeger: 'Service provider',
  jobcenter: 'Jobcenter',
  agentur_fuer_arbeit: 'Employment agency',
  auslaenderbehoerde: 'Immigration office',
  jugendamt: 'Youth welfare office',
  sozialamt: 'Social welfare office',
  schulamt: 'School authority',
  schule: 'School',
  kita: 'Day-care centre',
  wohlfahrtsverband: 'Welfare association',
  migrantenorganisation: 'Migrant organisation',
  integrationsrat: 'Integration council',
  sprachkurstraeger: 'Language course provider',
  beratungsstelle: 'Counselling service (MBE, JMD)',
  verein: 'Association',
  unternehmen: 'Company/chamber',
};

/** The label of an organisation kind in the UI language. */
export function useKindLabel(): (kind: OrganisationKind) => string {
  const { locale } = useI18n();
  return useCallback(
    (kind: OrganisationKind) => (locale === 'de' ? ORGANISATION_KIND_LABELS_DE[kind] : ORGANISATION_KIND_LABELS_EN[kind]),
    [locale],
  );
}
