import { useQuery } from '@apollo/client/react';
import { VehicleHistoryDocument } from '@partner-hub/graphql-client';
import { ObjectHistoryTable } from '../../../audit/components/ObjectHistoryTable';
import { useLoadMore } from '../../../shared/hooks/use-load-more';

const PAGE_SIZE = 25;

export type VehicleHistoryTabProps = { vehicleId: string };

/** What was done to the vehicle, newest first: action, who, when and the changed fields. */
export function VehicleHistoryTab({ vehicleId }: VehicleHistoryTabProps) {
  const { data, error, loading, fetchMore, refetch } = useQuery(VehicleHistoryDocument, {
    variables: { id: vehicleId, first: PAGE_SIZE },
    notifyOnNetworkStatusChange: true,
    fetchPolicy: 'cache-and-network',
  });
  const connection = data?.vehicle.history;
  const { loadingMore, handleLoadMore } = useLoadMore(connection, fetchMore, 'events');
  return (
    <ObjectHistoryTable
      connection={connection}
      error={error}
      loading={loading}
      loadingMore={loadingMore}
      onLoadMore={() => void handleLoadMore()}
      onRetry={() => void refetch()}
      emptyText="Every change to this vehicle will be listed here."
    />
  );
}
