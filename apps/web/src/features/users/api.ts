import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { CreateUserResponse, Page, PendingRoleGrant, User } from '@teilhabe/shared';
import { api } from '../../api/client';
import { SetupLinkResponse } from '../../api/schemas';

export const usersQueryKey = ['users'] as const;
export const USERS_PAGE_SIZE = 25;

const UserPage = Page(User);

export function useUserList(q: string, offset: number, limit = USERS_PAGE_SIZE) {
  return useQuery({
    queryKey: [...usersQueryKey, 'list', { q, offset, limit }],
    queryFn: ({ signal }) => api.get('/users', UserPage, { query: { q: q || undefined, limit, offset }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Everyone the audit filter can name as actor (the API pages at most 200 at a time). */
export function useAllUsers(enabled = true) {
  return useQuery({
    queryKey: [...usersQueryKey, 'all'],
    queryFn: () => api.get('/users', UserPage, { query: { limit: 200, offset: 0 } }),
    enabled,
    staleTime: 5 * 60_000,
  });
}

export interface MembershipInputValue {
  organisationId: string;
  role: string;
}

export function createUser(body: { email: string; displayName: string; memberships: MembershipInputValue[] }, idempotencyKey: string) {
  return api.post('/users', CreateUserResponse, body, { idempotencyKey });
}

export function updateUser(
  id: string,
  version: number,
  body: { displayName?: string; active?: boolean; memberships?: MembershipInputValue[] },
) {
  return api.patch(`/users/${encodeURIComponent(id)}`, User, body, { ifMatch: version });
}

export function fetchUser(id: string) {
  return api.get(`/users/${encodeURIComponent(id)}`, User);
}

export function createSetupLink(id: string) {
  return api.post(`/users/${encodeURIComponent(id)}/setup-link`, SetupLinkResponse);
}

const PendingRoleGrantList = z.array(PendingRoleGrant);

/** Grants of the administration role waiting for a second administrator. */
export function usePendingRoleGrants(enabled: boolean) {
  return useQuery({
    queryKey: [...usersQueryKey, 'role-grants'],
    queryFn: ({ signal }) => api.get('/users/role-grants', PendingRoleGrantList, { signal }),
    enabled,
  });
}

export function decideRoleGrant(id: string, decision: 'approve' | 'reject') {
  return api.post(`/users/role-grants/${encodeURIComponent(id)}/${decision}`, User);
}
