import fs from 'node:fs';
import path from 'node:path';
import type { ResidenceStatusCatalogueEntry } from '@teilhabe/shared';
import { DATA_DIR } from '../../seed/geo.js';

interface CatalogueFile {
  groups: Record<string, string>;
  statuses: { code: string; label: string; group: string; legalBasis: string }[];
}

let cache: ResidenceStatusCatalogueEntry[] | null = null;

/** The residence status catalogue (data/catalogues/residence-statuses.json): data, so the Kreis can extend it. */
export function residenceStatusCatalogue(): ResidenceStatusCatalogueEntry[] {
  if (!cache) {
    const file = JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'catalogues/residence-statuses.json'), 'utf8')) as CatalogueFile;
    cache = file.statuses.map((s) => ({ ...s, groupLabel: file.groups[s.group] ?? s.group }));
  }
  return cache;
}

export function residenceStatusByCode(code: string): ResidenceStatusCatalogueEntry | undefined {
  return residenceStatusCatalogue().find((s) => s.code === code);
}
