import type { ComponentType } from 'react';
import { Flex, Spin } from 'antd';
import type { ApolloClient, OperationVariables, TypedDocumentNode } from '@apollo/client';
import { Navigate } from 'react-router';
import type { RouteObject } from 'react-router';
import { PartnersDocument, ViewerDocument } from '@partner-hub/graphql-client';
import { SIGN_IN_PATH } from '../modules/auth/utils/redirect';
import { partnersListVariables } from '../modules/partners/utils/list-params';
import { SignInPage } from '../pages/SignInPage';

/**
 * A route whose code loads on first visit. The router fetches the code of every route a URL matches at once
 * (the shell's and the page's), instead of one after another as nested React.lazy components would.
 */
function onDemand<M>(load: () => Promise<M>, pick: (module: M) => ComponentType): RouteObject['lazy'] {
  return () => load().then((module) => ({ Component: pick(module) }));
}

/**
 * A page's query, fetched by the router: on entering the route and whenever the URL changes its variables, so it
 * starts together with the Viewer query and the page's code download, not after them. Not awaited (the router
 * renders without waiting); the page reads it with `cache-first`, joining the request in flight (Apollo
 * deduplicates identical queries) or finding the answer cached, and shows any error itself.
 */
function fetchedByRoute<TData, TVariables extends OperationVariables>(
  client: ApolloClient,
  query: TypedDocumentNode<TData, TVariables>,
  variablesFor: (url: URL) => TVariables | undefined,
): Pick<RouteObject, 'loader' | 'shouldRevalidate'> {
  return {
    loader: ({ request }) => {
      const variables = variablesFor(new URL(request.url));
      if (variables) client.query({ query, variables, fetchPolicy: 'network-only' }).catch(() => undefined);
      return null;
    },
    shouldRevalidate: ({ currentUrl, nextUrl }) =>
      JSON.stringify(variablesFor(currentUrl) ?? null) !== JSON.stringify(variablesFor(nextUrl) ?? null),
  };
}

function BootSpinner() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
      <Spin size="large" description="Loading Partner Hub…" />
    </Flex>
  );
}

/**
 * Every route of the app: the public sign-in and invitation pages, and the signed-in shell with its sections.
 * Only the sign-in page is in the first download; the rest loads by route. Entering the shell starts the Viewer
 * query while the shell's and the page's code download (RequireViewer then finds it in flight or cached), and a
 * page whose query the route fetches (`fetchedByRoute`) starts it at the same moment.
 */
export function appRoutes(client: ApolloClient): RouteObject[] {
  return [
    { path: SIGN_IN_PATH, element: <SignInPage /> },
    { path: '/claim/:token', lazy: onDemand(() => import('../pages/ClaimPage'), (m) => m.ClaimPage) },
    {
      path: '/',
      loader: () => {
        // not awaited: the router does not wait for it; an error is RequireViewer's to show
        client.query({ query: ViewerDocument }).catch(() => undefined);
        return null;
      },
      shouldRevalidate: () => false,
      HydrateFallback: BootSpinner,
      lazy: onDemand(() => import('./layout/SignedInShell'), (m) => m.SignedInShell),
      children: [
        { index: true, lazy: onDemand(() => import('./layout/HomeRedirect'), (m) => m.HomeRedirect) },
        { path: 'dashboard', lazy: onDemand(() => import('../pages/DashboardPage'), (m) => m.DashboardPage) },
        {
          path: 'partners',
          ...fetchedByRoute(client, PartnersDocument, (url) =>
            url.searchParams.get('view') === 'tree' ? undefined : partnersListVariables(url.searchParams),
          ),
          lazy: onDemand(() => import('../pages/PartnersPage'), (m) => m.PartnersPage),
        },
        { path: 'partners/import', lazy: onDemand(() => import('../pages/PartnersImportPage'), (m) => m.PartnersImportPage) },
        { path: 'partners/:id', lazy: onDemand(() => import('../pages/PartnerDetailsPage'), (m) => m.PartnerDetailsPage) },
        { path: 'partners/:id/:tab', lazy: onDemand(() => import('../pages/PartnerDetailsPage'), (m) => m.PartnerDetailsPage) },
        { path: 'service-partners', lazy: onDemand(() => import('../pages/ServicePartnersPage'), (m) => m.ServicePartnersPage) },
        { path: 'owners', lazy: onDemand(() => import('../pages/OwnersPage'), (m) => m.OwnersPage) },
        { path: 'owners/:id', lazy: onDemand(() => import('../pages/OwnerDetailsPage'), (m) => m.OwnerDetailsPage) },
        { path: 'owners/:id/:tab', lazy: onDemand(() => import('../pages/OwnerDetailsPage'), (m) => m.OwnerDetailsPage) },
        { path: 'vehicles', lazy: onDemand(() => import('../pages/VehiclesPage'), (m) => m.VehiclesPage) },
        { path: 'vehicles/import', lazy: onDemand(() => import('../pages/VehiclesImportPage'), (m) => m.VehiclesImportPage) },
        { path: 'vehicles/:id', lazy: onDemand(() => import('../pages/VehicleDetailsPage'), (m) => m.VehicleDetailsPage) },
        { path: 'vehicles/:id/:tab', lazy: onDemand(() => import('../pages/VehicleDetailsPage'), (m) => m.VehicleDetailsPage) },
        { path: 'jobs', lazy: onDemand(() => import('../pages/JobsPage'), (m) => m.JobsPage) },
        { path: 'jobs/import', lazy: onDemand(() => import('../pages/JobsImportPage'), (m) => m.JobsImportPage) },
        { path: 'jobs/:id', lazy: onDemand(() => import('../pages/JobDetailsPage'), (m) => m.JobDetailsPage) },
        { path: 'pricing', lazy: onDemand(() => import('../pages/sections'), (m) => m.PricingPage) },
        { path: 'settings', element: <Navigate to="/settings/profile" replace /> },
        { path: 'settings/:tab', lazy: onDemand(() => import('../pages/SettingsPage'), (m) => m.SettingsPage) },
        { path: 'explorer', lazy: onDemand(() => import('../pages/ExplorerPage'), (m) => m.ExplorerPage) },
        { path: 'mailbox', lazy: onDemand(() => import('../pages/MailboxPage'), (m) => m.MailboxPage) },
        { path: '*', lazy: onDemand(() => import('../pages/NotFoundPage'), (m) => m.NotFoundPage) },
      ],
    },
  ];
}
