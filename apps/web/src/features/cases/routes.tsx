import { lazy, type ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import type { Permission } from '@teilhabe/shared';
import { RequirePermission } from '../../app/guards';

// Each page is its own chunk, loaded on first visit.
const PeoplePage = lazy(() => import('../people/PeoplePage').then((m) => ({ default: m.PeoplePage })));
const PersonDetailPage = lazy(() => import('../people/PersonDetailPage').then((m) => ({ default: m.PersonDetailPage })));
const MyCasesPage = lazy(() => import('./MyCasesPage').then((m) => ({ default: m.MyCasesPage })));
const CaseDetailPage = lazy(() => import('./CaseDetailPage').then((m) => ({ default: m.CaseDetailPage })));
const EvaluationPage = lazy(() => import('./EvaluationPage').then((m) => ({ default: m.EvaluationPage })));
const BarriersPage = lazy(() => import('./EvaluationPage').then((m) => ({ default: m.BarriersPage })));
const PartnerReferralsPage = lazy(() => import('./PartnerReferralsPage').then((m) => ({ default: m.PartnerReferralsPage })));
const PartnerReferralPage = lazy(() => import('./PartnerReferralsPage').then((m) => ({ default: m.PartnerReferralPage })));

const BreakGlassReviewPage = lazy(() => import('./BreakGlass').then((m) => ({ default: m.BreakGlassReviewPage })));

const guarded = (permission: Permission, element: ReactNode) => <RequirePermission permission={permission}>{element}</RequirePermission>;

/** The pages of the KIM case management (people, cases, consents, referrals); spread into the app layout's routes. */
export const kimRoutes: RouteObject[] = [
  { path: '/personen', element: guarded('persons.read', <PeoplePage />) },
  { path: '/personen/:id', element: guarded('persons.read', <PersonDetailPage />) },
  { path: '/faelle', element: guarded('cases.read', <MyCasesPage />) },
  { path: '/faelle/:id', element: guarded('cases.read', <CaseDetailPage />) },
  { path: '/auswertung', element: guarded('cases.evaluation', <EvaluationPage />) },
  { path: '/systembarrieren', element: guarded('barriers.read', <BarriersPage />) },
  { path: '/vermittlungen', element: guarded('referrals.receive', <PartnerReferralsPage />) },
  { path: '/vermittlungen/:id', element: guarded('referrals.receive', <PartnerReferralPage />) },
  { path: '/notfallzugriffe', element: guarded('cases.approve', <BreakGlassReviewPage />) },
];
