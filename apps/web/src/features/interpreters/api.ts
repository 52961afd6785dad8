import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import {
  InterpreterBudgetView,
  InterpreterCalendarFeedResponse,
  InterpreterCandidatesResponse,
  InterpreterDetail,
  InterpreterInstitutionOption,
  InterpreterPayoutList,
  InterpreterPoolSettingsView,
  InterpreterRequestListItem,
  InterpreterRequestView,
  InterpreterStatistics,
  InterpreterSummary,
  OkResponse,
  OwnInterpreterAssignmentView,
  OwnInterpreterOverview,
  Page,
  PublicInterpreterFormInfo,
  PublicInterpreterRequestCreated,
  PublicInterpreterRequestStatus,
  type InterpreterPoolSettings,
} from '@teilhabe/shared';
import { api, API_BASE, apiRequest } from '../../api/client';

export const interpretersKey = ['interpreters'] as const;
export const PAGE_SIZE = 25;

const enc = encodeURIComponent;

// ── public ─────────────────────────────────────────────────────────────────────────────────────────────────────
export function usePublicFormInfo() {
  return useQuery({ queryKey: [...interpretersKey, 'public-form'], queryFn: () => api.get('/public/interpreter-form', PublicInterpreterFormInfo, { redirectOn401: false }) });
}

export function submitPublicRequest(body: unknown, idempotencyKey: string) {
  return api.post('/public/interpreter-requests', PublicInterpreterRequestCreated, body, { idempotencyKey, redirectOn401: false });
}

export function usePublicStatus(token: string) {
  return useQuery({
    queryKey: [...interpretersKey, 'public-status', token],
    queryFn: () => api.get(`/public/interpreter-requests/${enc(token)}`, PublicInterpreterRequestStatus, { redirectOn401: false }),
    retry: false,
  });
}

export const publicConfirmationUrl = (token: string) => `${API_BASE}/public/interpreter-requests/${enc(token)}/confirmation`;

export function publicCancel(token: string, reason: string) {
  return api.post(`/public/interpreter-requests/${enc(token)}/cancel`, PublicInterpreterRequestStatus, { reason }, { redirectOn401: false });
}

export function publicFeedback(token: string, body: { tookPlace: boolean; rating?: number; comment?: string }) {
  return api.post(`/public/interpreter-requests/${enc(token)}/feedback`, PublicInterpreterRequestStatus, body, { redirectOn401: false });
}

