import { Table } from 'antd';
import { useQuery } from '@apollo/client/react';
import { PartnerUsersDocument } from '@partner-hub/graphql-client';
import type { PartnerDetailsFieldsFragment, UserFieldsFragment } from '@partner-hub/graphql-client';
import { EmptyState } from '@partner-hub/ui';
import { LoadMore } from '../../../shared/components/LoadMore';
import { QueryErrorAlert } from '../../../shared/components/QueryErrorAlert';
import { userColumns } from '../../../users/components/user-columns';
import { useLoadMore } from '../../../shared/hooks/use-load-more';

const PAGE_SIZE = 25;

export type PartnerUsersTabProps = { partner: PartnerDetailsFieldsFragment };

/** The partner organization's users (read-only here; the partner's admins manage them). */
export function PartnerUsersTab({ partner }: PartnerUsersTabProps) {
  const { data, error, loading, fetchMore, refetch } = useQuery(PartnerUsersDocument, {
    variables: { id: partner.id, first: PAGE_SIZE },
    notifyOnNetworkStatusChange: true,
  });
  const connection = data?.partner.users;
  const users = connection?.edges.map((edge) => edge.node) ?? [];
  const { loadingMore, handleLoadMore } = useLoadMore(connection, fetchMore, 'users');

  const columns = userColumns();

  return (
    <>
      {error ? (
        <QueryErrorAlert title="Could not load the users" error={error} onRetry={() => void refetch()} />
      ) : null}
      <Table<UserFieldsFragment>
        rowKey="id"
        columns={columns}
        dataSource={users}
        loading={loading && !loadingMore}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: error ? (
            <EmptyState title="Users could not be loaded" text="See the error above." />
          ) : (
            <EmptyState
              title="No users yet"
              text={
                partner.status === 'ACCEPTED'
                  ? `${partner.name}'s admins add their colleagues themselves.`
                  : `${partner.name} gets its first user when it claims the invitation or when you create its admin login.`
              }
            />
          ),
        }}
      />
      {connection ? (
        <LoadMore
          shown={users.length}
          total={connection.totalCount}
          hasNextPage={connection.pageInfo.hasNextPage}
          loading={loadingMore}
          onLoadMore={() => void handleLoadMore()}
        />
      ) : null}
    </>
  );
}
