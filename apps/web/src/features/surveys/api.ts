import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { AssignedSurvey, Survey, SurveyResponse, SurveyResponseStatusRow, SurveySummary } from '@teilhabe/shared';
import { api, apiRequest, newIdempotencyKey } from '../../api/client';

export const surveyKeys = {
  all: ['surveys'] as const,
  list: ['surveys', 'list'] as const,
  assigned: ['surveys', 'assigned'] as const,
  one: (id: string) => ['surveys', 'one', id] as const,
  status: (id: string) => ['surveys', 'status', id] as const,
  summary: (id: string) => ['surveys', 'summary', id] as const,
  response: (id: string, org: string) => ['surveys', 'response', id, org] as const,
};

export const useSurveys = (enabled: boolean) => useQuery({ queryKey: surveyKeys.list, queryFn: () => api.get('/surveys', z.array(Survey)), enabled });
export const useAssigned = (enabled: boolean) => useQuery({ queryKey: surveyKeys.assigned, queryFn: () => api.get('/surveys/assigned', z.array(AssignedSurvey)), enabled });
export const useSurvey = (id: string) => useQuery({ queryKey: surveyKeys.one(id), queryFn: () => api.get(`/surveys/${id}`, Survey) });
export const useSurveyStatus = (id: string, enabled: boolean) =>
  useQuery({ queryKey: surveyKeys.status(id), queryFn: () => api.get(`/surveys/${id}/responses`, z.array(SurveyResponseStatusRow)), enabled });
export const useSurveySummary = (id: string, enabled: boolean) =>
  useQuery({ queryKey: surveyKeys.summary(id), queryFn: () => api.get(`/surveys/${id}/summary`, SurveySummary), enabled });
export const useSurveyResponse = (id: string, org: string) =>
  useQuery({ queryKey: surveyKeys.response(id, org), queryFn: () => api.get(`/surveys/${id}/responses/${org}`, SurveyResponse) });

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: surveyKeys.all });
}

export function useCreateSurvey() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: { template: string } | { body: unknown }) =>
      'template' in input
        ? api.post('/surveys/from-template', Survey, { template: input.template }, { idempotencyKey: newIdempotencyKey() })
        : api.post('/surveys', Survey, input.body, { idempotencyKey: newIdempotencyKey() }),
    onSuccess: () => invalidate(),
  });
}

export function useSurveyMutation() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async (input: { id: string; version: number; kind: 'update' | 'send' | 'close' | 'remind'; body?: unknown }): Promise<{ notified?: number }> => {
      if (input.kind === 'update') await api.patch(`/surveys/${input.id}`, Survey, input.body, { ifMatch: input.version });
      else if (input.kind === 'remind') return api.post(`/surveys/${input.id}/remind`, z.object({ ok: z.literal(true), notified: z.number() }), {});
      else await api.post(`/surveys/${input.id}/${input.kind}`, Survey, input.body ?? {}, { ifMatch: input.version });
      return {};
    },
    onSuccess: () => invalidate(),
  });
}

export function useSaveResponse() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: { id: string; org: string; version: number; answers: Record<string, unknown>; submit: boolean }) =>
      apiRequest(`/surveys/${input.id}/responses/${input.org}`, SurveyResponse, { method: 'PUT', body: { answers: input.answers, submit: input.submit }, ifMatch: input.version }),
    onSuccess: () => invalidate(),
  });
}
