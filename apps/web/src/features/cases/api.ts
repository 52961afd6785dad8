import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import {
  Assessment,
  Barrier,
  BreakGlassSession,
  CaseDetail,
  CaseUserRef,
  CaseSummary,
  Contact,
  Goal,
  MyCasesOverview,
  Page as PageOf,
  PartnerReferral,
  PartnerReferralListItem,
  Referral,
  Task,
  type AddContactBody,
  type AddGoalBody,
  type BarrierCategory,
  type BreakGlassReason,
  type ChangePhaseBody,
  type CreateReferralBody,
  type OpenCaseBody,
  type ReferralStatus,
} from '@teilhabe/shared';
import { api, apiRequest } from '../../api/client';

export type { BreakGlassSession };

export const casesKey = ['cases'] as const;
const enc = encodeURIComponent;

export function useCases(filter: { phase?: string; mine?: boolean; open?: boolean; q?: string; offset: number }) {
  return useQuery({
    queryKey: [...casesKey, 'list', filter],
    queryFn: () =>
      api.get('/cases', PageOf(CaseSummary), {
        query: { phase: filter.phase || undefined, mine: filter.mine ? 'true' : undefined, open: filter.open ? 'true' : undefined, q: filter.q || undefined, limit: 25, offset: filter.offset },
      }),
  });
}

export function useMyCases(weeks: number) {
  return useQuery({ queryKey: [...casesKey, 'mine', weeks], queryFn: () => api.get('/my-cases', MyCasesOverview, { query: { weeksWithoutContact: weeks } }) });
}

export function useCase(id: string) {
  return useQuery({ queryKey: [...casesKey, 'case', id], queryFn: () => api.get(`/cases/${enc(id)}`, CaseDetail) });
}

export function useContacts(id: string) {
  return useQuery({ queryKey: [...casesKey, 'case', id, 'contacts'], queryFn: () => api.get(`/cases/${enc(id)}/contacts`, z.array(Contact)) });
}

export function useGoals(id: string) {
  return useQuery({ queryKey: [...casesKey, 'case', id, 'goals'], queryFn: () => api.get(`/cases/${enc(id)}/goals`, z.array(Goal)) });
}

export function useAssessment(id: string) {
  return useQuery({ queryKey: [...casesKey, 'case', id, 'assessment'], queryFn: () => api.get(`/cases/${enc(id)}/assessment`, z.array(Assessment)) });
}

export function useTasks(id: string) {
  return useQuery({ queryKey: [...casesKey, 'case', id, 'tasks'], queryFn: () => api.get(`/cases/${enc(id)}/tasks`, z.array(Task)) });
}

export function useReferrals(id: string) {
  return useQuery({ queryKey: [...casesKey, 'case', id, 'referrals'], queryFn: () => api.get(`/cases/${enc(id)}/referrals`, z.array(Referral)) });
}

export function openCase(body: OpenCaseBody, idempotencyKey: string) {
  return api.post('/cases', CaseDetail, body, { idempotencyKey });
}

export function changePhase(id: string, version: number, body: ChangePhaseBody) {
  return api.post(`/cases/${enc(id)}/phase`, CaseDetail, body, { ifMatch: version });
}

export function addContact(id: string, body: AddContactBody, idempotencyKey: string) {
  return api.post(`/cases/${enc(id)}/contacts`, Contact, body, { idempotencyKey });
}

export function addGoal(id: string, body: AddGoalBody) {
  return api.post(`/cases/${enc(id)}/goals`, Goal, body);
}

export function updateGoal(id: string, version: number, body: { status?: string; steps?: { text: string; done: boolean }[] }) {
  return api.patch(`/goals/${enc(id)}`, Goal, body, { ifMatch: version });
}

export function saveAssessment(id: string, version: number, body: { lifeDomain: string; needLevel: number; need: string; resources: string }) {
  return apiRequest(`/cases/${enc(id)}/assessment`, Assessment, { method: 'PUT', body, ifMatch: version });
}

export function addTask(id: string, body: { title: string; dueDate: string }) {
  return api.post(`/cases/${enc(id)}/tasks`, Task, body);
}

export function updateTask(id: string, version: number, body: { done?: boolean }) {
  return api.patch(`/tasks/${enc(id)}`, Task, body, { ifMatch: version });
}

export function createReferral(caseId: string, body: CreateReferralBody, idempotencyKey: string) {
  return api.post(`/cases/${enc(caseId)}/referrals`, Referral, body, { idempotencyKey });
}

export function changeReferralStatus(id: string, version: number, status: ReferralStatus) {
  return api.post(`/referrals/${enc(id)}/status`, Referral, { status }, { ifMatch: version });
}

export function usePartnerReferrals(offset: number) {
  return useQuery({ queryKey: ['partner', 'referrals', offset], queryFn: () => api.get('/partner/referrals', PageOf(PartnerReferralListItem), { query: { limit: 50, offset } }) });
}

export function usePartnerReferral(id: string) {
  return useQuery({ queryKey: ['partner', 'referral', id], queryFn: () => api.get(`/partner/referrals/${enc(id)}`, PartnerReferral), retry: false });
}

export function answerReferral(id: string, version: number, body: { status: ReferralStatus; feedbackNote?: string }) {
  return api.post(`/partner/referrals/${enc(id)}/status`, PartnerReferral, body, { ifMatch: version });
}

export function updateCase(id: string, version: number, body: { reviewDueAt?: string | null }) {
  return api.patch(`/cases/${enc(id)}`, CaseDetail, body, { ifMatch: version });
}

export function useDeputyCandidates(id: string, enabled: boolean) {
  return useQuery({ queryKey: [...casesKey, 'case', id, 'deputy-candidates'], queryFn: () => api.get(`/cases/${enc(id)}/deputy-candidates`, z.array(CaseUserRef)), enabled });
}

export function setDeputies(id: string, version: number, deputyIds: string[]) {
  return apiRequest(`/cases/${enc(id)}/deputies`, CaseDetail, { method: 'PUT', body: { deputyIds }, ifMatch: version });
}

export function useCaseBarriers(id: string) {
  return useQuery({ queryKey: [...casesKey, 'case', id, 'barriers'], queryFn: () => api.get(`/cases/${enc(id)}/barriers`, z.array(Barrier)) });
}

export function reportBarrier(id: string, body: { category: BarrierCategory; agency?: string; description: string }) {
  return api.post(`/cases/${enc(id)}/barriers`, Barrier, body);
}

export function startBreakGlass(caseId: string, body: { reasonCategory: BreakGlassReason; justification: string; totp: string }) {
  return api.post(`/cases/${enc(caseId)}/break-glass`, BreakGlassSession, body);
}

export function endBreakGlass(id: string) {
  return api.post(`/break-glass/${enc(id)}/end`, BreakGlassSession, {});
}

export const breakGlassKey = ['break-glass'] as const;

export function useBreakGlassSessions() {
  return useQuery({ queryKey: breakGlassKey, queryFn: () => api.get('/break-glass', z.array(BreakGlassSession)) });
}

export function reviewBreakGlass(id: string, version: number, body: { outcome: 'justified' | 'not_justified'; note?: string }) {
  return api.post(`/break-glass/${enc(id)}/review`, BreakGlassSession, body, { ifMatch: version });
}
