import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The real NRW reference data shipped with Teilhabe (see apps/server/data/SOURCES.md for sources and licences). */
export const DATA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data');

export const DATA_ATTRIBUTION =
  'Gemeindedaten: © GeoBasis-DE / BKG 2013 (Daten verändert); Einwohnerzahlen © Statistisches Bundesamt (Destatis); ' +
  'Zensus 2022 © Statistische Ämter des Bundes und der Länder – Datenlizenz Deutschland – Namensnennung 2.0';

export interface Gemeinde {
  ags: string;
  name: string;
  bez: string;
  kreisAgs: string;
  kreisName: string;
  /** Zensus 2022 (reference date 15.05.2022). */
  population: number;
  population2018: number;
  foreignerSharePct: number | null;
  migrationBackgroundSharePct: number | null;
  centroid: { lon: number; lat: number } | null;
}

/** RFC 4180 parser (quoted fields, doubled quotes, CRLF) — the shared CSVs use exactly that. */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows.filter((r) => r.length > 1 || r[0]);
  return body.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}

const num = (s: string | undefined) => (s === undefined || s === '' ? null : Number(s.replace(',', '.')));

let cache: Map<string, Gemeinde> | undefined;

export function gemeinden(): Map<string, Gemeinde> {
  if (cache) return cache;
  const centroids = new Map<string, { lon: number; lat: number }>();
  const geo = JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'nrw', 'nrw-gemeinden-bkg-2018.geojson'), 'utf8')) as {
    features: { properties: Record<string, unknown> }[];
  };
  for (const f of geo.features) {
    const p = f.properties;
    const destatis = (p.destatis ?? {}) as Record<string, unknown>;
    // The source writes coordinates with a decimal comma ("6,780068").
    const lon = num(String(destatis.center_lon ?? ''));
    const lat = num(String(destatis.center_lat ?? ''));
    if (lon !== null && lat !== null) centroids.set(String(p.AGS), { lon, lat });
  }
  const rows = parseCsv(fs.readFileSync(path.join(DATA_DIR, 'nrw', 'nrw-gemeinden.csv'), 'utf8'));
  cache = new Map(
    rows.map((r) => [
      r.ags!,
      {
        ags: r.ags!,
        name: r.gemeinde_name!,
        bez: r.bez!,
        kreisAgs: r.kreis_ags!,
        kreisName: r.kreis_name!,
        population: Number(r.einwohner_zensus_2022 || r.einwohner_2018_12_31),
        population2018: Number(r.einwohner_2018_12_31),
        foreignerSharePct: num(r.auslaenderanteil_zensus_2022_pct),
        migrationBackgroundSharePct: num(r.anteil_migrationshintergrund_zensus_2022_pct),
        centroid: centroids.get(r.ags!) ?? null,
      },
    ]),
  );
  return cache;
}

export function gemeindeByAgs(ags: string): Gemeinde | undefined {
  return gemeinden().get(ags);
}

export function gemeindenOfKreis(kreisAgs: string): Gemeinde[] {
  return [...gemeinden().values()].filter((g) => g.kreisAgs === kreisAgs).sort((a, b) => a.name.localeCompare(b.name, 'de'));
}

export function kreisName(kreisAgs: string): string {
  const rows = parseCsv(fs.readFileSync(path.join(DATA_DIR, 'nrw', 'nrw-kreise.csv'), 'utf8'));
  return rows.find((r) => r.kreis_ags === kreisAgs)?.kreis_name ?? kreisAgs;
}
