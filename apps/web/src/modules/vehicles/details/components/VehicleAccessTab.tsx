import { useState } from 'react';
import { Button, Card, DatePicker, Flex, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import type { UserRole } from '@partner-hub/domain';
import { WhoCanAccessDocument } from '@partner-hub/graphql-client';
import type {
  VehicleAccessEntryFieldsFragment,
  VehicleDetailsFieldsFragment,
} from '@partner-hub/graphql-client';
import { EmptyState } from '@partner-hub/ui';
import { useCan, useViewer } from '../../../auth/hooks/viewer-context';
import { RoleTag } from '../../../shared/components/RoleTag';
import { QueryErrorAlert } from '../../../shared/components/QueryErrorAlert';
import { formatDateTime } from '../../../shared/utils/format';
import { describeAccessReason, describeAccessVia } from '../../utils/access-wording';

export type VehicleAccessTabProps = { vehicle: VehicleDetailsFieldsFragment };

/**
 * Why the viewer sees this vehicle (its `accessVia`, in words), and — for holders of
 * `vehicleAccess:read` — who can access it now or at a past moment, and why, from the same
 * ledger the server enforces.
 */
export function VehicleAccessTab({ vehicle }: VehicleAccessTabProps) {
  const viewer = useViewer();
  const canAskWho = useCan('vehicleAccess:read');
  return (
    <Flex vertical gap={16}>
      <Card size="small" title="Why you see this vehicle">
        <ul aria-label="Why you see this vehicle" style={{ margin: 0, paddingLeft: 20 }}>
          {vehicle.accessVia.map((entry, index) => (
            <li
              key={`${entry.reason}-${entry.partner?.id ?? ''}-${entry.assignedPartner?.id ?? ''}-${entry.jobId ?? index}`}
            >
              {describeAccessVia(entry, viewer.organization.name)}
            </li>
          ))}
        </ul>
      </Card>
      {canAskWho ? <WhoCanAccessTable vehicleId={vehicle.id} /> : null}
    </Flex>
  );
}

/** The "Who can access" table with a date-and-time picker to ask about a past moment. */
function WhoCanAccessTable({ vehicleId }: { vehicleId: string }) {
  const viewer = useViewer();
  const [at, setAt] = useState<Dayjs | null>(null);
  const { data, previousData, error, loading, refetch } = useQuery(WhoCanAccessDocument, {
    variables: { vehicleId, at: at ? at.toISOString() : null },
    notifyOnNetworkStatusChange: true,
    fetchPolicy: 'network-only',
  });
  const entries = (data ?? previousData)?.whoCanAccess ?? [];

  const columns: TableColumnsType<VehicleAccessEntryFieldsFragment> = [
    {
      title: 'Who',
      key: 'who',
      render: (_value, entry) =>
        entry.partner ? (
          <Link to={`/partners/${entry.partner.id}`}>{entry.partner.name}</Link>
        ) : (
          `${viewer.organization.name} staff`
        ),
    },
    { title: 'Why', key: 'why', render: (_value, entry) => describeAccessReason(entry) },
    {
      title: 'Roles',
      key: 'roles',
      render: (_value, entry) => (
        <Space size={[0, 4]} wrap>
          {entry.roles.map((role) => (
            <RoleTag key={role} role={role as UserRole} />
          ))}
        </Space>
      ),
    },
    {
      title: 'Since',
      key: 'since',
      render: (_value, entry) => (entry.since ? formatDateTime(entry.since) : '—'),
    },
    {
      title: 'Until',
      key: 'until',
      render: (_value, entry) =>
        entry.until ? formatDateTime(entry.until) : entry.reason === 'PRINCIPAL_STAFF' ? '—' : 'Open-ended',
    },
  ];

  return (
    <Card
      size="small"
      title="Who can access"
      extra={
        <Flex gap={8} align="center" wrap>
          <label htmlFor="who-can-access-at">
            <Typography.Text type="secondary">At</Typography.Text>
          </label>
          <DatePicker
            id="who-can-access-at"
            showTime
            value={at}
            onChange={(value) => setAt(value ?? null)}
            placeholder="Now"
            disabledDate={(date) => date.isAfter(new Date(), 'day')}
            allowClear
          />
          {at ? (
            <Button size="small" onClick={() => setAt(null)}>
              Now
            </Button>
          ) : null}
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary">
        {at
          ? `Who could access this vehicle on ${formatDateTime(at.toISOString())} (partners placed where they are in the tree today).`
          : 'Who can access this vehicle now. A partner sees the vehicles assigned to it or to any partner below it; job grants add the service partner’s technicians while the job runs.'}
      </Typography.Paragraph>
      {error ? (
        <QueryErrorAlert title="Could not ask who can access" error={error} onRetry={() => void refetch()} />
      ) : null}
      <Table<VehicleAccessEntryFieldsFragment>
        aria-label="Who can access"
        rowKey={(entry) =>
          `${entry.reason}-${entry.partner?.id ?? 'staff'}-${entry.assignedPartner?.id ?? ''}-${entry.jobId ?? ''}`
        }
        columns={columns}
        dataSource={entries}
        loading={loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: error ? (
            <EmptyState title="The answer could not be loaded" text="See the error above." />
          ) : (
            <EmptyState title="Nobody" text="No one could access this vehicle then." />
          ),
        }}
      />
    </Card>
  );
}
