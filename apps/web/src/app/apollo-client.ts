import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { ErrorLink } from '@apollo/client/link/error';
import { relayStylePagination } from '@apollo/client/utilities';
import { OperationTypeNode } from 'graphql';
import { defer, mergeMap } from 'rxjs';
import { possibleTypes, ViewerDocument } from '@partner-hub/graphql-client';
import { ACCOUNT_BLOCKED_NOTICE, setSignOutNotice } from '../modules/auth/utils/sign-out-notice';
import { liveConnection } from '../modules/shared/utils/live-connection';

/** The GraphQL endpoint on this origin. The dev server proxies it to the API; in production the API serves the app. */
export const GRAPHQL_PATH = '/graphql';

/** ws:// or wss:// URL of the GraphQL endpoint, matching how the page was loaded. */
export function graphqlWsUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${GRAPHQL_PATH}`;
}

/**
 * Subscriptions over graphql-ws, whose code loads with the first subscription (no page before sign-in has one).
 * The socket itself opens lazily too, and retries while the server is away.
 */
function subscriptionLink(location: Pick<Location, 'protocol' | 'host'>): ApolloLink {
  let loading: Promise<ApolloLink> | undefined;
  const load = async (): Promise<ApolloLink> => {
    const [{ GraphQLWsLink }, { createClient }] = await Promise.all([
      import('@apollo/client/link/subscriptions'),
      import('graphql-ws'),
    ]);
    return new GraphQLWsLink(
      createClient({
        url: graphqlWsUrl(location),
        lazy: true,
        // a live page keeps trying (with graphql-ws's growing, randomised delays) and reads again once back
        retryAttempts: Infinity,
        shouldRetry: () => true,
        on: liveConnection.handlers,
      }),
    );
  };
  const linkOnce = (): Promise<ApolloLink> => {
    loading ??= load();
    // a failed download is tried again with the next subscription
    loading.catch(() => (loading = undefined));
    return loading;
  };
  return new ApolloLink((operation, forward) =>
    defer(linkOnce).pipe(mergeMap((link) => link.request(operation, forward))),
  );
}

/** The cache: connections merge pages by cursor, one list per filter; Viewer and AppInfo are singletons. */
export function createCache(): InMemoryCache {
  return new InMemoryCache({
    possibleTypes,
    typePolicies: {
      Query: {
        fields: {
          users: relayStylePagination(['filter']),
          auditEvents: relayStylePagination(['filter']),
          mailOutbox: relayStylePagination(),
          importBatches: relayStylePagination(['kind']),
          partners: relayStylePagination(['filter', 'orderBy']),
          owners: relayStylePagination(['filter', 'orderBy']),
          vehicles: relayStylePagination(['filter', 'orderBy']),
          jobs: relayStylePagination(['filter', 'orderBy']),
        },
      },
      Partner: {
        fields: {
          users: relayStylePagination(),
          history: relayStylePagination(),
        },
      },
      Owner: { fields: { history: relayStylePagination() } },
      // an owner's annotation has no id of its own: the list's display name and the details' full annotation are one object
      OwnerAnnotation: { merge: true },
      Vehicle: {
        fields: {
          history: relayStylePagination(),
        },
      },
      Viewer: { keyFields: [] },
      AppInfo: { keyFields: [] },
    },
  });
}

/**
 * Apollo Client for the browser: queries and mutations over HTTP with the session cookie,
 * subscriptions over graphql-ws (the browser sends the cookie with the WebSocket upgrade).
 * A request refused as UNAUTHENTICATED (session expired or revoked) marks the viewer as signed out,
 * so the route guard sends the user to the sign-in page; a reason the API gives (a blocked
 * partner's `ACCOUNT_BLOCKED`) is kept for the sign-in page to show.
 */
export function createApolloClient(
  location: Pick<Location, 'protocol' | 'host'> = window.location,
): ApolloClient {
  const cache = createCache();

  const httpLink = new HttpLink({ uri: GRAPHQL_PATH, credentials: 'same-origin' });
  const wsLink = subscriptionLink(location);

  const signedOutLink = new ErrorLink(({ error }) => {
    if (!CombinedGraphQLErrors.is(error)) return;
    const unauthenticated = error.errors.find((e) => e.extensions?.['code'] === 'UNAUTHENTICATED');
    if (!unauthenticated) return;
    if (unauthenticated.extensions?.['reason'] === 'ACCOUNT_BLOCKED') {
      setSignOutNotice(unauthenticated.message || ACCOUNT_BLOCKED_NOTICE);
    }
    cache.writeQuery({ query: ViewerDocument, data: { viewer: null } });
  });

  const transport = ApolloLink.split(
    ({ operationType }) => operationType === OperationTypeNode.SUBSCRIPTION,
    wsLink,
    httpLink,
  );

  return new ApolloClient({
    cache,
    link: ApolloLink.from([signedOutLink, transport]),
    defaultOptions: {
      watchQuery: { fetchPolicy: 'cache-and-network', nextFetchPolicy: 'cache-first' },
    },
  });
}
