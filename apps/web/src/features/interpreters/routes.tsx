import { lazy, type ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import type { Permission } from '@teilhabe/shared';
import { RequirePermission } from '../../app/guards';

// Each page is its own chunk, loaded on first visit.
const PublicRequestPage = lazy(() => import('./PublicPages').then((m) => ({ default: m.PublicRequestPage })));
const PublicStatusPage = lazy(() => import('./PublicPages').then((m) => ({ default: m.PublicStatusPage })));
const RequestsPage = lazy(() => import('./RequestPages').then((m) => ({ default: m.RequestsPage })));
const NewRequestPage = lazy(() => import('./RequestPages').then((m) => ({ default: m.NewRequestPage })));
const RequestDetailPage = lazy(() => import('./RequestPages').then((m) => ({ default: m.RequestDetailPage })));
const PoolPage = lazy(() => import('./PoolPages').then((m) => ({ default: m.PoolPage })));
const InterpreterPage = lazy(() => import('./PoolPages').then((m) => ({ default: m.InterpreterPage })));
const PayoutsPage = lazy(() => import('./FinancePages').then((m) => ({ default: m.PayoutsPage })));
const StatisticsPage = lazy(() => import('./FinancePages').then((m) => ({ default: m.StatisticsPage })));
const SettingsPage = lazy(() => import('./FinancePages').then((m) => ({ default: m.SettingsPage })));
const MyAssignmentsPage = lazy(() => import('./MyAssignmentsPage').then((m) => ({ default: m.MyAssignmentsPage })));

const guarded = (permission: Permission, element: ReactNode) => <RequirePermission permission={permission}>{element}</RequirePermission>;

/** The public request form and the requester's status link: no login (spread into the simple layout). */
export const interpreterPublicRoutes: RouteObject[] = [
  { path: '/sprachmittlung/anfrage', element: <PublicRequestPage /> },
  { path: '/sprachmittlung/anfrage/status/:token', element: <PublicStatusPage /> },
];

/** The pages of the interpreter pool for signed-in users (spread into the app layout). */
export const interpreterRoutes: RouteObject[] = [
  { path: '/sprachmittlung', element: guarded('interpreters.request', <RequestsPage />) },
  { path: '/sprachmittlung/neu', element: guarded('interpreters.request', <NewRequestPage />) },
  { path: '/sprachmittlung/anfragen/:id', element: guarded('interpreters.request', <RequestDetailPage />) },
  { path: '/sprachmittlung/pool', element: guarded('interpreters.manage', <PoolPage />) },
  { path: '/sprachmittlung/pool/:id', element: guarded('interpreters.manage', <InterpreterPage />) },
  { path: '/sprachmittlung/abrechnung', element: guarded('interpreters.payouts', <PayoutsPage />) },
  { path: '/sprachmittlung/statistik', element: guarded('interpreters.payouts', <StatisticsPage />) },
  { path: '/sprachmittlung/einstellungen', element: guarded('interpreters.manage', <SettingsPage />) },
  { path: '/meine-einsaetze', element: guarded('interpreters.self', <MyAssignmentsPage />) },
];
