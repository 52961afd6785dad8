import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import {
  Booking,
  BookingResult,
  BudgetOverview,
  Calloff,
  CalloffSuggestion,
  CoverageReport,
  DeadlineList,
  FundingSettings,
  Grant,
  GrantSummary,
  OnwardGrant,
  OnwardGrantResult,
  Programme,
  UseOfFundsReport,
} from '@teilhabe/shared';
import { api, apiRequest, apiUrl, type QueryParams } from '../../api/client';

export const fundingKey = ['funding'] as const;
const enc = encodeURIComponent;

export function useProgrammes() {
  return useQuery({
    queryKey: [...fundingKey, 'programmes'],
    queryFn: () => api.get('/funding/programmes', z.array(Programme)),
    staleTime: 60_000,
  });
}

export function useGrants(filter: { year?: number; status?: string }) {
  return useQuery({
    queryKey: [...fundingKey, 'grants', filter],
    queryFn: () => api.get('/funding/grants', z.array(GrantSummary), { query: filter }),
  });
}

export function useGrant(id: string, enabled = true) {
  return useQuery({
    queryKey: [...fundingKey, 'grant', id],
    queryFn: () => api.get(`/funding/grants/${enc(id)}`, Grant),
    enabled: enabled && id !== '',
  });
}

export function useBookings(id: string, year?: number) {
  return useQuery({
    queryKey: [...fundingKey, 'grant', id, 'bookings', year],
    queryFn: () => api.get(`/funding/grants/${enc(id)}/bookings`, z.array(Booking), { query: { year } }),
  });
}

export function useCalloffs(id: string) {
  return useQuery({
    queryKey: [...fundingKey, 'grant', id, 'calloffs'],
    queryFn: () => api.get(`/funding/grants/${enc(id)}/calloffs`, z.array(Calloff)),
  });
}

export function useOnwardGrants(id: string) {
  return useQuery({
    queryKey: [...fundingKey, 'grant', id, 'onward'],
    queryFn: () => api.get(`/funding/grants/${enc(id)}/onward-grants`, z.array(OnwardGrant)),
  });
}

export function useReport(id: string, year: number) {
  return useQuery({
    queryKey: [...fundingKey, 'grant', id, 'report', year],
    queryFn: () => api.get(`/funding/grants/${enc(id)}/reports/${year}`, UseOfFundsReport),
  });
}

export function useBudgetOverview(year: number, organisationId?: string) {
  return useQuery({
    queryKey: [...fundingKey, 'overview', year, organisationId],
    queryFn: () => api.get('/funding/budget-overview', BudgetOverview, { query: { year, organisationId } }),
  });
}

export function useCoverage(year: number) {
  return useQuery({
    queryKey: [...fundingKey, 'coverage', year],
    queryFn: () => api.get('/funding/coverage', CoverageReport, { query: { year } }),
  });
}

export function useDeadlines(months: number) {
  return useQuery({
    queryKey: [...fundingKey, 'deadlines', months],
    queryFn: () => api.get('/funding/deadlines', DeadlineList, { query: { months } }),
  });
}

export function useFundingSettings() {
  return useQuery({ queryKey: [...fundingKey, 'settings'], queryFn: () => api.get('/funding/settings', FundingSettings) });
}

export const fetchCalloffSuggestion = (id: string, budgetYear: number, callDate: string) =>
  api.get(`/funding/grants/${enc(id)}/calloff-suggestion`, CalloffSuggestion, { query: { budgetYear, callDate } });

export const createGrant = (body: unknown, idempotencyKey: string) => api.post('/funding/grants', Grant, body, { idempotencyKey });
export const updateGrantDraft = (id: string, version: number, body: unknown) =>
  api.patch(`/funding/grants/${enc(id)}`, Grant, body, { ifMatch: version });
export const createAmendment = (id: string, version: number, body: unknown) =>
  api.post(`/funding/grants/${enc(id)}/amendments`, Grant, body, { ifMatch: version });
export const approveGrant = (id: string, version: number) =>
  api.post(`/funding/grants/${enc(id)}/approve`, Grant, {}, { ifMatch: version });
export const createBooking = (id: string, body: unknown, idempotencyKey: string) =>
  api.post(`/funding/grants/${enc(id)}/bookings`, BookingResult, body, { idempotencyKey });
export const updateBooking = (id: string, version: number, body: unknown) =>
  api.patch(`/funding/bookings/${enc(id)}`, BookingResult, body, { ifMatch: version });
export const createCalloff = (id: string, body: unknown, idempotencyKey: string) =>
  api.post(`/funding/grants/${enc(id)}/calloffs`, Calloff, body, { idempotencyKey });
export const updateCalloff = (id: string, version: number, body: unknown) =>
  api.patch(`/funding/calloffs/${enc(id)}`, Calloff, body, { ifMatch: version });
export const createOnward = (id: string, body: unknown) => api.post(`/funding/grants/${enc(id)}/onward-grants`, OnwardGrantResult, body);
export const updateOnward = (id: string, version: number, body: unknown) =>
  api.patch(`/funding/onward-grants/${enc(id)}`, OnwardGrantResult, body, { ifMatch: version });
export const checkOnward = (id: string, version: number, note: string) =>
  api.post(`/funding/onward-grants/${enc(id)}/check`, OnwardGrant, { note }, { ifMatch: version });
export const confirmOnward = (id: string, version: number) =>
  api.post(`/funding/onward-grants/${enc(id)}/confirm`, OnwardGrant, {}, { ifMatch: version });
export const saveNarrative = (id: string, year: number, version: number, narrative: string) =>
  apiRequest(`/funding/grants/${enc(id)}/reports/${year}`, UseOfFundsReport, { method: 'PUT', body: { narrative }, ifMatch: version });
export const finaliseReport = (id: string, year: number, version: number) =>
  api.post(`/funding/grants/${enc(id)}/reports/${year}/finalise`, UseOfFundsReport, {}, { ifMatch: version });
export const createAllocation = (body: unknown) => api.post('/funding/coverage/allocations', CoverageReport, body);
export const updateAllocation = (id: string, version: number, body: unknown) =>
  api.patch(`/funding/coverage/allocations/${enc(id)}`, CoverageReport, body, { ifMatch: version });
export const updateProgramme = (id: string, version: number, body: unknown) =>
  api.patch(`/funding/programmes/${enc(id)}`, Programme, body, { ifMatch: version });
export const addProgrammeVersion = (id: string, body: unknown) => api.post(`/funding/programmes/${enc(id)}/versions`, Programme, body);
export const updateProgrammeVersion = (id: string, version: number, body: unknown) =>
  api.patch(`/funding/programme-versions/${enc(id)}`, Programme, body, { ifMatch: version });
export const saveSettings = (version: number, body: unknown) =>
  apiRequest('/funding/settings', FundingSettings, { method: 'PUT', body, ifMatch: version });

/** Address of a download (XLSX/PDF); the browser sends the session cookie. */
export function downloadUrl(path: string, query?: QueryParams) {
  return apiUrl(path, query);
}
