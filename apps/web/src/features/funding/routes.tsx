import { lazy, type ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import type { Permission } from '@teilhabe/shared';
import { RequirePermission } from '../../app/guards';

// Each page is its own chunk, loaded on first visit.
const GrantsPage = lazy(() => import('./GrantsPage').then((m) => ({ default: m.GrantsPage })));
const GrantFormPage = lazy(() => import('./GrantFormPage').then((m) => ({ default: m.GrantFormPage })));
const GrantDetailPage = lazy(() => import('./GrantDetailPage').then((m) => ({ default: m.GrantDetailPage })));
const ReportPage = lazy(() => import('./ReportPage').then((m) => ({ default: m.ReportPage })));
const BudgetOverviewPage = lazy(() => import('./BudgetOverviewPage').then((m) => ({ default: m.BudgetOverviewPage })));
const CoveragePage = lazy(() => import('./CoveragePage').then((m) => ({ default: m.CoveragePage })));
const DeadlinesPage = lazy(() => import('./DeadlinesPage').then((m) => ({ default: m.DeadlinesPage })));
const ProgrammesPage = lazy(() => import('./ProgrammesPage').then((m) => ({ default: m.ProgrammesPage })));
const ProgrammeDetailPage = lazy(() => import('./ProgrammesPage').then((m) => ({ default: m.ProgrammeDetailPage })));
const FundingSettingsPage = lazy(() => import('./ProgrammesPage').then((m) => ({ default: m.FundingSettingsPage })));
const StaffingPage = lazy(() => import('../staffing/StaffingPage').then((m) => ({ default: m.StaffingPage })));
const PostDetailPage = lazy(() => import('../staffing/PostDetailPage').then((m) => ({ default: m.PostDetailPage })));
const PayGradesPage = lazy(() => import('../staffing/PayGradesPage').then((m) => ({ default: m.PayGradesPage })));

const guarded = (permission: Permission, element: ReactNode) => <RequirePermission permission={permission}>{element}</RequirePermission>;

/** The pages of the funding and staffing modules; spread into the app layout's routes. */
export const fundingRoutes: RouteObject[] = [
  { path: '/foerderung', element: guarded('funding.read', <GrantsPage />) },
  { path: '/foerderung/bescheide/neu', element: guarded('funding.write', <GrantFormPage mode="create" />) },
  { path: '/foerderung/bescheide/:id', element: guarded('funding.read', <GrantDetailPage />) },
  { path: '/foerderung/bescheide/:id/bearbeiten', element: guarded('funding.write', <GrantFormPage mode="edit" />) },
  { path: '/foerderung/bescheide/:id/aenderung', element: guarded('funding.write', <GrantFormPage mode="amend" />) },
  { path: '/foerderung/bescheide/:id/nachweis/:year', element: guarded('funding.read', <ReportPage />) },
  { path: '/foerderung/haushalt', element: guarded('funding.read', <BudgetOverviewPage />) },
  { path: '/foerderung/deckung', element: guarded('funding.read', <CoveragePage />) },
  { path: '/foerderung/fristen', element: guarded('funding.read', <DeadlinesPage />) },
  { path: '/foerderung/programme', element: guarded('funding.read', <ProgrammesPage />) },
  { path: '/foerderung/programme/:id', element: guarded('funding.read', <ProgrammeDetailPage />) },
  { path: '/foerderung/einstellungen', element: guarded('funding.read', <FundingSettingsPage />) },
  { path: '/stellenplan', element: guarded('staffing.read', <StaffingPage />) },
  { path: '/stellenplan/kosten', element: guarded('staffing.read', <PayGradesPage />) },
  { path: '/stellenplan/:id', element: guarded('staffing.read', <PostDetailPage />) },
];
