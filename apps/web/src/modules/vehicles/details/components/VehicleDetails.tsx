import type { ReactNode } from 'react';
import {
  App as AntApp,
  Breadcrumb,
  Button,
  Flex,
  Result,
  Skeleton,
  Space,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { Link, Navigate, useNavigate } from 'react-router';
import type { Permission } from '@partner-hub/domain';
import {
  ArchiveVehicleDocument,
  RestoreVehicleDocument,
  VehicleDetailsDocument,
} from '@partner-hub/graphql-client';
import type { VehicleDetailsFieldsFragment } from '@partner-hub/graphql-client';
import { CopyableId, PageHeader } from '@partner-hub/ui';
import { useViewer, hasPermission } from '../../../auth/hooks/viewer-context';
import { QueryErrorAlert } from '../../../shared/components/QueryErrorAlert';
import { describeError, graphQLErrorReason } from '../../../shared/utils/errors';
import { VehicleAccessTab } from './VehicleAccessTab';
import { VehicleDetailsTab } from './VehicleDetailsTab';
import { VehicleHistoryTab } from './VehicleHistoryTab';
import { VehicleOwnersTab } from './VehicleOwnersTab';
import { VehiclePartnersTab } from './VehiclePartnersTab';

type VehicleTab = {
  key: string;
  label: string;
  /** shown only to holders of this permission (the API refuses the tab's data to others anyway) */
  permission?: Permission;
  render: (vehicle: VehicleDetailsFieldsFragment) => ReactNode;
};

/** The vehicle page's tabs; jobs and the pricing plan come with their own issues. */
export const VEHICLE_TABS: readonly VehicleTab[] = [
  { key: 'details', label: 'Details', render: (vehicle) => <VehicleDetailsTab vehicle={vehicle} /> },
  {
    key: 'owners',
    label: 'Owners',
    permission: 'owners:read',
    render: (vehicle) => <VehicleOwnersTab vehicleId={vehicle.id} />,
  },
  { key: 'partners', label: 'Partners', render: (vehicle) => <VehiclePartnersTab vehicle={vehicle} /> },
  { key: 'access', label: 'Access', render: (vehicle) => <VehicleAccessTab vehicle={vehicle} /> },
  {
    key: 'history',
    label: 'History',
    permission: 'vehicles:write',
    render: (vehicle) => <VehicleHistoryTab vehicleId={vehicle.id} />,
  },
];

export type VehicleDetailsProps = {
  id: string;
  /** the open tab, from the URL (`/vehicles/:id/:tab`) */
  tab: string;
};

/**
 * One vehicle: header with its VIN, make and model and archived tag, archive/restore for
 * writers (after a confirmation), and a tab per aspect. A vehicle the viewer may not see looks
 * exactly like a missing one.
 */
export function VehicleDetails({ id, tab }: VehicleDetailsProps) {
  const viewer = useViewer();
  const navigate = useNavigate();
  const { modal, message } = AntApp.useApp();
  const canWrite = hasPermission(viewer, 'vehicles:write');
  const { data, error, loading, refetch } = useQuery(VehicleDetailsDocument, { variables: { id } });
  const [archiveVehicle] = useMutation(ArchiveVehicleDocument);
  const [restoreVehicle] = useMutation(RestoreVehicleDocument);
  const vehicle = data?.vehicle;
  const tabs = VEHICLE_TABS.filter(
    (candidate) => !candidate.permission || hasPermission(viewer, candidate.permission),
  );

  if (!tabs.some((candidate) => candidate.key === tab)) {
    return <Navigate to={`/vehicles/${id}`} replace />;
  }
  if (!vehicle) {
    if (loading) return <Skeleton active paragraph={{ rows: 8 }} />;
    // a missing vehicle and one the viewer may not see look the same: BAD_USER_INPUT with the reason NOT_FOUND
    if (error && graphQLErrorReason(error) === 'NOT_FOUND') {
      return (
        <Result
          status="404"
          title="Vehicle not found"
          subTitle="There is no such vehicle, or it is not one you can see."
          extra={
            <Link to="/vehicles">
              <Button type="primary">Back to vehicles</Button>
            </Link>
          }
        />
      );
    }
    return (
      <QueryErrorAlert
        title="Could not load the vehicle"
        error={error ?? 'The server sent no vehicle.'}
        onRetry={() => void refetch()}
      />
    );
  }

  const archived = !!vehicle.archivedAt;
  const handleArchiveToggle = () => {
    modal.confirm({
      title: archived ? `Restore ${vehicle.vin}?` : `Archive ${vehicle.vin}?`,
      content: archived
        ? 'The vehicle shows in the lists again.'
        : 'The vehicle is hidden from the lists (the "Archived" filter still shows it); its assignments and history are kept and it can be restored.',
      okText: archived ? 'Restore' : 'Archive',
      okButtonProps: archived ? undefined : { danger: true },
      onOk: async () => {
        try {
          const variables = { input: { id: vehicle.id } };
          const result = archived
            ? (await restoreVehicle({ variables })).data?.restoreVehicle
            : (await archiveVehicle({ variables })).data?.archiveVehicle;
          if (result?.__typename === 'VehicleSuccess') {
            void message.success(archived ? 'The vehicle was restored.' : 'The vehicle was archived.');
          } else if (result) {
            void message.error(result.message);
          }
        } catch (mutationError) {
          void message.error(describeError(mutationError));
        }
      },
    });
  };

  return (
    <>
      <Breadcrumb
        items={[
          { key: 'vehicles', title: <Link to="/vehicles">Vehicles</Link> },
          { key: vehicle.id, title: vehicle.vin },
        ]}
        style={{ marginBottom: 12 }}
      />
      <PageHeader
        title={
          <Space size={12} wrap>
            <span>
              {vehicle.make} {vehicle.model}
              {vehicle.year ? ` (${vehicle.year})` : ''}
            </span>
            {archived ? <Tag>Archived</Tag> : null}
          </Space>
        }
        subtitle={
          <Flex gap={8} align="center" wrap component="span">
            <span>VIN</span>
            <CopyableId value={vehicle.vin} copyLabel="Copy VIN" />
            {vehicle.plate ? (
              <Typography.Text type="secondary">· plate {vehicle.plate}</Typography.Text>
            ) : null}
          </Flex>
        }
        extra={
          canWrite ? (
            <Button danger={!archived} onClick={handleArchiveToggle}>
              {archived ? 'Restore' : 'Archive'}
            </Button>
          ) : null
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => void navigate(key === 'details' ? `/vehicles/${id}` : `/vehicles/${id}/${key}`)}
        destroyOnHidden
        items={tabs.map((candidate) => ({
          key: candidate.key,
          label: candidate.label,
          children: candidate.key === tab ? candidate.render(vehicle) : null,
        }))}
      />
    </>
  );
}
