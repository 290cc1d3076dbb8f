import { useState } from 'react';
import { App as AntApp, Badge, Button, Flex, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import type { UserRole } from '@partner-hub/domain';
import { ApiKeysDocument, RevokeApiKeyDocument } from '@partner-hub/graphql-client';
import type { ApiKeyFieldsFragment } from '@partner-hub/graphql-client';
import { EmptyState } from '@partner-hub/ui';
import { useViewer } from '../../auth/hooks/viewer-context';
import { QueryErrorAlert } from '../../shared/components/QueryErrorAlert';
import { RoleTag } from '../../shared/components/RoleTag';
import { describeError } from '../../shared/utils/errors';
import { formatDate, formatDateTime } from '../../shared/utils/format';
import { ApiKeySecretModal } from './ApiKeySecretModal';
import { CreateApiKeyDialog } from './CreateApiKeyDialog';
import type { CreatedApiKey } from './CreateApiKeyDialog';

export type ApiKeyStatus = 'active' | 'revoked' | 'expired';

/** Whether a key works now, was revoked, or ran past its expiry. */
export function apiKeyStatus(key: Pick<ApiKeyFieldsFragment, 'active' | 'revokedAt' | 'expiresAt'>, now = Date.now()): ApiKeyStatus {
  if (key.revokedAt || !key.active) return 'revoked';
  if (key.expiresAt && new Date(key.expiresAt).getTime() <= now) return 'expired';
  return 'active';
}

const STATUS_BADGE: Record<ApiKeyStatus, { status: 'success' | 'error' | 'warning'; text: string }> = {
  active: { status: 'success', text: 'Active' },
  revoked: { status: 'error', text: 'Revoked' },
  expired: { status: 'warning', text: 'Expired' },
};

/** Settings → API keys: keys partner systems use against the GraphQL API; create (secret shown once) and revoke. */
export function ApiKeysTab() {
  const viewer = useViewer();
  const { modal, message, notification } = AntApp.useApp();
  const { data, error, loading, refetch } = useQuery(ApiKeysDocument);
  const [revokeApiKey] = useMutation(RevokeApiKeyDocument);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const keys = data?.apiKeys ?? [];

  const handleCreated = (key: CreatedApiKey) => {
    setCreating(false);
    setCreated(key);
  };

  const handleRevoke = (key: ApiKeyFieldsFragment) => {
    modal.confirm({
      title: `Revoke “${key.name}”?`,
      content: 'Systems using this key are refused from their next request. A revoked key cannot be restored; create a new one if needed.',
      okText: 'Revoke',
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          const { data: result } = await revokeApiKey({ variables: { input: { id: key.id } } });
          const outcome = result?.revokeApiKey;
          if (outcome?.__typename === 'RevokeApiKeySuccess') {
            void message.success(`“${key.name}” was revoked.`);
          } else if (outcome) {
            notification.error({ title: `Could not revoke “${key.name}”`, description: outcome.message });
          }
        } catch (mutationError) {
          notification.error({ title: `Could not revoke “${key.name}”`, description: describeError(mutationError) });
        }
      },
    });
  };

  const columns: TableColumnsType<ApiKeyFieldsFragment> = [
    { title: 'Name', dataIndex: 'name', key: 'name' },
    {
      title: 'Prefix',
      dataIndex: 'prefix',
      key: 'prefix',
      render: (value: string) => <Typography.Text code>{value}…</Typography.Text>,
    },
    { title: 'Role', dataIndex: 'role', key: 'role', render: (value: UserRole) => <RoleTag role={value} /> },
    {
      title: 'Created',
      key: 'createdAt',
      render: (_value, key) => (
        <>
          {formatDateTime(key.createdAt)}
          {key.createdBy ? (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              by {key.createdBy.name}
            </Typography.Text>
          ) : null}
        </>
      ),
    },
    {
      title: 'Expires',
      dataIndex: 'expiresAt',
      key: 'expiresAt',
      render: (value: string | null) => (value ? formatDate(value) : 'Never'),
    },
    {
      title: 'Last used',
      dataIndex: 'lastUsedAt',
      key: 'lastUsedAt',
      render: (value: string | null) => (value ? formatDateTime(value) : 'Never'),
    },
    {
      title: 'Status',
      key: 'status',
      render: (_value, key) => {
        const badge = STATUS_BADGE[apiKeyStatus(key)];
        return <Badge status={badge.status} text={badge.text} />;
      },
    },
    {
      title: 'Actions',
      key: 'actions',
      fixed: 'right',
      render: (_value, key) =>
        apiKeyStatus(key) === 'revoked' ? null : (
          <Button size="small" danger onClick={() => handleRevoke(key)} aria-label={`Revoke ${key.name}`}>
            Revoke
          </Button>
        ),
    },
  ];

  return (
    <>
      <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary">
          Partner systems call the GraphQL API with a key: <Typography.Text code>Authorization: Bearer ph_…</Typography.Text>
        </Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          Create API key
        </Button>
      </Flex>
      {error ? <QueryErrorAlert title="Could not load API keys" error={error} onRetry={() => void refetch()} /> : null}
      <Table<ApiKeyFieldsFragment>
        rowKey="id"
        columns={columns}
        dataSource={keys}
        loading={loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: error ? (
            <EmptyState title="API keys could not be loaded" text="See the error above." />
          ) : (
            <EmptyState
              title="No API keys yet"
              text="Create one for each partner system that should reach Partner Hub's API."
            />
          ),
        }}
      />
      <CreateApiKeyDialog
        open={creating}
        organizationKind={viewer.organization.kind}
        onClose={() => setCreating(false)}
        onCreated={handleCreated}
      />
      {created ? <ApiKeySecretModal name={created.name} secret={created.secret} onClose={() => setCreated(null)} /> : null}
    </>
  );
}
