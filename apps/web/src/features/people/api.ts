import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import {
  Consent,
  Page as PageOf,
  Person,
  PersonSearchResult,
  PersonSummary,
  ResidenceStatusCatalogueEntry,
  type CreatePersonBody,
  type RecordConsentBody,
  type UpdatePersonBody,
} from '@teilhabe/shared';
import { api, apiRequest } from '../../api/client';

export const peopleKey = ['people'] as const;
const enc = encodeURIComponent;

export function usePersonSearch(q: string, birthDate?: string) {
  const trimmed = q.trim();
  return useQuery({
    queryKey: [...peopleKey, 'search', trimmed, birthDate ?? ''],
    queryFn: ({ signal }) => api.get('/people/search', PersonSearchResult, { query: { q: trimmed, birthDate: birthDate || undefined }, signal }),
    enabled: trimmed.length >= 3,
    staleTime: 10_000,
  });
}

export function usePeople(q: string, offset: number) {
  return useQuery({
    queryKey: [...peopleKey, 'list', q, offset],
    queryFn: () => api.get('/people', PageOf(PersonSummary), { query: { q: q || undefined, limit: 25, offset } }),
  });
}

export function usePerson(id: string) {
  return useQuery({ queryKey: [...peopleKey, 'person', id], queryFn: () => api.get(`/people/${enc(id)}`, Person) });
}

export function useResidenceCatalogue() {
  return useQuery({ queryKey: [...peopleKey, 'residence-catalogue'], queryFn: () => api.get('/people/residence-statuses', z.array(ResidenceStatusCatalogueEntry)), staleTime: 3_600_000 });
}

export function useConsents(personId: string) {
  return useQuery({ queryKey: [...peopleKey, 'person', personId, 'consents'], queryFn: () => api.get(`/people/${enc(personId)}/consents`, z.array(Consent)) });
}

export function createPerson(body: CreatePersonBody, idempotencyKey: string) {
  return api.post('/people', Person, body, { idempotencyKey });
}

export function updatePerson(id: string, version: number, body: UpdatePersonBody) {
  return api.patch(`/people/${enc(id)}`, Person, body, { ifMatch: version });
}

export function addResidenceStatus(id: string, body: { statusCode: string; validFrom?: string | null; validUntil?: string | null }) {
  return api.post(`/people/${enc(id)}/residence-statuses`, Person, body);
}

export function recordConsent(personId: string, body: RecordConsentBody, idempotencyKey: string) {
  return api.post(`/people/${enc(personId)}/consents`, Consent, body, { idempotencyKey });
}

export function withdrawConsent(id: string, version: number) {
  return apiRequest(`/consents/${enc(id)}/withdraw`, Consent, { method: 'POST', body: {}, ifMatch: version });
}
