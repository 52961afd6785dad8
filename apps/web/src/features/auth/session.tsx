import { createContext, useContext, type ReactNode } from 'react';
import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { Me, Permission } from '@teilhabe/shared';
import { api, isApiError, setCsrfToken } from '../../api/client';
import { sessionSchema } from '../../api/lazySchemas';

export type Session = { csrfToken: string; user: Me };

export const sessionQueryKey = ['auth', 'session'] as const;

/** The signed-in session, or null when there is none (401 is an answer here, not an error). */
export async function fetchSession(): Promise<Session | null> {
  try {
    const session = await api.get('/auth/session', sessionSchema(), { redirectOn401: false });
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

export type SessionEnd = { reason: 'expired' } | { reason: 'logout'; ended?: number };

// Why the last session ended, so the login page can say why the user is there.
let sessionEnd: SessionEnd | null = null;

/** Stores a fresh session (after login) without asking the server again. */
export function storeSession(queryClient: QueryClient, session: Session): void {
  sessionEnd = null;
  setCsrfToken(session.csrfToken);
  queryClient.setQueryData(sessionQueryKey, session);
}

/**
 * Forgets the session locally (the server said 401, or the user logged out). The session gate then shows the login:
 * after a logout plainly, after an expiry with the page to return to.
 */
export function dropSession(queryClient: QueryClient, end: SessionEnd): void {
  sessionEnd = end;
  setCsrfToken(null);
  queryClient.removeQueries({
    predicate: (query) => !(query.queryKey[0] === sessionQueryKey[0] && query.queryKey[1] === sessionQueryKey[1]),
  });
  queryClient.setQueryData(sessionQueryKey, null);
}

export function lastSessionEnd(): SessionEnd | null {
  return sessionEnd;
}

/** Forgets why the last session ended (tests start from a clean slate). */
export function clearSessionEnd(): void {
  sessionEnd = null;
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
