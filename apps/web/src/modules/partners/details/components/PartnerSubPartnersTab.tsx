import { Button, Flex, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { Link, useNavigate } from 'react-router';
import { PartnerDescendantsDocument } from '@partner-hub/graphql-client';
import type { PartnerDescendantsQuery, PartnerDetailsFieldsFragment } from '@partner-hub/graphql-client';
import { CopyableId, EmptyState } from '@partner-hub/ui';
import { QueryErrorAlert } from '../../../shared/components/QueryErrorAlert';
import { PartnerRoleTag, PartnerStatusTag } from './PartnerTags';

type Descendant = PartnerDescendantsQuery['partner']['descendants'][number];

export type PartnerSubPartnersTabProps = { partner: PartnerDetailsFieldsFragment };

/** The link that opens the partners list's "Add partner" dialog with this partner as the parent. */
export function addSubPartnerPath(parentId: string): string {
  return `/partners?${new URLSearchParams({ new: '1', parent: parentId }).toString()}`;
}

/** Every active partner below this one, indented by level, each linking to its own page. */
export function PartnerSubPartnersTab({ partner }: PartnerSubPartnersTabProps) {
  const navigate = useNavigate();
  const { data, error, loading, refetch } = useQuery(PartnerDescendantsDocument, {
    variables: { id: partner.id },
  });
  const descendants = data?.partner.descendants ?? [];

  const columns: TableColumnsType<Descendant> = [
    {
      title: 'Name',
      key: 'name',
      render: (_value, row) => (
        <span style={{ paddingLeft: (row.depth - 1) * 20 }}>
          {row.depth > 1 ? <Typography.Text type="secondary">└ </Typography.Text> : null}
          <Link to={`/partners/${row.partner.id}`}>{row.partner.name}</Link>
        </span>
      ),
    },
    {
      title: 'Partner ID',
      key: 'partnerId',
      render: (_value, row) => <CopyableId value={row.partner.partnerId} copyLabel="Copy Partner ID" />,
    },
    { title: 'Role', key: 'role', render: (_value, row) => <PartnerRoleTag role={row.partner.role} /> },
    {
      title: 'Status',
      key: 'status',
      render: (_value, row) => <PartnerStatusTag status={row.partner.status} />,
    },
    { title: 'Level', dataIndex: 'depth', key: 'depth', width: 80 },
  ];

  return (
    <>
      <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary">
          Partners below {partner.name}, at any depth. Moving a partner moves its whole subtree.
        </Typography.Text>
        {partner.manageable && !partner.archivedAt ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => void navigate(addSubPartnerPath(partner.id))}
          >
            Add sub-partner
          </Button>
        ) : null}
      </Flex>
      {error ? (
        <QueryErrorAlert
          title="Could not load the sub-partners"
          error={error}
          onRetry={() => void refetch()}
        />
      ) : null}
      <Table<Descendant>
        rowKey={(row) => row.partner.id}
        columns={columns}
        dataSource={descendants}
        loading={loading && !data}
        pagination={descendants.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: error ? (
            <EmptyState title="Sub-partners could not be loaded" text="See the error above." />
          ) : (
            <EmptyState title="No sub-partners" text={`${partner.name} has no partners below it yet.`} />
          ),
        }}
      />
    </>
  );
}
