import { useEffect, useState } from 'react';
import { RouterProvider, type createBrowserRouter } from 'react-router';
import type { QueryClient } from '@tanstack/react-query';
import { setUnauthorizedHandler } from '../api/client';
import { createQueryClient } from '../api/queryClient';
import { dropSession } from '../features/auth/session';
import type { Locale } from '../i18n';
import { AppProviders } from './AppProviders';
import { createAppRouter } from './router';

type AppRouter = ReturnType<typeof createBrowserRouter>;

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(createAppRouter);
  return <AppRoot router={router} queryClient={queryClient} />;
}

/** The app around a given router (browser router in production, memory router in tests). */
export function AppRoot({
  router,
  queryClient,
  locale,
  env,
}: {
  router: AppRouter;
  queryClient: QueryClient;
  locale?: Locale;
  env?: 'default' | 'test';
}) {
  // A 401 anywhere means the session is gone: forget it, and the session gate sends the user to the login.
  useEffect(() => {
    setUnauthorizedHandler(() => dropSession(queryClient, { reason: 'expired' }));
    return () => setUnauthorizedHandler(null);
  }, [queryClient]);

  return (
    <AppProviders queryClient={queryClient} locale={locale} env={env}>
      <RouterProvider router={router} />
    </AppProviders>
  );
}
