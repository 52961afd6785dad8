import { lazy } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { AppLayout } from './AppLayout';
import { NotFoundPage, RouteErrorPage } from './ErrorPages';
import { RequirePermission, RequireSession, TOTP_SETUP_PATH } from './guards';
import { SimpleLayout } from './SimpleLayout';
import { fundingRoutes } from '../features/funding/routes';
import { interpreterPublicRoutes, interpreterRoutes } from '../features/interpreters/routes';
import { kimRoutes } from '../features/cases/routes';
import { directoryRoutes } from '../features/directory/routes';

// Every page is its own chunk; the shell (layouts, guards, API client, i18n) is the initial bundle.
const LoginPage = lazy(() => import('../features/auth/LoginPage').then((m) => ({ default: m.LoginPage })));
const AccountSetupPage = lazy(() => import('../features/auth/AccountSetupPage').then((m) => ({ default: m.AccountSetupPage })));
const TotpRequiredPage = lazy(() => import('../features/auth/TotpRequiredPage').then((m) => ({ default: m.TotpRequiredPage })));
const ProfilePage = lazy(() => import('../features/auth/ProfilePage').then((m) => ({ default: m.ProfilePage })));
const HomePage = lazy(() => import('../features/home/HomePage').then((m) => ({ default: m.HomePage })));
const UsersPage = lazy(() => import('../features/users/UsersPage').then((m) => ({ default: m.UsersPage })));
const OrganisationsPage = lazy(() =>
  import('../features/organisations/OrganisationsPage').then((m) => ({ default: m.OrganisationsPage })),
);
const AuditPage = lazy(() => import('../features/audit/AuditPage').then((m) => ({ default: m.AuditPage })));

export const routes: RouteObject[] = [
  {
    errorElement: <RouteErrorPage />,
    children: [
      {
        element: <SimpleLayout />,
        children: [
          { path: '/anmelden', element: <LoginPage /> },
          { path: '/einrichten/:token', element: <AccountSetupPage /> },
          ...interpreterPublicRoutes,
        ],
      },
      {
        element: <RequireSession />,
        children: [
          { element: <SimpleLayout />, children: [{ path: TOTP_SETUP_PATH, element: <TotpRequiredPage /> }] },
          {
            element: <AppLayout />,
            children: [
              { index: true, element: <HomePage /> },
              { path: '/profil', element: <ProfilePage /> },
              {
                path: '/admin/benutzer',
                element: (
                  <RequirePermission permission="users.read">
                    <UsersPage />
                  </RequirePermission>
                ),
              },
              {
                path: '/admin/organisationen',
                element: (
                  <RequirePermission permission="organisations.read">
                    <OrganisationsPage />
                  </RequirePermission>
                ),
              },
              {
                path: '/admin/audit',
                element: (
                  <RequirePermission permission="audit.read">
                    <AuditPage />
                  </RequirePermission>
                ),
              },
              ...fundingRoutes,
              ...interpreterRoutes,
              ...kimRoutes,
              ...directoryRoutes,
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
