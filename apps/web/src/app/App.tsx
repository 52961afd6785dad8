import { useEffect, useState } from 'react';
import { RouterProvider } from 'react-router';
import { setUnauthorizedHandler } from '../api/client';
import { createQueryClient } from '../api/queryClient';
import { dropSession } from '../features/auth/session';
import { AppProviders } from './AppProviders';
import { createAppRouter } from './router';

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(createAppRouter);

  // A 401 anywhere means the session is gone: forget it, and the session gate sends the user to the login.
  useEffect(() => {
    setUnauthorizedHandler(() => dropSession(queryClient, 'expired'));
    return () => setUnauthorizedHandler(null);
  }, [queryClient]);

  return (
    <AppProviders queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>
  );
}
