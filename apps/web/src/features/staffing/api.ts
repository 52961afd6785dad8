import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { ContractAlert, PayGradeCost, Post, PostList } from '@teilhabe/shared';
import { api } from '../../api/client';

export const staffingKey = ['staffing'] as const;
const enc = encodeURIComponent;

export function usePosts(year: number) {
  return useQuery({ queryKey: [...staffingKey, 'posts', year], queryFn: () => api.get('/staffing/posts', PostList, { query: { year } }) });
}

export function usePost(id: string, year: number) {
  return useQuery({
    queryKey: [...staffingKey, 'post', id, year],
    queryFn: () => api.get(`/staffing/posts/${enc(id)}`, Post, { query: { year } }),
  });
}

export function useContractAlerts() {
  return useQuery({ queryKey: [...staffingKey, 'alerts'], queryFn: () => api.get('/staffing/alerts', z.array(ContractAlert)) });
}

export function usePayGrades(year?: number) {
  return useQuery({
    queryKey: [...staffingKey, 'pay-grades', year],
    queryFn: () => api.get('/staffing/pay-grades', z.array(PayGradeCost), { query: { year } }),
  });
}

export const createPost = (body: unknown, idempotencyKey: string) => api.post('/staffing/posts', Post, body, { idempotencyKey });
export const updatePost = (id: string, version: number, body: unknown) =>
  api.patch(`/staffing/posts/${enc(id)}`, Post, body, { ifMatch: version });
export const addFunding = (postId: string, body: unknown) => api.post(`/staffing/posts/${enc(postId)}/fundings`, Post, body);
export const updateFunding = (id: string, version: number, body: unknown) =>
  api.patch(`/staffing/fundings/${enc(id)}`, Post, body, { ifMatch: version });
export const addOccupancy = (postId: string, body: unknown) => api.post(`/staffing/posts/${enc(postId)}/occupancies`, Post, body);
export const updateOccupancy = (id: string, version: number, body: unknown) =>
  api.patch(`/staffing/occupancies/${enc(id)}`, Post, body, { ifMatch: version });
export const createPayGrade = (body: unknown) => api.post('/staffing/pay-grades', PayGradeCost, body);
export const updatePayGrade = (id: string, version: number, body: unknown) =>
  api.patch(`/staffing/pay-grades/${enc(id)}`, PayGradeCost, body, { ifMatch: version });