// ── requests ───────────────────────────────────────────────────────────────────────────────────────────────────
export function useRequests(query: { status: string; language?: string; offset: number }) {
  return useQuery({
    queryKey: [...interpretersKey, 'requests', query],
    queryFn: ({ signal }) => api.get('/interpreter-requests', Page(InterpreterRequestListItem), { query: { ...query, limit: PAGE_SIZE }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useRequest(id: string) {
  return useQuery({ queryKey: [...interpretersKey, 'request', id], queryFn: () => api.get(`/interpreter-requests/${enc(id)}`, InterpreterRequestView) });
}

export function useCandidates(id: string, enabled: boolean) {
  return useQuery({ queryKey: [...interpretersKey, 'candidates', id], queryFn: () => api.get(`/interpreter-requests/${enc(id)}/candidates`, InterpreterCandidatesResponse), enabled });
}

export function createRequest(body: unknown, idempotencyKey: string) {
  return api.post('/interpreter-requests', InterpreterRequestView, body, { idempotencyKey });
}

export const offerRequest = (id: string, interpreterIds: string[]) => api.post(`/interpreter-requests/${enc(id)}/offers`, InterpreterRequestView, { interpreterIds });
export const cancelRequest = (id: string, reason: string) => api.post(`/interpreter-requests/${enc(id)}/cancel`, InterpreterRequestView, { reason });
export const markUnfilled = (id: string, reason: string) => api.post(`/interpreter-requests/${enc(id)}/unfilled`, InterpreterRequestView, { reason });
export const confirmationUrl = (id: string) => `${API_BASE}/interpreter-requests/${enc(id)}/confirmation`;

const AssignmentResult = z.object({ id: z.string(), status: z.string(), totalCents: z.number().nullable(), version: z.number() });
export const completeByCoordinator = (id: string, version: number, body: unknown) =>
  api.post(`/interpreter-assignments/${enc(id)}/complete`, AssignmentResult, body, { ifMatch: version });

// ── pool ───────────────────────────────────────────────────────────────────────────────────────────────────────
export function useInterpreters(query: { q: string; language: string; active: string; offset: number }) {
  return useQuery({
    queryKey: [...interpretersKey, 'pool', query],
    queryFn: ({ signal }) =>
      api.get('/interpreters', Page(InterpreterSummary), { query: { q: query.q || undefined, language: query.language || undefined, active: query.active, offset: query.offset, limit: PAGE_SIZE }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useInterpreter(id: string | undefined) {
  return useQuery({ queryKey: [...interpretersKey, 'interpreter', id], queryFn: () => api.get(`/interpreters/${enc(id!)}`, InterpreterDetail), enabled: !!id });
}

export const createInterpreter = (body: unknown, idempotencyKey: string) => api.post('/interpreters', InterpreterDetail, body, { idempotencyKey });
export const updateInterpreter = (id: string, version: number, body: unknown) => api.patch(`/interpreters/${enc(id)}`, InterpreterDetail, body, { ifMatch: version });

export const addExclusion = (interpreterId: string, body: { institutionId?: string; requestReference?: string; reason: string }) =>
  api.post(`/interpreters/${enc(interpreterId)}/exclusions`, InterpreterDetail, body);
export const removeExclusion = (interpreterId: string, exclusionId: string) =>
  apiRequest(`/interpreters/${enc(interpreterId)}/exclusions/${enc(exclusionId)}`, InterpreterDetail, { method: 'DELETE', body: {} });

export function useInstitutions() {
  return useQuery({ queryKey: [...interpretersKey, 'institutions'], queryFn: () => api.get('/interpreter-institutions', z.array(InterpreterInstitutionOption)) });
}

export function useSettings() {
  return useQuery({ queryKey: [...interpretersKey, 'settings'], queryFn: () => api.get('/interpreter-settings', InterpreterPoolSettingsView) });
}

export const saveSettings = (version: number, body: InterpreterPoolSettings) =>
  apiRequest('/interpreter-settings', InterpreterPoolSettingsView, { method: 'PUT', body, ifMatch: version });

// ── the interpreter's own area ─────────────────────────────────────────────────────────────────────────────────
export function useOwnOverview() {
  return useQuery({ queryKey: [...interpretersKey, 'me'], queryFn: () => api.get('/interpreters/me', OwnInterpreterOverview), retry: false });
}

export const acceptOffer = (id: string) => api.post(`/interpreters/me/offers/${enc(id)}/accept`, OwnInterpreterAssignmentView);
export const declineOffer = (id: string, reason?: string) => api.post(`/interpreters/me/offers/${enc(id)}/decline`, OkResponse, reason ? { reason } : {});
export const completeOwn = (id: string, body: unknown) => api.post(`/interpreters/me/assignments/${enc(id)}/complete`, OwnInterpreterAssignmentView, body);
export const cancelOwn = (id: string, reason: string) => api.post(`/interpreters/me/assignments/${enc(id)}/cancel`, OwnInterpreterAssignmentView, { reason });
export const newCalendarLink = () => api.post('/interpreters/me/calendar-token', InterpreterCalendarFeedResponse);
export const revokeCalendarLink = () => api.post('/interpreters/me/calendar-token/revoke', OkResponse);
export const ownStatementUrl = (month: string) => `${API_BASE}/interpreters/me/statements/${enc(month)}`;

// ── payouts and statistics ─────────────────────────────────────────────────────────────────────────────────────
export function usePayouts(month: string) {
  return useQuery({ queryKey: [...interpretersKey, 'payouts', month], queryFn: () => api.get('/interpreter-payouts', InterpreterPayoutList, { query: { month } }) });
}

export function useBudget(year: number) {
  return useQuery({ queryKey: [...interpretersKey, 'budget', year], queryFn: () => api.get('/interpreter-payouts/budget', InterpreterBudgetView, { query: { year } }) });
}

export function useStatistics(year: number) {
  return useQuery({ queryKey: [...interpretersKey, 'statistics', year], queryFn: () => api.get('/interpreter-statistics', InterpreterStatistics, { query: { year } }) });
}

export const payoutExportUrl = (month: string, format: 'csv' | 'xlsx') => `${API_BASE}/interpreter-payouts/export?month=${enc(month)}&format=${format}`;
export const statementUrl = (interpreterId: string, month: string) => `${API_BASE}/interpreter-payouts/statements/${enc(interpreterId)}?month=${enc(month)}`;
export const statisticsExportUrl = (year: number) => `${API_BASE}/interpreter-statistics/export?year=${year}`;
