import { useState } from 'react';
import { Button, Flex, Switch, Tag, Typography } from 'antd';
import { useQuery } from '@apollo/client/react';
import { useSearchParams } from 'react-router';
import { VehiclesDocument } from '@partner-hub/graphql-client';
import { EmptyState } from '@partner-hub/ui';
import { useCan } from '../../auth/hooks/viewer-context';
import { PartnerSelect } from '../../partners/components/PartnerSelect';
import { ArchivedSelect, ClearFiltersButton, FilterSearch } from '../../shared/components/ListFilters';
import { LoadMore } from '../../shared/components/LoadMore';
import { QueryErrorAlert } from '../../shared/components/QueryErrorAlert';
import { useLoadMore } from '../../shared/hooks/use-load-more';
import { useVehicleSelection } from '../hooks/use-vehicle-selection';
import type { AssignmentMode } from '../utils/assignment-result';
import {
  hasVehicleFilters,
  readVehicleListParams,
  toVehicleFilter,
  toVehicleOrder,
  withVehicleListParams,
  withoutVehicleListFilters,
} from '../utils/list-params';
import type { VehicleListParamChanges } from '../utils/list-params';
import { AssignVehiclesDialog } from './AssignVehiclesDialog';
import { SelectionBar } from './SelectionBar';
import { VehicleTable } from './VehicleTable';

/** Rows per page of the vehicles list. */
export const VEHICLES_PAGE_SIZE = 50;

/**
 * The vehicles the viewer may see: search (VIN, plate, serial), filters (assigned partner with or
 * without its sub-partners, unassigned, make, model, archived, import batch, owner) and order
 * in the URL; keyset "Load more". Holders of `vehicleAssignments:write` pick rows across pages
 * (or "all matching") and assign them to a partner or take them back in one go.
 */
export function VehicleList() {
  const canAssign = useCan('vehicleAssignments:write');
  const [searchParams, setSearchParams] = useSearchParams();
  const state = readVehicleListParams(searchParams);
  const filter = toVehicleFilter(state);
  const orderBy = toVehicleOrder(state);
  const filtered = hasVehicleFilters(state);
  const [dialog, setDialog] = useState<AssignmentMode | null>(null);

  const { data, previousData, error, loading, fetchMore, refetch } = useQuery(VehiclesDocument, {
    variables: { first: VEHICLES_PAGE_SIZE, filter, orderBy },
    notifyOnNetworkStatusChange: true,
  });
  // While another order or filter loads, the previous rows stay under the spinner instead of an empty table.
  const connection = (data ?? (loading ? previousData : undefined))?.vehicles;
  const vehicles = connection?.edges.map((edge) => edge.node) ?? [];
  const { loadingMore, handleLoadMore } = useLoadMore(connection, fetchMore, 'vehicles');
  const total = data?.vehicles.totalCount;
  const selection = useVehicleSelection(filter, total);

  const change = (changes: VehicleListParamChanges) =>
    setSearchParams(withVehicleListParams(searchParams, changes), { replace: true });
  const handleClearFilters = () =>
    setSearchParams(withoutVehicleListFilters(searchParams), { replace: true });
  const handleDone = () => {
    setDialog(null);
    selection.clear();
  };

  return (
    <>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <FilterSearch
          value={state.search}
          onSearch={(value) => change({ search: value })}
          placeholder="VIN, plate or device serial"
          aria-label="Search vehicles"
          width={260}
        />
        <PartnerSelect
          aria-label="Filter by assigned partner"
          placeholder="Any partner"
          value={state.partnerId}
          onChange={(id) => change({ partnerId: id ?? undefined })}
          style={{ width: 280 }}
        />
        <Flex gap={6} align="center">
          <Switch
            id="vehicles-include-sub-partners"
            size="small"
            checked={!state.directOnly}
            disabled={!state.partnerId}
            onChange={(checked) => change({ directOnly: !checked })}
          />
          <label htmlFor="vehicles-include-sub-partners">Include sub-partners</label>
        </Flex>
        <Flex gap={6} align="center">
          <Switch
            id="vehicles-unassigned"
            size="small"
            checked={state.unassigned}
            onChange={(checked) => change({ unassigned: checked })}
          />
          <label htmlFor="vehicles-unassigned">Unassigned only</label>
        </Flex>
        <FilterSearch
          value={state.make}
          onSearch={(value) => change({ make: value })}
          placeholder="Make"
          aria-label="Filter by make"
          width={150}
        />
        <FilterSearch
          value={state.model}
          onSearch={(value) => change({ model: value })}
          placeholder="Model"
          aria-label="Filter by model"
          width={150}
        />
        <ArchivedSelect archived={state.archived} onChange={(archived) => change({ archived })} width={120} />
        {state.importBatchId ? (
          <Tag closable onClose={() => change({ importBatchId: undefined })}>
            From import batch {state.importBatchId.slice(0, 8)}…
          </Tag>
        ) : null}
        {state.ownerId ? (
          <Tag closable onClose={() => change({ ownerId: undefined })}>
            Of one owner
          </Tag>
        ) : null}
        <ClearFiltersButton filtered={filtered} onClear={handleClearFilters} />
      </Flex>
      {error ? (
        <QueryErrorAlert title="Could not load vehicles" error={error} onRetry={() => void refetch()} />
      ) : null}
      {canAssign ? (
        <SelectionBar selection={selection} total={total}>
          <Button disabled={!selection.target} onClick={() => setDialog('assign')}>
            Assign to partner…
          </Button>
          <Button disabled={!selection.target} onClick={() => setDialog('unassign')}>
            Take back from partner…
          </Button>
        </SelectionBar>
      ) : null}
      <VehicleTable
        label="Vehicles"
        vehicles={vehicles}
        loading={loading && !loadingMore}
        order={{ sort: state.sort, direction: state.direction }}
        onOrderChange={(order) => change({ order })}
        selection={
          canAssign
            ? {
                selectedIds: selection.selectedIds,
                allMatching: selection.allMatching,
                onChange: selection.setSelectedIds,
              }
            : undefined
        }
        emptyText={
          error ? (
            <EmptyState title="The vehicles could not be loaded" text="See the error above." />
          ) : loading ? (
            <Typography.Text type="secondary">Loading vehicles…</Typography.Text>
          ) : filtered ? (
            <EmptyState
              title="No vehicles match these filters"
              action={<Button onClick={handleClearFilters}>Clear filters</Button>}
            />
          ) : (
            <EmptyState
              title="No vehicles yet"
              text="Vehicles your organization may see appear here: all of the principal's, or those assigned to your partner tree."
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
      {canAssign ? (
        <>
          <AssignVehiclesDialog
            mode="assign"
            open={dialog === 'assign'}
            target={selection.target}
            count={selection.count}
            onClose={() => setDialog(null)}
            onDone={handleDone}
          />
          <AssignVehiclesDialog
            mode="unassign"
            open={dialog === 'unassign'}
            target={selection.target}
            count={selection.count}
            onClose={() => setDialog(null)}
            onDone={handleDone}
          />
        </>
      ) : null}
    </>
  );
}
