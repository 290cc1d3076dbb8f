import { useState } from 'react';
import { Button, Flex, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { Link, useSearchParams } from 'react-router';
import { OwnersDocument } from '@partner-hub/graphql-client';
import type { OwnerSortField, OwnersQuery } from '@partner-hub/graphql-client';
import { EmptyState } from '@partner-hub/ui';
import { useCan } from '../../auth/hooks/viewer-context';
import { ArchivedSelect, ClearFiltersButton, FilterSearch } from '../../shared/components/ListFilters';
import { LoadMore } from '../../shared/components/LoadMore';
import { QueryErrorAlert } from '../../shared/components/QueryErrorAlert';
import { useLoadMore } from '../../shared/hooks/use-load-more';
import { formatDate } from '../../shared/utils/format';
import { WIDE_SCREENS_ONLY, minimumTableWidth } from '../../shared/utils/table-columns';
import {
  hasOwnerListFilters,
  readOwnerListParams,
  toOwnerFilter,
  toOwnerOrder,
  withOwnerListParams,
} from '../utils/list-params';
import type { OwnerListParamChanges } from '../utils/list-params';
import { ContactOwnerDialog } from './ContactOwnerDialog';
import type { ContactRecipient } from './ContactOwnerDialog';
import { OwnerVehicleTags } from './OwnerVehicleTags';

/** Rows per page of the owners list. */
export const OWNERS_PAGE_SIZE = 25;

type OwnerRow = OwnersQuery['owners']['edges'][number]['node'];

/**
 * A table of the owners the viewer may see: name, e-mail, phone, the vehicles each owns or uses
 * (linking to the vehicles), and for the principal's staff the private annotation's display name;
 * search, archived filter and order kept in the URL, keyset paging with "Load more", and a
 * "Contact" button for those who may write to owners.
 */
export function OwnerList() {
  const canWrite = useCan('owners:write');
  const withAnnotation = useCan('ownerAnnotations:read');
  const [searchParams, setSearchParams] = useSearchParams();
  const [recipient, setRecipient] = useState<ContactRecipient | null>(null);
  const state = readOwnerListParams(searchParams);
  const filter = toOwnerFilter(state);
  const orderBy = toOwnerOrder(state);
  const filtered = hasOwnerListFilters(state);

  const { data, previousData, error, loading, fetchMore, refetch } = useQuery(OwnersDocument, {
    variables: { first: OWNERS_PAGE_SIZE, filter, orderBy, withAnnotation },
    notifyOnNetworkStatusChange: true,
  });
  // While another order or filter loads, the previous rows stay under the spinner instead of an empty table.
  const connection = (data ?? (loading ? previousData : undefined))?.owners;
  const owners = connection?.edges.map((edge) => edge.node) ?? [];
  const { loadingMore, handleLoadMore } = useLoadMore(connection, fetchMore, 'owners');

  const change = (changes: OwnerListParamChanges) =>
    setSearchParams(withOwnerListParams(searchParams, changes), { replace: true });
  const handleClearFilters = () => change({ search: '', archived: false });

  const sortable = (field: OwnerSortField) => ({
    key: field,
    sorter: true,
    sortOrder: (state.sort === field
      ? state.direction === 'ASC'
        ? 'ascend'
        : 'descend'
      : null) as SortOrder,
    sortDirections: ['ascend', 'descend'] as SortOrder[],
  });

  const handleTableChange: TableProps<OwnerRow>['onChange'] = (_pagination, _filters, sorter) => {
    const single = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = single?.columnKey as OwnerSortField | undefined;
    change({
      order:
        single?.order && field
          ? { sort: field, direction: single.order === 'descend' ? 'DESC' : 'ASC' }
          : undefined,
    });
  };

  const columns: TableColumnsType<OwnerRow> = [
    {
      title: 'Name',
      key: 'name',
      width: 200,
      fixed: 'left',
      render: (_value, owner) => (
        <Flex gap={6} align="center" wrap>
          <Link to={`/owners/${owner.id}`}>{owner.name ?? owner.email}</Link>
          {owner.archivedAt ? <Tag>Archived</Tag> : null}
        </Flex>
      ),
    },
    ...(withAnnotation
      ? [
          {
            title: (
              <Tooltip title="From your private annotation — only your organization's staff see it.">
                <span>
                  <LockOutlined aria-hidden /> Display name
                </span>
              </Tooltip>
            ),
            key: 'displayName',
            width: 170,
            ellipsis: true,
            render: (_value: unknown, owner: OwnerRow) =>
              owner.annotation?.displayName ?? <Typography.Text type="secondary">—</Typography.Text>,
          },
        ]
      : []),
    { title: 'E-mail', dataIndex: 'email', width: 230, ellipsis: true, ...sortable('EMAIL') },
    { title: 'Phone', key: 'phone', width: 150, render: (_value, owner) => owner.phone ?? '—' },
    {
      title: 'Vehicles',
      key: 'vehicles',
      width: 260,
      render: (_value, owner) => <OwnerVehicleTags vehicles={owner.vehicles} />,
    },
    {
      title: 'Added',
      dataIndex: 'createdAt',
      width: 120,
      responsive: WIDE_SCREENS_ONLY,
      ...sortable('CREATED_AT'),
      render: (value: string) => formatDate(value),
    },
    ...(canWrite
      ? [
          {
            title: 'Actions',
            key: 'actions',
            width: 120,
            fixed: 'right' as const,
            render: (_value: unknown, owner: OwnerRow) =>
              owner.archivedAt ? null : (
                <Button
                  size="small"
                  icon={<MailOutlined />}
                  aria-label={`Contact ${owner.name ?? owner.email}`}
                  onClick={() => setRecipient({ id: owner.id, email: owner.email, name: owner.name })}
                >
                  Contact
                </Button>
              ),
          },
        ]
      : []),
  ];

  return (
    <>
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <FilterSearch
          value={state.search}
          onSearch={(value) => change({ search: value })}
          placeholder={withAnnotation ? 'Name, e-mail, display name or your user id' : 'Name or e-mail'}
          aria-label="Search owners"
          width={300}
        />
        <ArchivedSelect archived={state.archived} onChange={(archived) => change({ archived })} />
        <ClearFiltersButton filtered={filtered} onClear={handleClearFilters} />
      </Flex>
      {error ? (
        <QueryErrorAlert title="Could not load owners" error={error} onRetry={() => void refetch()} />
      ) : null}
      <Table<OwnerRow>
        rowKey="id"
        columns={columns}
        dataSource={owners}
        loading={loading && !loadingMore}
        pagination={false}
        showSorterTooltip={false}
        onChange={handleTableChange}
        scroll={{ x: minimumTableWidth(columns) }}
        locale={{
          emptyText: error ? (
            <EmptyState title="The owners could not be loaded" text="See the error above." />
          ) : loading ? (
            <Typography.Text type="secondary">Loading owners…</Typography.Text>
          ) : filtered ? (
            <EmptyState
              title="No owners match these filters"
              action={<Button onClick={handleClearFilters}>Clear filters</Button>}
            />
          ) : (
            <EmptyState
              title="No owners yet"
              text={
                canWrite
                  ? 'Add the first one with the button above, or import vehicles with their owners.'
                  : 'The owners of the vehicles you can see appear here.'
              }
            />
          ),
        }}
      />
      {connection ? (
        <LoadMore
          shown={owners.length}
          total={connection.totalCount}
          hasNextPage={connection.pageInfo.hasNextPage && !!data}
          loading={loadingMore}
          onLoadMore={() => void handleLoadMore()}
        />
      ) : null}
      {canWrite ? <ContactOwnerDialog owner={recipient} onClose={() => setRecipient(null)} /> : null}
    </>
  );
}
