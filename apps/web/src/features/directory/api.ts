import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  Akteur,
  AkteurListItem,
  ContactPerson,
  CoverageMatrix,
  DirectorySettings,
  GemeindeFeatureCollection,
  Offer,
  OfferCounts,
  OfferListItem,
  OkResponse,
  Page,
  type CreateOfferBody,
  type UpdateOfferBody,
} from '@teilhabe/shared';
import { api, apiRequest, newIdempotencyKey, type QueryParams } from '../../api/client';

export const directoryKeys = {
  all: ['directory'] as const,
  offers: (q: QueryParams) => ['directory', 'offers', q] as const,
  offerCounts: (q: QueryParams) => ['directory', 'offer-counts', q] as const,
  offer: (id: string) => ['directory', 'offer', id] as const,
  akteure: (q: QueryParams) => ['directory', 'akteure', q] as const,
  akteur: (id: string) => ['directory', 'akteur', id] as const,
  settings: ['directory', 'settings'] as const,
  coverage: ['coverage', 'matrix'] as const,
  shapes: ['directory', 'shapes'] as const,
};

export function useOffers(query: QueryParams) {
  return useQuery({ queryKey: directoryKeys.offers(query), queryFn: () => api.get('/directory/offers', Page(OfferListItem), { query }), placeholderData: keepPreviousData });
}

export function useOfferCounts(query: QueryParams, enabled: boolean) {
  return useQuery({ queryKey: directoryKeys.offerCounts(query), queryFn: () => api.get('/directory/offers/by-gemeinde', OfferCounts, { query }), enabled });
}

export function useOffer(id: string | undefined) {
  return useQuery({ queryKey: directoryKeys.offer(id ?? ''), queryFn: () => api.get(`/directory/offers/${id}`, Offer), enabled: !!id });
}

export function useGemeindeShapes() {
  return useQuery({ queryKey: directoryKeys.shapes, queryFn: () => api.get('/public/gemeinden.geojson', GemeindeFeatureCollection), staleTime: Infinity });
}

export function useDirectorySettings() {
  return useQuery({ queryKey: directoryKeys.settings, queryFn: () => api.get('/directory/settings', DirectorySettings) });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: directoryKeys.all }), qc.invalidateQueries({ queryKey: directoryKeys.coverage })]);
}

export function useSaveOffer() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: { id?: string; version?: number; body: CreateOfferBody | UpdateOfferBody; idempotencyKey?: string }) =>
      input.id
        ? api.patch(`/directory/offers/${input.id}`, Offer, input.body, { ifMatch: input.version })
        : api.post('/directory/offers', Offer, input.body, { idempotencyKey: input.idempotencyKey ?? newIdempotencyKey() }),
    onSuccess: () => invalidate(),
  });
}

export type OfferAction = 'publish' | 'archive' | 'review' | 'request-publication';

export function useOfferAction() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async ({ id, version, action }: { id: string; version: number; action: OfferAction }): Promise<{ notified: number }> => {
      if (action === 'request-publication') return api.post(`/directory/offers/${id}/request-publication`, z.object({ ok: z.literal(true), notified: z.number() }), {});
      await api.post(`/directory/offers/${id}/${action}`, Offer, {}, { ifMatch: version });
      return { notified: 0 };
    },
    onSuccess: () => invalidate(),
  });
}

export function useAkteure(query: QueryParams) {
  return useQuery({ queryKey: directoryKeys.akteure(query), queryFn: () => api.get('/directory/akteure', Page(AkteurListItem), { query }), placeholderData: keepPreviousData });
}

export function useAkteur(id: string | undefined) {
  return useQuery({ queryKey: directoryKeys.akteur(id ?? ''), queryFn: () => api.get(`/directory/akteure/${id}`, Akteur), enabled: !!id });
}

export function useCreateAkteur() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: unknown) => api.post('/directory/akteure', Akteur, body, { idempotencyKey: newIdempotencyKey() }),
    onSuccess: () => invalidate(),
  });
}

export function useSaveProfile() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, version, body }: { id: string; version: number; body: unknown }) =>
      apiRequest(`/directory/akteure/${id}/profile`, Akteur, { method: 'PUT', body, ifMatch: version }),
    onSuccess: () => invalidate(),
  });
}

export function useSaveContact() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: { organisationId: string; id?: string; version?: number; body: unknown }) =>
      input.id
        ? apiRequest(`/directory/contacts/${input.id}`, ContactPerson, { method: 'PATCH', body: input.body, ifMatch: input.version })
        : apiRequest(`/directory/akteure/${input.organisationId}/contacts`, ContactPerson, { method: 'POST', body: input.body }),
    onSuccess: () => invalidate(),
  });
}

export function useDeleteContact() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      apiRequest(`/directory/contacts/${id}`, OkResponse, { method: 'DELETE', body: {}, ifMatch: version }),
    onSuccess: () => invalidate(),
  });
}

export function useSaveSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ version, fourEyes }: { version: number; fourEyes: boolean }) =>
      apiRequest('/directory/settings', DirectorySettings, { method: 'PUT', body: { fourEyes }, ifMatch: version }),
    onSuccess: () => qc.invalidateQueries({ queryKey: directoryKeys.settings }),
  });
}

export function useCoverage() {
  return useQuery({ queryKey: directoryKeys.coverage, queryFn: () => api.get('/coverage/matrix', CoverageMatrix) });
}
