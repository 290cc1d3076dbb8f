import { Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useQuery } from '@apollo/client/react';
import { PartnerHistoryDocument } from '@partner-hub/graphql-client';
import type { AuditEventFieldsFragment, PartnerDetailsFieldsFragment } from '@partner-hub/graphql-client';
import { EmptyState } from '@partner-hub/ui';
import { LoadMore } from '../../../shared/components/LoadMore';
import { QueryErrorAlert } from '../../../shared/components/QueryErrorAlert';
import { useLoadMore } from '../../../shared/hooks/use-load-more';
import { formatDateTime } from '../../../shared/utils/format';
import { actionLabel, describeChanges } from '../utils/history';

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
            <EmptyState title="No history yet" text="Every change to this partner will be listed here." />
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
