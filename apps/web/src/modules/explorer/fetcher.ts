import { createGraphiQLFetcher } from '@graphiql/toolkit';
import type { Fetcher } from '@graphiql/toolkit';
import { createClient } from 'graphql-ws';
import { GRAPHQL_PATH, graphqlWsUrl } from '../../app/apollo-client';

/**
 * GraphiQL's fetcher for this origin: HTTP with the session cookie (JSON body, which Apollo's CSRF
 * prevention accepts) and graphql-ws for subscriptions. A header set in GraphiQL's Headers tab
 * (e.g. `Authorization: Bearer ph_…`) is sent along and takes precedence over the cookie on the API.
 */
export function createExplorerFetcher(location: Pick<Location, 'origin' | 'protocol' | 'host'> = window.location): Fetcher {
  return createGraphiQLFetcher({
    url: `${location.origin}${GRAPHQL_PATH}`,
    fetch: (input, init) => fetch(input, { ...init, credentials: 'same-origin' }),
    wsClient: createClient({ url: graphqlWsUrl(location), lazy: true }),
  });
}
