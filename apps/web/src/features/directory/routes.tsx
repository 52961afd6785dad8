import { lazy, type ReactNode } from 'react';
import { Navigate, type RouteObject } from 'react-router';
import type { Permission } from '@teilhabe/shared';
import { RequirePermission } from '../../app/guards';

// Each page is its own chunk, loaded on first visit.
const OffersPage = lazy(() => import('./OffersPage').then((m) => ({ default: m.OffersPage })));
const OfferPage = lazy(() => import('./OfferPage').then((m) => ({ default: m.OfferPage })));
const AkteurePage = lazy(() => import('./AkteurePage').then((m) => ({ default: m.AkteurePage })));
const AkteurPage = lazy(() => import('./AkteurPage').then((m) => ({ default: m.AkteurPage })));
const CoveragePage = lazy(() => import('./CoveragePage').then((m) => ({ default: m.CoveragePage })));
const SurveysPage = lazy(() => import('../surveys/SurveysPage').then((m) => ({ default: m.SurveysPage })));
const SurveyPage = lazy(() => import('../surveys/SurveyPage').then((m) => ({ default: m.SurveyPage })));
const SurveyAnswerPage = lazy(() => import('../surveys/SurveyAnswerPage').then((m) => ({ default: m.SurveyAnswerPage })));

const guarded = (permission: Permission, element: ReactNode) => <RequirePermission permission={permission}>{element}</RequirePermission>;

/** The pages of "Netzwerk und Angebote" (directory, coverage, surveys); spread into the app layout's routes. */
export const directoryRoutes: RouteObject[] = [
  { path: '/netzwerk', element: <Navigate to="/netzwerk/angebote" replace /> },
  { path: '/netzwerk/angebote', element: guarded('directory.read', <OffersPage />) },
  { path: '/netzwerk/angebote/neu', element: guarded('directory.write', <OfferPage />) },
  { path: '/netzwerk/angebote/:id', element: guarded('directory.read', <OfferPage />) },
  { path: '/netzwerk/akteure', element: guarded('directory.read', <AkteurePage />) },
  { path: '/netzwerk/akteure/:id', element: guarded('directory.read', <AkteurPage />) },
  { path: '/netzwerk/abdeckung', element: guarded('coverage.read', <CoveragePage />) },
  { path: '/netzwerk/abfragen', element: guarded('directory.read', <SurveysPage />) },
  { path: '/netzwerk/abfragen/:id', element: guarded('surveys.manage', <SurveyPage />) },
  { path: '/netzwerk/abfragen/:id/antwort/:organisationId', element: guarded('surveys.answer', <SurveyAnswerPage />) },
];
