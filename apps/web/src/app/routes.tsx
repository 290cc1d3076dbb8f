import { lazy } from 'react';
import { Navigate } from 'react-router';
import type { RouteObject } from 'react-router';
import { SIGN_IN_PATH } from '../modules/auth/utils/redirect';
import { NotFoundPage } from '../pages/NotFoundPage';
import { SignInPage } from '../pages/SignInPage';
import { ClaimPage } from '../pages/ClaimPage';
import { DashboardPage, PricingPage } from '../pages/sections';
import { AppShell } from './layout/AppShell';
import { HomeRedirect } from './layout/HomeRedirect';
import { RequireViewer } from './layout/RequireViewer';

// Pages with heavy dependencies load on first visit (the shell shows a spinner meanwhile):
// GraphiQL and Monaco for the explorer; tables, trees, forms and date pickers for settings, partners and the mailbox.
const ExplorerPage = lazy(() => import('../pages/ExplorerPage').then((module) => ({ default: module.ExplorerPage })));
const SettingsPage = lazy(() => import('../pages/SettingsPage').then((module) => ({ default: module.SettingsPage })));
const PartnerDetailsPage = lazy(() =>
  import('../pages/PartnerDetailsPage').then((module) => ({ default: module.PartnerDetailsPage })),
);
const MailboxPage = lazy(() => import('../pages/MailboxPage').then((module) => ({ default: module.MailboxPage })));
const PartnersImportPage = lazy(() => import('../pages/PartnersImportPage').then((module) => ({ default: module.PartnersImportPage })));
const VehiclesImportPage = lazy(() => import('../pages/VehiclesImportPage').then((module) => ({ default: module.VehiclesImportPage })));
const JobsImportPage = lazy(() => import('../pages/JobsImportPage').then((module) => ({ default: module.JobsImportPage })));
const PartnersPage = lazy(() => import('../pages/PartnersPage').then((module) => ({ default: module.PartnersPage })));
const OwnersPage = lazy(() => import('../pages/OwnersPage').then((module) => ({ default: module.OwnersPage })));
const OwnerDetailsPage = lazy(() => import('../pages/OwnerDetailsPage').then((module) => ({ default: module.OwnerDetailsPage })));
const ServicePartnersPage = lazy(() =>
  import('../pages/ServicePartnersPage').then((module) => ({ default: module.ServicePartnersPage })),
);
const VehiclesPage = lazy(() => import('../pages/VehiclesPage').then((module) => ({ default: module.VehiclesPage })));
const VehicleDetailsPage = lazy(() =>
  import('../pages/VehicleDetailsPage').then((module) => ({ default: module.VehicleDetailsPage })),
);
const JobsPage = lazy(() => import('../pages/JobsPage').then((module) => ({ default: module.JobsPage })));
const JobDetailsPage = lazy(() => import('../pages/JobDetailsPage').then((module) => ({ default: module.JobDetailsPage })));

/** Every route of the app: the public sign-in and invitation pages, and the signed-in shell with its sections. */
export const routes: RouteObject[] = [
  { path: SIGN_IN_PATH, element: <SignInPage /> },
  { path: '/claim/:token', element: <ClaimPage /> },
  {
    path: '/',
    element: (
      <RequireViewer>
        <AppShell />
      </RequireViewer>
    ),
    children: [
      { index: true, element: <HomeRedirect /> },
      { path: 'dashboard', element: <DashboardPage /> },
      { path: 'partners', element: <PartnersPage /> },
      { path: 'partners/import', element: <PartnersImportPage /> },
      { path: 'partners/:id', element: <PartnerDetailsPage /> },
      { path: 'partners/:id/:tab', element: <PartnerDetailsPage /> },
      { path: 'service-partners', element: <ServicePartnersPage /> },
      { path: 'owners', element: <OwnersPage /> },
      { path: 'owners/:id', element: <OwnerDetailsPage /> },
      { path: 'owners/:id/:tab', element: <OwnerDetailsPage /> },
      { path: 'vehicles', element: <VehiclesPage /> },
      { path: 'vehicles/import', element: <VehiclesImportPage /> },
      { path: 'vehicles/:id', element: <VehicleDetailsPage /> },
      { path: 'vehicles/:id/:tab', element: <VehicleDetailsPage /> },
      { path: 'jobs', element: <JobsPage /> },
      { path: 'jobs/import', element: <JobsImportPage /> },
      { path: 'jobs/:id', element: <JobDetailsPage /> },
      { path: 'pricing', element: <PricingPage /> },
      { path: 'settings', element: <Navigate to="/settings/profile" replace /> },
      { path: 'settings/:tab', element: <SettingsPage /> },
      { path: 'explorer', element: <ExplorerPage /> },
      { path: 'mailbox', element: <MailboxPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
