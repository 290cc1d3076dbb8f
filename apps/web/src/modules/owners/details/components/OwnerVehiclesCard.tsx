import { useState } from 'react';
import { App as AntApp, Button, Card, Popconfirm, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@apollo/client/react';
import { Link } from 'react-router';
import { RemoveOwnerVehicleAccessDocument } from '@partner-hub/graphql-client';
import type { OwnerListFieldsFragment, OwnerVehicleAccessFieldsFragment } from '@partner-hub/graphql-client';
import { EmptyState } from '@partner-hub/ui';
import { describeError } from '../../../shared/utils/errors';
import { OWNER_ACCESS_KIND_LABELS } from '../../forms/owner-forms';
import { AddVehicleAccessDialog } from './AddVehicleAccessDialog';

export type OwnerVehiclesCardProps = {
  owner: OwnerListFieldsFragment;
  /** principal writers, while the owner is not archived: add and remove access */
  editable: boolean;
};

/** The vehicles the owner owns or uses (a partner sees only its own), each linking to its page; add and remove access. */
export function OwnerVehiclesCard({ owner, editable }: OwnerVehiclesCardProps) {
  const { message, notification } = AntApp.useApp();
  const [adding, setAdding] = useState(false);
  const [removeAccess] = useMutation(RemoveOwnerVehicleAccessDocument, { refetchQueries: ['OwnerHistory'] });

  const handleRemove = async (access: OwnerVehicleAccessFieldsFragment) => {
    try {
      const { data } = await removeAccess({
        variables: { input: { ownerId: owner.id, vehicleId: access.vehicle.id } },
      });
      const result = data?.removeOwnerVehicleAccess;
      if (result?.__typename === 'OwnerSuccess')
        void message.success(`The access to ${access.vehicle.vin} was removed.`);
      else
        notification.error({
          title: 'Could not remove the access',
          description: result?.message ?? 'The server sent no answer.',
        });
    } catch (error) {
      notification.error({ title: 'Could not remove the access', description: describeError(error) });
    }
  };

  const columns: TableColumnsType<OwnerVehicleAccessFieldsFragment> = [
    {
      title: 'VIN',
      key: 'vin',
      render: (_value, access) => (
        <Link to={`/vehicles/${access.vehicle.id}`} style={{ fontFamily: 'monospace' }}>
          {access.vehicle.vin}
        </Link>
      ),
    },
    {
      title: 'Vehicle',
      key: 'vehicle',
      render: (_value, access) => `${access.vehicle.make} ${access.vehicle.model}`,
    },
    { title: 'Plate', key: 'plate', render: (_value, access) => access.vehicle.plate ?? '—' },
    {
      title: 'Access',
      key: 'kind',
      render: (_value, access) => (
        <>
          <Tag color={access.kind === 'OWNER' ? 'blue' : 'default'}>
            {OWNER_ACCESS_KIND_LABELS[access.kind]}
          </Tag>
          {access.vehicle.archivedAt ? <Tag>Vehicle archived</Tag> : null}
        </>
      ),
    },
    ...(editable
      ? [
          {
            title: 'Actions',
            key: 'actions',
            render: (_value: unknown, access: OwnerVehicleAccessFieldsFragment) => (
              <Popconfirm
                title={`Remove the access to ${access.vehicle.vin}?`}
                description="The owner no longer appears with this vehicle; the history keeps the change."
                okText="Remove"
                okButtonProps={{ danger: true }}
                onConfirm={() => handleRemove(access)}
              >
                <Button size="small" danger aria-label={`Remove access to ${access.vehicle.vin}`}>
                  Remove
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      title="Vehicles"
      extra={
        editable ? (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            Add vehicle access
          </Button>
        ) : null
      }
    >
      <Table<OwnerVehicleAccessFieldsFragment>
        rowKey="id"
        columns={columns}
        dataSource={owner.vehicles}
        pagination={false}
        size="small"
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: (
            <EmptyState
              title="No vehicles"
              text={editable ? 'Give this owner access to a vehicle with the button above.' : undefined}
            />
          ),
        }}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        An owner&apos;s access is either as the vehicle&apos;s owner or as one of its users.
      </Typography.Paragraph>
      {editable ? (
        <AddVehicleAccessDialog ownerId={owner.id} open={adding} onClose={() => setAdding(false)} />
      ) : null}
    </Card>
  );
}
