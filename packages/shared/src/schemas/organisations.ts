import { z } from 'zod';
import { text, Uuid } from './common.js';

/** Kinds of organisation in the tree Kreis → Kommunen → Träger/Ämter/Teams, plus the partner agencies. */
export const ORGANISATION_KINDS = [
  'kreis',
  'kommune',
  'amt',
  'team',
  'traeger',
  'jobcenter',
  'agentur_fuer_arbeit',
  'auslaenderbehoerde',
  'jugendamt',
  'sozialamt',
  'schulamt',
  'schule',
  'kita',
  'wohlfahrtsverband',
  'migrantenorganisation',
  'integrationsrat',
  'sprachkurstraeger',
  'beratungsstelle',
  'verein',
  'unternehmen',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const ORGANISATION_KIND_LABELS_DE: Record<OrganisationKind, string> = {
  kreis: 'Kreis',
  kommune: 'Kommune',
  amt: 'Amt der Kreisverwaltung',
  team: 'Team',
  traeger: 'Träger',
  jobcenter: 'Jobcenter',
  agentur_fuer_arbeit: 'Agentur für Arbeit',
  auslaenderbehoerde: 'Ausländerbehörde',
  jugendamt: 'Jugendamt',
  sozialamt: 'Sozialamt',
  schulamt: 'Schulamt',
  schule: 'Schule',
  kita: 'Kita',
  wohlfahrtsverband: 'Wohlfahrtsverband',
  migrantenorganisation: 'Migrant:innenorganisation',
  integrationsrat: 'Integrationsrat',
  sprachkurstraeger: 'Sprachkursträger',
  beratungsstelle: 'Beratungsstelle (MBE, JMD)',
  verein: 'Verein',
  unternehmen: 'Unternehmen/Kammer',
};

export const Organisation = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  kind: z.enum(ORGANISATION_KINDS),
  name: z.string(),
  ags: z.string().nullable(),
  population: z.number().int().nullable(),
  active: z.boolean(),
  version: z.number().int(),
  can: z.object({ edit: z.boolean() }),
});
export type Organisation = z.infer<typeof Organisation>;

export const Ags = z.string().regex(/^05\d{6}$/, { message: 'Amtlicher Gemeindeschlüssel aus NRW: 8 Ziffern, beginnend mit 05' });

export const CreateOrganisationBody = z.strictObject({
  parentId: Uuid,
  kind: z.enum(ORGANISATION_KINDS),
  name: text({ min: 2, max: 200 }),
  ags: Ags.optional(),
});
export const UpdateOrganisationBody = z.strictObject({
  name: text({ min: 2, max: 200 }).optional(),
  parentId: Uuid.optional(),
  active: z.boolean().optional(),
});
