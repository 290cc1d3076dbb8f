import { useQuery } from '@apollo/client/react';
import { OwnerHistoryDocument } from '@partner-hub/graphql-client';
import { ObjectHistoryTable } from '../../../audit/components/ObjectHistoryTable';
import { useLoadMore } from '../../../shared/hooks/use-load-more';

const PAGE_SIZE = 25;

export type OwnerHistoryTabProps = { ownerId: string };

/** What was done to the owner, newest first — contacts (by subject), access and annotation changes included. */
export function OwnerHistoryTab({ ownerId }: OwnerHistoryTabProps) {
  const { data, error, loading, fetchMore, refetch } = useQuery(OwnerHistoryDocument, {
    variables: { id: ownerId, first: PAGE_SIZE },
    notifyOnNetworkStatusChange: true,
    fetchPolicy: 'cache-and-network',
  });
  const connection = data?.owner.history;
  const { loadingMore, handleLoadMore } = useLoadMore(connection, fetchMore, 'events');
  return (
    <ObjectHistoryTable
      connection={connection}
      error={error}
      loading={loading}
      loadingMore={loadingMore}
      onLoadMore={() => void handleLoadMore()}
      onRetry={() => void refetch()}
      emptyText="Every change to this owner, and every message sent to it, will be listed here."
    />
  );
}
