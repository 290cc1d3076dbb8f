import { Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useQuery } from '@apollo/client/react';
import { VehicleHistoryDocument } from '@partner-hub/graphql-client';
import type { AuditEventFieldsFragment } from '@partner-hub/graphql-client';
import { EmptyState } from '@partner-hub/ui';
import { actionLabel, describeChanges } from '../../../partners/details/utils/history';
import { LoadMore } from '../../../shared/components/LoadMore';
import { QueryErrorAlert } from '../../../shared/components/QueryErrorAlert';
import { useLoadMore } from '../../../shared/hooks/use-load-more';
import { formatDateTime } from '../../../shared/utils/format';

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
  const events = connection?.edges.map((edge) => edge.node) ?? [];
  const { loadingMore, handleLoadMore } = useLoadMore(connection, fetchMore, 'events');

  const columns: TableColumnsType<AuditEventFieldsFragment> = [
    {
      title: 'When',
      dataIndex: 'occurredAt',
      key: 'occurredAt',
      render: (value: string) => formatDateTime(value),
    },
    {
      title: 'Action',
      dataIndex: 'action',
      key: 'action',
      render: (value: string) => <span title={value}>{actionLabel(value)}</span>,
    },
    { title: 'Who', dataIndex: 'actorLabel', key: 'actorLabel' },
    {
      title: 'Changes',
      dataIndex: 'changes',
      key: 'changes',
      render: (value: unknown) => {
        const lines = describeChanges(value);
        return lines.length === 0 ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <ul style={{ margin: 0, paddingLeft: 16 }}>
            {lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        );
      },
    },
  ];

  return (
    <>
      {error ? (
        <QueryErrorAlert title="Could not load the history" error={error} onRetry={() => void refetch()} />
      ) : null}
      <Table<AuditEventFieldsFragment>
        aria-label="History"
        rowKey="id"
        columns={columns}
        dataSource={events}
        loading={loading && !loadingMore}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: error ? (
            <EmptyState title="The history could not be loaded" text="See the error above." />
          ) : (
            <EmptyState title="No history yet" text="Every change to this vehicle will be listed here." />
          ),
        }}
      />
      {connection ? (
        <LoadMore
          shown={events.length}
          total={connection.totalCount}
          hasNextPage={connection.pageInfo.hasNextPage}
          loading={loadingMore}
          onLoadMore={() => void handleLoadMore()}
        />
      ) : null}
    </>
  );
}
