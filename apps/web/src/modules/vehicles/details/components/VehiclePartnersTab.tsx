import { useState } from 'react';
import { App as AntApp, Button, Flex, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { UnassignVehiclesDocument, VehicleAssignmentsDocument } from '@partner-hub/graphql-client';
import type { VehicleAssignmentsQuery, VehicleDetailsFieldsFragment } from '@partner-hub/graphql-client';
import { EmptyState } from '@partner-hub/ui';
import { useCan } from '../../../auth/hooks/viewer-context';
import { QueryErrorAlert } from '../../../shared/components/QueryErrorAlert';
import { describeError } from '../../../shared/utils/errors';
import { formatDateTime } from '../../../shared/utils/format';
import { AssignVehiclesDialog } from '../../components/AssignVehiclesDialog';
import { describeAssignmentResult, refetchAfterAssignment } from '../../utils/assignment-result';

type Assignment = VehicleAssignmentsQuery['vehicle']['assignments'][number];

export type VehiclePartnersTabProps = { vehicle: VehicleDetailsFieldsFragment };

/**
 * The partners the vehicle is assigned to (as far as the viewer's tree reaches), with "Show
 * ended" for earlier periods and who assigned and took it back when; "Take back" per current
 * assignment and "Assign to partner…" for those who may change assignments.
 */
export function VehiclePartnersTab({ vehicle }: VehiclePartnersTabProps) {
  const canAssign = useCan('vehicleAssignments:write');
  const { modal, message } = AntApp.useApp();
  const [showEnded, setShowEnded] = useState(false);
  const [assigning, setAssigning] = useState(false);
  const { data, previousData, error, loading, refetch } = useQuery(VehicleAssignmentsDocument, {
    variables: { id: vehicle.id, includeEnded: showEnded },
    notifyOnNetworkStatusChange: true,
  });
  const [unassign] = useMutation(UnassignVehiclesDocument, { refetchQueries: refetchAfterAssignment });
  const assignments = (data ?? previousData)?.vehicle.assignments ?? [];

  const handleTakeBack = (assignment: Assignment) => {
    modal.confirm({
      title: `Take ${vehicle.vin} back from ${assignment.partner.name}?`,
      content: `It is also taken back from every partner below ${assignment.partner.name} that it was passed on to. The ledger keeps the ended period.`,
      okText: 'Take back',
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          const { data: result } = await unassign({
            variables: { input: { partnerId: assignment.partner.id, vehicleIds: [vehicle.id] } },
          });
          const outcome = result?.unassignVehicles;
          if (outcome?.__typename === 'VehicleAssignmentSuccess') {
            void message.success(describeAssignmentResult('unassign', outcome));
          } else if (outcome) {
            void message.error(outcome.message);
          }
        } catch (mutationError) {
          void message.error(describeError(mutationError));
        }
      },
    });
  };

  const columns: TableColumnsType<Assignment> = [
    {
      title: 'Partner',
      key: 'partner',
      render: (_value, assignment) => (
        <Flex gap={6} align="center" wrap>
          <Link to={`/partners/${assignment.partner.id}`}>{assignment.partner.name}</Link>
          <Typography.Text type="secondary">{assignment.partner.partnerId}</Typography.Text>
          {assignment.partner.archivedAt ? <Tag>Archived</Tag> : null}
        </Flex>
      ),
    },
    {
      title: 'Assigned',
      key: 'assigned',
      render: (_value, assignment) => (
        <Flex vertical>
          <span>{formatDateTime(assignment.assignedAt)}</span>
          <Typography.Text type="secondary">by {assignment.assignedByLabel}</Typography.Text>
        </Flex>
      ),
    },
    {
      title: 'Taken back',
      key: 'ended',
      render: (_value, assignment) =>
        assignment.unassignedAt ? (
          <Flex vertical>
            <span>{formatDateTime(assignment.unassignedAt)}</span>
            <Typography.Text type="secondary">by {assignment.unassignedByLabel ?? '—'}</Typography.Text>
          </Flex>
        ) : (
          <Tag color="green">Current</Tag>
        ),
    },
    ...(canAssign
      ? [
          {
            title: '',
            key: 'actions',
            render: (_value: unknown, assignment: Assignment) =>
              !assignment.unassignedAt && assignment.partner.manageable ? (
                <Button size="small" danger onClick={() => handleTakeBack(assignment)}>
                  Take back
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <>
      <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 16 }}>
        <Flex gap={6} align="center">
          <Switch id="vehicle-show-ended" size="small" checked={showEnded} onChange={setShowEnded} />
          <label htmlFor="vehicle-show-ended">Show ended</label>
        </Flex>
        {canAssign && !vehicle.archivedAt ? (
          <Button onClick={() => setAssigning(true)}>Assign to partner…</Button>
        ) : null}
      </Flex>
      {error ? (
        <QueryErrorAlert
          title="Could not load the assignments"
          error={error}
          onRetry={() => void refetch()}
        />
      ) : null}
      <Table<Assignment>
        aria-label="Assignments"
        rowKey="id"
        columns={columns}
        dataSource={assignments}
        loading={loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: error ? (
            <EmptyState title="The assignments could not be loaded" text="See the error above." />
          ) : (
            <EmptyState
              title={showEnded ? 'Never assigned' : 'Not assigned'}
              text={
                showEnded
                  ? 'This vehicle has not been assigned to any partner you can see.'
                  : 'No partner you can see holds this vehicle now.'
              }
            />
          ),
        }}
      />
      {canAssign ? (
        <AssignVehiclesDialog
          mode="assign"
          open={assigning}
          target={{ vehicleIds: [vehicle.id] }}
          count={1}
          onClose={() => setAssigning(false)}
          onDone={() => setAssigning(false)}
        />
      ) : null}
    </>
  );
}
