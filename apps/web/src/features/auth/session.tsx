import { createContext, useContext, type ReactNode } from 'react';
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { SessionResponse, type Me, type Permission } from '@teilhabe/shared';
import { api, isApiError, setCsrfToken } from '../../api/client';

export type Session = { csrfToken: string; user: Me };

export const sessionQueryKey = ['auth', 'session'] as const;

/** The signed-in session, or null when there is none (401 is an answer here, not an error). */
export async function fetchSession(): Promise<Session | null> {
  try {
    const session = await api.get('/auth/session', SessionResponse, { redirectOn401: false });
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (isApiError(error, 401)) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useSession() {
  return useQuery({ queryKey: sessionQueryKey, queryFn: fetchSession, staleTime: 5 * 60_000, retry: false });
}

// Set when a request found the session gone, so the login page can say why the user is there.
let sessionExpired = false;

/** Stores a fresh session (after login) without asking the server again. */
export function storeSession(queryClient: QueryClient, session: Session): void {
  sessionExpired = false;
  setCsrfToken(session.csrfToken);
  queryClient.setQueryData(sessionQueryKey, session);
}

/** Forgets the session locally (server said 401, or the user logged out). */
export function dropSession(queryClient: QueryClient, reason: 'expired' | 'logout'): void {
  sessionExpired = reason === 'expired';
  setCsrfToken(null);
  queryClient.removeQueries({
    predicate: (query) => !(query.queryKey[0] === sessionQueryKey[0] && query.queryKey[1] === sessionQueryKey[1]),
  });
  queryClient.setQueryData(sessionQueryKey, null);
}

/** True when the last session ended because the server no longer knew it (not by logging out). */
export function wasSessionExpired(): boolean {
  return sessionExpired;
}

const MeContext = createContext<Me | null>(null);

export function MeProvider({ me, children }: { me: Me; children: ReactNode }) {
  return <MeContext.Provider value={me}>{children}</MeContext.Provider>;
}

/** The signed-in user; only inside the authenticated part of the app. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe() outside the signed-in area');
  return me;
}

export function hasPermission(me: Pick<Me, 'permissions'>, permission: Permission): boolean {
  return me.permissions.includes(permission);
}

/** Only a path inside this app ("/…", not "//host") may be a return target after login. */
export function safeReturnPath(value: string | null | undefined): string | null {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  if (value.startsWith('/anmelden') || value.startsWith('/zwei-faktor-einrichten')) return null;
  return value;
}
