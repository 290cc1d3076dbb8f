import { useState } from 'react';
import { App as AntApp, Button, Flex, Input, Switch, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { MAX_SEARCH_LENGTH } from '@partner-hub/domain';
import { UnassignVehiclesDocument, VehiclesDocument } from '@partner-hub/graphql-client';
import type { VehicleFilter, VehicleListFieldsFragment } from '@partner-hub/graphql-client';
import { EmptyState } from '@partner-hub/ui';
import { useCan } from '../../auth/hooks/viewer-context';
import { LoadMore } from '../../shared/components/LoadMore';
import { QueryErrorAlert } from '../../shared/components/QueryErrorAlert';
import { useLoadMore } from '../../shared/hooks/use-load-more';
import { describeError } from '../../shared/utils/errors';
import { useVehicleSelection } from '../hooks/use-vehicle-selection';
import type { VehicleTarget } from '../hooks/use-vehicle-selection';
import { describeAssignmentResult, refetchAfterAssignment } from '../utils/assignment-result';
import { AddVehiclesDialog } from './AddVehiclesDialog';
import { SelectionBar } from './SelectionBar';
import { VehicleTable } from './VehicleTable';

const PAGE_SIZE = 25;
const ORDER = { field: 'VIN', direction: 'ASC' } as const;

export type PartnerVehiclesTabProps = {
  partner: {
    id: string;
    name: string;
    /** whether the viewer manages this partner (principal staff; a partner admin for the partners below its own) */
    manageable: boolean;
    archivedAt?: string | null;
    vehicleCount: number;
  };
};

/**
 * The "Vehicles" tab of a partner: the vehicles assigned to it (and, with the switch, to its
 * sub-partners), with "Take back" per row and for a selection, and the "Add vehicles" dialog —
 * for those who may change this partner's assignments.
 */
export function PartnerVehiclesTab({ partner }: PartnerVehiclesTabProps) {
  const canAssign = useCan('vehicleAssignments:write');
  const canChange = canAssign && partner.manageable;
  const { modal, message } = AntApp.useApp();
  const [includeSubPartners, setIncludeSubPartners] = useState(true);
  const [search, setSearch] = useState('');
  const [adding, setAdding] = useState(false);
  // each opening of "Add vehicles" starts afresh (page 1, nothing picked)
  const [addingKey, setAddingKey] = useState(0);
  const filter: VehicleFilter = {
    ...(search ? { search } : {}),
    partnerId: partner.id,
    ...(includeSubPartners ? {} : { directOnly: true }),
  };

  const { data, previousData, error, loading, fetchMore, refetch } = useQuery(VehiclesDocument, {
    variables: { first: PAGE_SIZE, filter, orderBy: ORDER },
    notifyOnNetworkStatusChange: true,
  });
  const connection = (data ?? (loading ? previousData : undefined))?.vehicles;
  const vehicles = connection?.edges.map((edge) => edge.node) ?? [];
  const { loadingMore, handleLoadMore } = useLoadMore(connection, fetchMore, 'vehicles');
  const total = data?.vehicles.totalCount;
  const selection = useVehicleSelection(filter, total);
  const [unassign] = useMutation(UnassignVehiclesDocument, { refetchQueries: refetchAfterAssignment });

  const takeBack = (target: VehicleTarget, what: string) => {
    modal.confirm({
      title: `Take ${what} back from ${partner.name}?`,
      content: `They are also taken back from every partner below ${partner.name} they were passed on to. The ledger keeps the ended periods.`,
      okText: 'Take back',
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          const { data: result } = await unassign({
            variables: { input: { partnerId: partner.id, ...target } },
          });
          const outcome = result?.unassignVehicles;
          if (outcome?.__typename === 'VehicleAssignmentSuccess') {
            void message.success(describeAssignmentResult('unassign', outcome));
            selection.clear();
          } else if (outcome) {
            void message.error(outcome.message);
          }
        } catch (mutationError) {
          void message.error(describeError(mutationError));
        }
      },
    });
  };

  const count = (n: number) => `${n} vehicle${n === 1 ? '' : 's'}`;

  return (
    <>
      <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 16 }}>
        <Flex gap={12} align="center" wrap>
          <Input.Search
            placeholder="VIN, plate or device serial"
            aria-label="Search this partner's vehicles"
            allowClear
            maxLength={MAX_SEARCH_LENGTH}
            onSearch={(value) => setSearch(value.trim())}
            style={{ width: 260 }}
          />
          <Flex gap={6} align="center">
            <Switch
              id="partner-vehicles-include-sub"
              size="small"
              checked={includeSubPartners}
              onChange={setIncludeSubPartners}
            />
            <label htmlFor="partner-vehicles-include-sub">Include sub-partners</label>
          </Flex>
          <Typography.Text type="secondary">
            {count(partner.vehicleCount)} assigned to {partner.name} itself
          </Typography.Text>
        </Flex>
        {canChange && !partner.archivedAt ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              setAddingKey((key) => key + 1);
              setAdding(true);
            }}
          >
            Add vehicles
          </Button>
        ) : null}
      </Flex>
      {error ? (
        <QueryErrorAlert title="Could not load the vehicles" error={error} onRetry={() => void refetch()} />
      ) : null}
      {canChange ? (
        <SelectionBar selection={selection} total={total}>
          <Button
            danger
            disabled={!selection.target}
            onClick={() => selection.target && takeBack(selection.target, count(selection.count))}
          >
            Take back
          </Button>
        </SelectionBar>
      ) : null}
      <VehicleTable
        label={`Vehicles of ${partner.name}`}
        vehicles={vehicles}
        loading={loading && !loadingMore}
        selection={
          canChange
            ? {
                selectedIds: selection.selectedIds,
                allMatching: selection.allMatching,
                onChange: selection.setSelectedIds,
              }
            : undefined
        }
        actions={
          canChange
            ? {
                title: '',
                render: (vehicle: VehicleListFieldsFragment) => (
                  <Button size="small" onClick={() => takeBack({ vehicleIds: [vehicle.id] }, vehicle.vin)}>
                    Take back
                  </Button>
                ),
              }
            : undefined
        }
        emptyText={
          error ? (
            <EmptyState title="The vehicles could not be loaded" text="See the error above." />
          ) : loading ? (
            <Typography.Text type="secondary">Loading vehicles…</Typography.Text>
          ) : (
            <EmptyState
              title={search ? 'No vehicle matches' : 'No vehicles assigned'}
              text={
                search
                  ? 'Change the search.'
                  : canChange
                    ? `Assign vehicles to ${partner.name} with "Add vehicles".`
                    : `No vehicles are assigned to ${partner.name}${includeSubPartners ? ' or its sub-partners' : ''}.`
              }
            />
          )
        }
      />
      {connection ? (
        <LoadMore
          shown={vehicles.length}
          total={connection.totalCount}
          hasNextPage={connection.pageInfo.hasNextPage && !!data}
          loading={loadingMore}
          onLoadMore={() => void handleLoadMore()}
        />
      ) : null}
      {canChange ? (
        <AddVehiclesDialog key={addingKey} partner={partner} open={adding} onClose={() => setAdding(false)} />
      ) : null}
    </>
  );
}
