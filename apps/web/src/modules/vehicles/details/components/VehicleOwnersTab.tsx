import { Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import type { OwnerAccessKind } from '@partner-hub/domain';
import { VehicleOwnersDocument } from '@partner-hub/graphql-client';
import type { VehicleOwnersQuery } from '@partner-hub/graphql-client';
import { EmptyState } from '@partner-hub/ui';
import { QueryErrorAlert } from '../../../shared/components/QueryErrorAlert';

type OwnerAccess = VehicleOwnersQuery['vehicle']['owners'][number];

const KIND_LABELS: Record<OwnerAccessKind, { label: string; color: string }> = {
  OWNER: { label: 'Owner', color: 'gold' },
  USER: { label: 'User', color: 'default' },
};

export type VehicleOwnersTabProps = { vehicleId: string };

/** The people who own or use the vehicle (basic data only), each linking to the owner's page. */
export function VehicleOwnersTab({ vehicleId }: VehicleOwnersTabProps) {
  const { data, error, loading, refetch } = useQuery(VehicleOwnersDocument, { variables: { id: vehicleId } });
  const owners = data?.vehicle.owners ?? [];

  const columns: TableColumnsType<OwnerAccess> = [
    {
      title: 'Name',
      key: 'name',
      render: (_value, access) => (
        <Link to={`/owners/${access.owner.id}`}>{access.owner.name ?? access.owner.email}</Link>
      ),
    },
    { title: 'E-mail', key: 'email', render: (_value, access) => access.owner.email },
    { title: 'Phone', key: 'phone', render: (_value, access) => access.owner.phone ?? '—' },
    {
      title: 'Access',
      key: 'kind',
      render: (_value, access) => (
        <Tag color={KIND_LABELS[access.kind].color}>{KIND_LABELS[access.kind].label}</Tag>
      ),
    },
  ];

  return (
    <>
      <Typography.Paragraph type="secondary">
        The people who own this vehicle or use it. Open an owner to see all their vehicles.
      </Typography.Paragraph>
      {error ? (
        <QueryErrorAlert title="Could not load the owners" error={error} onRetry={() => void refetch()} />
      ) : null}
      <Table<OwnerAccess>
        aria-label="Owners"
        rowKey="id"
        columns={columns}
        dataSource={owners}
        loading={loading && !data}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: error ? (
            <EmptyState title="The owners could not be loaded" text="See the error above." />
          ) : (
            <EmptyState
              title="No owners recorded"
              text="Nobody is recorded as owning or using this vehicle."
            />
          ),
        }}
      />
    </>
  );
}
