import type { GemeindeFeatureCollection, PublicLang, PublicOffer, PublicOfferPage } from '@teilhabe/shared';

export class PublicApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { headers: { accept: 'application/json' }, signal });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { message?: string } | null;
    throw new PublicApiError(response.status, body?.message ?? `HTTP ${response.status}`);
  }
  return (await response.json()) as T;
}

export interface Filters {
  q: string;
  ags: string;
  handlungsfeld: string;
  language: string;
  targetGroup: string;
  page: number;
}

export const PAGE_SIZE = 20;

/** Filters live in the URL with German parameter names, so every result list has a stable, shareable address. */
export function filtersFromSearch(search: string): Filters {
  const p = new URLSearchParams(search);
  return {
    q: p.get('q') ?? '',
    ags: p.get('gemeinde') ?? '',
    handlungsfeld: p.get('thema') ?? '',
    language: p.get('sprache') ?? '',
    targetGroup: p.get('fuer') ?? '',
    page: Math.max(1, Number(p.get('seite') ?? '1') || 1),
  };
}

export function searchFromFilters(f: Partial<Filters>): string {
  const p = new URLSearchParams();
  if (f.q) p.set('q', f.q);
  if (f.ags) p.set('gemeinde', f.ags);
  if (f.handlungsfeld) p.set('thema', f.handlungsfeld);
  if (f.language) p.set('sprache', f.language);
  if (f.targetGroup) p.set('fuer', f.targetGroup);
  if (f.page && f.page > 1) p.set('seite', String(f.page));
  return p.toString();
}

export function fetchOffers(lang: PublicLang, f: Filters, signal?: AbortSignal): Promise<PublicOfferPage> {
  const p = new URLSearchParams({ lang, limit: String(PAGE_SIZE), offset: String((f.page - 1) * PAGE_SIZE) });
  if (f.q) p.set('q', f.q);
  if (f.ags) p.set('ags', f.ags);
  if (f.handlungsfeld) p.set('handlungsfeld', f.handlungsfeld);
  if (f.language) p.set('language', f.language);
  if (f.targetGroup) p.set('targetGroup', f.targetGroup);
  return getJson(`/api/v1/public/offers?${p}`, signal);
}

export function fetchOffer(lang: PublicLang, id: string, signal?: AbortSignal): Promise<PublicOffer> {
  return getJson(`/api/v1/public/offers/${encodeURIComponent(id)}?lang=${lang}`, signal);
}

let shapes: Promise<GemeindeFeatureCollection> | undefined;
/** The Gemeinde shapes change never during a visit: fetched once. */
export function fetchShapes(): Promise<GemeindeFeatureCollection> {
  shapes ??= getJson<GemeindeFeatureCollection>('/api/v1/public/gemeinden.geojson').catch((e: unknown) => {
    shapes = undefined;
    throw e;
  });
  return shapes;
}
