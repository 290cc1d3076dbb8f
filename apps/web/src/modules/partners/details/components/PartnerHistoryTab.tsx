import { useQuery } from '@apollo/client/react';
import { PartnerHistoryDocument } from '@partner-hub/graphql-client';
import type { PartnerDetailsFieldsFragment } from '@partner-hub/graphql-client';
import { ObjectHistoryTable } from '../../../audit/components/ObjectHistoryTable';
import { useLoadMore } from '../../../shared/hooks/use-load-more';

const PAGE_SIZE = 25;

export type PartnerHistoryTabProps = { partner: PartnerDetailsFieldsFragment };

/** What was done to the partner, newest first: action, who, when and the changed fields. */
export function PartnerHistoryTab({ partner }: PartnerHistoryTabProps) {
  const { data, error, loading, fetchMore, refetch } = useQuery(PartnerHistoryDocument, {
    variables: { id: partner.id, first: PAGE_SIZE },
    notifyOnNetworkStatusChange: true,
    fetchPolicy: 'cache-and-network',
  });
  const connection = data?.partner.history;
  const { loadingMore, handleLoadMore } = useLoadMore(connection, fetchMore, 'events');
  return (
    <ObjectHistoryTable
      connection={connection}
      error={error}
      loading={loading}
      loadingMore={loadingMore}
      onLoadMore={() => void handleLoadMore()}
      onRetry={() => void refetch()}
      emptyText="Every change to this partner will be listed here."
    />
  );
}
