import { useMemo } from 'react';
import { Badge, Flex, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { ImportBatchesDocument } from '@partner-hub/graphql-client';
import type { ImportBatchesQuery, ImportKind, ImportStatus } from '@partner-hub/graphql-client';
import { EmptyState } from '@partner-hub/ui';
import { LoadMore } from '../../shared/components/LoadMore';
import { QueryErrorAlert } from '../../shared/components/QueryErrorAlert';
import { useLoadMore } from '../../shared/hooks/use-load-more';
import { formatDateTime } from '../../shared/utils/format';

const PAGE_SIZE = 10;

type BatchRow = ImportBatchesQuery['importBatches']['edges'][number]['node'];

const STATUS: Record<ImportStatus, { badge: 'processing' | 'success' | 'error'; text: string }> = {
  RUNNING: { badge: 'processing', text: 'Running' },
  SUCCEEDED: { badge: 'success', text: 'Imported' },
  FAILED: { badge: 'error', text: 'Not imported' },
};

export type ImportBatchesListProps = {
  /** which imports to list */
  kind: ImportKind;
  /** what one created row is, singular: "partner", "vehicle" */
  noun: string;
  /** the list that `?importBatchId=` filters to what a batch created: "/partners", "/vehicles" */
  listPath: string;
};

function columnsFor(noun: string, listPath: string): TableColumnsType<BatchRow> {
  return [
    { title: 'When', dataIndex: 'createdAt', key: 'createdAt', render: (value: string) => formatDateTime(value) },
    { title: 'File', dataIndex: 'fileName', key: 'fileName' },
    { title: 'By', dataIndex: 'createdByLabel', key: 'createdByLabel' },
    {
      title: 'Result',
      key: 'status',
      render: (_value, batch) => <Badge status={STATUS[batch.status].badge} text={STATUS[batch.status].text} />,
    },
    { title: 'Rows', dataIndex: 'rowCount', key: 'rowCount', align: 'right' },
    {
      title: 'Created',
      key: 'createdCount',
      align: 'right',
      render: (_value, batch) =>
        batch.status === 'SUCCEEDED' && batch.createdCount > 0 ? (
          <Link to={`${listPath}?importBatchId=${encodeURIComponent(batch.id)}`}>{`${batch.createdCount} ${noun}(s)`}</Link>
        ) : batch.status === 'FAILED' ? (
          `${batch.problems.length} problem(s)`
        ) : (
          batch.createdCount
        ),
    },
  ];
}

/** The imports of one kind run so far, newest first: who, when, which file, and what came of it (a link to what it created). */
export function ImportBatchesList({ kind, noun, listPath }: ImportBatchesListProps) {
  const columns = useMemo(() => columnsFor(noun, listPath), [noun, listPath]);
  const { data, error, loading, fetchMore, refetch } = useQuery(ImportBatchesDocument, {
    variables: { kind, first: PAGE_SIZE },
    notifyOnNetworkStatusChange: true,
  });
  const connection = data?.importBatches;
  const batches = connection?.edges.map((edge) => edge.node) ?? [];
  const { loadingMore, handleLoadMore } = useLoadMore(connection, fetchMore, 'imports');

  return (
    <section aria-label="Earlier imports" style={{ marginTop: 32 }}>
      <Typography.Title level={4}>Earlier imports</Typography.Title>
      {error ? (
        <QueryErrorAlert title="Could not load the earlier imports" error={error} onRetry={() => void refetch()} />
      ) : (
        <Flex vertical>
          <Table
            size="small"
            rowKey="id"
            columns={columns}
            dataSource={batches}
            loading={loading && !loadingMore}
            pagination={false}
            locale={{ emptyText: <EmptyState title={`No ${noun}s imported yet`} text="Imports you run appear here, also those that stopped at a problem." /> }}
          />
          {connection && batches.length > 0 ? (
            <LoadMore shown={batches.length} total={connection.totalCount} hasNextPage={connection.pageInfo.hasNextPage} loading={loadingMore} onLoadMore={() => void handleLoadMore()} />
          ) : null}
        </Flex>
      )}
    </section>
  );
}
