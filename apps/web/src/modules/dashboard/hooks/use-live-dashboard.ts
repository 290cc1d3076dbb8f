import { useEffect, useRef } from 'react';
import { useQuery, useSubscription } from '@apollo/client/react';
import { DashboardDocument, OnDashboardChangedDocument } from '@partner-hub/graphql-client';
import type { DashboardFieldsFragment } from '@partner-hub/graphql-client';
import { useLiveConnection } from '../../shared/utils/live-connection';
import type { LiveStatus } from '../../shared/utils/live-connection';

export type LiveDashboard = {
  dashboard: DashboardFieldsFragment | null;
  loading: boolean;
  error: unknown;
  status: LiveStatus;
  refetch: () => void;
};

/**
 * The dashboard, kept live: read once, then replaced by every `dashboardChanged` push (the server sends
 * one at most about every second while the viewer's jobs change). Each time the WebSocket connects again
 * after the first time, the dashboard is read again — what changed while offline is never left out.
 */
export function useLiveDashboard(): LiveDashboard {
  const query = useQuery(DashboardDocument, {
    fetchPolicy: 'cache-and-network',
    nextFetchPolicy: 'cache-first',
    notifyOnNetworkStatusChange: false,
  });
  const { client } = query;
  useSubscription(OnDashboardChangedDocument, {
    onData: ({ data }) => {
      const dashboard = data.data?.dashboardChanged;
      if (dashboard) client.writeQuery({ query: DashboardDocument, data: { dashboard } });
    },
  });
  const { status, connections } = useLiveConnection();
  const seen = useRef(connections);
  const { refetch } = query;
  useEffect(() => {
    if (connections > seen.current && seen.current > 0) void refetch().catch(() => undefined);
    seen.current = connections;
  }, [connections, refetch]);
  return {
    dashboard: query.data?.dashboard ?? null,
    loading: query.loading && !query.data,
    error: query.error,
    status,
    refetch: () => void refetch().catch(() => undefined),
  };
}
