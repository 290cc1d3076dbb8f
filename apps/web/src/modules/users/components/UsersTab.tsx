import { useState } from 'react';
import { App as AntApp, Button, Flex, Input, Select, Space, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { ROLE_LABELS, rolesFor, MAX_SEARCH_LENGTH } from '@partner-hub/domain';
import type { UserRole } from '@partner-hub/domain';
import { SetUserActiveDocument, UsersDocument } from '@partner-hub/graphql-client';
import type { UserFieldsFragment, UserFilter } from '@partner-hub/graphql-client';
import { EmptyState } from '@partner-hub/ui';
import { useCan, useViewer } from '../../auth/hooks/viewer-context';
import { LoadMore } from '../../shared/components/LoadMore';
import { useLoadMore } from '../../shared/hooks/use-load-more';
import { QueryErrorAlert } from '../../shared/components/QueryErrorAlert';
import { userColumns } from './user-columns';
import { describeError } from '../../shared/utils/errors';
import { formatDateTime } from '../../shared/utils/format';
import { CreateUserDialog } from './CreateUserDialog';
import { EditUserDialog } from './EditUserDialog';

const PAGE_SIZE = 25;

type ActiveFilter = 'all' | 'active' | 'inactive';

/** Settings → Users: the organization's users, searchable and filterable; admins add, edit and (de)activate. */
export function UsersTab() {
  const viewer = useViewer();
  const canManage = useCan('users:manage');
  const { modal, message, notification } = AntApp.useApp();
  const [searchText, setSearchText] = useState('');
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<UserRole | undefined>(undefined);
  const [active, setActive] = useState<ActiveFilter>('all');
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserFieldsFragment | null>(null);

  const filter: UserFilter = {
    ...(search ? { search } : {}),
    ...(role ? { role } : {}),
    ...(active === 'all' ? {} : { active: active === 'active' }),
  };
  const filtered = Object.keys(filter).length > 0;

  const { data, error, loading, fetchMore, refetch } = useQuery(UsersDocument, {
    variables: { first: PAGE_SIZE, filter },
    notifyOnNetworkStatusChange: true,
  });
  const [setUserActive] = useMutation(SetUserActiveDocument);

  const connection = data?.users;
  const users = connection?.edges.map((edge) => edge.node) ?? [];

  const { loadingMore, handleLoadMore } = useLoadMore(connection, fetchMore, 'users');

  const handleSetActive = (user: UserFieldsFragment, nextActive: boolean) => {
    modal.confirm({
      title: nextActive ? `Reactivate ${user.name}?` : `Deactivate ${user.name}?`,
      content: nextActive
        ? `${user.email} can sign in again with their existing password.`
        : `${user.email} is signed out at their next request and can no longer sign in. You can reactivate them later.`,
      okText: nextActive ? 'Reactivate' : 'Deactivate',
      okButtonProps: { danger: !nextActive },
      onOk: async () => {
        try {
          const { data: result } = await setUserActive({ variables: { input: { id: user.id, active: nextActive } } });
          const outcome = result?.setUserActive;
          if (outcome?.__typename === 'SetUserActiveSuccess') {
            void message.success(`${user.name} was ${nextActive ? 'reactivated' : 'deactivated'}.`);
          } else if (outcome) {
            notification.error({ title: `Could not change ${user.name}`, description: outcome.message });
          }
        } catch (mutationError) {
          notification.error({ title: `Could not change ${user.name}`, description: describeError(mutationError) });
        }
      },
    });
  };

  const columns: TableColumnsType<UserFieldsFragment> = [
    ...userColumns(),
    { title: 'Created', dataIndex: 'createdAt', key: 'createdAt', render: (value: string) => formatDateTime(value) },
  ];
  if (canManage) {
    columns.push({
      title: 'Actions',
      key: 'actions',
      fixed: 'right',
      render: (_value, user) => {
        const isSelf = user.id === viewer.user?.id;
        return (
          <Space>
            <Button size="small" onClick={() => setEditing(user)} aria-label={`Edit ${user.name}`}>
              Edit
            </Button>
            {isSelf ? null : user.active ? (
              <Button size="small" danger onClick={() => handleSetActive(user, false)} aria-label={`Deactivate ${user.name}`}>
                Deactivate
              </Button>
            ) : (
              <Button size="small" onClick={() => handleSetActive(user, true)} aria-label={`Reactivate ${user.name}`}>
                Reactivate
              </Button>
            )}
          </Space>
        );
      },
    });
  }

  const handleClearFilters = () => {
    setSearchText('');
    setSearch('');
    setRole(undefined);
    setActive('all');
  };

  return (
    <>
      <Flex justify="space-between" gap={12} wrap style={{ marginBottom: 16 }}>
        <Space wrap>
          <Input.Search
            placeholder="Search name or e-mail"
            aria-label="Search users"
            allowClear
            maxLength={MAX_SEARCH_LENGTH}
            value={searchText}
            onChange={(event) => setSearchText(event.target.value)}
            onSearch={(value) => setSearch(value.trim())}
            style={{ width: 260 }}
          />
          <Select<UserRole>
            aria-label="Filter by role"
            placeholder="Any role"
            allowClear
            value={role}
            onChange={(value) => setRole(value ?? undefined)}
            options={rolesFor(viewer.organization.kind).map((value) => ({ value, label: ROLE_LABELS[value] }))}
            style={{ width: 150 }}
          />
          <Select<ActiveFilter>
            aria-label="Filter by status"
            value={active}
            onChange={setActive}
            options={[
              { value: 'all', label: 'Active and inactive' },
              { value: 'active', label: 'Active only' },
              { value: 'inactive', label: 'Inactive only' },
            ]}
            style={{ width: 190 }}
          />
        </Space>
        {canManage ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            Add user
          </Button>
        ) : null}
      </Flex>
      {error ? <QueryErrorAlert title="Could not load users" error={error} onRetry={() => void refetch()} /> : null}
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
          ) : filtered ? (
            <EmptyState
              title="No users match these filters"
              action={<Button onClick={handleClearFilters}>Clear filters</Button>}
            />
          ) : (
            <EmptyState title="No users yet" text={canManage ? 'Add your first colleague with “Add user”.' : undefined} />
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
      {canManage ? (
        <CreateUserDialog
          open={creating}
          organizationKind={viewer.organization.kind}
          passwordPolicy={viewer.organization.passwordPolicy}
          onClose={() => setCreating(false)}
        />
      ) : null}
      {editing ? (
        <EditUserDialog
          user={editing}
          organizationKind={viewer.organization.kind}
          isSelf={editing.id === viewer.user?.id}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}
