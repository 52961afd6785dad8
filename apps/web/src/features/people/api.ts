import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import {
  Consent,
  Page as PageOf,
  Person,
  PersonSearchResult,
  PersonSummary,
  ResidenceStatusCatalogueEntry,
  ErasureRequest,
  PendingApprovals,
  PersonLifecycle,
  PersonMerge,
  RetentionRule,
  type CreatePersonBody,
  type FamilyRole,
  type RelationKind,
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

// ── Lifecycle: merge, erasure, legal hold, relations ──

export function usePersonLifecycle(id: string) {
  return useQuery({ queryKey: [...peopleKey, 'person', id, 'lifecycle'], queryFn: () => api.get(`/people/${enc(id)}/lifecycle`, PersonLifecycle) });
}

export function usePendingApprovals(enabled: boolean) {
  return useQuery({ queryKey: [...peopleKey, 'approvals'], queryFn: () => api.get('/person-approvals', PendingApprovals), enabled });
}

export function requestMerge(targetId: string, duplicatePersonId: string, reason: string) {
  return api.post(`/people/${enc(targetId)}/merges`, PersonMerge, { duplicatePersonId, reason });
}

export function decideMerge(m: { id: string; version: number }, decision: 'approve' | 'reject') {
  return api.post(`/person-merges/${enc(m.id)}/decision`, PersonMerge, { decision }, { ifMatch: m.version });
}

export function undoMerge(m: { id: string; version: number }) {
  return api.post(`/person-merges/${enc(m.id)}/undo`, PersonMerge, {}, { ifMatch: m.version });
}

export function requestErasure(personId: string, reason: string) {
  return api.post(`/people/${enc(personId)}/erasure-requests`, ErasureRequest, { reason });
}

export function decideErasure(e: { id: string; version: number }, decision: 'approve' | 'reject') {
  return api.post(`/erasure-requests/${enc(e.id)}/decision`, ErasureRequest, { decision }, { ifMatch: e.version });
}

export function setLegalHold(personId: string, reason: string) {
  return apiRequest(`/people/${enc(personId)}/legal-hold`, PersonLifecycle, { method: 'PUT', body: { reason } });
}

export function clearLegalHold(personId: string) {
  return apiRequest(`/people/${enc(personId)}/legal-hold`, PersonLifecycle, { method: 'DELETE' });
}

export function addRelation(personId: string, body: { relatedPersonId: string; kind: RelationKind; familyRole?: FamilyRole }) {
  return api.post(`/people/${enc(personId)}/relations`, Person, body);
}

export function removeRelation(personId: string, relationId: string) {
  return apiRequest(`/people/${enc(personId)}/relations/${enc(relationId)}`, Person, { method: 'DELETE' });
}

export function useRetentionRules(enabled: boolean) {
  return useQuery({ queryKey: ['retention-rules'], queryFn: () => api.get('/retention-rules', z.array(RetentionRule)), enabled });
}

export function updateRetentionRule(recordClass: string, version: number, body: { anonymiseAfterMonths: number; minRetentionMonths: number }) {
  return apiRequest(`/retention-rules/${enc(recordClass)}`, RetentionRule, { method: 'PUT', body, ifMatch: version });
}
