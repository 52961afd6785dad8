import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation, useSearchParams } from 'react-router';
import type { Permission } from '@teilhabe/shared';
import { hasPermission, lastSessionEnd, MeProvider, safeReturnPath, useMe, useSession } from '../features/auth/session';
import { Loading, QueryError } from '../ui/feedback';
import { ForbiddenPage } from './ErrorPages';

export const TOTP_SETUP_PATH = '/zwei-faktor-einrichten';

function withReturn(path: string, returnTo: string | null): string {
  return returnTo && returnTo !== '/' ? `${path}?weiter=${encodeURIComponent(returnTo)}` : path;
}

/**
 * The gate of the signed-in area: without a session to the login (remembering the wanted page); while a TOTP set-up
 * is owed, only the set-up page.
 */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  const [searchParams] = useSearchParams();

  if (session.isPending) return <Loading />;
  if (session.isError) return <QueryError error={session.error} onRetry={() => void session.refetch()} />;

  const here = `${location.pathname}${location.search}`;
  if (!session.data) {
    // After a logout the next person at this computer should not land on the previous user's page.
    const loggedOut = lastSessionEnd()?.reason === 'logout';
    return <Navigate to={loggedOut ? '/anmelden' : withReturn('/anmelden', safeReturnPath(here))} replace />;
  }

  const user = session.data.user;
  const onTotpPage = location.pathname === TOTP_SETUP_PATH;
  if (user.totpSetupRequired && !onTotpPage) return <Navigate to={withReturn(TOTP_SETUP_PATH, safeReturnPath(here))} replace />;
  if (!user.totpSetupRequired && onTotpPage) {
    return <Navigate to={safeReturnPath(searchParams.get('weiter')) ?? '/'} replace />;
  }

  return (
    <MeProvider me={user}>
      <Outlet />
    </MeProvider>
  );
}

/** A page only for users with `permission`; others get a clear "no permission" page (the server refuses anyway). */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const me = useMe();
  return hasPermission(me, permission) ? children : <ForbiddenPage />;
}
