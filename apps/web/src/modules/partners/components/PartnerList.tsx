import { Button, Flex, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { useQuery } from '@apollo/client/react';
import { Link, useSearchParams } from 'react-router';
import {
  PARTNER_ROLES,
  PARTNER_ROLE_LABELS,
  PARTNER_STATUSES,
  PARTNER_STATUS_LABELS,
} from '@partner-hub/domain';
import type { PartnerRole, PartnerStatus } from '@partner-hub/domain';
import { PartnersDocument } from '@partner-hub/graphql-client';
import type { PartnerListFieldsFragment, PartnerSortField } from '@partner-hub/graphql-client';
import { CopyableId, EmptyState } from '@partner-hub/ui';
import { useCan } from '../../auth/hooks/viewer-context';
import { ArchivedSelect, ClearFiltersButton, FilterSearch } from '../../shared/components/ListFilters';
import { LoadMore } from '../../shared/components/LoadMore';
import { QueryErrorAlert } from '../../shared/components/QueryErrorAlert';
import { useLoadMore } from '../../shared/hooks/use-load-more';
import { formatDate } from '../../shared/utils/format';
import { WIDE_SCREENS_ONLY, minimumTableWidth, principalColumn } from '../../shared/utils/table-columns';
import {
  hasListFilters,
  partnersListVariables,
  readListParams,
  withListParams,
  withoutListFilters,
} from '../utils/list-params';
import type { ListParamChanges } from '../utils/list-params';
import { PartnerRoleTag, PartnerStatusTag } from '../details/components/PartnerTags';
import { PartnerFlagTags } from './PartnerFlagTags';

type BlockedChoice = 'any' | 'blocked' | 'unblocked';

const BLOCKED_CHOICES: Record<BlockedChoice, boolean | undefined> = {
  any: undefined,
  blocked: true,
  unblocked: false,
};

export type PartnerListProps = {
  /** Fixes the role (the service partners view): the role column and filter are left out. */
  fixedRole?: PartnerRole;
  /** What the list is called in messages, e.g. "partners" or "service partners". */
  noun?: string;
  /**
   * True where the route's loader fetches this list from the server (routes.tsx, /partners): the list then reads
   * what the loader fetched, or joins its request in flight, instead of asking a second time.
   */
  fetchedByRoute?: boolean;
};

/**
 * A table of the partners the viewer may see: search, filters and sorting kept in the URL query
 * string (so a view can be shared and reloaded), server-side order, keyset paging with "Load more".
 */
export function PartnerList({ fixedRole, noun = 'partners', fetchedByRoute = false }: PartnerListProps) {
  const canWrite = useCan('partners:write');
  const [searchParams, setSearchParams] = useSearchParams();
  const state = readListParams(searchParams);
  const filtered = hasListFilters(state, fixedRole);

  const { data, previousData, error, loading, fetchMore, refetch } = useQuery(PartnersDocument, {
    variables: partnersListVariables(searchParams, fixedRole),
    fetchPolicy: fetchedByRoute ? 'cache-first' : 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  // While another order or filter loads, the previous rows stay under the spinner instead of an empty table.
  const connection = (data ?? (loading ? previousData : undefined))?.partners;
  const partners = connection?.edges.map((edge) => edge.node) ?? [];
  const { loadingMore, handleLoadMore } = useLoadMore(connection, fetchMore, noun);

  const change = (changes: ListParamChanges) =>
    setSearchParams(withListParams(searchParams, changes), { replace: true });
  const handleClearFilters = () => setSearchParams(withoutListFilters(searchParams), { replace: true });

  const sortOrderOf = (field: PartnerSortField): SortOrder =>
    state.sort === field ? (state.direction === 'ASC' ? 'ascend' : 'descend') : null;
  const sortable = (field: PartnerSortField) => ({
    key: field,
    sorter: true,
    sortOrder: sortOrderOf(field),
    sortDirections: ['ascend', 'descend'] as SortOrder[],
  });

  const handleTableChange: TableProps<PartnerListFieldsFragment>['onChange'] = (
    _pagination,
    _filters,
    sorter,
  ) => {
    const single = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = single?.columnKey as PartnerSortField | undefined;
    change({
      order:
        single?.order && field
          ? { sort: field, direction: single.order === 'descend' ? 'DESC' : 'ASC' }
          : undefined,
    });
  };

  const columns: TableColumnsType<PartnerListFieldsFragment> = [
    {
      title: 'Partner ID',
      dataIndex: 'partnerId',
      width: 96,
      fixed: 'left',
      ...sortable('PARTNER_ID'),
      render: (value: string) => <CopyableId value={value} copyLabel={`Copy Partner ID ${value}`} />,
    },
    {
      title: 'Name',
      dataIndex: 'name',
      width: 170,
      fixed: 'left',
      ellipsis: true,
      ...sortable('NAME'),
      render: (value: string, partner) => <Link to={`/partners/${partner.id}`}>{value}</Link>,
    },
    ...principalColumn(partners),
    ...(fixedRole
      ? []
      : [
          {
            title: 'Role',
            dataIndex: 'role',
            width: 124,
            ...sortable('ROLE'),
            render: (value: PartnerRole) => <PartnerRoleTag role={value} />,
          },
        ]),
    {
      title: 'Status',
      dataIndex: 'status',
      width: 160,
      ...sortable('STATUS'),
      render: (value: PartnerStatus, partner) => (
        <Space size={[0, 4]} wrap>
          <PartnerStatusTag status={value} invitationState={partner.invitation?.state} />
          <PartnerFlagTags
            allowJobOverride={partner.allowJobOverride}
            blocked={partner.blocked}
            archived={!!partner.archivedAt}
          />
        </Space>
      ),
    },
    {
      title: 'Parent partner',
      key: 'parent',
      width: 130,
      ellipsis: true,
      render: (_value, partner) =>
        partner.parent ? <Link to={`/partners/${partner.parent.id}`}>{partner.parent.name}</Link> : '—',
    },
    {
      title: 'Contact',
      key: 'contact',
      width: 180,
      render: (_value, partner) => (
        <Flex vertical>
          <Typography.Text ellipsis={{ tooltip: true }}>{partner.organization.email ?? '—'}</Typography.Text>
          {partner.organization.phone ? (
            <Typography.Text type="secondary">{partner.organization.phone}</Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: 'Region',
      key: 'region',
      width: 100,
      ellipsis: true,
      render: (_value, partner) => partner.organization.region ?? '—',
    },
    {
      title: 'Sub-partners',
      dataIndex: 'subPartnerCount',
      key: 'subPartnerCount',
      align: 'right',
      width: 100,
    },
    {
      title: 'Vehicles',
      dataIndex: 'vehicleCount',
      key: 'vehicleCount',
      align: 'right',
      width: 76,
      render: (value: number, partner) => <Link to={`/partners/${partner.id}/vehicles`}>{value}</Link>,
    },
    {
      title: 'Created',
      dataIndex: 'createdAt',
      width: 120,
      responsive: WIDE_SCREENS_ONLY,
      ...sortable('CREATED_AT'),
      render: (value: string) => formatDate(value),
    },
  ];

  return (
    <>
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <FilterSearch
          value={state.search}
          onSearch={(value) => change({ search: value })}
          placeholder="Name, e-mail or Partner ID"
          aria-label={`Search ${noun}`}
          width={260}
        />
        {fixedRole ? null : (
          <Select<PartnerRole>
            aria-label="Filter by role"
            placeholder="Any role"
            allowClear
            value={state.role}
            onChange={(value) => change({ role: value ?? undefined })}
            options={PARTNER_ROLES.map((value) => ({ value, label: PARTNER_ROLE_LABELS[value] }))}
            style={{ width: 160 }}
          />
        )}
        <Select<PartnerStatus>
          aria-label="Filter by status"
          placeholder="Any status"
          allowClear
          value={state.status}
          onChange={(value) => change({ status: value ?? undefined })}
          options={PARTNER_STATUSES.map((value) => ({ value, label: PARTNER_STATUS_LABELS[value] }))}
          style={{ width: 160 }}
        />
        <FilterSearch
          value={state.region}
          onSearch={(value) => change({ region: value })}
          placeholder="Region"
          aria-label="Filter by region"
          width={170}
        />
        <Select<BlockedChoice>
          aria-label="Filter by blocking"
          value={state.blocked === undefined ? 'any' : state.blocked ? 'blocked' : 'unblocked'}
          onChange={(value) => change({ blocked: BLOCKED_CHOICES[value] })}
          options={[
            { value: 'any', label: 'Blocked and not blocked' },
            { value: 'blocked', label: 'Blocked only' },
            { value: 'unblocked', label: 'Not blocked' },
          ]}
          style={{ width: 200 }}
        />
        <ArchivedSelect archived={state.archived} onChange={(archived) => change({ archived })} />
        <ClearFiltersButton filtered={filtered} onClear={handleClearFilters} />
      </Flex>
      {error ? (
        <QueryErrorAlert title={`Could not load ${noun}`} error={error} onRetry={() => void refetch()} />
      ) : null}
      <Table<PartnerListFieldsFragment>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={partners}
        loading={loading && !loadingMore}
        pagination={false}
        showSorterTooltip={false}
        onChange={handleTableChange}
        scroll={{ x: minimumTableWidth(columns) }}
        locale={{
          emptyText: error ? (
            <EmptyState title={`The ${noun} could not be loaded`} text="See the error above." />
          ) : loading ? (
            <Typography.Text type="secondary">Loading {noun}…</Typography.Text>
          ) : filtered ? (
            <EmptyState
              title={`No ${noun} match these filters`}
              action={<Button onClick={handleClearFilters}>Clear filters</Button>}
            />
          ) : (
            <EmptyState
              title={`No ${noun} yet`}
              text={
                canWrite
                  ? `Add the first one with the button above.`
                  : `${noun[0]?.toUpperCase()}${noun.slice(1)} your organization works with appear here.`
              }
            />
          ),
        }}
      />
      {connection ? (
        <LoadMore
          shown={partners.length}
          total={connection.totalCount}
          hasNextPage={connection.pageInfo.hasNextPage && !!data}
          loading={loadingMore}
          onLoadMore={() => void handleLoadMore()}
        />
      ) : null}
    </>
  );
}
