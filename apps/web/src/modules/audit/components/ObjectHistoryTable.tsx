import { Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { AuditEventFieldsFragment } from '@partner-hub/graphql-client';
import { EmptyState } from '@partner-hub/ui';
import { LoadMore } from '../../shared/components/LoadMore';
import { QueryErrorAlert } from '../../shared/components/QueryErrorAlert';
import { formatDateTime } from '../../shared/utils/format';
import { actionLabel, describeChanges } from '../utils/history';

export type ObjectHistoryTableProps = {
  /** the object's `history` connection, once loaded */
  connection?: {
    edges: { node: AuditEventFieldsFragment }[];
    totalCount: number;
    pageInfo: { hasNextPage: boolean };
  } | null;
  error?: Error | null;
  loading: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  onRetry: () => void;
  /** what the empty state promises, e.g. "Every change to this vehicle will be listed here." */
  emptyText: string;
};

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

/**
 * An object's history (a partner's, vehicle's or owner's audit events), newest first: when, what,
 * who and the changed fields, with "Load more". Each tab runs its own query and passes the result.
 */
export function ObjectHistoryTable({
  connection,
  error,
  loading,
  loadingMore,
  onLoadMore,
  onRetry,
  emptyText,
}: ObjectHistoryTableProps) {
  const events = connection?.edges.map((edge) => edge.node) ?? [];
  return (
    <>
      {error ? <QueryErrorAlert title="Could not load the history" error={error} onRetry={onRetry} /> : null}
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
            <EmptyState title="No history yet" text={emptyText} />
          ),
        }}
      />
      {connection ? (
        <LoadMore
          shown={events.length}
          total={connection.totalCount}
          hasNextPage={connection.pageInfo.hasNextPage}
          loading={loadingMore}
          onLoadMore={onLoadMore}
        />
      ) : null}
    </>
  );
}
